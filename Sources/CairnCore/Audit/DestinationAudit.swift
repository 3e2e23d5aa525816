/// How far a learner is toward one destination of a pathway with several: the destination's
/// own requirement tree, audited on its own (a badge may count toward each destination, since
/// they are alternative credentials).
public struct DestinationAudit: Hashable, Sendable {
    public var id: String
    public var title: String
    /// The badge class reaching the destination awards.
    public var awards: String?
    public var isComplete: Bool
    public var progress: Rational
    public var isExact: Bool
    public var root: AuditNode

    public init(id: String, title: String, awards: String?, isComplete: Bool, progress: Rational,
                isExact: Bool, root: AuditNode) {
        self.id = id
        self.title = title
        self.awards = awards
        self.isComplete = isComplete
        self.progress = progress
        self.isExact = isExact
        self.root = root
    }
}
