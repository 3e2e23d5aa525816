import CairnCore
import CairnDefinitions
import CairnSyntax
import Testing

@Suite("Reading credit policies")
struct CreditPolicyDefinitionTests {
    static let full = """
        policy: northbridge-ects
        version: "2026.1"
        title: Credit for micro-credentials
        institution: { id: "https://northbridge.example.edu", name: Northbridge University }
        unit: ECTS
        conversions: [{ from: US-semester-hours, to: ECTS, ratio: 2 }]
        openBadgesUnit: ECTS
        programme: { credits: 180 }
        earnedWithin: P5Y
        minResult: meets
        grades: { labels: { exceeds: A, meets: B }, numbers: [{ atLeast: 90, grade: A }] }
        rules:
          - id: data
            match: { badge: [sql-querying, data-cleaning], skill: { framework: sfia, code: DTAN, level: 3 } }
            credits: 5
            equivalentTo: DATA 101
          - id: partner
            match: { issuer: "https://partner.example.ac.uk", tag: elective, type: skill }
            credits: { value: 10, unit: CATS }
            minResult: pass
            earnedWithin: P3Y
          - { id: declared, credits: declared }
          - { credits: none }
        caps:
          - { share: 1/6 }
          - { total: 40 }
          - { issuer: "https://partner.example.ac.uk", max: 10 }
          - { tag: elective, max: 6 }
          - { perYear: 20 }
        stacks:
          - { pathway: data-analysis-foundations, credits: 15, mode: replace, equivalentTo: DATA 150 }
          - { pathway: research-methods, mode: add }
        rounding: { increment: 0.5, mode: half-even, apply: line }
        """

    @Test("every key of the policy language is read, exactly")
    func full() throws {
        let policy = try CreditPolicy(definition: Self.full, file: "p.yaml")
        #expect(policy.id == "northbridge-ects")
        #expect(policy.version == "2026.1")
        #expect(policy.institution?.name == "Northbridge University")
        #expect(policy.unit == .ects)
        #expect(policy.conversions == [UnitConversion(from: .semesterHours, to: .ects, ratio: Rational(2))])
        #expect(policy.programmeCredits == Rational(180))
        #expect(policy.earnedWithin == ISODuration(years: 5))
        #expect(policy.minResult == .label("meets"))
        #expect(policy.grades?.grade(for: .number(Rational(95))) == "A")
        #expect(policy.rules.map(\.id) == ["data", "partner", "declared", "rule 4"])
        #expect(policy.rules[0].credits == .fixed(Credits(Rational(5), .ects)))
        #expect(policy.rules[0].match.skills == [SkillReference(framework: "sfia", code: "DTAN", level: 3)])
        #expect(policy.rules[1].credits == .fixed(Credits(Rational(10), .cats)))
        #expect(policy.rules[1].earnedWithin == ISODuration(years: 3))
        #expect(policy.rules[2].credits == .declared)
        #expect(policy.rules[3].credits == CreditAmount.none)
        #expect(policy.rules[3].match.isEmpty)
        #expect(policy.caps.map(\.scope) == [.total, .total, .issuer("https://partner.example.ac.uk"), .tag("elective"),
                                             .perCalendarYear])
        #expect(policy.caps[0].limit == .shareOfProgramme(Rational(1, 6)))
        #expect(policy.stacks.map(\.mode) == [.replace, .add])
        #expect(policy.stacks[1].credits == nil)
        #expect(policy.rounding == CreditRounding(increment: Rational(1, 2), mode: .halfEven, stage: .line))
        #expect(policy.source?.file == "p.yaml")
    }

    @Test("problems are reported with their line and column, all at once", arguments: [
        ("policy: p\nversion: 1\nunit: ECTS\nrules:\n  - { credits: lots }\n", "p.yaml:5:16", "expected a number, { value, unit }, declared or none"),
        ("policy: p\nversion: 1\nunit: ECTS\nrules: []\ncaps:\n  - { tag: x }\n", "p.yaml:6:5", "a cap is one of"),
        ("policy: p\nversion: 1\nunit: ECTS\nrules: []\ncaps:\n  - { share: 1/4 }\n", "p.yaml:1:1", "needs programme"),
        ("policy: p\nversion: 1\nunit: ECTS\nrules: []\nrounding: { increment: 0.5, mode: sideways }\n", "p.yaml:5:35",
         "down, up, half-up or half-even"),
        ("policy: p\nversion: 1\nunit: ECTS\nrules: []\nstacks: [{ pathway: x, mode: merge }]\n", "p.yaml:5:30", "replace or add"),
        ("policy: p\nversion: 1\nrules: []\n", "p.yaml:1:1", "missing required key \"unit\""),
        ("policy: p\nversion: 1\nunit: ECTS\nrules: []\ncap: []\n", "p.yaml:5:1", "unknown key \"cap\""),
    ])
    func problems(text: String, place: String, message: String) {
        do {
            _ = try CreditPolicy(definition: text, file: "p.yaml")
            Issue.record("expected an error")
        } catch {
            let first = error.errors.first?.description ?? ""
            #expect(first.hasPrefix(place), "\(error)")
            #expect(first.contains(message), "\(error)")
        }
    }

    @Test("a policy file is recognised by its keys")
    func kind() throws {
        #expect(try DefinitionDocument.kind(of: Self.full, file: "p.yaml") == .creditPolicy)
    }
}
