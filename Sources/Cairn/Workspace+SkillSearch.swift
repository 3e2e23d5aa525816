import CairnCore
import CairnStore
import Foundation

extension Workspace {
    /// Skills of the frameworks kept in this workspace (`Frameworks/` files, which role fit and
    /// alignments already use) whose labels match `text` as `cairn skills search` matches the
    /// store's: every word of the text starts a word of a preferred or alternative label,
    /// ignoring case and accents. Preferred-label matches come first, then by label.
    ///
    /// - Parameters:
    ///   - framework: Only skills of this framework (its id, any case).
    ///   - language: Only labels in this language, and show labels in it (default: any
    ///     language, shown in English when there is an English label).
    public func searchSkills(_ text: String, framework: String? = nil, language: String? = nil,
                             limit: Int = 20) -> [SkillSearchHit] {
        let words = Self.searchWords(text)
        guard !words.isEmpty else { return [] }
        var hits: [SkillSearchHit] = []
        for source in catalog.frameworks.values.sorted(by: { $0.id < $1.id })
            where framework.map({ $0.lowercased() == source.id.lowercased() }) ?? true {
            for skill in source.skills.values.sorted(by: { $0.id < $1.id }) {
                let shown = language.flatMap { skill.preferredLabels[$0.lowercased()] } ?? skill.preferredLabels["en"]
                    ?? skill.preferredLabels.values.sorted().first ?? skill.id
                var candidates: [(kind: ConceptLabel.Kind, language: String, text: String)] =
                    skill.preferredLabels.sorted { $0.key < $1.key }.map { (.preferred, $0.key, $0.value) }
                candidates += skill.altLabels.sorted { $0.key < $1.key }.flatMap { entry in entry.value.map { (.alternative, entry.key, $0) } }
                guard let match = candidates.first(where: { candidate in
                    (language.map { $0.lowercased() == candidate.language } ?? true) && Self.matches(words, candidate.text)
                }) else { continue }
                hits.append(SkillSearchHit(framework: source.id, id: skill.id, label: shown, matchedLabel: match.text,
                                           matchedKind: match.kind, matchedLanguage: match.language, score: 0))
            }
        }
        let order: [ConceptLabel.Kind: Int] = [.preferred: 0, .alternative: 1, .hidden: 2]
        return Array(hits.sorted { ((order[$0.matchedKind] ?? 3), $0.label.lowercased(), $0.id) < ((order[$1.matchedKind] ?? 3), $1.label.lowercased(), $1.id) }
            .prefix(limit))
    }

    /// The words of `text`, lowercased and without accents.
    static func searchWords(_ text: String) -> [Substring] {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            .split { !$0.isLetter && !$0.isNumber }
    }

    /// Whether every word of the query starts some word of `label`.
    static func matches(_ query: [Substring], _ label: String) -> Bool {
        let words = searchWords(label)
        return query.allSatisfy { part in words.contains { $0.hasPrefix(part) } }
    }
}
