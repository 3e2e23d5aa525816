import CairnSyntax
import Foundation
import HTTPTypes
import Hummingbird

/// An API failure as the client sees it: a status code and `{error, detail, location}`.
///
/// `error` is a stable machine-readable code (`unknown_learner`, `bad_date`…), `detail` says what
/// was wrong in a sentence, and `location` names the place: `query.asOf`, `path.learner`,
/// `body`, `body.badge`, or a file, line and column inside an upload.
struct APIError: Error, HTTPResponseError, Sendable {
    var status: HTTPResponse.Status
    var code: String
    var detail: String
    var location: String?
    /// Members after the three, for a failure that carries what explains it (the audit of a
    /// pathway not complete).
    var extra: [(String, JSONValue)]

    init(_ status: HTTPResponse.Status, _ code: String, _ detail: String, at location: String? = nil,
         extra: [(String, JSONValue)] = []) {
        self.status = status
        self.code = code
        self.detail = detail
        self.location = location
        self.extra = extra
    }

    var json: JSONValue {
        var members: [(String, JSONValue)] = [("error", .string(code)), ("detail", .string(detail))]
        members.append(("location", location.map(JSONValue.string) ?? .null))
        return .object(members + extra)
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = Response.json(json, status: status)
        if status == .unauthorized { response.headers[.wwwAuthenticate] = "Bearer realm=\"cairn\"" }
        return response
    }

    static let unauthorized = APIError(.unauthorized, "unauthorized",
                                       "this needs a token: send `Authorization: Bearer <token>` (create one with `cairn tokens create`)")
    static let forbidden = APIError(.forbidden, "forbidden", "this token's role may not do this")
    static let forbiddenLearner = APIError(.forbidden, "forbidden", "a learner token sees only its own learner", at: "path.learner")
}

extension Response {
    /// A JSON response of Cairn's own serialisation (the CLI's `--format json`, byte for byte).
    static func json(_ value: JSONValue, status: HTTPResponse.Status = .ok) -> Response {
        text(value.serialized() + "\n", type: "application/json; charset=utf-8", status: status)
    }

    static func text(_ text: String, type: String, status: HTTPResponse.Status = .ok, filename: String? = nil) -> Response {
        var headers: HTTPFields = [.contentType: type]
        if let filename { headers[.contentDisposition] = "attachment; filename=\"\(filename)\"" }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
