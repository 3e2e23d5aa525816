import CairnStore
import CairnTestSupport
import Foundation
import Testing

/// `cairn serve` and `cairn tokens` as their users run them: the real binary, a real port.
@Suite(.serialized) struct ServeEndToEndTests {
    /// A copy of the bundled workspace to serve.
    static func workspace() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        for name in ["Pathways", "Frameworks"] {
            try FileManager.default.copyItem(at: CairnProcess.packageRoot.appendingPathComponent(name), to: folder.url.appendingPathComponent(name))
        }
        return folder
    }

    /// Starts `cairn serve --port 0` in `folder` and waits for the line saying where it listens.
    static func serve(in folder: URL, arguments extra: [String] = []) throws -> (process: Process, output: URL, port: Int) {
        let output = folder.appendingPathComponent("serve-\(UUID().uuidString).out")
        FileManager.default.createFile(atPath: output.path, contents: nil)
        let process = Process()
        process.executableURL = CairnProcess.binary
        process.arguments = ["serve", "--port", "0"] + extra
        process.currentDirectoryURL = folder
        process.standardOutput = try FileHandle(forWritingTo: output)
        let errors = output.deletingPathExtension().appendingPathExtension("err")
        FileManager.default.createFile(atPath: errors.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: errors)
        try process.run()
        for _ in 0..<600 {
            let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
            if let match = text.firstMatch(of: /at http:\/\/127\.0\.0\.1:(\d+)\//), let port = Int(match.1) {
                return (process, output, port)
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        process.terminate()
        throw HTTPClient.ClientError("cairn serve did not say where it listens")
    }

    @Test func serveMakesTheStorePrintsAnAdminTokenOnceAndStopsGracefullyOnSIGTERM() async throws {
        let folder = try Self.workspace()
        defer { folder.remove() }
        let first = try Self.serve(in: folder.url)
        let printed = try String(contentsOf: first.output, encoding: .utf8)
        let token = try #require(printed.firstMatch(of: /cairn_t-[0-9a-f]{12}_[A-Za-z0-9_-]{43}/).map { String($0.0) })
        let client = HTTPClient(port: first.port)
        #expect(try await client.sendAsync("GET", "/healthz").status == 200)
        let learners = try await client.sendAsync("GET", "/v1/learners", headers: ["Authorization": "Bearer \(token)"])
        #expect(learners.status == 200)
        // The bundled learners were imported on the first start.
        #expect(((learners.json as? [[String: Any]]) ?? []).contains { $0["learner"] as? String == "chen" })
        kill(first.process.processIdentifier, SIGTERM)
        first.process.waitUntilExit()
        #expect(first.process.terminationStatus == 0)
        // The store keeps only the token's digest.
        let store = try Data(contentsOf: folder.url.appendingPathComponent(".cairn/store.sqlite"))
        #expect(store.range(of: Data(token.utf8)) == nil)
        // A second start prints no token, and the first one still works.
        let second = try Self.serve(in: folder.url)
        defer { kill(second.process.processIdentifier, SIGTERM); second.process.waitUntilExit() }
        #expect(try String(contentsOf: second.output, encoding: .utf8).firstMatch(of: /cairn_t-/) == nil)
        #expect(try await HTTPClient(port: second.port).sendAsync("GET", "/v1/learners", headers: ["Authorization": "Bearer \(token)"]).status == 200)
    }

    @Test(.enabled(if: PostgresTestServer.isAvailable))
    func twoServersOnOnePostgreSQLShareLearnersDecisionsAndCohortJobs() async throws {
        let database = try PostgresTestServer.freshDatabase()
        let folder = try Self.workspace()
        defer { folder.remove() }
        let first = try Self.serve(in: folder.url, arguments: ["--database", database])
        defer { kill(first.process.processIdentifier, SIGTERM); first.process.waitUntilExit() }
        let second = try Self.serve(in: folder.url, arguments: ["--database", database])
        defer { kill(second.process.processIdentifier, SIGTERM); second.process.waitUntilExit() }
        // Only the first start of the shared store prints a token; it works on both servers.
        let token = try #require(try String(contentsOf: first.output, encoding: .utf8)
            .firstMatch(of: /cairn_t-[0-9a-f]{12}_[A-Za-z0-9_-]{43}/).map { String($0.0) })
        #expect(try String(contentsOf: second.output, encoding: .utf8).firstMatch(of: /cairn_t-/) == nil)
        let auth = ["Authorization": "Bearer \(token)"]
        let one = HTTPClient(port: first.port)
        let two = HTTPClient(port: second.port)
        #expect(try await two.sendAsync("GET", "/healthz").status == 200)
        // A decision recorded through one server is in the log the other reads.
        let recorded = try await one.sendAsync("POST", "/v1/learners/chen/decisions?policy=northbridge-ects&asOf=2026-11-29", headers: auth)
        #expect(recorded.status == 201, "\(recorded.text)")
        let listed = try await two.sendAsync("GET", "/v1/learners/chen/decisions", headers: auth)
        #expect(listed.text.contains("northbridge-ects"), "\(listed.text)")
        // On a shared store the cohort audit runs as a job (the server computes its chunks, any
        // worker may help), and says what `cairn audit --cohort` says over the same store.
        let query = "/v1/cohort/audit?pathway=data-analysis-foundations&asOf=2026-11-29"
        let cohort = try await two.sendAsync("GET", query, headers: auth)
        #expect(cohort.status == 200, "\(cohort.text)")
        let cli = try CairnProcess.run(["audit", "--pathway", "data-analysis-foundations", "--cohort", "--as-of", "2026-11-29",
                                        "--format", "csv", "--database", database, "--no-progress"], in: folder.url)
        #expect(cohort.text == cli.stdout)
        #expect(cohort.text.split(separator: "\r\n").count > 10)
        let jobs = try await one.sendAsync("GET", "/v1/jobs", headers: auth)
        #expect((jobs.json as? [[String: Any]])?.first?["state"] as? String == "done")
    }

    @Test func aLearnerFileTheFirstStartCannotImportIsNamedAndTheOthersAreImported() async throws {
        let folder = try Self.workspace()
        defer { folder.remove() }
        try folder.write("Pathways/learners/zed.yaml", "learner: zed\nbadges:\n  - { badge: sql-queryng, issued: 2026-01-05 }\n")
        let started = try Self.serve(in: folder.url)
        defer { kill(started.process.processIdentifier, SIGTERM); started.process.waitUntilExit() }
        let errors = try String(contentsOf: started.output.deletingPathExtension().appendingPathExtension("err"), encoding: .utf8)
        #expect(errors.contains("zed.yaml was not imported"))
        #expect(errors.contains("sql-querying"))
        let token = try #require(try String(contentsOf: started.output, encoding: .utf8).firstMatch(of: /cairn_t-[0-9a-f]{12}_[A-Za-z0-9_-]{43}/))
        let learners = try await HTTPClient(port: started.port).sendAsync("GET", "/v1/learners", headers: ["Authorization": "Bearer \(token.0)"])
        let ids = ((learners.json as? [[String: Any]]) ?? []).compactMap { $0["learner"] as? String }
        #expect(ids.contains("chen") && !ids.contains("zed"))
    }

    @Test func tokensAreCreatedListedAndRevokedAndOnlyTheirDigestIsKept() throws {
        let folder = try Self.workspace()
        defer { folder.remove() }
        try CairnProcess.run(["learners", "import", "Pathways/learners/chen.yaml"], in: folder.url)
        let missing = try CairnProcess.run(["tokens", "create", "--role", "learner"], in: folder.url)
        #expect(missing.status == 64)
        #expect(missing.stderr.contains("--learner"))
        let stranger = try CairnProcess.run(["tokens", "create", "--role", "learner", "--learner", "chenn"], in: folder.url)
        #expect(stranger.status == 64)
        #expect(stranger.stderr.contains("chen"))
        let badExpiry = try CairnProcess.run(["tokens", "create", "--role", "hr", "--expires", "90 days"], in: folder.url)
        #expect(badExpiry.status == 64)
        let created = try CairnProcess.run(["tokens", "create", "--role", "learner", "--learner", "chen", "--expires", "P90D",
                                            "--label", "chen's phone"], in: folder.url)
        #expect(created.status == 0)
        let secret = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let id = try #require(APIToken.id(inSecret: secret))
        #expect(created.stderr.contains(id) && !created.stderr.contains(secret))
        let listed = try CairnProcess.run(["tokens", "list", "--format", "json"], in: folder.url)
        #expect(listed.stdout.contains(id) && listed.stdout.contains("chen's phone") && !listed.stdout.contains(secret))
        let store = try SQLiteStore(path: folder.url.appendingPathComponent(".cairn/store.sqlite").path)
        #expect(try store.token(forSecret: secret, at: Date())?.learner == "chen")
        #expect(try CairnProcess.run(["tokens", "revoke", id], in: folder.url).status == 0)
        #expect(try store.token(forSecret: secret, at: Date()) == nil)
        #expect(try CairnProcess.run(["tokens", "revoke", "t-000000000000"], in: folder.url).status == 64)
        #expect(try CairnProcess.run(["tokens", "list"], in: folder.url).stdout.contains("revoked"))
    }
}
