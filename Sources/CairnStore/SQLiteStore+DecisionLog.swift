import Foundation
import GRDB

extension SQLiteStore {
    /// An immediate transaction: SQLite's write lock keeps every other writer — connection or
    /// process — out until it commits.
    public func withDecisionLogLocked<T>(_ body: (any DecisionLogTransaction) throws -> T) throws -> T {
        do {
            return try pool.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(SQLiteDecisionLog(db: db))
                    return .commit
                }
                guard let result else { throw StoreError(path: path, reason: .database("the transaction returned nothing")) }
                return result
            }
        } catch let error as DatabaseError {
            if let message = error.message, message.hasPrefix(StoreSchema.appendOnlyMessage) {
                throw DecisionLogError(path: path, reason: .appendOnly(message))
            }
            throw Self.storeError(error, path: path)
        }
    }

    public func readingDecisionLog<T>(_ body: (any DecisionLogReader) throws -> T) throws -> T {
        try reading { db in try body(SQLiteDecisionLog(db: db)) }
    }
}

/// The decision log's tables on one SQLite connection.
struct SQLiteDecisionLog: DecisionLogTransaction {
    let db: Database

    func head() throws -> DecisionLog.Head? {
        try Row.fetchOne(db, sql: "SELECT sequence, chain FROM credit_decision ORDER BY sequence DESC LIMIT 1")
            .map { DecisionLog.Head(sequence: $0["sequence"], chain: $0["chain"]) }
    }

    func forEachDecision(learner: String?, _ body: (RecordedDecision) throws -> Bool) throws {
        let rows: RowCursor
        if let learner {
            rows = try Row.fetchCursor(db, sql: "SELECT * FROM credit_decision WHERE learner = ? ORDER BY sequence",
                                       arguments: [learner])
        } else {
            rows = try Row.fetchCursor(db, sql: "SELECT * FROM credit_decision ORDER BY sequence")
        }
        let inputs = try db.makeStatement(sql: "SELECT path, sha256 FROM credit_decision_input WHERE decision = ? ORDER BY position")
        while let row = try rows.next() {
            let sequence: Int64 = row["sequence"]
            let found = try Row.fetchAll(inputs, arguments: [sequence]).map { CreditDecision.InputDigest(path: $0["path"], sha256: $0["sha256"]) }
            guard try body(Self.recorded(row, inputs: found)) else { return }
        }
    }

    func decision(sequence: Int64) throws -> RecordedDecision? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM credit_decision WHERE sequence = ?", arguments: [sequence]) else {
            return nil
        }
        let inputs = try Row.fetchAll(db, sql: "SELECT path, sha256 FROM credit_decision_input WHERE decision = ? ORDER BY position",
                                      arguments: [sequence]).map { CreditDecision.InputDigest(path: $0["path"], sha256: $0["sha256"]) }
        return Self.recorded(row, inputs: inputs)
    }

    func orphanedInputs() throws -> Int64? {
        try Int64.fetchOne(db, sql: """
            SELECT min(decision) FROM credit_decision_input WHERE decision NOT IN (SELECT sequence FROM credit_decision)
            """)
    }

    func macSummary() throws -> MACSummary {
        let row = try Row.fetchOne(db, sql: "SELECT count(mac) AS keyed, min(CASE WHEN mac IS NOT NULL THEN sequence END) AS first FROM credit_decision")
        return MACSummary(keyed: row?["keyed"] ?? 0, firstKeyed: row?["first"])
    }

    func containsLink(_ link: String) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM credit_decision WHERE chain = ?)", arguments: [link]) ?? false
    }

    func count() throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM credit_decision") ?? 0
    }

    func insert(_ decisions: [RecordedDecision]) throws {
        let insertDecision = try db.makeStatement(sql: """
            INSERT INTO credit_decision (sequence, learner, policyID, policyVersion, asOf, recordedAt, unit,
                total, transcript, inputCount, digest, chain, mac, recordedBy)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let insertInput = try db.makeStatement(sql: """
            INSERT INTO credit_decision_input (decision, position, path, sha256) VALUES (?, ?, ?, ?)
            """)
        for recorded in decisions {
            let decision = recorded.decision
            try insertDecision.execute(arguments: [
                recorded.sequence, decision.learner, decision.policyID, decision.policyVersion, decision.asOf,
                decision.recordedAt, decision.unit, decision.total, decision.transcript, recorded.inputCount,
                recorded.digest, recorded.chain, recorded.mac, decision.recordedBy])
            for (position, input) in decision.inputs.enumerated() {
                try insertInput.execute(arguments: [recorded.sequence, position, input.path, input.sha256])
            }
        }
    }

    static func recorded(_ row: Row, inputs: [CreditDecision.InputDigest]) -> RecordedDecision {
        var decision = CreditDecision(sequence: row["sequence"], learner: row["learner"], policyID: row["policyID"],
                                      policyVersion: row["policyVersion"], asOf: row["asOf"], recordedAt: row["recordedAt"],
                                      unit: row["unit"], total: row["total"], transcript: row["transcript"], inputs: inputs)
        decision.recordedBy = row["recordedBy"]
        return RecordedDecision(decision: decision, digest: row["digest"], chain: row["chain"], mac: row["mac"],
                                inputCount: row["inputCount"])
    }
}

extension DecisionLog {
    /// Recomputes and rewrites every decision's digest and chain link from the stored content,
    /// leaving MACs as they are: what someone who has the file but not the key does after an
    /// edit (tests drop the append-only triggers first). SQLite stores only.
    func rechainForTesting() throws {
        guard let sqlite = store as? SQLiteStore else { return }
        try sqlite.pool.writeWithoutTransaction { db in
            var previous = Self.genesis
            for row in try Row.fetchAll(db, sql: "SELECT * FROM credit_decision ORDER BY sequence") {
                let sequence: Int64 = row["sequence"]
                let inputs = try Row.fetchAll(db, sql: "SELECT path, sha256 FROM credit_decision_input WHERE decision = ? ORDER BY position",
                                              arguments: [sequence]).map { CreditDecision.InputDigest(path: $0["path"], sha256: $0["sha256"]) }
                let decision = SQLiteDecisionLog.recorded(row, inputs: inputs).decision
                let link = Self.link(previous: previous, sequence: sequence, digest: decision.digest,
                                     recordedAt: decision.recordedAt, recordedBy: decision.recordedBy)
                try db.execute(sql: "UPDATE credit_decision SET digest = ?, chain = ? WHERE sequence = ?",
                               arguments: [decision.digest, link, sequence])
                previous = link
            }
        }
    }
}

extension DecisionLog {
    /// The SQLite store under the log, for tests that edit its file the way someone without Cairn would.
    var sqliteStore: SQLiteStore {
        guard let sqlite = store as? SQLiteStore else { preconditionFailure("the log is not in a SQLite store") }
        return sqlite
    }
}
