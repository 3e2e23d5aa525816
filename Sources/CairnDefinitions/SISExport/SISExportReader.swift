public import CairnCore
public import CairnSyntax
import Foundation

/// One earning read from a student information system's export, with what the row says about
/// the learner.
public struct SISExportRow: Sendable {
    public var learner: String
    public var name: String?
    public var email: String?
    /// The earning; its `source` is the row's badge cell.
    public var earning: EarnedBadge
}

/// Reads a student information system's CSV export: one row per earning, with at least the
/// learner, the badge class and the issue date (see ``SISField``). The file is read as a
/// stream, one row at a time; every malformed row is reported with its line and column, what
/// was expected and, for an unknown badge class, the closest known one.
public enum SISExportReader {
    /// The largest export read: about 30 million rows of a typical export.
    public static let maximumFileBytes = 2 << 30

    /// How many problems are collected before reading stops (the rest of the file is not checked).
    public static let maximumProblems = 200

    /// Whether the CSV file at `path` is a student information system's export: its header has
    /// columns for learner, badge and issued under the recognised names. A workspace keeps such
    /// files beside its definitions as samples to import; they are not framework files.
    public static func isExport(path: String) -> Bool {
        guard var reader = try? CSVReader(path: path, limit: maximumFileBytes, subject: "CSV files"),
              let header = try? reader.next() else { return false }
        return (try? SISColumnMapping().columns(of: header, file: path)) != nil
    }

    /// Reads the export at `path`, handing each good row to `body`. Throws every problem found
    /// (up to ``maximumProblems``) after the whole file is read, so a caller that writes only
    /// when this returns never writes part of a malformed file.
    ///
    /// - Parameters:
    ///   - display: How errors name the file.
    ///   - knownBadges: The badge class ids that may be named; `nil` accepts any.
    public static func read(path: String, display: String, mapping: SISColumnMapping = SISColumnMapping(),
                            knownBadges: Set<String>?, _ body: (SISExportRow) -> Void) throws(FormatErrors) {
        var reader: CSVReader
        do {
            reader = try CSVReader(path: path, display: display, limit: maximumFileBytes, subject: "student information system exports")
        } catch {
            throw FormatErrors(error)
        }
        try read(&reader, display: display, mapping: mapping, knownBadges: knownBadges, body)
    }

    /// Reads an export held in memory, as ``read(path:display:mapping:knownBadges:_:)`` reads a file.
    public static func read(text: String, display: String, mapping: SISColumnMapping = SISColumnMapping(),
                            knownBadges: Set<String>?, _ body: (SISExportRow) -> Void) throws(FormatErrors) {
        var reader = CSVReader(text: text, file: display)
        try read(&reader, display: display, mapping: mapping, knownBadges: knownBadges, body)
    }

    private static func read(_ reader: inout CSVReader, display: String, mapping: SISColumnMapping,
                             knownBadges: Set<String>?, _ body: (SISExportRow) -> Void) throws(FormatErrors) {
        var problems: [FormatError] = []
        func note(_ problem: FormatError) { if problems.count < maximumProblems { problems.append(problem) } }
        let header: CSVRecord
        do {
            guard let first = try reader.next() else {
                throw FormatErrors(FormatError(location: SourceLocation(file: display, line: 1, column: 1),
                                               message: "the export is empty: expected a header row naming learner, badge and issued"))
            }
            header = first
        } catch let error as FormatError {
            throw FormatErrors(error)
        } catch {
            throw error as? FormatErrors ?? FormatErrors([])
        }
        let columns = try mapping.columns(of: header, file: display)
        reader.keptColumns = Set(columns.values)
        let row = RowReader(header: header, columns: columns, display: display, knownBadges: knownBadges)
        while problems.count < maximumProblems {
            let record: CSVRecord
            do {
                guard let next = try reader.next() else { break }
                record = next
            } catch {
                note(error)
                break
            }
            switch row.read(record) {
            case .success(let parsed):
                // Once a row is refused no row is handed on: the caller writes nothing of the file.
                if problems.isEmpty { body(parsed) }
            case .failure(let refused):
                for problem in refused.errors { note(problem) }
            }
        }
        guard problems.isEmpty else { throw FormatErrors(problems) }
    }
}

/// Reads one row of an export whose columns are known: the fields' text trimmed of spaces, dates
/// read from their bytes, every problem of the row collected.
private struct RowReader {
    let header: CSVRecord
    let columns: [SISField: Int]
    let display: String
    let knownBadges: Set<String>?
    let learner: Int?, badge: Int?, issued: Int?, expires: Int?, revoked: Int?, result: Int?, evidence: Int?, name: Int?, email: Int?
    let status: Int?, expected: Int?

    init(header: CSVRecord, columns: [SISField: Int], display: String, knownBadges: Set<String>?) {
        self.header = header
        self.columns = columns
        self.display = display
        self.knownBadges = knownBadges
        learner = columns[.learner]
        badge = columns[.badge]
        issued = columns[.issued]
        expires = columns[.expires]
        revoked = columns[.revoked]
        result = columns[.result]
        evidence = columns[.evidence]
        name = columns[.name]
        email = columns[.email]
        status = columns[.status]
        expected = columns[.expected]
    }

