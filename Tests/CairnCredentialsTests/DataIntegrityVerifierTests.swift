import CairnCredentials
import CairnRDF
import CairnSyntax
import Crypto
import Foundation
import Testing

/// The verifier on credentials signed here: did:key, supplied keys, and each way a proof is refused.
@Suite("Data Integrity verifier")
struct DataIntegrityVerifierTests {
    static let credentialText = """
        {"@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
         "id": "urn:uuid:00000000-0000-4000-8000-000000000001", "type": ["VerifiableCredential", "OpenBadgeCredential"],
         "issuer": {"id": "https://issuer.example/", "type": ["Profile"], "name": "Issuer"},
         "validFrom": "2025-01-01T00:00:00Z", "name": "Signed here",
         "credentialSubject": {"type": ["AchievementSubject"],
           "achievement": {"id": "https://issuer.example/a/1", "type": ["Achievement"], "name": "A",
                           "description": "A", "criteria": {"narrative": "Do A."}}}}
        """

    static func base58(_ bytes: [UInt8]) -> String {
        let alphabet = Array("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz")
        var digits: [Int] = []
        for byte in bytes {
            var carry = Int(byte)
            for index in digits.indices {
                carry += digits[index] << 8
                digits[index] = carry % 58
                carry /= 58
            }
            while carry > 0 {
                digits.append(carry % 58)
                carry /= 58
            }
        }
        let zeros = bytes.prefix { $0 == 0 }.count
        return String(repeating: "1", count: zeros) + String(digits.reversed().map { alphabet[$0] })
    }

    static func multikey(_ key: Curve25519.Signing.PublicKey) -> String {
        "z" + base58([0xED, 0x01] + Array(key.rawRepresentation))
    }

    /// SHA-256 of canonical N-Quads, with the library's own canonicalization.
    static func hash(_ node: JSONNode) throws -> [UInt8] {
        let text = try RDFCanonicalizer().canonicalNQuads(JSONLDProcessor().quads(of: node))
        return Array(SHA256.hash(data: Array(text.utf8)))
    }

    /// The credential with a proof made by `key` (eddsa-rdfc-2022 unless `type` says Ed25519Signature2020).
    static func signed(
        by key: Curve25519.Signing.PrivateKey, method: String, purpose: String = "assertionMethod",
        type: String = "DataIntegrityProof"
    ) throws -> JSONNode {
        let credential = try JSONParser.parse(credentialText, file: "credential.json")
        var options: [JSONNode.Member] = [
            .init(key: "type", value: JSONNode(.string(type))),
            .init(key: "created", value: JSONNode(.string("2025-01-01T00:00:00Z"))),
            .init(key: "verificationMethod", value: JSONNode(.string(method))),
            .init(key: "proofPurpose", value: JSONNode(.string(purpose))),
        ]
        if type == "DataIntegrityProof" {
            options.append(.init(key: "cryptosuite", value: JSONNode(.string("eddsa-rdfc-2022"))))
        }
        let context = type == "DataIntegrityProof" ? try #require(credential["@context"])
            : JSONNode(.string(DataIntegrityVerifier.ed25519Signature2020Context))
        let withContext = JSONNode(.object([.init(key: "@context", value: context)] + options))
        let signature = try key.signature(for: hash(withContext) + hash(credential))
        let proof = JSONNode(.object(options + [.init(key: "proofValue", value: JSONNode(.string("z" + base58(Array(signature)))))]))
        guard case .object(let members) = credential.value else { return credential }
        return JSONNode(.object(members + [.init(key: "proof", value: proof)]))
    }

    @Test("a did:key proof matches its DID's key; it is verified only when trusted for the issuer",
          arguments: ["DataIntegrityProof", "Ed25519Signature2020"])
    func didKey(_ type: String) throws {
        let key = Curve25519.Signing.PrivateKey()
        let id = Self.multikey(key.publicKey)
        let credential = try Self.signed(by: key, method: "did:key:\(id)#\(id)", type: type)
        let method = type == "DataIntegrityProof" ? "eddsa-rdfc-2022" : type
        // Anyone can make a did:key and name any issuer: a match alone proves no issuer.
        #expect(DataIntegrityVerifier().verify(credential) == [.selfSigned(method: method, key: "\(id) (did:key)")])
        let trusted = DataIntegrityVerifier().verify(credential, keyLookup: { _ in nil },
                                                     trusts: { $0.hasPrefix("did:key:\(id)") })
        #expect(trusted == [.verified(method: method, key: "\(id) (did:key)")])
    }

    @Test("a URL verification method is unchecked unless the key lookup supplies its key")
    func keyLookup() throws {
        let key = Curve25519.Signing.PrivateKey()
        let method = "https://issuer.example/keys/1"
        let credential = try Self.signed(by: key, method: method)
        guard case .unchecked(_, let reason)? = DataIntegrityVerifier().verify(credential).first else {
            Issue.record("checked without a key")
            return
        }
        #expect(reason == "key https://issuer.example/keys/1 is not available offline")
        let checks = DataIntegrityVerifier().verify(credential) { id in
            id == method ? Array(key.publicKey.rawRepresentation) : nil
        }
        #expect(checks == [.verified(method: "eddsa-rdfc-2022", key: "\(method) (from the supplied keys)")])
        let other = Curve25519.Signing.PrivateKey()
        guard case .failed? = DataIntegrityVerifier().verify(credential, keyLookup: { _ in
            Array(other.publicKey.rawRepresentation)
        }).first else {
            Issue.record("another key was accepted")
            return
        }
    }

