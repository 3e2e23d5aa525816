import CairnCore
import CairnPostgres
import CairnTestSupport
import Foundation
import Testing

@testable import CairnStore

/// What every backend must do alike — the decision log, tokens and secrets, the change version —
/// run on SQLite and on PostgreSQL, and what PostgreSQL must do as a store shared by many processes.
@Suite("The store's contract, on every backend")
struct SharedStoreContractTests {
    @Test("decisions are appended in order and read back exactly through another connection", arguments: StoreBackend.all)
    func decisionsRoundTrip(_ backend: StoreBackend) throws {
        let made = try backend.makeStore()
        defer { made.remove() }
        let log = DecisionLog(store: made.store)
        #expect(try log.decisions().isEmpty)
        let first = try log.append(creditDecision())
        let second = try log.append(creditDecision(learner: "ana", total: Rational(7, 3)))
        let third = try log.append(creditDecision(policyVersion: "3", recordedAt: decisionTime + 3600))
        #expect([first.sequence, second.sequence, third.sequence] == [1, 2, 3])
        let reopened = DecisionLog(store: try made.reopen())
        #expect(try reopened.decisions() == [first, second, third])
        #expect(try reopened.decisions(learner: "lee") == [first, third])
        #expect(try reopened.decision(sequence: 2)?.total == "7/3")
        #expect(try reopened.decision(sequence: 4) == nil)
        #expect(try reopened.decision(sequence: 1)?.inputs.map(\.path) == ["Pathways/cs/policy.yaml", "learners/lee.yaml"])
        guard case .intact(3, let head?) = try reopened.verifyChain() else {
            Issue.record("the log does not verify")
            return
        }
        #expect(try reopened.containsLink(head))
        #expect(try !reopened.containsLink(String(repeating: "f", count: 64)))
        #expect(try reopened.decisionCount() == 3)
    }

    @Test("appends from several connections at once each get their own next number, and the chain stays one line",
          arguments: StoreBackend.all)
    func concurrentAppends(_ backend: StoreBackend) async throws {
        let made = try backend.makeStore()
        defer { made.remove() }
        let handles = try (0..<4).map { _ in try made.reopen() }
        let sequences = try await withThrowingTaskGroup(of: [Int64].self) { group in
            for (index, store) in handles.enumerated() {
                group.addTask {
                    let log = DecisionLog(store: store)
                    var sequences: [Int64] = []
                    for round in 0..<8 {
                        let recorded = try log.append(creditDecision(learner: "learner-\(index)-\(round)"))
                        sequences.append(try #require(recorded.sequence))
                    }
                    return sequences
                }
            }
            var all: [Int64] = []
            for try await found in group { all += found }
            return all
        }
        #expect(sequences.sorted() == Array(1...32))
        let log = DecisionLog(store: made.store)
        #expect(try log.verifyChain().isIntact)
        #expect(Set(try log.decisions().map(\.learner)).count == 32)
    }

    @Test("a log kept with a key takes decisions only with it, and verifies only against it", arguments: StoreBackend.all)
    func keyedLog(_ backend: StoreBackend) throws {
        let made = try backend.makeStore()
        defer { made.remove() }
        let log = DecisionLog(store: made.store)
        let key = try DecisionLogKey(bytes: Array(repeating: 7, count: 32))
        let other = try DecisionLogKey(bytes: Array(repeating: 9, count: 32))
        try log.append(creditDecision(), key: key)
        #expect(throws: DecisionLogError(path: log.path, reason: .keyRequired(firstKeyed: 1))) {
            try log.append(creditDecision(learner: "ana"))
        }
        try log.append(creditDecision(learner: "ana"), key: key)
        #expect(try log.verifyChain(key: key).isIntact)
        #expect(try !log.verifyChain(key: other).isIntact)
        #expect(try log.macSummary() == MACSummary(keyed: 2, firstKeyed: 1))
    }

    @Test("tokens: found by secret while active, never after revocation or expiry; secrets are one per name for every process",
          arguments: StoreBackend.all)
    func tokensAndSecrets(_ backend: StoreBackend) throws {
        let made = try backend.makeStore()
        defer { made.remove() }
        let store = made.store
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let (admin, adminSecret) = try store.createToken(role: .admin, now: now)
        let (learner, learnerSecret) = try store.createToken(role: .learner, learner: "ana", label: "Ana's phone",
                                                             expiresAt: now + 3600, now: now + 1)
        #expect(try store.token(forSecret: adminSecret, at: now)?.id == admin.id)
        #expect(try store.token(forSecret: learnerSecret, at: now + 60) == learner)
        #expect(try store.token(forSecret: learnerSecret, at: now + 3601) == nil)
        #expect(try store.token(forSecret: adminSecret + "x", at: now) == nil)
        #expect(try store.tokens().map(\.id) == [admin.id, learner.id])
        #expect(try store.revokeToken(admin.id, at: now + 10))
        #expect(try store.revokeToken(admin.id, at: now + 20))
        #expect(try store.token(id: admin.id)?.revokedAt == now + 10)
        #expect(try store.token(forSecret: adminSecret, at: now + 30) == nil)
        #expect(try !store.revokeToken("t-000000000000", at: now))
        let secret = try store.serverSecret("session")
        #expect(secret.count == 32)
        #expect(try made.reopen().serverSecret("session") == secret)
        #expect(try store.serverSecret("calendar-feed") != secret)
    }

