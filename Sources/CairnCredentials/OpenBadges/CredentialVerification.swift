import CairnCore
import CairnSyntax

/// The outcome of checking one Open Badges file on an as-of date (the `verify` contract of the README).
public struct CredentialVerification: Sendable, Hashable {
    /// One word per outcome, as the `verify` contract spells them.
    public enum Status: String, Sendable, Hashable, CaseIterable {
        /// Every proof was checked and matches; in date; not revoked.
        case verified
        /// No proof, or none that could be checked (no key, hosted, unsupported); in date; not revoked.
        case unverified
        case expired
        case notYetValid = "not-yet-valid"
        case revoked
        /// Every proof matches, but at least one only against a key the credential carries
        /// itself (see ``ProofCheck/selfSigned(method:key:)``): not proven to come from its issuer.
        case signedByEmbeddedKey = "signed-by-embedded-key"
        /// A proof was checked and does not match.
        case tampered
        /// Not a well-formed credential.
        case invalid

        /// Whether a file with this outcome may be used (`verify` exits 0 only when all may).
        public var isAcceptable: Bool { self == .verified || self == .unverified }
    }

    /// The file as named on the command line (or `file#n` for a CLR's nested credential).
    public var file: String
    public var status: Status
    /// Why, in one sentence a person can act on.
    public var reason: String
    /// What was read, when the file could be read.
    public var credential: OpenBadgesCredential?
    /// What each proof check found.
    public var proofs: [ProofCheck]
    /// CLR 2.0: the outcome for each nested credential.
    public var nested: [CredentialVerification]
    /// Why whether the credential is revoked could not be found out — a status or revocation list
    /// (or the document naming it) that is not at hand — or `nil` when it was checked or there
    /// is nothing to check. A learner record's credential with such a gap does not count unless
    /// unverified credentials are accepted: it may have been revoked.
    public var revocationUnchecked: String?

    public init(file: String, status: Status, reason: String, credential: OpenBadgesCredential? = nil,
                proofs: [ProofCheck] = [], nested: [CredentialVerification] = []) {
        self.file = file
        self.status = status
        self.reason = reason
        self.credential = credential
        self.proofs = proofs
        self.nested = nested
    }
}
