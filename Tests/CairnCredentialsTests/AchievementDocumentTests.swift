import CairnCore
import CairnCredentials
import CairnSyntax
import CairnTestSupport
import Foundation
import Testing

@Suite("Open Badges achievements read for a catalogue")
struct AchievementDocumentTests {
    static let fixtures = CairnProcess.packageRoot.appendingPathComponent("Interop/openbadges")

    static func read(_ text: String, file: String = "achievements.json") throws(FormatErrors) -> AchievementDocument {
        try AchievementDocument.read(Array(text.utf8), file: file, documents: LocalDocuments())
    }

    @Test("a list of Open Badges 3.0 Achievements: names, ids, issuer, credits, alignments and result values")
    func bundledAchievements() throws {
        let url = Self.fixtures.appendingPathComponent("coastal-achievements.json")
        let document = try AchievementDocument.read(at: url, documents: LocalDocuments())
        #expect(document.entries.map(\.achievement.id) == ["https://skills.coastal.example/achievements/database-design",
                                                            "https://skills.coastal.example/achievements/data-mining"])
        #expect(document.entries.map(\.issuer.name) == ["Coastal Skills Institute", "Coastal Skills Institute"])
        #expect(document.entries.map(\.achievement.creditsAvailable) == [Rational(3), Rational(5, 2)])
        let design = try #require(document.entries.first)
        #expect(design.source.line == 2 && design.source.column == 3)
        #expect(design.achievement.alignments.compactMap(\.skillReference) == [
            SkillReference(framework: "esco", code: "http://data.europa.eu/esco/skill/4463a721-69f3-413d-8321-43e3af13a4f1"),
            SkillReference(framework: "sfia", code: "DTAN", level: 3),
        ])
        #expect(design.achievement.resultDescriptions.first?.allowedValues == ["pass", "merit", "distinction"])
        #expect(design.achievement.criteriaNarrative?.hasPrefix("Design a normalised schema") == true)
    }

    @Test("an Open Badges 2.0 BadgeClass with its issuer embedded")
    func bundledBadgeClass() throws {
        let url = Self.fixtures.appendingPathComponent("coastal-research-ethics-badgeclass.json")
        let document = try AchievementDocument.read(at: url, documents: LocalDocuments())
        let entry = try #require(document.entries.first)
        #expect(document.entries.count == 1)
        #expect(entry.achievement.name == "Research Ethics Essentials")
        #expect(entry.issuer == OpenBadgesProfile(id: "https://skills.coastal.example", name: "Coastal Skills Institute",
                                                  url: "https://skills.coastal.example", email: "badges@skills.coastal.example"))
        #expect(entry.achievement.tags == ["research", "ethics"])
    }

    @Test("a baked PNG gives the achievement of the credential inside it")
    func bakedImage() throws {
        let url = CairnProcess.packageRoot.appendingPathComponent("Pathways/learners/credentials/amara/research-ethics.png")
        let document = try AchievementDocument.read(at: url, documents: LocalDocuments())
        #expect(document.entries.map(\.achievement.id) == ["https://example.edu/achievements/research-ethics"])
        #expect(document.entries.map(\.issuer.name) == ["Example University"])
    }

    @Test("the conformance samples: a BadgeClass whose issuer is a local document, an OB 3.0 credential, a CLR")
    func conformanceSamples() throws {
        guard let shared = CairnProcess.sharedConformance else {
            print("skipped: ../shared/conformance is not in this checkout")
            return
        }
        let assets = shared.appendingPathComponent("openbadges/ob20/assets")
        let badgeClass = try AchievementDocument.read(at: assets.appendingPathComponent("badgeclass1.json"),
                                                      documents: LocalDocuments(folders: [assets]))
        #expect(badgeClass.entries.first?.issuer.id == "http://example.org/issuer1.json")
        #expect(badgeClass.entries.first?.issuer.name != nil)
        #expect(badgeClass.notes.isEmpty)
        // Without its folder, the issuer is kept by its id, with a note saying so.
        let alone = try AchievementDocument.read(Array(try Data(contentsOf: assets.appendingPathComponent("badgeclass1.json"))),
                                                 file: "badgeclass1.json", documents: LocalDocuments())
        #expect(alone.entries.first?.issuer == OpenBadgesProfile(id: "http://example.org/issuer1.json"))
        #expect(alone.notes.first?.contains("is not available locally") == true)

        let credential = try AchievementDocument.read(at: shared.appendingPathComponent("openbadges/ob30/simple.json"),
                                                      documents: LocalDocuments())
        #expect(credential.entries.map(\.achievement.name) == ["Teamwork"])
        #expect(credential.entries.first?.issuer.id == "https://example.com/issuers/876543")

        let transcript = try AchievementDocument.read(at: shared.appendingPathComponent("openbadges/clr20/simple.json"),
                                                      documents: LocalDocuments())
        #expect(Set(transcript.entries.map(\.issuer.id)).count == 2)
    }

    struct Malformed: Sendable, CustomStringConvertible {
        var text: String
        var message: String
        var line: Int?
        var column: Int?
        var description: String { message }
    }

    static let malformed: [Malformed] = [
        Malformed(text: "[\n  {\"type\": \"BadgeClass\", \"id\": \"https://a.example/b\", \"name\": \"B\", \"issuer\": \"https://a.example\"},\n  42\n]",
                  message: "expected an Open Badges 2.0 BadgeClass or an Open Badges 3.0 Achievement, found a number 42", line: 3, column: 3),
        Malformed(text: "{\n  \"type\": \"BadgeClass\",\n  \"id\": \"https://a.example/b\",\n  \"issuer\": \"https://a.example\"\n}",
                  message: "\"name\"", line: 1, column: 1),
        Malformed(text: "{\"type\": [\"Achievement\"], \"id\": \"urn:x\", \"name\": \"No creator\"}",
                  message: "names no issuer", line: 1, column: 1),
        Malformed(text: "[]", message: "the list holds no achievement", line: 1, column: 1),
        Malformed(text: "[{\"type\": \"Issuer\", \"id\": \"https://a.example\"}]",
                  message: "found type [\"Issuer\"]", line: 1, column: 2),
        Malformed(text: "{\"type\": \"BadgeClass\", \"name\": \"x\",", message: "expected a member name", line: 1, column: 36),
        Malformed(text: "\u{1}\u{2}garbage", message: "not an Open Badges file", line: nil, column: nil),
    ]

    @Test("malformed files are refused with the place of the problem", arguments: malformed)
    func refusesMalformed(_ example: Malformed) {
        #expect {
            _ = try Self.read(example.text)
        } throws: { error in
            guard let errors = error as? FormatErrors, let first = errors.errors.first else { return false }
            let placed = (example.line == nil || first.location.line == example.line)
                && (example.column == nil || first.location.column == example.column)
            return first.location.file == "achievements.json" && placed
                && errors.errors.contains { $0.message.contains(example.message) }
        }
    }
}
