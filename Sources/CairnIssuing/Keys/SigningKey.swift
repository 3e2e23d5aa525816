public import CairnCredentials
import CairnSyntax
import Crypto

/// An issuer's private key: Ed25519 (EdDSA, and Data Integrity `eddsa-rdfc-2022`) or ECDSA on
/// P-256 (ES256).
///
/// The key is held as its raw private bytes (swift-crypto's key types are not `Sendable`),
/// checked when made, so a `SigningKey` always signs. Its ``description``, ``debugDescription``
/// and mirror never show those bytes: a key that ends up in a log or a test failure names only
/// its kind, id and public key.
public struct SigningKey: Sendable, Hashable {
    /// The algorithm the key signs with.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// Ed25519: JWS `EdDSA`, Data Integrity `eddsa-rdfc-2022`.
        case ed25519 = "Ed25519"
        /// ECDSA on NIST P-256 with SHA-256: JWS `ES256`.
        case p256 = "P-256"

        /// `an Ed25519`, `a P-256`, for messages.
        var withArticle: String { self == .ed25519 ? "an Ed25519" : "a P-256" }
    }

    /// The algorithm the key signs with.
    public let kind: Kind
    /// The verification method id (a Data Integrity proof's `verificationMethod`, a JWS `kid`).
    public var id: String
    /// The public half, as verifiers read it.
    public let publicKey: PublicKey
    /// Ed25519: the 32-byte seed (RFC 8032); P-256: the 32-byte big-endian scalar.
    let privateBytes: [UInt8]

    /// The key whose private bytes are `privateBytes`; `nil` when they are not a key of `kind`.
    init?(kind: Kind, privateBytes: [UInt8], id: String) {
        guard privateBytes.count == 32 else { return nil }
        switch kind {
        case .ed25519:
            guard let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: privateBytes) else { return nil }
            publicKey = PublicKey(key.publicKey)
        case .p256:
            guard let key = try? P256.Signing.PrivateKey(rawRepresentation: privateBytes) else { return nil }
            publicKey = PublicKey(key.publicKey)
        }
        self.kind = kind
        self.privateBytes = privateBytes
        self.id = id
    }

    /// A new key of `kind` from the system's secure random source, found by `id`.
    public static func generate(_ kind: Kind, id: String) -> SigningKey {
        let raw: [UInt8] = switch kind {
        case .ed25519: Array(Curve25519.Signing.PrivateKey().rawRepresentation)
        case .p256: Array(P256.Signing.PrivateKey().rawRepresentation)
        }
        // swift-crypto made these bytes itself, so they are a key of this kind.
        guard let key = SigningKey(kind: kind, privateBytes: raw, id: id) else {
            preconditionFailure("swift-crypto generated a \(kind.rawValue) key it cannot read back")
        }
        return key
    }

    /// The JWS `alg` of the key: `EdDSA` or `ES256`.
    public var jwsAlgorithm: String {
        switch kind {
        case .ed25519: "EdDSA"
        case .p256: "ES256"
        }
    }

    /// The signature of `message`: Ed25519 (64 bytes), or ECDSA P-256 over the SHA-256 of
    /// `message` as JOSE writes it, `r‖s` (64 bytes).
    ///
    /// The key was checked when made, so signing fails only if the system's cryptography
    /// library does; the result is then empty, which no verifier accepts.
    public func signature(for message: [UInt8]) -> [UInt8] {
        switch kind {
        case .ed25519:
            guard let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: privateBytes),
                  let signature = try? key.signature(for: message)
            else { return [] }
            return Array(signature)
        case .p256:
            guard let key = try? P256.Signing.PrivateKey(rawRepresentation: privateBytes),
                  let signature = try? key.signature(for: SHA256.hash(data: message))
            else { return [] }
            return Array(signature.rawRepresentation)
        }
    }

    /// The multicodec-prefixed public key, base58btc multibase (`z6Mk…` for Ed25519, `zDn…`
    /// for P-256): the method-specific id of the key's `did:key`.
    public var multikey: String {
        switch kind {
        case .ed25519:
            // Multicodec ed25519-pub (0xed, as the varint 0xed 0x01), then the 32 key bytes.
            return Base58BTC.encodeMultibase([0xED, 0x01] + Array(publicKey.derRepresentation.suffix(32)))
        case .p256:
            // Multicodec p256-pub (0x1200, as the varint 0x80 0x24), then the SEC 1 compressed
            // point: 0x02 or 0x03 for the parity of y, then x.
            let point = Array(publicKey.derRepresentation.suffix(64))
            let parity: UInt8 = (point.last ?? 0) & 1 == 0 ? 0x02 : 0x03
            return Base58BTC.encodeMultibase([0x80, 0x24, parity] + point.prefix(32))
        }
    }

    /// The key's `did:key` (`did:key:z6Mk…` for Ed25519, `did:key:zDn…` for P-256).
    public var didKey: String { "did:key:" + multikey }

    /// The verification method of the key's `did:key`: `did:key:z…#z…`, the form a proof names.
    public var didKeyVerificationMethod: String { didKey + "#" + multikey }
}

extension SigningKey: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// `Ed25519 signing key <id>`: never the private bytes.
    public var description: String { "\(kind.rawValue) signing key \(id.isEmpty ? "(no id)" : id)" }

    /// The description and the did:key: never the private bytes.
    public var debugDescription: String { "SigningKey(\(description), \(didKey))" }

    /// A mirror without the private bytes, so `dump` and reflection do not print them.
    public var customMirror: Mirror {
        Mirror(self, children: ["kind": kind, "id": id, "publicKey": publicKey.kindDescription, "didKey": didKey],
               displayStyle: .struct)
    }
}
