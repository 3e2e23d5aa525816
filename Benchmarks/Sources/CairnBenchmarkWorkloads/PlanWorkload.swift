import Cairn

/// Planning at size: a 40-leaf pathway (`count 3 of` four groups of `count 6 of` ten leaves:
/// tags, named badges and credit leaves) over a 500-badge catalogue, for 20 learners holding
/// 10–20 of the badges, minimising effort hours. Each learner has their own catalogue and
/// pathway, generated from their seed.
public struct PlanWorkload: Sendable {
    public static let learnerCount = 20

    /// One learner's case, compiled once, so the plan (or the audit) is all that is measured.
    private struct Case: Sendable {
        let compiled: CompiledPathway
        let catalog: Catalog
        let record: LearnerRecord
    }

    /// What one plan found.
    public struct Outcome: Sendable {
        public let isProvenOptimal: Bool
        public let branchesExplored: Int
    }

    private let cases: [Case]
    private let asOf: CalendarDate

    public init() throws {
        let asOf = try FixedDate.asOf()
        self.asOf = asOf
        cases = try (0..<UInt64(Self.learnerCount)).map { seed in try Self.learnerCase(seed: seed) }
    }

    /// The whole `plan` call for learner `index` (modulo the number of learners): the search for
    /// a plan of least effort hours, and one audit for today's progress.
    public func plan(_ index: Int) throws -> Outcome {
        let learner = cases[index % cases.count]
        let plan = try learner.compiled.plan(for: learner.record, catalog: learner.catalog, measure: .hours,
                                             asOf: asOf, reliesUntil: asOf)
        return Outcome(isProvenOptimal: plan.isOptimal, branchesExplored: plan.branches)
    }

    /// The audit a plan includes for today's progress, alone; returns whether it was proven exact.
    public func auditTodaysProgress(_ index: Int) -> Bool {
        let learner = cases[index % cases.count]
        return learner.compiled.audit(learner.record, asOf: asOf).isExact
    }

    private static func learnerCase(seed: UInt64) throws -> Case {
        var random = SplitMix64(seed: 0xB1A5 &+ seed &* 7919)
        let tags = (0..<24).map { "t\($0)" }
        let issuer = Issuer(id: "https://example.edu", name: "Example")
        let classes: [BadgeClass] = (0..<500).map { index in
            let chosen = (0..<(1 + random.below(3))).map { _ in tags[random.below(tags.count)] }
            return BadgeClass(id: "b\(index)", name: "Badge \(index)", issuer: issuer, tags: Array(Set(chosen)).sorted(),
                              credits: Credits(Rational(1 + random.below(4)), .ects),
                              effortHours: Rational(5 + random.below(60)),
                              cost: Money(amount: Rational(50 + random.below(300)), currency: "EUR"))
        }
        // Four groups: count 6 of 10 leaves each (tag leaves, a few named badges, one credit leaf).
        var groups: [Requirement] = []
        for group in 0..<4 {
            var leaves: [Requirement] = []
            for leaf in 0..<10 {
                switch (group * 10 + leaf) % 7 {
                case 0: leaves.append(Requirement(.badge("b\(random.below(500))")))
                case 1: leaves.append(Requirement(.credits(Credits(Rational(3 + random.below(4)), .ects),
                                                           BadgeFilter(tags: [tags[random.below(tags.count)]]))))
                default: leaves.append(Requirement(.tag(tags[random.below(tags.count)])))
                }
            }
            groups.append(Requirement(.countOf(6, leaves)))
        }
        let pathway = Pathway(id: "big", title: "Big", requires: Requirement(.countOf(3, groups)))
        let catalog = Catalog(badgeCatalogs: [BadgeCatalog(issuer: issuer, badges: classes)], pathways: [pathway])
        let held = try (0..<(10 + random.below(10))).map { _ in
            EarnedBadge(badgeClassID: "b\(random.below(500))",
                        issued: try FixedDate.of(year: 2026, month: 1, day: 1 + random.below(28)))
        }
        return Case(compiled: try CompiledPathway(pathway: "big", catalog: catalog), catalog: catalog,
                    record: LearnerRecord(learner: "l\(seed)", badges: held))
    }
}
