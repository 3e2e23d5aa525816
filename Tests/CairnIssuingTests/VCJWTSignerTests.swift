import CairnCredentials
import CairnIssuing
import CairnSyntax
import Testing

/// VC-JWTs made by the signer, checked by Cairn's JWS verifier and read by its credential reader.
@Suite("VC-JWT signer")
struct VCJWTSignerTests {
    static let credentialID = "https://example.edu/credentials/amara/sql-querying"
    static let achievementID = "https://example.edu/achievements/sql-querying"

    @Test("the token verifies with the key's public key, and by its kid in a key ring",
          arguments: SigningKey.Kind.allCases)
    func tokenVerifies(kind: SigningKey.Kind) throws {
        let key = SigningKey.generate(kind, id: "https://example.edu/keys/\(kind.rawValue)")
        let credential = try IssuingFixtures.unsignedCredential(issuer: "https://example.edu")
        let token = try VCJWTSigner().sign(credential, with: key)
        let jws = try CompactJWS(token, file: "token.jwt")
        #expect(jws.algorithm == key.jwsAlgorithm)
        #expect(jws.keyID == key.id)
        #expect(JWSVerifier().verify(jws, with: key.publicKey, describedAs: "the issuer key")
                == .verified(method: "\(key.jwsAlgorithm) JWS", key: "the issuer key"))
        let ring = KeyRing(entries: [KeyRing.Entry(key: key.publicKey, ids: [key.id], file: "issuer.jwk", form: "JWK")])
        guard case .verified? = Optional(JWSVerifier(keyRing: ring).verify(jws)) else {
            Issue.record("the kid was not found in the key ring: \(JWSVerifier(keyRing: ring).verify(jws))")
            return
        }
        let other = SigningKey.generate(kind, id: key.id)
        guard case .failed = JWSVerifier().verify(jws, with: other.publicKey, describedAs: "another key") else {
            Issue.record("the token verified with another key")
            return
        }
    }

    @Test("header and claims have the shape Cairn's reader expects")
    func headerAndClaims() throws {
        let key = SigningKey.generate(.ed25519, id: "https://example.edu/keys/1")
        let credential = try IssuingFixtures.unsignedCredential(issuer: "https://example.edu")
        let token = try VCJWTSigner().sign(credential, with: key)
        let segments = token.split(separator: ".")
        #expect(segments.count == 3)
        let header = String(decoding: try Base64URL.decode(segments[0]), as: UTF8.self)
        #expect(header == #"{"alg":"EdDSA","kid":"https://example.edu/keys/1","typ":"JWT"}"#)
        let payload = try JSONParser.parse(try Base64URL.decode(segments[1]), file: "payload")
        #expect(payload.members?.map(\.key) == ["vc", "iss", "jti", "sub", "nbf"])
        #expect(payload["vc"] == credential)
        #expect(payload["iss"]?.string == "https://example.edu")
        #expect(payload["jti"]?.string == Self.credentialID)
        #expect(payload["sub"]?.string == "did:example:amara")
        #expect(payload["nbf"]?.numberText == "1747731600")  // 2025-05-20T09:00:00Z
        #expect(try VCJWTSigner().sign(credential, with: key).split(separator: ".")[1] == segments[1],
                "the same credential gives the same payload")
    }

    @Test("Cairn's credential reader reads the token back", arguments: SigningKey.Kind.allCases)
    func readerReadsToken(kind: SigningKey.Kind) throws {
        let key = SigningKey.generate(kind, id: "https://example.edu/keys/1")
        let credential = try IssuingFixtures.unsignedCredential(issuer: "https://example.edu")
        let token = try VCJWTSigner().sign(credential, with: key)
        let file = try OpenBadgesFile.read(Array(token.utf8), file: "sql-querying.jwt", documents: LocalDocuments())
        #expect(file.envelope == .jwt)
        #expect(file.credential.id == Self.credentialID)
        #expect(file.credential.achievement?.id == Self.achievementID)
        #expect(file.credential.issuer.id == "https://example.edu")
        #expect(file.credential.issued.text == "2025-05-20T09:00:00Z")
    }

    @Test("validUntil becomes exp; a credential without an issuer id or with a bad date is refused")
    func expiryAndRefusals() throws {
        let key = SigningKey.generate(.p256, id: "k")
        let dated = try JSONParser.parse(#"{"id": "urn:c", "issuer": "did:example:i", "validFrom": "2026-01-01T00:00:00Z", "validUntil": "2027-01-01T00:00:00Z", "credentialSubject": [{"id": "did:example:a"}, {"id": "did:example:b"}]}"#, file: "c.json")
        let payload = try JSONParser.parse(try Base64URL.decode(try VCJWTSigner().sign(dated, with: key).split(separator: ".")[1]),
                                           file: "payload")
        #expect(payload.members?.map(\.key) == ["vc", "iss", "jti", "nbf", "exp"], "two subjects: no sub")
        #expect(payload["exp"]?.numberText == "1798761600")
        for (text, expected) in [
            (#"{"id": "urn:c", "validFrom": "2026-01-01T00:00:00Z"}"#, "names no issuer id"),
            (#"{"issuer": {"name": "No id"}}"#, "names no issuer id"),
            (#"{"issuer": "did:example:i", "validFrom": "yesterday"}"#, "\"validFrom\" is a string \"yesterday\", not an ISO 8601"),
        ] {
            let json = try JSONParser.parse(text, file: "c.json")
            #expect {
                try VCJWTSigner().sign(json, with: key)
            } throws: { error in
                (error as? SigningError)?.description.contains(expected) == true
            }
        }
    }
}
