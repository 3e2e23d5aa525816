import Foundation

/// The registrar's credit decision log: every recorded ``CreditDecision``, in the order it was
/// recorded, in the same store as the imported frameworks (`.cairn/store.sqlite`, or a shared
/// PostgreSQL database).
///
/// The log is append-only, and the database itself enforces it: triggers refuse any `UPDATE` or
/// `DELETE` of a decision or of its inputs, whoever connects (see `StoreSchema.v2`). Each
/// append is one transaction: a decision is recorded with all its inputs or not at all, and
/// concurrent appends — from other tasks, connections or processes — each get their own next
/// sequence number.
///
/// ## The hash chain
///
/// Each decision also stores a chain link, the lower-case hex SHA-256 of the UTF-8 bytes
///
/// ```
/// cairn-decision-chain-v2⏎<link of the previous decision>⏎<sequence>⏎<digest>⏎<recordedAt>⏎<n>:<recordedBy>⏎
/// ```
///
/// (`<n>` the byte count of the UTF-8 name that follows) — or, for a decision recorded before
/// Cairn kept who recorded it (schema version 3 and earlier), the first form, without the name:
/// `cairn-decision-chain-v1⏎<previous>⏎<sequence>⏎<digest>⏎<recordedAt>⏎`.
///
/// (`⏎` a line feed; the first decision's previous link is 64 zeros). The digest covers the
/// decision's content (learner, policy and version, as-of date, unit, total, transcript, inputs)
/// and the link adds its sequence number, its time and the link before it, so every field
/// `cairn credits history` shows is covered, and a decision whose digest was recomputed after an
/// edit no longer matches its link. ``verifyChain(key:)`` recomputes every decision's digest
/// from its stored content and every link from the one before, so an edit made to the file with
/// the triggers out of the way — a changed total, learner, transcript or input, a changed time,
/// a row removed or inserted in the middle — is detected and located.
///
/// ## What the chain cannot prove, and what does
///
/// Someone who can rewrite the whole file can recompute every digest and every link, and
/// removing the newest decisions leaves a shorter chain that is still consistent. Two things
/// stop that: keep the ``ChainVerification/intact(decisions:head:)`` head somewhere the store's
/// writers cannot change (a ticket, a printed report) and check that the log still holds it
/// (``containsLink(_:)``); and keep the log with a ``DecisionLogKey`` held outside the store:
/// each decision then also carries an HMAC of its link, which cannot be recomputed without the
/// key.
public struct DecisionLog: Sendable {
    /// The store the log lives in.
    public let store: any Store

    /// Where the store is (a file path or a PostgreSQL URL without its password).
    public var path: String { store.location }

    /// The previous link of the first decision.
    static let genesis = String(repeating: "0", count: 64)

    /// Opens the log in the SQLite store at `path`, creating the file and its folders when
    /// missing and bringing an older store up to date.
    ///
    /// - Throws: ``StoreError`` when the file cannot be opened, is not a Cairn store, or was
    ///   written by a newer Cairn.
    public init(path: String) throws {
        store = try SQLiteStore(path: path)
    }

    /// The log of a store already open (SQLite or PostgreSQL).
    public init(store: any Store) {
        self.store = store
    }

