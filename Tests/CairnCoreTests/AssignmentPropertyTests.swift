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
}
