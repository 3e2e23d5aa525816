import Foundation
import GRDB

/// Segments of one file's earnings passed from the thread that reads the file to the one that
/// writes the store, so that reading and writing a large export overlap on two cores. At most
/// `capacity` segments wait; the reader blocks when they do, so memory stays bounded.
///
/// The reader sends each segment with ``send(_:)`` and ends with ``finish(failure:)``; the
/// writer (``SQLiteStore/importEarnings(from:)``) writes them in one transaction and commits only
/// when the reader finished without a failure.
public final class EarningStream: @unchecked Sendable {
    // Every stored property is read and written only while `condition` is locked.
    private let condition = NSCondition()
    private var waiting: [EarningBatch] = []
    private var finished = false
    private var failure: (any Error)?
    private var cancelled = false
    private let capacity: Int

    public init(capacity: Int = 2) {
        self.capacity = max(1, capacity)
    }

    /// Hands a segment to the writer, waiting while `capacity` segments wait. Returns false when
    /// the writer has given up (the reader may stop).
    @discardableResult
    public func send(_ segment: EarningBatch) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while waiting.count >= capacity && !cancelled { condition.wait() }
        guard !cancelled else { return false }
        waiting.append(segment)
        condition.broadcast()
        return true
    }

    /// Ends the stream; with a failure, the writer rolls back and throws it.
    public func finish(failure: (any Error)? = nil) {
        condition.lock()
        defer { condition.unlock() }
        finished = true
        self.failure = failure
        condition.broadcast()
    }

    /// Whether the writer has given up.
    public var isCancelled: Bool {
        condition.lock()
        defer { condition.unlock() }
        return cancelled
    }

    /// The next segment, nil at the end; throws the reader's failure.
    package func receive() throws -> EarningBatch? {
        condition.lock()
        defer { condition.unlock() }
        while waiting.isEmpty && !finished { condition.wait() }
        if !waiting.isEmpty {
            let segment = waiting.removeFirst()
            condition.broadcast()
            return segment
        }
        if let failure { throw failure }
        return nil
    }

    /// The writer gives up: the reader's next ``send(_:)`` returns false.
    package func cancel() {
        condition.lock()
        defer { condition.unlock() }
        cancelled = true
        waiting.removeAll()
        condition.broadcast()
    }
}

/// Earnings a segment states twice with different details (see ``EarningBatch/conflicts()``):
/// the file is refused.
public struct EarningConflicts: Error, Sendable {
    public var conflicts: [(repeated: StoredEarning, first: StoredEarning)]

    package init(conflicts: [(repeated: StoredEarning, first: StoredEarning)]) {
        self.conflicts = conflicts
    }
}

extension SQLiteStore {
    /// Writes the segments of `stream` as they arrive, in one transaction that commits only when
    /// the reader finishes without a failure (as ``importEarnings(_:replacing:)`` writes one batch).
    /// Each segment must hold all of its learners' earnings: a learner never reappears in a later
    /// segment (the reader falls back to one batch for a file that does not group its learners).
    ///
    /// - Throws: the reader's failure, ``EarningConflicts`` for a segment that states an earning
    ///   twice with different details, or ``StoreError``; nothing is written then.
    public func importEarnings(from stream: EarningStream) throws -> LearnerImportReport {
        do {
            return try writing { db in
                try db.execute(sql: "PRAGMA cache_size = -65536")
                defer { try? db.execute(sql: "PRAGMA cache_size = -2000") }
                var session = try LearnerImportSession(db: db, learnersNamed: 1 << 40, tracksSeen: false)
                while let segment = try stream.receive() {
                    let conflicts = segment.conflicts()
                    guard conflicts.isEmpty else { throw EarningConflicts(conflicts: conflicts) }
                    try session.add(segment)
                }
                return session.report
            }
        } catch {
            stream.cancel()
            throw error
        }
    }
}
