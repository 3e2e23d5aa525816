import CairnCore
import CairnFrameworks
import CairnRDF
import CairnSyntax
import CairnTestSupport
import Foundation
import Testing

/// Paths of framework fixtures and of the repository's sample files.
private enum FrameworkFiles {
    static var fixtures: String {
        FixtureFile.url("frameworks")?.path
            ?? "missing-fixtures"
    }

    static func fixture(_ name: String) -> String { (fixtures as NSString).appendingPathComponent(name) }

    /// The repository root, from this file's path.
    static var repository: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
    }

    static var escoSample: String { repository + "/Frameworks/esco/esco-sample.rdf" }
    static var sfiaSample: String { repository + "/Frameworks/sfia/sfia-sample.csv" }
    static let conformance = "/work/shared/conformance/esco-v1.2.0-en"

    static var hasConformance: Bool {
        FileManager.default.fileExists(atPath: conformance + "/occupations_en.csv")
    }

    static func temporaryFolder() throws -> String {
        let path = NSTemporaryDirectory() + "cairn-framework-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}

private func collect(_ body: (inout FrameworkCollector) throws -> FrameworkReadReport) throws
    -> (framework: Framework, report: FrameworkReadReport) {
    var collector = FrameworkCollector()
    let report = try body(&collector)
    return (collector.framework, report)
}

// MARK: - ESCO CSV

@Suite("Framework files: ESCO CSV package")
struct FrameworkESCOCSVTests {
    @Test("reads a small folder: skills, skill groups, occupations, broader links, relations")
    func miniFolder() throws {
        let folder = FrameworkFiles.fixture("esco-csv-mini")
        #expect(try ESCOCSVPackage.languages(in: folder) == ["de"])
        let (framework, report) = try collect { try ESCOCSVPackage.read(path: folder, into: &$0) }
        #expect(framework.id == "esco")
        #expect(framework.version == nil)
        #expect(report.skills == 3)
        #expect(report.occupations == 1)
        #expect(report.broaderLinks == 2)
        #expect(report.relations == 2)
        #expect(report.ignored["relations of type \"related\""] == 1)
        #expect(report.ignored["repeated broader links"] == 1)
        #expect(report.files == ["skills_de.csv", "skillGroups_de.csv", "occupations_de.csv",
                                 "broaderRelationsSkillPillar_de.csv", "occupationSkillRelations_de.csv"])
        #expect(report.notes == ["not read: ISCOGroups_de.csv"])

        let sql = try #require(framework.skills["http://example.org/skill/sql"])
        #expect(sql.preferredLabels == ["de": "SQL"])
        #expect(sql.altLabels == ["de": ["Structured Query Language", "SQL-Abfragen"]])
        #expect(sql.description == "Die Abfragesprache \"SQL\".\nZweite Zeile.")
        #expect(sql.skillType == "knowledge")
        #expect(sql.reuseLevel == "sector-specific")
        #expect(sql.broader == ["http://example.org/skill/group-data"])
        let db = try #require(framework.skills["http://example.org/skill/db"])
        #expect(db.altLabels == ["de": ["DB nutzen"]])
        #expect(db.description == "Definition statt Beschreibung.")
        #expect(framework.skills["http://example.org/skill/group-data"]?.code == "S5.5")
        let analyst = try #require(framework.occupations["http://example.org/occupation/analyst"])
        #expect(analyst.iscoGroup == "2511")
        #expect(analyst.preferredLabels == ["de": "Datenanalyst/Datenanalystin"])
        #expect(analyst.altLabels == ["de": ["Datenanalytiker", "Data Analyst"]])
        #expect(analyst.essentialSkills == ["http://example.org/skill/sql"])
        #expect(analyst.optionalSkills == ["http://example.org/skill/db"])
    }

    @Test("reads ESCO v1.2.0 (English) without skills_en.csv and occupationSkillRelations_en.csv",
          .enabled(if: FrameworkFiles.hasConformance, "the ESCO conformance folder is not present"))
    func conformance() throws {
        let (framework, report) = try collect {
            try FrameworkReader.read(path: FrameworkFiles.conformance, format: .escoCSV, languages: ["en"], into: &$0)
        }
        #expect(framework.version == "1.2.0")
        #expect(report.occupations == 3_039)
        #expect(framework.occupations.count == 3_039)
        // 2,334 distinct skills in the six skill collections, and 640 skill groups.
        #expect(report.skills == 2_974)
        #expect(framework.skills.count == 2_974)
        #expect(report.broaderLinks == 20_822)
        #expect(report.relations == 0)
        #expect(report.notes.contains { $0.hasPrefix("skills_en.csv is missing") })
        #expect(report.notes.contains { $0.hasPrefix("occupationSkillRelations_en.csv is missing") })
        let analyst = try #require(framework.occupations["http://data.europa.eu/esco/occupation/d3edb8f8-3a06-47a0-8fb9-9b212c006aa2"])
        #expect(analyst.label() == "data analyst")
        #expect(analyst.iscoGroup == "2511")
        #expect(analyst.altLabels["en"] == ["data warehousing analyst", "data storage analyst",
                                            "business data analyst", "data warehouse analyst"])
        let sql = try #require(framework.skills["http://data.europa.eu/esco/skill/598de5b0-5b58-4ea7-8058-a4bc4d18c742"])
        #expect(sql.label() == "SQL")
        #expect(sql.broader.contains("http://data.europa.eu/esco/isced-f/0613"))
    }

    @Test("reports every bad record across files, and a missing column")
    func problems() throws {
        let folder = try FrameworkFiles.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "conceptUri,preferredLabel\r\nhttp://x/1,one\r\nhttp://x/2\r\n,none\r\nhttp://x/3,\r\n"
            .write(toFile: folder + "/skills_en.csv", atomically: true, encoding: .utf8)
        try "occupationUri,skillUri\r\nhttp://o/1,http://x/1\r\n"
            .write(toFile: folder + "/occupationSkillRelations_en.csv", atomically: true, encoding: .utf8)
        let missing = formatErrors {
            var sink = FrameworkCollector()
            try ESCOCSVPackage.read(path: folder, into: &sink)
        }
        #expect(missing.map(\.message) == [#"the header has no "relationType" column; found: occupationUri, skillUri"#])
        try FileManager.default.removeItem(atPath: folder + "/occupationSkillRelations_en.csv")
        let records = formatErrors {
            var sink = FrameworkCollector()
            try ESCOCSVPackage.read(path: folder, into: &sink)
        }
        #expect(records.map(\.message) == [
            "expected 2 fields as in the header, found 1",
            "expected a concept URI, found nothing",
            "expected a preferred label for http://x/3, found nothing",
        ])
        #expect(records.map(\.location.line) == [3, 4, 5])
    }

    @Test("a folder without ESCO files is an error")
    func emptyFolder() throws {
        let folder = try FrameworkFiles.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let errors = formatErrors {
            var sink = FrameworkCollector()
            try ESCOCSVPackage.read(path: folder, into: &sink)
        }
        #expect(errors.map(\.message) == ["expected ESCO CSV files named like skills_en.csv, found none"])
    }
}

