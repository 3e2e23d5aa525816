import CairnCore
import CairnRDF
import CairnSyntax

/// The part of the ESCO and SKOS mappers that reads SKOS: labels (plain and SKOS-XL label
/// nodes), descriptions (literals, or ESCO `NodeLiteral` nodes), broader links, notations and
/// concept schemes.
///
/// It keeps only what must be joined: label nodes whose concept or text is not yet known,
/// description nodes, one description per concept, broader pairs, notations and schemes.
///
/// Not generic over the sink (it feeds an ``ErasedFrameworkSink``), so its per-statement code is
/// compiled once, specialised, whatever sink a caller in another module uses.
struct ConceptGraphCore {
    /// What a concept scheme tells about the framework, for its header.
    enum HeaderUse {
        /// The version only (ESCO: the id and name are fixed).
        case versionOnly
        /// The scheme IRI as the id, its title as the name, and its version.
        case idNameAndVersion
    }

    var feed: SinkFeed<ErasedFrameworkSink>
    let filter: LanguageFilter
    let headerUse: HeaderUse

    private var labelLinks: [RDFTerm: [(concept: String, kind: ConceptLabel.Kind)]] = [:]
    private var labelForms: [RDFTerm: (text: String, language: String)] = [:]
    /// Hashes of label nodes whose text the language filter dropped (hashes keep this small).
    private var droppedLabelNodes = Set<Int>()

    private struct NodeText {
        var text: String?
        var language: String?
    }
    private var descriptionLinks: [RDFTerm: [(concept: String, rank: Int)]] = [:]
    private var descriptionNodes: [RDFTerm: NodeText] = [:]
    private var droppedDescriptionNodes = Set<Int>()
    private(set) var descriptions: [String: RankedText] = [:]

    private var broaderSeen = Set<BroaderPair>()
    private(set) var broaderPairs: [BroaderPair] = []
    private(set) var notations: [String: String] = [:]

    private var schemes = Set<String>()
    private var schemeFromMembership: String?
    private var schemeTitles: [String: RankedText] = [:]
    private var versions: [String: String] = [:]

    struct BroaderPair: Hashable {
        var narrower: String
        var broader: String
    }

    init(feed: SinkFeed<ErasedFrameworkSink>, languages: Set<String>?, headerUse: HeaderUse) {
        self.feed = feed
        self.filter = LanguageFilter(languages)
        self.headerUse = headerUse
    }

    /// Reads a SKOS statement; returns false when the predicate is not one this core knows.
    mutating func consume(_ triple: RDFTriple) throws -> Bool {
        guard let term = FrameworkVocabulary.term(triple.predicate) else { return false }
        return try consume(triple, term: term)
    }

