import CairnCore
import CairnFrameworks
import CairnRDF
import CairnSyntax
import Foundation
import Testing

// MARK: - Triple helpers

private let skos = "http://www.w3.org/2004/02/skos/core#"
private let skosxl = "http://www.w3.org/2008/05/skos-xl#"
private let esco = "http://data.europa.eu/esco/model#"
private let dct = "http://purl.org/dc/terms/"
private let rdfType = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
private let skill1 = "http://data.europa.eu/esco/skill/1"
private let skill2 = "http://data.europa.eu/esco/skill/2"
private let occupation1 = "http://data.europa.eu/esco/occupation/1"

private func triple(_ subject: String, _ predicate: String, _ object: String) -> RDFTriple {
    RDFTriple(subject: subject.hasPrefix("_:") ? .blank(String(subject.dropFirst(2))) : .iri(subject),
              predicate: predicate,
              object: object.hasPrefix("_:") ? .blank(String(object.dropFirst(2))) : .iri(object))
}

private func literal(_ subject: String, _ predicate: String, _ text: String, _ language: String? = nil) -> RDFTriple {
    RDFTriple(subject: subject.hasPrefix("_:") ? .blank(String(subject.dropFirst(2))) : .iri(subject),
              predicate: predicate, object: .literal(text, language: language, datatype: nil))
}

private func typed(_ subject: String, _ types: String...) -> [RDFTriple] {
    types.map { triple(subject, rdfType, $0) }
}

private func escoSkill(_ id: String) -> [RDFTriple] { typed(id, skos + "Concept", esco + "Skill") }
private func escoOccupation(_ id: String) -> [RDFTriple] { typed(id, skos + "Concept", esco + "Occupation") }

private func readESCO(_ triples: [RDFTriple], languages: Set<String>? = nil) throws
    -> (framework: Framework, report: FrameworkReadReport) {
    var mapper = ESCOMapper(sink: FrameworkCollector(), languages: languages)
    for item in triples { try mapper.consume(item) }
    try mapper.finish()
    return (mapper.sink.framework, mapper.report)
}

/// Records the order of sink calls, to check that labels stream out before `finish`.
private struct RecordingSink: FrameworkSink {
    var events: [String] = []
    var header: FrameworkHeader?
    mutating func begin(_ header: FrameworkHeader) throws { events.append("begin"); self.header = header }
    mutating func skill(_ skill: SkillRecord) throws { events.append("skill \(skill.id)") }
    mutating func occupation(_ occupation: OccupationRecord) throws { events.append("occupation \(occupation.id)") }
    mutating func label(_ label: ConceptLabel) throws { events.append("label \(label.language) \(label.text)") }
    mutating func broader(narrower: String, broader: String) throws { events.append("broader") }
    mutating func relation(occupation: String, skill: String, kind: SkillRelationKind) throws {
        events.append("relation \(kind.rawValue)")
    }
    mutating func finish() throws { events.append("finish") }
}

// MARK: - ESCO

@Suite("Framework mappers: ESCO")
struct FrameworkESCOMapperTests {
    @Test("skills and occupations come from esco:Skill and esco:Occupation, not from skos:Concept alone")
    func types() throws {
        let triples = escoSkill(skill1) + escoOccupation(occupation1)
            + typed("http://data.europa.eu/esco/isco/C2511", skos + "Concept")
            + [literal("http://data.europa.eu/esco/isco/C2511", skos + "prefLabel", "Systems analysts", "en"),
               literal(skill1, skos + "prefLabel", "use databases", "en")]
        let (framework, report) = try readESCO(triples)
        #expect(Set(framework.skills.keys) == [skill1])
        #expect(Set(framework.occupations.keys) == [occupation1])
        #expect(framework.id == "esco")
        #expect(framework.skills[skill1]?.preferredLabels == ["en": "use databases"])
        #expect(report.skills == 1)
        #expect(report.occupations == 1)
    }

