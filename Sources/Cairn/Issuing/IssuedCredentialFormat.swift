/// How an issued credential is secured and written.
public enum IssuedCredentialFormat: String, Sendable, Hashable, CaseIterable {
    /// JSON with an embedded Data Integrity proof, `eddsa-rdfc-2022` (Ed25519 keys).
    case openBadgesJSON = "ob3-json"
    /// A compact JWS (VC-JWT) whose `vc` claim is the credential: EdDSA or ES256.
    case verifiableCredentialJWT = "vc-jwt"
}
