/// The skills a learner's badges evidence on a day: the alignments of the badges that count,
/// and apart, those of badges that have lapsed (or are in grace).
public struct LearnerSkills: Hashable, Sendable {
    /// One skill and the badges that evidence it.
    public struct Evidence: Hashable, Sendable {
        public var skill: SkillReference
        public var badge: String

        public init(skill: SkillReference, badge: String) {
            self.skill = skill
            self.badge = badge
        }
    }

    public var learner: String
    public var valid: [Evidence]
    public var lapsed: [Evidence]

    public init(learner: String, valid: [Evidence], lapsed: [Evidence]) {
        self.learner = learner
        self.valid = valid
        self.lapsed = lapsed
    }

    /// The skills of `record` on `asOf`, renewals applied; revoked, unproven, blocked and not-yet-issued
    /// badges evidence nothing.
    public init(_ record: LearnerRecord, catalog: Catalog, asOf: CalendarDate) {
        let effective = record.applyingRenewals(asOf: asOf) { catalog.badgeClasses[$0] }
        var valid: [Evidence] = []
        var lapsed: [Evidence] = []
        for badge in effective.badges {
            guard let badgeClass = catalog.badgeClasses[badge.badgeClassID] else { continue }
            let evidence = badgeClass.alignments.map { Evidence(skill: $0, badge: badge.badgeClassID) }
            switch badge.standing(on: asOf, under: badgeClass) {
            case .counts: valid += evidence
            case .lapsed: lapsed += evidence
            case .revoked, .unproven, .blocked, .notYetIssued, .pending: break
            }
        }
        self.init(learner: record.learner, valid: valid, lapsed: lapsed)
    }
}
