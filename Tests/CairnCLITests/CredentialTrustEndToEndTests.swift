import CairnTestSupport
import Foundation
import Testing

/// Only a credential whose proof a trusted key verifies counts: forged, unsigned, self-signed
/// and downgraded credentials in a learner record are kept, explained and never counted.
@Suite("cairn audit and credits: only proven credentials count")
struct CredentialTrustEndToEndTests {
    static let signed = "Pathways/learners/credentials/amara/sql-querying.json"

    /// The bundled, properly signed SQL Querying credential as a dictionary.
    static func credential() throws -> [String: Any] {
        let data = try Data(contentsOf: CairnProcess.packageRoot.appendingPathComponent(signed))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// A VC-JWT of the signed credential (its Data Integrity proof removed) under `header`,
    /// with `signature` as its third part.
    static func token(header: String, signature: Data) throws -> String {
        var vc = try credential()
        vc.removeValue(forKey: "proof")
        let payload = try JSONSerialization.data(withJSONObject: ["vc": vc, "iss": "https://example.edu"])
        return [base64URL(Data(header.utf8)), base64URL(payload), base64URL(signature)].joined(separator: ".")
    }

    /// A forged file of each kind, named by what is wrong with it.
    static func forgeries() throws -> [(name: String, text: String, reason: String)] {
        var unsigned = try credential()
        unsigned.removeValue(forKey: "proof")
        // The signed credential, changed, with a clique of blank nodes that makes RDFC-1.0
        // canonicalization exceed its work limit: before, the proof became "unchecked".
        var clique = try credential()
        clique["name"] = "SQL Querying (changed)"
        var subject = try #require(clique["credentialSubject"] as? [String: Any])
        subject["https://example.org/group"] = (0..<8).map { node in
            ["@id": "_:c\(node)", "https://example.org/linked": (0..<8).filter { $0 != node }.map { ["@id": "_:c\($0)"] }]
        }
        clique["credentialSubject"] = subject
        let random = Data((0..<64).map { _ in UInt8.random(in: 0...255) })
        return [
            ("alg-none.jwt", try token(header: #"{"alg":"none","typ":"JWT"}"#, signature: Data()), "none"),
            ("hs256.jwt", try token(header: #"{"alg":"HS256","typ":"JWT"}"#, signature: random), "HS256"),
            ("unknown-kid.jwt", try token(header: #"{"alg":"ES256","kid":"https://example.edu/keys/stolen"}"#, signature: random),
             "kid=https://example.edu/keys/stolen"),
            ("unsigned.json", String(decoding: try JSONSerialization.data(withJSONObject: unsigned), as: UTF8.self),
             "carries no proof"),
            ("clique.json", String(decoding: try JSONSerialization.data(withJSONObject: clique), as: UTF8.self),
             "steps of blank node hashing"),
        ]
    }

    func record(in folder: TemporaryFolder, credential name: String, text: String) throws -> URL {
        _ = try folder.write("credentials/\(name)", text)
        return try folder.write("lee.yaml", "learner: lee\nbadges:\n  - { credential: credentials/\(name) }\n")
    }

    @Test("a forged or unproven credential does not count in audit or credits, and both say why",
          arguments: try forgeries().map { [$0.name, $0.text, $0.reason] })
    func forgedNeverCounts(forgery: [String]) throws {
        let (name, text, reason) = (forgery[0], forgery[1], forgery[2])
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let record = try record(in: folder, credential: name, text: text)
        let audit = try CairnProcess.run(["audit", "--pathway", "data-analysis-foundations", "--learner", record.path,
                                          "--as-of", "2026-11-29"])
        if name == "clique.json" {
            // A proof that cannot be checked within the limit fails closed: the record is refused.
            #expect(audit.status == 65, "\(audit.stderr)")
            #expect(audit.stderr.contains("is tampered") && audit.stderr.contains(reason), "\(audit.stderr)")
            return
        }
        #expect(audit.status == 0, "\(audit.stderr)")
        #expect(audit.stdout.contains("✘ SQL Querying"), "\(audit.stdout)")
        #expect(audit.stdout.contains("not proven to come from its issuer"), "\(audit.stdout)")
        #expect(audit.stdout.contains(reason), "\(audit.stdout)")
        let credits = try CairnProcess.run(["credits", "--policy", "northbridge-ects", "--learner", record.path,
                                            "--as-of", "2026-11-29", "--format", "json"])
        #expect(credits.status == 0, "\(credits.stderr)")
        let transcript = try #require(try JSONSerialization.jsonObject(with: Data(credits.stdout.utf8)) as? [String: Any])
        #expect(transcript["totalExact"] as? String == "0")
        let lines = try #require(transcript["lines"] as? [[String: Any]])
        #expect(lines.first?["decision"] as? String == "unproven", "\(lines)")
        #expect(lines.allSatisfy { $0["counted"] as? Bool == false })
    }

    @Test("--accept unverified counts an unsigned credential and says so; never a self-signed or downgraded one")
    func acceptUnverified() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let forgeries = try Self.forgeries()
        let unsigned = try #require(forgeries.first { $0.name == "unsigned.json" })
        let record = try record(in: folder, credential: unsigned.name, text: unsigned.text)
        let run = try CairnProcess.run(["audit", "--pathway", "data-analysis-foundations", "--learner", record.path,
                                        "--as-of", "2026-11-29", "--format", "json", "--accept", "unverified"])
        #expect(run.status == 0, "\(run.stderr)")
        let audit = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let notes = try #require(audit["notes"] as? [String])
        #expect(notes.count == 1 && notes[0].contains("sql-querying") && notes[0].contains("--accept unverified"), "\(notes)")
        #expect(!run.stdout.contains("not proven"))
        let clique = try #require(forgeries.first { $0.name == "clique.json" })
        let downgraded = try self.record(in: folder, credential: clique.name, text: clique.text)
        let refused = try CairnProcess.run(["audit", "--pathway", "data-analysis-foundations", "--learner", downgraded.path,
                                            "--as-of", "2026-11-29", "--accept", "unverified"])
        #expect(refused.status == 65, "\(refused.stdout)")
    }

    @Test("the signed credential, trusted through its issuer's catalogue, counts")
    func trustedCounts() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let text = try String(contentsOf: CairnProcess.packageRoot.appendingPathComponent(Self.signed), encoding: .utf8)
        let record = try record(in: folder, credential: "sql.json", text: text)
        let audit = try CairnProcess.run(["audit", "--pathway", "data-analysis-foundations", "--learner", record.path,
                                          "--as-of", "2026-11-29"])
        #expect(audit.status == 0, "\(audit.stderr)")
        #expect(audit.stdout.contains("✔ SQL Querying"), "\(audit.stdout)")
        // The same file where no catalogue trusts its key: a match with a key of its own proves no issuer.
        let verify = try CairnProcess.run(["verify", CairnProcess.packageRoot.appendingPathComponent(Self.signed).path,
                                           "--workspace", folder.url.path, "--as-of", "2026-11-29"])
        #expect(verify.status == 65)
        #expect(verify.stdout.hasPrefix("signed-by-embedded-key"), "\(verify.stdout)")
    }
}