    /// Like ``consume(_:)``, for a predicate already looked up.
    mutating func consume(_ triple: RDFTriple, term: FrameworkVocabulary.Term) throws -> Bool {
        let subject = triple.subject
        let object = triple.object
        switch term {
        case .skosPrefLabel, .skosAltLabel, .skosHiddenLabel:
            guard let concept = subject.iri, case .literal(let text, let language, _) = object else { return true }
            let kind: ConceptLabel.Kind = term == .skosPrefLabel ? .preferred
                : term == .skosAltLabel ? .alternative : .hidden
            if schemes.contains(concept) {
                // A concept scheme's label names the framework; it is not a concept's label.
                if kind == .preferred { noteSchemeTitle(concept, RankedText(text: text, language: language ?? "", rank: 1)) }
                return true
            }
            try emitLabel(concept: concept, kind: kind, text: text, language: language ?? "")
        case .skosxlPrefLabel, .skosxlAltLabel, .skosxlHiddenLabel:
            guard let concept = subject.iri, isNode(object) else { return true }
            let kind: ConceptLabel.Kind = term == .skosxlPrefLabel ? .preferred
                : term == .skosxlAltLabel ? .alternative : .hidden
            if let form = labelForms.removeValue(forKey: object) {
                try emitLabel(concept: concept, kind: kind, text: form.text, language: form.language)
            } else if !droppedLabelNodes.contains(object.hashValue) {
                labelLinks[object, default: []].append((concept, kind))
            }
        case .skosxlLiteralForm:
            guard isNode(subject), case .literal(let text, let tag, _) = object else { return true }
            let language = tag ?? ""
            guard filter.accepts(language) else {
                labelLinks[subject] = nil
                droppedLabelNodes.insert(subject.hashValue)
                return true
            }
            if let links = labelLinks.removeValue(forKey: subject) {
                for link in links {
                    try emitLabel(concept: link.concept, kind: link.kind, text: text, language: language)
                }
            } else {
                labelForms[subject] = (text, language)
            }
        case .dctermsDescription, .skosDefinition, .dcElementsDescription:
            guard let concept = subject.iri else { return true }
            let rank = term == .dctermsDescription ? 0 : term == .skosDefinition ? 1 : 2
            switch object {
            case .literal(let text, let language, _):
                addDescription(concept, RankedText(text: text, language: language ?? "", rank: rank))
            case .iri, .blank:
                if let node = descriptionNodes[object], let text = node.text, let language = node.language {
                    descriptionNodes[object] = nil
                    addDescription(concept, RankedText(text: text, language: language, rank: rank))
                } else if !droppedDescriptionNodes.contains(object.hashValue) {
                    descriptionLinks[object, default: []].append((concept, rank))
                }
            }
        case .escoNodeLiteral:
            guard isNode(subject), case .literal(let text, let language, _) = object else { return true }
            var node = descriptionNodes[subject] ?? NodeText()
            node.text = text
            if node.language == nil, let language { node.language = language.lowercased() }
            updateDescriptionNode(subject, node)
        case .escoLanguage:
            guard isNode(subject), let language = object.lexicalForm ?? object.iri.map(FrameworkVocabulary.localName) else {
                return true
            }
            var node = descriptionNodes[subject] ?? NodeText()
            node.language = language.lowercased()
            updateDescriptionNode(subject, node)
        case .skosBroader, .skosNarrower:
            guard let from = subject.iri, let to = object.iri else { return true }
            let pair = term == .skosBroader
                ? BroaderPair(narrower: from, broader: to) : BroaderPair(narrower: to, broader: from)
            if broaderSeen.insert(pair).inserted { broaderPairs.append(pair) }
        case .skosNotation:
            guard let concept = subject.iri, let value = object.lexicalForm else { return true }
            if notations[concept] == nil { notations[concept] = value.trimmed }
        case .type:
            guard let scheme = subject.iri,
                  object.iri == FrameworkVocabulary.skosConceptScheme || object.iri == FrameworkVocabulary.escoConceptScheme
            else { return false }
            if schemes.insert(scheme).inserted { updateHeader() }
        case .skosInScheme:
            if schemeFromMembership == nil, let scheme = object.iri {
                schemeFromMembership = scheme
                updateHeader()
            }
        case .owlVersionInfo, .dctermsHasVersion:
            guard let subject = subject.iri, let value = object.lexicalForm else { return true }
            if versions[subject] == nil {
                versions[subject] = value.trimmed
                updateHeader()
            }
        case .dctermsTitle:
            guard let subject = subject.iri, case .literal(let text, let language, _) = object else { return true }
            noteSchemeTitle(subject, RankedText(text: text, language: language ?? "", rank: 0))
        default:
            return false
        }
        return true
    }

    /// Joins what is left: description nodes without a language tag.
    mutating func finishJoins() {
        for (node, links) in descriptionLinks {
            guard let value = descriptionNodes[node], let text = value.text else { continue }
            let language = value.language ?? ""
            guard filter.accepts(language) else { continue }
            for link in links {
                addDescription(link.concept, RankedText(text: text, language: language, rank: link.rank))
            }
        }
        let unjoinedLabels = labelLinks.count
        feed.report.ignore("SKOS-XL label nodes without a literal form", unjoinedLabels)
        labelLinks = [:]
        labelForms = [:]
        droppedLabelNodes = []
        descriptionLinks = [:]
        descriptionNodes = [:]
        droppedDescriptionNodes = []
    }

