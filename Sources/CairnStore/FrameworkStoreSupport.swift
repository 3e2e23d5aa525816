package import CairnCore
import Foundation

// What both backends of the framework store share, so that they give the same answers: the
// bookkeeping of an import's frameworks, how ids and codes resolve to a skill, how labels are
// split into words for search, and how rows become a `Framework` or a `SkillDetail` again.

/// The frameworks one import has begun, in order, and the one content goes to now.
package struct FrameworkImportProgress: Sendable {
    /// A reader used its sink out of order: content before ``FrameworkSink/begin(_:)``, or the
    /// sink after its import ended.
    package struct UsageError: Error, CustomStringConvertible {
        package var description: String
    }

    /// Frameworks begun in this import, in order.
    package private(set) var order: [String] = []
    /// Each framework's header as its ``FrameworkSink/begin(_:)`` calls left it: the last name,
    /// and the last version and source given.
    package private(set) var headers: [String: FrameworkHeader] = [:]
    package private(set) var current: String?
    /// Set when the import ends: the sink refuses anything after.
    package private(set) var closed = false

    package init() {}

    /// Starts sending content to `header`'s framework; true when the import had not begun it yet
    /// (so it replaces any framework of that id in the store), false when the import adds to it.
    package mutating func begin(_ header: FrameworkHeader) throws -> Bool {
        guard !closed else { throw Self.usedAfterImport }
        current = header.id
        guard var merged = headers[header.id] else {
            headers[header.id] = header
            order.append(header.id)
            return true
        }
        merged.name = header.name
        merged.version = header.version ?? merged.version
        merged.source = header.source ?? merged.source
        headers[header.id] = merged
        return false
    }

    /// The framework content goes to now.
    package func framework() throws -> String {
        guard !closed else { throw Self.usedAfterImport }
        guard let current else { throw UsageError(description: "a framework reader sent content before begin(_:)") }
        return current
    }

    package mutating func close() { closed = true }

    private static let usedAfterImport = UsageError(description: "a framework sink was used after its import ended")
}

/// Stored codes of label and relation kinds.
package enum StoredKind {
    package static func code(_ kind: ConceptLabel.Kind) -> Int {
        switch kind {
        case .preferred: 0
        case .alternative: 1
        case .hidden: 2
        }
    }

    package static func labelKind(_ code: Int) -> ConceptLabel.Kind {
        switch code {
        case 0: .preferred
        case 1: .alternative
        default: .hidden
        }
    }

    package static func code(_ kind: SkillRelationKind) -> Int {
        kind == .essential ? 0 : 1
    }

    /// A skill's levels as stored: `2,3,4`, empty when it has none.
    package static func levelsText(_ levels: [Int]) -> String {
        levels.map(String.init).joined(separator: ",")
    }

    package static func levels(_ text: String?) -> [Int] {
        guard let text, !text.isEmpty else { return [] }
        return text.split(separator: ",").compactMap { Int($0) }
    }
}

/// The forms a skill may be named by.
package enum SkillCodes {
    /// The last segment of a URI (after `/` or `#`), or the whole code, lowercased.
    package static func tail(of id: String) -> String {
        var trimmed = Substring(id)
        while trimmed.last == "/" { trimmed = trimmed.dropLast() }
        if let index = trimmed.lastIndex(where: { $0 == "/" || $0 == "#" }) {
            trimmed = trimmed[trimmed.index(after: index)...]
        }
        return trimmed.lowercased()
    }

    /// The id as given, and with the other of `http`/`https`.
    package static func exactCandidates(_ code: String) -> [String] {
        if code.hasPrefix("https://") { return [code, "http://" + code.dropFirst("https://".count)] }
        if code.hasPrefix("http://") { return [code, "https://" + code.dropFirst("http://".count)] }
        return [code]
    }

    /// The skill `code` names, tried in this order: the id itself (or its URI with the other
    /// scheme), then the skill whose id ends in the code's last segment (`tail`, lowercased),
    /// then the skill whose code is that segment in any case. Each backend looks one form up.
    package static func resolve<Found>(_ code: String, id: (String) throws -> Found?, tail byTail: (String) throws -> Found?,
                                       code byCode: (String) throws -> Found?) rethrows -> Found? {
        let code = code.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !code.isEmpty else { return nil }
        for candidate in exactCandidates(code) {
            if let found = try id(candidate) { return found }
        }
        let tail = tail(of: code)
        guard !tail.isEmpty else { return nil }
        if let found = try byTail(tail) { return found }
        return try byCode(tail)
    }
}

