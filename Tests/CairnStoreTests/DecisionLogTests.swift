import CairnCore
import CairnTestSupport
import Foundation
import GRDB
import Testing

@testable import CairnStore

/// 2026-03-01T09:30:00Z.
let decisionTime = Date(timeIntervalSince1970: 1_772_357_400)

func creditDecision(learner: String = "lee", policyVersion: String = "2", total: Rational = Rational(15, 2),
                    transcript: String = #"{"policy":"cs-credit","lines":[{"badge":"sql","credits":7.5}]}"#,
                    inputs: [CreditDecision.InputDigest]? = nil,
                    recordedAt: Date = decisionTime, recordedBy: String? = "registrar") -> CreditDecision {
    CreditDecision(
        learner: learner, policyID: "cs-credit", policyVersion: policyVersion,
        asOf: CalendarDate(year: 2026, month: 2, day: 28)!, total: Credits(total, .ects), transcript: transcript,
        inputs: inputs ?? [
            .init(path: "Pathways/cs/policy.yaml", contents: Array("id: cs-credit\nversion: 2\n".utf8)),
            .init(path: "learners/\(learner).yaml", contents: Array("learner: \(learner)\n".utf8)),
        ],
        recordedAt: recordedAt, recordedBy: recordedBy)
}

/// A decision log in a fresh temporary folder (inside a folder that does not exist yet).
func temporaryLog() throws -> (DecisionLog, TemporaryFolder) {
    let folder = try TemporaryFolder()
    let log = try DecisionLog(path: folder.url.appendingPathComponent(".cairn/store.sqlite").path)
    return (log, folder)
}

@Suite struct DecisionLogTests {
    @Test func appendsAndListsInSequenceOrder() throws {
        let (log, folder) = try temporaryLog()
        defer { folder.remove() }
        #expect(try log.decisions().isEmpty)
        let first = try log.append(creditDecision())
        let second = try log.append(creditDecision(learner: "ana", total: Rational(7, 3)))
        let third = try log.append(creditDecision(policyVersion: "3", recordedAt: decisionTime + 3600))
        #expect([first.sequence, second.sequence, third.sequence] == [1, 2, 3])

        // A fresh connection reads back exactly what was recorded.
        let reopened = try DecisionLog(path: log.path)
        #expect(try reopened.decisions() == [first, second, third])
        #expect(try reopened.decisions(learner: "lee") == [first, third])
        #expect(try reopened.decisions(learner: "ana") == [second])
        #expect(try reopened.decisions(learner: "nobody").isEmpty)
        #expect(try reopened.decision(sequence: 2) == second)
        #expect(try reopened.decision(sequence: 4) == nil)

        let read = try #require(try reopened.decision(sequence: 1))
        #expect(read.learner == "lee")
        #expect(read.policyID == "cs-credit")
        #expect(read.policyVersion == "2")
        #expect(read.asOf == "2026-02-28")
        #expect(read.recordedAt == "2026-03-01T09:30:00Z")
        #expect(read.unit == "ECTS")
        #expect(read.total == "7.5")
        #expect(read.totalValue == Rational(15, 2))
        #expect(read.transcript == creditDecision().transcript)
        #expect(read.inputs.map(\.path) == ["Pathways/cs/policy.yaml", "learners/lee.yaml"])
        #expect(read.inputs.allSatisfy { CreditDecision.isDigest($0.sha256) })
        #expect(try reopened.decision(sequence: 2)?.total == "7/3")
        #expect(try reopened.decision(sequence: 3)?.recordedAt == "2026-03-01T10:30:00Z")
    }

