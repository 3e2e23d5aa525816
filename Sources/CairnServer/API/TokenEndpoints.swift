import Cairn
import CairnStore
import CairnSyntax
import CairnCore
import Foundation
import HTTPTypes
import Hummingbird

/// API tokens: only an administrator lists, creates and revokes them.
enum TokenEndpoints {
    static var all: [Endpoint] {
        [
            Endpoint(.get, "/v1/tokens", .roles(.admin)) { _, _, state in
                .json(.array(try state.store.tokens().map { StoreListing.tokenJSON($0, now: Date()) }))
            },
            Endpoint(.post, "/v1/tokens", .roles(.admin)) { request, context, state in
                let body = try await request.jsonObject(context)
                let roleName = try body.string("role") ?? ""
                guard let role = APIToken.Role(rawValue: roleName) else {
                    throw APIError(.badRequest, "bad_field", "role is one of admin, registrar, hr, learner; found \(quoted(roleName))", at: "body.role")
                }
                let learner = try body.string("learner")
                if role == .learner {
                    guard let learner else { throw APIError(.badRequest, "missing_field", "a learner token names its learner", at: "body.learner") }
                    try state.learner(learner, at: "body.learner")
                } else if learner != nil {
                    throw APIError(.badRequest, "bad_field", "only a learner token names a learner", at: "body.learner")
                }
                let expires = try body.string("expires").map { text in
                    guard let duration = TokenLifetime(text) else {
                        throw APIError(.badRequest, "bad_field", "expires is a duration in days such as P90D; found \(quoted(text))", at: "body.expires")
                    }
                    return Date().addingTimeInterval(duration.seconds)
                }
                let (token, secret) = try state.store.createToken(role: role, learner: learner, label: try body.string("label"), expiresAt: expires, now: Date())
                // The listing's object with the secret added: the one time it is shown.
                var created = StoreListing.tokenJSON(token, now: Date())
                if case .object(let members) = created { created = .object(members + [("secret", .string(secret))]) }
                return .json(created, status: .created)
            },
            Endpoint(.delete, "/v1/tokens/{token}", .roles(.admin)) { _, context, state in
                let id = try context.parameters.require("token")
                guard try state.store.revokeToken(id, at: Date()) else {
                    throw APIError(.notFound, "unknown_token", "no token \(quoted(id))", at: "path.token")
                }
                return Response(status: .noContent)
            },
        ]
    }
}

