import CairnCore
import CairnSyntax

/// The columns of the Skills sheet of SFIA's spreadsheet, found by header name — the one
/// mapping that both the CSV export's reader (``SFIACSV``) and the spreadsheet's
/// (``SFIAWorkbook``) use.
///
/// Names match ignoring case and surrounding spaces; the first column with a name wins; order
/// does not matter and other columns (`#`, `URL`, `Guidance notes`, …) are ignored. SFIA 9's
/// sheet also has seven level-number columns, `Levels` over the first and no header over the
/// six after it; their numbers are read too.
struct SFIAColumns: Sendable {
    /// The names each column may have, the first being how messages name it.
    static let codeNames = ["Code", "Skill code"]
    static let nameNames = ["Skill", "Skill name", "Name"]
    static let categoryNames = ["Category"]
    static let subcategoryNames = ["Subcategory", "Sub-category"]
    static let descriptionNames = ["Overall description", "Description", "Skill description"]
    static func levelDescriptionNames(_ level: Int) -> [String] { ["Level \(level) description", "Level \(level)"] }
    static let levelNumbersName = "Levels"
    static let levels = 1...7

    /// Column keys, as the reader numbers its columns (from 0 in CSV, from 1 in a sheet).
    let code: Int
    let name: Int
    let category: Int?
    let subcategory: Int?
    let description: Int?
    let levelDescriptions: [(level: Int, column: Int)]
    /// The `Levels` column and the unnamed ones right after it (seven in all at most).
    let levelNumbers: [Int]

    /// The columns of `header` (column key → header text), or nil when `Code` or `Skill` is missing.
    init?(header: [Int: String]) {
        var lookup: [String: Int] = [:]
        for (column, name) in header.sorted(by: { $0.key < $1.key }) {
            let key = name.trimmed.lowercased()
            if lookup[key] == nil { lookup[key] = column }
        }
        func column(_ names: [String]) -> Int? {
            names.lazy.compactMap { lookup[$0.lowercased()] }.first
        }
        guard let code = column(Self.codeNames), let name = column(Self.nameNames) else { return nil }
        self.code = code
        self.name = name
        category = column(Self.categoryNames)
        subcategory = column(Self.subcategoryNames)
        description = column(Self.descriptionNames)
        levelDescriptions = Self.levels.compactMap { level in
            column(Self.levelDescriptionNames(level)).map { (level, $0) }
        }
        var numbers: [Int] = []
        if let first = lookup[Self.levelNumbersName.lowercased()] {
            numbers.append(first)
            var next = first + 1
            while numbers.count < Self.levels.count, (header[next] ?? "").trimmed.isEmpty {
                numbers.append(next)
                next += 1
            }
        }
        levelNumbers = numbers
    }

    /// Why `header` has no columns to read: `the header has no "Skill" column (the closest is
    /// "Skil"); found: Code, Skil`.
    static func missingColumns(in header: [Int: String]) -> String {
        let names = header.sorted { $0.key < $1.key }.map { $0.value.trimmed }.filter { !$0.isEmpty }
        let present = Set(names.map { $0.lowercased() })
        var missing: [String] = []
        var closest: [String] = []
        for candidates in [codeNames, nameNames] where !candidates.contains(where: { present.contains($0.lowercased()) }) {
            missing.append(quoted(candidates[0]))
            if let near = candidates.lazy.compactMap({ ClosestIDs.to($0, among: names, limit: 1).first }).first {
                closest.append(quoted(near))
            }
        }
        let hint = closest.isEmpty ? "" : " (the closest: " + closest.joined(separator: ", ") + ")"
        return "the header has no " + missing.joined(separator: " or ") + " column\(hint); found: "
            + (names.isEmpty ? "nothing" : names.joined(separator: ", "))
    }
}
