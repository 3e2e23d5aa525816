import Foundation

/// Writes an ESCO-shaped RDF/XML file at full scale, deterministically from a seed: skills and
/// occupations as `skos:Concept`s typed `esco:Skill`/`esco:Occupation`, `skosxl` label nodes and hidden labels in
/// 28 languages, `esco:nodeLiteral` descriptions, broader links, and occupation–skill relations
/// as `esco:AssociationObject` nodes — the structure of ESCO's own RDF dump, with made-up text.
struct ESCOFileGenerator {
    var skills = 14_000
    var occupations = 3_000
    var relations = 130_000
    var seed: UInt64 = 20_261_129

    static let languages = ["bg", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "ga", "hr", "hu", "is",
                            "it", "lt", "lv", "mt", "nl", "no", "pl", "pt", "ro", "sk", "sl", "sv", "uk", "ar"]
    static let words = ["manage", "data", "analyse", "design", "systems", "apply", "quality", "safety", "teach",
                        "report", "plan", "project", "develop", "software", "customer", "service", "maintain",
                        "equipment", "monitor", "process", "communicate", "research", "financial", "legal",
                        "standards", "operate", "machinery", "evaluate", "programmes", "health", "énergie",
                        "Qualität", "análisis", "gestión", "données", "prüfen", "dati", "øvelse", "ĳzer"]

    /// What one file holds, for checking an import against.
    struct Summary {
        var triples = 0
        var skills = 0
        var occupations = 0
        /// Distinct (occupation, skill) pairs, each with one relationship type.
        var relations = 0
        /// SKOS-XL labels of skills and occupations, distinct within a concept and language.
        var labels = 0
        var broaderLinks = 0
    }

    /// The generator scaled by `scale` (1 = full ESCO size), with at least one skill and one
    /// occupation.
    static func scaled(_ scale: Double) -> ESCOFileGenerator {
        var generator = ESCOFileGenerator()
        generator.skills = max(1, Int((Double(generator.skills) * scale).rounded()))
        generator.occupations = max(1, Int((Double(generator.occupations) * scale).rounded()))
        generator.relations = max(0, Int((Double(generator.relations) * scale).rounded()))
        return generator
    }

