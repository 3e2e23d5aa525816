import CairnRDF
import CairnSyntax
/// The IRIs the framework mappers understand.
///
/// Sources: the ESCO model (`http://data.europa.eu/esco/model#`, as published in ESCO's
/// RDF downloads), SKOS and SKOS-XL (W3C), DCMI terms, and the SFIA RDF conversion's
/// vocabulary (`https://sfia-online.org/ontology/` for SFIA 8, `https://rdf.sfia-online.org/9/ontology/`
/// for SFIA 9), whose terms are matched by local name.
enum FrameworkVocabulary {
    static let rdf = RDFVocabulary.namespace
    static let rdfs = "http://www.w3.org/2000/01/rdf-schema#"
    static let skos = "http://www.w3.org/2004/02/skos/core#"
    static let skosxl = "http://www.w3.org/2008/05/skos-xl#"
    static let dcterms = "http://purl.org/dc/terms/"
    static let dcElements = "http://purl.org/dc/elements/1.1/"
    static let owl = "http://www.w3.org/2002/07/owl#"
    static let esco = "http://data.europa.eu/esco/model#"

    static let type = RDFVocabulary.type
    static let rdfsLabel = rdfs + "label"

    static let skosConcept = skos + "Concept"
    static let skosConceptScheme = skos + "ConceptScheme"
    static let skosPrefLabel = skos + "prefLabel"
    static let skosAltLabel = skos + "altLabel"
    static let skosHiddenLabel = skos + "hiddenLabel"
    static let skosBroader = skos + "broader"
    static let skosNarrower = skos + "narrower"
    static let skosDefinition = skos + "definition"
    static let skosNotation = skos + "notation"
    static let skosInScheme = skos + "inScheme"

    static let skosxlPrefLabel = skosxl + "prefLabel"
    static let skosxlAltLabel = skosxl + "altLabel"
    static let skosxlHiddenLabel = skosxl + "hiddenLabel"
    static let skosxlLiteralForm = skosxl + "literalForm"

    static let dctermsDescription = dcterms + "description"
    static let dctermsTitle = dcterms + "title"
    static let dctermsType = dcterms + "type"
    static let dctermsHasVersion = dcterms + "hasVersion"
    static let dcElementsDescription = dcElements + "description"
    static let owlVersionInfo = owl + "versionInfo"

    static let escoSkill = esco + "Skill"
    static let escoOccupation = esco + "Occupation"
    static let escoConceptScheme = esco + "ConceptScheme"
    static let escoAssociationObject = esco + "AssociationObject"
    static let escoRelatedEssentialSkill = esco + "relatedEssentialSkill"
    static let escoRelatedOptionalSkill = esco + "relatedOptionalSkill"
    static let escoIsEssentialSkillFor = esco + "isEssentialSkillFor"
    static let escoIsOptionalSkillFor = esco + "isOptionalSkillFor"
    static let escoIsAssociationFor = esco + "isAssociationFor"
    static let escoTarget = esco + "target"
    static let escoSkillType = esco + "skillType"
    static let escoSkillReuseLevel = esco + "skillReuseLevel"
    static let escoMemberOfISCOGroup = esco + "memberOfISCOGroup"
    static let escoNodeLiteral = esco + "nodeLiteral"
    static let escoLanguage = esco + "language"
    /// `dcterms:type` of an AssociationObject linking an occupation to an essential skill.
    static let escoEssentialSkillType = "http://data.europa.eu/esco/relationship-type/essential-skill"
    static let escoOptionalSkillType = "http://data.europa.eu/esco/relationship-type/optional-skill"
    static let escoRelationshipTypePrefix = "http://data.europa.eu/esco/relationship-type/"

