import CairnCore
import CairnCredentials
public import CairnSyntax
import Crypto
import Foundation

extension SigningKey {
    /// Private key files over this size are refused, as public ones are (`KeyFile.maximumBytes`).
    public static let maximumFileBytes = KeyFile.maximumBytes

    /// The private key as a JWK (RFC 7517, RFC 8037): `kty` `OKP` with `crv` `Ed25519`, or `kty`
    /// `EC` with `crv` `P-256`; `x` (and `y`), `d`, then `kid`, `alg` and `use` `sig`. Indented
    /// JSON ending in a newline, for a file only its owner may read.
    public var privateJWKJSON: String {
        jwk(includingPrivate: true).serialized(pretty: true) + "\n"
    }

    /// The public key as a JWK: the same members without `d`. `KeyFile` reads it back as
    /// ``publicKey`` found by ``id``.
    public var publicJWKJSON: String {
        jwk(includingPrivate: false).serialized(pretty: true) + "\n"
    }

    private func jwk(includingPrivate: Bool) -> JSONNode {
        var members: [JSONNode.Member] = []
        func add(_ key: String, _ value: String) {
            members.append(JSONNode.Member(key: key, value: JSONNode(.string(value))))
        }
        switch kind {
        case .ed25519:
            add("kty", "OKP")
            add("crv", "Ed25519")
            add("x", Base64URL.encode(publicKey.derRepresentation.suffix(32)))
        case .p256:
            let point = Array(publicKey.derRepresentation.suffix(64))
            add("kty", "EC")
            add("crv", "P-256")
            add("x", Base64URL.encode(point.prefix(32)))
            add("y", Base64URL.encode(point.suffix(32)))
        }
        if includingPrivate { add("d", Base64URL.encode(privateBytes)) }
        if !id.isEmpty { add("kid", id) }
        add("alg", jwsAlgorithm)
        add("use", "sig")
        return JSONNode(.object(members))
    }

    /// The Ed25519 PKCS #8 header (RFC 8410 §7, version 1, no public key): the 32-byte seed follows it.
    static let ed25519PKCS8Prefix: [UInt8] = [
        0x30, 0x2E, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2B, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
    ]

    /// Reads a private key file: a JWK with `d` (as ``privateJWKJSON`` writes it), or a PEM
    /// `PRIVATE KEY` (PKCS #8) block of an Ed25519 or P-256 key (or an `EC PRIVATE KEY`, SEC 1).
    ///
    /// The key's id is `id` when given, else the JWK's `kid`, else the key's did:key
    /// verification method (a PEM file has no id).
    ///
    /// - Throws: ``FormatError`` naming `file` (and, for a JWK, the line and column of the member
    ///   at fault) and what is wrong. No message ever quotes the private key.
    public static func read(_ bytes: [UInt8], file: String, id: String? = nil) throws(FormatError) -> SigningKey {
        func failure(_ message: String) -> FormatError {
            FormatError(location: SourceLocation(file: file), message: message)
        }
        guard bytes.count <= maximumFileBytes else {
            throw failure("the key file is \(bytes.count) bytes; key files over 1 MiB are refused")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw failure("the key file is not UTF-8 text (a binary DER key? convert it to PEM)")
        }
        let first = text.unicodeScalars.first { !$0.properties.isWhitespace && $0 != "\u{FEFF}" }
        var key: SigningKey
        if first == "{" {
            key = try readJWK(text, file: file)
        } else if text.contains("-----BEGIN") {
            key = try readPEM(text, file: file)
        } else {
            throw failure("the key file is neither a JWK (JSON) nor PEM; give the private key file that "
                          + "`cairn keys generate` wrote")
        }
        if let id { key.id = id }
        if key.id.isEmpty { key.id = key.didKeyVerificationMethod }
        return key
    }

