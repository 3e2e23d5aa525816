public import CairnCore
public import CairnRDF
import CairnSyntax

/// Turns a stream of SFIA RDF statements into skills for a ``FrameworkSink``.
///
/// SFIA publishes no RDF of its own; this reads the vocabulary of the SFIA RDF conversion
/// (`sfia:` = `https://sfia-online.org/ontology/` for SFIA 8, `https://rdf.sfia-online.org/9/ontology/`
/// for SFIA 9 — terms are matched by their local name on either):
/// - skills: subjects typed `sfia:Skill`; the skill's id is its code, from `skos:notation`
///   (else the last segment of its IRI, e.g. `…/skills/PROG` → `PROG`);
/// - labels: `rdfs:label` and `skos:prefLabel` (preferred), `skos:altLabel`, `skos:hiddenLabel`,
///   held until the skill's code is known;
/// - description: `sfia:skillDescription`, else `skos:definition` or `dcterms:description`;
/// - category: `sfia:skillCategory` — a category resource, whose `skos:prefLabel`/`rdfs:label`
///   is used when given (else its IRI's last segment, `strategy_and_planning` →
///   `Strategy and planning`), or a literal;
/// - levels: `sfia:definedAtLevel` → a skill-level resource, whose number is found, in order,
///   from an integer `sfia:levelNumber` or `skos:notation` on it, from the level of
///   responsibility it points to (`sfia:level`/`sfia:skillLevel`/`sfia:levelOfResponsibility`,
///   whose integer `skos:notation` or trailing number is used), or from a trailing `_N`/`/N` in
///   its notation or IRI (`…/skilllevel/PROG_4` → 4). An integer literal is also accepted;
/// - the version: a number in the vocabulary's path (`https://rdf.sfia-online.org/9/…` → `9`),
///   else the header's.
///
/// Everything else is ignored. All is sent by ``finish()`` except labels of skills whose code
/// is already known, which are sent at once. SFIA is small (under 200 skills).
public struct SFIAMapper<Sink: FrameworkSink> {
    private var feed: SinkFeed<Sink>
    private let filter: LanguageFilter

    private var skills: [String] = []
    private var skillSet = Set<String>()
    private var codes: [String: String] = [:]
    private var pendingLabels: [String: [(kind: ConceptLabel.Kind, text: String, language: String)]] = [:]
    private var descriptions: [String: RankedText] = [:]
    private var categories: [String: String] = [:]
    private var categoryTexts: [String: String] = [:]
    private var resourceLabels: [String: RankedText] = [:]
    private var levelLinks: [String: [RDFTerm]] = [:]
    private var notations: [String: String] = [:]
    private var levelNumbers: [String: Int] = [:]
    private var levelOf: [String: String] = [:]

    public var sink: Sink { feed.sink }
    public var report: FrameworkReadReport { feed.report }

    public init(sink: Sink, header: FrameworkHeader = FrameworkHeader(id: "sfia", name: "SFIA"),
                languages: Set<String>? = nil) {
        feed = SinkFeed(sink: sink, header: header)
        filter = LanguageFilter(languages)
    }

    public mutating func consume(_ triple: RDFTriple) throws {
        guard let subject = triple.subject.iri else { return }
        let object = triple.object
        noteVersion(triple.predicate)
        switch triple.predicate {
        case FrameworkVocabulary.type:
            guard let type = object.iri else { return }
            noteVersion(type)
            if FrameworkVocabulary.sfiaTerm(type) == "Skill", skillSet.insert(subject).inserted {
                skills.append(subject)
                try flushLabels(subject)
            }
            return
        case FrameworkVocabulary.rdfsLabel, FrameworkVocabulary.skosPrefLabel,
             FrameworkVocabulary.skosAltLabel, FrameworkVocabulary.skosHiddenLabel:
            guard case .literal(let text, let language, _) = object, filter.accepts(language ?? "") else { return }
            let kind: ConceptLabel.Kind = switch triple.predicate {
            case FrameworkVocabulary.skosAltLabel: .alternative
            case FrameworkVocabulary.skosHiddenLabel: .hidden
            default: .preferred
            }
            if kind == .preferred {
                let rank = triple.predicate == FrameworkVocabulary.skosPrefLabel ? 0 : 1
                resourceLabels[subject] = RankedText.best(resourceLabels[subject],
                                                          RankedText(text: text.trimmed, language: language ?? "", rank: rank))
            }
            pendingLabels[subject, default: []].append((kind, text.trimmed, language ?? ""))
            try flushLabels(subject)
            return
        case FrameworkVocabulary.skosNotation:
            guard let value = object.lexicalForm?.trimmed, !value.isEmpty else { return }
            if notations[subject] == nil { notations[subject] = value }
            if codes[subject] == nil, skillSet.contains(subject) { try flushLabels(subject) }
            return
        case FrameworkVocabulary.skosDefinition, FrameworkVocabulary.dctermsDescription:
            addDescription(subject, object, rank: 1)
            return
        default:
            break
        }
        guard let term = FrameworkVocabulary.sfiaTerm(triple.predicate) else { return }
        switch term {
        case "skillDescription":
            addDescription(subject, object, rank: 0)
        case "skillCategory":
            if let category = object.iri {
                if categories[subject] == nil { categories[subject] = category }
            } else if let text = object.lexicalForm?.trimmed, categoryTexts[subject] == nil {
                categoryTexts[subject] = text
            }
        case "definedAtLevel":
            levelLinks[subject, default: []].append(object)
        case "level", "skillLevel", "levelOfResponsibility":
            if let level = object.iri, levelOf[subject] == nil { levelOf[subject] = level }
            else if let number = object.lexicalForm.flatMap({ Int($0.trimmed) }) { levelNumbers[subject] = number }
        case "levelNumber":
            if let number = object.lexicalForm.flatMap({ Int($0.trimmed) }) { levelNumbers[subject] = number }
        default:
            break
        }
    }

