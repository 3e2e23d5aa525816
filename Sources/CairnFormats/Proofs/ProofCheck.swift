/// What checking one cryptographic proof found.
///
/// Cairn never reports a proof it did not check as verified: a proof whose key is not at hand,
/// whose algorithm Cairn does not implement, or whose context is not available offline is
/// ``unchecked(_:)`` with the reason.
public enum ProofCheck: Sendable, Hashable {
    /// The signature was checked and matches. `method` names the proof kind (`RS256 JWS`,
    /// `eddsa-rdfc-2022`); `key` says which key checked it and where that key came from.
    case verified(method: String, key: String)
    /// The proof was checked and does not match: the credential was altered or signed by another key.
    case failed(method: String, reason: String)
    /// The proof could not be checked; `reason` says why (no key, unsupported algorithm, …).
    case unchecked(method: String, reason: String)
}