    @Test("plain SKOS labels of every kind, with languages")
    func plainLabels() throws {
        let triples = escoSkill(skill1) + [
            literal(skill1, skos + "prefLabel", "use databases ", "en"),
            literal(skill1, skos + "prefLabel", "Datenbanken verwenden", "de"),
            literal(skill1, skos + "altLabel", "work with databases", "en"),
            literal(skill1, skos + "hiddenLabel", "use DBs", "en"),
        ]
        let skill = try #require(try readESCO(triples).framework.skills[skill1])
        #expect(skill.preferredLabels == ["en": "use databases", "de": "Datenbanken verwenden"])
        #expect(skill.altLabels == ["en": ["work with databases", "use DBs"]])
    }

    @Test("SKOS-XL label nodes, described before or after the link, duplicates of plain labels sent once",
          arguments: [true, false])
    func labelNodes(nodeFirst: Bool) throws {
        let link = [triple(skill1, skosxl + "prefLabel", "http://data.europa.eu/esco/label/a"),
                    triple(skill1, skosxl + "altLabel", "_:b")]
        let nodes = typed("http://data.europa.eu/esco/label/a", skosxl + "Label") + [
            literal("http://data.europa.eu/esco/label/a", skosxl + "literalForm", "use databases", "en"),
            literal("_:b", skosxl + "literalForm", "operate databases", "en"),
        ]
        let plain = [literal(skill1, skos + "prefLabel", "use databases", "en")]
        let triples = escoSkill(skill1) + plain + (nodeFirst ? nodes + link : link + nodes)
        let (framework, report) = try readESCO(triples)
        let skill = try #require(framework.skills[skill1])
        #expect(skill.preferredLabels == ["en": "use databases"])
        #expect(skill.altLabels == ["en": ["operate databases"]])
        #expect(report.labels == 2)
    }

    @Test("a label node linked but never given a literal form is left out and counted")
    func danglingLabelNode() throws {
        let (_, report) = try readESCO(escoSkill(skill1) + [triple(skill1, skosxl + "prefLabel", "_:x")])
        #expect(report.labels == 0)
        #expect(report.ignored["SKOS-XL label nodes without a literal form"] == 1)
    }

    @Test("labels stream to the sink as soon as they are read; structure comes at finish")
    func streaming() throws {
        var mapper = ESCOMapper(sink: RecordingSink())
        for item in escoSkill(skill1) { try mapper.consume(item) }
        try mapper.consume(literal(skill1, skos + "prefLabel", "use databases", "en"))
        #expect(mapper.sink.events == ["begin", "label en use databases"])
        try mapper.consume(triple(skill1, skosxl + "altLabel", "_:n"))
        try mapper.consume(literal("_:n", skosxl + "literalForm", "work with databases", "en"))
        #expect(mapper.sink.events.last == "label en work with databases")
        try mapper.finish()
        #expect(mapper.sink.events.suffix(2) == ["skill \(skill1)", "finish"])
    }

    @Test("essential and optional links: direct, inverse, and association objects in any order",
          arguments: [false, true])
    func relations(reversed: Bool) throws {
        var association = typed("http://data.europa.eu/esco/relation/A", esco + "AssociationObject") + [
            triple("http://data.europa.eu/esco/relation/A", esco + "isAssociationFor", occupation1),
            triple("http://data.europa.eu/esco/relation/A", esco + "target", "http://data.europa.eu/esco/skill/3"),
            triple("http://data.europa.eu/esco/relation/A", esco + "targetFramework",
                   "http://data.europa.eu/esco/concept-scheme/skills"),
            triple("http://data.europa.eu/esco/relation/A", dct + "type",
                   "http://data.europa.eu/esco/relationship-type/optional-skill"),
        ]
        if reversed { association.reverse() }
        let triples = escoOccupation(occupation1) + escoSkill(skill1) + escoSkill(skill2) + association + [
            triple(occupation1, esco + "relatedEssentialSkill", skill1),
            triple(skill1, esco + "isEssentialSkillFor", occupation1),
            triple(skill2, esco + "isOptionalSkillFor", occupation1),
            // The same relation again as an association object: sent once.
            triple("_:r", esco + "isAssociationFor", occupation1),
            triple("_:r", esco + "target", skill1),
            triple("_:r", dct + "type", "http://data.europa.eu/esco/relationship-type/essential-skill"),
        ]
        let (framework, report) = try readESCO(triples)
        let occupation = try #require(framework.occupations[occupation1])
        #expect(occupation.essentialSkills == [skill1])
        #expect(Set(occupation.optionalSkills) == [skill2, "http://data.europa.eu/esco/skill/3"])
        #expect(report.relations == 3)
    }

