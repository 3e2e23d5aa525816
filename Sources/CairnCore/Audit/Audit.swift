/// The outcome of auditing one learner against one pathway on one day.
public struct Audit: Hashable, Sendable {
    public var pathway: String
    public var pathwayTitle: String
    public var learner: String
    public var asOf: CalendarDate
    /// True exactly when the root requirement is met.
    public var isComplete: Bool
    /// The root's progress in [0, 1] (as the README's pathway language defines it).
    public var progress: Rational
    public var root: AuditNode
    /// False only when the solver's search budget ran out before it proved the answer optimal.
    public var isExact: Bool
    /// Anything the reader of the audit should know (e.g. why the answer is not proven exact).
    public var notes: [String]
    /// The version of the pathway audited, when the pathway has several (or one was asked for);
    /// ``versionReason`` says why that one (`catalogue year 2025`, `requested`…).
    public var version: String? = nil
    public var versionReason: String? = nil
    /// The figure with the learner's pending earnings awarded, when the pathway can count some of
    /// them; `nil` otherwise. ``isComplete`` and ``progress`` never count a pending earning.
    public var pending: PendingFigure? = nil
    /// For a pathway with several destinations, each destination audited on its own (then
    /// ``isComplete`` says whether some destination is reached); empty otherwise.
    public var destinations: [DestinationAudit] = []
    /// Each milestone of the pathway, met or not; empty for a pathway with none.
    public var milestones: [MilestoneAudit] = []

    public init(pathway: String, pathwayTitle: String, learner: String, asOf: CalendarDate, isComplete: Bool,
                progress: Rational, root: AuditNode, isExact: Bool = true, notes: [String] = []) {
        self.pathway = pathway
        self.pathwayTitle = pathwayTitle
        self.learner = learner
        self.asOf = asOf
        self.isComplete = isComplete
        self.progress = progress
        self.root = root
        self.isExact = isExact
        self.notes = notes
    }
}
