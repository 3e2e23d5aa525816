import CairnCore
import CairnFrameworks
import CairnStore
import CairnTestSupport
import Foundation
import Testing

/// The official ESCO v1.2.0 English CSV files (`../shared/conformance/esco-v1.2.0-en`, beside
/// the repository), imported into each backend: the same framework comes back out of both, and
/// both answer searches and look-ups alike. Skipped, saying so, when the folder is absent.
@Suite("ESCO v1.2.0 in the store")
struct ESCOImportTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("../shared/conformance/esco-v1.2.0-en").standardized.path

    static var present: Bool { FileManager.default.fileExists(atPath: folder + "/occupations_en.csv") }

    @Test(.enabled(if: present, "the ESCO v1.2.0 conformance files (../shared/conformance/esco-v1.2.0-en) are absent"),
          arguments: StoreBackend.all)
    func importsTheEnglishCSVFiles(_ backend: StoreBackend) throws {
        let test = try backend.makeStore()
        defer { test.remove() }
        var collector = FrameworkCollector()
        _ = try FrameworkReader.read(path: Self.folder, format: .escoCSV, languages: ["en"], into: &collector)
        let start = ContinuousClock.now
        let summary = try test.store.importFramework { sink in
            _ = try FrameworkReader.read(path: Self.folder, format: .escoCSV, languages: ["en"], into: &sink)
        }
        print("\(backend): imported ESCO v1.2.0 (en: \(summary.skills) skills, \(summary.occupations) occupations, "
              + "\(summary.labels) labels, \(summary.broaderLinks) broader links) in \(ContinuousClock.now - start)")
        #expect(summary.skills == 2_974)
        #expect(summary.occupations == 3_039)
        #expect(summary.broaderLinks == collector.framework.skills.values.reduce(0) { $0 + $1.broader.count })
        let loadStart = ContinuousClock.now
        #expect(try test.store.loadFramework(id: "esco") == collector.framework)
        print("\(backend): loaded it back in \(ContinuousClock.now - loadStart)")

        let sqlID = "http://data.europa.eu/esco/skill/598de5b0-5b58-4ea7-8058-a4bc4d18c742"
        #expect(try test.store.skillID(for: "598DE5B0-5B58-4EA7-8058-A4BC4D18C742", framework: "esco") == sqlID)
        let sql = try #require(try test.store.skill(id: sqlID))
        #expect(sql.preferredLabels["en"] == "SQL")
        #expect(sql.broader.map(\.id).contains("http://data.europa.eu/esco/isced-f/0613"))
        #expect(try test.store.searchSkills("sql").first?.id == sqlID)
        #expect(try test.store.searchSkills("data anal", framework: "esco", language: "en").isEmpty == false)

        // The other backend, for the same answers.
        guard backend != .sqlite else { return }
        let reference = try StoreBackend.sqlite.makeStore()
        defer { reference.remove() }
        #expect(try reference.store.importFramework { sink in
            _ = try FrameworkReader.read(path: Self.folder, format: .escoCSV, languages: ["en"], into: &sink)
        } == summary)
        #expect(try test.store.skill(id: sqlID) == reference.store.skill(id: sqlID))
        for query in ["sql", "data", "manage team", "python", "welding", "nurs"] {
            let hits = try test.store.searchSkills(query, framework: nil, language: "en", limit: 50)
            let expected = try reference.store.searchSkills(query, framework: nil, language: "en", limit: 50)
            #expect(hits.count == expected.count)
            #expect(hits.map(\.matchedKind) == expected.map(\.matchedKind))
            #expect(Set(hits.map(\.id)) == Set(expected.map(\.id)) || hits.count == 50)
        }
    }
}