    @Test("links whose subject is not an occupation, and incomplete association objects, are left out")
    func relationsLeftOut() throws {
        let triples = escoSkill(skill1) + escoSkill(skill2) + escoOccupation(occupation1) + [
            // ESCO links skills to skills with the same properties.
            triple(skill2, esco + "relatedOptionalSkill", skill1),
            triple("_:s", esco + "isAssociationFor", skill2),
            triple("_:s", esco + "target", skill1),
            triple("_:s", dct + "type", "http://data.europa.eu/esco/relationship-type/optional-skill"),
            triple("_:incomplete", esco + "isAssociationFor", occupation1),
            triple("_:other", esco + "isAssociationFor", occupation1),
            triple("_:other", esco + "target", skill1),
            triple("_:other", dct + "type", "http://data.europa.eu/esco/relationship-type/something-else"),
            // dcterms:type on anything else is not an association.
            triple(skill1, dct + "type", "http://purl.org/dc/dcmitype/Text"),
        ]
        let (framework, report) = try readESCO(triples)
        #expect(framework.occupations[occupation1]?.essentialSkills == [])
        #expect(framework.occupations[occupation1]?.optionalSkills == [])
        #expect(report.relations == 0)
        #expect(report.ignored["relations whose subject is not an esco:Occupation"] == 1)
        #expect(report.ignored["incomplete AssociationObjects"] == 1)
        #expect(report.ignored["AssociationObjects of other relationship types"] == 1)
    }

    @Test("skill type, reuse level and ISCO group in readable form")
    func attributes() throws {
        let triples = escoSkill(skill1) + escoSkill(skill2) + escoOccupation(occupation1) + [
            triple(skill1, esco + "skillType", "http://data.europa.eu/esco/skill-type/skill"),
            triple(skill1, esco + "skillReuseLevel", "http://data.europa.eu/esco/skill-reuse-level/cross-sector"),
            triple(skill2, esco + "skillType", "http://data.europa.eu/esco/skill-type/knowledge"),
            triple(skill2, esco + "skillReuseLevel", "http://data.europa.eu/esco/skill-reuse-level/sector-specific"),
            triple(occupation1, esco + "memberOfISCOGroup", "http://data.europa.eu/esco/isco/C2511"),
            triple(occupation1, esco + "memberOfISCOGroup", "http://data.europa.eu/esco/isco/C2512"),
        ]
        let framework = try readESCO(triples).framework
        #expect(framework.skills[skill1]?.skillType == "skill/competence")
        #expect(framework.skills[skill1]?.reuseLevel == "cross-sector")
        #expect(framework.skills[skill2]?.skillType == "knowledge")
        #expect(framework.skills[skill2]?.reuseLevel == "sector-specific")
        #expect(framework.occupations[occupation1]?.iscoGroup == "2511")
    }

    @Test("descriptions as literals or esco:nodeLiteral nodes, before or after the link; English wins",
          arguments: [true, false])
    func descriptions(nodeFirst: Bool) throws {
        let node = "http://data.europa.eu/esco/node-literal/1"
        let nodeTriples = typed(node, esco + "NodeLiteral") + [
            literal(node, esco + "nodeLiteral", "Use database software."),
            RDFTriple(subject: .iri(node), predicate: esco + "language",
                      object: .literal("en", language: nil, datatype: "http://www.w3.org/2001/XMLSchema#language")),
        ]
        let links = [
            literal(skill1, dct + "description", "Datenbanksoftware verwenden.", "de"),
            triple(skill1, dct + "description", node),
            literal(occupation1, skos + "definition", "A definition.", "en"),
            literal(occupation1, dct + "description", "A description.", "en"),
        ]
        let triples = escoSkill(skill1) + escoOccupation(occupation1) + (nodeFirst ? nodeTriples + links : links + nodeTriples)
        let framework = try readESCO(triples).framework
        #expect(framework.skills[skill1]?.description == "Use database software.")
        #expect(framework.occupations[occupation1]?.description == "A description.")
        let german = try readESCO(triples, languages: ["de"]).framework
        #expect(german.skills[skill1]?.description == "Datenbanksoftware verwenden.")
    }