// MARK: - SFIA CSV

@Suite("Framework files: SFIA CSV")
struct FrameworkSFIACSVTests {
    @Test("reads the sample: codes, names, categories, descriptions and levels")
    func sample() throws {
        let (framework, report) = try collect { try SFIACSV.read(path: FrameworkFiles.sfiaSample, into: &$0) }
        #expect(framework.id == "sfia")
        #expect(framework.name == "SFIA")
        #expect(framework.version == nil)
        #expect(report.skills == 8)
        #expect(report.labels == 8)
        #expect(Set(framework.skills.keys) == ["PROG", "DTAN", "DBDS", "DBAD", "DATM", "VISL", "PRMG", "BUAN"])
        let prog = try #require(framework.skills["PROG"])
        #expect(prog.code == "PROG")
        #expect(prog.label() == "Programming/software development")
        #expect(prog.category == "Systems development")
        #expect(prog.levels == [2, 3, 4, 5, 6])
        #expect(prog.description?.hasPrefix("Designing, writing") == true)
        #expect(framework.skills["PRMG"]?.levels == [4, 5, 6, 7])
        #expect(framework.skills["DATM"]?.description?.contains("\"ownership\"") == true)
    }

    @Test("the version comes from the file name", arguments: [
        ("sfia-8-sample.csv", "8"), ("SFIA 9 skills.csv", "9"), ("sfia_v9.csv", "9"), ("skills.csv", nil),
    ] as [(String, String?)])
    func version(name: String, version: String?) throws {
        let csv = "Code,Skill\r\nPROG,Programming\r\n"
        let (framework, _) = try collect { try SFIACSV.read(csv: csv, file: name, into: &$0) }
        #expect(framework.version == version)
    }