    /// Writes the file and returns what it holds.
    func write(to path: String) throws -> Summary {
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        guard let handle = FileHandle(forWritingAtPath: path) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
        }
        defer { try? handle.close() }
        var random = SplitMix64(seed: seed)
        var buffer = ""
        buffer.reserveCapacity(1 << 22)
        var triples = 0
        var summary = Summary()
        func flush(force: Bool = false) {
            guard force || buffer.utf8.count > 1 << 22 else { return }
            handle.write(Data(buffer.utf8))
            buffer.removeAll(keepingCapacity: true)
        }
        func uuid(_ kind: UInt64, _ index: Int) -> String {
            var mixer = SplitMix64(seed: seed ^ (kind << 40) ^ UInt64(index))
            let a = mixer.next(), b = mixer.next()
            let hex = String(a, radix: 16).leftPadded(16) + String(b, radix: 16).leftPadded(16)
            let chars = Array(hex)
            return String(chars[0..<8]) + "-" + String(chars[8..<12]) + "-" + String(chars[12..<16]) + "-"
                + String(chars[16..<20]) + "-" + String(chars[20..<32])
        }
        /// Words of one language: English uses the word list as it is; every other language gets
        /// its own words (each list word turned around and marked with the language), so a search
        /// in one language meets that language's labels, as it does in ESCO.
        var vocabularies: [String: [String]] = [:]
        for language in Self.languages {
            vocabularies[language] = language == "en" ? Self.words
                : Self.words.map { String($0.reversed()) + language }
        }
        func phrase(_ count: Int, _ language: String) -> String {
            let words = vocabularies[language] ?? Self.words
            return (0..<count).map { _ in words[random.below(words.count)] }.joined(separator: " ")
        }
        buffer += """
            <?xml version="1.0" encoding="UTF-8"?>
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
                     xmlns:skos="http://www.w3.org/2004/02/skos/core#"
                     xmlns:skosxl="http://www.w3.org/2008/05/skos-xl#"
                     xmlns:esco="http://data.europa.eu/esco/model#"
                     xmlns:dcterms="http://purl.org/dc/terms/">

            """
        func concept(kind: String, uri: String, index: Int, extra: String, extraTriples: Int) {
            buffer += "<rdf:Description rdf:about=\"\(uri)\">\n"
            buffer += "  <rdf:type rdf:resource=\"http://www.w3.org/2004/02/skos/core#Concept\"/>\n"
            buffer += "  <rdf:type rdf:resource=\"http://data.europa.eu/esco/model#\(kind)\"/>\n"
            triples += 2
            for (languageIndex, language) in Self.languages.enumerated() {
                let labels = 1 + random.below(4)   // one preferred, up to three alternatives
                var texts = Set<String>()           // distinct, as ESCO's labels of one concept are
                for position in 0..<labels {
                    let property = position == 0 ? "prefLabel" : "altLabel"
                    let label = "http://data.europa.eu/esco/label/\(uuid(7, index * 128 + languageIndex * 4 + position))"
                    var text = phrase(2 + random.below(3), language)
                    while !texts.insert(text).inserted { text = phrase(2 + random.below(3), language) }
                    buffer += "  <skosxl:\(property)><skosxl:Label rdf:about=\"\(label)\">"
                    buffer += "<skosxl:literalForm xml:lang=\"\(language)\">\(text)</skosxl:literalForm>"
                    buffer += "</skosxl:Label></skosxl:\(property)>\n"
                    triples += 3
                    summary.labels += 1
                }
                // Hidden labels (misspellings, old names) as plain SKOS literals, as ESCO also gives them.
                for _ in 0..<(1 + random.below(3)) {
                    var text = phrase(2 + random.below(3), language)
                    while !texts.insert(text).inserted { text = phrase(2 + random.below(3), language) }
                    buffer += "  <skos:hiddenLabel xml:lang=\"\(language)\">\(text)</skos:hiddenLabel>\n"
                    triples += 1
                    summary.labels += 1
                }
                buffer += "  <dcterms:description rdf:parseType=\"Resource\"><esco:nodeLiteral xml:lang=\"\(language)\">"
                buffer += phrase(10 + random.below(10), language)
                buffer += "</esco:nodeLiteral><esco:language>\(language)</esco:language></dcterms:description>\n"
                triples += 3
            }
            buffer += extra
            triples += extraTriples
            buffer += "</rdf:Description>\n"
            flush()
        }
        for index in 0..<skills {
            let uri = "http://data.europa.eu/esco/skill/\(uuid(1, index))"
            var extra = "  <esco:skillType rdf:resource=\"http://data.europa.eu/esco/skill-type/\(random.below(3) == 0 ? "knowledge" : "skill")\"/>\n"
            extra += "  <esco:skillReuseLevel rdf:resource=\"http://data.europa.eu/esco/skill-reuse-level/sector-specific\"/>\n"
            var extraTriples = 2
            if index > 0 {
                extra += "  <skos:broader rdf:resource=\"http://data.europa.eu/esco/skill/\(uuid(1, random.below(index)))\"/>\n"
                extraTriples += 1
                summary.broaderLinks += 1
            }
            concept(kind: "Skill", uri: uri, index: index, extra: extra, extraTriples: extraTriples)
        }
        for index in 0..<occupations {
            let uri = "http://data.europa.eu/esco/occupation/\(uuid(2, index))"
            let extra = "  <esco:memberOfISCOGroup rdf:resource=\"http://data.europa.eu/esco/isco/C\(1000 + random.below(9000))\"/>\n"
            concept(kind: "Occupation", uri: uri, index: skills + index, extra: extra, extraTriples: 1)
        }
        // Each (occupation, skill) pair at most once, as in ESCO (the store keeps each once).
        let relationCount = min(relations, occupations * skills)
        var pairs = Set<Int>()
        pairs.reserveCapacity(relationCount)
        for index in 0..<relationCount {
            var pair = random.below(occupations * skills)
            while !pairs.insert(pair).inserted { pair = random.below(occupations * skills) }
            let occupation = "http://data.europa.eu/esco/occupation/\(uuid(2, pair / skills))"
            let skill = "http://data.europa.eu/esco/skill/\(uuid(1, pair % skills))"
            let type = random.below(2) == 0 ? "essential-skill" : "optional-skill"
            buffer += "<esco:AssociationObject rdf:about=\"http://data.europa.eu/esco/association/\(uuid(3, index))\">"
            buffer += "<esco:isAssociationFor rdf:resource=\"\(occupation)\"/><esco:target rdf:resource=\"\(skill)\"/>"
            buffer += "<dcterms:type rdf:resource=\"http://data.europa.eu/esco/relationship-type/\(type)\"/>"
            buffer += "</esco:AssociationObject>\n"
            triples += 4
            flush()
        }
        buffer += "</rdf:RDF>\n"
        flush(force: true)
        summary.triples = triples
        summary.skills = skills
        summary.occupations = occupations
        summary.relations = relationCount
        return summary
    }
}

extension String {
    func leftPadded(_ length: Int) -> String {
        count >= length ? self : String(repeating: "0", count: length - count) + self
    }
}