    @Test("the language filter applies to labels, label nodes and descriptions; en keeps en-us")
    func languageFilter() throws {
        let triples = escoSkill(skill1) + [
            literal(skill1, skos + "prefLabel", "use databases", "en"),
            literal(skill1, skos + "prefLabel", "use databases (US)", "en-us"),
            literal(skill1, skos + "prefLabel", "Datenbanken verwenden", "de"),
            literal("_:de", skosxl + "literalForm", "DB nutzen", "de"),
            triple(skill1, skosxl + "altLabel", "_:de"),
            triple(skill1, skosxl + "altLabel", "_:fr"),
            literal("_:fr", skosxl + "literalForm", "utiliser des bases", "fr"),
            triple(skill1, dct + "description", "_:d"),
            literal("_:d", esco + "language", "de"),
            literal("_:d", esco + "nodeLiteral", "Beschreibung."),
        ]
        let english = try readESCO(triples, languages: ["en"])
        #expect(english.framework.skills[skill1]?.preferredLabels == ["en": "use databases", "en-us": "use databases (US)"])
        #expect(english.framework.skills[skill1]?.altLabels == [:])
        #expect(english.framework.skills[skill1]?.description == nil)
        let german = try readESCO(triples, languages: ["DE"])
        #expect(german.framework.skills[skill1]?.preferredLabels == ["de": "Datenbanken verwenden"])
        #expect(german.framework.skills[skill1]?.altLabels == ["de": ["DB nutzen"]])
        #expect(german.framework.skills[skill1]?.description == "Beschreibung.")
        let all = try readESCO(triples)
        #expect(all.report.labels == 5)
    }

    @Test("broader links are kept for skills only; narrower is read as the inverse")
    func broader() throws {
        let triples = escoSkill(skill1) + escoOccupation(occupation1) + [
            triple(skill1, skos + "broader", "http://data.europa.eu/esco/skill/group"),
            triple("http://data.europa.eu/esco/skill/parent", skos + "narrower", skill1),
            triple(skill1, skos + "broader", "http://data.europa.eu/esco/skill/group"),
            triple(occupation1, skos + "broader", "http://data.europa.eu/esco/isco/C2511"),
        ]
        let (framework, report) = try readESCO(triples)
        #expect(framework.skills[skill1]?.broader == ["http://data.europa.eu/esco/skill/group",
                                                       "http://data.europa.eu/esco/skill/parent"])
        #expect(report.broaderLinks == 2)
        #expect(report.ignored["broader links of concepts that are not skills"] == 1)
    }

    @Test("the version comes from a concept scheme read before the first label, else from the header")
    func version() throws {
        let scheme = "http://data.europa.eu/esco/concept-scheme/skills"
        let triples = typed(scheme, skos + "ConceptScheme", esco + "ConceptScheme")
            + [literal(scheme, "http://www.w3.org/2002/07/owl#versionInfo", "v1.2.0")]
            + escoSkill(skill1) + [literal(skill1, skos + "prefLabel", "use databases", "en")]
        #expect(try readESCO(triples).framework.version == "1.2.0")
        var mapper = ESCOMapper(sink: FrameworkCollector(), header: FrameworkHeader(id: "esco", name: "ESCO", version: "1.1.1"))
        for item in triples.reversed() { try mapper.consume(item) }
        try mapper.finish()
        #expect(mapper.sink.framework.version == "1.1.1")
    }

    @Test("statements it does not know are ignored")
    func unknown() throws {
        let triples = escoSkill(skill1) + [
            literal(skill1, "http://purl.org/iso25964/skos-thes#status", "released"),
            triple(skill1, esco + "hasAssociation", "_:x"),
            RDFTriple(subject: .blank("b"), predicate: skos + "prefLabel", object: .literal("blank", language: "en", datatype: nil)),
            literal(skill1, esco + "skillType", "knowledge"),
        ]
        let (framework, report) = try readESCO(triples)
        #expect(framework.skills.count == 1)
        #expect(framework.skills[skill1]?.skillType == "knowledge")
        #expect(report.labels == 0)
    }
}