    @Test("a proof purpose other than assertionMethod fails")
    func proofPurpose() throws {
        let key = Curve25519.Signing.PrivateKey()
        let id = Self.multikey(key.publicKey)
        let credential = try Self.signed(by: key, method: "did:key:\(id)#\(id)", purpose: "authentication")
        guard case .failed(_, let reason)? = DataIntegrityVerifier().verify(credential).first else {
            Issue.record("the purpose was not checked")
            return
        }
        #expect(reason.contains("authentication"))
    }

    @Test("an unknown cryptosuite or proof type is unchecked, named", arguments: [
        (#"{"type": "DataIntegrityProof", "cryptosuite": "ecdsa-rdfc-2019", "proofPurpose": "assertionMethod"}"#,
         "the cryptosuite ecdsa-rdfc-2019 is not implemented"),
        (#"{"type": "BbsBlsSignature2020", "proofPurpose": "assertionMethod"}"#,
         "the proof type BbsBlsSignature2020 is not implemented"),
    ])
    func unknownSuites(_ proof: String, _ expected: String) throws {
        let credential = try JSONParser.parse(#"{"@context": "https://www.w3.org/ns/credentials/v2", "proof": \#(proof)}"#,
                                              file: "c.json")
        guard case .unchecked(_, let reason)? = DataIntegrityVerifier().verify(credential).first else {
            Issue.record("not unchecked")
            return
        }
        #expect(reason == expected)
    }

    @Test("a context that is not available offline leaves the proof unchecked, naming the URL")
    func missingContext() throws {
        let key = Curve25519.Signing.PrivateKey()
        let id = Self.multikey(key.publicKey)
        let signed = try Self.signed(by: key, method: "did:key:\(id)#\(id)")
        guard case .object(let members) = signed.value else { return }
        let credential = JSONNode(.object(members.map { member in
            member.key == "@context"
                ? .init(key: "@context", value: JSONNode(.array((member.value.elements ?? [])
                    + [JSONNode(.string("https://unknown.example/ctx"))])))
                : member
        }))
        guard case .unchecked(_, let reason)? = DataIntegrityVerifier().verify(credential).first else {
            Issue.record("not unchecked")
            return
        }
        #expect(reason.contains("https://unknown.example/ctx"))
    }

    @Test("every entry of a proof array gets its own check")
    func proofArrays() throws {
        let key = Curve25519.Signing.PrivateKey()
        let id = Self.multikey(key.publicKey)
        let signed = try Self.signed(by: key, method: "did:key:\(id)#\(id)")
        guard case .object(let members) = signed.value, let proof = signed["proof"] else { return }
        let broken = proof.removing("proofValue")
        let credential = JSONNode(.object(members.map { member in
            member.key == "proof" ? .init(key: "proof", value: JSONNode(.array([proof, broken]))) : member
        }))
        let checks = DataIntegrityVerifier().verify(credential)
        #expect(checks.count == 2)
        #expect(checks.first == .selfSigned(method: "eddsa-rdfc-2022", key: "\(id) (did:key)"))
        guard case .failed? = checks.last else {
            Issue.record("a proof without proofValue did not fail")
            return
        }
    }

    @Test("a --keys key checks a Data Integrity proof only for an issuer it is bound to",
          arguments: [("https://issuer.example/keys/1", true), ("https://issuer.example#k", true),
                      ("https://other.example/keys/1", false), ("local-key", false)])
    func keysBoundToIssuer(method: String, verified: Bool) throws {
        let key = Curve25519.Signing.PrivateKey()
        let node = try Self.signed(by: key, method: method)
        let text = try JSONSerialization.data(withJSONObject: Self.foundationValue(node))
        let file = try OpenBadgesFile.read(Array(text), file: "credential.json", documents: LocalDocuments())
        let ring = KeyRing(entries: [KeyRing.Entry(key: PublicKey(key.publicKey), ids: [method], file: "signer.jwk", form: "JWK")])
        let outcome = CredentialVerifier(keys: ring).verify(file.credential, file: "credential.json",
                                                           documents: LocalDocuments(), asOf: nil)
        #expect(outcome.status == (verified ? .verified : .unverified), "\(outcome.reason)")
        if !verified {
            #expect(outcome.reason.contains("not trusted for the issuer https://issuer.example/"), "\(outcome.reason)")
        }
    }

    /// `node` as Foundation JSON objects (key order is irrelevant to the proof: it is over canonical N-Quads).
    static func foundationValue(_ node: JSONNode) -> Any {
        switch node.value {
        case .null: NSNull()
        case .bool(let value): value
        case .number(let text): Double(text) ?? 0
        case .string(let text): text
        case .array(let elements): elements.map(foundationValue)
        case .object(let members): Dictionary(members.map { ($0.key, foundationValue($0.value)) }) { first, _ in first }
        }
    }
}