    /// Opens the log when the store file exists; `nil`, and no file created, when it does not.
    public static func existing(at path: String) throws -> DecisionLog? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        return try DecisionLog(path: path)
    }

    /// Records `decision` as the log's next entry, with all its inputs, in one transaction —
    /// after checking, inside that transaction, that the log as it stands verifies.
    ///
    /// - Parameters:
    ///   - decision: the decision to record, not recorded before.
    ///   - key: the log's key, when it is kept with one: the decision's chain link is then MACed
    ///     with it (see ``DecisionLogKey``), and the existing MACs are checked first.
    ///   - adoptingKey: whether `key` may start MACing a log whose decisions were all recorded
    ///     without one. The first MAC vouches for every decision before it, so check the log
    ///     against a head kept elsewhere before adopting a key (someone who rewrote the log and
    ///     removed its MACs would otherwise have the rewrite vouched for).
    /// - Returns: the decision as recorded, with its ``CreditDecision/sequence``.
    /// - Throws: ``DecisionLogError`` when the decision is not well formed or was recorded
    ///   already, when the log does not verify (``DecisionLogError/Reason/tampered(sequence:reason:)``:
    ///   a decision appended there would vouch for whatever was changed before it), or when the
    ///   log's decisions carry MACs and no key is given
    ///   (``DecisionLogError/Reason/keyRequired(firstKeyed:)``), or when a key is given for a log
    ///   whose decisions carry no MAC and `adoptingKey` is false
    ///   (``DecisionLogError/Reason/keyNotAdopted(decisions:)``); ``StoreError`` when the
    ///   database fails (disk full, store busy for too long…).
    @discardableResult
    public func append(_ decision: CreditDecision, key: DecisionLogKey? = nil,
                       adoptingKey: Bool = false) throws -> CreditDecision {
        let (recorded, _) = try append(contentsOf: [decision], key: key, adoptingKey: adoptingKey)
        return recorded[0]
    }

    /// The newest decision a process verified or wrote: while the log's newest decision is still
    /// this one, nothing was appended since, and the chain up to it need not be checked again.
    public struct Head: Hashable, Sendable {
        public var sequence: Int64
        public var chain: String

        public init(sequence: Int64, chain: String) {
            self.sequence = sequence
            self.chain = chain
        }
    }

    /// Records `decisions`, in order, as the log's next entries in one transaction, under the
    /// same checks as ``append(_:key:adoptingKey:)`` — a cohort's credit decisions, a chunk at a
    /// time. Pass the returned head to the next call: when the log's newest decision is still the
    /// one it names, the log is not verified again from the start (nothing was appended since this
    /// process last verified it, and the store keeps recorded decisions from changing), so
    /// recording a cohort costs time in proportion to the cohort, not to its square.
    ///
    /// Appenders in other processes, on this machine or (with PostgreSQL) on others, wait for
    /// each other: the store locks the log for the whole check-and-append, so the chain stays one line.
    ///
    /// - Returns: the decisions as recorded, with their sequence numbers, and the log's new head.
    public func append(contentsOf decisions: [CreditDecision], key: DecisionLogKey? = nil, adoptingKey: Bool = false,
                       after verified: Head? = nil) throws -> (recorded: [CreditDecision], head: Head?) {
        for decision in decisions {
            if let sequence = decision.sequence {
                throw DecisionLogError(path: path, reason: .alreadyRecorded(sequence: sequence))
            }
            if let problem = decision.problem() {
                throw DecisionLogError(path: path, reason: .invalidDecision(field: problem.field, reason: problem.reason))
            }
        }
        guard !decisions.isEmpty else { return ([], verified) }
        return try store.withDecisionLogLocked { log in
            let current = try log.head()
            // Checked under the lock, so no other appender can change the log between the check and the append.
            if verified == nil || current != verified {
                switch try Self.verify(log, key: key, requiringMAC: false) {
                case .broken(let sequence, let reason):
                    throw DecisionLogError(path: path, reason: .tampered(sequence: sequence, reason: reason))
                case .intact(let count, _):
                    let firstKeyed = try log.macSummary().firstKeyed
                    if key == nil, let firstKeyed {
                        throw DecisionLogError(path: path, reason: .keyRequired(firstKeyed: firstKeyed))
                    }
                    if key != nil, firstKeyed == nil, count > 0, !adoptingKey {
                        throw DecisionLogError(path: path, reason: .keyNotAdopted(decisions: count))
                    }
                }
            }
            var sequence = current?.sequence ?? 0
            var previous = current?.chain ?? Self.genesis
            // A decision's time is read before the lock is taken: one that waited behind an
            // appender stamped a second later is recorded at that appender's time, so the log's
            // times never go backwards (verify holds them to that).
            var latest = try current.flatMap { try log.decision(sequence: $0.sequence)?.decision.recordedAt }
            var rows: [RecordedDecision] = []
            rows.reserveCapacity(decisions.count)
            for var decision in decisions {
                if let latest, decision.recordedAt < latest { decision.recordedAt = latest }
                latest = decision.recordedAt
                sequence += 1
                decision.sequence = sequence
                let chain = Self.link(previous: previous, sequence: sequence, digest: decision.digest,
                                      recordedAt: decision.recordedAt, recordedBy: decision.recordedBy)
                rows.append(RecordedDecision(decision: decision, digest: decision.digest, chain: chain,
                                             mac: key?.mac(forLink: chain), inputCount: decision.inputs.count))
                previous = chain
            }
            try log.insert(rows)
            return (rows.map(\.decision), Head(sequence: sequence, chain: previous))
        }
    }

    /// The recorded decisions, in sequence order: all of them, or one learner's.
    ///
    /// - Throws: ``DecisionLogError/Reason/tampered(sequence:reason:)`` when a decision's content
    ///   no longer matches its recorded digest; ``StoreError`` when the database fails.
    public func decisions(learner: String? = nil) throws -> [CreditDecision] {
        try store.readingDecisionLog { log in
            var found: [CreditDecision] = []
            try log.forEachDecision(learner: learner) { recorded in
                found.append(try checked(recorded))
                return true
            }
            return found
        }
    }

    /// The decision recorded with `sequence`, or `nil` when there is none.
    public func decision(sequence: Int64) throws -> CreditDecision? {
        try store.readingDecisionLog { log in try log.decision(sequence: sequence).map(checked) }
    }

    /// Checks the whole log: the sequence numbers for gaps, every decision's inputs and digest
    /// against its content, its time (a UTC timestamp, never before the decision before it),
    /// every chain link against the one before, and the MACs (see the type's documentation).
    ///
    /// Without `key`, the MACs are not checked beyond their form and their order (once a
    /// decision carries one, every later one must); with it, every MAC must be the key's and at
    /// least the newest decision must carry one, so a log rewritten without the key fails.
    ///
    /// - Returns: ``ChainVerification/intact(decisions:head:)`` with the newest link, or
    ///   ``ChainVerification/broken(sequence:reason:)`` naming the first decision that fails.
    public func verifyChain(key: DecisionLogKey? = nil) throws -> ChainVerification {
        try store.readingDecisionLog { log in try Self.verify(log, key: key, requiringMAC: true) }
    }

    /// Which decisions carry a MAC (recorded with a ``DecisionLogKey``), read without checking them.
    public func macSummary() throws -> MACSummary {
        try store.readingDecisionLog { log in try log.macSummary() }
    }

    /// Verifies the log (see ``verifyChain(key:)``); `requiringMAC` false accepts a log without
    /// any MAC under a key (an append that is about to adopt the key).
    private static func verify(_ log: any DecisionLogReader, key: DecisionLogKey?, requiringMAC: Bool) throws -> ChainVerification {
        var previous = Self.genesis
        var previousTime = ""
        var expected: Int64 = 1
        var count = 0
        var firstKeyed: Int64?
        var broken: ChainVerification?
        try log.forEachDecision(learner: nil) { recorded in
            let sequence = recorded.sequence
            let decision = recorded.decision
            func fail(_ reason: String) -> Bool {
                broken = .broken(sequence: sequence, reason: reason)
                return false
            }
            if sequence != expected {
                return fail(expected == 1
                    ? "the log starts at decision \(sequence) instead of 1"
                    : "decision \(expected) is missing: \(expected - 1) is followed by \(sequence)")
            }
            if decision.inputs.count != recorded.inputCount {
                return fail("it has \(decision.inputs.count) inputs, not the \(recorded.inputCount) recorded")
            }
            if decision.digest != recorded.digest {
                return fail("its content no longer matches its digest")
            }
            guard CreditDecision.isTimestamp(decision.recordedAt) else {
                return fail("its recordedAt \"\(decision.recordedAt)\" is not a UTC timestamp")
            }
            if decision.recordedAt < previousTime {
                return fail("it is recorded at \(decision.recordedAt), before decision \(sequence - 1) (\(previousTime))")
            }
            previousTime = decision.recordedAt
            if recorded.chain != Self.link(previous: previous, sequence: sequence, digest: recorded.digest,
                                           recordedAt: decision.recordedAt, recordedBy: decision.recordedBy) {
                return fail("its chain link does not follow from "
                            + (sequence == 1 ? "the start of the log" : "decision \(sequence - 1)"))
            }
            if let problem = macProblem(recorded.mac, link: recorded.chain, firstKeyed: firstKeyed, key: key) {
                return fail(problem)
            }
            if firstKeyed == nil, recorded.mac != nil { firstKeyed = sequence }
            previous = recorded.chain
            expected += 1
            count += 1
            return true
        }
        if let broken { return broken }
        if let orphans = try log.orphanedInputs() {
            return .broken(sequence: orphans, reason: "inputs are recorded for decision \(orphans), which is not in the log")
        }
        if key != nil, requiringMAC, count > 0, firstKeyed == nil {
            return .broken(sequence: Int64(count), reason: "no decision carries a MAC, so none was recorded with "
                           + "the key (the log was kept without one, or rewritten and its MACs removed)")
        }
        return .intact(decisions: count, head: count == 0 ? nil : previous)
    }

    /// What is wrong with a decision's MAC, or `nil`: a MAC must be well formed and, once one
    /// decision carries one, so must every later one (appending without the key is refused);
    /// with the key, it must be the key's MAC of the link.
    private static func macProblem(_ mac: String?, link: String, firstKeyed: Int64?, key: DecisionLogKey?) -> String? {
        guard let mac else {
            return firstKeyed.map {
                "it has no MAC although decision \($0) before it has one: it was added or rewritten without the key"
            }
        }
        guard CreditDecision.isDigest(mac) else { return "its MAC is not 64 lower-case hex digits" }
        if let key, key.mac(forLink: link) != mac {
            return "its MAC does not match the log key: it was rewritten without the key, or the key is not this log's"
        }
        return nil
    }

    /// How many decisions the log holds, read without any check (tests count appends with it).
    public func decisionCount() throws -> Int {
        try store.readingDecisionLog { log in try log.count() }
    }

    /// Whether some decision's chain link is `link`: a head kept earlier is still in the log.
    public func containsLink(_ link: String) throws -> Bool {
        try store.readingDecisionLog { log in try log.containsLink(link) }
    }

    /// The chain link of a decision (see the type's documentation). A decision that names who
    /// recorded it links with the second form, which adds that name (its length first, so no
    /// name can pass for another); one recorded before Cairn kept the name, with the first.
    static func link(previous: String, sequence: Int64, digest: String, recordedAt: String, recordedBy: String?) -> String {
        guard let recordedBy else {
            return CreditDecision.digest(of: Array("cairn-decision-chain-v1\n\(previous)\n\(sequence)\n\(digest)\n\(recordedAt)\n".utf8))
        }
        return CreditDecision.digest(of: Array(("cairn-decision-chain-v2\n\(previous)\n\(sequence)\n\(digest)\n\(recordedAt)\n"
            + "\(recordedBy.utf8.count):\(recordedBy)\n").utf8))
    }

    /// The decision a row holds, refused when its content no longer matches its recorded digest.
    private func checked(_ recorded: RecordedDecision) throws -> CreditDecision {
        guard recorded.decision.digest == recorded.digest, recorded.decision.inputs.count == recorded.inputCount else {
            throw DecisionLogError(path: path, reason: .tampered(
                sequence: recorded.sequence, reason: "its content no longer matches its recorded digest"))
        }
        return recorded.decision
    }
}

