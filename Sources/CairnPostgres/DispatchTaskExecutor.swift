import Dispatch

/// Runs Swift-concurrency jobs on a dispatch queue of their own instead of the shared
/// cooperative pool. PostgresNIO's `COPY` is async-only, and the store is called from ordinary
/// code that waits for it: were that async work to need a pool thread while every pool thread
/// waits for it (two threads on a two-core machine), nothing would ever run again.
final class DispatchTaskExecutor: TaskExecutor, @unchecked Sendable {
    // @unchecked: the queue is the only state, and DispatchQueue is thread-safe.
    private let queue: DispatchQueue

    init(label: String) {
        queue = DispatchQueue(label: label)
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let unowned = UnownedJob(job)
        queue.async {
            unowned.runSynchronously(on: self.asUnownedTaskExecutor())
        }
    }
}

