import CairnTestSupport
import Foundation
import Testing

/// Europass (ELM 3) credentials through the real `cairn` binary: the bundled JAdES-sealed
/// micro-credential verifies, counts in an audit and a credit transcript, imports into the
/// store; a tampered copy and an untrusted seal do not count; `badges inspect` reports the EU
/// micro-credential elements.
@Suite("Europass (ELM 3) credentials, end to end")
struct EuropassEndToEndTests {
    static let sealed = "Pathways/learners/credentials/europass/lena-data-governance.jsonld"
    static let lena = "Pathways/learners/lena.yaml"
    static let asOf = ["--as-of", "2026-11-29"]
    static let samples = CairnProcess.sharedConformance?.appendingPathComponent("elm-v3")
    static let samplesPresent = samples.map { FileManager.default.fileExists(atPath: $0.path) } ?? false

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test("the bundled micro-credential verifies with the key its issuer's catalogue lists; a tampered copy is tampered")
    func verify() throws {
        let good = try CairnProcess.run(["verify", Self.sealed, "--format", "json"] + Self.asOf)
        #expect(good.status == 0, "\(good.stderr)")
        let results = try #require(try Self.json(good.stdout)["results"] as? [[String: Any]])
        #expect(results.first?["status"] as? String == "verified")
        #expect((results.first?["reason"] as? String)?.contains("RS256 JAdES proof verified with key https://cpd.example.edu/keys/2026-seal") == true)

        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let text = try String(contentsOf: CairnProcess.packageRoot.appendingPathComponent(Self.sealed), encoding: .utf8)
        let tampered = try folder.write("tampered.jsonld", text.replacingOccurrences(of: #"\"point\":\"5\""#, with: #"\"point\":\"50\""#))
        let bad = try CairnProcess.run(["verify", tampered.path] + Self.asOf)
        #expect(bad.status == 65)
        #expect(bad.stdout.hasPrefix("tampered"), "\(bad.stdout)")
        #expect(bad.stdout.contains("the RS256 signature does not match"))
    }

    @Test("the ELM achievement counts toward the certificate's first module and for 5 ECTS under Northbridge's policy")
    func auditAndCredits() throws {
        let audit = try CairnProcess.run(["audit", "--pathway", "certificate-applied-data-practice", "--learner", Self.lena,
                                          "--format", "json"] + Self.asOf)
        #expect(audit.status == 0, "\(audit.stderr)")
        let report = try Self.json(audit.stdout)
        #expect(report["progressExact"] as? String == "1/3", "\(audit.stdout.prefix(400))")
        #expect(audit.stdout.contains("mc-data-governance"))

        let text = try CairnProcess.run(["audit", "--pathway", "certificate-applied-data-practice", "--learner", Self.lena] + Self.asOf)
        #expect(text.stdout.contains("✔ Module 1: Data Governance and Stewardship (pass or better)"))
        #expect(text.stdout.contains("← Micro-credential: Data Governance and Stewardship [mc-data-governance], issued 2026-06-30"))

        let credits = try CairnProcess.run(["credits", "--policy", "northbridge-ects", "--learner", Self.lena] + Self.asOf)
        #expect(credits.status == 0, "\(credits.stderr)")
        #expect(credits.stdout.contains("Total credit: 5 ECTS"), "\(credits.stdout)")
        #expect(credits.stdout.contains("2026-06-30 Micro-credential: Data Governance and Stewardship [mc-data-governance]"))
    }

    @Test("a record listing a tampered or unsealed ELM file: tampered refuses the record; unsealed is kept, explained, not counted")
    func untrustedDoNotCount() throws {
        let folder = try CohortEndToEndTests.workspace()
        defer { folder.remove() }
        let sealed = try String(contentsOf: CairnProcess.packageRoot.appendingPathComponent(Self.sealed), encoding: .utf8)
        let envelope = try Self.json(sealed)
        let payload = try #require(envelope["payload"] as? String)
        try folder.write("Pathways/learners/credentials/europass/unsealed.jsonld", payload)
        try folder.write("Pathways/learners/credentials/europass/tampered.jsonld",
                         sealed.replacingOccurrences(of: "Lena Novak", with: "Lena Novac"))
        let unsealed = try folder.write("unsealed.yaml", "learner: lena\nbadges:\n  - { credential: Pathways/learners/credentials/europass/unsealed.jsonld }\n")
        let tampered = try folder.write("tampered.yaml", "learner: lena\nbadges:\n  - { credential: Pathways/learners/credentials/europass/tampered.jsonld }\n")

        let kept = try CairnProcess.run(["credits", "--policy", "northbridge-ects", "--learner", unsealed.path] + Self.asOf, in: folder.url)
        #expect(kept.status == 0, "\(kept.stderr)")
        #expect(kept.stdout.contains("Total credit: 0 ECTS"), "\(kept.stdout)")
        #expect(kept.stdout.contains("the credential carries no proof"), "\(kept.stdout)")
        let accepted = try CairnProcess.run(["credits", "--policy", "northbridge-ects", "--learner", unsealed.path,
                                             "--accept", "unverified"] + Self.asOf, in: folder.url)
        #expect(accepted.stdout.contains("Total credit: 5 ECTS"), "\(accepted.stdout)")

        let refused = try CairnProcess.run(["audit", "--pathway", "certificate-applied-data-practice", "--learner", tampered.path]
                                           + Self.asOf, in: folder.url)
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("is tampered"), "\(refused.stderr)")
    }

    @Test("learners import takes an ELM file: its learner is its e-mail, its achievement the catalogue's badge")
    func learnersImport() throws {
        let folder = try CohortEndToEndTests.workspace()
        defer { folder.remove() }
        let run = try CairnProcess.run(["learners", "import", Self.sealed], in: folder.url)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("1 added"), "\(run.stdout)")
        let shown = try CairnProcess.run(["learners", "show", "lena.novak@example.org"], in: folder.url)
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(shown.stdout.contains("mc-data-governance"), "\(shown.stdout)")
    }

