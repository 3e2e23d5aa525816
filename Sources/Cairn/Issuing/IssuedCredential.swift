public import CairnIssuing

/// A credential issued now: its text as written, and what it was issued for.
public struct IssuedCredential: Sendable {
    /// The credential's id (`urn:uuid:…`).
    public var id: String
    public var learner: String
    public var pathway: String
    /// The badge class the pathway awards.
    public var badgeClass: String
    public var format: IssuedCredentialFormat
    /// Pretty JSON with an embedded proof, or a compact JWS, ending in a newline.
    public var text: String
    /// The status list the credential has an entry in, and its index there.
    public var statusList: String?
    public var statusIndex: Int?
    /// The completed stack it describes.
    public var completion: StackCompletion
}
