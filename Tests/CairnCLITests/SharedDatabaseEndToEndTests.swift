import CairnTestSupport
import Foundation
import Testing

/// Several `cairn` processes on one PostgreSQL database at once, as several servers and workers
/// on several machines would be: decisions recorded at the same moment form one verifiable
/// chain, and a file imported twice at once is imported once.
@Suite("Several processes on one PostgreSQL database", .enabled(if: PostgresTestServer.isAvailable))
struct SharedDatabaseEndToEndTests {
    @Test("eight processes recording credit decisions at once: eight decisions, numbered 1 to 8, one intact chain")
    func concurrentRecords() throws {
        let database = try PostgresTestServer.freshDatabase()
        let runs = try CairnProcess.runAtOnce((0..<8).map { index in
            ["credits", "--policy", "northbridge-ects", "--learner", index.isMultiple(of: 2) ? "dana" : "amara",
             "--as-of", "2026-11-29", "--record", "--recorded-by", "clerk-\(index)", "--database", database, "--format", "json"]
        })
        for run in runs { #expect(run.status == 0, "\(run.stderr)") }
        let verify = try CairnProcess.run(["credits", "log", "verify", "--database", database])
        #expect(verify.status == 0, "\(verify.stderr)")
        #expect(verify.stdout.contains("intact: 8 decisions"), "\(verify.stdout)")
        let history = try CairnProcess.run(["credits", "history", "--learner", "dana", "--database", database, "--format", "json"])
        let decisions = try #require(try JSONSerialization.jsonObject(with: Data(history.stdout.utf8)) as? [String: Any])["decisions"]
            as? [[String: Any]]
        #expect(decisions?.count == 4)
    }

    @Test("the same SIS export imported by two processes at once is imported once")
    func concurrentImports() throws {
        let database = try PostgresTestServer.freshDatabase()
        let export = "Pathways/sis/registrar-export-2026-11.csv"
        let runs = try CairnProcess.runAtOnce([["learners", "import", export, "--database", database],
                                               ["learners", "import", export, "--database", database]])
        for run in runs { #expect(run.status == 0, "\(run.stderr)") }
        let outputs = runs.map(\.stdout)
        #expect(outputs.filter { $0.contains("earnings: 73 added, 0 changed, 0 revoked, 0 unchanged") }.count == 1, "\(outputs)")
        #expect(outputs.filter { $0.contains("earnings: 0 added, 0 changed, 0 revoked, 73 unchanged") }.count == 1, "\(outputs)")
        let list = try CairnProcess.run(["learners", "list", "--database", database, "--format", "json"])
        #expect(list.status == 0, "\(list.stderr)")
        let learners = try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [Any]
        #expect(learners?.count == 14, "\(list.stdout.prefix(300))")
    }

    @Test("a cohort audit over PostgreSQL prints what the same audit over SQLite prints")
    func sameAnswersAsSQLite() throws {
        let database = try PostgresTestServer.freshDatabase()
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let sqlite = folder.url.appendingPathComponent("store.sqlite").path
        let export = "Pathways/sis/registrar-export-2026-11.csv"
        #expect(try CairnProcess.run(["learners", "import", export, "--database", database]).status == 0)
        #expect(try CairnProcess.run(["learners", "import", export, "--store", sqlite]).status == 0)
        for command in [["audit", "--pathway", "data-analysis-foundations", "--cohort", "--as-of", "2026-11-29", "--format", "csv"],
                        ["credits", "--policy", "northbridge-ects", "--cohort", "--as-of", "2026-11-29", "--format", "csv"],
                        ["renewals", "--cohort", "--as-of", "2026-11-29", "--format", "csv"]] {
            let shared = try CairnProcess.run(command + ["--database", database, "--no-progress"])
            let local = try CairnProcess.run(command + ["--store", sqlite, "--no-progress"])
            #expect(shared.status == 0 && local.status == 0, "\(command): \(shared.stderr) \(local.stderr)")
            #expect(shared.stdout == local.stdout, "\(command)")
            #expect(!shared.stdout.isEmpty)
        }
    }
}
