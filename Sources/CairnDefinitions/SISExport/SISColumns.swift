public import CairnCore
public import CairnSyntax
import Foundation

/// A column of a student information system's export that Cairn reads: one row per earning.
public enum SISField: String, CaseIterable, Hashable, Sendable {
    case learner, badge, issued, expires, revoked, result, evidence, name, email
    /// `awarded` (an empty cell too), `in-progress` or `registered`: a pending earning never counts now.
    case status
    /// The day a pending earning's badge is expected (a pending row may give it in `issued` instead).
    case expected

    /// Whether every export must have it.
    public var isRequired: Bool { [.learner, .badge, .issued].contains(self) }

    /// The header names recognised without `--map`, compared ignoring case, spaces, `_` and `-`.
    public var headerNames: [String] {
        switch self {
        case .learner: ["learner", "learner id", "student", "student id"]
        case .badge: ["badge", "badge id", "badge class"]
        case .issued: ["issued", "issued on", "issue date", "awarded", "awarded on"]
        case .expires: ["expires", "expires on", "expiry", "expiry date"]
        case .revoked: ["revoked"]
        case .result: ["result", "grade"]
        case .evidence: ["evidence", "evidence url"]
        case .name: ["name", "learner name", "student name"]
        case .email: ["email", "e-mail", "email address"]
        case .status: ["status", "earning status", "enrolment status", "enrollment status"]
        case .expected: ["expected", "expected on", "expected date", "expected completion"]
        }
    }
}

/// Which header of an export holds which field: the recognised names, and overrides for an
/// export whose columns are named otherwise (`--map learner="Student Number"`, or a mapping file
/// of `field: Header` lines).
public struct SISColumnMapping: Hashable, Sendable {
    /// Field → the header, as the export writes it, that holds it.
    public var overrides: [SISField: String]

    public init(overrides: [SISField: String] = [:]) {
        self.overrides = overrides
    }

    /// Headers compare ignoring case, spaces, underscores and hyphens (`Student_ID` = `student id`).
    public static func normalized(_ header: String) -> String {
        String(header.lowercased().unicodeScalars.filter { !" \t_-".unicodeScalars.contains($0) }.map(Character.init))
    }

    /// Reads `field=Header` pairs (from `--map`); `at` names where they came from in errors.
    public init(pairs: [String], at origin: String = "--map") throws(FormatErrors) {
        var overrides: [SISField: String] = [:]
        var problems: [FormatError] = []
        for (index, pair) in pairs.enumerated() {
            let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            // A mapping file numbers its pairs by line (renumbered by the file's own lines below).
            let location = SourceLocation(file: origin, line: origin == "--map" ? nil : index + 1)
            guard parts.count == 2, !parts[1].isEmpty else {
                problems.append(FormatError(location: location,
                                            message: "expected FIELD=HEADER such as learner=\"Student ID\", found \(quoted(pair))"))
                continue
            }
            guard let field = SISField(rawValue: parts[0].lowercased()) else {
                let hint = ClosestIDs.hint(for: parts[0], among: SISField.allCases.map(\.rawValue))
                problems.append(FormatError(location: location, message: "unknown field \(quoted(parts[0])); the fields are "
                    + SISField.allCases.map(\.rawValue).joined(separator: ", ") + hint))
                continue
            }
            overrides[field] = parts[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
        guard problems.isEmpty else { throw FormatErrors(problems) }
        self.overrides = overrides
    }

    /// Reads a mapping file: one `field: Header` (or `field = Header`) per line; `#` starts a comment.
    public init(fileText: String, file: String) throws(FormatErrors) {
        var pairs: [String] = []
        var lines: [Int] = []
        for (number, line) in fileText.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let content = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let trimmed = content.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { continue }
            pairs.append(trimmed.replacingOccurrences(of: ":", with: "=", options: [], range: trimmed.range(of: ":")))
            lines.append(number + 1)
        }
        do {
            try self.init(pairs: pairs, at: file)
        } catch {
            // Renumber by the file's own lines.
            throw FormatErrors(error.errors.map { problem in
                var moved = problem
                if let index = problem.location.line.map({ $0 - 1 }), lines.indices.contains(index) {
                    moved.location = SourceLocation(file: file, line: lines[index], column: 1)
                }
                return moved
            })
        }
    }

    /// The column of each field in `header`, or every problem: a required field with no column,
    /// an override naming no header, a field found twice.
    func columns(of header: CSVRecord, file: String) throws(FormatErrors) -> [SISField: Int] {
        let normalizedHeader = header.fields.map(Self.normalized)
        var columns: [SISField: Int] = [:]
        var problems: [FormatError] = []
        for field in SISField.allCases {
            let location = SourceLocation(file: file, line: header.line, column: 1)
            if let override = overrides[field] {
                guard let index = normalizedHeader.firstIndex(of: Self.normalized(override)) else {
                    problems.append(FormatError(location: location, message: "--map \(field.rawValue)=\(quoted(override)): the header has no such column"
                        + ClosestIDs.hint(for: override, among: header.fields) + "; its columns are "
                        + header.fields.map(quoted).joined(separator: ", ")))
                    continue
                }
                columns[field] = index
                continue
            }
            let names = Set(field.headerNames.map(Self.normalized))
            let matches = normalizedHeader.indices.filter { names.contains(normalizedHeader[$0]) }
            if matches.count > 1 {
                problems.append(FormatError(location: location, message: "\(matches.count) columns could hold \(field.rawValue) ("
                    + matches.map { quoted(header.fields[$0]) }.joined(separator: ", ") + "); choose one with --map \(field.rawValue)=HEADER"))
            } else if let index = matches.first {
                columns[field] = index
            } else if field.isRequired {
                problems.append(FormatError(location: location, message: "no column for \(field.rawValue) (a header named "
                    + field.headerNames.map(quoted).joined(separator: " or ")
                    + ", or --map \(field.rawValue)=HEADER)"
                    + ClosestIDs.hint(for: field.rawValue, among: header.fields) + "; the header has "
                    + header.fields.map(quoted).joined(separator: ", ")))
            }
        }
        guard problems.isEmpty else { throw FormatErrors(problems) }
        return columns
    }
}
