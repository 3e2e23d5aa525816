import Cairn
import CairnStore
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// Turns every failure into the answer its caller can read: JSON `{error, detail, location}`
/// for the API, a page for a browser (a sign-in page when a token is needed). Nothing a request
/// sends reaches the client as a stack trace or a crash.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = CairnRequestContext
    let state: ServerState

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let apiError = Self.apiError(for: error, request: request, context: context)
            if apiError.status == .internalServerError {
                context.logger.error("request failed", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
            }
            if Self.isAPI(request.uri.path) { return try apiError.response(from: request, context: context) }
            if apiError.status == .unauthorized {
                let next = request.uri.path + (request.uri.query.map { "?" + $0 } ?? "")
                return Response.redirect(to: "/signin?next=" + (next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"))
            }
            let (detail, location) = Self.pageDetail(apiError)
            // The page keeps its navigation: who the request speaks for is found again here,
            // since this middleware runs outside the one that found it.
            let principal = try? await PrincipalMiddleware(state: state).authenticate(request: request, context: context)
            let csrf = principal?.viaSession == true
                ? request.cookie(SessionCookie.name).map { SessionCookie.csrfToken(forCookie: $0, key: state.sessionKey) } : nil
            let view: [String: Any] = ["heading": apiError.status.reasonPhrase, "detail": detail, "location": location ?? NSNull() as Any]
            return .html(state.pages.page("error", title: apiError.status.reasonPhrase, view: view, principal: principal ?? nil, csrf: csrf),
                         status: apiError.status)
        }
    }

    /// What an error page tells a person: plain words for a missing page or one they may not
    /// see (the API's wording speaks of routes and tokens), and the API's own detail otherwise.
    static func pageDetail(_ error: APIError) -> (detail: String, location: String?) {
        switch (error.status, error.code) {
        case (.notFound, "not_found"): ("There is no page at this address.", nil)
        case (.forbidden, "forbidden"):
            (error.location == "path.learner" ? "You can open only your own pages." : "Your role does not give access to this page.", nil)
        default: (error.detail, error.location)
        }
    }

    static func isAPI(_ path: String) -> Bool {
        path.hasPrefix("/v1/") || path == "/healthz" || path == "/metrics"
    }

    static func apiError(for error: any Error, request: Request, context: Context) -> APIError {
        switch error {
        case let error as APIError: return error
        case is NIOTooManyBytesError:
            return APIError(.contentTooLarge, "too_large", "the request body is over the server's limit of \(context.maxUploadSize) bytes",
                            at: "body")
        case let error as WorkspaceError: return APIError(workspace: error, location: nil)
        case let error as DecisionLogError: return APIError(.conflict, "decision_log", error.description, at: "store")
        case is StoreError: return APIError(.serviceUnavailable, "store", "the store could not answer; try again", at: "store")
        case let error as any HTTPResponseError:
            switch error.status {
            case .notFound:
                // The router found no route: a path that exists under other methods is a 405.
                let methods = Endpoint.methods(matching: request.uri.path)
                if !methods.isEmpty {
                    return APIError(.methodNotAllowed, "method_not_allowed",
                                    "\(request.method.rawValue) is not served here; this address takes " + methods.joined(separator: ", "), at: "method")
                }
                return APIError(.notFound, "not_found", "no such route", at: "path")
            case .methodNotAllowed: return APIError(.methodNotAllowed, "method_not_allowed", "the route does not take this method", at: "method")
            case .contentTooLarge:
                return APIError(.contentTooLarge, "too_large", "the request body is over the server's limit of \(context.maxUploadSize) bytes", at: "body")
            default: return APIError(error.status, "http_error", error.status.reasonPhrase, at: nil)
            }
        default: return APIError(.internalServerError, "internal", "the server failed to answer this request (the log says why)")
        }
    }
}
