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

extension FrameworkStore {
    /// Imports what `read` sends and returns the summary of the last framework it named, as
    /// ``SQLiteStore/importFramework(importedAt:_:)`` does, on any backend.
    @discardableResult
    func importFramework(importedAt: String? = nil, _ read: (inout any FrameworkSink) throws -> Void) throws -> ImportSummary {
        let summaries = try importFrameworks(importedAt: importedAt, read)
        guard let last = summaries.last else { throw StoreError(path: "", reason: .noFrameworkHeader) }
        return last
    }
}

extension TestStore {
    /// Checks that the search index holds exactly the labels the frameworks hold: SQLite's FTS5
    /// integrity check, and on PostgreSQL that every label row belongs to a stored concept and
    /// has its words, and that the frameworks' counts add up to the label rows.
    func expectSearchIndexExact(sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        if let sqlite = store as? SQLiteStore {
            try sqlite.executeForTesting("INSERT INTO label_fts (label_fts) VALUES ('integrity-check')")
        } else if let url {
            let counted = try store.frameworks().reduce(0) { $0 + $1.labels }
            let rows = try PostgresTestServer.psql(url, "SELECT count(*) FROM label")
            #expect(rows.trimmingCharacters(in: .whitespacesAndNewlines) == String(counted), sourceLocation: sourceLocation)
            let strays = try PostgresTestServer.psql(url, """
                SELECT count(*) FROM label l WHERE length(l.words) = 0 AND l.text ~ '[[:alnum:]]'
                OR NOT EXISTS (SELECT 1 FROM concept c WHERE c.key = l.concept)
                """)
            #expect(strays.trimmingCharacters(in: .whitespacesAndNewlines) == "0", sourceLocation: sourceLocation)
        }
    }
}

