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
        let knownList = knownBadges.map { Array($0) }
        while problems.count < maximumProblems {
            let record: CSVRecord
            do {
                guard let next = try reader.next() else { break }
                record = next
            } catch {
                note(error)
                break
            }
            if record.fields.count > header.fields.count {
                note(FormatError(location: record.location(ofField: header.fields.count, in: display),
                                 message: "the row has \(record.fields.count) fields, the header \(header.fields.count)"))
                continue
            }
            func cell(_ field: SISField) -> String? {
                guard let index = columns[field], index < record.fields.count else { return nil }
                let text = record.fields[index].trimmingCharacters(in: .whitespaces)
                return text.isEmpty ? nil : text
            }
            func place(_ field: SISField) -> SourceLocation {
                guard let index = columns[field] else { return SourceLocation(file: display, line: record.line) }
                return record.location(ofField: index, in: display)
            }
            func heading(_ field: SISField) -> String {
                columns[field].map { "column \($0 + 1) (\(quoted(header.fields[$0])))" } ?? field.rawValue
            }
            var rowIsGood = true
            func fail(_ field: SISField, _ message: String) {
                rowIsGood = false
                note(FormatError(location: place(field), message: "\(heading(field)): \(message)"))
            }
            func date(_ field: SISField) -> CalendarDate? {
                guard let text = cell(field) else { return nil }
                if let date = CalendarDate(iso8601: text) { return date }
                fail(field, CalendarDate.nonexistentDay(text)
                     ?? "expected a date written YYYY-MM-DD such as 2026-11-29, found \(quoted(text))")
                return nil
            }
            let learner = cell(.learner)
            if learner == nil { fail(.learner, "expected the learner's id, found an empty cell") }
            let badge = cell(.badge)
            if let badge, let knownBadges, !knownBadges.contains(badge) {
                fail(.badge, "unknown badge class \(quoted(badge))" + ClosestIDs.hint(for: badge, among: knownList ?? []))
            } else if badge == nil {
                fail(.badge, "expected a badge class id, found an empty cell")
            }
            let issued = date(.issued)
            if issued == nil && cell(.issued) == nil { fail(.issued, "expected the issue date, found an empty cell") }
            let expires = date(.expires)
            if let issued, let expires, expires <= issued {
                fail(.expires, "expires on \(expires), not after it was issued (\(issued))")
            }
            var revoked = false
            if let text = cell(.revoked) {
                switch text.lowercased() {
                case "true", "yes", "y", "1", "revoked": revoked = true
                case "false", "no", "n", "0": revoked = false
                default: fail(.revoked, "expected true or false (or yes/no, 1/0), found \(quoted(text))")
                }
            }
            let result = cell(.result).map { text in Rational(parsing: text).map(BadgeResult.number) ?? .label(text) }
            let evidence = cell(.evidence).map { $0.split(whereSeparator: \.isWhitespace).map(String.init) } ?? []
            guard rowIsGood, problems.isEmpty, let learner, let badge, let issued else { continue }
            body(SISExportRow(learner: learner, name: cell(.name), email: cell(.email),
                              earning: EarnedBadge(badgeClassID: badge, issued: issued, expires: expires, revoked: revoked,
                                                   result: result, evidence: evidence, source: place(.badge))))
        }
        guard problems.isEmpty else { throw FormatErrors(problems) }
    }
}
