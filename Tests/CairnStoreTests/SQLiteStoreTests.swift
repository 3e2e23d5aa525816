import CairnCore
import CairnTestSupport
import Foundation
import Testing

@testable import CairnStore

let esco = "http://data.europa.eu/esco/skill/"
let programmingID = esco + "0a1b2c3d-0000-4000-8000-000000000001"
let pythonID = esco + "0a1b2c3d-0000-4000-8000-000000000002"
let cppID = esco + "0a1b2c3d-0000-4000-8000-000000000003"
let cafeID = esco + "0a1b2c3d-0000-4000-8000-000000000004"
let codingStandardsID = esco + "0a1b2c3d-0000-4000-8000-000000000005"
let ictGroupID = "http://data.europa.eu/esco/isced-f/06"
let developerID = "http://data.europa.eu/esco/occupation/dev-0001"
let baristaID = "http://data.europa.eu/esco/occupation/bar-0002"

/// A small ESCO-like framework: five skills, two occupations, a skill group that is not a skill.
func sampleFramework(version: String = "1.2.0") -> Framework {
    Framework(
        id: "esco", name: "ESCO", version: version,
        skills: [
            Skill(id: programmingID, preferredLabels: ["en": "computer programming", "fr": "programmation informatique"],
                  altLabels: ["en": ["coding", "software development"]], description: "Writing programs.",
                  skillType: "skill/competence", broader: [ictGroupID], reuseLevel: "cross-sector"),
            Skill(id: pythonID, preferredLabels: ["en": "Python (computer programming)"],
                  altLabels: ["en": ["python programming"]], skillType: "knowledge", broader: [programmingID]),
            Skill(id: cppID, preferredLabels: ["en": "C++"], skillType: "knowledge", broader: [programmingID]),
            Skill(id: cafeID, preferredLabels: ["en": "café management", "de": "Cafébetrieb führen"],
                  altLabels: ["en": ["running a coffee shop"]]),
            Skill(id: codingStandardsID, preferredLabels: ["en": "coding standards"], broader: [programmingID]),
        ],
        occupations: [
            Occupation(id: developerID, preferredLabels: ["en": "software developer", "fr": "développeur"],
                       altLabels: ["en": ["programmer"]], iscoGroup: "2512",
                       essentialSkills: [programmingID, pythonID], optionalSkills: [cppID]),
            Occupation(id: baristaID, preferredLabels: ["en": "barista"], iscoGroup: "5132",
                       essentialSkills: [cafeID], optionalSkills: [programmingID]),
        ])
}

func sfiaFramework() -> Framework {
    Framework(id: "SFIA", name: "SFIA", version: "9", skills: [
        Skill(id: "PROG", preferredLabels: ["en": "Programming/software development"],
              description: "Developing software components.", levels: [2, 3, 4, 5, 6, 7], code: "PROG",
              category: "Development and implementation"),
        Skill(id: "DTAN", preferredLabels: ["en": "Data modelling and design"], levels: [2, 3, 4, 5], code: "DTAN",
              category: "Data and analytics"),
    ])
}

/// A store in a fresh temporary folder (inside a folder that does not exist yet).
func temporaryStore() throws -> (SQLiteStore, TemporaryFolder) {
    let folder = try TemporaryFolder()
    let store = try SQLiteStore(path: folder.url.appendingPathComponent(".cairn/store.sqlite").path)
    return (store, folder)
}

struct ReaderFailure: Error {}

