import CairnCore
import CairnTestSupport
import Foundation
import Synchronization
import Testing

@testable import CairnStore

/// The job queue's contract, on every backend: each chunk claimed by one worker at a time; a
/// lease that runs out hands the chunk to another and refuses the first claim's results; results
/// stored once, in the cohort's order; a chunk that kills every worker fails its job; a job
/// submitted with other definitions left to the workers that have them.
@Suite("Cohort jobs in the store")
struct JobStoreTests {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)
    static let definitions = String(repeating: "a", count: 64)

    /// A store of `backend` with `learners` learners (`l000`, `l001`…), one earning each.
    static func store(_ backend: StoreBackend, learners: Int) throws -> (any Store, TestStore) {
        let made = try backend.makeStore()
        var batch = EarningBatch(file: "export.csv", origin: .sis)
        for index in 0..<learners {
            let id = "l" + String(format: "%03d", index)
            batch.addLearner(id, line: index + 2)
            batch.add(EarnedBadge(badgeClassID: "sql", issued: Fixture.date("2025-01-10"),
                                  source: SourceLocation(file: "export.csv", line: index + 2, column: 1)), learner: id)
        }
        try made.store.importEarnings([batch])
        return (made.store, made)
    }

    /// Submits an audit job over every learner, `size` learners a chunk.
    static func submit(_ store: any Store, size: Int, definitions: String = definitions) throws -> CohortJob {
        let request = JobRequest(kind: .audit, subject: "p", asOf: Fixture.date("2026-11-29"), definitions: definitions,
                                 header: "learner,pathway", submittedBy: "test")
        return try store.submitJob(request, chunks: try store.learnerKeyRanges(size: size), learners: try store.learnerCount(),
                                   now: start)
    }

    /// A claim's results: one line per learner of the chunk, named after it.
    static func results(_ store: any Store, _ claim: ClaimedChunk) throws -> [JobResult] {
        try store.learnerRecords(in: claim.keys, badgeClasses: nil).enumerated().map { position, record in
            JobResult(chunk: claim.number, position: position, learner: record.learner, csv: "\(record.learner),p",
                      json: "{\"learner\":\"\(record.learner)\"}")
        }
    }

    static func storedResults(_ store: any Store, job: String) throws -> [JobResult] {
        var all: [JobResult] = []
        try store.forEachJobResult(job: job) { all.append($0) }
        return all
    }

    @Test("each chunk is claimed once; when all are done the job is done with every learner's result", arguments: StoreBackend.all)
    func chunksClaimedOnce(_ backend: StoreBackend) throws {
        let (store, handle) = try Self.store(backend, learners: 5)
        defer { handle.remove() }
        let job = try Self.submit(store, size: 2)
        #expect(job.chunkCount == 3 && job.learnerCount == 5)
        #expect(try store.jobProgress(id: job.id, now: Self.start)?.state == "waiting")
        var claims: [ClaimedChunk] = []
        while let claim = try store.claimChunk(worker: "w\(claims.count)", definitions: Self.definitions, job: nil, lease: 60,
                                               now: Self.start) {
            claims.append(claim)
        }
        #expect(claims.map(\.number) == [0, 1, 2])
        #expect(claims.allSatisfy { $0.attempt == 1 && $0.job.id == job.id })
        let running = try #require(try store.jobProgress(id: job.id, now: Self.start))
        #expect(running.running == 3 && running.waiting == 0 && running.state == "running")
        for claim in claims { #expect(try store.completeChunk(claim, results: try Self.results(store, claim), now: Self.start)) }
        let done = try #require(try store.jobProgress(id: job.id, now: Self.start))
        #expect(done.state == "done" && done.isFinished && done.done == 3 && done.results == 5 && done.failure == nil)
        #expect(try store.claimChunk(worker: "late", definitions: Self.definitions, job: nil, lease: 60, now: Self.start) == nil)
    }

    @Test("a lease that ran out is claimed again with a higher attempt; the first claim's completion is refused and writes nothing",
          arguments: StoreBackend.all)
    func lostLease(_ backend: StoreBackend) throws {
        let (store, handle) = try Self.store(backend, learners: 3)
        defer { handle.remove() }
        let job = try Self.submit(store, size: 10)
        let first = try #require(try store.claimChunk(worker: "dies", definitions: Self.definitions, job: job.id, lease: 1,
                                                      now: Self.start))
        // Within the lease, no one else gets it.
        #expect(try store.claimChunk(worker: "other", definitions: Self.definitions, job: job.id, lease: 60,
                                     now: Self.start.addingTimeInterval(0.5)) == nil)
        let later = Self.start.addingTimeInterval(2)
        #expect(try store.jobProgress(id: job.id, now: later)?.waiting == 1)
        let second = try #require(try store.claimChunk(worker: "other", definitions: Self.definitions, job: job.id, lease: 60,
                                                       now: later))
        #expect(second.number == first.number && second.attempt == first.attempt + 1 && second.worker == "other")
        #expect(try store.completeChunk(first, results: try Self.results(store, first), now: later) == false)
        #expect(try Self.storedResults(store, job: job.id).isEmpty)
        #expect(try store.jobProgress(id: job.id, now: later)?.state == "running")
        #expect(try store.completeChunk(second, results: try Self.results(store, second), now: later))
        #expect(try Self.storedResults(store, job: job.id).map(\.learner) == ["l000", "l001", "l002"])
    }

    @Test("completing a chunk twice stores its results once", arguments: StoreBackend.all)
    func completeTwice(_ backend: StoreBackend) throws {
        let (store, handle) = try Self.store(backend, learners: 4)
        defer { handle.remove() }
        let job = try Self.submit(store, size: 4)
        let claim = try #require(try store.claimChunk(worker: "w", definitions: Self.definitions, job: nil, lease: 60, now: Self.start))
        let results = try Self.results(store, claim)
        #expect(try store.completeChunk(claim, results: results, now: Self.start))
        #expect(try store.completeChunk(claim, results: results, now: Self.start) == false)
        #expect(try Self.storedResults(store, job: job.id).count == 4)
        #expect(try store.jobProgress(id: job.id, now: Self.start)?.results == 4)
    }

    @Test("results come back in chunk and position order, whatever order the chunks were done in", arguments: StoreBackend.all)
    func resultOrder(_ backend: StoreBackend) throws {
        let (store, handle) = try Self.store(backend, learners: 7)
        defer { handle.remove() }
        let job = try Self.submit(store, size: 3)
        var claims: [ClaimedChunk] = []
        while let claim = try store.claimChunk(worker: "w", definitions: Self.definitions, job: nil, lease: 60, now: Self.start) {
            claims.append(claim)
        }
        for claim in claims.reversed() {
            #expect(try store.completeChunk(claim, results: try Self.results(store, claim), now: Self.start))
        }
        let stored = try Self.storedResults(store, job: job.id)
        #expect(stored.map(\.learner) == (0..<7).map { "l" + String(format: "%03d", $0) })
        #expect(stored.map(\.chunk) == [0, 0, 0, 1, 1, 1, 2])
        #expect(stored.map(\.position) == [0, 1, 2, 0, 1, 2, 0])
        #expect(stored.first?.csv == "l000,p" && stored.first?.json == "{\"learner\":\"l000\"}")
    }

    @Test("after as many expired leases as CohortJob.maximumAttempts the job fails, naming the chunk", arguments: StoreBackend.all)
    func expiredLeasesFailTheJob(_ backend: StoreBackend) throws {
        let (store, handle) = try Self.store(backend, learners: 2)
        defer { handle.remove() }
        let job = try Self.submit(store, size: 10)
        var now = Self.start
        for attempt in 1...CohortJob.maximumAttempts {
            let claim = try #require(try store.claimChunk(worker: "w\(attempt)", definitions: Self.definitions, job: nil, lease: 1,
                                                          now: now))
            #expect(claim.attempt == attempt)
            now = now.addingTimeInterval(2)
        }
        #expect(try store.claimChunk(worker: "next", definitions: Self.definitions, job: nil, lease: 1, now: now) == nil)
        let progress = try #require(try store.jobProgress(id: job.id, now: now))
        #expect(progress.state == "failed" && progress.isFinished)
        #expect(progress.failure?.hasPrefix("chunk 0: ") == true)
        #expect(progress.failure?.contains("\(CohortJob.maximumAttempts) times") == true)
    }

    @Test("a chunk given up on fails its job with the reason, and no more of its chunks are claimed", arguments: StoreBackend.all)
    func failedChunk(_ backend: StoreBackend) throws {
        let (store, handle) = try Self.store(backend, learners: 4)
        defer { handle.remove() }
        let job = try Self.submit(store, size: 2)
        let claim = try #require(try store.claimChunk(worker: "w", definitions: Self.definitions, job: nil, lease: 60, now: Self.start))
        try store.failChunk(claim, reason: "unknown pathway \"p\"", now: Self.start)
        #expect(try store.claimChunk(worker: "w", definitions: Self.definitions, job: nil, lease: 60, now: Self.start) == nil)
        let progress = try #require(try store.jobProgress(id: job.id, now: Self.start))
        #expect(progress.state == "failed" && progress.failure == "chunk 0: unknown pathway \"p\"")
    }

    @Test("a job submitted with other definitions is not claimed by a worker with these", arguments: StoreBackend.all)
    func otherDefinitions(_ backend: StoreBackend) throws {
        let (store, handle) = try Self.store(backend, learners: 2)
        defer { handle.remove() }
        let other = String(repeating: "b", count: 64)
        let job = try Self.submit(store, size: 10, definitions: other)
        #expect(try store.claimChunk(worker: "w", definitions: Self.definitions, job: nil, lease: 60, now: Self.start) == nil)
        #expect(try store.claimChunk(worker: "w", definitions: Self.definitions, job: job.id, lease: 60, now: Self.start) == nil)
        let claim = try store.claimChunk(worker: "w", definitions: other, job: nil, lease: 60, now: Self.start)
        #expect(claim?.job.id == job.id)
    }

    @Test("workers claiming at once on several threads never get the same chunk", arguments: StoreBackend.all)
    func concurrentClaims(_ backend: StoreBackend) throws {
        let (store, handle) = try Self.store(backend, learners: 24)
        defer { handle.remove() }
        let job = try Self.submit(store, size: 1)
        let claimed = Mutex<[Int]>([])
        let failures = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 6) { thread in
            do {
                while let claim = try store.claimChunk(worker: "t\(thread)", definitions: Self.definitions, job: job.id, lease: 60,
                                                       now: Self.start) {
                    claimed.withLock { $0.append(claim.number) }
                    _ = try store.completeChunk(claim, results: try Self.results(store, claim), now: Self.start)
                }
            } catch {
                failures.withLock { $0.append("\(error)") }
            }
        }
        #expect(failures.withLock { $0 }.isEmpty)
        let numbers = claimed.withLock { $0 }
        #expect(numbers.count == 24)
        #expect(numbers.sorted() == Array(0..<24))
        #expect(try store.jobProgress(id: job.id, now: Self.start)?.state == "done")
        #expect(try Self.storedResults(store, job: job.id).count == 24)
    }
}
