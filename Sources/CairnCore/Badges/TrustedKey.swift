/// A key a workspace trusts for one issuer: a key id (a JWT `kid`, a verification method such
/// as `did:key:z6Mk…#z6Mk…` or `https://issuer.example/keys/1`) or a DID, and where its public
/// key can be read when the id does not carry it.
public struct TrustedKey: Hashable, Sendable {
    /// The key id or DID as credentials name it.
    public var id: String
    /// A key file (JWK, PEM or Open Badges 2.0 CryptographicKey JSON) holding the public key,
    /// as written in the catalogue (relative to it); `nil` for a `did:key`, which is its own key.
    public var file: String?

    public init(id: String, file: String? = nil) {
        self.id = id
        self.file = file
    }

    /// Whether this entry names `verificationMethod`: the same id, or the DID it belongs to.
    public func names(_ verificationMethod: String) -> Bool {
        verificationMethod == id || verificationMethod.split(separator: "#", maxSplits: 1).first.map(String.init) == id
    }
}