    /// Appenders read the clock before they take the log's lock: one stamped earlier may get the
    /// lock later. It is recorded at the time of the decision before it, and the log verifies.
    @Test func aDecisionStampedBeforeTheLogsNewestIsRecordedAtItsTime() throws {
        let (log, folder) = try temporaryLog()
        defer { folder.remove() }
        let later = try log.append(creditDecision(recordedAt: decisionTime + 1))
        let waited = try log.append(creditDecision(learner: "ana", recordedAt: decisionTime))
        let batch = try log.append(contentsOf: [creditDecision(learner: "kim", recordedAt: decisionTime - 5),
                                                creditDecision(learner: "bo", recordedAt: decisionTime + 9)]).recorded
        #expect(later.recordedAt == "2026-03-01T09:30:01Z")
        #expect(waited.recordedAt == "2026-03-01T09:30:01Z")
        #expect(batch.map(\.recordedAt) == ["2026-03-01T09:30:01Z", "2026-03-01T09:30:09Z"])
        #expect(waited.digest == creditDecision(learner: "ana").digest)
        guard case .intact(let count, _) = try log.verifyChain() else {
            Issue.record("the log does not verify: \(try log.verifyChain())")
            return
        }
        #expect(count == 4)
    }

    @Test func sameInputsGiveTheSameDigest() throws {
        let (log, folder) = try temporaryLog()
        defer { folder.remove() }
        let morning = creditDecision()
        let evening = creditDecision(inputs: creditDecision().inputs.reversed(), recordedAt: decisionTime + 36_000)
        #expect(morning.digest == evening.digest)
        #expect(morning.recordedAt != evening.recordedAt)
        let recorded = [try log.append(morning), try log.append(evening)]
        #expect(recorded.map(\.sequence) == [1, 2])
        #expect(try log.decisions().map(\.digest) == [morning.digest, morning.digest])

        // Anything that comes from the inputs or the engine changes the digest.
        #expect(creditDecision(transcript: #"{"policy":"cs-credit","lines":[]}"#).digest != morning.digest)
        #expect(creditDecision(total: Rational(8)).digest != morning.digest)
        #expect(creditDecision(policyVersion: "3").digest != morning.digest)
        #expect(creditDecision(learner: "ana").digest != morning.digest)
        var inputs = morning.inputs
        inputs[0].sha256 = CreditDecision.digest(of: Array("id: cs-credit\nversion: 3\n".utf8))
        #expect(creditDecision(inputs: inputs).digest != morning.digest)
    }

    @Test func theDigestIsTheDocumentedSerialization() throws {
        // FIPS 180-2 test vector.
        #expect(CreditDecision.digest(of: Array("abc".utf8))
                == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let decision = CreditDecision(
            learner: "lée", policyID: "p", policyVersion: "1", asOf: CalendarDate(year: 2026, month: 1, day: 5)!,
            total: Credits(Rational(2, 3), "CATS"), transcript: "{\n}",
            inputs: [.init(path: "b.yaml", sha256: String(repeating: "b", count: 64)),
                     .init(path: "a.yaml", sha256: String(repeating: "a", count: 64))],
            recordedAt: decisionTime)
        let expected = "cairn-credit-decision-v1\n" + "learner:4:lée\n" + "policy:1:p\n" + "policyVersion:1:1\n"
            + "asOf:10:2026-01-05\n" + "unit:4:CATS\n" + "total:3:2/3\n" + "transcript:3:{\n}\n" + "inputs:2\n"
            + "input:6:a.yaml:" + String(repeating: "a", count: 64) + "\n"
            + "input:6:b.yaml:" + String(repeating: "b", count: 64) + "\n"
        #expect(String(decoding: decision.canonicalBytes, as: UTF8.self) == expected)
        #expect(decision.digest == CreditDecision.digest(of: Array(expected.utf8)))
    }

