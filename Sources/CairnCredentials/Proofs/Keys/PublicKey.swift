import CairnSyntax
public import Crypto
import Foundation
public import _CryptoExtras

/// A public key that can check a signature: RSA (RS256), P-256 (ES256) or Ed25519 (EdDSA).
///
/// The key is held as its DER SubjectPublicKeyInfo (swift-crypto's EC key types are not
/// `Sendable`), checked when made, so a `PublicKey` value is always a usable key. Two keys are
/// equal when their encodings are.
public struct PublicKey: Sendable, Hashable {
    /// The kind of key.
    public enum Kind: Sendable, Hashable {
        /// An RSA key of at least ``PublicKey/minimumRSABits`` bits.
        case rsa(bits: Int)
        /// An ECDSA key on NIST P-256.
        case p256
        /// An Ed25519 key.
        case ed25519
    }

    public let kind: Kind
    /// The DER SubjectPublicKeyInfo (the body of a `PUBLIC KEY` PEM block).
    public let derRepresentation: [UInt8]

    /// Shorter RSA keys are refused (RFC 7518 §3.3 requires 2048 bits for RS256).
    public static let minimumRSABits = 2048

    /// An RSA key; `nil` when it is shorter than ``minimumRSABits``.
    public init?(_ key: _RSA.Signing.PublicKey) {
        guard key.keySizeInBits >= Self.minimumRSABits else { return nil }
        kind = .rsa(bits: key.keySizeInBits)
        derRepresentation = Array(key.derRepresentation)
    }

    /// A P-256 key.
    public init(_ key: P256.Signing.PublicKey) {
        kind = .p256
        derRepresentation = Array(key.derRepresentation)
    }

    /// An Ed25519 key.
    public init(_ key: Curve25519.Signing.PublicKey) {
        kind = .ed25519
        derRepresentation = PublicKey.ed25519SPKIPrefix + Array(key.rawRepresentation)
    }

    /// `RSA-2048`, `EC P-256` or `Ed25519`, for messages.
    public var kindDescription: String {
        switch kind {
        case .rsa(let bits): "RSA-\(bits)"
        case .p256: "EC P-256"
        case .ed25519: "Ed25519"
        }
    }

    /// The JWS algorithm this key signs with: `RS256`, `ES256` or `EdDSA`.
    public var jwsAlgorithm: String {
        switch kind {
        case .rsa: "RS256"
        case .p256: "ES256"
        case .ed25519: "EdDSA"
        }
    }

    /// The key as a `-----BEGIN PUBLIC KEY-----` PEM block.
    public var pemRepresentation: String {
        let body = Base64URL.encodeStandard(derRepresentation)
        var lines: [String] = ["-----BEGIN PUBLIC KEY-----"]
        var start = body.startIndex
        while start < body.endIndex {
            let end = body.index(start, offsetBy: 64, limitedBy: body.endIndex) ?? body.endIndex
            lines.append(String(body[start..<end]))
            start = end
        }
        lines.append("-----END PUBLIC KEY-----")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The raw key bytes of an EC or Ed25519 key: `x‖y` for P-256, the 32 bytes for Ed25519.
    var rawECKey: [UInt8] {
        switch kind {
        case .rsa: []
        case .p256: Array(derRepresentation.suffix(64))
        case .ed25519: Array(derRepresentation.suffix(32))
        }
    }

    /// The SPKI header of an Ed25519 key (RFC 8410): the 32 key bytes follow it.
    static let ed25519SPKIPrefix: [UInt8] = [0x30, 0x2A, 0x30, 0x05, 0x06, 0x03, 0x2B, 0x65, 0x70, 0x03, 0x21, 0x00]

    /// Checks a JWS signature over `message` with this key, for the algorithm `alg`.
    ///
    /// Returns `false` for a signature of the wrong shape (for example an ES256 signature that
    /// is not 64 bytes); the caller checks first that `alg` suits the key. An RSA key checks
    /// PKCS #1 v1.5 (RS256), or PSS with SHA-256 when `probabilisticPadding` (PS256).
    func isValidJWSSignature(_ signature: [UInt8], for message: [UInt8], probabilisticPadding: Bool = false) -> Bool {
        switch kind {
        case .rsa:
            guard let key = try? _RSA.Signing.PublicKey(unsafeDERRepresentation: derRepresentation) else { return false }
            let rsaSignature = _RSA.Signing.RSASignature(rawRepresentation: signature)
            return key.isValidSignature(rsaSignature, for: SHA256.hash(data: message),
                                        padding: probabilisticPadding ? .PSS : .insecurePKCS1v1_5)
        case .p256:
            guard signature.count == 64, let key = try? P256.Signing.PublicKey(derRepresentation: derRepresentation),
                  let ecdsaSignature = try? P256.Signing.ECDSASignature(rawRepresentation: signature)
            else { return false }
            return key.isValidSignature(ecdsaSignature, for: SHA256.hash(data: message))
        case .ed25519:
            guard signature.count == 64, let key = try? Curve25519.Signing.PublicKey(rawRepresentation: rawECKey)
            else { return false }
            return key.isValidSignature(signature, for: message)
        }
    }
}
