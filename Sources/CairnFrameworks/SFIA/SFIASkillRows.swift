import CairnCore
import CairnSyntax

/// Rows of SFIA's Skills sheet turned into skills for a sink — what ``SFIACSV`` and
/// ``SFIAWorkbook`` share once each has a row's cells in hand, so both give the same framework
/// for the same rows.
///
/// A row gives a skill with its code (upper-cased) as id, its name as the preferred label, the
/// subcategory (else the category), the overall description, and its levels: those whose
/// description cell is not empty, and the numbers in the `Levels` columns. Problems (no code,
/// no name, a code seen before, a level number that is not 1 to 7) are collected, and thrown
/// together by ``close(into:)``, before the sink is finished.
struct SFIASkillRows<Sink: FrameworkSink> {
    /// Where a problem is and how its message starts, for a column (nil: the row as a whole).
    typealias Place = (Int?) -> (location: SourceLocation, prefix: String)

    let columns: SFIAColumns
    let language: String
    private var feed: SinkFeed<Sink>
    private var problems: [FormatError] = []
    private var seen = Set<String>()

    /// Begins the framework `sfia` in `sink`, read from `file`.
    init(sink: Sink, columns: SFIAColumns, file: String, version: String?, language: String) throws {
        self.columns = columns
        self.language = language
        feed = SinkFeed(sink: sink, header: FrameworkHeader(id: "sfia", name: "SFIA", version: version, source: file))
        feed.report.files.append(file)
        try feed.beginIfNeeded()
    }

    /// Notes a problem the reader found in a row itself (a CSV record's field count).
    mutating func problem(_ error: FormatError) {
        problems.append(error)
    }

    /// Reads one row: `value(column)` is a cell's trimmed text, nil when empty.
    mutating func add(value: (Int?) -> String?, place: Place) throws {
        func problem(_ column: Int?, _ message: String) {
            let (location, prefix) = place(column)
            problems.append(FormatError(location: location, message: prefix + message))
        }
        guard let code = value(columns.code)?.uppercased() else {
            return problem(columns.code, "expected a skill code, found nothing")
        }
        guard let name = value(columns.name) else {
            return problem(columns.name, "expected a skill name for \(code), found nothing")
        }
        guard seen.insert(code).inserted else {
            return problem(columns.code, "the skill code \(code) appears twice; the first is kept")
        }
        var levels = Set(columns.levelDescriptions.compactMap { level, column in value(column) == nil ? nil : level })
        for column in columns.levelNumbers {
            guard let text = value(column) else { continue }
            guard let level = Self.wholeNumber(text), SFIAColumns.levels.contains(level) else {
                problem(column, "the level \(quoted(text)) of \(code) is not an SFIA level (1 to 7)")
                continue
            }
            levels.insert(level)
        }
        try feed.skill(SkillRecord(id: code, description: value(columns.description), code: code,
                                   category: value(columns.subcategory) ?? value(columns.category),
                                   levels: levels.sorted()))
        try feed.label(ConceptLabel(concept: code, kind: .preferred, language: language, text: name))
    }

    /// Hands the sink back; finishes it when no row had a problem, else throws them all.
    mutating func close(into sink: inout Sink) throws -> FrameworkReadReport {
        try feed.close(problems: problems, into: &sink)
    }

    /// `4` from `4`, `4.0` or `4E0` (a spreadsheet may keep a whole number either way).
    private static func wholeNumber(_ text: String) -> Int? {
        if let number = Int(text) { return number }
        guard let number = Double(text), number.rounded() == number, abs(number) < 1e9 else { return nil }
        return Int(number)
    }
}
