import CairnStore

/// Who a request speaks for: the token it carried (by header or session cookie) and its role.
struct Principal: Sendable, Hashable {
    var tokenID: String
    var role: APIToken.Role
    /// For a learner token, the only learner it may see.
    var learner: String?
    /// True when the request came with the session cookie rather than a bearer header: such
    /// requests must prove they come from Cairn's own pages (CSRF) to change anything.
    var viaSession: Bool

    init(_ token: APIToken, viaSession: Bool) {
        tokenID = token.id
        role = token.role
        learner = token.learner
        self.viaSession = viaSession
    }
}
