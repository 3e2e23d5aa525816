public import CairnCore
public import Foundation

/// What a job computes over the store's learners.
public struct JobRequest: Sendable, Hashable {
    /// The kinds of cohort job.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case audit, credits, renewals
    }

    public var kind: Kind
    /// The pathway (audit) or credit policy (credits) the job is for; empty for renewals.
    public var subject: String
    public var asOf: CalendarDate
    /// The SHA-256 of the definitions the job must be computed with: a worker that loaded
    /// different pathways or policies does not claim its chunks.
    public var definitions: String
    /// The CSV header of the job's results.
    public var header: String
    /// Who submitted it (a token's id or a person's name), when known.
    public var submittedBy: String?

    public init(kind: Kind, subject: String, asOf: CalendarDate, definitions: String, header: String,
                submittedBy: String? = nil) {
        self.kind = kind
        self.subject = subject
        self.asOf = asOf
        self.definitions = definitions
        self.header = header
        self.submittedBy = submittedBy
    }
}

/// A cohort job as the store keeps it.
public struct CohortJob: Sendable, Hashable {
    /// How many times a chunk is claimed before the job gives up on it (a chunk that kills every
    /// worker that takes it must not take every worker down in turn).
    public static let maximumAttempts = 3

    /// `j-` and 12 hex digits.
    public var id: String
    public var request: JobRequest
    public var submittedAt: Date
    public var chunkCount: Int
    public var learnerCount: Int

    public init(id: String, request: JobRequest, submittedAt: Date, chunkCount: Int, learnerCount: Int) {
        self.id = id
        self.request = request
        self.submittedAt = submittedAt
        self.chunkCount = chunkCount
        self.learnerCount = learnerCount
    }

    /// A new job id: 6 random bytes in hex.
    public static func newID() -> String {
        var generator = SystemRandomNumberGenerator()
        return "j-" + (0..<6).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }
}

/// How far a job has got.
public struct JobProgress: Sendable, Hashable {
    public var job: CohortJob
    /// Chunks no worker holds (never claimed, or whose lease ran out).
    public var waiting: Int
    /// Chunks a worker holds under a lease that has not run out.
    public var running: Int
    public var done: Int
    /// The first chunk given up on, and why: the job failed.
    public var failure: String?
    /// How many result rows are stored.
    public var results: Int

    public init(job: CohortJob, waiting: Int, running: Int, done: Int, failure: String?, results: Int) {
        self.job = job
        self.waiting = waiting
        self.running = running
        self.done = done
        self.failure = failure
        self.results = results
    }

    /// `waiting`, `running`, `done` or `failed`.
    public var state: String {
        if failure != nil { return "failed" }
        if done == job.chunkCount { return "done" }
        return running > 0 || done > 0 ? "running" : "waiting"
    }

    public var isFinished: Bool { failure != nil || done == job.chunkCount }
}

/// A chunk a worker claimed.
public struct ClaimedChunk: Sendable, Hashable {
    public var job: CohortJob
    /// The chunk's number in the job, from 0.
    public var number: Int
    /// The store keys of the chunk's learners.
    public var keys: ClosedRange<Int64>
    public var worker: String
    /// Which claim of this chunk this is, from 1: a later claim makes this one's results stale.
    public var attempt: Int
    public var leaseUntil: Date

    public init(job: CohortJob, number: Int, keys: ClosedRange<Int64>, worker: String, attempt: Int, leaseUntil: Date) {
        self.job = job
        self.number = number
        self.keys = keys
        self.worker = worker
        self.attempt = attempt
        self.leaseUntil = leaseUntil
    }
}

/// One learner's result in a job: the line a cohort run writes for them, in both formats.
public struct JobResult: Sendable, Hashable {
    public var chunk: Int
    /// The learner's place in the chunk.
    public var position: Int
    public var learner: String
    /// The CSV line, without its line break.
    public var csv: String
    /// The JSON line, without its line break.
    public var json: String

    public init(chunk: Int, position: Int, learner: String, csv: String, json: String) {
        self.chunk = chunk
        self.position = position
        self.learner = learner
        self.csv = csv
        self.json = json
    }
}
