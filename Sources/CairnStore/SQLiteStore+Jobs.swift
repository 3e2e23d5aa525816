import CairnCore
public import Foundation
import GRDB

extension SQLiteStore {
    public func submitJob(_ request: JobRequest, chunks: [ClosedRange<Int64>], learners: Int, now: Date) throws -> CohortJob {
        let job = CohortJob(id: CohortJob.newID(), request: request, submittedAt: now, chunkCount: chunks.count,
                            learnerCount: learners)
        try writing { db in
            try db.execute(sql: """
                INSERT INTO cohort_job (id, kind, subject, asOf, definitions, header, submittedBy, submittedAt, chunkCount, learnerCount)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [job.id, request.kind.rawValue, request.subject, request.asOf.description, request.definitions,
                                 request.header, request.submittedBy, now.timeIntervalSince1970, chunks.count, learners])
            let insert = try db.makeStatement(sql: "INSERT INTO cohort_job_chunk (job, number, firstKey, lastKey) VALUES (?, ?, ?, ?)")
            for (number, keys) in chunks.enumerated() {
                try insert.execute(arguments: [job.id, number, keys.lowerBound, keys.upperBound])
            }
        }
        return job
    }

    public func job(id: String) throws -> CohortJob? {
        try reading { db in try Row.fetchOne(db, sql: "SELECT * FROM cohort_job WHERE id = ?", arguments: [id]).flatMap(Self.job) }
    }

    public func jobs() throws -> [CohortJob] {
        try reading { db in
            try Row.fetchAll(db, sql: "SELECT * FROM cohort_job ORDER BY submittedAt DESC, id").compactMap(Self.job)
        }
    }

    public func jobProgress(id: String, now: Date) throws -> JobProgress? {
        try reading { db in
            guard let job = try Row.fetchOne(db, sql: "SELECT * FROM cohort_job WHERE id = ?", arguments: [id]).flatMap(Self.job) else {
                return nil
            }
            let row = try Row.fetchOne(db, sql: """
                SELECT count(CASE WHEN state = 'done' THEN 1 END) AS done,
                       count(CASE WHEN state = 'running' AND leaseUntil > :now THEN 1 END) AS running,
                       count(CASE WHEN state = 'waiting' OR (state = 'running' AND leaseUntil <= :now) THEN 1 END) AS waiting,
                       (SELECT 'chunk ' || number || ': ' || failure FROM cohort_job_chunk
                        WHERE job = :job AND state = 'failed' ORDER BY number LIMIT 1) AS failure
                FROM cohort_job_chunk WHERE job = :job
                """, arguments: ["now": now.timeIntervalSince1970, "job": id])
            let results = try Int.fetchOne(db, sql: "SELECT count(*) FROM cohort_job_result WHERE job = ?", arguments: [id]) ?? 0
            return JobProgress(job: job, waiting: row?["waiting"] ?? 0, running: row?["running"] ?? 0, done: row?["done"] ?? 0,
                               failure: row?["failure"], results: results)
        }
    }

    public func claimChunk(worker: String, definitions: String, job: String?, lease: TimeInterval, now: Date) throws -> ClaimedChunk? {
        // SQLite has one writer at a time: the immediate transaction is the lock every claimer takes in turn.
        try writing { db in
            let seconds = now.timeIntervalSince1970
            // A chunk whose lease ran out on its last allowed attempt is given up on.
            try db.execute(sql: """
                UPDATE cohort_job_chunk SET state = 'failed',
                    failure = 'its worker stopped before finishing it, ' || attempt || ' times'
                WHERE state = 'running' AND leaseUntil <= ? AND attempt >= ?
                """, arguments: [seconds, CohortJob.maximumAttempts])
            guard let row = try Row.fetchOne(db, sql: """
                SELECT c.job, c.number, c.firstKey, c.lastKey, c.attempt FROM cohort_job_chunk c
                JOIN cohort_job j ON j.id = c.job
                WHERE (c.state = 'waiting' OR (c.state = 'running' AND c.leaseUntil <= ?))
                  AND j.definitions = ? AND (?3 IS NULL OR c.job = ?3)
                  AND NOT EXISTS (SELECT 1 FROM cohort_job_chunk f WHERE f.job = c.job AND f.state = 'failed')
                ORDER BY j.submittedAt, c.job, c.number LIMIT 1
                """, arguments: [seconds, definitions, job]) else { return nil }
            let jobID: String = row["job"]
            let number: Int = row["number"]
            let attempt = (row["attempt"] as Int) + 1
            let until = seconds + lease
            try db.execute(sql: """
                UPDATE cohort_job_chunk SET state = 'running', worker = ?, attempt = ?, leaseUntil = ? WHERE job = ? AND number = ?
                """, arguments: [worker, attempt, until, jobID, number])
            guard let claimed = try Row.fetchOne(db, sql: "SELECT * FROM cohort_job WHERE id = ?", arguments: [jobID]).flatMap(Self.job) else {
                return nil
            }
            return ClaimedChunk(job: claimed, number: number, keys: (row["firstKey"] as Int64)...(row["lastKey"] as Int64),
                                worker: worker, attempt: attempt, leaseUntil: Date(timeIntervalSince1970: until))
        }
    }

    public func completeChunk(_ claim: ClaimedChunk, results: [JobResult], now: Date) throws -> Bool {
        try writing { db in
            try db.execute(sql: """
                UPDATE cohort_job_chunk SET state = 'done', finishedAt = ?, leaseUntil = NULL
                WHERE job = ? AND number = ? AND state = 'running' AND attempt = ?
                """, arguments: [now.timeIntervalSince1970, claim.job.id, claim.number, claim.attempt])
            guard db.changesCount == 1 else { return false }
            let insert = try db.makeStatement(sql: """
                INSERT OR IGNORE INTO cohort_job_result (job, learner, chunk, position, csv, json) VALUES (?, ?, ?, ?, ?, ?)
                """)
            for result in results {
                try insert.execute(arguments: [claim.job.id, result.learner, claim.number, result.position, result.csv, result.json])
            }
            return true
        }
    }

    public func failChunk(_ claim: ClaimedChunk, reason: String, now: Date) throws {
        try writing { db in
            try db.execute(sql: """
                UPDATE cohort_job_chunk SET state = 'failed', failure = ?, finishedAt = ?
                WHERE job = ? AND number = ? AND attempt = ? AND state = 'running'
                """, arguments: [reason, now.timeIntervalSince1970, claim.job.id, claim.number, claim.attempt])
        }
    }

    public func forEachJobResult(job: String, _ body: (JobResult) throws -> Void) throws {
        try reading { db in
            let rows = try Row.fetchCursor(db, sql: """
                SELECT learner, chunk, position, csv, json FROM cohort_job_result WHERE job = ? ORDER BY chunk, position
                """, arguments: [job])
            while let row = try rows.next() {
                try body(JobResult(chunk: row["chunk"], position: row["position"], learner: row["learner"], csv: row["csv"],
                                   json: row["json"]))
            }
        }
    }

    private static func job(_ row: Row) -> CohortJob? {
        guard let kindName: String = row["kind"], let kind = JobRequest.Kind(rawValue: kindName),
              let asOfText: String = row["asOf"], let asOf = CalendarDate(iso8601: asOfText) else { return nil }
        let request = JobRequest(kind: kind, subject: row["subject"], asOf: asOf, definitions: row["definitions"],
                                 header: row["header"], submittedBy: row["submittedBy"])
        return CohortJob(id: row["id"], request: request, submittedAt: Date(timeIntervalSince1970: row["submittedAt"]),
                         chunkCount: row["chunkCount"], learnerCount: row["learnerCount"])
    }
}
