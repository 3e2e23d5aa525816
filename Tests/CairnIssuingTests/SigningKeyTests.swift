import CairnCore
import CairnCredentials
import CairnIssuing
import CairnSyntax
import Crypto
import Testing

/// Private keys: generated, written as JWK, read back from JWK and PEM, refused with reasons
/// that never quote the secret, and named by their did:key.
@Suite("Signing keys")
struct SigningKeyTests {
    @Test("a generated key's private JWK reads back as the same key", arguments: SigningKey.Kind.allCases)
    func privateJWKRoundTrip(kind: SigningKey.Kind) throws {
        let key = SigningKey.generate(kind, id: "https://issuer.example/keys/1")
        let read = try SigningKey.read(Array(key.privateJWKJSON.utf8), file: "issuer.jwk")
        #expect(read == key)
        #expect(read.id == "https://issuer.example/keys/1")
        #expect(SigningKey.generate(kind, id: key.id) != key, "two generated keys differ")
    }

    @Test("the public JWK is read by KeyFile as the key's public key, found by its id",
          arguments: SigningKey.Kind.allCases)
    func publicJWKReadByKeyFile(kind: SigningKey.Kind) throws {
        let key = SigningKey.generate(kind, id: "key-\(kind.rawValue)")
        let keys = try KeyFile.keys(in: Array(key.publicJWKJSON.utf8), file: "issuer.pub.jwk")
        #expect(keys.map(\.key) == [key.publicKey])
        #expect(keys.first?.ids == ["key-\(kind.rawValue)"])
        #expect(!key.publicJWKJSON.contains("\"d\""))
        #expect(key.privateJWKJSON.contains("\"d\""))
    }

    @Test("a P-256 PKCS #8 PEM written by swift-crypto is read")
    func p256PEM() throws {
        let original = P256.Signing.PrivateKey()
        let key = try SigningKey.read(Array(original.pemRepresentation.utf8), file: "issuer.pem")
        #expect(key.kind == .p256)
        #expect(key.publicKey == PublicKey(original.publicKey))
        #expect(key.id == key.didKeyVerificationMethod, "a PEM file gives no id, so the did:key names the key")
        let message = Array("signed by P-256".utf8)
        let signature = try P256.Signing.ECDSASignature(rawRepresentation: key.signature(for: message))
        #expect(original.publicKey.isValidSignature(signature, for: SHA256.hash(data: message)))
    }

    @Test("an Ed25519 PKCS #8 PEM is read, and an id given to read overrides the file's")
    func ed25519PEM() throws {
        let original = Curve25519.Signing.PrivateKey()
        let pem = Self.pem("PRIVATE KEY", Self.ed25519PKCS8Prefix + Array(original.rawRepresentation))
        let key = try SigningKey.read(Array(pem.utf8), file: "issuer.pem", id: "urn:key:1")
        #expect(key.kind == .ed25519)
        #expect(key.publicKey == PublicKey(original.publicKey))
        #expect(key.id == "urn:key:1")
        let message = Array("signed by Ed25519".utf8)
        #expect(original.publicKey.isValidSignature(key.signature(for: message), for: message))
    }

