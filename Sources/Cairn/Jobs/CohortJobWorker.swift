public import CairnCore
public import CairnStore
public import Foundation

/// Computes cohort jobs a chunk at a time: claims a chunk of a job submitted with this
/// workspace's definitions, computes each of its learners' lines with ``CohortResultLines`` —
/// the code the `--cohort` commands write with — and hands them to the store with the chunk's
/// completion. Any number of workers, in any number of processes, may share a store.
///
/// A failure that another attempt would meet again (a pathway or policy the workspace lacks, a
/// learner the engine cannot evaluate) fails the chunk, and with it the job, naming the reason.
/// A failure of the store is thrown instead: the chunk's lease runs out and another worker
/// claims it again.
///
/// The worker reads no clock: each step takes the time from its caller.
public struct CohortJobWorker: Sendable {
    /// What one step did.
    public enum Outcome: Sendable, Hashable {
        /// Nothing was waiting to be claimed.
        case idle
        /// The chunk's results were stored: this many learners.
        case completed(ClaimedChunk, learners: Int)
        /// The chunk's results were refused: its lease ran out and another worker claimed it
        /// (nothing was written).
        case lost(ClaimedChunk)
        /// The chunk, and so its job, failed for this reason.
        case failed(ClaimedChunk, reason: String)
    }

    public let workspace: Workspace
    public let store: any Store
    /// The worker's name, kept with each chunk it claims.
    public let name: String
    /// How long a claim lasts before another worker may take the chunk over.
    public let lease: TimeInterval
    /// The only job to work on, or nil for any.
    public let job: String?
    /// The workspace's ``Workspace/definitionsDigest``, computed once.
    public let definitions: String

    public init(workspace: Workspace, store: any Store, name: String, lease: TimeInterval = 60, job: String? = nil) {
        self.workspace = workspace
        self.store = store
        self.name = name
        self.lease = lease
        self.job = job
        definitions = workspace.definitionsDigest
    }

    /// Claims the next chunk at `now`, or nil when none is waiting.
    public func claim(now: Date) throws -> ClaimedChunk? {
        try store.claimChunk(worker: name, definitions: definitions, job: job, lease: lease, now: now)
    }

    /// A claimed chunk's results, or why it cannot be computed.
    public func compute(_ claim: ClaimedChunk) throws -> Result<[JobResult], ChunkFailure> {
        let request = claim.job.request
        let lines: CohortResultLines
        do {
            // The exceptions as they stand now: a one-process run reads them when it starts, a
            // job when each chunk does.
            lines = try CohortResultLines(workspace: workspace, kind: request.kind, subject: request.subject,
                                          asOf: request.asOf, exceptions: try store.exceptions().map(\.exception))
        } catch let error as WorkspaceError {
            return .failure(ChunkFailure(reason: error.description))
        }
        let records = try store.learnerRecords(in: claim.keys, badgeClasses: lines.badgeClasses)
        do {
            return .success(try lines.lines(for: records).enumerated().map { position, line in
                JobResult(chunk: claim.number, position: position, learner: line.learner, csv: line.csv, json: line.json)
            })
        } catch let error as WorkspaceError {
            return .failure(ChunkFailure(reason: error.description))
        }
    }

    /// Hands a computed chunk to the store at `now`: its results, or its failure.
    public func finish(_ claim: ClaimedChunk, _ computed: Result<[JobResult], ChunkFailure>, now: Date) throws -> Outcome {
        switch computed {
        case .success(let results):
            return try store.completeChunk(claim, results: results, now: now)
                ? .completed(claim, learners: results.count) : .lost(claim)
        case .failure(let failure):
            try store.failChunk(claim, reason: failure.reason, now: now)
            return .failed(claim, reason: failure.reason)
        }
    }

    /// Claims, computes and hands back one chunk, reading the time from `clock` before the claim
    /// and again before the hand-back.
    public func step(clock: () -> Date) throws -> Outcome {
        guard let claim = try claim(now: clock()) else { return .idle }
        let computed = try compute(claim)
        return try finish(claim, computed, now: clock())
    }

    /// Whether work this worker could take may still come: a job it may work on is unfinished
    /// and some of its chunks are held by other workers, whose leases may yet run out.
    public func othersHoldChunks(now: Date) throws -> Bool {
        let candidates = try job.map { [$0] } ?? store.jobs().filter { $0.request.definitions == definitions }.map(\.id)
        for id in candidates {
            guard let progress = try store.jobProgress(id: id, now: now), progress.job.request.definitions == definitions else { continue }
            if !progress.isFinished && progress.running > 0 { return true }
        }
        return false
    }
}