    @Test("header names are matched ignoring case; other columns are ignored; code is upper-cased")
    func headerVariants() throws {
        let csv = " code ,SKILL NAME,url,level 3 description,Level 5,CATEGORY\r\nprog,Programming,https://x,yes,,Development\r\n"
        let (framework, _) = try collect { try SFIACSV.read(csv: csv, file: "x.csv", into: &$0) }
        let prog = try #require(framework.skills["PROG"])
        #expect(prog.levels == [3])
        #expect(prog.category == "Development")
        #expect(prog.label() == "Programming")
    }

    @Test("reports missing columns and bad records")
    func problems() {
        let missing = formatErrors {
            var sink = FrameworkCollector()
            try SFIACSV.read(csv: "Code,Title\r\nPROG,x\r\n", file: "s.csv", into: &sink)
        }
        #expect(missing.map(\.description) == [#"s.csv:1:1: the header has no "Skill" column; found: Code, Title"#])
        let records = formatErrors {
            var sink = FrameworkCollector()
            try SFIACSV.read(csv: "Code,Skill\r\nPROG,A\r\nprog,B\r\n,C\r\nDTAN,\r\nX\r\n", file: "s.csv", into: &sink)
        }
        #expect(records.map(\.description) == [
            "s.csv:3:1: the skill code PROG appears twice; the first is kept",
            "s.csv:4:1: expected a skill code, found nothing",
            "s.csv:5:1: expected a skill name for DTAN, found nothing",
            "s.csv:6:1: expected 2 fields as in the header, found 1",
        ])
    }
}

// MARK: - CASE

