import Foundation
import GRDB

/// The registrar's credit decision log: every recorded ``CreditDecision``, in the order it was
/// recorded, in the same SQLite store as the imported frameworks (`.cairn/store.sqlite`).
///
/// The log is append-only, and SQLite itself enforces it: triggers refuse any `UPDATE` or
/// `DELETE` of a decision or of its inputs, whoever opens the file (see `StoreSchema.v2`). Each
/// append is one transaction: a decision is recorded with all its inputs or not at all, and
/// concurrent appends — from other tasks, connections or processes — each get their own next
/// sequence number.
///
/// ## The hash chain
///
/// Each decision also stores a chain link, the lower-case hex SHA-256 of the UTF-8 bytes
///
/// ```
/// cairn-decision-chain-v1⏎<link of the previous decision>⏎<sequence>⏎<digest>⏎<recordedAt>⏎
/// ```
///
/// (`⏎` a line feed; the first decision's previous link is 64 zeros). ``verifyChain()`` recomputes
/// every decision's digest from its stored content and every link from the one before, so an edit
/// made to the file with the triggers out of the way — a changed total, transcript or input, a
/// changed time, a row removed or inserted in the middle — is detected and located. Removing the
/// newest decisions leaves a shorter chain that is still consistent: to detect that, keep the
/// ``ChainVerification/intact(decisions:head:)`` head somewhere else (a ticket, a printed report)
/// and compare.
public struct DecisionLog: Sendable {
    /// The store the log lives in.
    public let store: FrameworkStore

    /// The store file.
    public var path: String { store.path }

    /// The previous link of the first decision.
    static let genesis = String(repeating: "0", count: 64)

    /// Opens the log in the store at `path`, creating the file and its folders when missing and
    /// bringing an older store up to date.
    ///
    /// - Throws: ``StoreError`` when the file cannot be opened, is not a Cairn store, or was
    ///   written by a newer Cairn.
    public init(path: String) throws {
        store = try FrameworkStore(path: path)
    }

    /// The log of a store already open (the same connections as its frameworks).
    public init(store: FrameworkStore) {
        self.store = store
    }

