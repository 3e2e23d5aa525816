public import CairnCore
public import CairnRDF

/// Turns a stream of plain SKOS statements into skills for a ``FrameworkSink``: for
/// vocabularies that are neither ESCO nor SFIA.
///
/// Every subject typed `skos:Concept` becomes a skill with its IRI as id; `skos:notation`
/// gives its code; labels, SKOS-XL label nodes, descriptions (`dcterms:description`, then
/// `skos:definition`) and `skos:broader`/`skos:narrower` are read as by ``ESCOMapper``. The
/// framework id is the concept scheme's IRI (a subject typed `skos:ConceptScheme`, else the
/// first `skos:inScheme` object) and its name the scheme's `dcterms:title` or `skos:prefLabel`
/// — when read before the first label; otherwise the header passed in is kept.
/// Other statements are ignored.
public struct SKOSMapper<Sink: FrameworkSink> {
    private var core: ConceptGraphCore
    private var concepts = Set<String>()

    public var sink: Sink { core.feed.sink.unwrap(as: Sink.self) }
    public var report: FrameworkReadReport { core.feed.report }

    public init(sink: Sink, header: FrameworkHeader, languages: Set<String>? = nil) {
        core = ConceptGraphCore(feed: SinkFeed(sink: ErasedFrameworkSink(sink), header: header), languages: languages,
                                headerUse: .idNameAndVersion)
    }

    public mutating func consume(_ triple: RDFTriple) throws {
        guard let term = FrameworkVocabulary.term(triple.predicate) else { return }
        if try core.consume(triple, term: term) { return }
        if term == .type, triple.object.iri == FrameworkVocabulary.skosConcept,
           let id = triple.subject.iri {
            concepts.insert(id)
        }
    }

    /// Sends the skills and their broader links, then finishes the sink.
    public mutating func finish() throws {
        core.finishJoins()
        for id in concepts.sorted() {
            try core.feed.skill(SkillRecord(id: id, description: core.descriptions[id]?.text, code: core.notations[id]))
        }
        let concepts = concepts
        try core.sendBroader { concepts.contains($0) }
        try core.feed.finish()
    }
}
