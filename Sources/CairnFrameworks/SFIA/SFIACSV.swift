public import CairnCore
import CairnSyntax
import Foundation

/// Reads a CSV export of the official SFIA skills spreadsheet (the "Skills" sheet) into a
/// ``FrameworkSink``.
///
/// Columns are found by header name, ignoring case and surrounding spaces; their order does
/// not matter and other columns (`URL`, `Guidance notes`, …) are ignored:
///
/// | column | required | use |
/// |---|---|---|
/// | `Code` (or `Skill code`) | yes | the skill's id and code, upper-cased (`PROG`) |
/// | `Skill` (or `Skill name`, `Name`) | yes | the preferred label |
/// | `Category` | no | the category, when there is no subcategory |
/// | `Subcategory` (or `Sub-category`) | no | the category (the most specific one is kept) |
/// | `Overall description` (or `Description`, `Skill description`) | no | the description |
/// | `Level 1 description` … `Level 7 description` (or `Level 1` … `Level 7`) | no | a level counts as defined when its cell is not empty |
///
/// Records with no code or no name, with a code seen before, or with the wrong number of
/// fields are skipped and reported together (``FormatErrors`` is thrown at the end, before the
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
        guard let codeColumn = table.column("Code", "Skill code"),
              let nameColumn = table.column("Skill", "Skill name", "Name") else {
            let missing = [table.column("Code", "Skill code") == nil ? "Code" : nil,
                           table.column("Skill", "Skill name", "Name") == nil ? "Skill" : nil].compactMap { $0 }
            try table.require(missing)
            return FrameworkReadReport()
        }
        let category = table.column("Category"), subcategory = table.column("Subcategory", "Sub-category")
        let description = table.column("Overall description", "Description", "Skill description")
        let levelColumns = (1...7).map { level in (level, table.column("Level \(level) description", "Level \(level)")) }

        var feed = SinkFeed(sink: sink, header: FrameworkHeader(
            id: "sfia", name: "SFIA", version: version ?? sfiaVersion(in: URL(fileURLWithPath: file).lastPathComponent),
            source: file))
        feed.report.files.append(file)
        try feed.beginIfNeeded()
        var problems: [FormatError] = []
        var seen = Set<String>()
        while let record = try table.nextRecord() {
            guard record.fields.count == table.names.count else {
                problems.append(FormatError(location: table.location(record), message:
                    "expected \(table.names.count) fields as in the header, found \(record.fields.count)"))
                continue
            }
            guard let code = table.value(record, codeColumn)?.uppercased() else {
                problems.append(FormatError(location: table.location(record), message: "expected a skill code, found nothing"))
                continue
            }
            guard let name = table.value(record, nameColumn) else {
                problems.append(FormatError(location: table.location(record),
                                            message: "expected a skill name for \(code), found nothing"))
                continue
            }
            guard seen.insert(code).inserted else {
                problems.append(FormatError(location: table.location(record),
                                            message: "the skill code \(code) appears twice; the first is kept"))
                continue
            }
            let levels = levelColumns.compactMap { level, column in table.value(record, column) == nil ? nil : level }
            try feed.skill(SkillRecord(id: code, description: table.value(record, description), code: code,
                                       category: table.value(record, subcategory) ?? table.value(record, category),
                                       levels: levels))
            try feed.label(ConceptLabel(concept: code, kind: .preferred, language: language, text: name))
        }
        return try feed.close(problems: problems, into: &sink)
    }

    /// Whether a header names the columns this reader needs.
    static func accepts(header: [String]) -> Bool {
        let names = Set(header.map { $0.trimmed.lowercased() })
        return (names.contains("code") || names.contains("skill code"))
            && (names.contains("skill") || names.contains("skill name") || names.contains("name"))
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
