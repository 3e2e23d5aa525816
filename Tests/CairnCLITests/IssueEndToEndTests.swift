import CairnTestSupport
import Foundation
import Testing

/// `cairn keys generate`, `cairn issue` and `cairn status-list`, run as an issuer would, and
/// what they issue checked by `cairn verify`, by an audit that needs the issued badge, and by
/// an implementation Cairn did not write.
@Suite("cairn issue, keys and status lists")
struct IssueEndToEndTests {
    /// A scratch folder with a store, an Ed25519 and a P-256 key for https://example.edu.
    struct Issuer {
        let folder: TemporaryFolder
        var store: String { folder.url.appendingPathComponent("store.sqlite").path }
        var edKey: String { folder.url.appendingPathComponent("ed/issuer-key.jwk").path }
        var pKey: String { folder.url.appendingPathComponent("p256/issuer-key.jwk").path }
        /// Both public keys, for `--keys`.
        var publicKeys: String { folder.url.appendingPathComponent("public").path }
        var lists: String { folder.url.appendingPathComponent("lists").path }

        init() throws {
            folder = try TemporaryFolder()
            for (name, algorithm) in [("ed", "ed25519"), ("p256", "p256")] {
                let run = try CairnProcess.run(["keys", "generate", "--issuer", "https://example.edu", "--algorithm", algorithm,
                                                "--out", folder.url.appendingPathComponent(name).path, "--name", "Example University"])
                try #require(run.status == 0, "\(run.stderr)")
            }
            let manager = FileManager.default
            try manager.createDirectory(atPath: publicKeys, withIntermediateDirectories: true)
            try manager.createDirectory(atPath: lists, withIntermediateDirectories: true)
            for name in ["ed", "p256"] {
                let source = folder.url.appendingPathComponent("\(name)/public")
                for file in try manager.contentsOfDirectory(atPath: source.path) {
                    try manager.copyItem(atPath: source.appendingPathComponent(file).path,
                                         toPath: URL(fileURLWithPath: publicKeys).appendingPathComponent(file).path)
                }
            }
        }

        func issue(_ learner: String, _ extra: [String] = [], pathway: String = "data-analysis-foundations",
                   asOf: String = "2026-11-29") throws -> CairnRun {
            try CairnProcess.run(["issue", "--pathway", pathway, "--learner", learner, "--as-of", asOf, "--key", edKey,
                                  "--store", store] + extra)
        }

