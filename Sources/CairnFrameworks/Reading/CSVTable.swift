import CairnCore
import CairnSyntax
import Foundation

/// A CSV file read whole, with its columns found by header name.
struct CSVTable {
    static let maximumFileBytes = FrameworkReader.maximumCSVFileBytes

    let file: String
    let names: [String]
    let header: CSVRecord
    let records: ArraySlice<CSVRecord>
    private let lookup: [String: Int]

    /// - Parameter caseInsensitive: Match column names ignoring case and surrounding spaces.
    init(text: String, file: String, caseInsensitive: Bool = false) throws(FormatErrors) {
        let all = try CSVReader.records(in: text, file: file)
        guard let header = all.first else {
            throw FormatErrors(FormatError(location: SourceLocation(file: file, line: 1, column: 1),
                                           message: "expected a header line naming the columns, found an empty file"))
        }
        self.file = file
        self.header = header
        names = header.fields.map { String($0.trimmingSpaces()) }
        records = all.dropFirst()
        var lookup: [String: Int] = [:]
        for (index, name) in names.enumerated() {
            let key = caseInsensitive ? name.lowercased() : name
            if lookup[key] == nil { lookup[key] = index }
        }
        self.lookup = lookup
        self.caseInsensitive = caseInsensitive
    }

    private let caseInsensitive: Bool

    static func read(path: String, caseInsensitive: Bool = false) throws -> CSVTable {
        try CSVTable(text: readText(path), file: path, caseInsensitive: caseInsensitive)
    }

    /// The first of `names` that is a column.
    func column(_ candidates: String...) -> Int? {
        for name in candidates {
            if let index = lookup[caseInsensitive ? name.lowercased() : name] { return index }
        }
        return nil
    }

    /// Throws when a required column is missing.
    func require(_ required: [String]) throws(FormatErrors) {
        let missing = required.filter { column($0) == nil }
        guard missing.isEmpty else {
            throw FormatErrors(FormatError(
                location: SourceLocation(file: file, line: header.line, column: 1),
                message: "the header has no " + missing.map { quoted($0) }.joined(separator: " or ")
                    + " column; found: " + names.joined(separator: ", ")))
        }
    }

    /// The trimmed value of `column` in `record`, nil when empty or absent.
    func value(_ record: CSVRecord, _ column: Int?) -> String? {
        guard let column, column < record.fields.count else { return nil }
        let text = String(record.fields[column].trimmingSpaces())
        return text.isEmpty ? nil : text
    }

    func location(_ record: CSVRecord) -> SourceLocation {
        SourceLocation(file: file, line: record.line, column: 1)
    }
}

/// A whole CSV file as UTF-8 text, refused before reading when over ``CSVTable/maximumFileBytes``.
func readText(_ path: String) throws(FormatErrors) -> String {
    do {
        return try BoundedFile.text(at: path, limit: CSVTable.maximumFileBytes, subject: "CSV framework files")
    } catch {
        throw FormatErrors(error)
    }
}
