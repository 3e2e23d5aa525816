/// Where the credit decision log keeps its decisions (``DecisionLog`` holds the rules: the chain,
/// the MACs, what an append checks first). A backend gives it two things: a consistent read of
/// the log, and a transaction that no other appender — in this process or another, on this
/// machine or another — runs beside.
public protocol DecisionStore: Sendable {
    /// Runs `body` with the log locked against every other appender until it returns, in one
    /// transaction that commits only when `body` returns (nothing is written when it throws).
    func withDecisionLogLocked<T>(_ body: (any DecisionLogTransaction) throws -> T) throws -> T
    /// Runs `body` on one consistent snapshot of the log.
    func readingDecisionLog<T>(_ body: (any DecisionLogReader) throws -> T) throws -> T
}

/// A decision as the log keeps it: its content with its sequence number, and what vouches for it.
public struct RecordedDecision: Sendable, Hashable {
    /// The decision, its ``CreditDecision/sequence`` set and its inputs as stored.
    public var decision: CreditDecision
    /// The digest recorded with it (``CreditDecision/digest`` when its content is unchanged).
    public var digest: String
    /// Its chain link.
    public var chain: String
    /// The HMAC of its link under the log's key, when recorded with one.
    public var mac: String?
    /// How many inputs it declared when recorded.
    public var inputCount: Int

    public init(decision: CreditDecision, digest: String, chain: String, mac: String?, inputCount: Int) {
        self.decision = decision
        self.digest = digest
        self.chain = chain
        self.mac = mac
        self.inputCount = inputCount
    }

    /// The sequence number (0 for a decision that has none, which a store never returns).
    public var sequence: Int64 { decision.sequence ?? 0 }
}

/// A consistent read of the decision log.
public protocol DecisionLogReader {
    /// The newest decision's sequence and link, or nil for an empty log.
    func head() throws -> DecisionLog.Head?
    /// Every decision (of `learner`, when given) with its inputs, in sequence order, until `body` returns false.
    func forEachDecision(learner: String?, _ body: (RecordedDecision) throws -> Bool) throws
    /// The decision with this sequence number, with its inputs.
    func decision(sequence: Int64) throws -> RecordedDecision?
    /// The lowest decision number that has inputs recorded but is not in the log, if any.
    func orphanedInputs() throws -> Int64?
    /// Which decisions carry a MAC.
    func macSummary() throws -> MACSummary
    /// Whether some decision's chain link is `link`.
    func containsLink(_ link: String) throws -> Bool
    /// How many decisions the log holds.
    func count() throws -> Int
}

/// The decision log while an appender holds it.
public protocol DecisionLogTransaction: DecisionLogReader {
    /// Appends decisions, each with its sequence number, digest, link and MAC already set.
    func insert(_ decisions: [RecordedDecision]) throws
}
