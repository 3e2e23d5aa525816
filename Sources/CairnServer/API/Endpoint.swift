import CairnStore
import HTTPTypes
import Hummingbird

/// One route of the server: its method and path (OpenAPI's `{name}` form), who may call it,
/// and what it does. Pages and API alike are listed in ``Endpoint/all``, so access is decided
/// in one place, the tests can call every route with every role, and the OpenAPI check can
/// compare the document with what is really served.
struct Endpoint: Sendable {
    typealias Handler = @Sendable (Request, CairnRequestContext, ServerState) async throws -> Response

    var method: HTTPRequest.Method
    var path: String
    var access: Access
    /// Whether a request through the pages' session must carry the CSRF token (every change
    /// made by a form does; bearer-token API calls are not exposed to CSRF).
    var changesState: Bool { method != .get && method != .head }
    var handler: Handler

    init(_ method: HTTPRequest.Method, _ path: String, _ access: Access, _ handler: @escaping Handler) {
        self.method = method
        self.path = path
        self.access = access
        self.handler = handler
    }

    /// Hummingbird's form of the path: `{learner}` becomes `:learner`.
    var routerPath: String {
        path.split(separator: "/", omittingEmptySubsequences: false).map { part in
            part.hasPrefix("{") && part.hasSuffix("}") ? ":" + part.dropFirst().dropLast() : part
        }.joined(separator: "/")
    }

    /// Whether the path is part of the JSON API (errors as JSON) rather than a page (errors as HTML).
    var isAPI: Bool { path.hasPrefix("/v1/") || path == "/healthz" || path == "/metrics" }
}

extension Endpoint {
    /// Every route the server answers.
    static var all: [Endpoint] {
        CatalogEndpoints.all + LearnerEndpoints.all + ReportEndpoints.all + RoleEndpoints.all + CohortEndpoints.all
            + JobEndpoints.all + IssuingEndpoints.all + TokenEndpoints.all + ServiceEndpoints.all + PageEndpoints.all
    }
}

extension Endpoint {
    /// The methods the routes whose template matches `path` take (`{name}` matches any one segment).
    static func methods(matching path: String) -> [String] {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        var methods: [String] = []
        for endpoint in all {
            let template = endpoint.path.split(separator: "/", omittingEmptySubsequences: false)
            guard template.count == segments.count else { continue }
            let matches = zip(template, segments).allSatisfy { part, segment in
                (part.hasPrefix("{") && part.hasSuffix("}") && !segment.isEmpty) || part == segment
            }
            if matches, !methods.contains(endpoint.method.rawValue) { methods.append(endpoint.method.rawValue) }
        }
        return methods
    }
}
