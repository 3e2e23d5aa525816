public import Foundation

/// Cohort jobs: a cohort's audit, credits or renewals split into chunks of learners that any
/// number of workers — processes on any machine sharing the store — claim, compute and hand back.
///
/// A worker holds a claimed chunk under a lease. A worker that dies lets the lease run out, and
/// the chunk is claimed again by another (up to ``CohortJob/maximumAttempts`` times); a worker
/// that comes back after losing its lease finds its results refused. Results are keyed by job and
/// learner and written with the chunk's completion in one transaction, so a chunk's results are
/// stored once, whatever happens to its workers.
public protocol JobStore: Sendable {
    /// Stores a job over the learners in `chunks` (store key ranges, from
    /// ``LearnerStore/learnerKeyRanges(size:)``), every chunk waiting for a worker.
    func submitJob(_ request: JobRequest, chunks: [ClosedRange<Int64>], learners: Int, now: Date) throws -> CohortJob
    /// The job with this id, or nil.
    func job(id: String) throws -> CohortJob?
    /// Every job, newest first.
    func jobs() throws -> [CohortJob]
    /// How far a job has got, or nil for an unknown job.
    func jobProgress(id: String, now: Date) throws -> JobProgress?
    /// Claims the first chunk waiting, or whose lease ran out, of the oldest job computed with
    /// `definitions` (the digest of the workspace the worker loaded; a job submitted against other
    /// definitions waits for a worker that has them), or of `job` only when given. Nil when there is none.
    func claimChunk(worker: String, definitions: String, job: String?, lease: TimeInterval, now: Date) throws -> ClaimedChunk?
    /// Stores a claimed chunk's results and marks it done, in one transaction — unless the claim
    /// was lost (its lease ran out and another worker claimed the chunk, or it is done already):
    /// then nothing is written and the answer is false.
    func completeChunk(_ claim: ClaimedChunk, results: [JobResult], now: Date) throws -> Bool
    /// Gives a claimed chunk up after a failure that another attempt cannot cure: the job fails, naming it.
    func failChunk(_ claim: ClaimedChunk, reason: String, now: Date) throws
    /// A job's results in the cohort's order (chunk, then position in it), one at a time.
    func forEachJobResult(job: String, _ body: (JobResult) throws -> Void) throws
}
