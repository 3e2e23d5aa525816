import Cairn
import CairnStore
import CairnSyntax
import Foundation
import HTTPTypes
import Hummingbird

/// The web pages: server-rendered HTML that works without JavaScript, for learners, registrars
/// and HR, signed in with a token and kept in by a session cookie.
enum PageEndpoints {
    static var all: [Endpoint] {
        [
            Endpoint(.get, "/", .everyone) { _, context, state in
                guard let principal = context.identity else { return .redirect(to: "/signin") }
                switch principal.role {
                case .learner: return .redirect(to: "/learner/\(principal.learner ?? "")")
                case .registrar: return .redirect(to: "/registrar")
                case .hr: return .redirect(to: "/hr")
                case .admin:
                    let learners = try state.store.learners()
                    let view: [String: Any] = ["learners": PageView.value(StoreListing.learnersJSON(learners)),
                                               "hasNames": learners.contains { $0.name?.isEmpty == false }]
                    return page(state, context, "admin", title: "Administration", view: view, current: "/")
                }
            },
            Endpoint(.get, "/static/cairn.css", .everyone) { _, _, state in
                var response = Response.text(state.pages.stylesheet, type: "text/css; charset=utf-8")
                response.headers[.cacheControl] = "public, max-age=3600"
                return response
            },
            Endpoint(.get, "/signin", .everyone) { request, context, state in
                signInPage(state, context, next: safeNext(request.query("next")), problem: nil)
            },
            Endpoint(.post, "/signin", .everyone) { request, context, state in
                let body = try await request.bodyBytes(context)
                let form = try PageForm.urlEncoded(body)
                let next = safeNext(form["next"])
                // The sign-in form's own nonce, in a SameSite=Strict cookie and in the form: a page
                // on another site cannot sign a browser in under a token of its choosing.
                guard let nonce = request.cookie(signInCookie), !nonce.isEmpty, form["signin"] == nonce else {
                    return signInPage(state, context, next: next, problem: "The sign-in form expired or did not come from this site: please sign in again.",
                                      status: .forbidden)
                }
                guard let secret = form["token"]?.trimmingCharacters(in: .whitespacesAndNewlines),
                      let token = try state.store.token(forSecret: secret, at: Date()) else {
                    return signInPage(state, context, next: next, problem: "That token is not valid: it is mistyped, revoked or expired.",
                                      status: .unauthorized)
                }
                let session = SessionCookie(tokenID: token.id, expires: Date().addingTimeInterval(SessionCookie.lifetime))
                var response = Response.redirect(to: next)
                response.setCookie(Cookie(name: SessionCookie.name, value: session.value(signedWith: state.sessionKey),
                                          expires: session.expires, path: "/", secure: state.configuration.secureCookies,
                                          httpOnly: true, sameSite: .strict))
                return response
            },
            Endpoint(.post, "/signout", .signedIn) { request, context, state in
                _ = try await PageForm.read(request, context: context, state: state)
                var response = Response.redirect(to: "/signin")
                response.setCookie(Cookie(name: SessionCookie.name, value: "", maxAge: 0, path: "/",
                                          secure: state.configuration.secureCookies, httpOnly: true, sameSite: .strict))
                return response
            },
            Endpoint(.get, "/learner/{learner}", .learner(or: .registrar)) { request, context, state in
                let learner = try context.parameters.require("learner")
                return try LearnerPages.overview(learner, notice: nil, request: request, context: context, state: state)
            },
            Endpoint(.post, "/learner/{learner}/credentials", .learner(or: .registrar)) { request, context, state in
                let learner = try context.parameters.require("learner")
                let form = try await PageForm.read(request, context: context, state: state)
                guard let file = form.file("credential"), !file.bytes.isEmpty else {
                    return try LearnerPages.overview(learner, notice: .bad("Choose a credential file to upload."), request: request,
                                                     context: context, state: state, status: .badRequest)
                }
                let upload = Upload(bytes: file.bytes, filename: file.filename, contentType: file.contentType ?? "")
                do {
                    let outcome = try LearnerEndpoints.importCredential(upload, for: learner, state: state)
                    return try LearnerPages.overview(learner, notice: LearnerPages.uploadNotice(outcome, file: upload.filename, state: state),
                                                     request: request, context: context, state: state)
                } catch let error as APIError {
                    return try LearnerPages.overview(learner, notice: .bad("\(upload.filename) was not added: \(error.detail)"),
                                                     request: request, context: context, state: state, status: error.status)
                }
            },
            Endpoint(.get, "/learner/{learner}/pathways/{pathway}", .learner(or: .registrar)) { request, context, state in
                try LearnerPages.pathway(request, context: context, state: state)
            },
            Endpoint(.get, "/registrar", .roles(.registrar)) { request, context, state in
                try RegistrarPages.cohort(request, context: context, state: state)
            },
            Endpoint(.get, "/registrar/learners/{learner}", .roles(.registrar)) { request, context, state in
                try RegistrarPages.transcript(request, notice: nil, context: context, state: state)
            },
            Endpoint(.post, "/registrar/learners/{learner}/decisions", .roles(.registrar)) { request, context, state in
                let form = try await PageForm.read(request, context: context, state: state)
                let learner = try context.parameters.require("learner")
                let policy = try state.policy(form["policy"] ?? "")
                let date = today()
                let transcript = try state.credits(policy, for: learner, asOf: date)
                let decision = try state.record(transcript, policy: policy, asOf: date, by: "token \(context.identity?.tokenID ?? "")")
                return try RegistrarPages.transcript(request, notice: .good("Recorded decision #\(decision.sequence ?? 0): \(transcript.total) "
                                                                        + "\(transcript.unit.name) under \(policy.id) (digest \(decision.digest.prefix(12))…)."),
                                                     policyID: policy.id, context: context, state: state)
            },
            Endpoint(.get, "/hr", .roles(.hr)) { request, context, state in
                try HRPages.ranking(request, context: context, state: state)
            },
            Endpoint(.get, "/hr/learners/{learner}", .roles(.hr)) { request, context, state in
                try HRPages.fit(request, context: context, state: state)
            },
        ]
    }

