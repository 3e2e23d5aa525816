/// Whether a learner has reached a milestone: its requirement's subtree met by their badges on
/// its own (whatever the rest of the pathway needs of those badges).
public struct MilestoneAudit: Hashable, Sendable {
    /// The id of the requirement node the milestone names.
    public var requirement: String
    /// The badge class the milestone awards.
    public var awards: String
    public var title: String
    public var isMet: Bool
    /// The subtree's progress in [0, 1].
    public var progress: Rational
    /// False when the solver's budget ran out before proving the answer (then it is not met).
    public var isExact: Bool

    public init(requirement: String, awards: String, title: String, isMet: Bool, progress: Rational, isExact: Bool = true) {
        self.requirement = requirement
        self.awards = awards
        self.title = title
        self.isMet = isMet
        self.progress = progress
        self.isExact = isExact
    }
}
