public import CairnCore
public import CairnStore
public import Foundation

/// Submits cohort jobs for a workspace: checks what the job is for, splits the store's learners
/// into chunks and stores the job with the workspace's ``Workspace/definitionsDigest`` and its
/// results' CSV header. Workers (``CohortJobWorker``) then compute it, anywhere the store reaches.
public struct CohortJobSubmitter: Sendable {
    public let workspace: Workspace
    public let store: any Store

    public init(workspace: Workspace, store: any Store) {
        self.workspace = workspace
        self.store = store
    }

    /// The default number of learners a chunk holds: enough that claiming it costs far less than
    /// computing it, few enough that a lost worker's chunk is soon done again.
    public static let defaultChunkSize = 1000

    /// Stores a job over every learner in the store and returns it.
    ///
    /// - Parameters:
    ///   - kind: what the job computes.
    ///   - subject: the pathway id (audit) or credit policy id (credits); ignored for renewals.
    ///   - chunkSize: learners per chunk, at least 1.
    ///   - now: when it is submitted (the library reads no clock).
    /// - Throws: ``WorkspaceError/unknownID(kind:id:known:)`` for a pathway or policy the
    ///   workspace lacks; ``StoreError`` when the store fails.
    public func submit(_ kind: JobRequest.Kind, subject: String, asOf: CalendarDate,
                       chunkSize: Int = CohortJobSubmitter.defaultChunkSize, submittedBy: String? = nil,
                       now: Date) throws -> CohortJob {
        let subject = kind == .renewals ? "" : subject
        // Made once here only to refuse an unknown pathway or policy before anything is stored.
        _ = try CohortResultLines(workspace: workspace, kind: kind, subject: subject, asOf: asOf)
        let request = JobRequest(kind: kind, subject: subject, asOf: asOf, definitions: workspace.definitionsDigest,
                                 header: CohortResultLines.csvHeader(of: kind), submittedBy: submittedBy)
        let chunks = try store.learnerKeyRanges(size: max(1, chunkSize))
        return try store.submitJob(request, chunks: chunks, learners: try store.learnerCount(), now: now)
    }
}
