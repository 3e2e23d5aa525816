@testable import CairnServer
import CairnTestSupport
import Foundation
import HTTPTypes
import Testing

/// Every route, called with no token and with every role, against a real server: who is let in
/// is written out here by hand (not derived from the server's own access table), so a route
/// that opens up or locks out by mistake fails this test.
@Suite(.serialized) struct RouteAccessTests {
    /// One route: its template (as the server declares it), a concrete request, and who may call it.
    struct Route: Sendable, CustomStringConvertible {
        var method: String
        var template: String
        var target: String
        /// Who is admitted: `admin`, `registrar`, `hr`, `self` (the learner the path names, with their
        /// own token), `other` (another learner's token); `everyone` admits no token too.
        var allowed: Set<String>
        var body: Body = .none
        var description: String { "\(method) \(template)" }
    }

    enum Body: Sendable {
        case none, json(String), form(String), credential, multipartCredential
        /// The sign-in form as the sign-in page gives it (with its nonce and cookie).
        case signIn(String)
    }

    static let signedIn: Set<String> = ["admin", "registrar", "hr", "self", "other"]
    static let everyone: Set<String> = signedIn.union(["none"])

    static let routes: [Route] = [
        Route(method: "GET", template: "/v1/pathways", target: "/v1/pathways", allowed: signedIn),
        Route(method: "GET", template: "/v1/pathways/{pathway}", target: "/v1/pathways/data-analysis-foundations", allowed: signedIn),
        Route(method: "GET", template: "/v1/pathways/{pathway}/tree.svg", target: "/v1/pathways/data-analysis-foundations/tree.svg", allowed: signedIn),
        Route(method: "GET", template: "/v1/badges", target: "/v1/badges", allowed: signedIn),
        Route(method: "GET", template: "/v1/badges/{badge}", target: "/v1/badges/sql-querying", allowed: signedIn),
        Route(method: "GET", template: "/v1/learners", target: "/v1/learners", allowed: ["admin", "registrar", "hr"]),
        Route(method: "GET", template: "/v1/learners/{learner}", target: "/v1/learners/chen", allowed: ["admin", "registrar", "hr", "self"]),
        Route(method: "POST", template: "/v1/learners/{learner}/earnings", target: "/v1/learners/chen/earnings",
              allowed: ["admin", "registrar"], body: .json(#"{"badge": "data-cleaning", "issued": "2026-01-10"}"#)),
        Route(method: "DELETE", template: "/v1/learners/{learner}/earnings/{badge}", target: "/v1/learners/chen/earnings/data-cleaning?issued=2026-01-10",
              allowed: ["admin", "registrar"]),
        Route(method: "POST", template: "/v1/learners/{learner}/credentials", target: "/v1/learners/ada/credentials",
              allowed: ["admin", "registrar", "self"], body: .credential),
        Route(method: "GET", template: "/v1/learners/{learner}/audit", target: "/v1/learners/chen/audit?pathway=data-analysis-foundations",
              allowed: ["admin", "registrar", "self"]),
        Route(method: "GET", template: "/v1/learners/{learner}/plan", target: "/v1/learners/chen/plan?pathway=data-analysis-foundations",
              allowed: ["admin", "registrar", "self"]),
        Route(method: "GET", template: "/v1/learners/{learner}/credits", target: "/v1/learners/chen/credits?policy=northbridge-ects",
              allowed: ["admin", "registrar", "self"]),
        Route(method: "POST", template: "/v1/learners/{learner}/decisions", target: "/v1/learners/chen/decisions?policy=northbridge-ects",
              allowed: ["admin", "registrar"]),
        Route(method: "GET", template: "/v1/learners/{learner}/decisions", target: "/v1/learners/chen/decisions",
              allowed: ["admin", "registrar", "self"]),
        Route(method: "GET", template: "/v1/decisions/verification", target: "/v1/decisions/verification", allowed: ["admin", "registrar"]),
        Route(method: "GET", template: "/v1/learners/{learner}/renewals", target: "/v1/learners/chen/renewals", allowed: ["admin", "registrar", "self"]),
        Route(method: "GET", template: "/v1/learners/{learner}/renewals/feed", target: "/v1/learners/chen/renewals/feed",
              allowed: ["admin", "registrar", "self"]),
        Route(method: "GET", template: "/v1/feeds/{learner}/renewals.ics", target: "/v1/feeds/chen/renewals.ics?key=guessed", allowed: everyone),
        Route(method: "POST", template: "/v1/verify", target: "/v1/verify", allowed: signedIn, body: .credential),
        Route(method: "GET", template: "/v1/roles", target: "/v1/roles", allowed: signedIn),
        Route(method: "GET", template: "/v1/learners/{learner}/roles", target: "/v1/learners/chen/roles", allowed: ["admin", "hr", "self"]),
        Route(method: "GET", template: "/v1/roles/matches", target: "/v1/roles/matches?role=data%20analyst", allowed: ["admin", "hr"]),
        Route(method: "GET", template: "/v1/roles/matrix.csv", target: "/v1/roles/matrix.csv", allowed: ["admin", "hr"]),
        Route(method: "GET", template: "/v1/cohort/audit", target: "/v1/cohort/audit?pathway=data-analysis-foundations", allowed: ["admin", "registrar"]),
        Route(method: "GET", template: "/v1/cohort/credits", target: "/v1/cohort/credits?policy=northbridge-ects", allowed: ["admin", "registrar"]),
        Route(method: "GET", template: "/v1/jobs", target: "/v1/jobs", allowed: ["admin", "registrar"]),
        Route(method: "POST", template: "/v1/jobs", target: "/v1/jobs", allowed: ["admin", "registrar"],
              body: .json(#"{"kind": "renewals"}"#)),
        Route(method: "GET", template: "/v1/jobs/{job}", target: "/v1/jobs/j-000000000000", allowed: ["admin", "registrar"]),
        Route(method: "GET", template: "/v1/jobs/{job}/results", target: "/v1/jobs/j-000000000000/results", allowed: ["admin", "registrar"]),
        // Issuing (the table's server has no issuer key: the roles let in are answered 409 or 404).
        Route(method: "POST", template: "/v1/issue", target: "/v1/issue", allowed: ["admin", "registrar"],
              body: .json(#"{"pathway": "data-analysis-foundations", "learner": "chen", "asOf": "2026-11-29"}"#)),
        Route(method: "GET", template: "/v1/issued", target: "/v1/issued?learner=chen", allowed: ["admin", "registrar", "self"]),
        // Any learner token passes the route's gate; the handler then shows a learner their own
        // credentials only (403 for another's: IssuingAPITests). No credential exists here: 404 for all.
        Route(method: "GET", template: "/v1/issued/{id}", target: "/v1/issued/urn:uuid:00000000-0000-4000-8000-000000000000",
              allowed: ["admin", "registrar", "self", "other"]),
        Route(method: "POST", template: "/v1/issued/{id}/revoke", target: "/v1/issued/urn:uuid:00000000-0000-4000-8000-000000000000/revoke",
              allowed: ["admin", "registrar"]),
        Route(method: "GET", template: "/v1/status-lists/{name}", target: "/v1/status-lists/3", allowed: everyone),
        Route(method: "GET", template: "/v1/tokens", target: "/v1/tokens", allowed: ["admin"]),
        Route(method: "POST", template: "/v1/tokens", target: "/v1/tokens", allowed: ["admin"], body: .json(#"{"role": "hr", "label": "test"}"#)),
        Route(method: "DELETE", template: "/v1/tokens/{token}", target: "/v1/tokens/t-000000000000", allowed: ["admin"]),
        Route(method: "GET", template: "/healthz", target: "/healthz", allowed: everyone),
        Route(method: "GET", template: "/metrics", target: "/metrics", allowed: everyone),
        Route(method: "GET", template: "/v1/openapi.json", target: "/v1/openapi.json", allowed: everyone),
        Route(method: "GET", template: "/", target: "/", allowed: everyone),
        Route(method: "GET", template: "/static/cairn.css", target: "/static/cairn.css", allowed: everyone),
        Route(method: "GET", template: "/signin", target: "/signin", allowed: everyone),
        Route(method: "POST", template: "/signin", target: "/signin", allowed: everyone, body: .signIn("token=ADMIN&next=%2F")),
        Route(method: "POST", template: "/signout", target: "/signout", allowed: signedIn, body: .form("csrf=")),
        Route(method: "GET", template: "/learner/{learner}", target: "/learner/chen", allowed: ["admin", "registrar", "self"]),
        Route(method: "POST", template: "/learner/{learner}/credentials", target: "/learner/ada/credentials",
              allowed: ["admin", "registrar", "self"], body: .multipartCredential),
        Route(method: "GET", template: "/learner/{learner}/pathways/{pathway}", target: "/learner/chen/pathways/data-analysis-foundations",
              allowed: ["admin", "registrar", "self"]),
        Route(method: "GET", template: "/registrar", target: "/registrar", allowed: ["admin", "registrar"]),
        Route(method: "GET", template: "/registrar/learners/{learner}", target: "/registrar/learners/chen", allowed: ["admin", "registrar"]),
        Route(method: "POST", template: "/registrar/learners/{learner}/decisions", target: "/registrar/learners/chen/decisions",
              allowed: ["admin", "registrar"], body: .form("policy=northbridge-ects")),
        Route(method: "GET", template: "/hr", target: "/hr", allowed: ["admin", "hr"]),
        Route(method: "GET", template: "/hr/learners/{learner}", target: "/hr/learners/chen", allowed: ["admin", "hr"]),
    ]

    @Test func theTableNamesEveryRouteTheServerServes() {
        let served = Set(Endpoint.all.map { "\($0.method.rawValue) \($0.path)" })
        let listed = Set(Self.routes.map(\.description))
        #expect(served == listed, "routes served but not tested: \(served.subtracting(listed).sorted()); tested but not served: \(listed.subtracting(served).sorted())")
    }

    @Test func everyRouteAnswersEveryRoleAsTheRolesTableSays() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let credential = try Array(Data(contentsOf: CairnProcess.packageRoot.appendingPathComponent("Pathways/learners/credentials/amara/sql-querying.json")))
        for route in Self.routes {
            let pathLearner = route.target.contains("/ada/") ? "ada" : "chen"
            let callers: [(name: String, token: String?)] = [("none", nil), ("admin", "admin"), ("registrar", "registrar"), ("hr", "hr"),
                                                             ("self", pathLearner), ("other", "bruno")]
            for caller in callers {
                var headers: [String: String] = [:]
                var body: [UInt8] = []
                switch route.body {
                case .none: break
                case .json(let text): headers["Content-Type"] = "application/json"; body = Array(text.utf8)
                case .form(let text):
                    headers["Content-Type"] = "application/x-www-form-urlencoded"
                    body = Array(text.replacingOccurrences(of: "ADMIN", with: server.tokens["admin"] ?? "").utf8)
                case .signIn(let text):
                    (headers, body) = try await server.signInForm(text.replacingOccurrences(of: "ADMIN", with: server.tokens["admin"] ?? ""))
                case .credential: headers["Content-Type"] = "application/json"; body = credential
                case .multipartCredential:
                    headers["Content-Type"] = "multipart/form-data; boundary=XyZ"
                    body = multipartBody(boundary: "XyZ", fields: [], file: ("credential", "sql-querying.json", "application/json", credential))
                }
                let reply = try await server.send(route.method, route.target, as: caller.token, headers: headers, body: body)
                let isPage = !(route.template.hasPrefix("/v1/") || route.template == "/healthz" || route.template == "/metrics")
                let context = "\(route) as \(caller.name): \(reply.status) \(reply.text.prefix(200))"
                if route.allowed.contains(caller.name) {
                    #expect(![401, 403].contains(reply.status) && reply.status < 500, Comment(rawValue: context))
                    if caller.name == "none", isPage, reply.status == 303 {
                        #expect(reply.header("Location")?.contains("next=") != true, Comment(rawValue: context))
                    }
                } else if caller.name == "none" {
                    if isPage {
                        #expect(reply.status == 303 && reply.header("Location")?.hasPrefix("/signin?next=") == true, Comment(rawValue: context))
                    } else {
                        #expect(reply.status == 401, Comment(rawValue: context))
                        #expect(reply.header("Content-Type")?.hasPrefix("application/json") == true, Comment(rawValue: context))
                    }
                } else {
                    #expect(reply.status == 403, Comment(rawValue: context))
                }
            }
        }
    }
}
