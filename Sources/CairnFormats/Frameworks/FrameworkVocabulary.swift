/// The IRIs the framework mappers understand.
///
/// Sources: the ESCO model (`http://data.europa.eu/esco/model#`, as published in ESCO's
/// RDF downloads), SKOS and SKOS-XL (W3C), DCMI terms, and the SFIA RDF conversion's
/// vocabulary (`https://sfia-online.org/ontology/` for SFIA 8, `https://rdf.sfia-online.org/9/ontology/`
/// for SFIA 9), whose terms are matched by local name.
enum FrameworkVocabulary {
    static let rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    static let rdfs = "http://www.w3.org/2000/01/rdf-schema#"
    static let skos = "http://www.w3.org/2004/02/skos/core#"
    static let skosxl = "http://www.w3.org/2008/05/skos-xl#"
    static let dcterms = "http://purl.org/dc/terms/"
    static let dcElements = "http://purl.org/dc/elements/1.1/"
    static let owl = "http://www.w3.org/2002/07/owl#"
    static let esco = "http://data.europa.eu/esco/model#"

    static let type = rdf + "type"
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