    /// Opens the log when the store file exists; `nil`, and no file created, when it does not.
    public static func existing(at path: String) throws -> DecisionLog? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        return try DecisionLog(path: path)
    }

    /// Records `decision` as the log's next entry, with all its inputs, in one transaction.
    ///
    /// - Returns: the decision as recorded, with its ``CreditDecision/sequence``.
    /// - Throws: ``DecisionLogError`` when the decision is not well formed or was recorded
    ///   already; ``StoreError`` when SQLite fails (disk full, store busy for too long…).
    @discardableResult
    public func append(_ decision: CreditDecision) throws -> CreditDecision {
        if let sequence = decision.sequence {
            throw DecisionLogError(path: path, reason: .alreadyRecorded(sequence: sequence))
        }
        if let problem = decision.problem() {
            throw DecisionLogError(path: path, reason: .invalidDecision(field: problem.field, reason: problem.reason))
        }
        // A decision is never appended to a log that does not prove itself: its link would
        // vouch for whatever was changed before it.
        if case .broken(let sequence, let reason) = try verifyChain() {
            throw DecisionLogError(path: path, reason: .tampered(sequence: sequence, reason: reason))
        }
        let sequence = try writing { db in
            var sequence: Int64 = 0
            try db.inTransaction(.immediate) {
                let last = try Row.fetchOne(db, sql: """
                    SELECT sequence, chain FROM credit_decision ORDER BY sequence DESC LIMIT 1
                    """)
                sequence = (last?["sequence"] as Int64? ?? 0) + 1
                let chain = Self.link(previous: last?["chain"] ?? Self.genesis, sequence: sequence,
                                      digest: decision.digest, recordedAt: decision.recordedAt)
                try db.execute(sql: """
                    INSERT INTO credit_decision (sequence, learner, policyID, policyVersion, asOf, recordedAt, unit,
                        total, transcript, inputCount, digest, chain)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [sequence, decision.learner, decision.policyID, decision.policyVersion,
                                     decision.asOf, decision.recordedAt, decision.unit, decision.total,
                                     decision.transcript, decision.inputs.count, decision.digest, chain])
                let insertInput = try db.makeStatement(sql: """
                    INSERT INTO credit_decision_input (decision, position, path, sha256) VALUES (?, ?, ?, ?)
                    """)
                for (position, input) in decision.inputs.enumerated() {
                    try insertInput.execute(arguments: [sequence, position, input.path, input.sha256])
                }
                return .commit
            }
            return sequence
        }
        var recorded = decision
        recorded.sequence = sequence
        return recorded
    }

    /// The recorded decisions, in sequence order: all of them, or one learner's.
    ///
    /// - Throws: ``DecisionLogError/Reason/tampered(sequence:reason:)`` when a decision's content
    ///   no longer matches its recorded digest; ``StoreError`` when SQLite fails.
    public func decisions(learner: String? = nil) throws -> [CreditDecision] {
        try reading { db in
            let rows: [Row]
            let inputRows: [Row]
            if let learner {
                rows = try Row.fetchAll(db, sql: "SELECT * FROM credit_decision WHERE learner = ? ORDER BY sequence",
                                        arguments: [learner])
                inputRows = try Row.fetchAll(db, sql: """
                    SELECT i.* FROM credit_decision_input i JOIN credit_decision d ON d.sequence = i.decision
                    WHERE d.learner = ? ORDER BY i.decision, i.position
                    """, arguments: [learner])
            } else {
                rows = try Row.fetchAll(db, sql: "SELECT * FROM credit_decision ORDER BY sequence")
                inputRows = try Row.fetchAll(db, sql: "SELECT * FROM credit_decision_input ORDER BY decision, position")
            }
            var inputs: [Int64: [CreditDecision.InputDigest]] = [:]
            for row in inputRows {
                inputs[row["decision"], default: []].append(.init(path: row["path"], sha256: row["sha256"]))
            }
            return try rows.map { row in try checkedDecision(row, inputs: inputs[row["sequence"]] ?? []) }
        }
    }

    /// The decision recorded with `sequence`, or `nil` when there is none.
    public func decision(sequence: Int64) throws -> CreditDecision? {
        try reading { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM credit_decision WHERE sequence = ?",
                                             arguments: [sequence]) else { return nil }
            return try checkedDecision(row, inputs: Self.inputs(of: sequence, db))
        }
    }

    /// Checks the whole log: every decision's digest against its content, the sequence numbers
    /// for gaps, and every chain link against the one before (see the type's documentation).
    ///
    /// - Returns: ``ChainVerification/intact(decisions:head:)`` with the newest link, or
    ///   ``ChainVerification/broken(sequence:reason:)`` naming the first decision that fails.
    public func verifyChain() throws -> ChainVerification {
        try reading { db in
            var previous = Self.genesis
            var previousTime = ""
            var expected: Int64 = 1
            var count = 0
            let rows = try Row.fetchCursor(db, sql: "SELECT * FROM credit_decision ORDER BY sequence")
            while let row = try rows.next() {
                let sequence: Int64 = row["sequence"]
                if sequence != expected {
                    return .broken(sequence: sequence, reason: expected == 1
                        ? "the log starts at decision \(sequence) instead of 1"
                        : "decision \(expected) is missing: \(expected - 1) is followed by \(sequence)")
                }
                let inputs = try Self.inputs(of: sequence, db)
                let decision = Self.decision(row, inputs: inputs)
                let recordedDigest: String = row["digest"]
                if inputs.count != row["inputCount"] as Int {
                    return .broken(sequence: sequence, reason: "it has \(inputs.count) inputs, not the \(row["inputCount"] as Int) recorded")
                }
                if decision.digest != recordedDigest {
                    return .broken(sequence: sequence, reason: "its content no longer matches its digest")
                }
                guard CreditDecision.isTimestamp(decision.recordedAt) else {
                    return .broken(sequence: sequence, reason: "its recordedAt \"\(decision.recordedAt)\" is not a UTC timestamp")
                }
                if decision.recordedAt < previousTime {
                    return .broken(sequence: sequence, reason: "it is recorded at \(decision.recordedAt), "
                                   + "before decision \(sequence - 1) (\(previousTime))")
                }
                previousTime = decision.recordedAt
                let chain: String = row["chain"]
                if chain != Self.link(previous: previous, sequence: sequence, digest: recordedDigest,
                                      recordedAt: decision.recordedAt) {
                    return .broken(sequence: sequence, reason: "its chain link does not follow from "
                                   + (sequence == 1 ? "the start of the log" : "decision \(sequence - 1)"))
                }
                previous = chain
                expected += 1
                count += 1
            }
            let orphans = try Int64.fetchOne(db, sql: """
                SELECT min(decision) FROM credit_decision_input
                WHERE decision NOT IN (SELECT sequence FROM credit_decision)
                """)
            if let orphans {
                return .broken(sequence: orphans, reason: "inputs are recorded for decision \(orphans), which is not in the log")
            }
            return .intact(decisions: count, head: count == 0 ? nil : previous)
        }
    }

    /// How many decisions the log holds, read without any check (tests count appends with it).
    func decisionCountForTesting() throws -> Int {
        try reading { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM credit_decision") ?? 0 }
    }

    /// Whether some decision's chain link is `link`: a head kept earlier is still in the log.
    public func containsLink(_ link: String) throws -> Bool {
        try reading { db in
            try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM credit_decision WHERE chain = ?)", arguments: [link]) ?? false
        }
    }

    /// The chain link of a decision (see the type's documentation).
    static func link(previous: String, sequence: Int64, digest: String, recordedAt: String) -> String {
        CreditDecision.digest(of: Array("cairn-decision-chain-v1\n\(previous)\n\(sequence)\n\(digest)\n\(recordedAt)\n".utf8))
    }

    private static func inputs(of sequence: Int64, _ db: Database) throws -> [CreditDecision.InputDigest] {
        try Row.fetchAll(db, sql: "SELECT path, sha256 FROM credit_decision_input WHERE decision = ? ORDER BY position",
                         arguments: [sequence]).map { .init(path: $0["path"], sha256: $0["sha256"]) }
    }

    private static func decision(_ row: Row, inputs: [CreditDecision.InputDigest]) -> CreditDecision {
        CreditDecision(sequence: row["sequence"], learner: row["learner"], policyID: row["policyID"],
                       policyVersion: row["policyVersion"], asOf: row["asOf"], recordedAt: row["recordedAt"],
                       unit: row["unit"], total: row["total"], transcript: row["transcript"], inputs: inputs)
    }

    /// The decision a row holds, refused when its content no longer matches its recorded digest.
    private func checkedDecision(_ row: Row, inputs: [CreditDecision.InputDigest]) throws -> CreditDecision {
        let decision = Self.decision(row, inputs: inputs)
        guard decision.digest == row["digest"] as String, inputs.count == row["inputCount"] as Int else {
            throw DecisionLogError(path: path, reason: .tampered(
                sequence: row["sequence"], reason: "its content no longer matches its recorded digest"))
        }
        return decision
    }

    private func reading<T>(_ body: (Database) throws -> T) throws -> T {
        try store.reading(body)
    }

    /// Runs a write; a trigger's refusal becomes ``DecisionLogError/Reason/appendOnly(_:)``, any
    /// other SQLite failure a ``StoreError``.
    private func writing<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try store.pool.writeWithoutTransaction(body)
        } catch let error as DatabaseError {
            if let message = error.message, message.hasPrefix(StoreSchema.appendOnlyMessage) {
                throw DecisionLogError(path: path, reason: .appendOnly(message))
            }
            throw FrameworkStore.storeError(error, path: path)
        }
    }
}

/// What ``DecisionLog/verifyChain()`` found.
public enum ChainVerification: Sendable, Hashable {
    /// Every decision matches its digest and its link; `head` is the newest link (`nil` for an
    /// empty log), worth keeping elsewhere to detect a log cut short later.
    case intact(decisions: Int, head: String?)
    /// The first decision that fails, and why.
    case broken(sequence: Int64, reason: String)

    public var isIntact: Bool {
        if case .intact = self { return true }
        return false
    }
}

/// Why the credit decision log refused a decision or a read, naming the store file.
public struct DecisionLogError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Reason: Sendable, Equatable {
        /// A field of the decision is not well formed (`field` names it).
        case invalidDecision(field: String, reason: String)
        /// The decision already has a sequence number: it was recorded as that decision.
        case alreadyRecorded(sequence: Int64)
        /// SQLite refused to change or remove a recorded decision.
        case appendOnly(String)
        /// A recorded decision's content no longer matches its digest: the file was edited
        /// outside Cairn.
        case tampered(sequence: Int64, reason: String)
    }

    /// The store file.
    public var path: String
    public var reason: Reason

    public init(path: String, reason: Reason) {
        self.path = path
        self.reason = reason
    }

    public var description: String {
        switch reason {
        case .invalidDecision(let field, let why):
            return "\(path): the credit decision cannot be recorded: \(field) \(why)"
        case .alreadyRecorded(let sequence):
            return "\(path): this credit decision was already recorded as decision \(sequence); record a new one instead"
        case .appendOnly(let message):
            return "\(path): \(message)"
        case .tampered(let sequence, let why):
            return "\(path): credit decision \(sequence) was altered outside Cairn: \(why)"
        }
    }
}
