import CairnCredentials
import CairnRDF
import CairnSyntax
import CairnTestSupport
import Crypto
import Foundation
import Testing
import _CryptoExtras

/// A freshly made private key of one kind, to sign test tokens with.
enum TestSigner: CustomTestStringConvertible, Sendable {
    case rsa(_RSA.Signing.PrivateKey)
    case p256(Data)
    case ed25519(Data)

    enum Kind: String, CaseIterable, Sendable {
        case rsa = "RS256", p256 = "ES256", ed25519 = "EdDSA"
    }

    /// RSA keys are slow to make, so each kind's key is made once per test process.
    static let rsaKey = try! _RSA.Signing.PrivateKey(keySize: .bits2048)
    static let otherRSAKey = try! _RSA.Signing.PrivateKey(keySize: .bits2048)

    static func make(_ kind: Kind, other: Bool = false) -> TestSigner {
        switch kind {
        case .rsa: .rsa(other ? otherRSAKey : rsaKey)
        case .p256: .p256(P256.Signing.PrivateKey().rawRepresentation)
        case .ed25519: .ed25519(Curve25519.Signing.PrivateKey().rawRepresentation)
        }
    }

    var testDescription: String { algorithm }

    var algorithm: String {
        switch self {
        case .rsa: "RS256"
        case .p256: "ES256"
        case .ed25519: "EdDSA"
        }
    }

    var publicKey: PublicKey {
        switch self {
        case .rsa(let key): PublicKey(key.publicKey)!
        case .p256(let raw): PublicKey(try! P256.Signing.PrivateKey(rawRepresentation: raw).publicKey)
        case .ed25519(let raw): PublicKey(try! Curve25519.Signing.PrivateKey(rawRepresentation: raw).publicKey)
        }
    }

    func sign(_ message: [UInt8]) -> [UInt8] {
        switch self {
        case .rsa(let key):
            Array(try! key.signature(for: SHA256.hash(data: message), padding: .insecurePKCS1v1_5).rawRepresentation)
        case .p256(let raw):
            Array(try! P256.Signing.PrivateKey(rawRepresentation: raw).signature(for: message).rawRepresentation)
        case .ed25519(let raw):
            Array(try! Curve25519.Signing.PrivateKey(rawRepresentation: raw).signature(for: message))
        }
    }

    /// A compact JWS of `payload` with a header of `alg` plus `extraHeader` members (JSON text).
    func token(payload: String = #"{"sub":"learner","name":"Data Analysis I"}"#, extraHeader: String = "",
               alg: String? = nil) -> String {
        let header = #"{"alg":"\#(alg ?? algorithm)""# + (extraHeader.isEmpty ? "" : "," + extraHeader) + "}"
        let input = Base64URL.encode(Array(header.utf8)) + "." + Base64URL.encode(Array(payload.utf8))
        return input + "." + Base64URL.encode(sign(Array(input.utf8)))
    }
}

/// The shared Open Badges conformance samples (../shared/conformance/openbadges), when present.
enum OpenBadgesSamples {
    static let folder: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("../shared/conformance/openbadges").standardizedFileURL
    static let isPresent = FileManager.default.fileExists(atPath: folder.appendingPathComponent("EXPECTED.md").path)
    static let absent: Comment = "the Open Badges samples (../shared/conformance/openbadges) are absent"

    static func bytes(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: folder.appendingPathComponent(path)))
    }

    static func text(_ path: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent(path), encoding: .utf8)
    }
}

/// The test bundle's copy of a fixture folder.
func fixtureFolder(_ name: String) throws -> String {
    try FixtureFile.existingURL(name).path
}

/// The message of the `FormatError` that `body` throws, or a recorded issue.
func formatErrorMessage(_ body: () throws -> Void) -> String {
    do {
        try body()
        Issue.record("expected a FormatError, but nothing was thrown")
        return ""
    } catch let error as FormatError {
        return error.message
    } catch {
        Issue.record("expected a FormatError, but \(error) was thrown")
        return ""
    }
}

@Suite("Base64url")
struct JOSEBase64URLTests {
    @Test("encodes and decodes every length without padding", arguments: 0..<12)
    func roundTrip(length: Int) throws {
        let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 97 &+ 251) }
        let text = Base64URL.encode(bytes)
        #expect(!text.contains("="))
        #expect(try Base64URL.decode(text) == bytes)
        #expect(try Base64URL.decodeStandard(Base64URL.encodeStandard(bytes)) == bytes)
    }

    @Test("refuses characters outside the alphabet, impossible lengths and stray bits",
          arguments: ["ab+c", "ab/c", "ab c", "abcde", "ab=c", "é", "QR", "QQ=="])
    func refuses(text: String) {
        // "QQ==" is valid base64 for "A", with correct padding: decoding accepts it.
        if text == "QQ==" {
            #expect((try? Base64URL.decode(text)) == [0x41])
            return
        }
        #expect(throws: Base64URL.DecodingError.self) { try Base64URL.decode(text) }
    }

    @Test("names the bad character and its offset")
    func namesCharacter() {
        #expect(throws: Base64URL.DecodingError.invalidCharacter("!", offset: 2)) { try Base64URL.decode("ab!d") }
    }
}

