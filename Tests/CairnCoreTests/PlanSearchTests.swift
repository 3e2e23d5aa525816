import CairnCore
import CairnTestSupport
import PropertyBased
import Testing

/// The exact plan search beyond the smallest cases: other measures, larger trees, shared
/// requirements, fine-grained credits, and its limit.
@Suite("Plan search")
struct PlanSearchTests {
    static let asOf = Fixture.date("2026-11-29")

    /// The instance's catalogue with effort hours of 1 to 9 on every class, from `seed`.
    static func withHours(_ instance: RandomInstance, seed: UInt64) -> Catalog {
        var random = SplitMix64(seed: seed ^ 0x5EED)
        let classes = instance.catalog.badgeClasses.values.sorted { $0.id < $1.id }.map { badgeClass in
            var timed = badgeClass
            timed.effortHours = Rational(1 + random.below(9))
            return timed
        }
        return Fixture.catalog(classes, pathways: Array(instance.catalog.pathways.values))
    }

    /// The least total of `measure` over sets of further classes (each earned once, today, with
    /// the best result) with which the audit completes; `nil` when no set does.
    static func bruteForce(_ catalog: Catalog, record: LearnerRecord, hours: Bool) throws -> Rational? {
        let compiled = try CompiledPathway(pathway: "p", catalog: catalog)
        let classes = catalog.badgeClasses.values.sorted { $0.id < $1.id }
        var best: Rational?
        for mask in 0..<(1 << classes.count) {
            var total = Rational.zero
            for (index, badgeClass) in classes.enumerated() where mask & (1 << index) != 0 {
                total += hours ? (badgeClass.effortHours ?? .zero) : .one
            }
            if let best, total >= best { continue }
            var trial = record
            for (index, badgeClass) in classes.enumerated() where mask & (1 << index) != 0 {
                trial.badges.append(EarnedBadge(badgeClassID: badgeClass.id, issued: asOf, result: .label("exceeds")))
            }
            if compiled.audit(trial, asOf: asOf).isComplete { best = total }
        }
        return best
    }

    static func check(_ catalog: Catalog, record: LearnerRecord, measure: Plan.Measure, seed: UInt64) throws {
        let compiled = try CompiledPathway(pathway: "p", catalog: catalog)
        let plan = try compiled.plan(for: record, catalog: catalog, measure: measure, asOf: asOf, reliesUntil: asOf)
        let expected = try bruteForce(catalog, record: record, hours: measure == .hours)
        #expect(plan.isOptimal, "seed \(seed)")
        #expect(plan.isComplete == (expected != nil), "seed \(seed)")
        guard let expected else { return }
        #expect(plan.total == expected, "seed \(seed)")
        var completed = record
        for step in plan.steps {
            completed.badges.append(EarnedBadge(badgeClassID: step.badge, issued: asOf, result: .label("exceeds")))
        }
        #expect(compiled.audit(completed, asOf: asOf).isComplete, "seed \(seed)")
    }

    @Test("minimising hours equals brute force on random small instances", arguments: [false, true])
    func hoursAgainstBruteForce(crowded: Bool) async {
        await propertyCheck(count: 300, input: Gen.uint64(in: 0...UInt64.max)) { seed in
            let instance = RandomInstance(seed: seed, crowded: crowded)
            try Self.check(Self.withHours(instance, seed: seed), record: instance.record, measure: .hours, seed: seed)
        }
    }

    @Test("larger trees over 8 to 11 classes: count and hours equal brute force")
    func largerAgainstBruteForce() async {
        await propertyCheck(count: 60, input: Gen.uint64(in: 0...UInt64.max)) { seed in
            let instance = RandomInstance(seed: seed, crowded: seed % 2 == 0, large: true)
            try Self.check(instance.catalog, record: instance.record, measure: .count, seed: seed)
            try Self.check(Self.withHours(instance, seed: seed), record: instance.record, measure: .hours, seed: seed)
        }
    }

    static func timed(_ id: String, hours: Int, tags: [String] = [], credits: Rational? = nil) -> BadgeClass {
        var badge = Fixture.badge(id, tags: tags)
        badge.effortHours = Rational(hours)
        badge.credits = credits.map { Credits($0, .ects) }
        return badge
    }

    @Test("a shared requirement reuses a badge bought for another, and the plan is proven the cheapest")
    func sharedReuse() throws {
        // `a` (10 h) is needed anyway; the shared part takes it again rather than `b` (3 h).
        let catalog = Fixture.catalog([Self.timed("a", hours: 10, tags: ["x"]), Self.timed("b", hours: 3, tags: ["x"])], pathways: [
            Fixture.pathway("p", .all([.badge("a"), Requirement.tag("x").with(shared: true)])),
        ])
        let plan = try CompiledPathway(pathway: "p", catalog: catalog)
            .plan(for: Fixture.learner([]), catalog: catalog, measure: .hours, asOf: Self.asOf, reliesUntil: Self.asOf)
        #expect(plan.isOptimal)
        #expect(plan.total == Rational(10))
        #expect(plan.steps.map(\.badge) == ["a"])
        #expect(plan.steps.first?.fills.count == 2)
    }

