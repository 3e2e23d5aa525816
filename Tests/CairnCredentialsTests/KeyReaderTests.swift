import CairnCredentials
import CairnRDF
import CairnSyntax
import CairnTestSupport
import Crypto
import Foundation
import Testing
import _CryptoExtras

@Suite("Public key readers")
struct KeyReaderTests {
    @Test("a key written as a JWK reads back as the same key", arguments: TestSigner.Kind.allCases)
    func jwkRoundTrip(kind: TestSigner.Kind) throws {
        let key = TestSigner.make(kind).publicKey
        let text = key.jwkJSON(kid: "k\"1")
        #expect(try PublicKey(jwkJSON: text, file: "k.jwk") == key)
        let keys = try KeyFile.keys(in: Array(text.utf8), file: "k.jwk")
        #expect(keys == [KeyFile.Key(key: key, ids: ["k\"1"], form: "JWK")])
    }

    @Test("a key written as PEM reads back as the same key", arguments: TestSigner.Kind.allCases)
    func pemRoundTrip(kind: TestSigner.Kind) throws {
        let key = TestSigner.make(kind).publicKey
        #expect(key.pemRepresentation.hasPrefix("-----BEGIN PUBLIC KEY-----\n"))
        #expect(try PublicKey(pem: key.pemRepresentation, file: "k.pem") == key)
        #expect(key.jwsAlgorithm == kind.rawValue)
    }

    @Test("reads an RSA PUBLIC KEY (PKCS #1) block")
    func pkcs1() throws {
        let rsa = TestSigner.rsaKey.publicKey
        let key = try PublicKey(pem: rsa.pkcs1PEMRepresentation, file: "k.pem")
        #expect(key == PublicKey(rsa))
        #expect(key.kindDescription == "RSA-2048")
    }

    @Test("refuses RSA keys under 2048 bits")
    func shortRSA() throws {
        let short = try _RSA.Signing.PrivateKey(unsafeKeySize: .init(bitCount: 1024)).publicKey
        #expect(PublicKey(short) == nil)
        let message = formatErrorMessage { _ = try PublicKey(pem: short.pemRepresentation, file: "short.pem") }
        #expect(message == "the RSA key has 1024 bits; keys under 2048 bits are refused")
    }

    static let badPEM: [(String, String)] = [
        ("hello", "no \"-----BEGIN PUBLIC KEY-----\" line"),
        ("-----BEGIN PUBLIC KEY-----\nAAAA\n", "has no \"-----END PUBLIC KEY-----\" line"),
        ("-----BEGIN PUBLIC KEY-----\n!!!!\n-----END PUBLIC KEY-----", "is not base64"),
        ("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----", "not a DER SubjectPublicKeyInfo"),
        ("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----", "never a private key"),
        ("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----", "the PEM block is a CERTIFICATE"),
    ]

    @Test("refuses PEM text that is not a usable public key", arguments: badPEM)
    func refusesPEM(text: String, expected: String) {
        let message = formatErrorMessage { _ = try PublicKey(pem: text, file: "bad.pem") }
        #expect(message.contains(expected), "\(message)")
    }

    @Test("refuses a P-384 key, naming its curve")
    func p384() {
        let pem = P384.Signing.PrivateKey().publicKey.pemRepresentation
        let message = formatErrorMessage { _ = try PublicKey(pem: pem, file: "p384.pem") }
        #expect(message.contains("not on P-256 (curve OID 1.3.132.0.34)"), "\(message)")
    }

