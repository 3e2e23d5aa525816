public import CairnStore
public import Foundation
import PostgresNIO

extension PostgresStore {
    /// A transaction that first takes the log's advisory lock: every appender — in any process on
    /// any machine — waits for the one before it to commit, so each reads the head the previous
    /// one wrote and the chain stays one line.
    public func withDecisionLogLocked<T>(_ body: (any DecisionLogTransaction) throws -> T) throws -> T {
        try writing { session in
            try session.execute("SELECT pg_advisory_xact_lock(\(PostgresSchema.decisionLogLock))")
            return try body(PostgresDecisionLog(session: session))
        }
    }

    public func readingDecisionLog<T>(_ body: (any DecisionLogReader) throws -> T) throws -> T {
        try reading { session in try body(PostgresDecisionLog(session: session)) }
    }
}

/// The decision log's tables on one PostgreSQL connection.
struct PostgresDecisionLog: DecisionLogTransaction {
    let session: PostgresSession

    static let columns = """
        sequence, learner, policy_id, policy_version, as_of, recorded_at, unit, total, transcript, input_count, digest,
        chain, mac, recorded_by
        """

    func head() throws -> DecisionLog.Head? {
        try session.query("SELECT sequence, chain FROM credit_decision ORDER BY sequence DESC LIMIT 1").first.map { row in
            let (sequence, chain) = try row.decode((Int64, String).self)
            return DecisionLog.Head(sequence: sequence, chain: chain)
        }
    }

    func forEachDecision(learner: String?, _ body: (RecordedDecision) throws -> Bool) throws {
        // A page of decisions at a time, each page's inputs in one query: a long log is never all in memory.
        var after: Int64 = 0
        while true {
            let rows: [PostgresRow]
            let inputRows: [PostgresRow]
            if let learner {
                rows = try session.query("""
                    SELECT \(unescaped: Self.columns) FROM credit_decision WHERE learner = \(learner) AND sequence > \(after)
                    ORDER BY sequence LIMIT 1000
                    """)
            } else {
                rows = try session.query("""
                    SELECT \(unescaped: Self.columns) FROM credit_decision WHERE sequence > \(after) ORDER BY sequence LIMIT 1000
                    """)
            }
            guard !rows.isEmpty else { return }
            let decoded = try rows.map(DecisionRow.init)
            let sequences = decoded.map(\.sequence)
            inputRows = try session.query("""
                SELECT decision, path, sha256 FROM credit_decision_input WHERE decision = ANY(\(sequences))
                ORDER BY decision, position
                """)
            var inputs: [Int64: [CreditDecision.InputDigest]] = [:]
            for row in inputRows {
                let (decision, path, sha256) = try row.decode((Int64, String, String).self)
                inputs[decision, default: []].append(.init(path: path, sha256: sha256))
            }
            for row in decoded {
                guard try body(row.recorded(inputs: inputs[row.sequence] ?? [])) else { return }
            }
            after = sequences.last ?? after
            if rows.count < 1000 { return }
        }
    }

    func decision(sequence: Int64) throws -> RecordedDecision? {
        guard let row = try session.query("SELECT \(unescaped: Self.columns) FROM credit_decision WHERE sequence = \(sequence)").first else {
            return nil
        }
        let inputs = try session.query("""
            SELECT path, sha256 FROM credit_decision_input WHERE decision = \(sequence) ORDER BY position
            """).map { row in
            let (path, sha256) = try row.decode((String, String).self)
            return CreditDecision.InputDigest(path: path, sha256: sha256)
        }
        return try DecisionRow(row).recorded(inputs: inputs)
    }

    func orphanedInputs() throws -> Int64? {
        try session.query("""
            SELECT min(decision) FROM credit_decision_input WHERE decision NOT IN (SELECT sequence FROM credit_decision)
            """).first?.decode(Int64?.self)
    }

    func macSummary() throws -> MACSummary {
        guard let row = try session.query("""
            SELECT count(mac), min(CASE WHEN mac IS NOT NULL THEN sequence END) FROM credit_decision
            """).first else { return MACSummary(keyed: 0, firstKeyed: nil) }
        let (keyed, first) = try row.decode((Int64, Int64?).self)
        return MACSummary(keyed: Int(keyed), firstKeyed: first)
    }

    func containsLink(_ link: String) throws -> Bool {
        try session.query("SELECT EXISTS (SELECT 1 FROM credit_decision WHERE chain = \(link))").first?.decode(Bool.self) ?? false
    }

    func count() throws -> Int {
        Int(try session.query("SELECT count(*) FROM credit_decision").first?.decode(Int64.self) ?? 0)
    }

    func insert(_ decisions: [RecordedDecision]) throws {
        for recorded in decisions {
            let decision = recorded.decision
            try session.query("""
                INSERT INTO credit_decision (\(unescaped: Self.columns))
                VALUES (\(recorded.sequence), \(decision.learner), \(decision.policyID), \(decision.policyVersion),
                        \(decision.asOf), \(decision.recordedAt), \(decision.unit), \(decision.total), \(decision.transcript),
                        \(recorded.inputCount), \(recorded.digest), \(recorded.chain), \(recorded.mac), \(decision.recordedBy))
                """)
            for (position, input) in decision.inputs.enumerated() {
                try session.query("""
                    INSERT INTO credit_decision_input (decision, position, path, sha256)
                    VALUES (\(recorded.sequence), \(position), \(input.path), \(input.sha256))
                    """)
            }
        }
    }

}

/// A decision's row, read before its inputs.
private struct DecisionRow {
    let cells: PostgresRandomAccessRow
    let sequence: Int64

    init(_ row: PostgresRow) throws {
        cells = PostgresRandomAccessRow(row)
        sequence = try cells["sequence"].decode(Int64.self)
    }

    func recorded(inputs: [CreditDecision.InputDigest]) throws -> RecordedDecision {
        func text(_ name: String) throws -> String { try cells[name].decode(String.self) }
        var decision = CreditDecision(sequence: sequence, learner: try text("learner"), policyID: try text("policy_id"),
                                      policyVersion: try text("policy_version"), asOf: try text("as_of"),
                                      recordedAt: try text("recorded_at"), unit: try text("unit"), total: try text("total"),
                                      transcript: try text("transcript"), inputs: inputs)
        decision.recordedBy = try cells["recorded_by"].decode(String?.self)
        return RecordedDecision(decision: decision, digest: try text("digest"), chain: try text("chain"),
                                mac: try cells["mac"].decode(String?.self),
                                inputCount: Int(try cells["input_count"].decode(Int32.self)))
    }
}