/// Which decisions of a log carry a MAC: those recorded with a ``DecisionLogKey``.
public struct MACSummary: Sendable, Hashable {
    /// How many decisions carry a MAC.
    public var keyed: Int
    /// The first decision that carries one; every later decision carries one too in a log that
    /// verifies.
    public var firstKeyed: Int64?

    public init(keyed: Int, firstKeyed: Int64?) {
        self.keyed = keyed
        self.firstKeyed = firstKeyed
    }
}

/// What ``DecisionLog/verifyChain(key:)`` found.
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
        /// The log's decisions carry MACs from `firstKeyed` on, and a decision was to be appended
        /// without the key: it would be the first without one.
        case keyRequired(firstKeyed: Int64)
        /// A key was given for a log of `decisions` decisions none of which carries a MAC, without
        /// saying that the key is to be adopted.
        case keyNotAdopted(decisions: Int)
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
        case .keyRequired(let firstKeyed):
            return "\(path): the decision log is kept with a key (decisions from \(firstKeyed) on carry its MAC); "
                + "give the key with --log-key FILE to record a decision; nothing was recorded"
        case .keyNotAdopted(let decisions):
            return "\(path): none of the log's \(decisions) decisions carries a MAC, so the key would start vouching "
                + "for them: check the log against a head kept elsewhere (cairn credits log verify --expect-head DIGEST), "
                + "then record with --adopt-log-key; nothing was recorded"
        }
    }
}
