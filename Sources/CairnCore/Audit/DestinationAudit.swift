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
    /// The destination's figure with the learner's pending earnings awarded, when it can count
    /// some of them; `nil` otherwise (as ``Audit/pending``).
    public var pending: PendingFigure?

    public init(id: String, title: String, awards: String?, isComplete: Bool, progress: Rational,
                isExact: Bool, root: AuditNode, pending: PendingFigure? = nil) {
        self.pending = pending
        self.id = id
        self.title = title
        self.awards = awards
        self.isComplete = isComplete
        self.progress = progress
        self.isExact = isExact
        self.root = root
    }
}