    /// RFC 8037 appendix A.1 and A.4: the Ed25519 key and the deterministic signature of its
    /// JWS example.
    @Test("RFC 8037's Ed25519 key signs its JWS example to the published signature")
    func rfc8037Signature() throws {
        let jwk = #"{"kty":"OKP","crv":"Ed25519","d":"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#
        let key = try SigningKey.read(Array(jwk.utf8), file: "rfc8037.jwk")
        let signature = key.signature(for: Array("eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc".utf8))
        #expect(Base64URL.encode(signature)
                == "hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg")
    }

    /// The Ed25519 example of transmute's did-key-ed25519 (its README's exported key pair).
    @Test("a known Ed25519 key has its published did:key")
    func ed25519DidKeyVector() throws {
        let jwk = #"{"kty":"OKP","crv":"Ed25519","x":"VDXDwuGKVq91zxU6q7__jLDUq8_C5cuxECgd-1feFTE","d":"T2azVap7CYD_kB8ilbnFYqwwYb5N-GcD6yjGEvquZXg"}"#
        let key = try SigningKey.read(Array(jwk.utf8), file: "vector.jwk")
        #expect(key.didKey == "did:key:z6Mkk7yqnGF3YwTrLpqrW6PGsKci7dNqh1CjnvMbzrMerSeL")
        #expect(key.didKeyVerificationMethod
                == "did:key:z6Mkk7yqnGF3YwTrLpqrW6PGsKci7dNqh1CjnvMbzrMerSeL#z6Mkk7yqnGF3YwTrLpqrW6PGsKci7dNqh1CjnvMbzrMerSeL")
    }

    @Test("an Ed25519 did:key decodes, as the verifier reads it, to the public key")
    func ed25519DidKeyRoundTrip() {
        for _ in 0..<8 {
            let key = SigningKey.generate(.ed25519, id: "k")
            #expect(key.didKey.hasPrefix("did:key:z6Mk"))
            #expect(DataIntegrityVerifier.ed25519Multikey(key.multikey) == Array(key.publicKey.derRepresentation.suffix(32)))
        }
    }

    @Test("a P-256 did:key is multicodec 0x1200 and the compressed point of the public key")
    func p256DidKey() throws {
        for _ in 0..<8 {
            let key = SigningKey.generate(.p256, id: "k")
            #expect(key.didKey.hasPrefix("did:key:zDn"))
            let bytes = try #require(Base58BTC.decodeMultibase(key.multikey))
            #expect(bytes.count == 35)
            #expect(Array(bytes.prefix(2)) == [0x80, 0x24])
            let point = try P256.Signing.PublicKey(compressedRepresentation: bytes.dropFirst(2))
            #expect(PublicKey(point) == key.publicKey)
        }
    }

    @Test("descriptions, debug descriptions and dumps never show the private key", arguments: SigningKey.Kind.allCases)
    func descriptionsHideThePrivateKey(kind: SigningKey.Kind) throws {
        let key = SigningKey.generate(kind, id: "k1")
        let d = try Self.member("d", of: key.privateJWKJSON)
        var dumped = ""
        dump(key, to: &dumped)
        for text in [String(describing: key), String(reflecting: key), dumped, "\(key)"] {
            #expect(!text.contains(d))
            #expect(text.contains("k1"))
        }
        #expect(String(describing: key) == "\(kind.rawValue) signing key k1")
    }

    // MARK: - Refusals

    /// A private key that appears in the bad files, so a message that quotes it is caught.
    static let secret = "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A"
    static let secretX = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"

    struct BadFile: Sendable, CustomTestStringConvertible {
        var name: String
        var text: String
        var expected: String
        var line: Int? = nil
        var testDescription: String { name }
    }

    static let badFiles: [BadFile] = [
        BadFile(name: "public JWK", text: #"{"kty":"OKP","crv":"Ed25519","x":"\#(secretX)"}"#,
                expected: "this is a public key (no \"d\"); give the private key file that `cairn keys generate` wrote"),
        BadFile(name: "public PEM", text: PublicKey(Curve25519.Signing.PrivateKey().publicKey).pemRepresentation,
                expected: "this is a public key (BEGIN PUBLIC KEY); give the private key file that `cairn keys generate` wrote"),
        BadFile(name: "RSA", text: #"{"kty":"RSA","n":"AQAB","e":"AQAB","d":"\#(secret)"}"#,
                expected: "the JWK's \"kty\" is \"RSA\"; Cairn signs with OKP (Ed25519) and EC (P-256) keys"),
        BadFile(name: "X25519", text: "{\n  \"kty\": \"OKP\",\n  \"crv\": \"X25519\",\n  \"d\": \"\(secret)\"\n}",
                expected: "the OKP JWK's \"crv\" is \"X25519\"; Cairn signs with OKP Ed25519 and EC P-256 keys", line: 3),
        BadFile(name: "P-384", text: #"{"kty":"EC","crv":"P-384","d":"\#(secret)"}"#,
                expected: "the EC JWK's \"crv\" is \"P-384\""),
        BadFile(name: "short d", text: "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\n\"d\":\"\(secret.dropLast(3))\",\"x\":\"\(secretX)\"}",
                expected: "the Ed25519 JWK's \"d\" is 30 bytes; an Ed25519 private key is 32", line: 2),
        BadFile(name: "d not base64url", text: #"{"kty":"OKP","crv":"Ed25519","d":"\#(secret.dropLast())!","x":"\#(secretX)"}"#,
                expected: "the JWK's \"d\" is not base64url"),
        BadFile(name: "x of another key",
                text: #"{"kty":"OKP","crv":"Ed25519","d":"\#(secret)","x":"VDXDwuGKVq91zxU6q7__jLDUq8_C5cuxECgd-1feFTE"}"#,
                expected: "the public part (\"x\") does not match the private key"),
        BadFile(name: "P-256 d above the order",
                text: #"{"kty":"EC","crv":"P-256","d":"__________________________________________8","x":"\#(secretX)","y":"\#(secretX)"}"#,
                expected: "the P-256 JWK's \"d\" is not a private key on the curve"),
        BadFile(name: "JSON broken after d", text: "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\n\"d\":\"\(secret)\" \"x\": 1}",
                expected: "the key file is not valid JSON", line: 2),
        BadFile(name: "alg of the other kind", text: #"{"kty":"OKP","crv":"Ed25519","d":"\#(secret)","x":"\#(secretX)","alg":"ES256"}"#,
                expected: "the JWK's \"alg\" is \"ES256\" but an Ed25519 key signs EdDSA"),
        BadFile(name: "neither JSON nor PEM", text: secret, expected: "the key file is neither a JWK (JSON) nor PEM"),
        BadFile(name: "encrypted PEM", text: "-----BEGIN ENCRYPTED PRIVATE KEY-----\n\(secret)\n-----END ENCRYPTED PRIVATE KEY-----\n",
                expected: "the private key is encrypted"),
        BadFile(name: "PEM body not base64", text: "-----BEGIN PRIVATE KEY-----\n\(secret)!\n-----END PRIVATE KEY-----\n",
                expected: "the body of the PEM block PRIVATE KEY is not base64"),
    ]

    @Test("bad key files are refused naming the file and the problem, never quoting the secret", arguments: badFiles)
    func badFile(_ bad: BadFile) {
        do {
            let key = try SigningKey.read(Array(bad.text.utf8), file: "keys/\(bad.name).jwk")
            Issue.record("read \(key) from a bad file")
        } catch {
            #expect(error.location.file == "keys/\(bad.name).jwk")
            #expect(error.message.contains(bad.expected), "\(error.message)")
            if let line = bad.line { #expect(error.location.line == line) }
            #expect(!error.description.contains(Self.secret))
            #expect(!error.description.contains(Self.secret.dropLast(3)))
        }
    }

    @Test("an oversized key file is refused before it is parsed")
    func oversized() {
        let bytes = [UInt8](repeating: UInt8(ascii: " "), count: SigningKey.maximumFileBytes + 1)
        #expect(throws: FormatError.self) { try SigningKey.read(bytes, file: "big.jwk") }
    }

    // MARK: - Helpers

    static let ed25519PKCS8Prefix: [UInt8] = [
        0x30, 0x2E, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2B, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
    ]

    static func pem(_ label: String, _ der: [UInt8]) -> String {
        let body = Base64URL.encodeStandard(der)
        var lines = ["-----BEGIN \(label)-----"]
        var start = body.startIndex
        while start < body.endIndex {
            let end = body.index(start, offsetBy: 64, limitedBy: body.endIndex) ?? body.endIndex
            lines.append(String(body[start..<end]))
            start = end
        }
        lines.append("-----END \(label)-----")
        return lines.joined(separator: "\n") + "\n"
    }

    struct MissingMember: Error {}

    static func member(_ name: String, of json: String) throws -> String {
        guard let value = try JSONParser.parse(json, file: "key.jwk")[name]?.string else { throw MissingMember() }
        return value
    }
}