    @Test func rawUpdatesAndDeletesAreRefusedByTheDatabase() throws {
        let (log, folder) = try temporaryLog()
        defer { folder.remove() }
        try log.append(creditDecision())
        try log.append(creditDecision(learner: "ana"))
        let before = try log.decisions()
        let edits = [
            "UPDATE credit_decision SET total = '99' WHERE sequence = 1",
            "UPDATE credit_decision SET learner = 'mallory'",
            "DELETE FROM credit_decision WHERE sequence = 2",
            "DELETE FROM credit_decision",
            "UPDATE credit_decision_input SET sha256 = '\(String(repeating: "0", count: 64))'",
            "DELETE FROM credit_decision_input WHERE decision = 1",
            // REPLACE would delete the old row without firing a delete trigger: it is refused first.
            """
            INSERT OR REPLACE INTO credit_decision (sequence, learner, policyID, policyVersion, asOf, recordedAt,
                unit, total, transcript, inputCount, digest, chain)
            SELECT sequence, learner, policyID, policyVersion, asOf, recordedAt, unit, '99', transcript, inputCount,
                digest, chain FROM credit_decision WHERE sequence = 1
            """,
            "INSERT OR REPLACE INTO credit_decision_input VALUES (2, 0, 'forged.yaml', '\(String(repeating: "0", count: 64))')",
            "INSERT INTO credit_decision_input VALUES (1, 2, 'extra.yaml', '\(String(repeating: "0", count: 64))')",
            "INSERT INTO credit_decision_input VALUES (2, 2, 'extra.yaml', '\(String(repeating: "0", count: 64))')",
        ]
        for sql in edits {
            let error = #expect(throws: DatabaseError.self, "\(sql)") { try log.sqliteStore.executeForTesting(sql) }
            #expect(error?.message?.hasPrefix("the credit decision log is append-only") == true, "\(sql): \(String(describing: error))")
        }
        #expect(try log.decisions() == before)
        #expect(try log.verifyChain().isIntact)
        // And the log still takes new decisions.
        #expect(try log.append(creditDecision()).sequence == 3)
    }

    @Test func aVersionOneStoreUpgradesAndKeepsItsFrameworks() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.url.appendingPathComponent("store.sqlite").path
        // A store as Cairn wrote it before the decision log: a framework imported, then the
        // version-2 objects taken out and the store marked version 1.
        let old = try SQLiteStore(path: path)
        try old.importFramework(sampleFramework(), importedAt: "2025-06-01T00:00:00Z")
        try old.executeForTesting("""
            DROP TABLE credit_decision_input; DROP TABLE credit_decision;
            DROP VIEW earning_text; DROP TABLE earning; DROP TABLE earning_badge; DROP TABLE earning_file;
            DROP TABLE learner; DROP TABLE registrar_exception; DROP TABLE api_token; DROP TABLE server_secret;
            DROP TABLE cohort_job_result; DROP TABLE cohort_job_chunk; DROP TABLE cohort_job;
            DROP TABLE issued_credential; DROP TABLE status_list;
            DELETE FROM grdb_migrations WHERE identifier IN ('v2-credit-decisions', 'v3-decision-macs', 'v4-decision-recorders', 'v5-learners',
                                                             'v6-api-tokens', 'v7-cohort-jobs', 'v8-issuance', 'v9-pending-earnings');
            PRAGMA user_version = 1
            """)
        // …and it is exactly what a version-1 migration makes.
        let reference = folder.url.appendingPathComponent("v1.sqlite").path
        var v1 = DatabaseMigrator()
        v1.registerMigration("v1-frameworks") { db in
            try db.execute(sql: StoreSchema.v1)
            try db.execute(sql: "PRAGMA user_version = 1")
        }
        let referencePool = try DatabasePool(path: reference)
        try v1.migrate(referencePool)
        let schemaSQL = "SELECT type, name, sql FROM sqlite_master ORDER BY type, name"
        let schema = { (pool: DatabasePool) in try pool.read { db in try Row.fetchAll(db, sql: schemaSQL) } }
        let oldPool = try DatabasePool(path: path)
        #expect(try schema(oldPool) == schema(referencePool))
        #expect(try oldPool.read { try Int.fetchOne($0, sql: "PRAGMA user_version") } == 1)
        try oldPool.close()
        try referencePool.close()

