public import CairnCore
public import CairnStore
public import Foundation
import PostgresNIO

extension PostgresStore {
    public func submitJob(_ request: JobRequest, chunks: [ClosedRange<Int64>], learners: Int, now: Date) throws -> CohortJob {
        let job = CohortJob(id: CohortJob.newID(), request: request, submittedAt: now, chunkCount: chunks.count,
                            learnerCount: learners)
        try writing { session in
            try session.query("""
                INSERT INTO cohort_job (id, kind, subject, as_of, definitions, header, submitted_by, submitted_at, chunk_count, learner_count)
                VALUES (\(job.id), \(request.kind.rawValue), \(request.subject), \(request.asOf.description), \(request.definitions),
                        \(request.header), \(request.submittedBy), \(now.timeIntervalSince1970), \(chunks.count), \(learners))
                """)
            let firsts = chunks.map(\.lowerBound)
            let lasts = chunks.map(\.upperBound)
            try session.query("""
                INSERT INTO cohort_job_chunk (job, number, first_key, last_key)
                SELECT \(job.id), ordinality - 1, first_key, last_key
                FROM unnest(\(firsts)::bigint[], \(lasts)::bigint[]) WITH ORDINALITY AS c(first_key, last_key, ordinality)
                """)
        }
        return job
    }

    public func job(id: String) throws -> CohortJob? {
        try withSession { session in
            try session.query("SELECT \(unescaped: Self.jobColumns) FROM cohort_job WHERE id = \(id)").first.flatMap(Self.job)
        }
    }

    public func jobs() throws -> [CohortJob] {
        try withSession { session in
            try session.query("SELECT \(unescaped: Self.jobColumns) FROM cohort_job ORDER BY submitted_at DESC, id").compactMap(Self.job)
        }
    }

    public func jobProgress(id: String, now: Date) throws -> JobProgress? {
        let seconds = now.timeIntervalSince1970
        return try reading { session in
            guard let job = try session.query("SELECT \(unescaped: Self.jobColumns) FROM cohort_job WHERE id = \(id)").first
                .flatMap(Self.job) else { return nil }
            guard let row = try session.query("""
                SELECT count(*) FILTER (WHERE state = 'done'),
                       count(*) FILTER (WHERE state = 'running' AND lease_until > \(seconds)),
                       count(*) FILTER (WHERE state = 'waiting' OR (state = 'running' AND lease_until <= \(seconds))),
                       (SELECT 'chunk ' || number || ': ' || failure FROM cohort_job_chunk
                        WHERE job = \(id) AND state = 'failed' ORDER BY number LIMIT 1),
                       (SELECT count(*) FROM cohort_job_result WHERE job = \(id))
                FROM cohort_job_chunk WHERE job = \(id)
                """).first else { return nil }
            let (done, running, waiting, failure, results) = try row.decode((Int64, Int64, Int64, String?, Int64).self)
            return JobProgress(job: job, waiting: Int(waiting), running: Int(running), done: Int(done), failure: failure,
                               results: Int(results))
        }
    }

    /// Claims with `FOR UPDATE SKIP LOCKED`: workers claiming at the same moment each take a
    /// different chunk instead of queueing on the same row.
    public func claimChunk(worker: String, definitions: String, job: String?, lease: TimeInterval, now: Date) throws -> ClaimedChunk? {
        let seconds = now.timeIntervalSince1970
        let until = seconds + lease
        return try writing { session in
            try session.query("""
                UPDATE cohort_job_chunk SET state = 'failed',
                    failure = 'its worker stopped before finishing it, ' || attempt || ' times'
                WHERE state = 'running' AND lease_until <= \(seconds) AND attempt >= \(CohortJob.maximumAttempts)
                """)
            guard let row = try session.query("""
                WITH next AS (
                    SELECT c.job, c.number FROM cohort_job_chunk c JOIN cohort_job j ON j.id = c.job
                    WHERE (c.state = 'waiting' OR (c.state = 'running' AND c.lease_until <= \(seconds)))
                      AND j.definitions = \(definitions) AND (\(job)::text IS NULL OR c.job = \(job))
                      AND NOT EXISTS (SELECT 1 FROM cohort_job_chunk f WHERE f.job = c.job AND f.state = 'failed')
                    ORDER BY j.submitted_at, c.job, c.number
                    LIMIT 1
                    FOR UPDATE OF c SKIP LOCKED
                )
                UPDATE cohort_job_chunk c SET state = 'running', worker = \(worker), attempt = c.attempt + 1,
                    lease_until = \(until)
                FROM next WHERE c.job = next.job AND c.number = next.number
                RETURNING c.job, c.number, c.first_key, c.last_key, c.attempt
                """).first else { return nil }
            let (jobID, number, first, last, attempt) = try row.decode((String, Int32, Int64, Int64, Int32).self)
            guard let claimed = try session.query("SELECT \(unescaped: Self.jobColumns) FROM cohort_job WHERE id = \(jobID)").first
                .flatMap(Self.job) else { return nil }
            return ClaimedChunk(job: claimed, number: Int(number), keys: first...last, worker: worker, attempt: Int(attempt),
                                leaseUntil: Date(timeIntervalSince1970: until))
        }
    }

