import CairnCore
public import CairnSyntax
import Crypto
import Foundation
import _CryptoExtras

extension PublicKey {
    /// Reads a public JSON Web Key (RFC 7517): `kty` `RSA` (`n`, `e`), `EC` with `crv` `P-256`
    /// (`x`, `y`) or `OKP` with `crv` `Ed25519` (`x`). Private members (`d`, …) are ignored.
    ///
    /// - Throws: ``FormatError`` at the key's position in `file`, naming the member at fault.
    package init(jwk: JSONNode, file: String) throws(FormatError) {
        func failure(_ message: String, at node: JSONNode? = nil) -> FormatError {
            let node = node ?? jwk
            return FormatError(location: SourceLocation(file: file, line: node.line > 0 ? node.line : nil,
                                                        column: node.column > 0 ? node.column : nil),
                               message: message)
        }
        func bytes(_ name: String) throws(FormatError) -> [UInt8] {
            guard let member = jwk[name] else { throw failure("the JWK has no \"\(name)\"") }
            guard let text = member.string else {
                throw failure("the JWK's \"\(name)\" is \(member.kindDescription), not a base64url string", at: member)
            }
            do {
                return try Base64URL.decode(text)
            } catch {
                throw failure("the JWK's \"\(name)\" is not base64url: \(error)", at: member)
            }
        }
        guard jwk.members != nil else { throw failure("the JWK is \(jwk.kindDescription), not a JSON object") }
        guard let ktyNode = jwk["kty"] else { throw failure("the JWK has no \"kty\"") }
        guard let kty = ktyNode.string else {
            throw failure("the JWK's \"kty\" is \(ktyNode.kindDescription), not a string", at: ktyNode)
        }
        switch kty {
        case "RSA":
            let modulus = try bytes("n"), exponent = try bytes("e")
            guard !modulus.isEmpty, !exponent.isEmpty, modulus.count <= 2048, exponent.count <= 8 else {
                throw failure("the RSA JWK's \"n\" (\(modulus.count) bytes) or \"e\" (\(exponent.count) bytes) has an impossible size")
            }
            let key: _RSA.Signing.PublicKey
            do {
                key = try _RSA.Signing.PublicKey(n: modulus, e: exponent)
            } catch {
                throw failure("the RSA JWK's \"n\" and \"e\" do not make an RSA key")
            }
            self = try PublicKey.checkedRSA(key, file: file)
        case "EC":
            let curve = jwk["crv"]?.string ?? ""
            guard curve == "P-256" else {
                throw failure("the EC JWK's \"crv\" is \(jwk["crv"]?.kindDescription ?? "missing"); Cairn checks P-256 (ES256) only",
                              at: jwk["crv"])
            }
            let x = try bytes("x"), y = try bytes("y")
            guard x.count == 32, y.count == 32 else {
                throw failure("the P-256 JWK's \"x\" and \"y\" must be 32 bytes each (found \(x.count) and \(y.count))")
            }
            do {
                self = PublicKey(try P256.Signing.PublicKey(rawRepresentation: x + y))
            } catch {
                throw failure("the P-256 JWK's \"x\" and \"y\" are not a point on the curve")
            }
        case "OKP":
            let curve = jwk["crv"]?.string ?? ""
            guard curve == "Ed25519" else {
                throw failure("the OKP JWK's \"crv\" is \(jwk["crv"]?.kindDescription ?? "missing"); Cairn checks Ed25519 only",
                              at: jwk["crv"])
            }
            let x = try bytes("x")
            guard x.count == 32, let key = try? Curve25519.Signing.PublicKey(rawRepresentation: x) else {
                throw failure("the Ed25519 JWK's \"x\" must be 32 bytes (found \(x.count))")
            }
            self = PublicKey(key)
        default:
            throw failure("the JWK's \"kty\" is \"\(kty)\"; expected RSA, EC or OKP", at: ktyNode)
        }
    }

    /// Parses a JWK written as JSON text.
    public init(jwkJSON text: String, file: String) throws(FormatError) {
        try self.init(jwk: JSONParser.parse(text, file: file), file: file)
    }

    /// The key as a public JWK object, with `kid` when given (members in RFC 7638 order).
    package func jwk(kid: String? = nil) -> JSONNode {
        var members: [JSONNode.Member] = []
        func add(_ key: String, _ value: String) {
            members.append(JSONNode.Member(key: key, value: JSONNode(.string(value))))
        }
        switch kind {
        case .rsa:
            if let key = try? _RSA.Signing.PublicKey(unsafeDERRepresentation: derRepresentation),
               let primitives = try? key.getKeyPrimitives() {
                add("e", Base64URL.encode(Self.withoutLeadingZeros(Array(primitives.publicExponent))))
                add("kty", "RSA")
                add("n", Base64URL.encode(Self.withoutLeadingZeros(Array(primitives.modulus))))
            }
        case .p256:
            let raw = rawECKey
            add("crv", "P-256")
            add("kty", "EC")
            add("x", Base64URL.encode(raw.prefix(32)))
            add("y", Base64URL.encode(raw.suffix(32)))
        case .ed25519:
            add("crv", "Ed25519")
            add("kty", "OKP")
            add("x", Base64URL.encode(rawECKey))
        }
        if let kid { add("kid", kid) }
        return JSONNode(.object(members))
    }

    /// The JWK as compact JSON text.
    public func jwkJSON(kid: String? = nil) -> String {
        let members = jwk(kid: kid).members ?? []
        return JSONValue.object(members.map { ($0.key, JSONValue.string($0.value.string ?? "")) })
            .serialized(pretty: false)
    }

    private static func withoutLeadingZeros(_ bytes: [UInt8]) -> [UInt8] {
        let trimmed = Array(bytes.drop { $0 == 0 })
        return trimmed.isEmpty ? [0] : trimmed
    }
}