    /// A record file's e-mail is kept with the learner, so a credential sent to that address
    /// (an upload to the server, a later import) is filed under the record's learner id.
    @Test("a learner record's e-mail ties the learner's ELM credential to their record's id")
    func recordEmailTiesCredential() throws {
        let folder = try CohortEndToEndTests.workspace()
        defer { folder.remove() }
        let record = try CairnProcess.run(["learners", "import", "Pathways/learners/lena.yaml"], in: folder.url)
        #expect(record.status == 0, "\(record.stderr)")
        let credential = try CairnProcess.run(["learners", "import", Self.sealed], in: folder.url)
        #expect(credential.status == 0, "\(credential.stderr)")
        #expect(credential.stdout.contains("0 added, 1 unchanged"), "\(credential.stdout)")
        let list = try CairnProcess.run(["learners", "list", "--format", "json"], in: folder.url)
        let learners = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        #expect(learners.map { $0["learner"] as? String } == ["lena"])
        #expect(learners.first?["email"] as? String == "lena.novak@example.org")
    }

    @Test("badges inspect reports the EU micro-credential elements, present and missing, in text and JSON",
          .enabled(if: samplesPresent, "../shared/conformance/elm-v3 is absent"))
    func inspect() throws {
        let sample = try #require(Self.samples).appendingPathComponent("Sample-MC-Annex1-unsigned.jsonld").path
        let json = try CairnProcess.run(["badges", "inspect", sample, "--format", "json"] + Self.asOf)
        #expect(json.status == 0, "\(json.stderr)")
        let report = try Self.json(json.stdout)
        let elements = try #require(report["microCredentialElements"] as? [[String: Any]])
        #expect(elements.first?["missing"] as? [String] == ["Type of quality assurance"])
        #expect((elements.first?["elements"] as? [[String: Any]])?.count == 11)
        #expect((report["credential"] as? [String: Any])?["format"] as? String == "Europass (ELM 3) credential")

        let text = try CairnProcess.run(["badges", "inspect", Self.sealed] + Self.asOf)
        #expect(text.stdout.contains("EU micro-credential elements (Council Recommendation 2022, Annex I) of "
                                     + "\"Micro-credential: Data Governance and Stewardship\": 11 of 11 present"), "\(text.stdout)")
        #expect(text.stdout.contains("present  Notional workload (ECTS)       5 ECTS"))
        #expect(text.stdout.contains("Credits      5 ECTS available"))
    }
}
