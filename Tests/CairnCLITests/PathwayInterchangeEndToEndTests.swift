import CairnTestSupport
import Foundation
import Testing

/// `cairn pathways export --format ctdl` and `cairn pathways import --format ctdl|badgr`, run as a registrar would.
@Suite("cairn pathways import|export")
struct PathwayInterchangeEndToEndTests {
    static func auditJSON(_ pathway: String, _ learner: String) throws -> (complete: Bool, progress: String) {
        let run = try CairnProcess.run(["audit", "--pathway", pathway, "--learner", "Pathways/learners/\(learner).yaml",
                                        "--as-of", "2026-11-29", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        return (object["complete"] as? Bool ?? false, object["progressExact"] as? String ?? "?")
    }

    @Test("a pathway exported to CTDL and imported back audits the same; notes go to standard error; nothing is overwritten")
    func exportThenImport() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let document = folder.url.appendingPathComponent("foundations.json").path
        let export = try CairnProcess.run(["pathways", "export", "data-analysis-foundations", "--format", "ctdl", "--out", document])
        #expect(export.status == 0, "\(export.stderr)")
        #expect(export.stdout == "wrote \(document)\n")
        #expect(export.stderr.contains("cairn: note: requirement \"Findings memo, after the core\": minResult meets has no CTDL term"),
                "\(export.stderr)")
        let again = try CairnProcess.run(["pathways", "export", "data-analysis-foundations", "--format", "ctdl", "--out", document])
        #expect(again.status == 73 && again.stderr.contains("already exists; give --force"), "\(again.stderr)")

        let out = folder.url.appendingPathComponent("imported").path
        let imported = try CairnProcess.run(["pathways", "import", document, "--format", "ctdl", "--out", out])
        #expect(imported.status == 0, "\(imported.stderr)")
        let file = out + "/data-analysis-foundations.yaml"
        #expect(imported.stdout.contains("wrote \(file)\n"), "\(imported.stdout)")
        #expect(!FileManager.default.fileExists(atPath: out + "/badges.yaml"), "every badge is the workspace's own")
        for learner in ["amara", "bruno", "chen", "dana", "elif"] {
            let original = try Self.auditJSON("data-analysis-foundations", learner)
            let roundTripped = try Self.auditJSON(file, learner)
            #expect(original.complete == roundTripped.complete && original.progress == roundTripped.progress, "\(learner)")
        }
        let twice = try CairnProcess.run(["pathways", "import", document, "--format", "ctdl", "--out", out])
        #expect(twice.status == 73 && twice.stderr.contains("\(file) already exists; give --force"), "\(twice.stderr)")
        let forced = try CairnProcess.run(["pathways", "import", document, "--format", "ctdl", "--out", out, "--force"])
        #expect(forced.status == 0, "\(forced.stderr)")
    }

    @Test("exported CTDL goes to standard output as JSON-LD with the registry's context")
    func exportToStandardOutput() throws {
        let run = try CairnProcess.run(["pathways", "export", "research-methods", "--format", "ctdl"])
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let graph = try #require(object["@graph"] as? [[String: Any]])
        #expect(graph.first?["@type"] as? String == "ceterms:Pathway")
        #expect(graph.dropFirst().allSatisfy { ($0["@type"] as? String)?.hasSuffix("Component") == true })
        let badgr = try CairnProcess.run(["pathways", "export", "research-methods", "--format", "badgr"])
        #expect(badgr.status == 64 && badgr.stderr.contains("read only"), "\(badgr.stderr)")
    }

    @Test("the CTDL fixture imports into a workspace's Pathways folder with a catalogue of the new badges, and validates")
    func importIntoWorkspace() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let workspace = folder.url.appendingPathComponent("ws").path
        let initialized = try CairnProcess.run(["init", workspace])
        #expect(initialized.status == 0, "\(initialized.stderr)")
        let fixture = CairnProcess.packageRoot.appendingPathComponent("Interop/ctdl/applied-analytics-certificate.json").path
        let run = try CairnProcess.run(["pathways", "import", fixture, "--format", "ctdl", "--workspace", workspace, "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(summary["pathway"] as? String == "applied-analytics-certificate")
        let files = try #require(summary["files"] as? [String])
        #expect(files.map { URL(fileURLWithPath: $0).lastPathComponent } == ["applied-analytics-certificate.yaml", "badges.yaml"])
        let notes = try #require(summary["notes"] as? [[String: Any]])
        #expect(notes.count == 1 && notes.first?["line"] as? Int == 114, "\(notes)")
        let validate = try CairnProcess.run(["validate", "--workspace", workspace])
        #expect(validate.status == 0, "\(validate.stdout)\(validate.stderr)")
    }

    @Test("the Badgr fixture imports into a workspace; its completion badge becomes what the pathway awards, and it audits")
    func importBadgr() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let workspace = folder.url.appendingPathComponent("ws").path
        #expect(try CairnProcess.run(["init", workspace]).status == 0)
        let fixture = CairnProcess.packageRoot.appendingPathComponent("Interop/badgr/data-skills-pathway.json").path
        let run = try CairnProcess.run(["pathways", "import", fixture, "--format", "badgr", "--workspace", workspace])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("Imported \"Data Skills\" as pathway data-skills: 0 badge class(es) of the workspace, 9 new\n"),
                "\(run.stdout)")
        let yaml = try String(contentsOfFile: workspace + "/Pathways/data-skills/data-skills.yaml", encoding: .utf8)
        #expect(yaml.contains("awards: \"data-skills-pathway\""))
        let audit = try CairnProcess.run(["audit", "--workspace", workspace, "--pathway", "data-skills",
                                          "--learner", workspace + "/Pathways/learners/sam.yaml", "--as-of", "2026-11-29"])
        #expect(audit.status == 0, "\(audit.stderr)")
        #expect(audit.stdout.contains("Data Skills"), "\(audit.stdout)")
    }

    @Test("a malformed file is refused with exit 65 and the problem's place")
    func malformed() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let bad = try folder.write("bad.json", "{\"@graph\": [\n  {\"@type\": \"ceterms:Pathway\", \"ceterms:name\": \"P\"}\n]}")
        let run = try CairnProcess.run(["pathways", "import", bad.path, "--format", "ctdl", "--out", folder.url.path])
        #expect(run.status == 65)
        #expect(run.stderr.contains("bad.json:2:3: the ceterms:Pathway has no ceterms:hasDestinationComponent"), "\(run.stderr)")
        #expect(run.stdout.isEmpty)
        let missing = try CairnProcess.run(["pathways", "import", "nowhere.json", "--format", "badgr"])
        #expect(missing.status == 66, "\(missing.stderr)")
    }
}
