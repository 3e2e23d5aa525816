/// Writes RFC 4180 CSV: a header row, then one row per record; fields with a comma, a quote or
/// a line break are quoted (quotes doubled); lines end with CRLF, as the RFC and spreadsheet
/// imports expect.
import Foundation
package struct CSVWriter: Sendable {
    package private(set) var text = ""

    package init(header: [String]) {
        append(header)
    }

    package mutating func append(_ fields: [String]) {
        text += fields.map(CSVWriter.escape).joined(separator: ",") + "\r\n"
    }

    /// One CSV line, CRLF-terminated, fields quoted where they must be.
    package static func line(_ fields: [String]) -> String {
        fields.map(escape).joined(separator: ",") + "\r\n"
    }

    package static func escape(_ field: String) -> String {
        guard field.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
