public import CairnCore
public import CairnRDF
import CairnSyntax

/// Turns a stream of ESCO RDF statements into skills, occupations, labels, broader links and
/// occupation–skill relations for a ``FrameworkSink``.
///
/// Understood (namespace `esco:` = `http://data.europa.eu/esco/model#`):
/// - skills and occupations: subjects typed `esco:Skill` / `esco:Occupation`; anything else
///   (ISCO groups, skill groups typed only `skos:Concept`, label nodes, …) is not a skill;
/// - labels: `skos:prefLabel`, `skos:altLabel`, `skos:hiddenLabel` literals, and SKOS-XL label
///   nodes (`skosxl:prefLabel`/`altLabel`/`hiddenLabel` → node → `skosxl:literalForm`), the node
///   described before or after the link; sent as soon as concept and text are known (labels of
///   non-skills go to the sink too, which drops them); exact duplicates are sent once;
/// - descriptions: `dcterms:description` (preferred), `skos:definition` as literals or as
///   nodes with `esco:nodeLiteral` and `esco:language`; one per concept, English first;
/// - `esco:skillType` (`…/skill-type/skill` → `skill/competence`, as in ESCO's CSV; otherwise
///   the last path segment, e.g. `knowledge`), `esco:skillReuseLevel` (last path segment,
///   e.g. `cross-sector`), `esco:memberOfISCOGroup` (`…/isco/C2511` → `2511`);
/// - relations: `esco:relatedEssentialSkill`/`relatedOptionalSkill` (occupation → skill), their
///   inverses `esco:isEssentialSkillFor`/`isOptionalSkillFor` (skill → occupation), and
///   `esco:AssociationObject` nodes (`esco:isAssociationFor` the occupation, `esco:target` the
///   skill, `dcterms:type` `http://data.europa.eu/esco/relationship-type/essential-skill` or
///   `…/optional-skill`). A relation is sent once, and only when its occupation is typed
///   `esco:Occupation` (ESCO uses the same properties between skills; those are counted as left out);
/// - `skos:broader` / `skos:narrower` between concepts, sent for skills only;
/// - the version: `owl:versionInfo` or `dcterms:hasVersion` of a concept scheme, when read
///   before the first label (the header is sent then).
///
/// Every other statement is ignored. The language filter applies to labels and descriptions.
/// Skills, occupations, broader links and relations are sent by ``finish()``.
public struct ESCOMapper<Sink: FrameworkSink> {
    // The work is done by a non-generic mapper, so the per-statement code is specialised once in
    // this module whatever the sink type.
    private var graph: ESCOGraphMapper

    /// The sink, holding what was sent once ``finish()`` has run.
    public var sink: Sink { graph.core.feed.sink.unwrap(as: Sink.self) }
    /// What was sent and left out so far.
    public var report: FrameworkReadReport { graph.core.feed.report }

    /// - Parameters:
    ///   - header: Sent before the first label; its version is replaced by a concept scheme's
    ///     `owl:versionInfo` when that comes first.
    ///   - languages: The language tags to keep (`nil` keeps all); see ``FrameworkReader``.
    public init(sink: Sink, header: FrameworkHeader = FrameworkHeader(id: "esco", name: "ESCO"),
                languages: Set<String>? = nil) {
        graph = ESCOGraphMapper(sink: ErasedFrameworkSink(sink), header: header, languages: languages)
    }

    public mutating func consume(_ triple: RDFTriple) throws {
        try graph.consume(triple)
    }

    /// Sends skills, occupations, broader links of skills and relations, then finishes the sink.
    public mutating func finish() throws {
        try graph.finish()
    }
}

/// What ``ESCOMapper`` does, for any sink.
struct ESCOGraphMapper {
    fileprivate(set) var core: ConceptGraphCore

    private struct ConceptInfo {
        var skillType: String?
        var reuseLevel: String?
        var iscoGroup: String?
    }
    private var skills = Set<String>()
    private var occupations = Set<String>()
    private var info: [String: ConceptInfo] = [:]

    private struct Association {
        var occupation: String?
        var skill: String?
        var type: String?
    }
    private var associations: [RDFTerm: Association] = [:]

    struct Relation: Hashable, Comparable {
        var occupation: String
        var skill: String
        var kind: SkillRelationKind

        static func < (lhs: Relation, rhs: Relation) -> Bool {
            (lhs.occupation, lhs.skill, lhs.kind.rawValue) < (rhs.occupation, rhs.skill, rhs.kind.rawValue)
        }
    }
    private var relations = Set<Relation>()

    init(sink: ErasedFrameworkSink, header: FrameworkHeader, languages: Set<String>?) {
        core = ConceptGraphCore(feed: SinkFeed(sink: sink, header: header), languages: languages,
                                headerUse: .versionOnly)
    }

