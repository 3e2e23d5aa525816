import Cairn
import CairnTestSupport
import Foundation
import Testing

@Suite("Badge catalogue import from Open Badges achievements")
struct BadgeCatalogImportTests {
    static let fixtures = CairnProcess.packageRoot.appendingPathComponent("Interop/openbadges")

    static func bundled() throws -> [AchievementDocument] {
        try ["coastal-achievements.json", "coastal-research-ethics-badgeclass.json"].map {
            try AchievementDocument.read(at: fixtures.appendingPathComponent($0), documents: LocalDocuments())
        }
    }

    @Test("the bundled achievements become one issuer's catalogue that Cairn reads back unchanged")
    func bundledCatalogue() throws {
        let imported = try BadgeCatalogImport.make(from: Self.bundled(), creditUnit: .ects)
        let catalog = imported.catalog
        #expect(catalog.issuer == Issuer(id: "https://skills.coastal.example", name: "Coastal Skills Institute"))
        #expect(catalog.badges.map(\.id) == ["database-design", "data-mining-in-practice", "research-ethics-essentials"])
        #expect(catalog.badges.map(\.credits) == [Credits(Rational(3), .ects), Credits(Rational(5, 2), .ects), nil])
        #expect(catalog.badges[0].achievementIDs == ["https://skills.coastal.example/achievements/database-design"])
        #expect(catalog.badges[0].type == "competency")
        #expect(catalog.badges[2].criteria?.hasPrefix("Pass the online ethics case quiz") == true)
        #expect(catalog.results == ["pass", "merit", "distinction"])
        #expect(catalog.badges[1].alignments.map(\.framework) == ["esco"])
        #expect(imported.notes.contains { $0.contains("the alignment to o*net-soc 15-2051.00 is left out") })
        #expect(imported.notes.contains { $0.hasPrefix("no issuer keys are written") })

        let text = imported.yaml(from: ["a.json", "b.json"])
        let reread = try BadgeCatalog(definition: text, file: "badges.yaml")
        #expect(reread.badges.map(\.id) == catalog.badges.map(\.id))
        #expect(reread.badges.map(\.alignments) == catalog.badges.map(\.alignments))
        #expect(reread.badges.map(\.criteria) == catalog.badges.map(\.criteria))
        #expect(reread.creditUnit == .ects)
    }

    @Test("credits without a unit are written as unspecified, with a note asking for one")
    func creditsWithoutUnit() throws {
        let imported = try BadgeCatalogImport.make(from: Self.bundled(), creditUnit: nil)
        #expect(imported.catalog.badges[0].credits == Credits(Rational(3), .unspecified))
        #expect(imported.notes.contains { $0.contains("give --credit-unit") })
    }

    @Test("thousands of achievements with one name get distinct ids, in time linear in their number")
    func manyOfOneName() throws {
        let list = "[" + (1...5_000).map { index in
            #"{"type": "BadgeClass", "id": "https://a.example/b/\#(index)", "name": "Same", "issuer": {"id": "https://a.example", "name": "A"}}"#
        }.joined(separator: ",") + "]"
        let document = try AchievementDocument.read(Array(list.utf8), file: "many.json", documents: LocalDocuments())
        let imported = try BadgeCatalogImport.make(from: [document], creditUnit: nil)
        #expect(Set(imported.catalog.badges.map(\.id)).count == 5_000)
        #expect(imported.catalog.badges.last?.id == "same-5000")
    }

    @Test("an achievement the workspace already has is left out, and new ids avoid the workspace's")
    func knownAchievementsLeftOut() throws {
        let issuer = Issuer(id: "https://example.edu", name: "Example")
        var existing = BadgeClass(id: "database-design", name: "Databases", issuer: issuer)
        existing.achievementIDs = ["https://skills.coastal.example/achievements/data-mining"]
        let known = Catalog(badgeCatalogs: [BadgeCatalog(issuer: issuer, badges: [existing])])
        let imported = try BadgeCatalogImport.make(from: Self.bundled(), creditUnit: .ects, known: known)
        #expect(imported.catalog.badges.map(\.id) == ["database-design-2", "research-ethics-essentials"])
        #expect(imported.notes.contains { $0.contains("is already the workspace's class database-design") })
    }

    @Test("files of several issuers are refused unless one is chosen; an unknown choice names the closest")
    func severalIssuers() throws {
        let other = try AchievementDocument.read(
            Array(#"{"type": "BadgeClass", "id": "https://b.example/x", "name": "X", "issuer": {"id": "https://b.example", "name": "B"}}"#.utf8),
            file: "other.json", documents: LocalDocuments())
        let documents = try Self.bundled() + [other]
        #expect {
            _ = try BadgeCatalogImport.make(from: documents, creditUnit: nil)
        } throws: { error in
            "\(error)".contains("these files name 2") && "\(error)".contains("https://b.example in other.json")
        }
        let chosen = try BadgeCatalogImport.make(from: documents, creditUnit: nil, issuer: "https://b.example")
        #expect(chosen.catalog.badges.map(\.id) == ["x"])
        #expect(chosen.notes.contains { $0.hasPrefix("3 achievements of other issuers left out") })
        #expect {
            _ = try BadgeCatalogImport.make(from: documents, creditUnit: nil, issuer: "https://b.exampel")
        } throws: { error in "\(error)".contains("did you mean \"https://b.example\"") }
    }
}
