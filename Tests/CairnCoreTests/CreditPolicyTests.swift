import CairnCore
import CairnTestSupport
import Testing

/// The credit engine on small, hand-checked cases: every rule kind, caps that bind, exact
/// conversions, rounding, stacks, recency, expiry and revocation.
@Suite("Credit policies")
struct CreditPolicyTests {
    static let asOf = Fixture.date("2026-11-29")

    static func policy(_ rules: [CreditRule], unit: CreditUnit = .ects, caps: [CreditCap] = [], stacks: [StackRule] = [],
                       conversions: [UnitConversion] = [], programme: Rational? = nil,
                       rounding: CreditRounding? = nil, earnedWithin: String? = nil) -> CreditPolicy {
        CreditPolicy(id: "p", version: "1", unit: unit, conversions: conversions, programmeCredits: programme, rules: rules,
                     caps: caps, stacks: stacks, earnedWithin: earnedWithin.map(Fixture.duration), rounding: rounding)
    }

    static func rule(_ id: String, _ match: BadgeFilter = BadgeFilter(), _ credits: CreditAmount = .declared,
                     minResult: ResultThreshold? = nil, earnedWithin: String? = nil) -> CreditRule {
        CreditRule(id: id, match: match, credits: credits, earnedWithin: earnedWithin.map(Fixture.duration),
                   minResult: minResult)
    }

    static func line(_ transcript: CreditTranscript, _ id: String) -> CreditLine? {
        transcript.lines.first { $0.subject.id == id }
    }

    @Test("the first matching rule decides: by id, issuer, tag, type and aligned skill at a minimum level")
    func ruleKinds() throws {
        let catalog = Fixture.catalog([
            Fixture.badge("a", credits: 2), Fixture.badge("b", tags: ["stats"], credits: 3),
            Fixture.badge("c", credits: 4, type: "capstone"),
            Fixture.badge("d", credits: 1, alignments: [SkillReference(framework: "sfia", code: "DTAN", level: 4)]),
            Fixture.badge("e", credits: 1, alignments: [SkillReference(framework: "sfia", code: "DTAN", level: 2)]),
        ])
        let policy = Self.policy([
            Self.rule("by-id", BadgeFilter(badges: ["a"]), .fixed(Credits(Rational(5), .ects))),
            Self.rule("by-tag", BadgeFilter(tags: ["stats"])),
            Self.rule("by-type", BadgeFilter(types: ["capstone"]), .fixed(Credits(Rational(6), .ects))),
            Self.rule("by-skill", BadgeFilter(skills: [SkillReference(framework: "sfia", code: "DTAN", level: 3)]),
                      .fixed(Credits(Rational(7), .ects))),
            Self.rule("by-issuer", BadgeFilter(issuers: ["https://example.edu"]), CreditAmount.none),
        ])
        let record = Fixture.learner(["a", "b", "c", "d", "e"].map { Fixture.earned($0, "2025-01-01") })
        let transcript = try policy.evaluate(record, catalog: catalog, asOf: Self.asOf)
        #expect(transcript.lines.map(\.rule) == ["by-id", "by-tag", "by-type", "by-skill", "by-issuer"])
        #expect(transcript.lines.map(\.credits) == [5, 3, 6, 7, 0].map { Rational($0) })
        #expect(Self.line(transcript, "e")?.decision == .noCredit)
        #expect(transcript.total == Rational(21))
    }

    @Test("a badge no rule matches does not count, and says so")
    func noRule() throws {
        let transcript = try Self.policy([Self.rule("only-x", BadgeFilter(badges: ["x"]))])
            .evaluate(Fixture.learner([Fixture.earned("a", "2025-01-01")]),
                      catalog: Fixture.catalog([Fixture.badge("a", credits: 2), Fixture.badge("x")]), asOf: Self.asOf)
        #expect(transcript.lines.first?.decision == .noMatchingRule)
        #expect(transcript.total == .zero)
    }

    @Test("conversions are exact, also when they do not terminate: 1 quarter hour = 2/3 semester hour")
    func conversions() throws {
        let catalog = Fixture.catalog([Fixture.badge("q", credits: 1, unit: .quarterHours),
                                       Fixture.badge("e", credits: 3, unit: .ects), Fixture.badge("c", credits: 5, unit: .cats)])
        let policy = Self.policy([Self.rule("all")], unit: .semesterHours,
                                 conversions: [UnitConversion(from: .semesterHours, to: .ects, ratio: Rational(2))])
        let record = Fixture.learner([Fixture.earned("q", "2025-01-01"), Fixture.earned("e", "2025-01-02"),
                                      Fixture.earned("c", "2025-01-03")])
        let transcript = try policy.evaluate(record, catalog: catalog, asOf: Self.asOf)
        // 2/3 + 3/2 + 5 CATS = 5/2 ECTS = 5/4 SH
        #expect(transcript.lines.map(\.credits) == [Rational(2, 3), Rational(3, 2), Rational(5, 4)])
        #expect(transcript.total == Rational(41, 12))
    }

