import CairnTestSupport
import Foundation
import Testing

/// `cairn verify` and `cairn badges inspect`, run as a person would.
@Suite("cairn verify and cairn badges inspect")
struct VerifyEndToEndTests {
    static let amara = "Pathways/learners/credentials/amara/"
    static let keys = "Pathways/learners/credentials/keys"

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test("the bundled credentials verify: eddsa-rdfc-2022, ES256 VC-JWTs, PNG, SVG and CLR; exit 0")
    func bundled() throws {
        let files = ["spreadsheet-analysis.json", "research-design.jwt", "research-ethics.png",
                     "stakeholder-communication.svg", "transcript-2024.json", "data-analysis-foundations.json"]
        let run = try CairnProcess.run(["verify"] + files.map { Self.amara + $0 }
                                       + ["--keys", Self.keys, "--as-of", "2026-11-29", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let report = try Self.json(run.stdout)
        #expect(report["asOf"] as? String == "2026-11-29")
        let results = try #require(report["results"] as? [[String: Any]])
        #expect(results.map { $0["status"] as? String } == ["verified", "verified", "verified", "verified", "verified", "unverified"])
        #expect(results.map { ($0["file"] as? String)?.hasPrefix(Self.amara) } == Array(repeating: true, count: 6))
        #expect((results[5]["reason"] as? String)?.contains("hosted") == true)
        #expect((results[4]["nested"] as? [[String: Any]])?.count == 2)
    }

    @Test("without --keys or a workspace that trusts its key, the VC-JWT is unverified, with the reason, and still exits 0")
    func noKeys() throws {
        let empty = try TemporaryFolder()
        defer { empty.remove() }
        let run = try CairnProcess.run(["verify", Self.amara + "research-design.jwt", "--as-of", "2026-11-29",
                                        "--workspace", empty.url.path])
        #expect(run.status == 0)
        #expect(run.stdout.hasPrefix("unverified"))
        #expect(run.stdout.contains("no --keys folder was given"))
    }

    @Test("a tampered, an expired and a malformed file: one outcome each, exit 65")
    func failures() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let signed = try String(contentsOf: CairnProcess.packageRoot.appendingPathComponent(Self.amara + "sql-querying.json"),
                                encoding: .utf8)
        let tampered = try folder.write("tampered.json", signed.replacingOccurrences(of: "2025-05-20", with: "2025-05-19"))
        let truncated = try folder.write("truncated.json", String(signed.prefix(200)))
        let garbage = try folder.write("garbage.jwt", "abc.def.ghi\n")
        let run = try CairnProcess.run(["verify", tampered.path, Self.amara + "sql-querying.json", truncated.path, garbage.path,
                                        "--as-of", "2026-11-29", "--format", "json"])
        #expect(run.status == 65)
        let results = try #require(try Self.json(run.stdout)["results"] as? [[String: Any]])
        #expect(results.map { $0["status"] as? String } == ["tampered", "verified", "invalid", "invalid"])
        for result in results {
            let reason = try #require(result["reason"] as? String)
            #expect(!reason.isEmpty && !reason.contains("\n"))
        }
        #expect((results[2]["reason"] as? String)?.contains("truncated.json:") == true)
        let early = try CairnProcess.run(["verify", Self.amara + "sql-querying.json", "--as-of", "2025-05-19"])
        #expect(early.status == 65)
        #expect(early.stdout.hasPrefix("not-yet-valid"))
    }

    @Test("a missing file is invalid with the reason; a missing --keys folder is exit 66")
    func missing() throws {
        let run = try CairnProcess.run(["verify", "nowhere.json"])
        #expect(run.status == 65)
        #expect(run.stdout.contains("no such file"))
        let keys = try CairnProcess.run(["verify", Self.amara + "sql-querying.json", "--keys", "no-such-folder"])
        #expect(keys.status == 66)
        #expect(keys.stderr == "cairn: error: --keys: no such folder: no-such-folder\n")
    }

    @Test("badges inspect shows the badge, issuer, dates, status, criteria, alignments and ids (JSON contract)")
    func inspectJSON() throws {
        let run = try CairnProcess.run(["badges", "inspect", Self.amara + "research-ethics.png", "--as-of", "2026-11-29",
                                        "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let report = try Self.json(run.stdout)
        let badge = try #require(report["badge"] as? [String: Any])
        #expect(badge["id"] as? String == "https://example.edu/achievements/research-ethics")
        #expect(badge["name"] as? String == "Research Ethics")
        #expect(badge["issuer"] as? String == "https://example.edu")
        #expect(badge["alignments"] as? [Any] != nil)
        #expect(badge.keys.contains("credits"))
        let earned = try #require(report["earned"] as? [String: Any])
        #expect(earned["issued"] as? String == "2024-04-01T09:00:00Z")
        #expect(earned["expires"] is NSNull)
        #expect(earned["revoked"] as? Bool == false)
        #expect(earned["result"] as? String == "meets")
        #expect(report["status"] as? String == "verified")
        #expect((report["credential"] as? [String: Any])?["envelope"] as? String == "baked PNG")
    }

    @Test("badges inspect as text reads like a certificate a person checks")
    func inspectText() throws {
        let run = try CairnProcess.run(["badges", "inspect", Self.amara + "analysis-memo.json", "--as-of", "2026-11-29"])
        #expect(run.status == 0, "\(run.stderr)")
        for expected in ["Badge        Analysis Memo", "Issuer       Example University <https://example.edu>",
                         "Criteria     Assessed by Example University", "Issued       2025-10-01T09:00:00Z (counts from 2025-10-01)",
                         "Expires      never", "Status       verified on 2026-11-29", "Result       exceeds",
                         "Evidence     https://portfolio.example.org/amara/memo",
                         "Achievement  https://example.edu/achievements/analysis-memo",
                         "Proof        eddsa-rdfc-2022 proof verified"] {
            #expect(run.stdout.contains(expected), "missing \(expected) in\n\(run.stdout)")
        }
    }

    @Test("badges inspect on a file that is no badge: one line on stderr, exit 65")
    func inspectBad() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let png = try folder.write("plain.png", "\u{89}PNG\r\n\u{1A}\n")
        let run = try CairnProcess.run(["badges", "inspect", png.path])
        #expect(run.status == 65)
        #expect(run.stderr.hasPrefix("cairn: error: "))
        #expect(run.stderr.split(separator: "\n").count == 1)
        #expect(run.stdout.isEmpty)
    }

    @Test("audit reads a learner record made of Open Badges files, like its YAML twin")
    func auditTwin() throws {
        let twin = try CairnProcess.run(["audit", "--pathway", "data-analysis-foundations", "--learner",
                                         "Pathways/learners/amara-credentials.yaml", "--as-of", "2026-11-29", "--format", "json"])
        let yaml = try CairnProcess.run(["audit", "--pathway", "data-analysis-foundations", "--learner",
                                         "Pathways/learners/amara.yaml", "--as-of", "2026-11-29", "--format", "json"])
        #expect(twin.status == 0, "\(twin.stderr)")
        #expect(twin.stdout.replacingOccurrences(of: "amara-credentials", with: "amara") == yaml.stdout)
    }
}