    /// The predicates the SKOS and ESCO mappers act on, so a mapper tells a triple's predicate
    /// once (one cheap lookup) rather than comparing it with each constant in turn.
    enum Term: UInt8 {
        case type
        case skosPrefLabel, skosAltLabel, skosHiddenLabel
        case skosxlPrefLabel, skosxlAltLabel, skosxlHiddenLabel, skosxlLiteralForm
        case dctermsDescription, skosDefinition, dcElementsDescription
        case escoNodeLiteral, escoLanguage
        case skosBroader, skosNarrower, skosNotation, skosInScheme
        case owlVersionInfo, dctermsHasVersion, dctermsTitle, dctermsType
        case escoSkillType, escoSkillReuseLevel, escoMemberOfISCOGroup
        case escoRelatedEssentialSkill, escoRelatedOptionalSkill
        case escoIsEssentialSkillFor, escoIsOptionalSkillFor
        case escoIsAssociationFor, escoTarget
    }

    private static let termIRIs: [(String, Term)] = [
        (type, .type),
        (skosPrefLabel, .skosPrefLabel), (skosAltLabel, .skosAltLabel), (skosHiddenLabel, .skosHiddenLabel),
        (skosxlPrefLabel, .skosxlPrefLabel), (skosxlAltLabel, .skosxlAltLabel),
        (skosxlHiddenLabel, .skosxlHiddenLabel), (skosxlLiteralForm, .skosxlLiteralForm),
        (dctermsDescription, .dctermsDescription), (skosDefinition, .skosDefinition),
        (dcElementsDescription, .dcElementsDescription),
        (escoNodeLiteral, .escoNodeLiteral), (escoLanguage, .escoLanguage),
        (skosBroader, .skosBroader), (skosNarrower, .skosNarrower), (skosNotation, .skosNotation),
        (skosInScheme, .skosInScheme),
        (owlVersionInfo, .owlVersionInfo), (dctermsHasVersion, .dctermsHasVersion), (dctermsTitle, .dctermsTitle),
        (dctermsType, .dctermsType),
        (escoSkillType, .escoSkillType), (escoSkillReuseLevel, .escoSkillReuseLevel),
        (escoMemberOfISCOGroup, .escoMemberOfISCOGroup),
        (escoRelatedEssentialSkill, .escoRelatedEssentialSkill), (escoRelatedOptionalSkill, .escoRelatedOptionalSkill),
        (escoIsEssentialSkillFor, .escoIsEssentialSkillFor), (escoIsOptionalSkillFor, .escoIsOptionalSkillFor),
        (escoIsAssociationFor, .escoIsAssociationFor), (escoTarget, .escoTarget),
    ]

    /// The terms by the UTF-8 length of their IRI: a predicate is compared only with the few of
    /// its length (a length check and a byte comparison, no hashing).
    private static let termsByLength: [[(String, Term)]] = {
        var table = [[(String, Term)]](repeating: [], count: (termIRIs.map { $0.0.utf8.count }.max() ?? 0) + 1)
        for entry in termIRIs { table[entry.0.utf8.count].append(entry) }
        return table
    }()

    /// The term a predicate IRI is, or nil for any other predicate.
    static func term(_ predicate: String) -> Term? {
        let length = predicate.utf8.count
        guard length < termsByLength.count else { return nil }
        for (iri, term) in termsByLength[length] where iri == predicate { return term }
        return nil
    }

    /// Hosts of SFIA RDF vocabularies; a term is SFIA's when its IRI is on one of them and has an
    /// `/ontology/` path segment.
    static let sfiaHosts = ["https://sfia-online.org/", "http://sfia-online.org/",
                            "https://rdf.sfia-online.org/", "http://rdf.sfia-online.org/"]

    /// The local name of an SFIA vocabulary term (`Skill`, `definedAtLevel`), or nil for other IRIs.
    static func sfiaTerm(_ iri: String) -> String? {
        guard sfiaHosts.contains(where: { iri.hasPrefix($0) }), iri.contains("/ontology/") else { return nil }
        return localName(iri)
    }

    /// The part of an IRI after its last `#` or `/`.
    static func localName(_ iri: String) -> String {
        if let index = iri.lastIndex(where: { $0 == "#" || $0 == "/" }) {
            let name = iri[iri.index(after: index)...]
            if !name.isEmpty { return String(name) }
        }
        return iri
    }
}
