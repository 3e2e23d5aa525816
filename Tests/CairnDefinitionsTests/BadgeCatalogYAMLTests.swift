import CairnCore
import CairnDefinitions
import CairnTestSupport
import Foundation
import Testing

@Suite("Badge catalogue YAML writer")
struct BadgeCatalogYAMLTests {
    /// Every `badges.yaml` bundled under Pathways/.
    static let bundledCatalogues: [String] = {
        let root = CairnProcess.packageRoot.appendingPathComponent("Pathways")
        let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.filter { $0.lastPathComponent == "badges.yaml" } ?? []
        return files.map { String($0.path.dropFirst(CairnProcess.packageRoot.path.count + 1)) }.sorted()
    }()

    @Test("every bundled catalogue written and read back is the same catalogue", arguments: bundledCatalogues)
    func bundledRoundTrip(path: String) throws {
        let text = try String(contentsOf: CairnProcess.packageRoot.appendingPathComponent(path), encoding: .utf8)
        let catalog = try BadgeCatalog(definition: text, file: path)
        let written = BadgeCatalogYAML.text(catalog, header: "written by a test")
        let reread = try BadgeCatalog(definition: written, file: "written.yaml")
        #expect(reread.withoutSources == catalog.withoutSources)
        #expect(written.hasPrefix("# written by a test\n"))
    }

    @Test("text that YAML would read as something else, fractions and every optional field survive")
    func awkwardValuesRoundTrip() throws {
        let issuer = Issuer(id: "https://issuer.example/#x", name: "Ünï: \"Quoted\" # not a comment")
        var badge = BadgeClass(
            id: "null", name: "2026-01-01", issuer: issuer, type: "yes", tags: ["true", "- dash", "[x]"],
            alignments: [SkillReference(framework: "sfia", code: "DTAN", level: 3),
                         SkillReference(framework: "esco", code: "http://data.europa.eu/esco/skill/abc", includeNarrower: true)],
            credits: Credits(Rational(2, 3), .ects), effortHours: Rational(25, 2),
            cost: Money(amount: Rational(1999, 100), currency: "EUR"),
            validity: ValidityRule(duration: ISODuration(years: 2), anchor: .endOfMonth, renewalWindow: ISODuration(days: 60),
                                   grace: ISODuration(days: 30), renewal: RenewalRule(refreshers: ["refresh"], evidence: "a note: here"),
                                   followsComponents: false),
            description: "line one\nline two\t\"tab\" DEL\u{7F} NEL\u{85} C1\u{9B} BOM\u{FEFF} \u{FFFE}", resultScale: ["pass", "merit"])
        badge.achievementIDs = ["https://issuer.example/achievements/1", "urn:uuid:5"]
        badge.criteria = "Submit: the project; then {defend} it."
        badge.image = "https://issuer.example/image.png"
        let catalog = BadgeCatalog(issuer: issuer, results: ["pass", "merit"], badges: [badge],
                                   conversions: [UnitConversion(from: "CATS", to: .ects, ratio: Rational(1, 2))],
                                   creditUnit: .ects, trustedKeys: [TrustedKey(id: "did:key:z6Mk"), TrustedKey(id: "k", file: "keys/k.jwk")])
        let reread = try BadgeCatalog(definition: BadgeCatalogYAML.text(catalog), file: "written.yaml")
        #expect(reread.withoutSources == catalog.withoutSources)
    }

    @Test("a catalogue with no badges is still one Cairn reads")
    func emptyCatalogue() throws {
        let catalog = BadgeCatalog(issuer: Issuer(id: "https://a.example", name: "A"), badges: [])
        let reread = try BadgeCatalog(definition: BadgeCatalogYAML.text(catalog), file: "empty.yaml")
        #expect(reread.withoutSources == catalog.withoutSources)
    }
}

extension BadgeCatalog {
    /// The catalogue with every `source` removed, for comparing catalogues read from different files.
    var withoutSources: BadgeCatalog {
        var copy = self
        copy.source = nil
        copy.badges = badges.map { badge in
            var badge = badge
            badge.source = nil
            return badge
        }
        return copy
    }
}
