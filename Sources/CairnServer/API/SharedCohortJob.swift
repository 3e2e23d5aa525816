import Cairn
import CairnStore
import Foundation
import HTTPTypes
import Hummingbird
import NIOConcurrencyHelpers
import NIOCore

/// A cohort computed as a job, for a server on a shared (PostgreSQL) store: the request submits
/// the job, this server works on its chunks while any `cairn worker` on any machine helps, and
/// the answer streams the stored results in the cohort's order once every chunk is done — the
/// same lines `cairn jobs results` prints.
struct SharedCohortJob: Sendable {
    let state: ServerState
    let kind: JobRequest.Kind
    let subject: String
    let asOf: CalendarDate
    let submittedBy: String?

    /// Learners per chunk: enough that a chunk costs far more than claiming it.
    static let chunkSize = 1000

    /// Submits the job, computes it (with whatever workers join), and answers with its results.
    func response(format: CohortFormat, filename: String) async throws -> Response {
        let state = self.state
        let job = try CohortJobSubmitter(workspace: state.workspace, store: state.store)
            .submit(kind, subject: subject, asOf: asOf, chunkSize: Self.chunkSize, submittedBy: submittedBy, now: Date())
        try await Self.offPool { try Self.compute(job, state: state) }
        guard let progress = try state.store.jobProgress(id: job.id, now: Date()) else {
            throw APIError(.notFound, "unknown_job", "job \(quoted(job.id)) is gone from the store", at: "path.job")
        }
        if let failure = progress.failure {
            throw APIError(.unprocessableContent, "job_failed", "job \(job.id) failed: \(failure)", at: "query")
        }
        return Self.results(of: job, state: state, format: format, filename: filename)
    }

    /// Works on the job's chunks until every one is done (or one failed): chunks another worker
    /// holds are waited for, and taken over if its lease runs out.
    static func compute(_ job: CohortJob, state: ServerState) throws {
        let worker = CohortJobWorker(workspace: state.workspace, store: state.store,
                                     name: "cairn serve \(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier)",
                                     job: job.id)
        while true {
            if case .idle = try worker.step(clock: Date.init) {
                guard let progress = try state.store.jobProgress(id: job.id, now: Date()), !progress.isFinished else { return }
                Thread.sleep(forTimeInterval: 0.05)
            }
        }
    }

    /// The job's stored results as a streamed response: read on a thread of their own, handed
    /// over a page at a time, so a million learners' lines are never all in memory.
    static func results(of job: CohortJob, state: ServerState, format: CohortFormat, filename: String) -> Response {
        let store = state.store
        let body = ResponseBody { writer in
            if format == .csv { try await writer.write(ByteBuffer(string: job.request.header + "\r\n")) }
            let (pages, continuation) = AsyncThrowingStream<String, any Error>.makeStream(bufferingPolicy: .bufferingNewest(4))
            let space = DispatchSemaphore(value: 4)
            let cancelled = NIOLockedValueBox(false)
            Thread.detachNewThread {
                var page = ""
                do {
                    try store.forEachJobResult(job: job.id) { result in
                        let line = format == .csv ? result.csv : result.json
                        guard !line.isEmpty else { return }
                        page += line
                        page += format == .csv ? "\r\n" : "\n"
                        if page.utf8.count >= 1 << 16 {
                            space.wait()
                            if cancelled.withLockedValue({ $0 }) { throw CancellationError() }
                            continuation.yield(page)
                            page = ""
                        }
                    }
                    if !page.isEmpty { continuation.yield(page) }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            defer {
                cancelled.withLockedValue { $0 = true }
                space.signal()
            }
            for try await page in pages {
                try await writer.write(ByteBuffer(string: page))
                space.signal()
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: format.contentType,
                                               .contentDisposition: "attachment; filename=\"\(filename)\""], body: body)
    }

    /// Runs blocking store work on a thread of its own, never on the pool that serves requests.
    static func offPool(_ body: @escaping @Sendable () throws -> Void) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            Thread.detachNewThread {
                do {
                    try body()
                    continuation.resume()
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }
}
