public import CairnCore
public import CairnSyntax

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
        var collector = FrameworkCollector()
        do {
            try ESCOCSVPackage.readSkills(csv: csv, file: file, language: language, version: version, into: &collector)
        } catch let errors as FormatErrors {
            throw errors
        } catch {
            // The collector never throws; any other error is the reader's own and has no position.
            throw FormatErrors(FormatError(location: SourceLocation(file: file), message: "\(error)"))
        }
        var framework = collector.framework
        framework.source = SourceLocation(file: file)
        return framework
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