    func read(_ record: CSVRecord) -> Result<SISExportRow, FormatErrors> {
        if record.fields.count > header.fields.count {
            return .failure(FormatErrors(FormatError(location: record.location(ofField: header.fields.count, in: display),
                                                     message: "the row has \(record.fields.count) fields, the header \(header.fields.count)")))
        }
        var problems: [FormatError] = []
        func fail(_ field: SISField, _ message: String) {
            let index = columns[field]
            let place = index.map { record.location(ofField: $0, in: display) } ?? SourceLocation(file: display, line: record.line)
            let heading = index.map { "column \($0 + 1) (\(quoted(header.fields[$0])))" } ?? field.rawValue
            problems.append(FormatError(location: place, message: "\(heading): \(message)"))
        }
        let learnerID = cell(record, learner)
        if learnerID == nil { fail(.learner, "expected the learner's id, found an empty cell") }
        if let learnerID, learnerID.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            fail(.learner, "expected a learner id on one line, without control characters, found \(quoted(learnerID))")
        }
        let badgeID = cell(record, badge)
        if let badgeID, let knownBadges, !knownBadges.contains(badgeID) {
            fail(.badge, "unknown badge class \(quoted(badgeID))" + ClosestIDs.hint(for: badgeID, among: knownBadges))
        } else if badgeID == nil {
            fail(.badge, "expected a badge class id, found an empty cell")
        }
        let statusText = cell(record, status)
        let earningStatus = statusText.flatMap(Self.status) ?? .awarded
        if let statusText, Self.status(statusText) == nil {
            let words = EarningStatus.allCases.map(\.rawValue)
            fail(.status, "expected " + words.joined(separator: ", ") + " (any case), found \(quoted(statusText))"
                 + ClosestIDs.hint(for: statusText.lowercased(), among: words))
        }
        // A pending earning's date is when it is expected: the expected column, or issued without one.
        let expectedText = cell(record, expected)
        let dateField: SISField = earningStatus.isPending && expectedText != nil ? .expected : .issued
        let issuedText = dateField == .expected ? expectedText : cell(record, issued)
        let issuedDate = issuedText.flatMap { CalendarDate(iso8601: $0) }
        if let issuedText, issuedDate == nil { fail(dateField, Self.dateProblem(issuedText)) }
        if issuedText == nil {
            fail(.issued, earningStatus.isPending ? "expected the date the badge is expected (here or in expected), found an empty cell"
                                                  : "expected the issue date, found an empty cell")
        }
        if let expectedText, !earningStatus.isPending {
            fail(.expected, "an awarded earning has no expected date, found \(quoted(expectedText)); "
                 + "give status in-progress or registered, or leave the cell empty")
        }
        let expiresText = cell(record, expires)
        let expiresDate = expiresText.flatMap { CalendarDate(iso8601: $0) }
        if let expiresText, expiresDate == nil { fail(.expires, Self.dateProblem(expiresText)) }
        if let issuedDate, let expiresDate, expiresDate <= issuedDate {
            fail(.expires, "expires on \(expiresDate), not after it was issued (\(issuedDate))")
        }
        var isRevoked = false
        if let text = cell(record, revoked) {
            switch text.lowercased() {
            case "true", "yes", "y", "1", "revoked": isRevoked = true
            case "false", "no", "n", "0": isRevoked = false
            default: fail(.revoked, "expected true or false (or yes/no, 1/0), found \(quoted(text))")
            }
        }
        guard problems.isEmpty, let learnerID, let badgeID, let issuedDate else { return .failure(FormatErrors(problems)) }
        let resultValue = cell(record, result).map(Self.result)
        let evidenceURLs = cell(record, evidence).map { $0.split(whereSeparator: \.isWhitespace).map(String.init) } ?? []
        let source = badge.map { record.location(ofField: $0, in: display) } ?? SourceLocation(file: display, line: record.line)
        return .success(SISExportRow(learner: learnerID, name: cell(record, name), email: cell(record, email),
                                     earning: EarnedBadge(badgeClassID: badgeID, issued: issuedDate, expires: expiresDate,
                                                          revoked: isRevoked, result: resultValue, evidence: evidenceURLs,
                                                          source: source, status: earningStatus)))
    }

    /// The field's text without the spaces and tabs around it; nil for a missing or blank field.
    private func cell(_ record: CSVRecord, _ index: Int?) -> String? {
        guard let index, index < record.fields.count else { return nil }
        let text = record.fields[index]
        let bytes = text.utf8
        guard let first = bytes.first, let last = bytes.last else { return nil }
        // Most cells have no spaces around them: no copy then.
        if first != 32 && first != 9 && last != 32 && last != 9 { return text }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty ? nil : trimmed
    }

    /// A status word, in any case, with spaces or underscores for the hyphen (`In Progress`).
    private static func status(_ text: String) -> EarningStatus? {
        EarningStatus(rawValue: text.lowercased().replacingOccurrences(of: " ", with: "-").replacingOccurrences(of: "_", with: "-"))
    }

    private static func dateProblem(_ text: String) -> String {
        CalendarDate.nonexistentDay(text) ?? "expected a date written YYYY-MM-DD such as 2026-11-29, found \(quoted(text))"
    }

    /// A number (`88`, `3.5`) or a label on the catalogue's scale (`meets`).
    private static func result(_ text: String) -> BadgeResult {
        guard let first = text.utf8.first, (48...57).contains(first) || first == UInt8(ascii: "-") || first == UInt8(ascii: ".")
                || first == UInt8(ascii: "+") else { return .label(text) }
        return Rational(parsing: text).map(BadgeResult.number) ?? .label(text)
    }
}
