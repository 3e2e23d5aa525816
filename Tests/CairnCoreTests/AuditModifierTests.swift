import CairnCore
import CairnTestSupport
import Testing

@Suite("Audit engine: skills, filters, inherited modifiers and honesty about limits")
struct AuditModifierTests {
    static let sql = SkillReference(framework: "sfia", code: "DTAN", level: 3)
    let classes = [
        Fixture.badge("sql", tags: ["data"], credits: 2, alignments: [AuditModifierTests.sql]),
        Fixture.badge("intro", tags: ["data"], credits: 1,
                      alignments: [SkillReference(framework: "sfia", code: "DTAN", level: 2)]),
        Fixture.badge("cap", tags: ["data"], type: "capstone"),
        Fixture.badge("other", tags: ["data"], credits: 3),
    ]

    @Test("A skill leaf needs an alignment at the level asked for or above")
    func skillLevel() throws {
        let level3 = Requirement(.skill(SkillReference(framework: "SFIA", code: "DTAN", level: 3)))
        #expect(try audit(level3, badges: classes, earned: [Fixture.earned("sql", "2025-01-01")]).isComplete)
        #expect(!(try audit(level3, badges: classes, earned: [Fixture.earned("intro", "2025-01-01")]).isComplete))
        let anyLevel = Requirement(.skill(SkillReference(framework: "sfia", code: "DTAN")))
        #expect(try audit(anyLevel, badges: classes, earned: [Fixture.earned("intro", "2025-01-01")]).isComplete)
    }

    @Test("Filters combine their keys with and, their values with or")
    func filters() throws {
        let byType = Requirement.count(1, from: BadgeFilter(tags: ["data"], types: ["capstone"]))
        #expect(try audit(byType, badges: classes, earned: [Fixture.earned("cap", "2025-01-01")]).isComplete)
        #expect(!(try audit(byType, badges: classes, earned: [Fixture.earned("sql", "2025-01-01")]).isComplete))
        let byIssuer = Requirement.count(2, from: BadgeFilter(badges: ["sql", "other"], issuers: [Fixture.issuer.id]))
        let result = try audit(byIssuer, badges: classes, earned: [
            Fixture.earned("sql", "2025-01-01"), Fixture.earned("other", "2025-01-02"), Fixture.earned("intro", "2025-01-03"),
        ])
        #expect(result.isComplete)
        #expect(result.root.assignedIDs == ["sql", "other"])
    }

    @Test("Modifiers on a group apply to every badge counted below it")
    func inheritedModifiers() throws {
        let requires = Requirement.all([.badge("sql"), .badge("other")]).with(earnedWithin: "P1Y", minResult: "meets")
        let result = try audit(requires, badges: classes, earned: [
            Fixture.earned("sql", "2026-01-01", result: "exceeds"), Fixture.earned("other", "2024-01-01", result: "exceeds"),
        ])
        #expect(result.progress == Rational(1, 2))
        #expect(result.root.children[1].reason(for: "other") == "too-old")
    }

    @Test("Credit leaves list only the badges they need")
    func creditTrimming() throws {
        let requires = Requirement.credits(3, from: BadgeFilter(tags: ["data"]))
        let result = try audit(requires, badges: classes, earned: [
            Fixture.earned("other", "2025-01-01"), Fixture.earned("sql", "2025-02-01"), Fixture.earned("intro", "2025-03-01"),
        ])
        #expect(result.isComplete)
        #expect(result.root.countedCredits == Credits(Rational(3), .ects))
        #expect(result.root.assigned.count < 3)
        #expect(result.root.rejected.allSatisfy { $0.reason == .notNeeded })
    }

    @Test("A search cut short by its budget says so, and still returns a valid assignment")
    func budgetIsReported() throws {
        let requires = Requirement.all([.tag("data"), .badge("sql"), .any([.badge("other"), .tag("data")])])
        let catalog = Fixture.catalog(classes, pathways: [Fixture.pathway("p", requires)])
        let record = Fixture.learner([Fixture.earned("sql", "2025-01-01"), Fixture.earned("intro", "2025-01-02"),
                                      Fixture.earned("cap", "2025-01-03")])
        let compiled = try CompiledPathway(pathway: "p", catalog: catalog)
        let limited = compiled.audit(record, asOf: Fixture.date("2026-01-01"), limits: SolverLimits(maxSearchNodes: 1))
        #expect(!limited.isExact)
        #expect(limited.notes.contains { $0.contains("not proven optimal") })
        let full = compiled.audit(record, asOf: Fixture.date("2026-01-01"))
        #expect(full.isExact)
        #expect(full.isComplete)
        #expect(limited.progress <= full.progress)
    }
}
