import CairnTestSupport
import Foundation
import Testing

/// `cairn init` writes a workspace that works at once, and never overwrites one.
@Suite("cairn init")
struct InitEndToEndTests {
    @Test("the written workspace validates, and audit, plan, credits, roles and demo all run on it")
    func worksAtOnce() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let target = folder.url.appendingPathComponent("new-workspace")
        let run = try CairnProcess.run(["init", target.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("Pathways/badges.yaml") && run.stdout.contains("cairn audit --workspace"))
        let ws = ["--workspace", target.path]
        let validate = try CairnProcess.run(["validate"] + ws)
        #expect(validate.status == 0 && validate.stdout.hasPrefix("ok: 6 files: 4 badge classes, 1 pathways"), "\(validate.stderr)")
        #expect(validate.stderr.isEmpty, "\(validate.stderr)")
        let audit = try CairnProcess.run(["audit", "--pathway", "data-basics", "--learner", "sam", "--as-of", "2026-11-29"] + ws)
        #expect(audit.status == 0 && audit.stdout.contains("progress 66.7% (2/3)"), "\(audit.stdout)\(audit.stderr)")
        let plan = try CairnProcess.run(["plan", "--pathway", "data-basics", "--learner", "sam", "--as-of", "2026-11-29"] + ws)
        #expect(plan.stdout.contains("1. Reporting with Data [reporting]") || plan.stdout.contains("1. Charts and Dashboards [charts]"),
                "\(plan.stdout)\(plan.stderr)")
        let credits = try CairnProcess.run(["credits", "--policy", "example-credit", "--learner", "sam", "--as-of", "2026-11-29",
                                            "--format", "json"] + ws)
        #expect(credits.status == 0 && credits.stdout.contains("\"totalExact\": \"4\""), "\(credits.stdout)\(credits.stderr)")
        let roles = try CairnProcess.run(["roles", "--learner", "sam", "--as-of", "2026-11-29"] + ws)
        #expect(roles.status == 0 && roles.stdout.contains("1. Junior Data Analyst"), "\(roles.stdout)\(roles.stderr)")
        let demo = try CairnProcess.run(["demo"] + ws)
        #expect(demo.status == 0 && demo.stdout.contains("Cairn demo: 1 learner × 1 pathway"), "\(demo.stdout)")
    }

    @Test("a folder that already has Pathways/ is refused with exit 73, and nothing in it changes")
    func neverOverwrites() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let mine = try folder.write("Pathways/badges.yaml", "# mine\n")
        let run = try CairnProcess.run(["init", folder.url.path])
        #expect(run.status == 73)
        #expect(run.stderr.contains("Pathways already exists"), "\(run.stderr)")
        #expect(try String(contentsOf: mine, encoding: .utf8) == "# mine\n")
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("Frameworks").path))
    }

    @Test("validating a folder with no definitions warns that it may not be the workspace meant")
    func emptyFolderWarns() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let run = try CairnProcess.run(["validate", "--workspace", folder.url.path])
        #expect(run.status == 0)
        #expect(run.stderr.contains("warning: no definition files under") && run.stderr.contains("cairn init DIR"), "\(run.stderr)")
    }
}
