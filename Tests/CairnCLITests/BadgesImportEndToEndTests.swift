import CairnTestSupport
import Foundation
import Testing

/// `cairn badges import`, run as an issuer's registrar would.
@Suite("cairn badges import")
struct BadgesImportEndToEndTests {
    static let fixtures = ["Interop/openbadges/coastal-achievements.json", "Interop/openbadges/coastal-research-ethics-badgeclass.json"]

    @Test("the bundled achievements become a catalogue a workspace validates and a pathway can name; exit 0")
    func importsIntoWorkspace() throws {
        let workspace = try TemporaryFolder()
        defer { workspace.remove() }
        try workspace.write("Pathways/coastal/data-practice.yaml", """
            id: data-practice
            title: Data practice
            requires:
              all:
                - badge: database-design
                - credits: { atLeast: 5, unit: ECTS }
                  from: { tag: data }
            """)
        let out = workspace.url.appendingPathComponent("Pathways/coastal/badges.yaml").path
        let run = try CairnProcess.run(["badges", "import"] + Self.fixtures.map { CairnProcess.packageRoot.appendingPathComponent($0).path }
                                       + ["--credit-unit", "ECTS", "--out", out])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("cairn: wrote \(out): 3 badge classes of Coastal Skills Institute"))
        #expect(run.stderr.contains("cairn: note: data-mining-in-practice: the alignment to o*net-soc 15-2051.00 is left out"))
        let text = try String(contentsOfFile: out, encoding: .utf8)
        #expect(text.contains("achievementIds: [\"https://skills.coastal.example/achievements/database-design\"]"))
        #expect(text.contains("- { framework: \"sfia\", code: \"DTAN\", level: 3 }"))

        let validate = try CairnProcess.run(["validate", workspace.url.path])
        #expect(validate.status == 0, "\(validate.stdout)\(validate.stderr)")
        let list = try CairnProcess.run(["badges", "list", "--workspace", workspace.url.path, "--format", "json"])
        #expect(list.status == 0)
        #expect(list.stdout.contains("research-ethics-essentials"))

        // Importing again into the same file is refused, and the file is left as it was.
        let again = try CairnProcess.run(["badges", "import", CairnProcess.packageRoot.appendingPathComponent(Self.fixtures[0]).path,
                                          "--out", out])
        #expect(again.status == 73)
        #expect(again.stderr.contains("exists; give --force to replace it"))
        #expect(try String(contentsOfFile: out, encoding: .utf8) == text)

        // With the workspace, achievements it already holds are left out.
        let known = try CairnProcess.run(["badges", "import", CairnProcess.packageRoot.appendingPathComponent(Self.fixtures[0]).path,
                                          "--workspace", workspace.url.path])
        #expect(known.status == 65)
        #expect(known.stderr.contains("already in the workspace's catalogues: nothing to import"))
    }

    @Test("a malformed file exits 65 with its place and writes nothing; a missing one exits 66")
    func refusesBadFiles() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let bad = try folder.write("bad.json", "[\n  {\"type\": \"BadgeClass\", \"id\": \"https://a.example/b\", \"issuer\": \"https://a.example\"}\n]")
        let out = folder.url.appendingPathComponent("badges.yaml").path
        let run = try CairnProcess.run(["badges", "import", bad.path, "--out", out])
        #expect(run.status == 65)
        #expect(run.stderr.contains("bad.json:2:3:"))
        #expect(run.stderr.contains("\"name\""))
        #expect(!FileManager.default.fileExists(atPath: out))
        let missing = try CairnProcess.run(["badges", "import", folder.url.appendingPathComponent("nope.json").path])
        #expect(missing.status == 66)
        #expect(missing.stdout.isEmpty)
    }
}
