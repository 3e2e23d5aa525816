import CairnCore
import CairnTestSupport
import Foundation
import GRDB
import Testing

@testable import CairnStore

/// The decision log proves itself against someone who has the SQLite file and drops its
/// append-only triggers: each tampering is caught by ``DecisionLog/verifyChain(key:)`` at the
/// first decision it touches, nothing is appended to a log that does not verify, and a log kept
/// with a key cannot be rewritten consistently without it.
@Suite struct DecisionLogTamperingTests {
    static let dropTriggers = """
        DROP TRIGGER credit_decision_no_update; DROP TRIGGER credit_decision_no_delete;
        DROP TRIGGER credit_decision_input_no_update; DROP TRIGGER credit_decision_input_no_delete;
        """

    /// 32 bytes of key, and another key of the same size.
    static let key = try! DecisionLogKey(bytes: Array("cairn test log key, 32 bytes ok!".utf8))
    static let otherKey = try! DecisionLogKey(bytes: Array("another key that is 32 bytes ok!".utf8))

    /// A log of four decisions by four learners, an hour apart.
    func fourDecisions(key: DecisionLogKey? = nil) throws -> (DecisionLog, TemporaryFolder) {
        let (log, folder) = try temporaryLog()
        for (hour, learner) in ["lee", "ana", "sam", "kim"].enumerated() {
            try log.append(creditDecision(learner: learner, recordedAt: decisionTime + Double(hour) * 3600), key: key)
        }
        return (log, folder)
    }

    struct Tampering: Sendable, CustomTestStringConvertible {
        let name: String
        let sql: String
        /// Whether the digests and links are recomputed afterwards, as by someone who knows the format.
        let rechained: Bool
        let broken: ChainVerification
        var testDescription: String { name }
    }

    static let tamperings: [Tampering] = [
        Tampering(name: "delete a middle decision",
                  sql: "DELETE FROM credit_decision_input WHERE decision = 2; DELETE FROM credit_decision WHERE sequence = 2",
                  rechained: false, broken: .broken(sequence: 3, reason: "decision 2 is missing: 1 is followed by 3")),
        Tampering(name: "delete a middle decision and recompute the chain",
                  sql: "DELETE FROM credit_decision_input WHERE decision = 2; DELETE FROM credit_decision WHERE sequence = 2",
                  rechained: true, broken: .broken(sequence: 3, reason: "decision 2 is missing: 1 is followed by 3")),
        Tampering(name: "change recordedAt",
                  sql: "UPDATE credit_decision SET recordedAt = '2026-03-01T10:00:00Z' WHERE sequence = 2",
                  rechained: false, broken: .broken(sequence: 2, reason: "its chain link does not follow from decision 1")),
        Tampering(name: "change recordedAt to before its predecessor and recompute the chain",
                  sql: "UPDATE credit_decision SET recordedAt = '2026-03-01T08:00:00Z' WHERE sequence = 2",
                  rechained: true, broken: .broken(sequence: 2, reason:
                    "it is recorded at 2026-03-01T08:00:00Z, before decision 1 (2026-03-01T09:30:00Z)")),
        Tampering(name: "change recordedAt to something that is not a timestamp",
                  sql: "UPDATE credit_decision SET recordedAt = 'yesterday' WHERE sequence = 2",
                  rechained: true, broken: .broken(sequence: 2, reason: "its recordedAt \"yesterday\" is not a UTC timestamp")),
        Tampering(name: "change who recorded a decision",
                  sql: "UPDATE credit_decision SET recordedBy = 'someone else' WHERE sequence = 2",
                  rechained: false, broken: .broken(sequence: 2, reason: "its chain link does not follow from decision 1")),
        Tampering(name: "erase who recorded a decision",
                  sql: "UPDATE credit_decision SET recordedBy = NULL WHERE sequence = 3",
                  rechained: false, broken: .broken(sequence: 3, reason: "its chain link does not follow from decision 2")),
        Tampering(name: "move a decision to another learner",
                  sql: "UPDATE credit_decision SET learner = 'zoe' WHERE sequence = 2",
                  rechained: false, broken: .broken(sequence: 2, reason: "its content no longer matches its digest")),
        Tampering(name: "change a total", sql: "UPDATE credit_decision SET total = '60' WHERE sequence = 2",
                  rechained: false, broken: .broken(sequence: 2, reason: "its content no longer matches its digest")),
        Tampering(name: "change an input's digest",
                  sql: "UPDATE credit_decision_input SET sha256 = '\(String(repeating: "0", count: 64))' WHERE decision = 3",
                  rechained: false, broken: .broken(sequence: 3, reason: "its content no longer matches its digest")),
        Tampering(name: "renumber a decision", sql: """
                    PRAGMA foreign_keys = OFF; UPDATE credit_decision SET sequence = 5 WHERE sequence = 4;
                    UPDATE credit_decision_input SET decision = 5 WHERE decision = 4
                    """,
                  rechained: false, broken: .broken(sequence: 5, reason: "decision 4 is missing: 3 is followed by 5")),
    ]