    public func completeChunk(_ claim: ClaimedChunk, results: [JobResult], now: Date) throws -> Bool {
        try writing { session in
            let changed = try session.update("""
                UPDATE cohort_job_chunk SET state = 'done', finished_at = \(now.timeIntervalSince1970), lease_until = NULL
                WHERE job = \(claim.job.id) AND number = \(claim.number) AND state = 'running' AND attempt = \(claim.attempt)
                """)
            guard changed == 1 else { return false }
            // One statement for the chunk's results, from arrays: a thousand learners in one round trip.
            try session.query("""
                INSERT INTO cohort_job_result (job, learner, chunk, position, csv, json)
                SELECT \(claim.job.id), learner, \(claim.number), position, csv, json
                FROM unnest(\(results.map(\.learner))::text[], \(results.map { Int64($0.position) })::bigint[],
                            \(results.map(\.csv))::text[], \(results.map(\.json))::text[]) AS r(learner, position, csv, json)
                ON CONFLICT (job, chunk, position) DO NOTHING
                """)
            return true
        }
    }

    public func failChunk(_ claim: ClaimedChunk, reason: String, now: Date) throws {
        try writing { session in
            try session.query("""
                UPDATE cohort_job_chunk SET state = 'failed', failure = \(reason), finished_at = \(now.timeIntervalSince1970)
                WHERE job = \(claim.job.id) AND number = \(claim.number) AND attempt = \(claim.attempt) AND state = 'running'
                """)
        }
    }

    public func forEachJobResult(job: String, _ body: (JobResult) throws -> Void) throws {
        // A page at a time by (chunk, position): a million results are never all in memory.
        try reading { session in
            var after: (Int32, Int32) = (-1, -1)
            while true {
                let rows = try session.query("""
                    SELECT learner, chunk, position, csv, json FROM cohort_job_result
                    WHERE job = \(job) AND (chunk, position) > (\(after.0), \(after.1))
                    ORDER BY chunk, position LIMIT 5000
                    """)
                for row in rows {
                    let (learner, chunk, position, csv, json) = try row.decode((String, Int32, Int32, String, String).self)
                    try body(JobResult(chunk: Int(chunk), position: Int(position), learner: learner, csv: csv, json: json))
                    after = (chunk, position)
                }
                if rows.count < 5000 { return }
            }
        }
    }

    private static let jobColumns = """
        id, kind, subject, as_of, definitions, header, submitted_by, submitted_at, chunk_count, learner_count
        """

    private static func job(_ row: PostgresRow) throws -> CohortJob? {
        let (id, kindName, subject, asOfText, definitions, header, submittedBy, submittedAt, chunks, learners) =
            try row.decode((String, String, String, String, String, String, String?, Double, Int32, Int32).self)
        guard let kind = JobRequest.Kind(rawValue: kindName), let asOf = CalendarDate(iso8601: asOfText) else { return nil }
        return CohortJob(id: id, request: JobRequest(kind: kind, subject: subject, asOf: asOf, definitions: definitions,
                                                     header: header, submittedBy: submittedBy),
                         submittedAt: Date(timeIntervalSince1970: submittedAt), chunkCount: Int(chunks),
                         learnerCount: Int(learners))
    }
}
