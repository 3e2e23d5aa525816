import CairnCore
import CairnTestSupport
import PropertyBased
import Testing

/// Each exception kind on random pathways, catalogues and learners (see ``RandomInstance``)
/// against what it is meant to be equivalent to, with the brute-force auditor as the
/// independent reference.
@Suite("Registrar exceptions agree with simple references")
struct ExceptionPropertyTests {
    static let asOf = Fixture.date("2026-06-01")
    /// Every badge's declared credits, so that totals compare what the record holds.
    static let policy = CreditPolicy(id: "all", version: "1", unit: .ects,
                                     rules: [CreditRule(id: "all", match: BadgeFilter(), credits: .declared)])

    static func exception(_ action: RegistrarException.Action, pathway: String? = nil) -> RegistrarException {
        RegistrarException(id: 1, learner: "learner", pathway: pathway, action: action, recordedBy: "registrar",
                           recordedOn: Fixture.date("2026-01-01"), reason: "property")
    }

    @Test("blocking a class audits, and earns credit, as the record without that class's earnings",
          arguments: [false, true])
    func blockIsRemoval(crowded: Bool) async {
        await propertyCheck(count: 300, input: Gen.uint64(in: 0...UInt64.max)) { seed in
            let instance = RandomInstance(seed: seed, crowded: crowded)
            var random = SplitMix64(seed: seed ^ 0xB10C)
            let classes = instance.catalog.badgeClasses.keys.sorted()
            let blocked = classes[random.below(classes.count)]
            let application = ExceptionApplication([Self.exception(.block(badge: blocked))], pathway: "p",
                                                   catalog: instance.catalog, record: instance.record, asOf: Self.asOf)
            var without = instance.record
            without.badges.removeAll { $0.badgeClassID == blocked }

            let audit = try CompiledPathway(pathway: "p", catalog: application.catalog).audit(application.record, asOf: Self.asOf)
            let expected = BruteForceAuditor(catalog: instance.catalog).bestProgress(pathway: "p", record: without, asOf: Self.asOf)
            #expect(audit.progress == expected, "seed \(seed), blocked \(blocked)")
            #expect(audit.isComplete == (expected == .one), "seed \(seed), blocked \(blocked)")
            var counted: [String] = []
            audit.root.forEachNode { node in counted += node.assigned.map(\.badge) }
            #expect(!counted.contains(blocked), "seed \(seed)")

            let credit = ExceptionApplication([Self.exception(.block(badge: blocked))], pathway: nil,
                                              catalog: instance.catalog, record: instance.record, asOf: Self.asOf)
            let total = try Self.policy.evaluate(credit.record, catalog: credit.catalog, asOf: Self.asOf).total
            #expect(total == (try Self.policy.evaluate(without, catalog: instance.catalog, asOf: Self.asOf).total),
                    "seed \(seed)")
        }
    }

    @Test("an outside earning that counts as a class audits, and earns credit, as an earning of that class on its date",
          arguments: [false, true])
    func outsideEarningIsAnEarning(crowded: Bool) async {
        await propertyCheck(count: 300, input: Gen.uint64(in: 0...UInt64.max)) { seed in
            let instance = RandomInstance(seed: seed, crowded: crowded)
            var random = SplitMix64(seed: seed ^ 0x0075_1DE)
            let classes = instance.catalog.badgeClasses.keys.sorted()
            let badge = classes[random.below(classes.count)]
            // Some dates fall after the as-of day, and some early enough to have lapsed.
            let issued = Fixture.date("202\(3 + random.below(5))-0\(1 + random.below(9))-1\(random.below(10))")
            let earning = OutsideEarning(title: "Elsewhere", institution: "Another University", issued: issued, countsAs: badge)
            let application = ExceptionApplication([Self.exception(.outsideEarning(earning))], pathway: "p",
                                                   catalog: instance.catalog, record: instance.record, asOf: Self.asOf)
            var plus = instance.record
            plus.badges.append(EarnedBadge(badgeClassID: badge, issued: issued))

            let audit = try CompiledPathway(pathway: "p", catalog: application.catalog).audit(application.record, asOf: Self.asOf)
            let expected = BruteForceAuditor(catalog: instance.catalog).bestProgress(pathway: "p", record: plus, asOf: Self.asOf)
            #expect(audit.progress == expected, "seed \(seed), \(badge) on \(issued)")
            #expect(audit.isComplete == (expected == .one), "seed \(seed)")

            let total = try Self.policy.evaluate(application.record, catalog: application.catalog, asOf: Self.asOf).total
            #expect(total == (try Self.policy.evaluate(plus, catalog: instance.catalog, asOf: Self.asOf).total), "seed \(seed)")
        }
    }

    @Test("waiving a leaf audits, and plans, as the pathway with that leaf replaced by an empty all",
          arguments: [false, true])
    func waiverIsEmptyAll(crowded: Bool) async {
        await propertyCheck(count: 300, input: Gen.uint64(in: 0...UInt64.max)) { seed in
            let instance = RandomInstance(seed: seed, crowded: crowded)
            var random = SplitMix64(seed: seed ^ 0x3A1FE)
            guard var pathway = instance.catalog.pathways["p"] else {
                Issue.record("seed \(seed): no pathway")
                return
            }
            let paths = Self.leafPaths(pathway.requires)
            let path = paths[random.below(paths.count)]
            // The root has no position; name it by id instead.
            if path.isEmpty { pathway.requires.id = "target" }
            let name = path.isEmpty ? "target" : path.map { String($0 + 1) }.joined(separator: ".")
            let catalog = Catalog(badgeCatalogs: instance.catalog.badgeCatalogs, pathways: [pathway])
            var replaced = pathway
            replaced.requires = Self.replacing(pathway.requires, at: path[...], with: Requirement(.all([])))
            let reference = Catalog(badgeCatalogs: instance.catalog.badgeCatalogs, pathways: [replaced])

            let application = ExceptionApplication([Self.exception(.waive(requirement: name), pathway: "p")], pathway: "p",
                                                   catalog: catalog, record: instance.record, asOf: Self.asOf)
            #expect(application.problems.isEmpty, "seed \(seed): \(application.problems.map(\.message))")
            let compiled = try CompiledPathway(pathway: "p", catalog: application.catalog)
            let audit = compiled.audit(application.record, asOf: Self.asOf)
            let expected = BruteForceAuditor(catalog: reference).bestProgress(pathway: "p", record: instance.record, asOf: Self.asOf)
            #expect(audit.progress == expected, "seed \(seed), waived \(name)")
            #expect(audit.isComplete == (expected == .one), "seed \(seed), waived \(name)")
            var waived = 0
            application.annotate(audit).root.forEachNode { node in if node.kind == "waived" { waived += 1 } }
            #expect(waived == 1, "seed \(seed)")

            let plan = try compiled.plan(for: application.record, catalog: application.catalog, measure: .count,
                                         asOf: Self.asOf, reliesUntil: Self.asOf)
            let referencePlan = try CompiledPathway(pathway: "p", catalog: reference)
                .plan(for: instance.record, catalog: reference, measure: .count, asOf: Self.asOf, reliesUntil: Self.asOf)
            #expect(plan.isComplete == referencePlan.isComplete, "seed \(seed)")
            #expect(plan.total == referencePlan.total, "seed \(seed)")
        }
    }

    /// The 0-based positions of every leaf (a node with no parts), parents' positions first.
    static func leafPaths(_ node: Requirement, at path: [Int] = []) -> [[Int]] {
        let children = node.children
        guard !children.isEmpty else { return [path] }
        return children.enumerated().flatMap { position, child in leafPaths(child, at: path + [position]) }
    }

    /// `node` with the part at `path` replaced.
    static func replacing(_ node: Requirement, at path: ArraySlice<Int>, with replacement: Requirement) -> Requirement {
        guard let first = path.first else { return replacement }
        var copy = node
        var children = node.children
        children[first] = replacing(children[first], at: path.dropFirst(), with: replacement)
        switch node.kind {
        case .all: copy.kind = .all(children)
        case .any: copy.kind = .any(children)
        case .countOf(let count, _): copy.kind = .countOf(count, children)
        case .badge, .tag, .skill, .pathway, .countFrom, .credits: break
        }
        return copy
    }
}