    /// Sends the broader links whose narrower concept `keep` accepts, counting the others.
    mutating func sendBroader(where keep: (String) -> Bool) throws {
        var skipped = 0
        for pair in broaderPairs {
            if keep(pair.narrower) {
                try feed.broader(narrower: pair.narrower, broader: pair.broader)
            } else {
                skipped += 1
            }
        }
        feed.report.ignore("broader links of concepts that are not skills", skipped)
        broaderPairs = []
        broaderSeen = []
    }

    // MARK: - Helpers

    private func isNode(_ term: RDFTerm) -> Bool {
        switch term {
        case .iri, .blank: true
        case .literal: false
        }
    }

    private mutating func emitLabel(concept: String, kind: ConceptLabel.Kind, text: String, language: String) throws {
        guard filter.accepts(language) else { return }
        let text = text.trimmed
        guard !text.isEmpty else { return }
        try feed.label(ConceptLabel(concept: concept, kind: kind, language: language, text: text))
    }

    private mutating func addDescription(_ concept: String, _ candidate: RankedText) {
        guard filter.accepts(candidate.language) else { return }
        var candidate = candidate
        candidate.text = candidate.text.trimmed
        candidate.language = candidate.language.lowercased()
        guard !candidate.text.isEmpty else { return }
        descriptions[concept] = RankedText.best(descriptions[concept], candidate)
    }

    private mutating func updateDescriptionNode(_ subject: RDFTerm, _ node: NodeText) {
        guard let text = node.text, let language = node.language else {
            descriptionNodes[subject] = node
            return
        }
        guard filter.accepts(language) else {
            descriptionNodes[subject] = nil
            descriptionLinks[subject] = nil
            droppedDescriptionNodes.insert(subject.hashValue)
            return
        }
        if let links = descriptionLinks.removeValue(forKey: subject) {
            descriptionNodes[subject] = nil
            for link in links {
                addDescription(link.concept, RankedText(text: text, language: language, rank: link.rank))
            }
        } else {
            descriptionNodes[subject] = node
        }
    }

    private mutating func noteSchemeTitle(_ scheme: String, _ title: RankedText) {
        guard headerUse == .idNameAndVersion else { return }
        schemeTitles[scheme] = RankedText.best(schemeTitles[scheme], title)
        updateHeader()
    }

    /// Updates the header from what the data says, as long as it has not been sent.
    private mutating func updateHeader() {
        guard !feed.begun else { return }
        let scheme = schemes.sorted().first ?? schemeFromMembership
        if let scheme, let version = versions[scheme] {
            feed.header.version = versionNumber(in: version) ?? version
        }
        guard headerUse == .idNameAndVersion, let scheme else { return }
        let name = schemeTitles[scheme]?.text.trimmed ?? feed.header.name
        let version = feed.header.version
        feed.header = FrameworkHeader(id: scheme, name: name, version: version, source: feed.header.source)
    }
}

extension String {
    /// The text without leading and trailing whitespace.
    ///
    /// Most text has none: when the first and last bytes show that (a first byte that starts
    /// no whitespace character, a last byte that is printable ASCII), the text is returned
    /// as is, without looking up Unicode properties or copying.
    var trimmed: String {
        let utf8 = self.utf8
        guard let first = utf8.first, let last = utf8.last else { return self }
        let plainFirst = (0x21...0x7E).contains(first) || (0xC3...0xDF).contains(first) || first >= 0xE4
        if plainFirst {
            if (0x21...0x7E).contains(last) { return self }
            // Ends with a letter U+00C0–U+02FF or U+0380–U+047F (Latin, Greek, Cyrillic): two bytes,
            // the lead one C3–CB or CE–D1; none of these is whitespace or joins what precedes it.
            if (0x80...0xBF).contains(last), utf8.count >= 2 {
                let lead = utf8[utf8.index(utf8.endIndex, offsetBy: -2)]
                if (0xC3...0xCB).contains(lead) || (0xCE...0xD1).contains(lead) { return self }
            }
        }
        return String(trimmingSpaces())
    }
}
