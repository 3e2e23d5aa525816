import CairnCore
import CairnTestSupport
import Testing

@Suite("Destinations and milestones agree with brute force")
struct DestinationPropertyTests {
    /// A programme built from a random instance: its pathway's tree is the shared core (id
    /// `core`, a milestone); the exit certificate needs the core, the diploma the core and one
    /// more badge of a random tag — so a badge may count toward each destination, and within the
    /// diploma the core and the extra badge compete for it.
    static func programme(_ instance: RandomCountingInstance, seed: UInt64) throws -> (catalog: Catalog, parts: [Pathway]) {
        var core = try #require(instance.catalog.pathways["p"]).requires
        core.id = "core"
        let tag = ["a", "b", "c"][Int(seed % 3)]
        let diplomaTree = Requirement(.all([core, Requirement(.countFrom(1, BadgeFilter(tags: [tag])), id: "extra")]))
        let destinations = [PathwayDestination(id: "certificate", title: "Certificate", awards: nil, requires: core),
                            PathwayDestination(id: "diploma", title: "Diploma", awards: nil, requires: diplomaTree)]
        let maxShared = instance.catalog.pathways["p"]?.maxShared
        let programme = Pathway(id: "programme", title: "Programme", maxShared: maxShared, destinations: destinations,
                                milestones: [PathwayMilestone(requirement: "core", awards: "k0")],
                                requires: Pathway.requirement(reachingOneOf: destinations))
        // Each part alone, for the brute force: the same trees as pathways of their own.
        let parts = [Pathway(id: "certificate", title: "Certificate", maxShared: maxShared, requires: core),
                     Pathway(id: "diploma", title: "Diploma", maxShared: maxShared, requires: diplomaTree)]
        return (Catalog(badgeCatalogs: instance.catalog.badgeCatalogs, pathways: [programme] + parts), parts)
    }

    @Test("On 300 random programmes, each destination's progress, each milestone and completion are the brute-force optimum")
    func agreesWithBruteForce() throws {
        let asOf = Fixture.date("2026-06-01")
        var checked = 0
        var reachedOne = 0
        var milestonesMet = 0
        for seed in UInt64(0)..<300 {
            let instance = RandomCountingInstance(seed: seed)
            let (catalog, _) = try Self.programme(instance, seed: seed)
            let brute = BruteForceCountingAuditor(catalog: catalog)
            guard let certificate = brute.bestProgress(pathway: "certificate", record: instance.record, asOf: asOf),
                  let diploma = brute.bestProgress(pathway: "diploma", record: instance.record, asOf: asOf) else { continue }
            checked += 1
            let audit = try CompiledPathway(pathway: "programme", catalog: catalog).audit(instance.record, asOf: asOf)
            try #require(audit.destinations.count == 2, "\(instance)")
            #expect(audit.destinations[0].progress == certificate, "\(instance)")
            #expect(audit.destinations[1].progress == diploma, "\(instance)")
            #expect(audit.destinations[0].isComplete == (certificate == .one), "\(instance)")
            #expect(audit.destinations[1].isComplete == (diploma == .one), "\(instance)")
            // The programme is complete exactly when some destination is reached.
            #expect(audit.isComplete == (certificate == .one || diploma == .one), "\(instance)")
            // The milestone is the core met on its own: the certificate's tree.
            try #require(audit.milestones.count == 1, "\(instance)")
            #expect(audit.milestones[0].isMet == (certificate == .one), "\(instance)")
            #expect(audit.isExact, "\(instance)")
            if certificate == .one || diploma == .one { reachedOne += 1 }
            if audit.milestones[0].isMet { milestonesMet += 1 }
        }
        #expect(checked >= 250, "only \(checked) of 300 instances were small enough")
        #expect(reachedOne >= 20, "a destination was reached in only \(reachedOne) instances")
        #expect(milestonesMet >= 20, "the milestone was met in only \(milestonesMet) instances")
    }

    @Test("On 150 random programmes, a plan toward a destination earns the fewest classes the brute force needs for it")
    func plansTowardADestinationAreCheapest() throws {
        let asOf = Fixture.date("2026-06-01")
        var checked = 0
        for seed in UInt64(0)..<150 {
            let instance = RandomCountingInstance(seed: seed)
            let (catalog, _) = try Self.programme(instance, seed: seed)
            let record = Fixture.learner(Array(instance.record.badges.prefix(2)))
            let compiled = try CompiledPathway(pathway: "programme", catalog: catalog)
            let target = seed % 2 == 0 ? "certificate" : "diploma"
            let part = try #require(compiled.destination(target))
            let plan = try part.plan(for: record, catalog: catalog, measure: .count, asOf: asOf, reliesUntil: asOf)
            let classes = catalog.badgeClasses.keys.sorted()
            let brute = BruteForceCountingAuditor(catalog: catalog)
            var fewest: Int?
            var tooLarge = false
            for size in 0...classes.count where fewest == nil && !tooLarge {
                for subset in (0..<(1 << classes.count)) where subset.nonzeroBitCount == size {
                    let added = classes.indices.filter { subset & (1 << $0) != 0 }.map { Fixture.earned(classes[$0], asOf.description) }
                    guard let best = brute.bestProgress(pathway: target, record: Fixture.learner(record.badges + added), asOf: asOf) else {
                        tooLarge = true
                        break
                    }
                    if best == .one { fewest = size; break }
                }
            }
            guard !tooLarge else { continue }
            checked += 1
            #expect(plan.isComplete == (fewest != nil), "\(instance) → \(target)")
            if let fewest, plan.isOptimal { #expect(plan.total == Rational(fewest), "\(instance) → \(target): \(plan.steps.map(\.badge))") }
        }
        #expect(checked >= 100, "only \(checked) of 150 instances were small enough")
    }
}