/// Turning what a person typed, and labels, into words for search.
package enum SkillSearchQuery {
    /// Each word (a run of letters and digits, as SQLite's unicode61 tokenizer sees it) quoted
    /// as an FTS5 string and marked as a prefix; the words are ANDed. `nil` when there is no word.
    static func ftsQuery(for text: String) -> String? {
        let words = words(in: text)
        guard !words.isEmpty else { return nil }
        return words.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"*" }.joined(separator: " ")
    }

    /// The runs of letters and digits in `text`; anything else only separates them.
    package static func words(in text: String) -> [String] {
        var words: [String] = []
        var word = ""
        for character in text {
            if character.isLetter || character.isNumber {
                word.append(character)
            } else if !word.isEmpty {
                words.append(word)
                word = ""
            }
        }
        if !word.isEmpty { words.append(word) }
        return words
    }

    /// The words of `text` as search compares them: lower case and without diacritics (`Führen`
    /// → `fuhren`), as SQLite's `unicode61 remove_diacritics 2` folds them. A backend without
    /// such a tokenizer stores labels folded this way and folds queries the same way.
    package static func foldedWords(in text: String) -> [String] {
        // Most labels are ASCII: split and lower-case their bytes without Unicode's machinery.
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            var words: [String] = []
            var word: [UInt8] = []
            for byte in text.utf8 {
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): word.append(byte)
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): word.append(byte + 32)
                default:
                    if !word.isEmpty {
                        words.append(String(decoding: word, as: UTF8.self))
                        word.removeAll(keepingCapacity: true)
                    }
                }
            }
            if !word.isEmpty { words.append(String(decoding: word, as: UTF8.self)) }
            return words
        }
        return words(in: text).compactMap { word in
            var folded = String.UnicodeScalarView()
            for scalar in word.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars
            where scalar.properties.generalCategory != .nonspacingMark {
                folded.append(scalar)
            }
            return folded.isEmpty ? nil : String(folded)
        }
    }
}

/// A framework put together again from the store's rows — skills and occupations by their
/// store keys, then labels, broader links and relations as they were imported — into the
/// ``Framework`` value a reader would have produced.
package struct FrameworkAssembly: Sendable {
    private var skills: [Int64: Skill] = [:]
    private var occupations: [Int64: Occupation] = [:]

    package init() {}

    package mutating func add(_ skill: Skill, key: Int64) { skills[key] = skill }

    package mutating func add(_ occupation: Occupation, key: Int64) { occupations[key] = occupation }

    /// A label, in import order: the first preferred label per language is the preferred one,
    /// and the others (further preferred, alternative, hidden) are alternatives, as a reader files them.
    package mutating func addLabel(concept key: Int64, kind: ConceptLabel.Kind, language: String, text: String) {
        if skills[key] != nil {
            if kind == .preferred, skills[key]?.preferredLabels[language] == nil {
                skills[key]?.preferredLabels[language] = text
            } else {
                skills[key]?.altLabels[language, default: []].append(text)
            }
        } else if occupations[key] != nil {
            if kind == .preferred, occupations[key]?.preferredLabels[language] == nil {
                occupations[key]?.preferredLabels[language] = text
            } else {
                occupations[key]?.altLabels[language, default: []].append(text)
            }
        }
    }

    package mutating func addBroader(narrower key: Int64, broader: String) {
        skills[key]?.broader.append(broader)
    }

    package mutating func addRelation(occupation key: Int64, kindCode: Int, skill: String) {
        if kindCode == StoredKind.code(.essential) {
            occupations[key]?.essentialSkills.append(skill)
        } else {
            occupations[key]?.optionalSkills.append(skill)
        }
    }

    package func framework(id: String, name: String, version: String?, source: String?) -> Framework {
        var framework = Framework(id: id, name: name, version: version, source: source.map { SourceLocation(file: $0) })
        framework.skills = Dictionary(skills.values.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        framework.occupations = Dictionary(occupations.values.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return framework
    }
}

extension SkillDetail {
    /// Files a label, in import order: the first preferred label per language is the preferred
    /// one, further preferred labels are alternatives, hidden labels are kept apart.
    package mutating func addLabel(kind: ConceptLabel.Kind, language: String, text: String) {
        switch kind {
        case .preferred where preferredLabels[language] == nil:
            preferredLabels[language] = text
        case .preferred, .alternative:
            altLabels[language, default: []].append(text)
        case .hidden:
            hiddenLabels[language, default: []].append(text)
        }
    }
}

extension SkillSearchHit {
    /// A hit whose ``label`` is the skill's preferred label in `language` (else English, else any, else the id).
    package init(framework: String, id: String, preferredLabels: [String: String], language: String?,
                 matchedLabel: String, matchedKindCode: Int, matchedLanguage: String, score: Double) {
        self.init(framework: framework, id: id,
                  label: RelatedConcept(id: id, preferredLabels: preferredLabels).label(in: language ?? "en"),
                  matchedLabel: matchedLabel, matchedKind: StoredKind.labelKind(matchedKindCode),
                  matchedLanguage: matchedLanguage, score: score)
    }
}
