import Dispatch
import Hummingbird

/// Runs each request on threads that may block: the store's operations wait for their database
/// (a SQLite lock, a PostgreSQL round trip), and were they to wait on Swift's cooperative pool —
/// as many threads as cores — two requests waiting on the network would hold a two-core server
/// still. A dispatch queue adds threads while its work waits.
struct BlockingWorkMiddleware<Context: RequestContext>: RouterMiddleware {
    let executor: BlockingTaskExecutor

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        try await withTaskExecutorPreference(executor) {
            try await next(request, context)
        }
    }
}

/// A task executor on a concurrent dispatch queue (see ``BlockingWorkMiddleware``).
final class BlockingTaskExecutor: TaskExecutor, @unchecked Sendable {
    // @unchecked: the queue is the only state, and DispatchQueue is thread-safe.
    private let queue = DispatchQueue(label: "cairn.serve.requests", attributes: .concurrent)

    func enqueue(_ job: consuming ExecutorJob) {
        let unowned = UnownedJob(job)
        queue.async {
            unowned.runSynchronously(on: self.asUnownedTaskExecutor())
        }
    }
}