@Suite("Compact JWS parsing")
struct JOSECompactJWSTests {
    @Test("reads header, payload and signature")
    func reads() throws {
        let signer = TestSigner.make(.ed25519)
        let jws = try CompactJWS(signer.token(extraHeader: #""kid":"k1""#) + "\n", file: "t.jwt")
        #expect(jws.algorithm == "EdDSA")
        #expect(jws.keyID == "k1")
        #expect(jws.payloadJSON?["sub"]?.string == "learner")
        #expect(jws.signature.count == 64)
    }

    @Test("keeps a payload that is not JSON as bytes")
    func opaquePayload() throws {
        let token = TestSigner.make(.ed25519).token(payload: "hello")
        let jws = try CompactJWS(token, file: "t.jwt")
        #expect(jws.payload == Array("hello".utf8))
        #expect(jws.payloadJSON == nil)
    }

    static let garbageCases: [(String, String)] = [
        ("", "the JWT is empty"),
        ("abc", "the JWT has 1 segment separated by dots"),
        ("a.b", "the JWT has 2 segments"),
        ("a.b.c.d.e", "encrypted JWE"),
        ("e30.e30.!!", "segment 3 of the JWT is not base64url"),
        ("%%%.e30.AA", "segment 1 of the JWT is not base64url"),
        ("e30.e3=0.AA", "segment 2 of the JWT is not base64url"),
        ("bm90IGpzb24.e30.AA", "the JWT header is not JSON: "),
        ("W10.e30.AA", "the JWT header is an array, not a JSON object"),
        ("e30.e30.AA", "the JWT header has no \"alg\""),
        (Base64URL.encode(Array(#"{"alg":5}"#.utf8)) + ".e30.AA", "the JWT header's \"alg\" is a number 5, not a string"),
        (".e30.AA", "the JWT header (segment 1) is empty"),
    ]

    @Test("refuses garbage with a one-line reason", arguments: garbageCases)
    func garbage(text: String, expected: String) {
        let message = formatErrorMessage { _ = try CompactJWS(text, file: "bad.jwt") }
        #expect(message.contains(expected), "\(message)")
        #expect(!message.contains("\n"))
    }
}

@Suite("JWS signatures")
struct JOSEVerifierTests {
    @Test("verifies a token with the key the caller gives", arguments: TestSigner.Kind.allCases)
    func callerKey(kind: TestSigner.Kind) throws {
        let signer = TestSigner.make(kind)
        let jws = try CompactJWS(signer.token(), file: "t.jwt")
        let result = JWSVerifier().verify(jws, with: signer.publicKey, describedAs: "the given key")
        #expect(result == .verified(method: "\(kind.rawValue) JWS", key: "the given key"))
    }

    @Test("finds the key by the header kid in the key ring", arguments: TestSigner.Kind.allCases)
    func kid(kind: TestSigner.Kind) throws {
        let signer = TestSigner.make(kind)
        let ring = KeyRing(entries: [KeyRing.Entry(key: signer.publicKey, ids: ["issuer-key"], file: "issuer.jwk", form: "JWK")])
        let jws = try CompactJWS(signer.token(extraHeader: #""kid":"issuer-key""#), file: "t.jwt")
        #expect(JWSVerifier(keyRing: ring).verify(jws)
            == .verified(method: "\(kind.rawValue) JWS", key: "key kid=issuer-key from --keys folder file issuer.jwk"))
    }

    @Test("a token signed by the key in its own header is self-signed, never verified", arguments: TestSigner.Kind.allCases)
    func embedded(kind: TestSigner.Kind) throws {
        let signer = TestSigner.make(kind)
        let jws = try CompactJWS(signer.token(extraHeader: #""jwk":"# + signer.publicKey.jwkJSON()), file: "t.jwt")
        #expect(JWSVerifier().verify(jws)
            == .selfSigned(method: "\(kind.rawValue) JWS", key: "the public key embedded in the token header (jwk)"))
    }

    @Test("fails a token whose payload was changed", arguments: TestSigner.Kind.allCases)
    func tamperedPayload(kind: TestSigner.Kind) throws {
        let signer = TestSigner.make(kind)
        let parts = signer.token().split(separator: ".").map(String.init)
        let forged = Base64URL.encode(Array(#"{"sub":"someone else","name":"Data Analysis I"}"#.utf8))
        let jws = try CompactJWS([parts[0], forged, parts[2]].joined(separator: "."), file: "t.jwt")
        let result = JWSVerifier().verify(jws, with: signer.publicKey, describedAs: "the given key")
        #expect(result == .failed(method: "\(kind.rawValue) JWS",
                                  reason: "the \(kind.rawValue) signature does not match the token (checked with the given key)"))
    }

    @Test("fails a token whose signature was changed", arguments: TestSigner.Kind.allCases)
    func tamperedSignature(kind: TestSigner.Kind) throws {
        let signer = TestSigner.make(kind)
        let parts = signer.token().split(separator: ".").map(String.init)
        var signature = try Base64URL.decode(parts[2])
        signature[signature.count / 2] ^= 0x01
        let jws = try CompactJWS([parts[0], parts[1], Base64URL.encode(signature)].joined(separator: "."), file: "t.jwt")
        guard case .failed = JWSVerifier().verify(jws, with: signer.publicKey, describedAs: "k") else {
            Issue.record("a changed signature was not reported as failed")
            return
        }
    }

    @Test("fails a token checked with another key of the same kind", arguments: TestSigner.Kind.allCases)
    func wrongKey(kind: TestSigner.Kind) throws {
        let jws = try CompactJWS(TestSigner.make(kind).token(), file: "t.jwt")
        let other = TestSigner.make(kind, other: true).publicKey
        guard case .failed(_, let reason) = JWSVerifier().verify(jws, with: other, describedAs: "k") else {
            Issue.record("another key verified the token")
            return
        }
        #expect(reason.contains("does not match"))
    }

    @Test("fails when the key's type does not suit the header alg")
    func wrongKeyType() throws {
        let jws = try CompactJWS(TestSigner.make(.p256).token(), file: "t.jwt")
        let result = JWSVerifier().verify(jws, with: TestSigner.make(.ed25519).publicKey, describedAs: "k")
        #expect(result == .failed(method: "ES256 JWS", reason: "the header says ES256 but the key (k) is Ed25519, which signs EdDSA"))
    }

    @Test("leaves a token unchecked when its kid is not in the key ring")
    func unknownKid() throws {
        let jws = try CompactJWS(TestSigner.make(.ed25519).token(extraHeader: #""kid":"nobody""#), file: "t.jwt")
        let ring = KeyRing(entries: [KeyRing.Entry(key: TestSigner.make(.ed25519).publicKey, ids: ["someone"], file: "s.jwk", form: "JWK")],
                           folder: "keys")
        #expect(JWSVerifier(keyRing: ring).verify(jws)
            == .unchecked(method: "EdDSA JWS", reason: "no key with kid=nobody in the --keys folder"))
        #expect(JWSVerifier().verify(jws)
            == .unchecked(method: "EdDSA JWS", reason: "the header names kid=nobody but no --keys folder was given"))
    }

    @Test("leaves a token with no key named and none given unchecked")
    func noKey() throws {
        let jws = try CompactJWS(TestSigner.make(.p256).token(), file: "t.jwt")
        #expect(JWSVerifier().verify(jws)
            == .unchecked(method: "ES256 JWS", reason: "the token header names no key (no kid, no jwk) and no key was given"))
    }

    static let unsupportedCases: [(String, String)] = [
        ("none", "alg none: the token is not signed"),
        ("HS256", "HS256 is a shared-secret MAC"),
        ("PS256", "the algorithm PS256 is not supported"),
        ("ES384", "the algorithm ES384 is not supported"),
    ]

    @Test("never verifies alg none, shared secrets or algorithms it does not implement", arguments: unsupportedCases)
    func unsupported(alg: String, expected: String) throws {
        let signer = TestSigner.make(.ed25519)
        let token = signer.token(alg: alg)
        let unsigned = alg == "none" ? token.split(separator: ".").prefix(2).joined(separator: ".") + "." : token
        let jws = try CompactJWS(unsigned, file: "t.jwt")
        let result = JWSVerifier().verify(jws, with: signer.publicKey, describedAs: "k")
        guard case .unchecked(let method, let reason) = result else {
            Issue.record("\(alg): \(result)")
            return
        }
        #expect(method == "\(alg) JWS")
        #expect(reason.contains(expected), "\(reason)")
    }

    @Test("leaves a token with critical header extensions unchecked")
    func critical() throws {
        let signer = TestSigner.make(.ed25519)
        let jws = try CompactJWS(signer.token(extraHeader: #""crit":["b64"],"b64":false"#), file: "t.jwt")
        guard case .unchecked = JWSVerifier().verify(jws, with: signer.publicKey, describedAs: "k") else {
            Issue.record("a token with crit was not left unchecked")
            return
        }
    }

    @Test("an ES256 signature in DER form (not r‖s) fails")
    func derSignature() throws {
        let raw = P256.Signing.PrivateKey()
        let header = Base64URL.encode(Array(#"{"alg":"ES256"}"#.utf8)), payload = Base64URL.encode(Array("{}".utf8))
        let der = try raw.signature(for: Array("\(header).\(payload)".utf8)).derRepresentation
        let jws = try CompactJWS("\(header).\(payload).\(Base64URL.encode(Array(der)))", file: "t.jwt")
        guard case .failed(_, let reason) = JWSVerifier().verify(jws, with: PublicKey(raw.publicKey), describedAs: "k") else {
            Issue.record("a DER ES256 signature was accepted")
            return
        }
        #expect(reason.contains("64 bytes"))
    }
}

@Suite("JWS samples from the Open Badges conformance set")
struct JOSEConformanceTests {
    static func key(_ name: String) throws -> PublicKey {
        let keys = try KeyFile.keys(in: OpenBadgesSamples.bytes("ob20/assets/\(name)"), file: name)
        return try #require(keys.first).key
    }

    static let ob20Cases: [(token: String, key: String, verifies: Bool)] = [
        ("simple.jwt", "key1.json", true),
        ("simple.jwt", "key2.json", false),
        ("simple-not-revoked.jwt", "key2.json", true),
        ("simple-not-revoked.jwt", "key1.json", false),
        ("simple-revoked.jwt", "key3.json", true),
    ]

    @Test("OB 2.0 signed assertions check with their CryptographicKey",
          .enabled(if: OpenBadgesSamples.isPresent, OpenBadgesSamples.absent), arguments: ob20Cases)
    func ob20(token: String, key: String, verifies: Bool) throws {
        let jws = try CompactJWS(OpenBadgesSamples.text("ob20/\(token)"), file: token)
        let result = JWSVerifier().verify(jws, with: try Self.key(key), describedAs: key)
        if verifies {
            #expect(result == .verified(method: "RS256 JWS", key: key))
        } else {
            #expect(result == .failed(method: "RS256 JWS", reason: "the RS256 signature does not match the token (checked with \(key))"))
        }
    }

    @Test("an OB 2.0 assertion finds its key by verification.creator in a keys folder",
          .enabled(if: OpenBadgesSamples.isPresent, OpenBadgesSamples.absent))
    func creatorLookup() throws {
        let ring = try KeyRing.load(folder: OpenBadgesSamples.folder.appendingPathComponent("ob20/assets").path)
        let jws = try CompactJWS(OpenBadgesSamples.text("ob20/simple.jwt"), file: "simple.jwt")
        #expect(JWSVerifier(keyRing: ring).verify(jws) == .verified(
            method: "RS256 JWS",
            key: "key http://example.org/key1.json (the assertion's verification.creator) from --keys folder file key1.json"))
    }

    @Test("CLR 2.0 simple.jwt matches its header jwk, which is self-signed, never verified",
          .enabled(if: OpenBadgesSamples.isPresent, OpenBadgesSamples.absent))
    func clr() throws {
        let jws = try CompactJWS(OpenBadgesSamples.text("clr20/simple.jwt"), file: "simple.jwt")
        #expect(JWSVerifier().verify(jws) == .selfSigned(method: "RS256 JWS", key: "the public key embedded in the token header (jwk)"))
    }

    @Test("OB 3.0 simple.jwt parses but names no key", .enabled(if: OpenBadgesSamples.isPresent, OpenBadgesSamples.absent))
    func ob30NoKey() throws {
        let jws = try CompactJWS(OpenBadgesSamples.text("ob30/simple.jwt"), file: "simple.jwt")
        #expect(jws.payloadJSON?["vc"]?["@context"] != nil)
        guard case .unchecked(let method, _) = JWSVerifier().verify(jws) else {
            Issue.record("ob30/simple.jwt was checked without a key")
            return
        }
        #expect(method == "RS256 JWS")
    }

    @Test("the JWT baked in OB 3.0 simple-jwt.svg verifies with its header jwk",
          .enabled(if: OpenBadgesSamples.isPresent, OpenBadgesSamples.absent))
    func bakedSVG() throws {
        let baked = try BakedBadge.extract(from: OpenBadgesSamples.bytes("ob30/simple-jwt.svg"), file: "simple-jwt.svg")
        guard case .jwt(let token) = baked.content else {
            Issue.record("simple-jwt.svg yielded \(baked.content)")
            return
        }
        let jws = try CompactJWS(token, file: "simple-jwt.svg")
        #expect(JWSVerifier().verify(jws) == .selfSigned(method: "RS256 JWS", key: "the public key embedded in the token header (jwk)"))
    }
}