@Suite struct FrameworkStoreTests {
    @Test func importsAndSummarises() throws {
        let (store, folder) = try temporaryStore()
        defer { folder.remove() }
        let summary = try store.importFramework(sampleFramework(), importedAt: "2026-01-02T03:04:05Z")
        #expect(summary == ImportSummary(framework: "esco", name: "ESCO", version: "1.2.0", skills: 5, occupations: 2,
                                         relations: 5, labels: 15, broaderLinks: 4))
        let frameworks = try store.frameworks()
        #expect(frameworks.count == 1)
        #expect(frameworks.first?.id == "esco")
        #expect(frameworks.first?.importedAt == "2026-01-02T03:04:05Z")
        #expect(frameworks.first?.skills == 5)
        #expect(frameworks.first?.labels == 15)
    }

    @Test func searchRanksPreferredLabelsFirst() throws {
        let (store, folder) = try temporaryStore()
        defer { folder.remove() }
        try store.importFramework(sampleFramework())
        let hits = try store.searchSkills("coding")
        #expect(hits.map(\.id) == [codingStandardsID, programmingID])
        #expect(hits.first?.matchedKind == .preferred)
        #expect(hits.last?.matchedKind == .alternative)
        #expect(hits.last?.matchedLabel == "coding")
        #expect(hits.last?.label == "computer programming")
        // One hit per skill, even when several of its labels match.
        let programming = try store.searchSkills("programming")
        #expect(Set(programming.map(\.id)).count == programming.count)
        #expect(Set(programming.map(\.id)) == [programmingID, pythonID])
        #expect(programming.allSatisfy { $0.score > 0 })
    }

    @Test func searchFoldsCaseAndDiacriticsAndMatchesPrefixes() throws {
        let (store, folder) = try temporaryStore()
        defer { folder.remove() }
        try store.importFramework(sampleFramework())
        #expect(try store.searchSkills("CAFE").map(\.id) == [cafeID])
        #expect(try store.searchSkills("cafebetrieb fuhren", language: "de").map(\.id) == [cafeID])
        #expect(try store.searchSkills("cafebetrieb", language: "de").first?.label == "Cafébetrieb führen")
        #expect(try store.searchSkills("progr inform").map(\.id) == [programmingID])
        #expect(try store.searchSkills("progr inform").first?.matchedLanguage == "fr")
        #expect(try store.searchSkills("progr inform", language: "en").isEmpty)
        #expect(try store.searchSkills("pyth").map(\.id) == [pythonID])
        // Occupations are not skills.
        #expect(try store.searchSkills("barista").isEmpty)
        #expect(try store.searchSkills("programming", framework: "sfia").isEmpty)
    }

    @Test(arguments: ["C++", "\"", "\"unbalanced", "a OR b", "NEAR(x y)", "*", "col:umn", "-x", "(", "^start", "", "  ", "'"])
    func searchSurvivesFTSSyntax(query: String) throws {
        let (store, folder) = try temporaryStore()
        defer { folder.remove() }
        try store.importFramework(sampleFramework())
        _ = try store.searchSkills(query)
    }

    @Test func searchFindsCPlusPlus() throws {
        let (store, folder) = try temporaryStore()
        defer { folder.remove() }
        try store.importFramework(sampleFramework())
        #expect(try store.searchSkills("C++").first?.id == cppID)
    }

    @Test func showsASkillWithItsNeighbours() throws {
        let (store, folder) = try temporaryStore()
        defer { folder.remove() }
        try store.importFramework(sampleFramework())
        let detail = try #require(try store.skill(id: programmingID))
        #expect(detail.framework == "esco")
        #expect(detail.preferredLabels == ["en": "computer programming", "fr": "programmation informatique"])
        #expect(detail.altLabels == ["en": ["coding", "software development"]])
        #expect(detail.skillType == "skill/competence")
        #expect(detail.reuseLevel == "cross-sector")
        #expect(detail.description == "Writing programs.")
        #expect(detail.broader.map(\.id) == [ictGroupID])
        #expect(detail.broader.first?.label() == ictGroupID)
        #expect(detail.narrower.map(\.id) == [pythonID, cppID, codingStandardsID].sorted())
        #expect(detail.narrower.first { $0.id == cppID }?.label() == "C++")
        #expect(detail.essentialFor.map(\.id) == [developerID])
        #expect(detail.essentialFor.first?.label(in: "fr") == "développeur")
        #expect(detail.optionalFor.map(\.id) == [baristaID])
        #expect(detail.optionalFor.first?.label() == "barista")
        // By bare UUID and https URI too, and nil for an unknown skill.
        #expect(try store.skill(id: "0a1b2c3d-0000-4000-8000-000000000001", framework: "ESCO")?.id == programmingID)
        #expect(try store.skill(id: "https://example.org/nothing") == nil)
        #expect(try store.skill(id: programmingID, framework: "sfia") == nil)
    }

    @Test func anotherStoreInstanceSeesTheData() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.url.appendingPathComponent("a/b/store.sqlite").path
        do {
            let store = try SQLiteStore(path: path)
            try store.importFramework(sampleFramework())
            try store.importFramework(sfiaFramework())
        }
        let reopened = try SQLiteStore(path: path)
        #expect(try reopened.frameworks().map(\.id) == ["esco", "sfia"])
        #expect(try reopened.searchSkills("python").map(\.id) == [pythonID])
        #expect(try reopened.skill(id: "prog")?.levels == [2, 3, 4, 5, 6, 7])
    }

    @Test func reimportReplaces() throws {
        let (store, folder) = try temporaryStore()
        defer { folder.remove() }
        try store.importFramework(sampleFramework())
        try store.importFramework(sfiaFramework())
        var smaller = sampleFramework(version: "1.2.1")
        smaller.skills[cafeID] = nil
        smaller.skills[pythonID]?.preferredLabels["en"] = "Python"
        smaller.occupations[baristaID]?.essentialSkills = []
        let summary = try store.importFramework(smaller)
        #expect(summary.version == "1.2.1")
        #expect(summary.skills == 4)
        let frameworks = try store.frameworks()
        #expect(frameworks.map(\.id) == ["esco", "sfia"])
        #expect(frameworks.first?.version == "1.2.1")
        #expect(try store.searchSkills("cafe").isEmpty)
        #expect(try store.searchSkills("python").first?.label == "Python")
        #expect(try store.searchSkills("python").first?.matchedLabel == "Python")
        #expect(try store.searchSkills("programming", framework: "sfia").map(\.id) == ["PROG"])
        #expect(try store.loadFramework(id: "esco") == smaller)
        #expect(try store.loadFramework(id: "sfia") == sfiaFramework())
        // The full-text index holds exactly the labels that remain.
        #expect(try store.searchSkills("coffee").isEmpty)
        try store.executeForTesting("INSERT INTO label_fts (label_fts) VALUES ('integrity-check')")
    }

    @Test func reimportOfTheOnlyFrameworkKeepsTheIndexExact() throws {
        let (store, folder) = try temporaryStore()
        defer { folder.remove() }
        try store.importFramework(sampleFramework())
        try store.importFramework(sampleFramework(version: "2"))
        #expect(try store.searchSkills("programming").count == 2)
        #expect(try store.frameworks().map(\.version) == ["2"])
        try store.executeForTesting("INSERT INTO label_fts (label_fts) VALUES ('integrity-check')")
        #expect(try store.removeFramework(id: "ESCO"))
        #expect(try store.frameworks().isEmpty)
        #expect(try store.searchSkills("programming").isEmpty)
        #expect(try !store.removeFramework(id: "esco"))
        try store.executeForTesting("INSERT INTO label_fts (label_fts) VALUES ('integrity-check')")
    }

    @Test func failedImportLeavesTheStoreAsItWas() throws {
        let (store, folder) = try temporaryStore()
        defer { folder.remove() }
        try store.importFramework(sampleFramework())
        let before = try store.frameworks()
        let searchBefore = try store.searchSkills("programming")
        let frameworkBefore = try store.loadFramework(id: "esco")
        #expect(throws: ReaderFailure.self) {
            try store.importFramework(importedAt: "later") { sink in
                try sink.begin(FrameworkHeader(id: "esco", name: "ESCO broken"))
                for index in 0..<1_000 {
                    try sink.skill(SkillRecord(id: "s\(index)"))
                    try sink.label(ConceptLabel(concept: "s\(index)", kind: .preferred, language: "en",
                                                text: "programming \(index)"))
                }
                throw ReaderFailure()
            }
        }
        #expect(throws: ReaderFailure.self) {
            try store.importFramework { sink in
                try sink.begin(FrameworkHeader(id: "other", name: "Other"))
                try sink.skill(SkillRecord(id: "x"))
                throw ReaderFailure()
            }
        }
        #expect(try store.frameworks() == before)
        #expect(try store.searchSkills("programming") == searchBefore)
        #expect(try store.loadFramework(id: "esco") == frameworkBefore)
        #expect(try store.loadFramework(id: "other") == nil)
    }

    @Test func readerThatNamesNoFrameworkIsRefused() throws {
        let (store, folder) = try temporaryStore()
        defer { folder.remove() }
        #expect(throws: StoreError(path: store.path, reason: .noFrameworkHeader)) {
            try store.importFramework { _ in }
        }
        #expect(try store.frameworks().isEmpty)
    }

    @Test func labelsMayComeFirstAndStrayLabelsAreDropped() throws {
        let (store, folder) = try temporaryStore()
        defer { folder.remove() }
        let summary = try store.importFramework { sink in
            try sink.begin(FrameworkHeader(id: "Custom", name: "Custom", source: "custom.rdf"))
            try sink.label(ConceptLabel(concept: "k1", kind: .preferred, language: "EN", text: "welding"))
            try sink.label(ConceptLabel(concept: "group", kind: .preferred, language: "en", text: "metal work"))
            try sink.label(ConceptLabel(concept: "k1", kind: .hidden, language: "en", text: "weldign"))
            try sink.broader(narrower: "k1", broader: "group")
            try sink.broader(narrower: "group", broader: "root")
            try sink.relation(occupation: "nobody", skill: "k1", kind: .essential)
            try sink.skill(SkillRecord(id: "k1", skillType: "skill"))
            try sink.skill(SkillRecord(id: "k1", description: "Joining metal."))
            try sink.finish()
        }
        #expect(summary == ImportSummary(framework: "custom", name: "Custom", version: nil, skills: 1, occupations: 0,
                                         relations: 0, labels: 2, broaderLinks: 1))
        #expect(try store.searchSkills("metal").isEmpty)
        let hit = try #require(try store.searchSkills("weld").first)
        #expect(hit.matchedKind == .preferred)
        #expect(try store.searchSkills("weldign").first?.matchedKind == .hidden)
        let detail = try #require(try store.skill(id: "k1", framework: "custom"))
        #expect(detail.skillType == "skill")
        #expect(detail.description == "Joining metal.")
        #expect(detail.hiddenLabels == ["en": ["weldign"]])
        #expect(try store.frameworks().first?.source == "custom.rdf")
    }

    @Test func severalPartsOfOneFrameworkInOneImport() throws {
        let (store, folder) = try temporaryStore()
        defer { folder.remove() }
        let summaries = try store.importFrameworks { sink in
            try sink.begin(FrameworkHeader(id: "esco", name: "ESCO", version: "1.2.0"))
            try sink.skill(SkillRecord(id: programmingID))
            try sink.label(ConceptLabel(concept: programmingID, kind: .preferred, language: "en", text: "programming"))
            try sink.finish()
            try sink.begin(FrameworkHeader(id: "esco", name: "ESCO"))
            try sink.occupation(OccupationRecord(id: developerID))
            try sink.relation(occupation: developerID, skill: programmingID, kind: .essential)
            try sink.finish()
        }
        #expect(summaries.count == 1)
        #expect(summaries.first?.version == "1.2.0")
        #expect(summaries.first?.skills == 1)
        #expect(summaries.first?.relations == 1)
        #expect(try store.skill(id: programmingID)?.essentialFor.map(\.id) == [developerID])
    }

    @Test func loadFrameworkRoundTrips() throws {
        let (store, folder) = try temporaryStore()
        defer { folder.remove() }
        try store.importFramework(sampleFramework())
        try store.importFramework(sfiaFramework())
        var collector = FrameworkCollector()
        try sampleFramework().send(to: &collector)
        #expect(try store.loadFramework(id: "esco") == collector.framework)
        #expect(try store.loadFramework(id: "ESCO") == sampleFramework())
        #expect(try store.loadFramework(id: "sfia") == sfiaFramework())
        #expect(try store.loadFramework(id: "none") == nil)
        let english = try #require(try store.loadFramework(id: "esco", languages: ["en"]))
        #expect(english.skills[programmingID]?.preferredLabels == ["en": "computer programming"])
        #expect(english.occupations[developerID]?.preferredLabels == ["en": "software developer"])
        #expect(english.occupations[developerID]?.essentialSkills == [programmingID, pythonID])
        let none = try #require(try store.loadFramework(id: "esco", languages: []))
        #expect(none.skills[programmingID]?.preferredLabels.isEmpty == true)
        #expect(none.skills[programmingID]?.broader == [ictGroupID])
    }

    @Test func resolvesSkillCodes() throws {
        let (store, folder) = try temporaryStore()
        defer { folder.remove() }
        try store.importFramework(sampleFramework())
        try store.importFramework(sfiaFramework())
        #expect(try store.skillID(for: programmingID, framework: "esco") == programmingID)
        let https = "https://" + programmingID.dropFirst("http://".count)
        #expect(try store.skillID(for: https, framework: "esco") == programmingID)
        #expect(try store.skillID(for: "0a1b2c3d-0000-4000-8000-000000000002", framework: "ESCO") == pythonID)
        #expect(try store.skillID(for: "0A1B2C3D-0000-4000-8000-000000000002", framework: "esco") == pythonID)
        #expect(try store.skillID(for: "PROG", framework: "sfia") == "PROG")
        #expect(try store.skillID(for: "prog", framework: "sfia") == "PROG")
        #expect(try store.skillID(for: " Dtan ", framework: "sfia") == "DTAN")
        #expect(try store.skillID(for: "https://sfia-online.org/en/skillcode/9/prog", framework: "sfia") == "PROG")
        #expect(try store.skillID(for: "PROG", framework: "esco") == nil)
        #expect(try store.skillID(for: "nope", framework: "sfia") == nil)
        #expect(try store.skillID(for: "", framework: "sfia") == nil)
        #expect(try store.skillID(for: ictGroupID, framework: "esco") == nil)
    }

    @Test func refusesANewerSchema() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.url.appendingPathComponent("store.sqlite").path
        try SQLiteStore(path: path).executeForTesting("PRAGMA user_version = 99")
        #expect(throws: StoreError(path: path, reason: .schemaTooNew(found: 99, supported: SQLiteStore.schemaVersion))) {
            try SQLiteStore(path: path)
        }
        let error = StoreError(path: path, reason: .schemaTooNew(found: 99, supported: 1))
        #expect(error.description.contains(path))
        #expect(error.description.contains("newer"))
    }

    @Test func refusesAStoreMigratedByANewerCairn() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.url.appendingPathComponent("store.sqlite").path
        try SQLiteStore(path: path).executeForTesting("INSERT INTO grdb_migrations VALUES ('v2-future')")
        #expect(throws: StoreError(path: path, reason: .schemaTooNew(found: nil, supported: SQLiteStore.schemaVersion))) {
            try SQLiteStore(path: path)
        }
    }

    @Test func refusesAFileThatIsNotAStore() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let text = try folder.write("notes.txt", String(repeating: "not a database\n", count: 100))
        #expect(throws: StoreError(path: text.path, reason: .notACairnStore)) { try SQLiteStore(path: text.path) }
        #expect(throws: StoreError.self) { try SQLiteStore(path: folder.url.path) }
        // A SQLite database with someone else's tables.
        let other = folder.url.appendingPathComponent("other.sqlite").path
        try SQLiteStore(path: other).executeForTesting("DROP TABLE grdb_migrations")
        #expect(throws: StoreError(path: other, reason: .notACairnStore)) { try SQLiteStore(path: other) }
    }

    @Test func concurrentImportsWaitForEachOther() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.url.appendingPathComponent("store.sqlite").path
        _ = try SQLiteStore(path: path)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<4 {
                group.addTask {
                    let store = try SQLiteStore(path: path)
                    var framework = sampleFramework()
                    framework.id = "esco\(index)"
                    try store.importFramework(framework)
                    _ = try store.searchSkills("programming")
                }
            }
            try await group.waitForAll()
        }
        #expect(try SQLiteStore(path: path).frameworks().count == 4)
    }

    @Test func importsTwentyThousandSkillsQuickly() throws {
        let (store, folder) = try temporaryStore()
        defer { folder.remove() }
        let words = ["data", "analysis", "welding", "nursing", "python", "design", "sales", "logistics", "café", "audit"]
        let start = ContinuousClock.now
        let summary = try store.importFramework { sink in
            try sink.begin(FrameworkHeader(id: "big", name: "Generated"))
            for index in 0..<20_000 {
                let id = "http://example.org/skill/\(index)"
                let word = words[index % words.count]
                try sink.label(ConceptLabel(concept: id, kind: .preferred, language: "en", text: "\(word) skill \(index)"))
                try sink.skill(SkillRecord(id: id, skillType: "skill/competence", description: "Generated skill \(index)."))
                try sink.label(ConceptLabel(concept: id, kind: .preferred, language: "de", text: "\(word) Fähigkeit \(index)"))
                for alternative in 0..<3 {
                    try sink.label(ConceptLabel(concept: id, kind: .alternative, language: "en",
                                                text: "\(words[(index + alternative + 1) % words.count]) variant \(alternative)"))
                }
                if index > 0 { try sink.broader(narrower: id, broader: "http://example.org/skill/\(index / 2)") }
            }
        }
        let elapsed = ContinuousClock.now - start
        print("Imported 20,000 skills × 5 labels in \(elapsed)")
        #expect(summary.skills == 20_000)
        #expect(summary.labels == 100_000)
        #expect(elapsed < .seconds(20))
        let searchStart = ContinuousClock.now
        let hits = try store.searchSkills("weld", language: "en", limit: 5)
        print("Searched 100,000 labels in \(ContinuousClock.now - searchStart)")
        #expect(hits.count == 5)
        #expect(hits.allSatisfy { $0.matchedKind == .preferred })
        #expect(try store.skillID(for: "https://example.org/skill/19999", framework: "big") == "http://example.org/skill/19999")
    }
}
