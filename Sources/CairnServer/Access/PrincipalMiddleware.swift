import CairnStore
import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdAuth

/// Finds who a request speaks for: a bearer token (API clients), else the session cookie (the
/// pages). A bearer token that is unknown, revoked or expired is refused at once rather than
/// treated as no token, so a client learns its token stopped working.
struct PrincipalMiddleware: AuthenticatorMiddleware {
    typealias Context = CairnRequestContext
    let state: ServerState

    func authenticate(request: Request, context: Context) async throws -> Principal? {
        if let authorization = request.headers[.authorization] {
            guard let bearer = request.headers.bearer, let token = try token(forSecret: bearer.token, version: context.storeVersion) else {
                throw authorization.hasPrefix("Bearer ")
                    ? APIError(.unauthorized, "invalid_token", "the token is unknown, revoked or expired", at: "header.Authorization")
                    : APIError(.unauthorized, "unauthorized", "send the token as `Authorization: Bearer <token>`", at: "header.Authorization")
            }
            return Principal(token, viaSession: false)
        }
        guard let value = request.cookie(SessionCookie.name),
              let session = SessionCookie(value: value, key: state.sessionKey, now: Date()),
              let token = try state.store.token(id: session.tokenID), token.isActive(at: Date()) else { return nil }
        return Principal(token, viaSession: true)
    }

    /// The active token for a secret: from the cache while the store has not changed (a
    /// revocation is a change), else from the store.
    func token(forSecret secret: String, version: Int64) throws -> APIToken? {
        let digest = ServerSecret.base64URL(Array(SHA256.hash(data: Array(secret.utf8))))
        let now = Date()
        if let kept = state.cache.token(digest) { return kept.isActive(at: now) ? kept : nil }
        guard let token = try state.store.token(forSecret: secret, at: now) else { return nil }
        state.cache.keep(token: token, for: digest, version: version)
        return token
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        context.storeVersion = try state.store.changeVersion()
        state.cache.observe(version: context.storeVersion)
        context.bodyLimit = state.configuration.maxBodyBytes
        context.identity = try await authenticate(request: request, context: context)
        if context.identity?.viaSession == true { context.sessionCookie = request.cookie(SessionCookie.name) }
        return try await next(request, context)
    }
}
