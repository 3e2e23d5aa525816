public import CairnCore
import CairnSyntax
import Foundation

/// Reads a CSV export of the official SFIA skills spreadsheet (the "Skills" sheet) into a
/// ``FrameworkSink``.
///
/// Columns are found by header name (the names ``SFIAWorkbook`` reads in the spreadsheet
/// itself), ignoring case and surrounding spaces; their order does not matter and other
/// columns (`#`, `URL`, `Guidance notes`, …) are ignored:
///
/// | column | required | use |
/// |---|---|---|
/// | `Code` (or `Skill code`) | yes | the skill's id and code, upper-cased (`PROG`) |
/// | `Skill` (or `Skill name`, `Name`) | yes | the preferred label |
/// | `Category` | no | the category, when there is no subcategory |
/// | `Subcategory` (or `Sub-category`) | no | the category (the most specific one is kept) |
/// | `Overall description` (or `Description`, `Skill description`) | no | the description |
/// | `Level 1 description` … `Level 7 description` (or `Level 1` … `Level 7`) | no | a level counts as defined when its cell is not empty |
/// | `Levels` and the unnamed columns after it (SFIA 9, up to seven) | no | level numbers, each from 1 to 7, defined too |
///
/// Records with no code or no name, with a code seen before, with a level number that is not
/// 1 to 7, or with the wrong number of fields are skipped and reported together (``FormatErrors`` is thrown at the end, before the
/// sink is finished). The framework is `sfia`, named `SFIA`, with the version given or found in
/// the file name (`sfia-8-skills.csv` → `8`).
public enum SFIACSV {
    @discardableResult
    public static func read<Sink: FrameworkSink>(path: String, version: String? = nil, language: String = "en",
                                                 into sink: inout Sink) throws -> FrameworkReadReport {
        var table = try CSVTable(path: path, caseInsensitive: true)
        return try read(&table, version: version, language: language, into: &sink)
    }

    /// - Parameters:
    ///   - file: The path used in error locations and as the framework's source.
    ///   - version: The SFIA version; nil looks for one in `file`'s name.
    ///   - language: The language of the labels and descriptions.
    @discardableResult
    public static func read<Sink: FrameworkSink>(csv: String, file: String, version: String? = nil,
                                                 language: String = "en",
                                                 into sink: inout Sink) throws -> FrameworkReadReport {
        var table = try CSVTable(text: csv, file: file, caseInsensitive: true)
        return try read(&table, version: version, language: language, into: &sink)
    }

    /// Reads the records of `table`, one at a time, into `sink`.
    private static func read<Sink: FrameworkSink>(_ table: inout CSVTable, version: String?, language: String,
                                                  into sink: inout Sink) throws -> FrameworkReadReport {
        let file = table.file
        let header = Dictionary(uniqueKeysWithValues: table.names.enumerated().map { ($0.offset, $0.element) })
        guard let columns = SFIAColumns(header: header) else {
            throw FormatErrors(FormatError(location: SourceLocation(file: file, line: table.header.line, column: 1),
                                           message: SFIAColumns.missingColumns(in: header)))
        }
        var rows = try SFIASkillRows(sink: sink, columns: columns, file: file,
                                     version: version ?? sfiaVersion(in: URL(fileURLWithPath: file).lastPathComponent),
                                     language: language)
        while let record = try table.nextRecord() {
            guard record.fields.count == table.names.count else {
                rows.problem(FormatError(location: table.location(record), message:
                    "expected \(table.names.count) fields as in the header, found \(record.fields.count)"))
                continue
            }
            try rows.add(value: { table.value(record, $0) }, place: { _ in (table.location(record), "") })
        }
        return try rows.close(into: &sink)
    }

    /// Whether a header names the columns this reader needs.
    static func accepts(header: [String]) -> Bool {
        SFIAColumns(header: Dictionary(uniqueKeysWithValues: header.enumerated().map { ($0.offset, $0.element) })) != nil
    }

    /// `8` from `sfia-8-skills.csv`, `SFIA 9.csv` or `sfia_v9`.
    static func sfiaVersion(in name: String) -> String? {
        let lower = Array(name.lowercased())
        guard let start = name.lowercased().range(of: "sfia") else { return nil }
        var index = name.lowercased().distance(from: name.lowercased().startIndex, to: start.upperBound)
        while index < lower.count, " _-v".contains(lower[index]) { index += 1 }
        var digits = ""
        while index < lower.count, lower[index].isNumber || (lower[index] == "." && !digits.isEmpty) {
            digits.append(lower[index])
            index += 1
        }
        while digits.hasSuffix(".") { digits.removeLast() }
        return digits.isEmpty ? nil : digits
    }
}
