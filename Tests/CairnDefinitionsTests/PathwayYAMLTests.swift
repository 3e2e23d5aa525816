import CairnCore
import CairnDefinitions
import CairnTestSupport
import Foundation
import Testing

@Suite("Pathway YAML writer")
struct PathwayYAMLTests {
    /// Every bundled pathway file (`Pathways/**/*.yaml` that is a pathway).
    static let bundledPathways: [String] = {
        let root = CairnProcess.packageRoot.appendingPathComponent("Pathways")
        let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "yaml" } ?? []
        return files.compactMap { url in
            guard let text = try? String(contentsOf: url, encoding: .utf8),
                  (try? DefinitionDocument.kind(of: text, file: url.path)) == .pathway else { return nil }
            return url.path
        }.sorted()
    }()

    @Test("there are bundled pathways to check")
    func bundledPathwaysFound() {
        #expect(Self.bundledPathways.count >= 8)
    }

    @Test("every bundled pathway reads back equal", arguments: bundledPathways)
    func bundledRoundTrip(path: String) throws {
        let original = try Pathway(definition: String(contentsOfFile: path, encoding: .utf8), file: path)
        let written = PathwayYAML.text(original, header: "written back")
        let read = try Pathway(definition: written, file: "written.yaml")
        #expect(read.withoutSources == original.withoutSources, "\(written)")
    }

    @Test("every node kind and modifier, validity, conversions and external ids read back equal")
    func everyKind() throws {
        let pathway = Pathway(
            id: "every-kind", title: "Every \"kind\": 2026/1 # not a comment", version: "2026.1", awards: "award",
            credits: Credits(Rational(13, 2), .ects),
            validity: ValidityRule(duration: ISODuration(years: 5), anchor: .endOfMonth, renewalWindow: ISODuration(months: 6),
                                   grace: ISODuration(days: 30), renewal: RenewalRule(refreshers: ["refresh"], evidence: "20 hours"),
                                   followsComponents: true),
            conversions: [UnitConversion(from: .cats, to: .ects, ratio: Rational(1, 3))],
            externalIDs: ["https://credentialengineregistry.org/resources/ce-1", "ce-1"],
            requires: PathwayDefinitionTests.expectedTree)
        var tree = pathway
        tree.requires = Requirement(.all([
            pathway.requires,
            Requirement(.skill(SkillReference(framework: "esco", code: "http://data.europa.eu/esco/skill/abc", level: 2,
                                              includeNarrower: true)), label: "yes", earnedWithin: ISODuration(weeks: 3),
                        minResult: .number(Rational(1, 3))),
            Requirement(.countFrom(1, BadgeFilter(skills: [SkillReference(framework: "sfia", code: "PROG", level: 3)],
                                                  types: ["capstone", "true"])), id: "null", label: "123"),
            Requirement(.pathway("nested"), minResult: .label("2026-01-01")),
        ]), id: "root")
        let written = PathwayYAML.text(tree)
        let read = try Pathway(definition: written, file: "w.yaml")
        #expect(read.withoutSources == tree.withoutSources, "\(written)")
    }

    @Test("random pathways read back equal", arguments: 0..<40)
    func randomRoundTrip(seed: Int) throws {
        var random = SplitMix64(seed: UInt64(seed) &* 7919 &+ 1)
        let pathway = Pathway(id: "random-\(seed)", title: Self.word(&random), requires: Self.node(&random, depth: 0))
        let written = PathwayYAML.text(pathway)
        let read = try Pathway(definition: written, file: "random.yaml")
        #expect(read.withoutSources == pathway.withoutSources, "\(written)")
    }

    /// Strings YAML might read as something else when unquoted.
    static let words = ["sql", "yes", "no", "null", "~", "true", "0.5", "1e3", "2026-01-01", "a: b", "#hash", "- dash",
                        "\"quoted\"", "tab\there", "line\nbreak", "ünïcode", "[list]", "{map}", "*alias", "&anchor", "!tag"]

    static func word(_ random: inout SplitMix64) -> String { words[random.below(words.count)] }

    static func node(_ random: inout SplitMix64, depth: Int) -> Requirement {
        let kind: Requirement.Kind
        switch depth > 3 ? random.below(5) : random.below(9) {
        case 0: kind = .badge(word(&random))
        case 1: kind = .tag(word(&random))
        case 2: kind = .skill(SkillReference(framework: "sfia", code: "PROG", level: random.below(2) == 0 ? nil : 1 + random.below(7)))
        case 3: kind = .countFrom(1 + random.below(3), BadgeFilter(badges: [word(&random)], issuers: [word(&random)]))
        case 4: kind = .credits(Credits(Rational(1 + random.below(9), 1 + random.below(4)), CreditUnit(word(&random))),
                                BadgeFilter(tags: [word(&random), word(&random)]))
        case 5: kind = .pathway(word(&random))
        default:
            let children = (0...random.below(3)).map { _ in node(&random, depth: depth + 1) }
            switch random.below(3) {
            case 0: kind = .all(children)
            case 1: kind = .any(children)
            default: kind = .countOf(1 + random.below(children.count), children)
            }
        }
        var requirement = Requirement(kind)
        if random.below(3) == 0 { requirement.label = word(&random) }
        if random.below(4) == 0 { requirement.id = word(&random) }
        if random.below(4) == 0 { requirement.earnedAfter = [word(&random), word(&random)] }
        if random.below(5) == 0 { requirement.earnedWithin = ISODuration(years: random.below(3), days: 1 + random.below(40)) }
        if random.below(5) == 0 { requirement.minResult = random.below(2) == 0 ? .label(word(&random)) : .number(Rational(random.below(100), 4)) }
        if random.below(6) == 0 { requirement.shared = true }
        return requirement
    }
}

