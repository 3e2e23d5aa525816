import CairnCore
import CairnSyntax
import Foundation
import HTTPTypes
import Hummingbird

/// Reading a request's query, path and body, with errors that name the parameter.
extension Request {
    /// A query parameter, or nil when absent or empty.
    func query(_ name: String) -> String? {
        uri.queryParameters.get(name).flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Every value of a repeated query parameter (`assume=a&assume=b`), commas split too.
    func queryAll(_ name: String) -> [String] {
        uri.queryParameters.getAll(name).flatMap { $0.split(separator: ",").map(String.init) }.filter { !$0.isEmpty }
    }

    /// A query parameter that must be present.
    func requiredQuery(_ name: String, example: String) throws -> String {
        guard let value = query(name) else {
            throw APIError(.badRequest, "missing_parameter", "give the query parameter \(name), e.g. ?\(name)=\(example)", at: "query.\(name)")
        }
        return value
    }

    /// Whether a report is asked for as CSV: `format` is `json` (the default) or `csv`, and 400 otherwise
    /// (a misspelt format is not answered with JSON the client did not ask for).
    func formatIsCSV() throws -> Bool {
        switch query("format") ?? "json" {
        case "json": return false
        case "csv": return true
        case let other: throw APIError(.badRequest, "bad_parameter", "format is json or csv; found \(quoted(other))", at: "query.format")
        }
    }

    /// A date parameter (`asOf`, `by`): today (UTC) when absent.
    func date(_ name: String, default fallback: CalendarDate) throws -> CalendarDate {
        guard let text = query(name) else { return fallback }
        return try Self.date(text, at: "query.\(name)")
    }

    static func date(_ text: String, at location: String) throws -> CalendarDate {
        if let date = CalendarDate(iso8601: text) { return date }
        let why = CalendarDate.nonexistentDay(text) ?? "expected a calendar date such as 2026-11-29, found \(quoted(text))"
        throw APIError(.badRequest, "bad_date", why, at: location)
    }

    /// The whole body, up to the server's limit (413 beyond it).
    func bodyBytes(_ context: CairnRequestContext) async throws -> [UInt8] {
        let buffer = try await body.collect(upTo: context.maxUploadSize)
        return Array(buffer.readableBytesView)
    }

    /// The body as a JSON object, read strictly (400 with the line and column when it is not one).
    func jsonObject(_ context: CairnRequestContext) async throws -> JSONNode {
        try Self.jsonObject(try await bodyBytes(context))
    }

    /// The body as a JSON object, or an empty object when the body is empty (all its members optional).
    func optionalJSONObject(_ context: CairnRequestContext) async throws -> JSONNode {
        let bytes = try await bodyBytes(context)
        if bytes.allSatisfy({ [0x20, 0x09, 0x0A, 0x0D].contains($0) }) { return JSONNode(.object([])) }
        return try Self.jsonObject(bytes)
    }

    private static func jsonObject(_ bytes: [UInt8]) throws -> JSONNode {
        let node: JSONNode
        do {
            node = try JSONParser.parse(bytes, file: "body")
        } catch {
            throw APIError(.badRequest, "bad_json", error.message, at: "body:\(error.location.line ?? 1):\(error.location.column ?? 1)")
        }
        guard node.members != nil else { throw APIError(.badRequest, "bad_json", "the body must be a JSON object", at: "body") }
        return node
    }

    /// The value of a cookie, when the request sent it.
    func cookie(_ name: String) -> String? {
        cookies[name]?.value
    }
}

/// Today in UTC: the server, like the CLI, reads the clock; the engine never does.
func today() -> CalendarDate {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
    let parts = calendar.dateComponents([.year, .month, .day], from: Date())
    return CalendarDate(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1) ?? CalendarDate(dayNumber: 0)
}

extension JSONNode {
    /// A string member, or nil; 400 naming the member when it is there but not a string.
    func string(_ key: String) throws -> String? {
        guard let member = self[key], member.value != .null else { return nil }
        guard let text = member.string else {
            throw APIError(.badRequest, "bad_field", "\(key) must be a string", at: "body.\(key) (line \(member.line), column \(member.column))")
        }
        return text
    }
}