    @Test(arguments: tamperings)
    func eachTamperingIsCaughtAndNothingIsAppended(_ tampering: Tampering) throws {
        let (log, folder) = try fourDecisions()
        defer { folder.remove() }
        #expect(try log.verifyChain().isIntact)
        try log.sqliteStore.executeForTesting(Self.dropTriggers + tampering.sql)
        if tampering.rechained { try log.rechainForTesting() }
        #expect(try log.verifyChain() == tampering.broken)

        let before = try log.decisionCount()
        guard case .broken(let sequence, let reason) = tampering.broken else { return }
        #expect(throws: DecisionLogError(path: log.path, reason: .tampered(sequence: sequence, reason: reason))) {
            try log.append(creditDecision(learner: "new", recordedAt: decisionTime + 86_400))
        }
        #expect(try log.decisionCount() == before)
    }

    @Test func aTotalChangedWithItsDigestRecomputedBreaksTheLink() throws {
        let (log, folder) = try fourDecisions()
        defer { folder.remove() }
        let original = try #require(try log.decision(sequence: 2))
        let forged = CreditDecision(sequence: 2, learner: original.learner, policyID: original.policyID,
                                    policyVersion: original.policyVersion, asOf: original.asOf,
                                    recordedAt: original.recordedAt, unit: original.unit, total: "60",
                                    transcript: original.transcript, inputs: original.inputs)
        try log.sqliteStore.executeForTesting(Self.dropTriggers
            + "UPDATE credit_decision SET total = '60', digest = '\(forged.digest)' WHERE sequence = 2")
        // The content matches its digest again, so reading the decision alone does not notice…
        #expect(try log.decision(sequence: 2)?.total == "60")
        // …but the link covers the digest.
        #expect(try log.verifyChain() == .broken(sequence: 2, reason: "its chain link does not follow from decision 1"))
    }

    @Test func theKeyCatchesAWholeChainRewrittenWithoutIt() throws {
        let (log, folder) = try fourDecisions(key: Self.key)
        defer { folder.remove() }
        guard case .intact(4, let head?) = try log.verifyChain(key: Self.key) else {
            Issue.record("a keyed log does not verify with its key")
            return
        }
        #expect(try log.verifyChain() == .intact(decisions: 4, head: head))
        #expect(try log.macSummary() == MACSummary(keyed: 4, firstKeyed: 1))
        #expect(try log.verifyChain(key: Self.otherKey) == .broken(sequence: 1, reason:
            "its MAC does not match the log key: it was rewritten without the key, or the key is not this log's"))

        // A changed total with every digest and link recomputed: a consistent chain…
        try log.sqliteStore.executeForTesting(Self.dropTriggers + "UPDATE credit_decision SET total = '60' WHERE sequence = 2")
        try log.rechainForTesting()
        guard case .intact(4, let forgedHead?) = try log.verifyChain() else {
            Issue.record("the rewritten chain should be consistent without the key")
            return
        }
        #expect(forgedHead != head)
        #expect(try !log.containsLink(head))
        // …whose MACs the key does not make.
        #expect(try log.verifyChain(key: Self.key) == .broken(sequence: 2, reason:
            "its MAC does not match the log key: it was rewritten without the key, or the key is not this log's"))
        #expect(throws: DecisionLogError.self) {
            try log.append(creditDecision(learner: "new", recordedAt: decisionTime + 86_400), key: Self.key)
        }

        // Removing the MACs does not help either.
        try log.sqliteStore.executeForTesting("UPDATE credit_decision SET mac = NULL WHERE sequence >= 2")
        #expect(try log.verifyChain() == .broken(sequence: 2, reason:
            "it has no MAC although decision 1 before it has one: it was added or rewritten without the key"))
        try log.sqliteStore.executeForTesting("UPDATE credit_decision SET mac = NULL")
        #expect(try log.verifyChain().isIntact)
        #expect(try log.verifyChain(key: Self.key) == .broken(sequence: 4, reason:
            "no decision carries a MAC, so none was recorded with the key (the log was kept without one, "
            + "or rewritten and its MACs removed)"))
        #expect(try log.decisionCount() == 4)
    }

    @Test func aKeyedLogTakesDecisionsOnlyWithItsKey() throws {
        let (log, folder) = try fourDecisions(key: Self.key)
        defer { folder.remove() }
        #expect(throws: DecisionLogError(path: log.path, reason: .keyRequired(firstKeyed: 1))) {
            try log.append(creditDecision(learner: "new", recordedAt: decisionTime + 86_400))
        }
        #expect(throws: DecisionLogError.self) {
            try log.append(creditDecision(learner: "new", recordedAt: decisionTime + 86_400), key: Self.otherKey)
        }
        #expect(try log.decisionCount() == 4)
        #expect(try log.append(creditDecision(learner: "new", recordedAt: decisionTime + 86_400), key: Self.key).sequence == 5)
        #expect(try log.verifyChain(key: Self.key).isIntact)
    }

    @Test func aKeyIsAdoptedByAnExistingLogOnlyWhenSaidSo() throws {
        let (log, folder) = try fourDecisions()
        defer { folder.remove() }
        let later = creditDecision(learner: "new", recordedAt: decisionTime + 86_400)
        #expect(throws: DecisionLogError(path: log.path, reason: .keyNotAdopted(decisions: 4))) {
            try log.append(later, key: Self.key)
        }
        #expect(try log.decisionCount() == 4)
        try log.append(later, key: Self.key, adoptingKey: true)
        #expect(try log.macSummary() == MACSummary(keyed: 1, firstKeyed: 5))
        #expect(try log.verifyChain(key: Self.key).isIntact)
        // The first MAC vouches for the decisions before it: they are covered by its link.
        try log.sqliteStore.executeForTesting(Self.dropTriggers + "UPDATE credit_decision SET total = '60' WHERE sequence = 2")
        try log.rechainForTesting()
        #expect(try log.verifyChain(key: Self.key) == .broken(sequence: 5, reason:
            "its MAC does not match the log key: it was rewritten without the key, or the key is not this log's"))
    }

    @Test func keysOfTheWrongSizeAreRefused() throws {
        #expect(throws: DecisionLogKeyError(path: "k", reason: .tooShort(bytes: 31))) {
            try DecisionLogKey(bytes: Array(repeating: 7, count: 31), path: "k")
        }
        #expect(throws: DecisionLogKeyError(path: "k", reason: .tooLong)) {
            try DecisionLogKey(bytes: Array(repeating: 7, count: DecisionLogKey.maximumBytes + 1), path: "k")
        }
        #expect(throws: DecisionLogKeyError(path: "/nonexistent/key", reason: .notFound)) {
            try DecisionLogKey(contentsOf: "/nonexistent/key")
        }
        // A FIFO would block a read forever: only regular files are keys.
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let fifo = folder.url.appendingPathComponent("key.fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        #expect(throws: DecisionLogKeyError(path: fifo, reason: .unreadable)) { try DecisionLogKey(contentsOf: fifo) }
        // The MAC is the documented HMAC-SHA256 of the link.
        let link = String(repeating: "ab", count: 32)
        #expect(Self.key.mac(forLink: link) != Self.otherKey.mac(forLink: link))
        #expect(CreditDecision.isDigest(Self.key.mac(forLink: link)))
    }

    @Test func aVersionTwoLogIsUpgradedAndStillVerifies() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.url.appendingPathComponent("store.sqlite").path
        // A store as Cairn wrote it before MACs: versions 1 and 2, three decisions chained.
        var v2 = DatabaseMigrator()
        v2.registerMigration("v1-frameworks") { db in
            try db.execute(sql: StoreSchema.v1)
            try db.execute(sql: "PRAGMA user_version = 1")
        }
        v2.registerMigration("v2-credit-decisions") { db in
            try db.execute(sql: StoreSchema.v2)
            try db.execute(sql: "PRAGMA user_version = 2")
        }
        let pool = try DatabasePool(path: path)
        try v2.migrate(pool)
        var previous = DecisionLog.genesis
        try pool.write { db in
            for (index, learner) in ["lee", "ana", "sam"].enumerated() {
                let decision = creditDecision(learner: learner, recordedAt: decisionTime + Double(index) * 60)
                let sequence = Int64(index + 1)
                // A version 2 log knows nobody by name: its links have the first form.
                previous = DecisionLog.link(previous: previous, sequence: sequence, digest: decision.digest,
                                            recordedAt: decision.recordedAt, recordedBy: nil)
                try db.execute(sql: """
                    INSERT INTO credit_decision (sequence, learner, policyID, policyVersion, asOf, recordedAt, unit,
                        total, transcript, inputCount, digest, chain) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [sequence, decision.learner, decision.policyID, decision.policyVersion,
                                     decision.asOf, decision.recordedAt, decision.unit, decision.total,
                                     decision.transcript, decision.inputs.count, decision.digest, previous])
                for (position, input) in decision.inputs.enumerated() {
                    try db.execute(sql: "INSERT INTO credit_decision_input VALUES (?, ?, ?, ?)",
                                   arguments: [sequence, position, input.path, input.sha256])
                }
            }
        }
        try pool.close()

        let log = try DecisionLog(path: path)
        #expect(try log.sqliteStore.reading { try Int.fetchOne($0, sql: "PRAGMA user_version") } == SQLiteStore.schemaVersion)
        #expect(try log.verifyChain() == .intact(decisions: 3, head: previous))
        #expect(try log.decisions().map(\.learner) == ["lee", "ana", "sam"])
        #expect(try log.decisions().map(\.recordedBy) == [nil, nil, nil])
        #expect(try log.macSummary() == MACSummary(keyed: 0, firstKeyed: nil))
        // The triggers still hold after the migration.
        #expect(throws: DatabaseError.self) { try log.sqliteStore.executeForTesting("UPDATE credit_decision SET total = '1'") }
        #expect(try log.append(creditDecision(learner: "kim", recordedAt: decisionTime + 3600)).sequence == 4)
        #expect(try log.verifyChain().isIntact)
    }
}

/// Opening a new store from several connections at once: the schema is created once, and every
/// opener gets a working store.
@Suite struct ConcurrentStoreCreationTests {
    /// Collects what each thread did.
    final class Outcomes: @unchecked Sendable {
        private let lock = NSLock()
        private var outcomes: [Result<Int64, any Error>] = []

        func add(_ outcome: Result<Int64, any Error>) {
            lock.lock()
            outcomes.append(outcome)
            lock.unlock()
        }

        var all: [Result<Int64, any Error>] {
            lock.lock()
            defer { lock.unlock() }
            return outcomes
        }
    }

    @Test(arguments: 1...5)
    func eightOpenersOfANewStoreAllSucceed(round: Int) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.url.appendingPathComponent("new/store.sqlite").path
        let outcomes = Outcomes()
        let start = DispatchSemaphore(value: 0)
        let done = DispatchGroup()
        let openers = 8
        for opener in 0..<openers {
            done.enter()
            let thread = Thread {
                start.wait()
                outcomes.add(Result {
                    let log = try DecisionLog(path: path)
                    return try log.append(creditDecision(learner: "learner-\(opener)")).sequence ?? 0
                })
                done.leave()
            }
            thread.start()
        }
        for _ in 0..<openers { start.signal() }
        done.wait()
        var sequences: [Int64] = []
        for outcome in outcomes.all {
            switch outcome {
            case .success(let sequence): sequences.append(sequence)
            case .failure(let error): Issue.record("round \(round): \(error)")
            }
        }
        #expect(sequences.sorted() == (1...Int64(openers)).map { $0 }, "round \(round)")
        #expect(try DecisionLog(path: path).verifyChain().isIntact)
    }
}
