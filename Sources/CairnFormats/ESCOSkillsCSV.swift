import CairnCore

/// Reads ESCO's skill CSV exports into a ``Framework``.
///
/// It reads `skills_en.csv` (header `conceptType, conceptUri, skillType, reuseLevel,
/// preferredLabel, altLabels, hiddenLabels, status, modifiedDate, scopeNote, definition,
/// inScheme, description`) and the collection files such as `digitalSkillsCollection_en.csv`,
/// whose columns differ: columns are found by their header name. `conceptUri` and
/// `preferredLabel` are required; `altLabels`, `description` (else `definition`),
/// `skillType` and `broaderConceptUri` are used when present.
public enum ESCOSkillsCSV {
    /// The framework `esco` with one skill per record, keyed by its concept URI.
    ///
    /// - Parameters:
    ///   - csv: The file's text.
    ///   - file: The path used in error locations and as the framework's source.
    ///   - language: The language tag of the labels (`en` for `skills_en.csv`).
    ///   - version: The ESCO version, such as `1.2.0`, when known.
    /// - Returns: Skills with their preferred label, alt labels (split on line breaks and on
    ///   ` | `), description, skill type, and broader skill concepts (`…/esco/skill/…` URIs from
    ///   `broaderConceptUri`). When a URI appears twice, the first record wins.
    /// - Throws: ``FormatErrors`` for malformed CSV, a missing required column, or records
    ///   without a URI or label or with the wrong number of fields (all such records are reported).
    public static func framework(csv: String, file: String, language: String = "en",
                                 version: String? = nil) throws(FormatErrors) -> Framework {
        let records = try CSVReader.records(in: csv, file: file)
        guard let header = records.first else {
            throw FormatErrors(FormatError(location: SourceLocation(file: file, line: 1, column: 1),
                                           message: "expected a header line naming the columns, found an empty file"))
        }
        let names = header.fields.map { String($0.trimmingSpaces()) }
        func column(_ name: String) -> Int? { names.firstIndex(of: name) }
        let missing = ["conceptUri", "preferredLabel"].filter { column($0) == nil }
        guard missing.isEmpty, let uriColumn = column("conceptUri"), let labelColumn = column("preferredLabel") else {
            throw FormatErrors(FormatError(
                location: SourceLocation(file: file, line: header.line, column: 1),
                message: "the header has no " + missing.map { quoted($0) }.joined(separator: " or ")
                    + " column; found: " + names.joined(separator: ", ")))
        }
        let altColumn = column("altLabels")
        let descriptionColumn = column("description")
        let definitionColumn = column("definition")
        let typeColumn = column("skillType")
        let broaderColumn = column("broaderConceptUri")

        var problems: [FormatError] = []
        var skills: [Skill] = []
        skills.reserveCapacity(records.count)
        for record in records.dropFirst() {
            let location = SourceLocation(file: file, line: record.line, column: 1)
            guard record.fields.count == names.count else {
                problems.append(FormatError(location: location, message:
                    "expected \(names.count) fields as in the header, found \(record.fields.count)"))
                continue
            }
            func value(_ index: Int?) -> String? {
                guard let index else { return nil }
                let text = String(record.fields[index].trimmingSpaces())
                return text.isEmpty ? nil : text
            }
            guard let uri = value(uriColumn) else {
                problems.append(FormatError(location: location, message: "expected a concept URI, found nothing"))
                continue
            }
            guard let label = value(labelColumn) else {
                problems.append(FormatError(location: location,
                                            message: "expected a preferred label for \(uri), found nothing"))
                continue
            }
            let altLabels = value(altColumn).map(splitList) ?? []
            let broader = (value(broaderColumn).map(splitList) ?? []).filter {
                $0.hasPrefix("http://data.europa.eu/esco/skill/")
            }
            skills.append(Skill(id: uri, preferredLabels: [language: label],
                                altLabels: altLabels.isEmpty ? [:] : [language: altLabels],
                                description: value(descriptionColumn) ?? value(definitionColumn),
                                skillType: value(typeColumn), broader: broader))
        }
        if !problems.isEmpty { throw FormatErrors(problems) }
        return Framework(id: "esco", name: "ESCO", version: version, skills: skills,
                         source: SourceLocation(file: file))
    }

    /// Splits ESCO's multi-valued cells: one value per line, or values joined by ` | `.
    static func splitList(_ text: String) -> [String] {
        text.split(whereSeparator: \.isNewline)
            .flatMap { $0.split(separator: " | ") }
            .map { String($0.trimmingSpaces()) }
            .filter { !$0.isEmpty }
    }
}

extension StringProtocol {
    /// The text without leading and trailing whitespace.
    func trimmingSpaces() -> SubSequence {
        guard let first = firstIndex(where: { !$0.isWhitespace }),
              let last = lastIndex(where: { !$0.isWhitespace }) else { return self[endIndex...] }
        return self[first...last]
    }
}