    mutating func consume(_ triple: RDFTriple) throws {
        guard let term = FrameworkVocabulary.term(triple.predicate) else { return }
        if try core.consume(triple, term: term) { return }
        let subject = triple.subject
        let object = triple.object
        switch term {
        case .type:
            guard let id = subject.iri else { return }
            if object.iri == FrameworkVocabulary.escoSkill { skills.insert(id) }
            if object.iri == FrameworkVocabulary.escoOccupation { occupations.insert(id) }
        case .escoSkillType:
            guard let id = subject.iri, let value = object.iri ?? object.lexicalForm else { return }
            let name = FrameworkVocabulary.localName(value.trimmed)
            info[id, default: ConceptInfo()].skillType = name == "skill" ? "skill/competence" : name
        case .escoSkillReuseLevel:
            guard let id = subject.iri, let value = object.iri ?? object.lexicalForm else { return }
            info[id, default: ConceptInfo()].reuseLevel = FrameworkVocabulary.localName(value.trimmed)
        case .escoMemberOfISCOGroup:
            guard let id = subject.iri, let value = object.iri ?? object.lexicalForm,
                  info[id]?.iscoGroup == nil else { return }
            var code = FrameworkVocabulary.localName(value.trimmed)
            if code.hasPrefix("C"), code.dropFirst().allSatisfy(\.isNumber), code.count > 1 { code.removeFirst() }
            info[id, default: ConceptInfo()].iscoGroup = code
        case .escoRelatedEssentialSkill, .escoRelatedOptionalSkill:
            guard let occupation = subject.iri, let skill = object.iri else { return }
            let kind: SkillRelationKind = term == .escoRelatedEssentialSkill ? .essential : .optional
            relations.insert(Relation(occupation: occupation, skill: skill, kind: kind))
        case .escoIsEssentialSkillFor, .escoIsOptionalSkillFor:
            guard let skill = subject.iri, let occupation = object.iri else { return }
            let kind: SkillRelationKind = term == .escoIsEssentialSkillFor ? .essential : .optional
            relations.insert(Relation(occupation: occupation, skill: skill, kind: kind))
        case .escoIsAssociationFor:
            guard let occupation = object.iri else { return }
            updateAssociation(subject) { $0.occupation = occupation }
        case .escoTarget:
            guard let skill = object.iri else { return }
            updateAssociation(subject) { $0.skill = skill }
        case .dctermsType:
            guard let type = object.iri, type.hasPrefix(FrameworkVocabulary.escoRelationshipTypePrefix) else { return }
            updateAssociation(subject) { $0.type = type }
        default:
            return
        }
    }

    mutating func finish() throws {
        core.finishJoins()
        for id in skills.sorted() {
            let info = info[id]
            try core.feed.skill(SkillRecord(id: id, skillType: info?.skillType, reuseLevel: info?.reuseLevel,
                                            description: core.descriptions[id]?.text, code: core.notations[id]))
        }
        for id in occupations.sorted() {
            try core.feed.occupation(OccupationRecord(id: id, iscoGroup: info[id]?.iscoGroup,
                                                      description: core.descriptions[id]?.text))
        }
        let skills = skills
        try core.sendBroader { skills.contains($0) }
        var notOccupation = 0
        for relation in Self.sorted(relations) {
            guard occupations.contains(relation.occupation) else {
                notOccupation += 1
                continue
            }
            try core.feed.relation(occupation: relation.occupation, skill: relation.skill, kind: relation.kind)
        }
        core.feed.report.ignore("relations whose subject is not an esco:Occupation", notOccupation)
        var incomplete = 0
        var otherTypes = 0
        for association in associations.values {
            if association.occupation != nil, association.skill != nil, association.type != nil {
                otherTypes += 1
            } else {
                incomplete += 1
            }
        }
        core.feed.report.ignore("incomplete AssociationObjects", incomplete)
        core.feed.report.ignore("AssociationObjects of other relationship types", otherTypes)
        relations = []
        associations = [:]
        info = [:]
        try core.feed.finish()
    }

    /// The relations in `<` order, sorted by integer ranks of their occupations and skills
    /// (string comparisons only to rank the few distinct ids, not for every comparison of the sort).
    private static func sorted(_ relations: Set<Relation>) -> [Relation] {
        var occupationRanks: [String: Int] = [:]
        var skillRanks: [String: Int] = [:]
        for relation in relations {
            occupationRanks[relation.occupation] = 0
            skillRanks[relation.skill] = 0
        }
        for (rank, id) in occupationRanks.keys.sorted().enumerated() { occupationRanks[id] = rank }
        for (rank, id) in skillRanks.keys.sorted().enumerated() { skillRanks[id] = rank }
        var keyed = relations.map { relation in
            (key: (occupationRanks[relation.occupation]! << 32) | (skillRanks[relation.skill]! << 1)
                | (relation.kind == .essential ? 0 : 1), relation: relation)
        }
        keyed.sort { $0.key < $1.key }
        return keyed.map(\.relation)
    }

    private mutating func updateAssociation(_ node: RDFTerm, _ change: (inout Association) -> Void) {
        var association = associations[node] ?? Association()
        change(&association)
        guard let occupation = association.occupation, let skill = association.skill, let type = association.type else {
            associations[node] = association
            return
        }
        let kind: SkillRelationKind? = switch type {
        case FrameworkVocabulary.escoEssentialSkillType: .essential
        case FrameworkVocabulary.escoOptionalSkillType: .optional
        default: nil
        }
        guard let kind else {
            associations[node] = association
            return
        }
        associations[node] = nil
        relations.insert(Relation(occupation: occupation, skill: skill, kind: kind))
    }
}