    @Test("the change version moves when anything is written, by any connection, and not when something is read",
          arguments: StoreBackend.all)
    func changeVersion(_ backend: StoreBackend) throws {
        let made = try backend.makeStore()
        defer { made.remove() }
        let store = made.store
        let other = try made.reopen()
        var version = try store.changeVersion()
        func moved() throws -> Bool {
            let now = try store.changeVersion()
            defer { version = now }
            return now != version
        }
        _ = try store.learners()
        #expect(try !moved())
        var batch = EarningBatch(file: "a.csv", origin: .sis)
        batch.add(EarnedBadge(badgeClassID: "sql", issued: CalendarDate(dayNumber: 20_000)), learner: "ana")
        try other.importEarnings([batch])
        #expect(try moved())
        try DecisionLog(store: other).append(creditDecision())
        #expect(try moved())
        _ = try other.createToken(role: .hr, now: Date(timeIntervalSince1970: 0))
        #expect(try moved())
        _ = try store.tokens()
        #expect(try !moved())
    }
}

/// What PostgreSQL does as the shared store, beyond the contract: the database itself keeps the
/// log append-only, and a database that is not Cairn's, or is a newer Cairn's, is refused.
@Suite("PostgreSQL as the shared store", .enabled(if: PostgresTestServer.isAvailable))
struct PostgresStoreTests {
    @Test("the database refuses to change or remove a recorded decision, whoever connects")
    func appendOnlyInTheDatabase() throws {
        let made = try StoreBackend.postgres.makeStore()
        defer { made.remove() }
        let log = DecisionLog(store: made.store)
        try log.append(creditDecision())
        try log.append(creditDecision(learner: "ana"))
        let before = try log.decisions()
        for sql in [
            "UPDATE credit_decision SET total = '99' WHERE sequence = 1",
            "DELETE FROM credit_decision WHERE sequence = 2",
            "TRUNCATE credit_decision CASCADE",
            "UPDATE credit_decision_input SET sha256 = '\(String(repeating: "0", count: 64))'",
            "DELETE FROM credit_decision_input WHERE decision = 1",
            "INSERT INTO credit_decision_input VALUES (1, 2, 'extra.yaml', '\(String(repeating: "0", count: 64))')",
            """
            INSERT INTO credit_decision SELECT 5, learner, policy_id, policy_version, as_of, recorded_at, unit, total, transcript,
                input_count, digest, chain, mac, recorded_by FROM credit_decision WHERE sequence = 1
            """,
        ] {
            #expect(throws: (any Error).self, "\(sql)") { try made.execute(sql) }
        }
        #expect(try log.decisions() == before)
        #expect(try log.verifyChain().isIntact)
        #expect(try log.append(creditDecision()).sequence == 3)
    }

    @Test("a database holding other tables is not taken over; one migrated by a newer Cairn is refused")
    func foreignAndNewerDatabases() throws {
        let foreign = try PostgresTestServer.freshDatabase()
        try PostgresTestServer.psql(foreign, "CREATE TABLE invoices (id integer)")
        guard case .postgres(let foreignAddress) = try StoreLocation(parsing: foreign) else { return }
        #expect(throws: StoreError(path: foreignAddress.description, reason: .notACairnStore)) {
            try PostgresStore(address: foreignAddress)
        }
        let made = try StoreBackend.postgres.makeStore()
        defer { made.remove() }
        try made.execute("INSERT INTO cairn_schema (version) VALUES (\(PostgresStore.schemaVersion + 1))")
        #expect(throws: StoreError(path: made.store.location, reason: .schemaTooNew(found: PostgresStore.schemaVersion + 1,
                                                                                    supported: PostgresStore.schemaVersion))) {
            try made.reopen()
        }
    }

    @Test("several stores opening one new database at once create Cairn's tables once")
    func concurrentFirstOpens() async throws {
        let url = try PostgresTestServer.freshDatabase()
        guard case .postgres(let address) = try StoreLocation(parsing: url) else { return }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<6 { group.addTask { _ = try PostgresStore(address: address).learnerCount() } }
            try await group.waitForAll()
        }
        #expect(try PostgresTestServer.psql(url, "SELECT count(*) FROM cairn_schema").trimmingCharacters(in: .whitespacesAndNewlines)
                == "\(PostgresStore.schemaVersion)")
    }

    @Test("a wrong password or an unreachable server is a StoreError naming the database, never the password")
    func unreachable() throws {
        let address = PostgresAddress(host: "127.0.0.1", port: 1, user: "cairn", password: "hunter2", database: "nowhere",
                                      sslMode: "disable")
        #expect {
            try PostgresStore(address: address)
        } throws: { error in
            guard let error = error as? StoreError else { return false }
            return error.description.contains("postgres://cairn@127.0.0.1:1/nowhere") && !error.description.contains("hunter2")
        }
    }
}
