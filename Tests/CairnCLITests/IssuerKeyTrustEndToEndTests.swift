import CairnTestSupport
import Crypto
import Foundation
import Testing

/// A key in `--keys` proves only the issuers it is bound to, and a credential whose revocation
/// status cannot be looked up does not count: the two ways a verified signature alone would
/// have let a credential count that was not proven.
@Suite("cairn audit: --keys keys bound to their issuer; unknown revocation status")
struct IssuerKeyTrustEndToEndTests {
    /// A learner's VC-JWT of the bundled SQL Querying credential (issuer `https://example.edu`),
    /// signed with a fresh Ed25519 key whose public JWK is written to `keys/` with `kid`.
    static func signedToken(in folder: TemporaryFolder, kid: String, status: [String: Any]? = nil) throws -> String {
        let key = Curve25519.Signing.PrivateKey()
        let jwk: [String: Any] = ["kty": "OKP", "crv": "Ed25519", "kid": kid,
                                  "x": CredentialTrustEndToEndTests.base64URL(key.publicKey.rawRepresentation)]
        _ = try folder.write("keys/signer.jwk", String(decoding: try JSONSerialization.data(withJSONObject: jwk), as: UTF8.self))
        var vc = try CredentialTrustEndToEndTests.credential()
        vc.removeValue(forKey: "proof")
        if let status { vc["credentialStatus"] = status }
        let header = try JSONSerialization.data(withJSONObject: ["alg": "EdDSA", "kid": kid])
        let payload = try JSONSerialization.data(withJSONObject: ["vc": vc, "iss": "https://example.edu"])
        let input = CredentialTrustEndToEndTests.base64URL(header) + "." + CredentialTrustEndToEndTests.base64URL(payload)
        let signature = try key.signature(for: Data(input.utf8))
        return input + "." + CredentialTrustEndToEndTests.base64URL(signature)
    }

    func audit(_ folder: TemporaryFolder, token: String, _ extra: [String] = []) throws -> CairnRun {
        _ = try folder.write("credentials/sql.jwt", token)
        let record = try folder.write("lee.yaml", "learner: lee\nbadges:\n  - { credential: credentials/sql.jwt }\n")
        return try CairnProcess.run(["audit", "--pathway", "data-analysis-foundations", "--learner", record.path,
                                     "--as-of", "2026-11-29", "--keys", folder.url.appendingPathComponent("keys").path] + extra)
    }

    @Test("a --keys key proves the issuer its id lies under; another issuer's or an unbound key proves nothing",
          arguments: [
              ("https://example.edu/keys/registrar-2026", true),
              ("https://example.edu#key-1", true),
              ("https://example.edu", true),
              ("https://example.education/keys/1", false),
              ("https://forger.example/keys/1", false),
              ("registrar-key", false),
          ])
    func binding(kid: String, counts: Bool) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let run = try audit(folder, token: try Self.signedToken(in: folder, kid: kid))
        #expect(run.status == 0, "\(run.stderr)")
        if counts {
            #expect(run.stdout.contains("✔ SQL Querying"), "\(run.stdout)")
        } else {
            #expect(run.stdout.contains("✘ SQL Querying"), "\(run.stdout)")
            #expect(run.stdout.contains("not trusted for the issuer https://example.edu"), "\(run.stdout)")
        }
        // verify says the same of the file alone: verified only with a bound key.
        let verify = try CairnProcess.run(["verify", folder.url.appendingPathComponent("credentials/sql.jwt").path,
                                           "--keys", folder.url.appendingPathComponent("keys").path, "--as-of", "2026-11-29"])
        #expect(verify.stdout.hasPrefix(counts ? "verified" : "unverified"), "\(verify.stdout)")
    }

    @Test("an unbound --keys key counts once the issuer's badge catalogue lists it")
    func listedInCatalogue() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let token = try Self.signedToken(in: folder, kid: "registrar-key")
        _ = try folder.write("credentials/sql.jwt", token)
        let workspace = try UnknownIDEndToEndTests.workspace(editing: "Pathways/data-analysis/badges.yaml") {
            $0.replacingOccurrences(of: "  keys:\n", with: "  keys:\n    - registrar-key\n")
        }
        defer { workspace.remove() }
        let record = try folder.write("lee.yaml", "learner: lee\nbadges:\n  - { credential: credentials/sql.jwt }\n")
        let run = try CairnProcess.run(["audit", "--pathway", "data-analysis-foundations", "--learner", record.path,
                                        "--as-of", "2026-11-29", "--keys", folder.url.appendingPathComponent("keys").path],
                                       in: workspace.url)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("✔ SQL Querying"), "\(run.stdout)")
    }

    @Test("a credential whose status list is not at hand does not count, unless --accept unverified says so")
    func unknownStatus() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let status: [String: Any] = ["type": "BitstringStatusListEntry", "statusPurpose": "revocation",
                                     "statusListCredential": "https://example.edu/status/3", "statusListIndex": "94567"]
        let token = try Self.signedToken(in: folder, kid: "https://example.edu/keys/registrar-2026", status: status)
        let refused = try audit(folder, token: token)
        #expect(refused.status == 0, "\(refused.stderr)")
        #expect(refused.stdout.contains("✘ SQL Querying"), "\(refused.stdout)")
        #expect(refused.stdout.contains("revocation status cannot be checked"), "\(refused.stdout)")
        #expect(refused.stdout.contains("https://example.edu/status/3"), "\(refused.stdout)")
        let accepted = try audit(folder, token: token, ["--accept", "unverified", "--format", "json"])
        #expect(accepted.status == 0, "\(accepted.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(accepted.stdout.utf8)) as? [String: Any])
        let notes = try #require(json["notes"] as? [String])
        #expect(notes.count == 1 && notes[0].contains("revocation status is not checked"), "\(notes)")
        #expect(!accepted.stdout.contains("cannot be checked ("), "\(accepted.stdout)")
    }
}
