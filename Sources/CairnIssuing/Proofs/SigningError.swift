/// Why a credential could not be signed.
///
/// Its description says what was refused and why, in a sentence, for example
/// `cannot sign with EC P-256 signing key k1: eddsa-rdfc-2022 needs an Ed25519 key; sign a
/// VC-JWT (ES256) instead`.
public enum SigningError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The key cannot make this kind of proof; the text says which kind would.
    case unsuitableKey(key: String, reason: String)
    /// The credential cannot be signed as it is (not an object, already signed, not valid
    /// JSON-LD, a missing issuer or date); the text says what to change.
    case unsignableCredential(String)

    public var description: String {
        switch self {
        case .unsuitableKey(let key, let reason): "cannot sign with \(key): \(reason)"
        case .unsignableCredential(let reason): "cannot sign the credential: \(reason)"
        }
    }
}