    @Test("a conversion nobody declared is an error naming the units and the rule, never a guess")
    func missingConversion() {
        let catalog = Fixture.catalog([Fixture.badge("e", credits: 3, unit: .ects)])
        #expect {
            _ = try Self.policy([Self.rule("all")], unit: .semesterHours)
                .evaluate(Fixture.learner([Fixture.earned("e", "2025-01-01")]), catalog: catalog, asOf: Self.asOf)
        } throws: { error in
            guard case .missingConversion(let from, let to, let badge, let rule, _)? = error as? CreditPolicyError else { return false }
            return from == .ects && to == .semesterHours && badge == "e" && rule == "all"
                && (error as? CreditPolicyError)?.description.contains("never guesses") == true
        }
    }

    @Test("Open Badges credits without a unit take the policy's openBadgesUnit; without one, it is an error")
    func openBadgesUnit() throws {
        let catalog = Fixture.catalog([Fixture.badge("ob", credits: 3, unit: .unspecified)])
        let record = Fixture.learner([Fixture.earned("ob", "2025-01-01")])
        var policy = Self.policy([Self.rule("all")])
        #expect(throws: CreditPolicyError.self) { _ = try policy.evaluate(record, catalog: catalog, asOf: Self.asOf) }
        policy.openBadgesUnit = .cats
        #expect(try policy.evaluate(record, catalog: catalog, asOf: Self.asOf).total == Rational(3, 2))
    }

    @Test("rounding modes, exactly", arguments: [
        (CreditRounding.Mode.down, "7/3", "2"), (.up, "7/3", "5/2"), (.halfUp, "9/4", "5/2"), (.halfEven, "9/4", "2"),
        (.halfEven, "11/4", "3"), (.halfUp, "11/5", "2"), (.down, "5/2", "5/2"), (.up, "5/2", "5/2"),
    ])
    func rounding(mode: CreditRounding.Mode, value: String, expected: String) throws {
        let rounding = CreditRounding(increment: Rational(1, 2), mode: mode, stage: .total)
        #expect(rounding.apply(try #require(Rational(parsing: value))) == Rational(parsing: expected))
    }

    @Test("rounding applies to each line or to the total, as the policy says")
    func roundingStages() throws {
        let catalog = Fixture.catalog([Fixture.badge("q1", credits: 1, unit: .quarterHours),
                                       Fixture.badge("q2", credits: 1, unit: .quarterHours)])
        let record = Fixture.learner([Fixture.earned("q1", "2025-01-01"), Fixture.earned("q2", "2025-01-02")])
        let perLine = try Self.policy([Self.rule("all")], unit: .semesterHours,
                                      rounding: CreditRounding(increment: Rational(1, 2), mode: .down, stage: .line))
            .evaluate(record, catalog: catalog, asOf: Self.asOf)
        #expect(perLine.lines.map(\.credits) == [Rational(1, 2), Rational(1, 2)])
        #expect(perLine.total == Rational(1))
        let onTotal = try Self.policy([Self.rule("all")], unit: .semesterHours,
                                      rounding: CreditRounding(increment: Rational(1, 2), mode: .down, stage: .total))
            .evaluate(record, catalog: catalog, asOf: Self.asOf)
        #expect(onTotal.lines.map(\.credits) == [Rational(2, 3), Rational(2, 3)])
        #expect(onTotal.unroundedTotal == Rational(4, 3))
        #expect(onTotal.total == Rational(1))
    }

    @Test("when a cap binds, the badges kept give the largest total, not the first that fit")
    func capsMaximal() throws {
        let catalog = Fixture.catalog([Fixture.badge("six", credits: 6), Fixture.badge("five-a", credits: 5),
                                       Fixture.badge("five-b", credits: 5)])
        let record = Fixture.learner([Fixture.earned("six", "2025-01-01"), Fixture.earned("five-a", "2025-02-01"),
                                      Fixture.earned("five-b", "2025-03-01")])
        let transcript = try Self.policy([Self.rule("all")], caps: [CreditCap(scope: .total, limit: .amount(Rational(10)))])
            .evaluate(record, catalog: catalog, asOf: Self.asOf)
        #expect(transcript.total == Rational(10))
        #expect(Self.line(transcript, "six")?.decision == .cappedOut)
        #expect(Self.line(transcript, "six")?.cutBy == ["the total cap of 10"])
        #expect(Self.line(transcript, "five-a")?.counted == true)
        #expect(transcript.isExact)
    }

    @Test("tag, issuer, per-year and share caps bind together; ties keep earlier badges")
    func capsTogether() throws {
        let catalog = Fixture.catalog([Fixture.badge("e1", tags: ["elective"], credits: 2),
                                       Fixture.badge("e2", tags: ["elective"], credits: 2),
                                       Fixture.badge("e3", tags: ["elective"], credits: 2),
                                       Fixture.badge("core", credits: 3)])
        let record = Fixture.learner([Fixture.earned("e1", "2024-01-01"), Fixture.earned("e2", "2025-01-01"),
                                      Fixture.earned("e3", "2025-02-01"), Fixture.earned("core", "2025-03-01")])
        let policy = Self.policy([Self.rule("all")], caps: [
            CreditCap(scope: .tag("elective"), limit: .amount(Rational(4))),
            CreditCap(scope: .perCalendarYear, limit: .amount(Rational(5))),
            CreditCap(scope: .total, limit: .shareOfProgramme(Rational(1, 10))),
        ], programme: Rational(80))
        let transcript = try policy.evaluate(record, catalog: catalog, asOf: Self.asOf)
        // Electives at most 4 (two of three), 2025 at most 5 (e2 or e3 with core), total at most 8.
        #expect(transcript.total == Rational(7))
        #expect(transcript.lines.filter(\.counted).map(\.subject.id) == ["e1", "e2", "core"])
        #expect(Self.line(transcript, "e3")?.cutBy.isEmpty == false)
    }

    @Test("a share cap without programme credit is an error")
    func shareWithoutProgramme() {
        let catalog = Fixture.catalog([Fixture.badge("a", credits: 2)])
        #expect(throws: CreditPolicyError.self) {
            _ = try Self.policy([Self.rule("all")], caps: [CreditCap(scope: .total, limit: .shareOfProgramme(Rational(1, 2)))])
                .evaluate(Fixture.learner([Fixture.earned("a", "2025-01-01")]), catalog: catalog, asOf: Self.asOf)
        }
    }

    @Test("recency and expiry boundaries: the last counting day counts, the next does not", arguments: [
        ("2026-11-28", true), ("2026-11-29", false),
    ])
    func recency(issuedDayOffset asOf: String, counts: Bool) throws {
        let catalog = Fixture.catalog([Fixture.badge("a", credits: 2)])
        let record = Fixture.learner([Fixture.earned("a", "2021-11-29")])
        let transcript = try Self.policy([Self.rule("all", earnedWithin: "P5Y")])
            .evaluate(record, catalog: catalog, asOf: Fixture.date(asOf))
        #expect(transcript.lines.first?.counted == counts)
        if !counts { #expect(transcript.lines.first?.decision == .tooOld) }
    }

    @Test("revoked, lapsed and not-yet-issued badges do not count, each with its reason")
    func standing() throws {
        let catalog = Fixture.catalog([Fixture.badge("a", credits: 1), Fixture.badge("b", credits: 1, validity: "P1Y"),
                                       Fixture.badge("c", credits: 1), Fixture.badge("d", credits: 1)])
        let record = Fixture.learner([
            Fixture.earned("a", "2025-01-01", revoked: true), Fixture.earned("b", "2025-11-29"),
            Fixture.earned("c", "2026-11-30"), Fixture.earned("d", "2025-01-01", expires: "2026-11-29"),
        ])
        let transcript = try Self.policy([Self.rule("all")]).evaluate(record, catalog: catalog, asOf: Self.asOf)
        #expect(transcript.lines.map(\.decision) == [.revoked, .lapsed, .lapsed, .notYetIssued])
        #expect(transcript.total == .zero)
    }

    @Test("minimum results and grade translation")
    func results() throws {
        var catalog = Fixture.badge("a", credits: 2)
        catalog.resultScale = ["participated", "meets", "exceeds"]
        var policy = Self.policy([Self.rule("all", minResult: .label("meets"))])
        policy.grades = GradeTranslation(labels: ["exceeds": "A", "meets": "B"])
        let transcript = try policy.evaluate(
            Fixture.learner([Fixture.earned("a", "2025-01-01", result: "participated"),
                             Fixture.earned("a", "2025-06-01", result: "exceeds")]),
            catalog: Fixture.catalog([catalog]), asOf: Self.asOf)
        #expect(transcript.lines.map(\.decision) == [.belowMinimumResult, .counted])
        #expect(transcript.lines.last?.grade == "A")
        let numeric = GradeTranslation(thresholds: [(Rational(90), "A"), (Rational(75), "B")])
        #expect(numeric.grade(for: .number(Rational(80))) == "B")
        #expect(numeric.grade(for: .number(Rational(60))) == nil)
    }

    @Test("a badge earned twice counts once")
    func duplicate() throws {
        let transcript = try Self.policy([Self.rule("all")]).evaluate(
            Fixture.learner([Fixture.earned("a", "2024-01-01"), Fixture.earned("a", "2025-01-01")]),
            catalog: Fixture.catalog([Fixture.badge("a", credits: 2)]), asOf: Self.asOf)
        #expect(transcript.lines.map(\.decision) == [.counted, .duplicate])
        #expect(transcript.total == Rational(2))
    }

    static let stackCatalog = Fixture.catalog(
        [Fixture.badge("x", credits: 2), Fixture.badge("y", credits: 3), Fixture.badge("z", credits: 1),
         Fixture.badge("stack-badge", credits: 4)],
        pathways: [Fixture.pathway("s", awards: "stack-badge", .all([.badge("x"), .badge("y")])),
                   Fixture.pathway("t", .all([.badge("y"), .badge("z")]))])

    @Test("a completed stack replaces its badges' credit, or adds to it; its awarded badge never counts beside it",
          arguments: [(StackRule.Mode.replace, "11"), (.add, "16")])
    func stacks(mode: StackRule.Mode, total: String) throws {
        let record = Fixture.learner([Fixture.earned("x", "2025-01-01"), Fixture.earned("y", "2025-02-01"),
                                      Fixture.earned("z", "2025-03-01"), Fixture.earned("stack-badge", "2025-04-01")])
        let transcript = try Self.policy([Self.rule("all")],
                                         stacks: [StackRule(pathway: "s", credits: Credits(Rational(10), .ects), mode: mode)])
            .evaluate(record, catalog: Self.stackCatalog, asOf: Self.asOf)
        #expect(transcript.total == Rational(parsing: total))
        #expect(Self.line(transcript, "stack-badge")?.decision == .standsForStack)
        #expect(Self.line(transcript, "x")?.decision == (mode == .replace ? .replacedByStack : .counted))
        #expect(Self.line(transcript, "s")?.counted == true)
    }

    @Test("two stacks that need the same badge: only the first is granted, since a badge counts once")
    func sharedStackBadge() throws {
        let record = Fixture.learner([Fixture.earned("x", "2025-01-01"), Fixture.earned("y", "2025-02-01"),
                                      Fixture.earned("z", "2025-03-01")])
        let transcript = try Self.policy([Self.rule("all")], stacks: [
            StackRule(pathway: "s", credits: Credits(Rational(10), .ects)),
            StackRule(pathway: "t", credits: Credits(Rational(10), .ects)),
        ]).evaluate(record, catalog: Self.stackCatalog, asOf: Self.asOf)
        #expect(Self.line(transcript, "t")?.decision == .stackSharesBadge)
        #expect(transcript.total == Rational(11))   // block 10 + z 1
    }

    @Test("an incomplete stack grants nothing and says how far it got")
    func incompleteStack() throws {
        let transcript = try Self.policy([Self.rule("all")], stacks: [StackRule(pathway: "s", credits: Credits(Rational(10), .ects))])
            .evaluate(Fixture.learner([Fixture.earned("x", "2025-01-01")]), catalog: Self.stackCatalog, asOf: Self.asOf)
        #expect(Self.line(transcript, "s")?.decision == .stackIncomplete)
        #expect(Self.line(transcript, "s")?.reason.contains("progress 0.5") == true)
        #expect(transcript.total == Rational(2))
    }
}

@Suite("Validating credit policies")
struct CreditPolicyValidatorTests {
    @Test("unknown badges, pathways and units without a conversion are reported; so is a duplicate id")
    func problems() {
        let catalog = Fixture.catalog([Fixture.badge("a", credits: 1)])
        let policy = CreditPolicy(
            id: "p", version: "1", unit: .ects,
            rules: [CreditRule(id: "r", match: BadgeFilter(badges: ["a", "ghost"]),
                               credits: .fixed(Credits(Rational(1), .semesterHours)))],
            stacks: [StackRule(pathway: "nowhere")])
        let issues = CreditPolicyValidator(catalog: catalog).validate([policy, policy]).map(\.description)
        #expect(issues.contains { $0.contains("names unknown badge class \"ghost\"") })
        #expect(issues.contains { $0.contains("gives credit in US-semester-hours and no conversion to ECTS is declared") })
        #expect(issues.contains { $0.contains("names unknown pathway \"nowhere\"") })
        #expect(issues.contains { $0.contains("duplicate credit policy id \"p\"") })
    }
}