        func write(_ name: String, _ text: String) throws -> String { try folder.write(name, text).path }
    }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test("keys generate writes the private key with mode 0600 and prints only the public key")
    func keys() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let run = try CairnProcess.run(["keys", "generate", "--issuer", "https://example.edu", "--out", folder.url.path,
                                        "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let privateFile = folder.url.appendingPathComponent("issuer-key.jwk").path
        let attributes = try FileManager.default.attributesOfItem(atPath: privateFile)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let privateJWK = try Self.json(String(contentsOfFile: privateFile, encoding: .utf8))
        let secret = try #require(privateJWK["d"] as? String)
        #expect(!run.stdout.contains(secret) && !run.stderr.contains(secret))
        let report = try Self.json(run.stdout)
        let keyID = try #require(report["keyId"] as? String)
        #expect(keyID.hasPrefix("https://example.edu/keys/ed25519-"))
        #expect((try Self.json(try #require(report["publicKey"] as? String)))["d"] == nil)
        let profile = try Self.json(String(contentsOfFile: folder.url.appendingPathComponent("issuer-profile.json").path, encoding: .utf8))
        let methods = try #require(profile["verificationMethod"] as? [[String: Any]])
        #expect(methods.first?["id"] as? String == keyID)
        // A second run never overwrites the key.
        let again = try CairnProcess.run(["keys", "generate", "--issuer", "https://example.edu", "--out", folder.url.path])
        #expect(again.status == 73)
        #expect(try String(contentsOfFile: privateFile, encoding: .utf8).contains(secret))
        // did:key: the DID is printed, no profile.
        let didFolder = try TemporaryFolder()
        defer { didFolder.remove() }
        let did = try CairnProcess.run(["keys", "generate", "--issuer", "did:key", "--out", didFolder.url.path])
        #expect(did.status == 0)
        #expect(did.stdout.contains("DID: did:key:z6Mk"))
        #expect(!FileManager.default.fileExists(atPath: didFolder.url.appendingPathComponent("issuer-profile.json").path))
    }

    @Test("a learner who completed the pathway gets a credential that cairn verify calls verified; issuing again gives the same one")
    func issueAndVerify() throws {
        let issuer = try Issuer()
        defer { issuer.folder.remove() }
        let run = try issuer.issue("felix")
        #expect(run.status == 0, "\(run.stderr)")
        let credential = try Self.json(run.stdout)
        let id = try #require(credential["id"] as? String)
        #expect(id.hasPrefix("urn:uuid:"))
        #expect(credential["validFrom"] as? String == "2025-12-01T00:00:00Z")
        let subject = try #require(credential["credentialSubject"] as? [String: Any])
        let achievement = try #require(subject["achievement"] as? [String: Any])
        #expect(achievement["id"] as? String == "https://example.edu/achievements/data-analysis-foundations")
        #expect(achievement["creditsAvailable"] as? Int == 6)
        #expect(((achievement["alignment"] as? [[String: Any]]) ?? []).isEmpty == false)
        let identity = try #require((subject["identifier"] as? [[String: Any]])?.first)
        #expect(identity["identityType"] as? String == "emailAddress")
        #expect(!run.stdout.contains("felix@example.org"))
        let evidence = try #require(credential["evidence"] as? [[String: Any]])
        #expect(evidence.count == 8)
        #expect(evidence.contains { $0["name"] as? String == "Findings Memo" || ($0["description"] as? String)?.contains("analysis-memo") == true })

        let file = try issuer.write("felix.json", run.stdout)
        let verify = try CairnProcess.run(["verify", file, "--keys", issuer.publicKeys, "--as-of", "2026-11-29", "--format", "json"])
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
        let results = try #require(try Self.json(verify.stdout)["results"] as? [[String: Any]])
        #expect(results.first?["status"] as? String == "verified")

        let again = try issuer.issue("felix")
        #expect(again.status == 0)
        #expect(again.stdout == run.stdout)
        #expect(again.stderr.contains("already holds \(id)"))

        // One character changed: tampered.
        let tampered = try issuer.write("tampered.json", run.stdout.replacingOccurrences(of: "2025-12-01T00:00:00Z", with: "2025-11-30T00:00:00Z"))
        let check = try CairnProcess.run(["verify", tampered, "--keys", issuer.publicKeys, "--as-of", "2026-11-29"])
        #expect(check.status == 65)
        #expect(check.stdout.hasPrefix("tampered"))
    }

    @Test("a pathway not complete is refused with the audit, exit 1, nothing on standard output and nothing recorded")
    func incomplete() throws {
        let issuer = try Issuer()
        defer { issuer.folder.remove() }
        let run = try issuer.issue("bruno")
        #expect(run.status == 1)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("bruno has not completed data-analysis-foundations"))
        #expect(run.stderr.contains("Data Analysis: Foundations (data-analysis-foundations) for bruno"))
        let felix = try issuer.issue("felix")
        #expect(felix.status == 0)
        let lists = try CairnProcess.run(["status-list", "list", "--store", issuer.store])
        #expect(lists.status == 0)
    }

    @Test("VC-JWT with EdDSA and ES256 keys verifies; ob3-json with a P-256 key is refused with the way out")
    func jwt() throws {
        let issuer = try Issuer()
        defer { issuer.folder.remove() }
        let es256 = try CairnProcess.run(["issue", "--pathway", "data-analysis-foundations", "--learner", "felix", "--as-of", "2026-11-29",
                                          "--key", issuer.pKey, "--format", "vc-jwt", "--store", issuer.store])
        #expect(es256.status == 0, "\(es256.stderr)")
        #expect(es256.stdout.split(separator: ".").count == 3)
        let token = try issuer.write("felix.jwt", es256.stdout)
        let verify = try CairnProcess.run(["verify", token, "--keys", issuer.publicKeys, "--as-of", "2026-11-29"])
        #expect(verify.status == 0, "\(verify.stdout)")
        #expect(verify.stdout.hasPrefix("verified"))
        #expect(verify.stdout.contains("ES256"))

        let edStore = issuer.folder.url.appendingPathComponent("other.sqlite").path
        let eddsa = try CairnProcess.run(["issue", "--pathway", "data-analysis-foundations", "--learner", "amara", "--as-of", "2026-11-29",
                                          "--key", issuer.edKey, "--format", "vc-jwt", "--store", edStore])
        #expect(eddsa.status == 0, "\(eddsa.stderr)")
        let edToken = try issuer.write("amara.jwt", eddsa.stdout)
        let edVerify = try CairnProcess.run(["verify", edToken, "--keys", issuer.publicKeys, "--as-of", "2026-11-29"])
        #expect(edVerify.stdout.hasPrefix("verified"), "\(edVerify.stdout)")
        #expect(edVerify.stdout.contains("EdDSA"))

        let refused = try CairnProcess.run(["issue", "--pathway", "data-analysis-foundations", "--learner", "felix", "--as-of", "2026-11-29",
                                            "--key", issuer.pKey, "--store", issuer.store])
        #expect(refused.status == 64)
        #expect(refused.stderr.contains("needs an Ed25519 key"))
        #expect(refused.stderr.contains("--format vc-jwt"))
    }

    @Test("a revoked credential is reported revoked once its list is published; before, not revoked")
    func revocation() throws {
        let issuer = try Issuer()
        defer { issuer.folder.remove() }
        let url = "https://example.edu/status/1"
        let create = try CairnProcess.run(["status-list", "create", "--url", url, "--key", issuer.edKey, "--store", issuer.store])
        #expect(create.status == 0, "\(create.stderr)")
        let run = try issuer.issue("felix", ["--status-list", url])
        #expect(run.status == 0, "\(run.stderr)")
        let credential = try Self.json(run.stdout)
        let id = try #require(credential["id"] as? String)
        let status = try #require(credential["credentialStatus"] as? [String: Any])
        #expect(status["type"] as? String == "BitstringStatusListEntry")
        #expect(status["statusListIndex"] as? String == "0")
        let file = try issuer.write("felix.json", run.stdout)

        let publish = try CairnProcess.run(["status-list", "publish", url, "--out", issuer.lists, "--store", issuer.store])
        #expect(publish.status == 0, "\(publish.stderr)")
        let before = try CairnProcess.run(["verify", file, "--keys", issuer.publicKeys, "--status-lists", issuer.lists, "--as-of", "2026-11-29"])
        #expect(before.stdout.hasPrefix("verified"), "\(before.stdout)")
        #expect(!before.stdout.contains("revocation not checked"))

        let revoke = try CairnProcess.run(["status-list", "revoke", id, "--reason", "issued in error", "--key", issuer.edKey,
                                           "--store", issuer.store])
        #expect(revoke.status == 0, "\(revoke.stderr)")
        #expect(try CairnProcess.run(["status-list", "revoke", id, "--key", issuer.edKey, "--store", issuer.store]).status != 0)
        _ = try CairnProcess.run(["status-list", "publish", url, "--out", issuer.lists, "--store", issuer.store])
        let after = try CairnProcess.run(["verify", file, "--keys", issuer.publicKeys, "--status-lists", issuer.lists, "--as-of", "2026-11-29"])
        #expect(after.status == 65)
        #expect(after.stdout.hasPrefix("revoked"), "\(after.stdout)")
        #expect(after.stdout.contains("bit 0"))
    }

    @Test("baked into a PNG and an SVG, the credential reads back and verifies", arguments: ["png", "svg"])
    func baked(kind: String) throws {
        let issuer = try Issuer()
        defer { issuer.folder.remove() }
        let image = kind == "png" ? BakedImageBuilder.png() : Array(#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>"#.utf8)
        let source = issuer.folder.url.appendingPathComponent("badge.\(kind)")
        try Data(image).write(to: source)
        let out = issuer.folder.url.appendingPathComponent("felix.\(kind)").path
        let run = try issuer.issue("felix", ["--bake", source.path, "--out", out])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.isEmpty)
        let verify = try CairnProcess.run(["verify", out, "--keys", issuer.publicKeys, "--as-of", "2026-11-29"])
        #expect(verify.status == 0, "\(verify.stdout)")
        #expect(verify.stdout.hasPrefix("verified"))
    }

    @Test("a stack of stacks: the issued badge counts toward a pathway that needs it, and only while its proof holds")
    func stackOfStacks() throws {
        let issuer = try Issuer()
        defer { issuer.folder.remove() }
        let run = try issuer.issue("felix")
        try #require(run.status == 0, "\(run.stderr)")
        _ = try issuer.write("felix-foundations.json", run.stdout)
        let record = try issuer.write("felix-next.yaml", """
            learner: felix
            badges:
              - { credential: felix-foundations.json }
              - { badge: stakeholder-communication, issued: 2026-01-10, result: 80 }
              - { badge: data-capstone-project, issued: 2026-03-01, result: meets }
            """)
        let audit = try CairnProcess.run(["audit", "--pathway", "applied-data-capstone", "--learner", record, "--keys", issuer.publicKeys,
                                          "--as-of", "2026-11-29", "--format", "json"])
        #expect(audit.status == 0, "\(audit.stderr)")
        #expect(try Self.json(audit.stdout)["complete"] as? Bool == true)
        // Without the issuer's key the credential proves nothing, and the capstone is not complete.
        let untrusted = try CairnProcess.run(["audit", "--pathway", "applied-data-capstone", "--learner", record,
                                              "--as-of", "2026-11-29", "--format", "json"])
        #expect(try Self.json(untrusted.stdout)["complete"] as? Bool == false)
    }

    @Test("--cohort issues once to each learner who completed the pathway; a second run issues nothing new")
    func cohort() throws {
        let issuer = try Issuer()
        defer { issuer.folder.remove() }
        let out = issuer.folder.url.appendingPathComponent("issued").path
        let arguments = ["issue", "--pathway", "data-analysis-foundations", "--learners", "Pathways/learners", "--as-of", "2026-11-29",
                         "--key", issuer.edKey, "--store", issuer.store, "--out", out]
        let first = try CairnProcess.run(arguments)
        #expect(first.status == 0, "\(first.stderr)")
        let lines = first.stdout.split(separator: "\n")
        #expect(Set(lines.compactMap { try? Self.json(String($0))["learner"] as? String }) == ["amara", "amara-credentials", "felix"])
        #expect(first.stderr.contains("3 issued, 0 already issued"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).count == 3)
        let second = try CairnProcess.run(arguments)
        #expect(second.status == 0)
        #expect(second.stdout.isEmpty)
        #expect(second.stderr.contains("0 issued, 3 already issued"))
    }

    @Test("an implementation Cairn did not write (pyld, PyNaCl, jwcrypto) verifies what Cairn issues, and the OB 3.0 schema accepts it",
          .enabled(if: IndependentCredentialCheck.availability() == nil,
                   Comment(rawValue: IndependentCredentialCheck.availability() ?? "")))
    func independent() throws {
        let issuer = try Issuer()
        defer { issuer.folder.remove() }
        _ = try CairnProcess.run(["status-list", "create", "--url", "https://example.edu/status/1", "--key", issuer.edKey,
                                  "--store", issuer.store])
        var files: [URL] = []
        for (learner, extra) in [("felix", ["--status-list", "https://example.edu/status/1"]), ("amara", ["--result", "exceeds"])] {
            let run = try issuer.issue(learner, extra)
            try #require(run.status == 0, "\(run.stderr)")
            files.append(URL(fileURLWithPath: try issuer.write("\(learner).json", run.stdout)))
        }
        for (key, store) in [(issuer.edKey, "ed.sqlite"), (issuer.pKey, "p.sqlite")] {
            let run = try CairnProcess.run(["issue", "--pathway", "data-analysis-foundations", "--learner", "felix", "--as-of", "2026-11-29",
                                            "--key", key, "--format", "vc-jwt",
                                            "--store", issuer.folder.url.appendingPathComponent(store).path])
            try #require(run.status == 0, "\(run.stderr)")
            files.append(URL(fileURLWithPath: try issuer.write("felix-\(store).jwt", run.stdout)))
        }
        let published = try CairnProcess.run(["status-list", "publish", "https://example.edu/status/1", "--store", issuer.store])
        files.append(URL(fileURLWithPath: try issuer.write("list.json", published.stdout)))
        let results = try IndependentCredentialCheck.run(files: files, keys: URL(fileURLWithPath: issuer.publicKeys), schema: true)
        #expect(results.count == files.count)
        for result in results {
            #expect(result.proof == "verified", "\(result.file): \(result.reason)")
        }
        // The schema is the AchievementCredential's: every issued credential follows it (the list is another kind).
        for result in results.dropLast() {
            #expect(result.schema == "valid", "\(result.file): \(result.schemaErrors)")
        }
        // The check can fail: one character changed.
        let text = try String(contentsOf: files[0], encoding: .utf8)
        let changed = URL(fileURLWithPath: try issuer.write("changed.json", text.replacingOccurrences(of: "Data Analysis", with: "Data Analysts")))
        let failed = try IndependentCredentialCheck.run(files: [changed], keys: URL(fileURLWithPath: issuer.publicKeys), schema: false)
        #expect(failed.first?.proof == "failed")
    }
}
