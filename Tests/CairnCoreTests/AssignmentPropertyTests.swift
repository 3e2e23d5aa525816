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

    /// One of the exact searches, with the others given no budget.
    enum SearchAlone: String, CaseIterable, Sendable {
        /// The priced branch and bound: one selection step, no integer-program branches.
        case priced
        /// The integer program's branch and bound: one selection step, which settles nothing,
        /// so every contested instance reaches it before the priced search.
        case program

        var limits: SolverLimits {
            switch self {
            case .priced: SolverLimits(maxSearchNodes: 1, maxProgramBranches: 0)
            case .program: SolverLimits(maxSearchNodes: 1, maxProgressBranches: 0)
            }
        }
    }

    @Test("Each exact search alone finds the brute-force optimum too",
          arguments: SearchAlone.allCases, [(false, false), (true, false), (false, true), (true, true)])
    func searchAloneAgreesWithBruteForce(search: SearchAlone, shape: (crowded: Bool, large: Bool)) async {
        await propertyCheck(count: 600, input: Gen.uint64(in: 0...UInt64.max)) { seed in
            let instance = RandomInstance(seed: seed, crowded: shape.crowded, large: shape.large)
            let asOf = Fixture.date("2026-06-01")
            let compiled = try CompiledPathway(pathway: "p", catalog: instance.catalog)
            let result = compiled.audit(instance.record, asOf: asOf, limits: search.limits)
            let expected = BruteForceAuditor(catalog: instance.catalog).bestProgress(pathway: "p", record: instance.record, asOf: asOf)
            #expect(result.progress == expected, "seed \(seed)")
            #expect(result.isComplete == (expected == .one), "seed \(seed)")
            #expect(result.isExact, "seed \(seed)")
        }
    }

    @Test("On the adversarial families, the audit and the integer program alone find the brute-force optimum",
          arguments: FamilyInstance.Family.allCases)
    func familiesAgreeWithBruteForce(family: FamilyInstance.Family) async {
        let asOf = Fixture.date("2026-06-01")
        await propertyCheck(count: 300, input: Gen.uint64(in: 0...UInt64.max)) { seed in
            let instance = FamilyInstance(family, seed: seed)
            let compiled = try CompiledPathway(pathway: "p", catalog: instance.catalog)
            let expected = BruteForceAuditor(catalog: instance.catalog).bestProgress(pathway: "p", record: instance.record, asOf: asOf)
            for limits in [SolverLimits.default, SearchAlone.program.limits] {
                let result = compiled.audit(instance.record, asOf: asOf, limits: limits)
                #expect(result.progress == expected, "\(instance)")
                #expect(result.isComplete == (expected == .one), "\(instance)")
                #expect(result.isExact, "\(instance)")
            }
        }
    }

    @Test("Audits that reach the integer program give the same answers run concurrently as one at a time")
    func programSearchIsSafeConcurrently() async throws {
        // Each search owns its CLP model; nothing is shared between them, so eight at once must
        // agree with the same audits run in turn.
        let asOf = Fixture.date("2026-06-01")
        let limits = SearchAlone.program.limits
        let cases = try (UInt64(0)..<200).map { seed in
            let instance = RandomInstance(seed: seed, crowded: true, large: true)
            return (try CompiledPathway(pathway: "p", catalog: instance.catalog), instance.record)
        }
        let serial = cases.map { $0.0.audit($0.1, asOf: asOf, limits: limits).progress }
        let concurrent = await withTaskGroup(of: (Int, Rational).self) { group in
            for (index, (compiled, record)) in cases.enumerated() {
                group.addTask { (index, compiled.audit(record, asOf: asOf, limits: limits).progress) }
            }
            var results = [Rational](repeating: Rational(-1), count: cases.count)
            for await (index, progress) in group { results[index] = progress }
            return results
        }
        #expect(concurrent == serial)
    }
}