// MARK: - SFIA

@Suite("Framework mappers: SFIA")
struct FrameworkSFIAMapperTests {
    static let sfia9 = "https://rdf.sfia-online.org/9/ontology/"
    static let sfia8 = "https://sfia-online.org/ontology/"

    private func read(_ triples: [RDFTriple], languages: Set<String>? = nil) throws -> (Framework, FrameworkReadReport) {
        var mapper = SFIAMapper(sink: FrameworkCollector(), languages: languages)
        for item in triples { try mapper.consume(item) }
        try mapper.finish()
        return (mapper.sink.framework, mapper.report)
    }

    @Test("SFIA 9 vocabulary: code, labels held until the code is known, levels through level resources, category label")
    func sfia9Skill() throws {
        let ns = Self.sfia9
        let skill = "https://rdf.sfia-online.org/9/skills/PROG"
        let category = "https://rdf.sfia-online.org/9/categories/systems_development"
        var triples = typed(skill, ns + "Skill") + [
            literal(skill, "http://www.w3.org/2000/01/rdf-schema#label", "Programming/software development", "en"),
            literal(skill, "http://www.w3.org/2000/01/rdf-schema#label", "Programmierung", "de"),
            literal(skill, skos + "notation", "PROG"),
            literal(skill, ns + "skillDescription", "Writing code.", "en"),
            triple(skill, ns + "skillCategory", category),
            literal(category, skos + "prefLabel", "Systems development", "en"),
        ]
        for level in [2, 3, 4] {
            let node = "https://rdf.sfia-online.org/9/skilllevels/PROG_\(level)x"
            triples += [
                triple(skill, ns + "definedAtLevel", node),
                triple(node, ns + "level", "https://rdf.sfia-online.org/9/lor/L\(level)"),
                RDFTriple(subject: .iri("https://rdf.sfia-online.org/9/lor/L\(level)"), predicate: skos + "notation",
                          object: .literal("\(level)", language: nil, datatype: "http://www.w3.org/2001/XMLSchema#integer")),
            ]
        }
        let (framework, report) = try read(triples, languages: ["en"])
        #expect(framework.id == "sfia")
        #expect(framework.version == "9")
        let prog = try #require(framework.skills["PROG"])
        #expect(prog.code == "PROG")
        #expect(prog.preferredLabels == ["en": "Programming/software development"])
        #expect(prog.description == "Writing code.")
        #expect(prog.category == "Systems development")
        #expect(prog.levels == [2, 3, 4])
        #expect(report.skills == 1)
        #expect(report.labels == 1)
    }

    @Test("SFIA 8 vocabulary: levels from skill-level IRIs, category from its IRI, code from the IRI when no notation")
    func sfia8Skill() throws {
        let ns = Self.sfia8
        let skill = "https://sfia-online.org/en/skillcode/8/DTAN"
        let triples = typed(skill, ns + "Skill") + [
            literal(skill, skos + "prefLabel", "Data modelling and design", "en"),
            triple(skill, ns + "definedAtLevel", "https://sfia-online.org/ontology/skilllevel/DTAN_5"),
            triple(skill, ns + "definedAtLevel", "https://sfia-online.org/ontology/skilllevel/DTAN_2"),
            literal("https://sfia-online.org/ontology/skilllevel/DTAN_3", skos + "notation", "DTAN_3"),
            triple(skill, ns + "definedAtLevel", "https://sfia-online.org/ontology/skilllevel/DTAN_3"),
            triple(skill, ns + "skillCategory", "https://sfia-online.org/ontology/categories/data_and_analytics"),
            literal("https://example.org/other", skos + "prefLabel", "not a skill", "en"),
        ]
        let (framework, _) = try read(triples)
        let dtan = try #require(framework.skills["DTAN"])
        #expect(dtan.levels == [2, 3, 5])
        #expect(dtan.category == "Data and analytics")
        #expect(dtan.preferredLabels == ["en": "Data modelling and design"])
        #expect(framework.skills.count == 1)
        #expect(framework.version == nil)
    }

