import CairnPostgres
import CairnStore
import CairnTestSupport
import Foundation
import Testing

/// Cohort jobs through the real `cairn` binary: the bundled SIS export imported into a store, a
/// job submitted in small chunks, two `cairn worker` processes computing it at once, and its
/// results equal to what the one-process `--cohort` commands print — on SQLite, and on
/// PostgreSQL when a server can be had. A worker that dies holding a chunk costs only its lease.
@Suite("Cohort jobs: submitted, computed by worker processes, read back")
struct JobsEndToEndTests {
    static let pathway = "data-analysis-foundations"
    static let policy = "northbridge-ects"
    static let asOf = ["--as-of", "2026-11-29"]

    enum Backend: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case sqlite, postgres

        static var all: [Backend] { PostgresTestServer.isAvailable ? [.sqlite, .postgres] : [.sqlite] }

        var testDescription: String { rawValue }
    }

    /// A copy of the bundled workspace whose store (SQLite in the workspace, or a fresh
    /// PostgreSQL database) holds the November SIS export and one registrar exception.
    struct Setup {
        let folder: TemporaryFolder
        /// `--database URL` for PostgreSQL; nothing for the workspace's SQLite store.
        let database: [String]
        let url: String?

        func run(_ arguments: [String], expecting status: Int32 = 0) throws -> CairnRun {
            let run = try CairnProcess.run(arguments + database, in: folder.url)
            #expect(run.status == status, "cairn \(arguments.joined(separator: " ")): \(run.stderr)")
            return run
        }

        /// The store as the library opens it, for playing a worker that dies.
        func openStore() throws -> any Store {
            if let url, case .postgres(let address) = try StoreLocation(parsing: url) { return try PostgresStore(address: address) }
            return try SQLiteStore(path: folder.url.appendingPathComponent(".cairn/store.sqlite").path)
        }

        func remove() {
            folder.remove()
            if let url, case .success(let admin) = PostgresTestServer.server, let name = URLComponents(string: url)?.path.dropFirst() {
                _ = try? PostgresTestServer.psql(admin, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
            }
        }
    }

    static func setUp(_ backend: Backend) throws -> Setup {
        let folder = try CohortEndToEndTests.workspace()
        let url = backend == .postgres ? try PostgresTestServer.freshDatabase() : nil
        let setup = Setup(folder: folder, database: url.map { ["--database", $0] } ?? [], url: url)
        try setup.run(["learners", "import", CohortEndToEndTests.november])
        try setup.run(["exceptions", "add", "--learner", "bruno", "--pathway", pathway, "--waive", "sql", "--by", "registrar",
                       "--reason", "recognition of prior learning", "--on", "2026-11-01"])
        return setup
    }

    /// Submits a job and returns its id.
    static func submit(_ setup: Setup, _ arguments: [String]) throws -> String {
        let run = try setup.run(["jobs", "submit"] + arguments + asOf)
        let id = run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(id.hasPrefix("j-") && id.count == 14, "job id: \(run.stdout)")
        return id
    }

    static func status(_ setup: Setup, _ id: String) throws -> [String: Any] {
        let run = try setup.run(["jobs", "status", id, "--format", "json"])
        return try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    }

    @Test("two workers at once compute an audit job; its results are what audit --cohort prints, as CSV and JSON lines",
          arguments: Backend.all)
    func twoWorkers(_ backend: Backend) throws {
        let setup = try Self.setUp(backend)
        defer { setup.remove() }
        let id = try Self.submit(setup, ["audit", "--pathway", Self.pathway, "--chunk-size", "3"])
        let waiting = try Self.status(setup, id)
        #expect(waiting["state"] as? String == "waiting")
        #expect((waiting["chunks"] as? [String: Any])?["total"] as? Int == 5)
        let early = try setup.run(["jobs", "results", id], expecting: 75)
        #expect(early.stderr.contains("not finished") && early.stdout.isEmpty)

        let worker = ["worker", "--until-idle"] + setup.database
        let workers = try CairnProcess.runAtOnce([worker + ["--name", "one"], worker + ["--name", "two"]], in: setup.folder.url)
        for run in workers { #expect(run.status == 0, "worker: \(run.stderr)") }

        let done = try Self.status(setup, id)
        #expect(done["state"] as? String == "done")
        #expect(done["results"] as? Int == 14 && done["learners"] as? Int == 14)
        #expect((done["chunks"] as? [String: Any])?["done"] as? Int == 5)
        #expect(try setup.run(["jobs", "status", id]).stdout.contains("state:     done"))

        let cohort = ["audit", "--cohort", "--pathway", Self.pathway] + Self.asOf
        let csv = try setup.run(["jobs", "results", id]).stdout
        #expect(csv == (try setup.run(cohort + ["--format", "csv"]).stdout))
        #expect(CohortEndToEndTests.rows(csv).count == 14)
        let jsonl = try setup.run(["jobs", "results", id, "--format", "jsonl"]).stdout
        #expect(jsonl == (try setup.run(cohort + ["--format", "jsonl"]).stdout))
        #expect(jsonl.split(separator: "\n").count == 14)
        #expect(try setup.run(["jobs", "list"]).stdout.contains(id))
    }

    @Test("credits and renewals jobs give what credits --cohort and renewals --cohort print", arguments: Backend.all)
    func creditsAndRenewals(_ backend: Backend) throws {
        let setup = try Self.setUp(backend)
        defer { setup.remove() }
        let credits = try Self.submit(setup, ["credits", "--policy", Self.policy, "--chunk-size", "4"])
        let renewals = try Self.submit(setup, ["renewals", "--chunk-size", "5"])
        try setup.run(["worker", "--until-idle"])
        for (id, command) in [(credits, ["credits", "--policy", Self.policy]), (renewals, ["renewals"])] {
            for format in ["csv", "jsonl"] {
                let results = try setup.run(["jobs", "results", id, "--format", format]).stdout
                let cohort = try setup.run(command + ["--cohort", "--format", format] + Self.asOf).stdout
                #expect(results == cohort, "\(command[0]) \(format)")
                #expect(!results.isEmpty)
            }
        }
    }

    @Test("a chunk a dead worker claimed is computed by a worker once its lease runs out, and its rows are stored once",
          arguments: Backend.all)
    func deadWorker(_ backend: Backend) throws {
        let setup = try Self.setUp(backend)
        defer { setup.remove() }
        let id = try Self.submit(setup, ["audit", "--pathway", Self.pathway, "--chunk-size", "4"])
        let store = try setup.openStore()
        let definitions = try #require(try store.job(id: id)).request.definitions
        let dead = try #require(try store.claimChunk(worker: "dead", definitions: definitions, job: id, lease: 1, now: Date()))

        let worker = ["worker", "--until-idle", "--job", id] + setup.database
        let workers = try CairnProcess.runAtOnce([worker, worker], in: setup.folder.url)
        for run in workers { #expect(run.status == 0, "worker: \(run.stderr)") }

        let status = try Self.status(setup, id)
        #expect(status["state"] as? String == "done")
        #expect(status["results"] as? Int == 14)
        // The dead worker coming back finds its claim gone.
        #expect(try store.completeChunk(dead, results: [], now: Date()) == false)
        let csv = try setup.run(["jobs", "results", id]).stdout
        let learners = CohortEndToEndTests.rows(csv).compactMap { $0["learner"] }
        #expect(learners.count == 14 && Set(learners).count == 14)
        #expect(csv == (try setup.run(["audit", "--cohort", "--pathway", Self.pathway, "--format", "csv"] + Self.asOf).stdout))
    }

    @Test("an unknown pathway or policy is refused with the closest ids; an unknown job names the known ones")
    func unknownIDs() throws {
        let setup = try Self.setUp(.sqlite)
        defer { setup.remove() }
        let pathway = try setup.run(["jobs", "submit", "audit", "--pathway", "data-analysis-foundation"], expecting: 64)
        #expect(pathway.stderr.contains("unknown pathway \"data-analysis-foundation\"") && pathway.stderr.contains("data-analysis-foundations"))
        let policy = try setup.run(["jobs", "submit", "credits", "--policy", "northbridge-ect"], expecting: 64)
        #expect(policy.stderr.contains("northbridge-ects"))
        try setup.run(["jobs", "submit", "audit"], expecting: 64)
        #expect(try setup.run(["jobs", "list"]).stdout.contains("no jobs"))
        let id = try Self.submit(setup, ["renewals"])
        let status = try setup.run(["jobs", "status", String(id.dropLast())], expecting: 64)
        #expect(status.stderr.contains(id))
    }

    @Test("a failed job's results exit 65 naming the failure; a worker for a job of other definitions is refused")
    func failureAndOtherDefinitions() throws {
        let setup = try Self.setUp(.sqlite)
        defer { setup.remove() }
        let id = try Self.submit(setup, ["audit", "--pathway", Self.pathway, "--chunk-size", "5"])
        let store = try setup.openStore()
        let definitions = try #require(try store.job(id: id)).request.definitions
        let claim = try #require(try store.claimChunk(worker: "w", definitions: definitions, job: id, lease: 60, now: Date()))
        try store.failChunk(claim, reason: "the engine gave up", now: Date())
        let results = try setup.run(["jobs", "results", id], expecting: 65)
        #expect(results.stderr.contains("job \(id) failed: chunk 0: the engine gave up"))
        #expect(try setup.run(["jobs", "status", id]).stdout.contains("state:     failed"))
        let partial = try setup.run(["jobs", "results", id, "--partial"])
        #expect(partial.stdout.hasPrefix("learner,pathway,complete"))

        // Another job, then the definitions change under it: this workspace's workers leave it alone.
        let other = try Self.submit(setup, ["renewals"])
        let pathwayFile = setup.folder.url.appendingPathComponent("Pathways/data-analysis/\(Self.pathway).yaml")
        let text = try String(contentsOf: pathwayFile, encoding: .utf8)
        try (text + "\n# changed\n").write(to: pathwayFile, atomically: true, encoding: .utf8)
        let refused = try setup.run(["worker", "--until-idle", "--job", other], expecting: 65)
        #expect(refused.stderr.contains("other definitions"))
        try setup.run(["worker", "--until-idle"])
        #expect(try Self.status(setup, other)["state"] as? String == "waiting")
    }
}