    @Test("credits too fine-grained for the knapsack are covered exactly by search")
    func fineGrainedCredits() throws {
        // Steps of 1/1001 ECTS: 21 ECTS is 21,021 units, past the knapsack's size.
        let catalog = Fixture.catalog([
            Self.timed("a", hours: 5, tags: ["x"], credits: Rational(71, 7)),    // 10 1/7
            Self.timed("b", hours: 5, tags: ["x"], credits: Rational(111, 11)),  // 10 1/11
            Self.timed("c", hours: 1, tags: ["x"], credits: Rational(1, 13)),
            Self.timed("d", hours: 12, tags: ["x"], credits: Rational(21)),
            Self.timed("e", hours: 1, tags: ["x"], credits: Rational(1)),
        ], pathways: [Fixture.pathway("p", Requirement(.credits(Credits(Rational(21), .ects), BadgeFilter(tags: ["x"]))))])
        let plan = try CompiledPathway(pathway: "p", catalog: catalog)
            .plan(for: Fixture.learner([]), catalog: catalog, measure: .hours, asOf: Self.asOf, reliesUntil: Self.asOf)
        #expect(plan.isOptimal)
        // a + b + e = 21 8/77 ECTS for 11 h beats d alone (12 h); a + b + c falls short.
        #expect(plan.total == Rational(11))
        #expect(Set(plan.steps.map(\.badge)) == ["a", "b", "e"])
    }

    @Test("requirements that each can be filled but not together say that they compete")
    func competing() throws {
        let catalog = Fixture.catalog([Fixture.badge("only", tags: ["x"])], pathways: [
            Fixture.pathway("p", .all([.tag("x"), .badge("only")])),
        ])
        let plan = try CompiledPathway(pathway: "p", catalog: catalog)
            .plan(for: Fixture.learner([]), catalog: catalog, measure: .count, asOf: Self.asOf, reliesUntil: Self.asOf)
        #expect(!plan.isComplete)
        #expect(plan.isOptimal)
        #expect(plan.unfillable.count == 1)
        #expect(plan.unfillable.first?.contains("compete for the same badges") == true)
    }

    @Test("a pathway no set of badges completes is proven so, even when each part alone looks fillable")
    func provenImpossible() throws {
        // Found by the property test: a small nested pathway over four classes and six held
        // badges that no set of further badges completes. Before a plan is known, the bound is
        // aimed above any plan's cost, so a branch without plans shows it.
        let instance = RandomInstance(seed: 15_521_174_576_019_974_242, crowded: true)
        let compiled = try CompiledPathway(pathway: "p", catalog: instance.catalog)
        let plan = try compiled.plan(for: instance.record, catalog: instance.catalog, measure: .count, asOf: Self.asOf,
                                     reliesUntil: Self.asOf)
        #expect(try Self.bruteForce(instance.catalog, record: instance.record, hours: false) == nil)
        #expect(!plan.isComplete)
        #expect(plan.isOptimal)
        #expect(plan.branches < 100)
    }

    /// A pathway of `count 2 of` three groups of `count 3 of` six tag or credit leaves over
    /// 120 classes, where the cheap badges are wanted by several leaves at once.
    static func contested(seed: UInt64) -> (Catalog, LearnerRecord) {
        var random = SplitMix64(seed: seed)
        let tags = (0..<8).map { "t\($0)" }
        let classes = (0..<120).map { index in
            Self.timed("c\(index)", hours: 2 + random.below(30), tags: Array(Set((0..<2).map { _ in tags[random.below(8)] })).sorted(),
                       credits: Rational(1 + random.below(3)))
        }
        let groups = (0..<3).map { _ in
            Requirement.count(3, of: (0..<6).map { leaf in
                leaf == 5 ? Requirement(.credits(Credits(Rational(4), .ects), BadgeFilter(tags: [tags[random.below(8)]])))
                    : .tag(tags[random.below(8)])
            })
        }
        let held = (0..<3).map { _ in Fixture.earned("c\(random.below(120))", "2026-03-01") }
        return (Fixture.catalog(classes, pathways: [Fixture.pathway("p", .count(2, of: groups))]), Fixture.learner(held))
    }

    @Test("at its branch limit the search returns a complete plan marked not optimal, never cheaper than the proven one",
          arguments: 0..<6)
    func branchLimit(seed: UInt64) throws {
        let (catalog, record) = Self.contested(seed: seed)
        let compiled = try CompiledPathway(pathway: "p", catalog: catalog)
        let proven = try compiled.plan(for: record, catalog: catalog, measure: .hours, asOf: Self.asOf, reliesUntil: Self.asOf)
        #expect(proven.isOptimal && proven.isComplete)
        let hurried = try compiled.plan(for: record, catalog: catalog, measure: .hours, asOf: Self.asOf, reliesUntil: Self.asOf,
                                        limits: SolverLimits(maxPlanNodes: 1))
        #expect(hurried.isComplete)
        #expect(hurried.total >= proven.total)
        #expect(hurried.isOptimal == (proven.branches <= 1))
        // Both plans really complete the pathway.
        for plan in [proven, hurried] {
            var completed = record
            for step in plan.steps {
                completed.badges.append(EarnedBadge(badgeClassID: step.badge, issued: Self.asOf, result: .label("exceeds")))
            }
            #expect(compiled.audit(completed, asOf: Self.asOf).isComplete)
        }
    }
}