@Suite("Framework files: CASE packages")
struct FrameworkCASETests {
    @Test("items become skills, isChildOf becomes broader, other associations are counted")
    func sample() throws {
        let (framework, report) = try collect {
            try CASEPackage.read(path: FrameworkFiles.fixture("case-sample.json"), into: &$0)
        }
        let base = "https://case.example.org/uri/9d5a3c2e-0000-4000-8000-0000000000"
        #expect(framework.id == base + "01")
        #expect(framework.name == "Data Skills Competency Framework")
        #expect(framework.version == "2.1")
        #expect(report.skills == 3)
        let sql = try #require(framework.skills[base + "11"])
        #expect(sql.code == "DS.1")
        #expect(sql.skillType == "Competency")
        #expect(sql.description == "Covers joins and aggregation.")
        #expect(sql.preferredLabels == ["en": "Query relational databases with SQL to answer a business question."])
        #expect(sql.altLabels == ["en": ["Query with SQL"]])
        #expect(sql.broader == [base + "10"])
        // An item without a uri is known by its identifier.
        let dashboards = try #require(framework.skills["9d5a3c2e-0000-4000-8000-000000000012"])
        #expect(dashboards.preferredLabels == ["fr": "Présenter des données dans un tableau de bord."])
        #expect(dashboards.broader == [base + "10"])
        #expect(framework.skills[base + "10"]?.broader == [])
        #expect(report.broaderLinks == 2)
        #expect(report.ignored == [
            "CASE association precedes": 1, "CASE association exactMatchOf": 1, "CASE association isPartOf": 1,
            "CASE association isChildOf to the document or a node that is not an item": 1,
        ])
    }

    @Test("the language filter applies to item labels")
    func languages() throws {
        let (framework, report) = try collect {
            try CASEPackage.read(path: FrameworkFiles.fixture("case-sample.json"), languages: ["en"], into: &$0)
        }
        #expect(framework.skills.count == 3)
        #expect(framework.skills["9d5a3c2e-0000-4000-8000-000000000012"]?.preferredLabels == [:])
        #expect(report.labels == 3)
    }

    @Test("rejects what is not a CASE package", arguments: [
        ("{", "expected a member name in double quotes, found the end of the file"),
        ("[1, 2]", "expected a JSON object holding a CASE package"),
        ("{\"CFItems\": [],\n \"CFItems\": []}", "the key \"CFItems\" appears twice in one object"),
        (#"{"title": "x"}"#, "expected a CASE package with CFDocument and CFItems, found keys: title"),
        (#"{"CFItems": [{"identifier": "a"}]}"#, "CFItems[0] (a): expected a fullStatement, found nothing"),
    ])
    func invalid(json: String, message: String) {
        let errors = formatErrors {
            var sink = FrameworkCollector()
            try CASEPackage.read(json: Data(json.utf8), file: "p.json", into: &sink)
        }
        #expect(errors.count == 1)
        #expect(errors.first?.message.hasPrefix(message) == true, "\(errors)")
        // Cairn's JSON reader names the line and column of every problem.
        #expect(errors.first?.location.line != nil, "\(errors)")
    }
}

// MARK: - Detection and the reader

@Suite("Framework files: format detection and FrameworkReader")
struct FrameworkReaderTests {
    @Test("tells the format from the folder, extension, CSV header or RDF namespaces", arguments: [
        ("esco-csv-mini", FrameworkFormat.escoCSV), ("esco-header.csv", .escoCSV), ("sfia-8-sample.csv", .sfiaCSV),
        ("case-sample.json", .caseJSON), ("plain.rdf", .skosRDF), ("sfia.rdf", .sfiaRDF), ("esco.owl", .escoRDF),
        ("esco-csv-mini/occupationSkillRelations_de.csv", .escoCSV),
    ])
    func detect(name: String, format: FrameworkFormat) throws {
        #expect(try FrameworkFormat.detect(path: FrameworkFiles.fixture(name)) == format)
    }

    @Test("detects the bundled samples")
    func samples() throws {
        #expect(try FrameworkFormat.detect(path: FrameworkFiles.escoSample) == .escoRDF)
        #expect(try FrameworkFormat.detect(path: FrameworkFiles.sfiaSample) == .sfiaCSV)
        #expect(FrameworkFormat.allCases.map(\.rawValue) == ["esco-rdf", "esco-csv", "sfia-rdf", "sfia-csv", "sfia-xlsx", "skos-rdf", "case"])
    }

    @Test("cannot tell unknown CSV headers, other extensions or missing paths", arguments: [
        ("unknown.csv", "cannot tell the framework of this CSV file"),
        ("FrameworkFileTests-missing.rdf", "no such file or folder"),
    ])
    func undetectable(name: String, message: String) {
        let errors = formatErrors { _ = try FrameworkFormat.detect(path: FrameworkFiles.fixture(name)) }
        #expect(errors.first?.message.hasPrefix(message) == true)
    }

    @Test("rejects an unknown extension")
    func extensionUnknown() throws {
        let folder = try FrameworkFiles.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "x".write(toFile: folder + "/framework.txt", atomically: true, encoding: .utf8)
        let errors = formatErrors { _ = try FrameworkFormat.detect(path: folder + "/framework.txt") }
        #expect(errors.first?.message.hasPrefix("cannot tell the framework format from the extension \".txt\"") == true)
    }

    @Test("reads the bundled ESCO RDF/XML sample with exact counts")
    func escoSample() throws {
        let (framework, report) = try collect {
            try FrameworkReader.read(path: FrameworkFiles.escoSample, format: .escoRDF, languages: nil, into: &$0)
        }
        #expect(framework.id == "esco")
        #expect(framework.version == "1.2.0")
        #expect(report.skills == 40)
        #expect(report.occupations == 4)
        #expect(report.labels == 251)
        #expect(report.broaderLinks == 59)
        #expect(report.relations == 28)
        #expect(framework.skills.values.filter { $0.description != nil }.count == 40)
        let essential = framework.occupations.values.reduce(0) { $0 + $1.essentialSkills.count }
        let optional = framework.occupations.values.reduce(0) { $0 + $1.optionalSkills.count }
        #expect(essential == 14)
        #expect(optional == 14)
        let analyst = try #require(framework.occupations["http://data.europa.eu/esco/occupation/d3edb8f8-3a06-47a0-8fb9-9b212c006aa2"])
        #expect(analyst.preferredLabels == ["en": "data analyst", "de": "Datenanalyst/Datenanalystin"])
        #expect(analyst.altLabels["de"] == ["Datenanalytiker/Datenanalytikerin"])
        #expect(analyst.iscoGroup == "2511")
        #expect(analyst.essentialSkills.count == 5)
        #expect(analyst.optionalSkills.count == 3)
        #expect(analyst.description?.hasPrefix("Data analysts import, inspect") == true)
        let sql = try #require(framework.skills["http://data.europa.eu/esco/skill/598de5b0-5b58-4ea7-8058-a4bc4d18c742"])
        #expect(sql.preferredLabels == ["en": "SQL", "de": "SQL"])
        #expect(sql.skillType == "knowledge")
        #expect(sql.reuseLevel == "sector-specific")
        let plan = try #require(framework.skills["http://data.europa.eu/esco/skill/e49f4158-9d4c-425d-bf32-dfe89b19840a"])
        #expect(plan.label() == "plan")
        #expect(plan.skillType == "skill/competence")
        let teacher = try #require(framework.occupations["http://data.europa.eu/esco/occupation/5efb2c08-ba3a-4659-a2e4-1883f54e77b6"])
        #expect(teacher.essentialSkills.count == 3)
        #expect(teacher.optionalSkills.count == 4)
    }

    @Test("the language filter on the ESCO sample keeps English only")
    func escoSampleEnglish() throws {
        let (framework, report) = try collect {
            try FrameworkReader.read(path: FrameworkFiles.escoSample, format: .escoRDF, languages: ["en"], into: &$0)
        }
        #expect(report.labels == 239)
        #expect(framework.occupations.values.allSatisfy { $0.preferredLabels.keys.sorted() == ["en"] })
    }

    @Test("reads the sample through every other format", arguments: [
        ("sfia-8-sample.csv", FrameworkFormat.sfiaCSV, 8), ("case-sample.json", .caseJSON, 3),
        ("esco-csv-mini", .escoCSV, 3),
    ])
    func otherFormats(name: String, format: FrameworkFormat, skills: Int) throws {
        let (framework, report) = try collect {
            try FrameworkReader.read(path: FrameworkFiles.fixture(name), format: format, languages: nil, into: &$0)
        }
        #expect(report.skills == skills)
        #expect(framework.skills.count == skills)
        if format == .sfiaCSV { #expect(framework.version == "8") }
    }

    @Test("an RDF/XML file with plain SKOS is read as skos-rdf, named after the file")
    func skosFile() throws {
        let (framework, report) = try collect {
            try FrameworkReader.read(path: FrameworkFiles.fixture("plain.rdf"), format: .skosRDF, languages: nil, into: &$0)
        }
        #expect(framework.id == "plain")
        #expect(report.skills == 0)
    }
}