    static let badJWK: [(String, String)] = [
        (#"{"kty":"oct","k":"AAAA"}"#, "the JWK's \"kty\" is \"oct\""),
        (#"{"kty":"RSA","e":"AQAB"}"#, "the JWK has no \"n\""),
        (#"{"kty":"EC","crv":"P-384","x":"AA","y":"AA"}"#, "Cairn checks P-256 (ES256) only"),
        (#"{"kty":"EC","crv":"P-256","x":"AA","y":"AA"}"#, "must be 32 bytes each"),
        (#"{"kty":"OKP","crv":"Ed25519","x":"A+"}"#, "the JWK's \"x\" is not base64url"),
        (#"{"kty":"OKP","crv":"X25519","x":"AA"}"#, "Cairn checks Ed25519 only"),
        (#"[1]"#, "not a JSON object"),
    ]

    @Test("refuses JWKs that are not usable public keys", arguments: badJWK)
    func refusesJWK(text: String, expected: String) {
        let message = formatErrorMessage { _ = try PublicKey(jwkJSON: text, file: "bad.jwk") }
        #expect(message.contains(expected), "\(message)")
    }

    @Test("reads the Open Badges 2.0 CryptographicKey documents",
          .enabled(if: OpenBadgesSamples.isPresent, OpenBadgesSamples.absent), arguments: ["key1.json", "key2.json", "key3.json"])
    func cryptographicKey(name: String) throws {
        let keys = try KeyFile.keys(in: OpenBadgesSamples.bytes("ob20/assets/\(name)"), file: name)
        #expect(keys.count == 1)
        #expect(keys.first?.ids == ["http://example.org/\(name)"])
        #expect(keys.first?.form == "CryptographicKey")
        #expect(keys.first?.owner?.hasPrefix("https://example.org/organization") == true)
        #expect(keys.first?.key.kindDescription == "RSA-2048")
    }
}

@Suite("Key folders")
struct KeyRingTests {
    static func ring() throws -> KeyRing {
        try KeyRing.load(folder: fixtureFolder("jose/keys"))
    }

    @Test("reads every key file and finds each key by its ids")
    func loads() throws {
        let ring = try Self.ring()
        #expect(ring.entries.count == 7)
        #expect(ring.lookup(id: "ec-key-1")?.file == "ec-b.jwk")
        #expect(ring.lookup(id: "ec-b")?.file == "ec-b.jwk")
        #expect(ring.lookup(id: "rsa-a")?.file == "rsa-a.pem")
        #expect(ring.lookup(id: "https://issuer.example/keys/rsa-a")?.file == "rsa-a.pem")
        #expect(ring.lookup(id: "https://issuer.example/keys/ob2-key.json")?.form == "CryptographicKey")
        #expect(ring.lookup(id: "ed-c")?.key.kindDescription == "Ed25519")
        #expect(ring.lookup(id: "rsa-pkcs1")?.key == ring.lookup(id: "ob2-key")?.key)
        #expect(ring.lookup(id: "set-1")?.form == "JWK Set member 1")
        #expect(ring.lookup(id: "set-2")?.key.kindDescription == "EC P-256")
        // A file with two keys gives neither its file name.
        #expect(ring.lookup(id: "set") == nil)
    }

    @Test("reports unreadable files and index lines, and keeps the other keys")
    func problems() throws {
        let ring = try Self.ring()
        let byFile = Dictionary(grouping: ring.problems) { URL(fileURLWithPath: $0.file).lastPathComponent }
        #expect(byFile.keys.sorted() == ["INDEX.tsv", "broken.jwk", "private.pem"])
        #expect(byFile["broken.jwk"]?.first?.reason == "the JWK's \"n\" is a number 12, not a base64url string")
        #expect(byFile["private.pem"]?.first?.reason.contains("never a private key") == true)
        #expect(byFile["INDEX.tsv"]?.first?.reason.contains("\"no-such-file.pem\", which is not a readable key file") == true)
        #expect(ring.lookup(id: "broken") == nil)
    }

    @Test("tolerates a fragment and a trailing slash, and nothing else")
    func lookupTolerance() throws {
        let ring = try Self.ring()
        #expect(ring.lookup(id: "https://issuer.example/keys/ob2-key.json#key-1")?.file == "ob2-key.json")
        #expect(ring.lookup(id: "https://issuer.example/keys/rsa-a/")?.file == "rsa-a.pem")
        #expect(ring.lookup(id: "https://issuer.example/keys/rsa") == nil)
        #expect(ring.lookup(id: "EC-B") == nil)
        #expect(ring.lookup(id: "#ec-b") == nil)
    }

    @Test("an id claimed by two different keys finds neither")
    func conflict() {
        let one = TestSigner.make(.ed25519).publicKey, two = TestSigner.make(.ed25519).publicKey
        let ring = KeyRing(entries: [
            KeyRing.Entry(key: one, ids: ["shared", "one"], file: "one.jwk", form: "JWK"),
            KeyRing.Entry(key: two, ids: ["shared"], file: "two.jwk", form: "JWK"),
        ])
        #expect(ring.lookup(id: "shared") == nil)
        #expect(ring.isAmbiguous(id: "shared"))
        #expect(ring.lookup(id: "one")?.key == one)
        #expect(ring.problems.count == 1)
    }

    @Test("a missing folder is an error naming it")
    func missingFolder() {
        let message = formatErrorMessage { _ = try KeyRing.load(folder: "/no/such/cairn/keys") }
        #expect(message == "cannot read the keys folder: no such folder")
    }
}