    @Test("level numbers given as integers, levelNumber, and a literal category")
    func literalLevels() throws {
        let ns = Self.sfia9
        let skill = "https://rdf.sfia-online.org/9/skills/DBDS"
        let triples = typed(skill, ns + "Skill") + [
            literal(skill, skos + "notation", "DBDS"),
            RDFTriple(subject: .iri(skill), predicate: ns + "definedAtLevel",
                      object: .literal("6", language: nil, datatype: "http://www.w3.org/2001/XMLSchema#integer")),
            triple(skill, ns + "definedAtLevel", "https://example.org/level-node"),
            literal("https://example.org/level-node", ns + "levelNumber", "4"),
            literal(skill, ns + "skillCategory", "Data and analytics"),
        ]
        let dbds = try #require(try read(triples).0.skills["DBDS"])
        #expect(dbds.levels == [4, 6])
        #expect(dbds.category == "Data and analytics")
    }
}

// MARK: - SKOS

@Suite("Framework mappers: SKOS")
struct FrameworkSKOSMapperTests {
    private func read(_ triples: [RDFTriple], languages: Set<String>? = nil) throws -> (Framework, FrameworkReadReport) {
        var mapper = SKOSMapper(sink: FrameworkCollector(), header: FrameworkHeader(id: "my-file", name: "my-file"),
                                languages: languages)
        for item in triples { try mapper.consume(item) }
        try mapper.finish()
        return (mapper.sink.framework, mapper.report)
    }

    @Test("any skos:Concept is a skill, with labels, notation, broader, narrower and definition")
    func concepts() throws {
        let scheme = "https://example.org/scheme"
        let a = "https://example.org/c/a", b = "https://example.org/c/b", c = "https://example.org/c/c"
        let triples = typed(scheme, skos + "ConceptScheme") + [
            literal(scheme, dct + "title", "Example Competencies", "en"),
            literal(scheme, "http://www.w3.org/2002/07/owl#versionInfo", "2024.1"),
        ] + typed(a, skos + "Concept") + typed(b, skos + "Concept") + typed(c, skos + "Concept") + [
            literal(a, skos + "prefLabel", "Data", "en"),
            literal(a, skos + "notation", "D"),
            literal(b, skos + "prefLabel", "SQL", "en"),
            literal(b, skos + "definition", "Query language.", "en"),
            triple(b, skos + "broader", a),
            triple(a, skos + "narrower", c),
            triple(c, skosxl + "prefLabel", "_:l"),
            literal("_:l", skosxl + "literalForm", "Dashboards", "en"),
            literal("https://example.org/not-a-concept", skos + "prefLabel", "Other", "en"),
        ]
        let (framework, report) = try read(triples)
        #expect(framework.id == scheme)
        #expect(framework.name == "Example Competencies")
        #expect(framework.version == "2024.1")
        #expect(framework.skills.count == 3)
        #expect(framework.skills[a]?.code == "D")
        #expect(framework.skills[b]?.broader == [a])
        #expect(framework.skills[c]?.broader == [a])
        #expect(framework.skills[b]?.description == "Query language.")
        #expect(framework.skills[c]?.preferredLabels == ["en": "Dashboards"])
        #expect(report.broaderLinks == 2)
    }

    @Test("without a concept scheme, the header passed in is kept")
    func noScheme() throws {
        let triples = typed("https://example.org/c/a", skos + "Concept")
            + [literal("https://example.org/c/a", skos + "prefLabel", "A")]
        let framework = try read(triples).0
        #expect(framework.id == "my-file")
        #expect(framework.skills["https://example.org/c/a"]?.preferredLabels == ["": "A"])
    }
}
