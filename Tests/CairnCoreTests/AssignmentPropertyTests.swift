import CairnCore
import CairnTestSupport
import PropertyBased
import Testing

@Suite("The exact solver agrees with brute force")
struct AssignmentPropertyTests {
    @Test("On 1,000 random small instances the audit's progress is the brute-force optimum",
          arguments: [false, true])
    func agreesWithBruteForce(crowded: Bool) async {
        await propertyCheck(count: 1_000, input: Gen.uint64(in: 0...UInt64.max)) { seed in
            let instance = RandomInstance(seed: seed, crowded: crowded)
            let asOf = Fixture.date("2026-06-01")
            let catalog = instance.catalog
            guard let compiled = try? CompiledPathway(pathway: "p", catalog: catalog) else {
                Issue.record("instance \(seed) did not compile")
                return
            }
            let result = compiled.audit(instance.record, asOf: asOf)
            let expected = BruteForceAuditor(catalog: catalog).bestProgress(pathway: "p", record: instance.record, asOf: asOf)
            #expect(result.progress == expected, "seed \(seed)")
            #expect(result.isComplete == (expected == .one), "seed \(seed)")
            #expect(result.isExact)
            // No earned badge is counted in two non-shared leaves.
            var uses: [String: Int] = [:]
            result.root.forEachNode { node in
                guard node.isLeaf, !node.isShared else { return }
                for badge in node.assigned { uses["\(badge.badge)@\(badge.issued)", default: 0] += 1 }
            }
            let available = Dictionary(instance.record.badges.map { ("\($0.badgeClassID)@\($0.issued)", 1) }, uniquingKeysWith: +)
            for (key, count) in uses { #expect(count <= available[key] ?? 0, "seed \(seed): \(key) counted \(count) times") }
        }
    }

    @Test("The priced search alone (the selection search given one step) finds the brute-force optimum too",
          arguments: [(false, false), (true, false), (false, true), (true, true)])
    func pricedSearchAgreesWithBruteForce(crowded: Bool, large: Bool) async {
        // With a budget of one step the selection search never settles a contested instance, so
        // the priced branch and bound must prove every answer on its own.
        let limits = SolverLimits(maxSearchNodes: 1)
        await propertyCheck(count: 600, input: Gen.uint64(in: 0...UInt64.max)) { seed in
            let instance = RandomInstance(seed: seed, crowded: crowded, large: large)
            let asOf = Fixture.date("2026-06-01")
            let compiled = try CompiledPathway(pathway: "p", catalog: instance.catalog)
            let result = compiled.audit(instance.record, asOf: asOf, limits: limits)
            let expected = BruteForceAuditor(catalog: instance.catalog).bestProgress(pathway: "p", record: instance.record, asOf: asOf)
            #expect(result.progress == expected, "seed \(seed)")
            #expect(result.isComplete == (expected == .one), "seed \(seed)")
            #expect(result.isExact, "seed \(seed)")
        }
    }
}
