import CairnCore
import CairnFrameworks
import CairnRDF
import CairnSyntax
import CairnTestSupport
import Foundation
import Testing

@Suite("ESCO skills CSV")
struct ESCOSkillsCSVTests {
    static let header = "conceptType,conceptUri,skillType,reuseLevel,preferredLabel,altLabels,hiddenLabels,"
        + "status,modifiedDate,scopeNote,definition,inScheme,description"

    @Test("reads the skills_en.csv layout")
    func skillsLayout() throws {
        let csv = Self.header + "\r\n"
            + "KnowledgeSkillCompetence,http://data.europa.eu/esco/skill/1,skill/competence,sector-specific,"
            + "manage musical staff,\"coordinate duties of musical staff\nmanage staff of music\",,released,"
            + "2023-01-01,,,http://data.europa.eu/esco/concept-scheme/skills,\"Assign and manage \"\"staff\"\" tasks.\"\r\n"
            + "KnowledgeSkillCompetence,http://data.europa.eu/esco/skill/2,knowledge,cross-sector,"
            + "SQL,,,released,2023-01-01,,The SQL language.,http://data.europa.eu/esco/concept-scheme/skills,\r\n"
        let framework = try ESCOSkillsCSV.framework(csv: csv, file: "skills_en.csv", version: "1.2.0")
        #expect(framework.id == "esco")
        #expect(framework.name == "ESCO")
        #expect(framework.version == "1.2.0")
        #expect(framework.skills.count == 2)
        let first = try #require(framework.skills["http://data.europa.eu/esco/skill/1"])
        #expect(first.preferredLabels == ["en": "manage musical staff"])
        #expect(first.altLabels == ["en": ["coordinate duties of musical staff", "manage staff of music"]])
        #expect(first.description == "Assign and manage \"staff\" tasks.")
        #expect(first.skillType == "skill/competence")
        let second = try #require(framework.skills["http://data.europa.eu/esco/skill/2"])
        #expect(second.altLabels.isEmpty)
        #expect(second.description == "The SQL language.")
        #expect(second.skillType == "knowledge")
    }

    @Test("reads a collection layout with another column order and language")
    func collectionLayout() throws {
        let csv = """
            conceptType,conceptUri,preferredLabel,status,skillType,reuseLevel,altLabels,description,broaderConceptUri,broaderConceptPT
            KnowledgeSkillCompetence,http://x/skill/h,Haskell,released,knowledge,sector-specific,Haskell-Techniken | Haskell,Techniken.,http://data.europa.eu/esco/skill/p | http://data.europa.eu/esco/isced-f/0613,a | b

            """
        let framework = try ESCOSkillsCSV.framework(csv: csv, file: "c.csv", language: "de")
        let skill = try #require(framework.skills["http://x/skill/h"])
        #expect(skill.preferredLabels == ["de": "Haskell"])
        #expect(skill.altLabels == ["de": ["Haskell-Techniken", "Haskell"]])
        #expect(skill.broader == ["http://data.europa.eu/esco/skill/p"])
        #expect(framework.version == nil)
    }

    @Test("reports a missing column and bad records")
    func problems() {
        let missing = formatErrors { _ = try ESCOSkillsCSV.framework(csv: "conceptUri,label\nx,y\n", file: "s.csv") }
        #expect(missing.map(\.description) == [
            #"s.csv:1:1: the header has no "preferredLabel" column; found: conceptUri, label"#,
        ])
        let records = formatErrors {
            _ = try ESCOSkillsCSV.framework(csv: "conceptUri,preferredLabel\nx\n,y\nz,\nok,fine\n", file: "s.csv")
        }
        #expect(records.map(\.description) == [
            "s.csv:2:1: expected 2 fields as in the header, found 1",
            "s.csv:3:1: expected a concept URI, found nothing",
            "s.csv:4:1: expected a preferred label for z, found nothing",
        ])
    }

    /// The ESCO v1.2.0 export lives outside the package, in the shared conformance folder.
    static let digitalSkillsURL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("../shared/conformance/esco-v1.2.0-en/digitalSkillsCollection_en.csv")
        .standardizedFileURL

    @Test("reads ESCO's digital skills collection",
          .enabled(if: FileManager.default.fileExists(atPath: digitalSkillsURL.path),
                   "the ESCO v1.2.0 conformance files (../shared/conformance/esco-v1.2.0-en) are absent"))
    func digitalSkillsCollection() throws {
        let csv = try String(contentsOf: Self.digitalSkillsURL, encoding: .utf8)
        let framework = try ESCOSkillsCSV.framework(csv: csv, file: "digitalSkillsCollection_en.csv", version: "1.2.0")
        #expect(framework.skills.count == 1_284)
        let haskell = try #require(framework.skills["http://data.europa.eu/esco/skill/000f1d3d-220f-4789-9c0a-cc742521fb02"])
        #expect(haskell.label() == "Haskell")
        #expect(haskell.altLabels["en"] == ["Haskell techniques"])
        #expect(haskell.skillType == "knowledge")
        #expect(haskell.broader == ["http://data.europa.eu/esco/skill/21d2f96d-35f7-4e3f-9745-c533d2dd6e97"])
    }
}
