import CairnCore
import CairnSyntax

/// A CSV file read one record at a time, with its columns found by header name.
///
/// The header is read when the table is made; ``nextRecord()`` hands out the records after it.
/// A file is read in chunks (``CSVReader``), so ESCO's largest files are never held whole.
struct CSVTable: ~Copyable {
    static let maximumFileBytes = FrameworkReader.maximumCSVFileBytes

    let file: String
    let names: [String]
    let header: CSVRecord
    private var reader: CSVReader
    private let lookup: [String: Int]
    private let caseInsensitive: Bool

    /// A table of CSV text held in memory.
    ///
    /// - Parameter caseInsensitive: Match column names ignoring case and surrounding spaces.
    init(text: String, file: String, caseInsensitive: Bool = false) throws(FormatErrors) {
        try self.init(reader: CSVReader(text: text, file: file), file: file, caseInsensitive: caseInsensitive)
    }

    /// A table of the file at `path`, refused before reading when over ``maximumFileBytes``.
    init(path: String, caseInsensitive: Bool = false) throws(FormatErrors) {
        let reader: CSVReader
        do {
            reader = try CSVReader(path: path, limit: Self.maximumFileBytes, subject: "CSV framework files")
        } catch {
            throw FormatErrors(error)
        }
        try self.init(reader: reader, file: path, caseInsensitive: caseInsensitive)
    }

    private init(reader: consuming CSVReader, file: String, caseInsensitive: Bool) throws(FormatErrors) {
        let first: CSVRecord?
        do {
            first = try reader.next()
        } catch {
            throw FormatErrors(error)
        }
        guard let header = first else {
            throw FormatErrors(FormatError(location: SourceLocation(file: file, line: 1, column: 1),
                                           message: "expected a header line naming the columns, found an empty file"))
        }
        let names = header.fields.map { String($0.trimmingSpaces()) }
        var lookup: [String: Int] = [:]
        for (index, name) in names.enumerated() {
            let key = caseInsensitive ? name.lowercased() : name
            if lookup[key] == nil { lookup[key] = index }
        }
        self.file = file
        self.header = header
        self.names = names
        self.reader = reader
        self.lookup = lookup
        self.caseInsensitive = caseInsensitive
    }

    /// The next record after the header, or nil after the last.
    ///
    /// - Throws: ``FormatErrors`` for malformed CSV (located as ``CSVReader`` locates it).
    mutating func nextRecord() throws(FormatErrors) -> CSVRecord? {
        do {
            return try reader.next()
        } catch {
            throw FormatErrors(error)
        }
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