    private static func readJWK(_ text: String, file: String) throws(FormatError) -> SigningKey {
        let jwk: JSONNode
        do {
            jwk = try JSONParser.parse(text, file: file)
        } catch {
            // The parser quotes the character it stopped at, which may be part of `d`: keep
            // only the position.
            throw FormatError(location: error.location, message: "the key file is not valid JSON")
        }
        func failure(_ message: String, at node: JSONNode? = nil) -> FormatError {
            let node = node ?? jwk
            return FormatError(location: SourceLocation(file: file, line: node.line > 0 ? node.line : nil,
                                                        column: node.column > 0 ? node.column : nil),
                               message: message)
        }
        func string(_ name: String) throws(FormatError) -> String? {
            guard let member = jwk[name] else { return nil }
            guard let text = member.string else {
                // A `d` of the wrong type is not described: a number there may still be the secret.
                let found = name == "d" ? "not a string" : member.kindDescription + ", not a string"
                throw failure("the JWK's \"\(name)\" is \(found)", at: member)
            }
            return text
        }
        func bytes(_ name: String) throws(FormatError) -> [UInt8] {
            guard let text = try string(name) else { throw failure("the JWK has no \"\(name)\"") }
            do {
                return try Base64URL.decode(text)
            } catch {
                // The decoder's message quotes a character; for `d` that is part of the secret.
                throw failure(name == "d" ? "the JWK's \"d\" is not base64url"
                              : "the JWK's \"\(name)\" is not base64url: \(error)", at: jwk[name])
            }
        }
        guard jwk.members != nil else {
            throw failure("the key file holds \(jwk.kindDescription); expected a private JWK object")
        }
        if jwk["keys"] != nil {
            throw failure("the key file is a JWK Set; give one private key (a JWK with \"d\") "
                          + "as `cairn keys generate` wrote it")
        }
        guard let kty = try string("kty") else { throw failure("the JWK has no \"kty\"") }
        let crv = try string("crv")
        let kind: Kind
        switch (kty, crv) {
        case ("OKP", "Ed25519"): kind = .ed25519
        case ("EC", "P-256"): kind = .p256
        case ("OKP", _), ("EC", _):
            throw failure("the \(kty) JWK's \"crv\" is \(crv.map { "\"\($0)\"" } ?? "missing"); "
                          + "Cairn signs with OKP Ed25519 and EC P-256 keys", at: jwk["crv"])
        default:
            throw failure("the JWK's \"kty\" is \"\(kty)\"; Cairn signs with OKP (Ed25519) and EC (P-256) keys",
                          at: jwk["kty"])
        }
        guard jwk["d"] != nil else {
            throw failure("this is a public key (no \"d\"); give the private key file that `cairn keys generate` wrote")
        }
        if let alg = try string("alg"), alg != (kind == .ed25519 ? "EdDSA" : "ES256") {
            throw failure("the JWK's \"alg\" is \"\(alg)\" but \(kind.withArticle) key signs "
                          + (kind == .ed25519 ? "EdDSA" : "ES256"), at: jwk["alg"])
        }
        if let use = try string("use"), use != "sig" {
            throw failure("the JWK's \"use\" is \"\(use)\"; a signing key has \"sig\"", at: jwk["use"])
        }
        let d = try bytes("d")
        guard d.count == 32 else {
            throw failure("the \(kind.rawValue) JWK's \"d\" is \(d.count) bytes; \(kind.withArticle) private key is 32",
                          at: jwk["d"])
        }
        let kid = try string("kid") ?? ""
        guard let key = SigningKey(kind: kind, privateBytes: d, id: kid) else {
            throw failure("the P-256 JWK's \"d\" is not a private key on the curve (zero, or not below its order)",
                          at: jwk["d"])
        }
        let publicPart: [UInt8]
        switch kind {
        case .ed25519:
            publicPart = try bytes("x")
        case .p256:
            publicPart = try bytes("x") + bytes("y")
        }
        guard publicPart == Array(key.publicKey.derRepresentation.suffix(kind == .ed25519 ? 32 : 64)) else {
            let members = kind == .ed25519 ? "\"x\"" : "\"x\" and \"y\""
            throw failure("the public part (\(members)) does not match the private key")
        }
        return key
    }

    private static func readPEM(_ text: String, file: String) throws(FormatError) -> SigningKey {
        func failure(_ message: String) -> FormatError {
            FormatError(location: SourceLocation(file: file), message: message)
        }
        guard let begin = text.range(of: "-----BEGIN "),
              let labelEnd = text[begin.upperBound...].range(of: "-----")
        else { throw failure("the PEM text has no \"-----BEGIN …-----\" line") }
        let label = String(text[begin.upperBound..<labelEnd.lowerBound])
        switch label {
        case "PRIVATE KEY", "EC PRIVATE KEY": break
        case "PUBLIC KEY", "RSA PUBLIC KEY", "CERTIFICATE":
            throw failure("this is a \(label == "CERTIFICATE" ? "certificate" : "public key") (BEGIN \(label)); "
                          + "give the private key file that `cairn keys generate` wrote")
        case "ENCRYPTED PRIVATE KEY":
            throw failure("the private key is encrypted; decrypt it first (`openssl pkcs8 -in KEY -out PLAIN`)")
        default:
            throw failure("the PEM block is \"\(label)\"; expected PRIVATE KEY (PKCS #8) of an Ed25519 or P-256 key")
        }
        let endLine = "-----END \(label)-----"
        guard let end = text[labelEnd.upperBound...].range(of: endLine) else {
            throw failure("the PEM block \(label) has no \"\(endLine)\" line")
        }
        if text[end.upperBound...].contains("-----BEGIN") {
            throw failure("the file holds more than one PEM block; give one private key, alone")
        }
        let body = text[labelEnd.upperBound..<end.lowerBound].filter { !$0.isWhitespace }
        let der: [UInt8]
        do {
            der = try Base64URL.decodeStandard(body)
        } catch {
            throw failure("the body of the PEM block \(label) is not base64")
        }
        if label == "PRIVATE KEY", der.count == ed25519PKCS8Prefix.count + 32, der.starts(with: ed25519PKCS8Prefix) {
            guard let key = SigningKey(kind: .ed25519, privateBytes: Array(der.suffix(32)), id: "") else {
                throw failure("the Ed25519 PRIVATE KEY cannot be read")
            }
            return key
        }
        // swift-crypto reads both PKCS #8 and SEC 1 P-256 keys, and refuses other curves.
        if let p256 = try? P256.Signing.PrivateKey(derRepresentation: der),
           let key = SigningKey(kind: .p256, privateBytes: Array(p256.rawRepresentation), id: "") {
            return key
        }
        throw failure("the \(label) is neither an Ed25519 key (RFC 8410 PKCS #8, version 1) nor an EC P-256 key; "
                      + "Cairn signs with those two")
    }
}
