import CairnStore

/// Who may call an endpoint. One table (``Endpoint``) gives each route its access, so the rule
/// is checked in one place and tested route by route.
enum Access: Sendable, Hashable {
    /// Anyone, signed in or not (health, metrics, the OpenAPI document, the sign-in page).
    case everyone
    /// Any valid token.
    case signedIn
    /// Tokens of these roles.
    case roles(Set<APIToken.Role>)
    /// The learner the path names, with their own token, or tokens of these roles.
    case learner(or: Set<APIToken.Role>)
    /// Anyone holding the learner's calendar feed secret (calendar apps send no tokens).
    case feedSecret

    /// Whether `principal` may call the endpoint for the learner `pathLearner` names.
    func admits(_ principal: Principal?, pathLearner: String?) -> Bool {
        switch self {
        case .everyone, .feedSecret: return true
        case .signedIn: return principal != nil
        case .roles(let roles): return principal.map { roles.contains($0.role) } ?? false
        case .learner(let roles):
            guard let principal else { return false }
            if roles.contains(principal.role) { return true }
            return principal.role == .learner && principal.learner != nil && principal.learner == pathLearner
        }
    }

    /// Whether a token is needed at all (401 rather than 403 when it is missing).
    var needsToken: Bool {
        switch self {
        case .everyone, .feedSecret: false
        case .signedIn, .roles, .learner: true
        }
    }
}

extension Set where Element == APIToken.Role {
    static let staff: Self = [.admin, .registrar, .hr]
    static let registrar: Self = [.admin, .registrar]
    static let hr: Self = [.admin, .hr]
    static let admin: Self = [.admin]
}