        let log = try DecisionLog(path: path)
        #expect(try log.sqliteStore.reading { try Int.fetchOne($0, sql: "PRAGMA user_version") } == 9)
        #expect(SQLiteStore.schemaVersion == 9)
        let frameworks = try log.sqliteStore.frameworks()
        #expect(frameworks.map(\.id) == ["esco"])
        #expect(frameworks.first?.skills == 5)
        #expect(frameworks.first?.importedAt == "2025-06-01T00:00:00Z")
        #expect(try log.sqliteStore.searchSkills("coding").map(\.id) == [codingStandardsID, programmingID])
        #expect(try log.append(creditDecision()).sequence == 1)
        #expect(try SQLiteStore(path: path).frameworks().count == 1)
        #expect(try DecisionLog(path: path).decisions().count == 1)
    }

    @Test func aStoreFromANewerCairnIsRefused() throws {
        let (log, folder) = try temporaryLog()
        defer { folder.remove() }
        try log.sqliteStore.executeForTesting("PRAGMA user_version = 10")
        #expect(throws: StoreError(path: log.path, reason: .schemaTooNew(found: 10, supported: 9))) {
            try DecisionLog(path: log.path)
        }
    }

    @Test func concurrentAppendsFromTwoConnectionsAllLand() async throws {
        let (log, folder) = try temporaryLog()
        defer { folder.remove() }
        let path = log.path
        let sequences = try await withThrowingTaskGroup(of: [Int64].self) { group in
            for connection in 0..<2 {
                group.addTask {
                    let log = try DecisionLog(path: path)
                    var sequences: [Int64] = []
                    for index in 0..<10 {
                        let recorded = try log.append(creditDecision(learner: "learner-\(connection)-\(index)"))
                        sequences.append(try #require(recorded.sequence))
                    }
                    return sequences
                }
            }
            var all: [Int64] = []
            for try await sequences in group { all += sequences }
            return all
        }
        #expect(sequences.sorted() == Array(1...20))
        let decisions = try DecisionLog(path: path).decisions()
        #expect(decisions.map(\.sequence) == Array(1...20))
        #expect(Set(decisions.map(\.learner)).count == 20)
        #expect(try log.verifyChain() == .intact(decisions: 20, head: log.sqliteStore.reading {
            try String.fetchOne($0, sql: "SELECT chain FROM credit_decision WHERE sequence = 20")
        }))
    }

    @Test func theChainDetectsEditsMadeWithTheTriggersDropped() throws {
        let (log, folder) = try temporaryLog()
        defer { folder.remove() }
        #expect(try log.verifyChain() == .intact(decisions: 0, head: nil))
        for learner in ["lee", "ana", "sam", "kim"] { try log.append(creditDecision(learner: learner)) }
        let intact = try log.verifyChain()
        guard case .intact(4, let head?) = intact else {
            Issue.record("expected an intact chain of 4, found \(intact)")
            return
        }
        #expect(CreditDecision.isDigest(head))

        let dropTriggers = """
            DROP TRIGGER credit_decision_no_update; DROP TRIGGER credit_decision_no_delete;
            DROP TRIGGER credit_decision_input_no_update; DROP TRIGGER credit_decision_input_no_delete
            """
        try log.sqliteStore.executeForTesting(dropTriggers)
        // A changed total.
        try log.sqliteStore.executeForTesting("UPDATE credit_decision SET total = '30' WHERE sequence = 2")
        #expect(try log.verifyChain() == .broken(sequence: 2, reason: "its content no longer matches its digest"))
        #expect(throws: DecisionLogError(path: log.path, reason: .tampered(
            sequence: 2, reason: "its content no longer matches its recorded digest"))) {
            try log.decisions(learner: "ana")
        }
        try log.sqliteStore.executeForTesting("UPDATE credit_decision SET total = '7.5' WHERE sequence = 2")
        #expect(try log.verifyChain() == intact)

        // A changed total with a matching digest: the chain link gives it away.
        var forged = try #require(try log.decision(sequence: 3))
        forged = CreditDecision(sequence: 3, learner: forged.learner, policyID: forged.policyID,
                                policyVersion: forged.policyVersion, asOf: forged.asOf, recordedAt: forged.recordedAt,
                                unit: forged.unit, total: "30", transcript: forged.transcript, inputs: forged.inputs)
        try log.sqliteStore.executeForTesting(
            "UPDATE credit_decision SET total = '30', digest = '\(forged.digest)' WHERE sequence = 3")
        #expect(try log.decision(sequence: 3)?.total == "30")
        #expect(try log.verifyChain() == .broken(sequence: 3, reason: "its chain link does not follow from decision 2"))
    }

    @Test func theChainDetectsARemovedDecisionOrInput() throws {
        let (log, folder) = try temporaryLog()
        defer { folder.remove() }
        for learner in ["lee", "ana", "sam"] { try log.append(creditDecision(learner: learner)) }
        try log.sqliteStore.executeForTesting("""
            DROP TRIGGER credit_decision_no_delete; DROP TRIGGER credit_decision_input_no_delete;
            DELETE FROM credit_decision_input WHERE decision = 2 AND position = 1
            """)
        #expect(try log.verifyChain() == .broken(sequence: 2, reason: "it has 1 inputs, not the 2 recorded"))
        try log.sqliteStore.executeForTesting("DELETE FROM credit_decision_input WHERE decision = 2; DELETE FROM credit_decision WHERE sequence = 2")
        #expect(try log.verifyChain() == .broken(sequence: 3, reason: "decision 2 is missing: 1 is followed by 3"))
    }

    @Test func malformedDecisionsAreRefusedWithTheirField() throws {
        let (log, folder) = try temporaryLog()
        defer { folder.remove() }
        let badDigest = creditDecision(inputs: [.init(path: "policy.yaml", sha256: "ABC")])
        #expect(throws: DecisionLogError(path: log.path, reason: .invalidDecision(
            field: "input", reason: "policy.yaml: expected a lower-case hex SHA-256 (64 characters), found \"ABC\""))) {
            try log.append(badDigest)
        }
        let twice = creditDecision(inputs: [.init(path: "a.yaml", contents: [1]), .init(path: "a.yaml", contents: [2])])
        #expect(throws: DecisionLogError(path: log.path, reason: .invalidDecision(field: "input", reason: "a.yaml is listed twice"))) {
            try log.append(twice)
        }
        #expect(throws: DecisionLogError(path: log.path, reason: .invalidDecision(field: "transcript", reason: "is not JSON text"))) {
            try log.append(creditDecision(transcript: "7.5 ECTS"))
        }
        #expect(throws: DecisionLogError(path: log.path, reason: .invalidDecision(field: "learner", reason: "is empty"))) {
            try log.append(creditDecision(learner: ""))
        }
        let recorded = try log.append(creditDecision())
        let error = #expect(throws: DecisionLogError.self) { try log.append(recorded) }
        #expect(error?.reason == .alreadyRecorded(sequence: 1))
        #expect(error?.description.contains(log.path) == true)
        #expect(try log.decisions().count == 1)
    }

    @Test func decodingChecksTheDigest() throws {
        let (log, folder) = try temporaryLog()
        defer { folder.remove() }
        let recorded = try log.append(creditDecision())
        let data = try JSONEncoder().encode(recorded)
        #expect(try JSONDecoder().decode(CreditDecision.self, from: data) == recorded)
        var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        object["total"] = "30"
        let forged = try JSONSerialization.data(withJSONObject: object)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(CreditDecision.self, from: forged) }
    }

    @Test func timestampsAreUTCToTheSecond() {
        #expect(CreditDecision.timestamp(decisionTime) == "2026-03-01T09:30:00Z")
        #expect(CreditDecision.timestamp(Date(timeIntervalSince1970: 0.75)) == "1970-01-01T00:00:00Z")
        #expect(CreditDecision.isTimestamp("2026-03-01T09:30:00.123Z"))
        #expect(!CreditDecision.isTimestamp("2026-03-01 09:30:00Z"))
        #expect(!CreditDecision.isTimestamp("2026-03-01T09:30:00+01:00"))
        #expect(!CreditDecision.isTimestamp("2026-02-30T09:30:00Z"))
    }
}
