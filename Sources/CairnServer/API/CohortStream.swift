import Cairn
import CairnStore
import Foundation
import HTTPTypes
import Hummingbird

/// A response that streams a whole cohort from the store: a header, then the text of each chunk
/// of learners as it is computed, so a cohort of any size goes out with one chunk in memory.
struct CohortStream: Sendable {
    var header: String
    var chunkSize = 256
    var badgeClasses: Set<String>?
    var rows: @Sendable ([LearnerRecord]) throws -> String

    func response(_ state: ServerState, type: String, filename: String) throws -> Response {
        let first = try state.store.cohortReader(chunkSize: chunkSize, badgeClasses: badgeClasses)
        let header = header
        let rows = rows
        let body = ResponseBody { writer in
            var reader = first
            if !header.isEmpty { try await writer.write(ByteBuffer(string: header)) }
            while let records = try reader.next() {
                try await writer.write(ByteBuffer(string: try rows(records)))
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: type, .contentDisposition: "attachment; filename=\"\(filename)\""],
                        body: body)
    }
}

/// The output formats of cohort endpoints.
enum CohortFormat: String {
    case csv, jsonl

    init(_ request: Request) throws {
        let text = request.query("format") ?? "csv"
        guard let format = CohortFormat(rawValue: text) else {
            throw APIError(.badRequest, "bad_parameter", "format is csv or jsonl; found \(quoted(text))", at: "query.format")
        }
        self = format
    }

    var contentType: String { self == .csv ? "text/csv; charset=utf-8" : "application/jsonl; charset=utf-8" }
}