    static let signInCookie = "cairn_signin"

    /// The sign-in page, with a fresh nonce in its form and in a cookie only this site's pages send back.
    static func signInPage(_ state: ServerState, _ context: CairnRequestContext, next: String, problem: String?,
                           status: HTTPResponse.Status = .ok) -> Response {
        var generator = SystemRandomNumberGenerator()
        let nonce = ServerSecret.base64URL((0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) })
        var response = page(state, context, "signin", title: "Sign in",
                            view: ["next": next, "signin": nonce, "problem": problem ?? NSNull() as Any], status: status)
        response.setCookie(Cookie(name: signInCookie, value: nonce, maxAge: 3600, path: "/signin",
                                  secure: state.configuration.secureCookies, httpOnly: true, sameSite: .strict))
        return response
    }

    /// Renders a page for this request's principal, with the session's CSRF token for its forms.
    static func page(_ state: ServerState, _ context: CairnRequestContext, _ template: String, title: String, view: [String: Any],
                     current: String = "", status: HTTPResponse.Status = .ok) -> Response {
        var view = view
        let csrf = csrf(context, state: state)
        view["csrf"] = csrf
        return .html(state.pages.page(template, title: title, view: view, principal: context.identity, csrf: csrf, current: current),
                     status: status)
    }

    static func csrf(_ context: CairnRequestContext, state: ServerState) -> String {
        context.sessionCookie.map { SessionCookie.csrfToken(forCookie: $0, key: state.sessionKey) } ?? ""
    }

    /// Where to go after signing in: a path on this server only (never `//elsewhere` or a URL).
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\"), next.count < 512,
              !next.unicodeScalars.contains(where: { $0.value < 0x20 }) else { return "/" }
        return next
    }
}

/// A message at the top of a page.
enum PageNotice {
    case good(String)
    case bad(String)

    var view: [String: Any] {
        switch self {
        case .good(let text): ["tone": "good", "text": text]
        case .bad(let text): ["tone": "bad", "text": text]
        }
    }
}
