/// What checking one cryptographic proof found.
///
/// Cairn never reports a proof it did not check as verified: a proof whose key is not at hand,
/// whose algorithm Cairn does not implement, or whose context is not available offline is
/// ``unchecked(_:)`` with the reason.
public enum ProofCheck: Sendable, Hashable {
    /// The signature was checked and matches. `method` names the proof kind (`RS256 JWS`,
    /// `eddsa-rdfc-2022`); `key` says which key checked it and where that key came from.
    case verified(method: String, key: String)
    /// The signature was checked and matches, but only against a key the credential carries
    /// itself — a `jwk` in the token header, an Ed25519 multikey in a verification method's URL
    /// fragment, or a `did:key` that is not the issuer's own id. That proves the credential was
    /// not changed since it was signed, not who signed it: anyone can sign with a key of their
    /// own and name any issuer. Never reported as verified, never counted.
    case selfSigned(method: String, key: String)
    /// The proof was checked and does not match: the credential was altered or signed by another key.
    case failed(method: String, reason: String)
    /// The proof could not be checked; `reason` says why (no key, unsupported algorithm, …).
    case unchecked(method: String, reason: String)
}