@Suite struct FrameworkStoreTests {
    @Test(arguments: StoreBackend.all) func importsAndSummarises(_ backend: StoreBackend) throws {
        let test = try backend.makeStore()
        defer { test.remove() }
        let store = test.store
        let summary = try store.importFramework(sampleFramework(), importedAt: "2026-01-02T03:04:05Z")
        #expect(summary == ImportSummary(framework: "esco", name: "ESCO", version: "1.2.0", skills: 5, occupations: 2,
                                         relations: 5, labels: 15, broaderLinks: 4))
        let frameworks = try store.frameworks()
        #expect(frameworks.count == 1)
        #expect(frameworks.first?.id == "esco")
        #expect(frameworks.first?.importedAt == "2026-01-02T03:04:05Z")
        #expect(frameworks.first?.skills == 5)
        #expect(frameworks.first?.labels == 15)
        #expect(frameworks.first?.occupations == 2)
        #expect(frameworks.first?.relations == 5)
        #expect(frameworks.first?.broaderLinks == 4)
    }

    @Test(arguments: StoreBackend.all) func searchRanksPreferredLabelsFirst(_ backend: StoreBackend) throws {
        let test = try backend.makeStore()
        defer { test.remove() }
        let store = test.store
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
        #expect(try store.searchSkills("programming", framework: nil, language: nil, limit: 1).count == 1)
        #expect(try store.searchSkills("programming", framework: nil, language: nil, limit: 0).isEmpty)
    }

    @Test(arguments: StoreBackend.all) func searchRanksShorterLabelsFirstWithinAKind(_ backend: StoreBackend) throws {
        let test = try backend.makeStore()
        defer { test.remove() }
        let store = test.store
        try store.importFramework(Framework(id: "ranks", name: "Ranks", skills: [
            Skill(id: "long", preferredLabels: ["en": "data analysis for large public sector organisations"]),
            Skill(id: "short", preferredLabels: ["en": "data analysis"]),
            Skill(id: "alt", preferredLabels: ["en": "statistics"], altLabels: ["en": ["data"]]),
        ]))
        let hits = try store.searchSkills("data anal")
        #expect(hits.map(\.id) == ["short", "long"])
        #expect(hits[0].score > hits[1].score)
        #expect(try store.searchSkills("data").map(\.id) == ["short", "long", "alt"])
    }

    @Test(arguments: StoreBackend.all) func searchFoldsCaseAndDiacriticsAndMatchesPrefixes(_ backend: StoreBackend) throws {
        let test = try backend.makeStore()
        defer { test.remove() }
        let store = test.store
        try store.importFramework(sampleFramework())
        #expect(try store.searchSkills("CAFE").map(\.id) == [cafeID])
        #expect(try store.searchSkills("Café").map(\.id) == [cafeID])
        #expect(try store.searchSkills("cafebetrieb fuhren", language: "de").map(\.id) == [cafeID])
        #expect(try store.searchSkills("CAFÉBETRIEB FÜHREN", language: "DE").map(\.id) == [cafeID])
        #expect(try store.searchSkills("cafebetrieb", language: "de").first?.label == "Cafébetrieb führen")
        #expect(try store.searchSkills("progr inform").map(\.id) == [programmingID])
        #expect(try store.searchSkills("progr inform").first?.matchedLanguage == "fr")
        #expect(try store.searchSkills("progr inform", language: "en").isEmpty)
        #expect(try store.searchSkills("pyth").map(\.id) == [pythonID])
        // Occupations are not skills.
        #expect(try store.searchSkills("barista").isEmpty)
        #expect(try store.searchSkills("programming", framework: "sfia").isEmpty)
        #expect(try store.searchSkills("programming", framework: "ESCO").count == 2)
    }

    @Test(arguments: StoreBackend.all) func searchMatchesRegionalVariantsOfALanguage(_ backend: StoreBackend) throws {
        let test = try backend.makeStore()
        defer { test.remove() }
        let store = test.store
        try store.importFramework(Framework(id: "pt", name: "PT", skills: [
            Skill(id: "s1", preferredLabels: ["pt-br": "programação", "pt": "programação de computadores", "en": "programming"]),
            Skill(id: "s2", preferredLabels: ["pta": "programacao"]),
        ]))
        #expect(try store.searchSkills("programacao", language: "pt").map(\.id) == ["s1"])
        #expect(try store.searchSkills("programacao", language: "pt").first?.label == "programação de computadores")
        #expect(try store.searchSkills("programacao", language: "pt-br").first?.matchedLanguage == "pt-br")
        #expect(try store.searchSkills("programacao", language: "pt_").isEmpty)
        #expect(try store.searchSkills("programacao", language: "p%").isEmpty)
        #expect(try store.searchSkills("programacao").map(\.id) == ["s1", "s2"])
    }

    static let awkwardQueries = ["C++", "\"", "\"unbalanced", "a OR b", "NEAR(x y)", "*", "col:umn", "-x", "(", "^start", "", "  ", "'",
                                 "o'brien", "a & b | !c", "x:*", "\\", "'a':* & 'b'", "\u{0}", "é\u{301}", String(repeating: "w", count: 3000)]

    @Test(arguments: StoreBackend.all, awkwardQueries)
    func searchSurvivesFTSSyntax(_ backend: StoreBackend, query: String) throws {
        let test = try backend.makeStore()
        defer { test.remove() }
        let store = test.store
        try store.importFramework(sampleFramework())
        _ = try store.searchSkills(query)
        _ = try store.searchSkills(query, framework: query, language: query)
    }

    @Test(arguments: StoreBackend.all) func searchFindsCPlusPlus(_ backend: StoreBackend) throws {
        let test = try backend.makeStore()
        defer { test.remove() }
        let store = test.store
        try store.importFramework(sampleFramework())
        #expect(try store.searchSkills("C++").first?.id == cppID)
    }

    @Test(arguments: StoreBackend.all) func showsASkillWithItsNeighbours(_ backend: StoreBackend) throws {
        let test = try backend.makeStore()
        defer { test.remove() }
        let store = test.store
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

    @Test(arguments: StoreBackend.all) func bothBackendsDescribeASkillAlike(_ backend: StoreBackend) throws {
        let test = try backend.makeStore()
        defer { test.remove() }
        let (reference, folder) = try temporaryStore()
        defer { folder.remove() }
        for framework in [sampleFramework(), sfiaFramework()] {
            #expect(try test.store.importFramework(framework) == reference.importFramework(framework))
        }
        #expect(try test.store.frameworks() == reference.frameworks())
        for id in [programmingID, pythonID, cppID, cafeID, codingStandardsID, "PROG", "dtan", ictGroupID, developerID] {
            #expect(try test.store.skill(id: id) == reference.skill(id: id))
        }
        for query in ["programming", "coding", "c", "cafe", "p", "data"] {
            #expect(try test.store.searchSkills(query).map(\.id) == reference.searchSkills(query).map(\.id))
        }
    }

    @Test(arguments: StoreBackend.all) func anotherStoreInstanceSeesTheData(_ backend: StoreBackend) throws {
        let test = try backend.makeStore()
        defer { test.remove() }
        try test.store.importFramework(sampleFramework())
        try test.store.importFramework(sfiaFramework())
        let reopened = try test.reopen()
        #expect(try reopened.frameworks().map(\.id) == ["esco", "sfia"])
        #expect(try reopened.searchSkills("python").map(\.id) == [pythonID])
        #expect(try reopened.skill(id: "prog")?.levels == [2, 3, 4, 5, 6, 7])
    }

    @Test func aStoreInAFolderThatDoesNotExistYetIsCreated() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.url.appendingPathComponent("a/b/store.sqlite").path
        try SQLiteStore(path: path).importFramework(sfiaFramework())
        #expect(FileManager.default.fileExists(atPath: path))
        #expect(try SQLiteStore(path: path).skill(id: "prog")?.levels == [2, 3, 4, 5, 6, 7])
    }

    @Test(arguments: StoreBackend.all) func reimportReplaces(_ backend: StoreBackend) throws {
        let test = try backend.makeStore()
        defer { test.remove() }
        let store = test.store
        try store.importFramework(sampleFramework())
        try store.importFramework(sfiaFramework())
        let changeBefore = try store.changeVersion()
        var smaller = sampleFramework(version: "1.2.1")
        smaller.skills[cafeID] = nil
        smaller.skills[pythonID]?.preferredLabels["en"] = "Python"
        smaller.occupations[baristaID]?.essentialSkills = []
        let summary = try store.importFramework(smaller)
        #expect(summary.version == "1.2.1")
        #expect(summary.skills == 4)
        #expect(try store.changeVersion() != changeBefore)
        let frameworks = try store.frameworks()
        #expect(frameworks.map(\.id) == ["esco", "sfia"])
        #expect(frameworks.first?.version == "1.2.1")
        #expect(frameworks.first?.skills == 4)
        #expect(frameworks.first?.labels == summary.labels)
        #expect(try store.searchSkills("cafe").isEmpty)
        #expect(try store.searchSkills("python").first?.label == "Python")
        #expect(try store.searchSkills("python").first?.matchedLabel == "Python")
        #expect(try store.searchSkills("programming", framework: "sfia").map(\.id) == ["PROG"])
        #expect(try store.loadFramework(id: "esco") == smaller)
        #expect(try store.loadFramework(id: "sfia") == sfiaFramework())
        #expect(try store.skill(id: cafeID) == nil)
        #expect(try store.skill(id: programmingID)?.optionalFor.isEmpty == false)
        // The full-text index holds exactly the labels that remain.
        #expect(try store.searchSkills("coffee").isEmpty)
        try test.expectSearchIndexExact()
    }

    @Test(arguments: StoreBackend.all) func reimportOfTheOnlyFrameworkKeepsTheIndexExact(_ backend: StoreBackend) throws {
        let test = try backend.makeStore()
        defer { test.remove() }
        let store = test.store
        try store.importFramework(sampleFramework())
        try store.importFramework(sampleFramework(version: "2"))
        #expect(try store.searchSkills("programming").count == 2)
        #expect(try store.frameworks().map(\.version) == ["2"])
        try test.expectSearchIndexExact()
        #expect(try store.removeFramework(id: "ESCO"))
        #expect(try store.frameworks().isEmpty)
        #expect(try store.searchSkills("programming").isEmpty)
        #expect(try store.skill(id: programmingID) == nil)
        #expect(try store.loadFramework(id: "esco") == nil)
        #expect(try !store.removeFramework(id: "esco"))
        try test.expectSearchIndexExact()
    }

    @Test(arguments: StoreBackend.all) func failedImportLeavesTheStoreAsItWas(_ backend: StoreBackend) throws {
        let test = try backend.makeStore()
        defer { test.remove() }
        let store = test.store
        try store.importFramework(sampleFramework())
        let before = try store.frameworks()
        let searchBefore = try store.searchSkills("programming")
        let frameworkBefore = try store.loadFramework(id: "esco")
        let detailBefore = try store.skill(id: programmingID)
        let changeBefore = try store.changeVersion()
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
        // A reader that fails after sending more than the import buffers at once (the PostgreSQL
        // store's COPY is well under way by then).
        #expect(throws: ReaderFailure.self) {
            try store.importFrameworks(importedAt: nil) { sink in
                try sink.begin(FrameworkHeader(id: "esco", name: "ESCO broken"))
                try sink.begin(FrameworkHeader(id: "sfia", name: "SFIA broken"))
                let padding = String(repeating: "programming ", count: 100)
                for index in 0..<20_000 {
                    try sink.skill(SkillRecord(id: "s\(index)", description: padding))
                    try sink.label(ConceptLabel(concept: "s\(index)", kind: .preferred, language: "en", text: padding))
                }
                throw ReaderFailure()
            }
        }
        #expect(try store.frameworks() == before)
        #expect(try store.searchSkills("programming") == searchBefore)
        #expect(try store.loadFramework(id: "esco") == frameworkBefore)
        #expect(try store.skill(id: programmingID) == detailBefore)
        #expect(try store.loadFramework(id: "other") == nil)
        #expect(try store.loadFramework(id: "sfia") == nil)
        #expect(try store.changeVersion() == changeBefore)
        try test.expectSearchIndexExact()
        // The store still imports after a failed import (on PostgreSQL: its connection is still good).
        #expect(try store.importFramework(sfiaFramework()).skills == 2)
    }

    @Test(arguments: StoreBackend.all) func aSinkMisusedByItsReaderFailsTheImport(_ backend: StoreBackend) throws {
        let test = try backend.makeStore()
        defer { test.remove() }
        let store = test.store
        #expect(throws: (any Error).self) {
            try store.importFramework { sink in try sink.skill(SkillRecord(id: "before-begin")) }
        }
        #expect(try store.frameworks().isEmpty)
    }

    @Test(arguments: StoreBackend.all) func readerThatNamesNoFrameworkIsRefused(_ backend: StoreBackend) throws {
        let test = try backend.makeStore()
        defer { test.remove() }
        let store = test.store
        #expect(throws: StoreError(path: store.location, reason: .noFrameworkHeader)) {
            try store.importFrameworks(importedAt: nil) { _ in }
        }
        #expect(try store.frameworks().isEmpty)
    }

    @Test(arguments: StoreBackend.all) func labelsMayComeFirstAndStrayLabelsAreDropped(_ backend: StoreBackend) throws {
        let test = try backend.makeStore()
        defer { test.remove() }
        let store = test.store
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
        #expect(detail.broader.map(\.id) == ["group"])
        #expect(detail.broader.first?.preferredLabels.isEmpty == true)
        #expect(try store.frameworks().first?.source == "custom.rdf")
        #expect(try store.skillID(for: "group", framework: "custom") == nil)
    }

    @Test(arguments: StoreBackend.all) func repeatedRecordsMergeAndRepeatedLinksCountOnce(_ backend: StoreBackend) throws {
        let test = try backend.makeStore()
        defer { test.remove() }
        let store = test.store
        let summary = try store.importFramework { sink in
            try sink.begin(FrameworkHeader(id: "m", name: "Merged"))
            try sink.skill(SkillRecord(id: "a", skillType: "knowledge", code: "A1", levels: [1, 2]))
            try sink.skill(SkillRecord(id: "a", skillType: "skill", description: "Later.", levels: []))
            try sink.skill(SkillRecord(id: "b"))
            try sink.occupation(OccupationRecord(id: "o", iscoGroup: "1111"))
            try sink.occupation(OccupationRecord(id: "o", description: "An occupation."))
            try sink.broader(narrower: "a", broader: "b")
            try sink.broader(narrower: "a", broader: "b")
            try sink.broader(narrower: "a", broader: "z")
            try sink.relation(occupation: "o", skill: "b", kind: .optional)
            try sink.relation(occupation: "o", skill: "a", kind: .essential)
            try sink.relation(occupation: "o", skill: "a", kind: .essential)
            try sink.relation(occupation: "o", skill: "a", kind: .optional)
            try sink.label(ConceptLabel(concept: "a", kind: .preferred, language: "en", text: "first"))
            try sink.label(ConceptLabel(concept: "a", kind: .preferred, language: "en", text: "second"))
            try sink.label(ConceptLabel(concept: "a", kind: .alternative, language: "en", text: "alt"))
        }
        #expect(summary == ImportSummary(framework: "m", name: "Merged", version: nil, skills: 2, occupations: 1,
                                         relations: 3, labels: 3, broaderLinks: 2))
        let detail = try #require(try store.skill(id: "a", framework: "m"))
        #expect(detail.skillType == "skill")
        #expect(detail.code == "A1")
        #expect(detail.description == "Later.")
        #expect(detail.levels == [1, 2])
        #expect(detail.preferredLabels == ["en": "first"])
        #expect(detail.altLabels == ["en": ["second", "alt"]])
        #expect(detail.broader.map(\.id) == ["b", "z"])
        #expect(detail.essentialFor.map(\.id) == ["o"])
        #expect(detail.optionalFor.map(\.id) == ["o"])
        let framework = try #require(try store.loadFramework(id: "m"))
        #expect(framework.occupations["o"] == Occupation(id: "o", description: "An occupation.", iscoGroup: "1111",
                                                         essentialSkills: ["a"], optionalSkills: ["b", "a"]))
        #expect(framework.skills["a"]?.broader == ["b", "z"])
    }

    @Test(arguments: StoreBackend.all) func severalPartsOfOneFrameworkInOneImport(_ backend: StoreBackend) throws {
        let test = try backend.makeStore()
        defer { test.remove() }
        let store = test.store
        let summaries = try store.importFrameworks(importedAt: nil) { sink in
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

    @Test(arguments: StoreBackend.all) func severalFrameworksInOneImport(_ backend: StoreBackend) throws {
        let test = try backend.makeStore()
        defer { test.remove() }
        let store = test.store
        try store.importFramework(sfiaFramework())
        let summaries = try store.importFrameworks(importedAt: "now") { sink in
            try sampleFramework().send(to: &sink)
            try sink.begin(FrameworkHeader(id: "sfia", name: "SFIA again", version: "10", source: "sfia.csv"))
            try sink.skill(SkillRecord(id: "NEW"))
            try sink.begin(FrameworkHeader(id: "esco", name: "ESCO (renamed)", source: "esco.csv"))
        }
        #expect(summaries.map(\.framework) == ["esco", "sfia"])
        #expect(summaries.map(\.skills) == [5, 1])
        #expect(summaries.map(\.name) == ["ESCO (renamed)", "SFIA again"])
        let frameworks = try store.frameworks()
        #expect(frameworks.map(\.version) == ["1.2.0", "10"])
        #expect(frameworks.map(\.source) == ["esco.csv", "sfia.csv"])
        #expect(frameworks.map(\.importedAt) == ["now", "now"])
        #expect(try store.skillID(for: "prog", framework: "sfia") == nil)
    }

    @Test(arguments: StoreBackend.all) func loadFrameworkRoundTrips(_ backend: StoreBackend) throws {
        let test = try backend.makeStore()
        defer { test.remove() }
        let store = test.store
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
        let french = try #require(try store.loadFramework(id: "esco", languages: ["FR", "xx"]))
        #expect(french.occupations[developerID]?.preferredLabels == ["fr": "développeur"])
        #expect(french.skills[cafeID]?.preferredLabels.isEmpty == true)
    }

    @Test(arguments: StoreBackend.all) func loadFrameworkKeepsItsSource(_ backend: StoreBackend) throws {
        let test = try backend.makeStore()
        defer { test.remove() }
        var framework = sampleFramework()
        framework.source = CairnCore.SourceLocation(file: "esco.rdf")
        try test.store.importFramework(framework)
        #expect(try test.store.loadFramework(id: "esco") == framework)
    }

    @Test(arguments: StoreBackend.all) func textsThatCOPYMustEscapeRoundTrip(_ backend: StoreBackend) throws {
        let test = try backend.makeStore()
        defer { test.remove() }
        let awkward = "tab\there, newline\nthere, CR\rthere, backslash \\ and \\N, 'quotes' \"too\""
        let framework = Framework(id: "odd", name: "Odd \t name", version: "\\N", skills: [
            Skill(id: "id\twith\ttabs", preferredLabels: ["en": awkward], altLabels: ["en": ["\\N", ""]],
                  description: awkward, code: "\\", category: "\\N"),
        ])
        try test.store.importFramework(framework)
        #expect(try test.store.loadFramework(id: "odd") == framework)
        #expect(try test.store.searchSkills("backslash quotes").map(\.id) == ["id\twith\ttabs"])
        #expect(try test.store.frameworks().first?.name == "Odd \t name")
    }

    @Test(arguments: StoreBackend.all) func resolvesSkillCodes(_ backend: StoreBackend) throws {
        let test = try backend.makeStore()
        defer { test.remove() }
        let store = test.store
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
        #expect(try store.skillID(for: "/", framework: "sfia") == nil)
        #expect(try store.skillID(for: "PROG", framework: "none") == nil)
    }

    @Test(arguments: StoreBackend.all) func resolvesCodesThatAreNotIDs(_ backend: StoreBackend) throws {
        let test = try backend.makeStore()
        defer { test.remove() }
        try test.store.importFramework(Framework(id: "c", name: "Codes", skills: [
            Skill(id: "http://example.org/skills/42", code: "Ab-Cd"),
            Skill(id: "http://example.org/skills/43", code: "ÉTÉ"),
        ]))
        #expect(try test.store.skillID(for: "ab-cd", framework: "c") == "http://example.org/skills/42")
        #expect(try test.store.skillID(for: "https://elsewhere.example/AB-CD/", framework: "c") == "http://example.org/skills/42")
        #expect(try test.store.skillID(for: "42", framework: "c") == "http://example.org/skills/42")
        // Codes compare ignoring the case of ASCII letters only, on both backends.
        #expect(try test.store.skillID(for: "ÉTÉ", framework: "c") == nil)
    }

    @Test(arguments: StoreBackend.all) func concurrentImportsWaitForEachOther(_ backend: StoreBackend) async throws {
        let test = try backend.makeStore()
        defer { test.remove() }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<4 {
                group.addTask {
                    // Each task opens the store as another process would, and imports the same
                    // framework twice, once under a name of its own.
                    let store = try test.reopen()
                    var framework = sampleFramework()
                    framework.id = "esco\(index)"
                    try store.importFramework(framework)
                    try store.importFramework(sampleFramework(version: "\(index)"))
                    _ = try store.searchSkills("programming")
                }
            }
            try await group.waitForAll()
        }
        let frameworks = try test.store.frameworks()
        #expect(frameworks.filter { $0.id != "esco" }.count == 4)
        #expect(frameworks.count == 5)
        #expect(frameworks.first { $0.id == "esco" }?.skills == 5)
        #expect(try test.store.searchSkills("programming", framework: "esco").count == 2)
        try test.expectSearchIndexExact()
    }

    @Test(arguments: StoreBackend.all) func importsTwentyThousandSkillsQuickly(_ backend: StoreBackend) throws {
        let test = try backend.makeStore()
        defer { test.remove() }
        let store = test.store
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
        print("\(backend): imported 20,000 skills × 5 labels in \(elapsed)")
        #expect(summary.skills == 20_000)
        #expect(summary.labels == 100_000)
        #expect(summary.broaderLinks == 19_999)
        #expect(elapsed < .seconds(20))
        let searchStart = ContinuousClock.now
        let hits = try store.searchSkills("weld", framework: nil, language: "en", limit: 5)
        print("\(backend): searched 100,000 labels in \(ContinuousClock.now - searchStart)")
        #expect(hits.count == 5)
        #expect(hits.allSatisfy { $0.matchedKind == .preferred })
        #expect(try store.searchSkills("fahigkeit 1234", language: "de").first?.id == "http://example.org/skill/1234")
        #expect(try store.skillID(for: "https://example.org/skill/19999", framework: "big") == "http://example.org/skill/19999")
        let loadStart = ContinuousClock.now
        let loaded = try #require(try store.loadFramework(id: "big"))
        print("\(backend): loaded 20,000 skills in \(ContinuousClock.now - loadStart)")
        #expect(loaded.skills.count == 20_000)
        #expect(loaded.skills["http://example.org/skill/3"]?.broader == ["http://example.org/skill/1"])
    }

    // MARK: - SQLite files

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
}
