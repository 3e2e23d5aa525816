import CairnCore
import CairnTestSupport
import PropertyBased
import Testing

/// Plans: optimality against brute force, ordering, what-if, and pathways nothing can complete.
@Suite("Plans")
struct PlanTests {
    static let asOf = Fixture.date("2026-11-29")

    /// The least number of further badge classes (each earned once, on the as-of day, with the
    /// best result) with which the audit completes; `nil` when no set does.
    static func bruteForce(_ instance: RandomInstance) throws -> Int? {
        let compiled = try CompiledPathway(pathway: "p", catalog: instance.catalog)
        let classes = instance.catalog.badgeClasses.keys.sorted()
        var best: Int?
        for mask in 0..<(1 << classes.count) {
            let size = mask.nonzeroBitCount
            if let best, size >= best { continue }
            var record = instance.record
            for (index, id) in classes.enumerated() where mask & (1 << index) != 0 {
                record.badges.append(EarnedBadge(badgeClassID: id, issued: asOf, result: .label("exceeds")))
            }
            if compiled.audit(record, asOf: asOf).isComplete { best = size }
        }
        return best
    }

    @Test("the plan's badge count equals brute force on random small instances", arguments: [false, true])
    func optimalAgainstBruteForce(crowded: Bool) async {
        await propertyCheck(count: 400, input: Gen.uint64(in: 0...UInt64.max)) { seed in
            let instance = RandomInstance(seed: seed, crowded: crowded)
            let compiled = try CompiledPathway(pathway: "p", catalog: instance.catalog)
            let plan = try compiled.plan(for: instance.record, catalog: instance.catalog, measure: .count, asOf: Self.asOf,
                                         reliesUntil: Self.asOf)
            let expected = try Self.bruteForce(instance)
            #expect(plan.isOptimal, "seed \(seed)")
            #expect(plan.isComplete == (expected != nil), "seed \(seed)")
            if let expected {
                #expect(plan.total == Rational(expected), "seed \(seed)")
                // And the plan really completes the pathway.
                var record = instance.record
                for step in plan.steps {
                    record.badges.append(EarnedBadge(badgeClassID: step.badge, issued: Self.asOf, result: .label("exceeds")))
                }
                #expect(compiled.audit(record, asOf: Self.asOf).isComplete, "seed \(seed)")
            }
        }
    }

    static let catalog: Catalog = {
        var cheap = Fixture.badge("cheap", tags: ["x"])
        cheap.effortHours = Rational(5)
        var dear = Fixture.badge("dear", tags: ["x", "y"])
        dear.effortHours = Rational(40)
        var first = Fixture.badge("first")
        first.effortHours = Rational(10)
        var second = Fixture.badge("second")
        second.effortHours = Rational(10)
        var other = Fixture.badge("other-y", tags: ["y"])
        other.effortHours = Rational(30)
        return Fixture.catalog([cheap, dear, first, second, other], pathways: [
            Fixture.pathway("p", .all([.tag("x"), .tag("y"), .badge("first"), .badge("second").with(earnedAfter: ["first"])])),
            Fixture.pathway("impossible", .all([.badge("first"), .tag("z")])),
        ])
    }()

    @Test("minimising hours picks the cheapest combination, not the fewest badges; steps respect earnedAfter")
    func hoursAndOrder() throws {
        let plan = try CompiledPathway(pathway: "p", catalog: Self.catalog)
            .plan(for: Fixture.learner([]), catalog: Self.catalog, measure: .hours, asOf: Self.asOf, reliesUntil: Self.asOf)
        // x and y by one badge (dear, 40 h) or two (cheap 5 h + other-y 30 h = 35 h).
        #expect(plan.total == Rational(55))
        #expect(Set(plan.steps.map(\.badge)) == ["cheap", "other-y", "first", "second"])
        let order = plan.steps.map(\.badge)
        #expect(try #require(order.firstIndex(of: "first")) < #require(order.firstIndex(of: "second")))
        #expect(plan.steps.first { $0.badge == "second" }?.after == ["first"])
        let byCount = try CompiledPathway(pathway: "p", catalog: Self.catalog)
            .plan(for: Fixture.learner([]), catalog: Self.catalog, measure: .count, asOf: Self.asOf, reliesUntil: Self.asOf)
        // A badge counts once: `dear` fills x or y, not both, so four badges whatever the measure.
        #expect(byCount.total == Rational(4))
    }

    @Test("held badges count for free; one that lapses before the plan could finish is not relied on")
    func heldAndLapsing() throws {
        var catalog = Self.catalog
        var firstClass = try #require(catalog.badgeClasses["first"])
        firstClass.validity = ValidityRule(duration: Fixture.duration("P1Y"))
        catalog = Fixture.catalog(catalog.badgeClasses.values.map { $0.id == "first" ? firstClass : $0 }.sorted { $0.id < $1.id },
                                  pathways: Array(catalog.pathways.values))
        let record = Fixture.learner([Fixture.earned("first", "2026-01-01"), Fixture.earned("dear", "2026-06-01")])
        let compiled = try CompiledPathway(pathway: "p", catalog: catalog)
        let soon = try compiled.plan(for: record, catalog: catalog, measure: .count, asOf: Self.asOf,
                                     reliesUntil: Fixture.date("2026-12-15"))
        // dear fills x or y; one more badge for the other, and second.
        #expect(soon.total == Rational(2))
        #expect(soon.steps.map(\.badge).contains("second"))
        let later = try compiled.plan(for: record, catalog: catalog, measure: .count, asOf: Self.asOf,
                                      reliesUntil: Fixture.date("2027-06-01"))
        #expect(later.total == Rational(3))
        #expect(later.steps.map(\.badge).contains("first"))
        #expect(later.notReliedOn == ["first (lapses 2027-01-01)"])
    }

    @Test("a pathway nothing on offer completes says which requirement nothing can fill")
    func impossible() throws {
        let plan = try CompiledPathway(pathway: "impossible", catalog: Self.catalog)
            .plan(for: Fixture.learner([]), catalog: Self.catalog, measure: .count, asOf: Self.asOf, reliesUntil: Self.asOf)
        #expect(!plan.isComplete)
        #expect(plan.unfillable == ["A badge tagged z: needs 1 badge; your badges and the catalogues offer 0"])
    }
}

extension Requirement {
    /// Whether this node or one below it is `shared`.
    var containsShared: Bool {
        if shared { return true }
        switch kind {
        case .all(let children), .any(let children), .countOf(_, let children): return children.contains { $0.containsShared }
        default: return false
        }
    }
}