    /// Sends the skills with their codes, descriptions, categories and levels, and the labels
    /// still held, then finishes the sink.
    public mutating func finish() throws {
        for subject in skills where codes[subject] == nil {
            try flushLabels(subject, force: true)
        }
        var records: [SkillRecord] = []
        for subject in skills {
            guard let code = codes[subject] else { continue }
            var levels = Set<Int>()
            for link in levelLinks[subject] ?? [] {
                if let number = levelNumber(link) { levels.insert(number) }
            }
            let category = categories[subject].map { categoryName($0) } ?? categoryTexts[subject]
            records.append(SkillRecord(id: code, description: descriptions[subject]?.text, code: code,
                                       category: category, levels: levels.sorted()))
        }
        for record in records.sorted(by: { $0.id < $1.id }) {
            try feed.skill(record)
        }
        pendingLabels = [:]
        try feed.finish()
    }

    // MARK: - Helpers

    private mutating func flushLabels(_ subject: String, force: Bool = false) throws {
        guard skillSet.contains(subject) else { return }
        let code: String
        if let known = codes[subject] {
            code = known
        } else if let notation = notations[subject] {
            code = notation
            codes[subject] = code
        } else if force {
            code = FrameworkVocabulary.localName(subject)
            codes[subject] = code
        } else {
            return
        }
        for label in pendingLabels.removeValue(forKey: subject) ?? [] where !label.text.isEmpty {
            try feed.label(ConceptLabel(concept: code, kind: label.kind, language: label.language, text: label.text))
        }
    }

    private mutating func addDescription(_ subject: String, _ object: RDFTerm, rank: Int) {
        guard case .literal(let value, let language, _) = object, filter.accepts(language ?? "") else { return }
        let text = value.trimmed
        guard !text.isEmpty else { return }
        descriptions[subject] = RankedText.best(descriptions[subject],
                                                RankedText(text: text, language: language?.lowercased() ?? "", rank: rank))
    }

    private mutating func noteVersion(_ iri: String) {
        guard !feed.begun, feed.header.version == nil,
              FrameworkVocabulary.sfiaHosts.contains(where: { iri.hasPrefix($0) }) else { return }
        // A version segment: `https://rdf.sfia-online.org/9/ontology/…` or `…/ontology/9/…`.
        for segment in iri.split(separator: "/") where segment.allSatisfy(\.isNumber) && !segment.isEmpty {
            feed.header.version = String(segment)
            return
        }
    }

    private func levelNumber(_ link: RDFTerm) -> Int? {
        if let text = link.lexicalForm { return Int(text.trimmed) }
        guard let node = link.iri else { return nil }
        if let number = levelNumbers[node] { return number }
        if let notation = notations[node], let number = Int(notation) { return number }
        if let level = levelOf[node] {
            if let number = levelNumbers[level] { return number }
            if let notation = notations[level], let number = Int(notation) { return number }
            if let number = trailingNumber(level) { return number }
        }
        if let notation = notations[node], let number = trailingNumber(notation) { return number }
        return trailingNumber(node)
    }

    /// The number after the last `_` or `/`, when everything after it is digits.
    private func trailingNumber(_ text: String) -> Int? {
        guard let index = text.lastIndex(where: { $0 == "_" || $0 == "/" }) else { return Int(text) }
        return Int(text[text.index(after: index)...])
    }

    private func categoryName(_ iri: String) -> String {
        if let label = resourceLabels[iri]?.text, !label.isEmpty { return label }
        let words = FrameworkVocabulary.localName(iri).replacingUnderscores()
        return words.prefix(1).uppercased() + words.dropFirst()
    }
}

private extension String {
    func replacingUnderscores() -> String {
        String(map { $0 == "_" ? " " : $0 })
    }
}
