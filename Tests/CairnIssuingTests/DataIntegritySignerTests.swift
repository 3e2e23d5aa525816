import CairnCredentials
import CairnIssuing
import CairnSyntax
import Foundation
import Testing

/// eddsa-rdfc-2022 proofs made by the signer and checked by Cairn's own verifier.
@Suite("Data Integrity signer")
struct DataIntegritySignerTests {
    static let created = "2026-12-06T10:00:00Z"

    @Test("a signed Open Badges 3.0 credential verifies, also after being written and read again")
    func signedCredentialVerifies() throws {
        let key = IssuingFixtures.didKeyIssuerKey(.ed25519)
        let credential = try IssuingFixtures.unsignedCredential(issuer: key.didKey)
        let signed = try DataIntegritySigner().sign(credential, with: key, created: Self.created)
        let expected = ProofCheck.verified(method: "eddsa-rdfc-2022", key: "\(key.multikey) (did:key)")
        #expect(DataIntegrityVerifier().verify(signed) == [expected])
        let reread = try JSONParser.parse(signed.serialized(pretty: true), file: "signed.json")
        #expect(DataIntegrityVerifier().verify(reread) == [expected])

        #expect(signed.members?.last?.key == "proof")
        #expect(signed.removing("proof") == credential, "the credential's own members are unchanged")
        let proof = try #require(signed["proof"])
        #expect(proof.members?.map(\.key)
                == ["type", "cryptosuite", "created", "verificationMethod", "proofPurpose", "proofValue"])
        #expect(proof["verificationMethod"]?.string == key.didKeyVerificationMethod)
        #expect(proof["created"]?.string == Self.created)
        #expect(proof["proofValue"]?.string?.hasPrefix("z") == true)
    }

    @Test("changing one character of the signed credential fails the proof",
          arguments: ["SQL Querying", "meets", "2025-05-20T09:00:00Z", "did:example:amara"])
    func tamperedCredentialFails(original: String) throws {
        let key = IssuingFixtures.didKeyIssuerKey(.ed25519)
        let credential = try IssuingFixtures.unsignedCredential(issuer: key.didKey)
        let text = try DataIntegritySigner().sign(credential, with: key, created: Self.created).serialized(pretty: true)
        let quoted = "\"\(original)\""
        #expect(text.contains(quoted))
        // The last character before the closing quote: a letter or digit becomes another.
        let changed = String(original.dropLast()) + (original.last == "1" ? "2" : "1")
        let tampered = try JSONParser.parse(text.replacingOccurrences(of: quoted, with: "\"\(changed)\""), file: "t.json")
        let checks = DataIntegrityVerifier().verify(tampered)
        #expect(checks.count == 1)
        guard case .failed(let method, let reason)? = checks.first else {
            Issue.record("expected a failed proof, got \(checks)")
            return
        }
        #expect(method == "eddsa-rdfc-2022")
        #expect(reason.contains("does not match"))
    }

    @Test("another key's did:key as verification method fails")
    func otherKeyFails() throws {
        let key = IssuingFixtures.didKeyIssuerKey(.ed25519)
        let other = IssuingFixtures.didKeyIssuerKey(.ed25519)
        let credential = try IssuingFixtures.unsignedCredential(issuer: key.didKey)
        let signed = try DataIntegritySigner().sign(credential, with: key, created: Self.created,
                                                    verificationMethod: other.didKeyVerificationMethod)
        guard case .failed? = DataIntegrityVerifier().verify(signed).first else {
            Issue.record("a proof naming another key verified")
            return
        }
    }

    @Test("a P-256 key is refused: eddsa-rdfc-2022 needs Ed25519")
    func p256Refused() throws {
        let key = IssuingFixtures.didKeyIssuerKey(.p256)
        let credential = try IssuingFixtures.unsignedCredential(issuer: key.didKey)
        #expect {
            try DataIntegritySigner().sign(credential, with: key, created: Self.created)
        } throws: { error in
            guard let error = error as? SigningError, case .unsuitableKey = error else { return false }
            return error.description.contains("eddsa-rdfc-2022 needs an Ed25519 key; sign a VC-JWT (ES256)")
        }
    }

    @Test("credentials that cannot be signed as given are refused with the reason",
          arguments: [
            (#"{"id": "urn:x", "name": "no context"}"#, "has no \"@context\""),
            (#"["not", "an", "object"]"#, "not a JSON object"),
            (#"{"@context": ["https://www.w3.org/ns/credentials/v2"], "proof": {}}"#, "already has a \"proof\""),
            (#"{"@context": ["https://unknown.example/context.json"], "name": "x"}"#, "https://unknown.example/context.json"),
          ])
    func refused(text: String, expected: String) throws {
        let key = IssuingFixtures.didKeyIssuerKey(.ed25519)
        let document = try JSONParser.parse(text, file: "c.json")
        #expect {
            try DataIntegritySigner().sign(document, with: key, created: Self.created)
        } throws: { error in
            guard let error = error as? SigningError, case .unsignableCredential = error else { return false }
            return error.description.contains(expected)
        }
    }

    @Test("a created time that is not an xsd:dateTime is refused")
    func badCreated() throws {
        let key = IssuingFixtures.didKeyIssuerKey(.ed25519)
        let credential = try IssuingFixtures.unsignedCredential(issuer: key.didKey)
        #expect(throws: SigningError.self) {
            try DataIntegritySigner().sign(credential, with: key, created: "6 December 2026")
        }
    }
}
