/// A learner and the badges they hold.
public struct LearnerRecord: Hashable, Sendable {
    public var learner: String
    public var badges: [EarnedBadge]
    public var source: SourceLocation?

    public init(learner: String, badges: [EarnedBadge], source: SourceLocation? = nil) {
        self.learner = learner
        self.badges = badges
        self.source = source
    }
}
