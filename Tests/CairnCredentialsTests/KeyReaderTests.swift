import CairnCore
import CairnCredentials
import CairnRDF
import CairnSyntax
import CairnTestSupport
import Crypto
import Foundation
import SwiftASN1
import Testing
import X509
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
        ("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----", "not a DER X.509 certificate"),
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

    /// `der` as a PEM block whose body lines are `width` characters.
    static func pem(_ der: [UInt8], label: String = "PUBLIC KEY", width: Int = 64) -> String {
        let body = Data(der).base64EncodedString()
        let lines = stride(from: 0, to: body.count, by: width).map { start in
            String(body.dropFirst(start).prefix(width))
        }
        return (["-----BEGIN \(label)-----"] + lines + ["-----END \(label)-----"]).joined(separator: "\n") + "\n"
    }

    /// SubjectPublicKeyInfo headers (RFC 5480, RFC 8410) for keys swift-certificates does not read
    /// or Cairn does not check; the key bits follow each.
    static let secp256k1Header: [UInt8] = [0x30, 0x56, 0x30, 0x10, 0x06, 0x07, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01,
                                           0x06, 0x05, 0x2B, 0x81, 0x04, 0x00, 0x0A, 0x03, 0x42, 0x00, 0x04]
    static let x25519Header: [UInt8] = [0x30, 0x2A, 0x30, 0x05, 0x06, 0x03, 0x2B, 0x65, 0x6E, 0x03, 0x21, 0x00]
    static let shortEd25519Header: [UInt8] = [0x30, 0x29, 0x30, 0x05, 0x06, 0x03, 0x2B, 0x65, 0x70, 0x03, 0x20, 0x00]

    static let badSPKI: [(String, [UInt8], String)] = [
        ("secp256k1", secp256k1Header + Array(repeating: 7, count: 64),
         "the EC public key is not on P-256 (curve OID 1.3.132.0.10); Cairn checks ES256 only"),
        ("X25519", x25519Header + Array(repeating: 9, count: 32),
         "the public key's algorithm (OID 1.3.101.110) is not RSA, EC P-256 or Ed25519"),
        ("Ed25519 of 31 bytes", shortEd25519Header + Array(repeating: 9, count: 31),
         "the Ed25519 public key is 31 bytes, not 32"),
        ("a P-256 point off the curve", Array(P256.Signing.PrivateKey().publicKey.derRepresentation.dropLast()) + [0x5A],
         "the P-256 public key is not a valid point on the curve"),
        ("a key followed by a stray byte", Array(TestSigner.make(.ed25519).publicKey.derRepresentation) + [0],
         "the PUBLIC KEY block is not a DER SubjectPublicKeyInfo"),
    ]

    @Test("refuses a SubjectPublicKeyInfo Cairn cannot check, saying why, at the file", arguments: badSPKI)
    func refusesSPKI(what: String, der: [UInt8], expected: String) {
        do {
            _ = try PublicKey(pem: Self.pem(der), file: "bad.pem")
            Issue.record("\(what) was read")
        } catch {
            #expect(error.message == expected, "\(what)")
            #expect(error.location == CairnCore.SourceLocation(file: "bad.pem"), "\(what)")
        }
    }

    @Test("refuses a P-521 key, naming its curve")
    func p521() {
        let pem = P521.Signing.PrivateKey().publicKey.pemRepresentation
        let message = formatErrorMessage { _ = try PublicKey(pem: pem, file: "p521.pem") }
        #expect(message == "the EC public key is not on P-256 (curve OID 1.3.132.0.35); Cairn checks ES256 only")
    }

    @Test("reads a certificate's public key (a Europass seal is handed out as one)")
    func certificate() throws {
        let issuerKey = P256.Signing.PrivateKey()
        let name = try DistinguishedName { CommonName("Cairn test issuer") }
        let now = Date()
        let certificate = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: Certificate.PublicKey(issuerKey.publicKey),
            notValidBefore: now, notValidAfter: now.addingTimeInterval(3600), issuer: name, subject: name,
            signatureAlgorithm: .ecdsaWithSHA256, extensions: Certificate.Extensions(),
            issuerPrivateKey: Certificate.PrivateKey(issuerKey))
        let pem = try certificate.serializeAsPEM().pemString
        let key = try PublicKey(pem: pem, file: "cert.pem")
        #expect(key == PublicKey(issuerKey.publicKey))
    }

    @Test("names a private key as one even when its block is malformed")
    func malformedPrivateKey() {
        let openSSH = "-----BEGIN OPENSSH PRIVATE KEY-----\n" + String(repeating: "b3Blbn", count: 12)
            + "\n-----END OPENSSH PRIVATE KEY-----\n"
        let message = formatErrorMessage { _ = try PublicKey(pem: openSSH, file: "id_ed25519") }
        #expect(message.contains("never a private key"), "\(message)")
    }

    @Test("ignores text around the block, as in an Open Badges publicKeyPem or openssl -text output")
    func textAroundBlock() throws {
        let key = TestSigner.make(.p256).publicKey
        let text = "Public-Key: (256 bit)\n" + key.pemRepresentation + "trailing words\n"
        #expect(try PublicKey(pem: text, file: "k.pem") == key)
        let crlf = key.pemRepresentation.replacingOccurrences(of: "\n", with: "\r\n")
        #expect(try PublicKey(pem: crlf, file: "k.pem") == key)
    }

    // Behaviour that came with swift-asn1's PEM reader (the hand-written one read the first
    // block of any line width).
    @Test("refuses two PEM blocks in one text, naming them")
    func twoBlocks() {
        let one = TestSigner.make(.ed25519).publicKey.pemRepresentation
        let two = TestSigner.make(.p256).publicKey.pemRepresentation
        let message = formatErrorMessage { _ = try PublicKey(pem: one + two, file: "two.pem") }
        #expect(message == "the text holds 2 PEM blocks (PUBLIC KEY, PUBLIC KEY); give one public key, alone")
    }

    /// An RSASSA-PSS key (`openssl genpkey -algorithm RSA-PSS`, public part).
    static let rsaPSSKey = """
        -----BEGIN PUBLIC KEY-----
        MIIBIDALBgkqhkiG9w0BAQoDggEPADCCAQoCggEBAKWDkPzx/frTixKP9JR61Grb
        5+svyfvJOEP35Z27wc06NW/nSTCTvJNQbbkmmijFSI+BawweXvjaXjRqjO29xHGU
        CTriRHxtiM8Mfqx0vH9fIvcopBSH3ij6AJksbrIna6djQ8dHPdPreYOMXwEpIMEk
        qFc4Hr/aka9PFVyFwL/80BWHvwsz/CKvhEbYelC+PJpWNIiHXEs52bkee0sRhfC6
        jOCpHie9qkh+MUZY2qOOkR5KFxicute4ZKiY5D9V90KghC0pMH2kEpnvrJSmTqEf
        GvrTBGe4AvUmAmE9LvENje2A/fqZ/+FZrW6G3hfIhSULrRV/yOORGu/LRxszUqcC
        AwEAAQ==
        -----END PUBLIC KEY-----

        """

    @Test("refuses an RSASSA-PSS key, which may not check RS256 (PKCS #1 v1.5) signatures")
    func rsaPSS() {
        let message = formatErrorMessage { _ = try PublicKey(pem: Self.rsaPSSKey, file: "pss.pem") }
        #expect(message == "the RSA key is an RSASSA-PSS key (OID 1.2.840.113549.1.1.10), which RFC 4055 keeps to "
                + "PSS signatures; Cairn checks RS256 (PKCS #1 v1.5) only")
    }

    @Test("refuses a body wrapped at other than 64 characters, saying so")
    func lineWidth() throws {
        let der = TestSigner.rsaKey.publicKey.derRepresentation
        let message = formatErrorMessage { _ = try PublicKey(pem: Self.pem(Array(der), width: 76), file: "wide.pem") }
        #expect(message.hasPrefix("the body of the PEM block PUBLIC KEY is not base64 in lines of 64 characters"),
                "\(message)")
        #expect(try PublicKey(pem: Self.pem(Array(der)), file: "k.pem") == PublicKey(TestSigner.rsaKey.publicKey))
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
