import CairnCore
import CairnTestSupport
import PropertyBased
import Testing

@Suite("Counting in named places and at-most limits agree with brute force")
struct CountingRulesPropertyTests {
    @Test("On 600 random small pathways with alsoCountsFor, maxShared and atMost, the audit's progress is the brute-force optimum")
    func agreesWithBruteForce() throws {
        let asOf = Fixture.date("2026-06-01")
        var checked = 0
        var doubled = 0
        var limited = 0
        for seed in UInt64(0)..<600 {
            let instance = RandomCountingInstance(seed: seed)
            let compiled = try CompiledPathway(pathway: "p", catalog: instance.catalog)
            let result = compiled.audit(instance.record, asOf: asOf)
            // The rare instance with too many assignments for the brute force is left out.
            guard let expected = BruteForceCountingAuditor(catalog: instance.catalog)
                .bestProgress(pathway: "p", record: instance.record, asOf: asOf) else { continue }
            checked += 1
            #expect(result.progress == expected, "\(instance)")
            #expect(result.isComplete == (expected == .one), "\(instance)")
            #expect(result.isExact, "\(instance)")
            // A badge counts at most twice outside shared leaves, and a second count is explained.
            var uses: [String: Int] = [:]
            var explained: [String: Int] = [:]
            result.root.forEachNode { node in
                guard node.isLeaf, !node.isShared else { return }
                for badge in node.assigned {
                    uses["\(badge.badge)@\(badge.issued)", default: 0] += 1
                    if badge.alsoCountedFor != nil { explained["\(badge.badge)@\(badge.issued)", default: 0] += 1 }
                }
            }
            let available = Dictionary(instance.record.badges.map { ("\($0.badgeClassID)@\($0.issued)", 1) }, uniquingKeysWith: +)
            for (key, count) in uses {
                #expect(count <= 2 * (available[key] ?? 0), "\(instance): \(key) counted \(count) times")
            }
            for (key, count) in explained { #expect(count <= 2 * (available[key] ?? 0), "\(instance): \(key)") }
            if !explained.isEmpty { doubled += 1 }
            var turnedAway = false
            result.root.forEachNode { node in turnedAway = turnedAway || node.rejected.contains { $0.reason.code == "over-limit" } }
            if turnedAway { limited += 1 }
        }
        // The brute force could try nearly every instance, and the rules were at work in many.
        #expect(checked >= 550, "only \(checked) of 600 instances were small enough")
        #expect(doubled >= 20, "a badge counted twice in only \(doubled) instances")
        #expect(limited >= 20, "a limit turned a badge away in only \(limited) instances")
    }

    @Test("On 400 random pathways without the rules, maxShared: 0 (which takes the rules' search) changes nothing")
    func rulesSearchAgreesWithTheFastPath() async {
        let asOf = Fixture.date("2026-06-01")
        await propertyCheck(count: 400, input: Gen.uint64(in: 0...UInt64.max)) { seed in
            let instance = RandomInstance(seed: seed, crowded: seed % 2 == 0)
            var pathway = try #require(instance.catalog.pathways["p"])
            pathway.maxShared = 0
            let capped = Catalog(badgeCatalogs: instance.catalog.badgeCatalogs, pathways: [pathway])
            let fast = try CompiledPathway(pathway: "p", catalog: instance.catalog).audit(instance.record, asOf: asOf)
            let rules = try CompiledPathway(pathway: "p", catalog: capped).audit(instance.record, asOf: asOf)
            #expect(rules.progress == fast.progress, "seed \(seed)")
            #expect(rules.isComplete == fast.isComplete, "seed \(seed)")
            #expect(rules.isExact, "seed \(seed)")
        }
    }

    @Test("On 200 random small pathways with the rules, the plan earns the fewest classes that complete the pathway")
    func plansAreCheapest() throws {
        let asOf = Fixture.date("2026-06-01")
        var checked = 0
        var planned = 0
        for seed in UInt64(0)..<200 {
            let instance = RandomCountingInstance(seed: seed)
            // A short record, so that the brute force can add every set of classes to it.
            let record = Fixture.learner(Array(instance.record.badges.prefix(3)))
            let compiled = try CompiledPathway(pathway: "p", catalog: instance.catalog)
            let plan = try compiled.plan(for: record, catalog: instance.catalog, measure: .count, asOf: asOf, reliesUntil: asOf)
            // The fewest classes (each earned once, on the as-of date) with which the brute force completes it.
            let classes = instance.catalog.badgeClasses.keys.sorted()
            var fewest: Int?
            var tooLarge = false
            let brute = BruteForceCountingAuditor(catalog: instance.catalog)
            for size in 0...classes.count where fewest == nil && !tooLarge {
                for subset in (0..<(1 << classes.count)) where subset.nonzeroBitCount == size {
                    let added = classes.indices.filter { subset & (1 << $0) != 0 }
                        .map { Fixture.earned(classes[$0], asOf.description) }
                    guard let best = brute.bestProgress(pathway: "p", record: Fixture.learner(record.badges + added), asOf: asOf) else {
                        tooLarge = true
                        break
                    }
                    if best == .one {
                        fewest = size
                        break
                    }
                }
            }
            guard !tooLarge else { continue }
            checked += 1
            #expect(plan.isOptimal, "\(instance)")
            #expect(plan.isComplete == (fewest != nil), "\(instance): plan \(plan.steps.map(\.badge)), fewest \(String(describing: fewest))")
            if let fewest {
                #expect(plan.total == Rational(fewest), "\(instance): plan \(plan.steps.map(\.badge)), fewest \(fewest)")
                if fewest > 0 { planned += 1 }
            }
        }
        #expect(checked >= 150, "only \(checked) of 200 instances were small enough")
        #expect(planned >= 50, "only \(planned) instances needed a badge earned")
    }
}
