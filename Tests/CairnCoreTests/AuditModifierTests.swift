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
        // One selection step, no priced branches and no integer-program branches: whatever the
        // root's bound and heuristic do not settle stays unsettled, and says so.
        let limits = SolverLimits(maxSearchNodes: 1, maxProgressBranches: 0, maxProgramBranches: 0)
        var cutShort = 0
        for seed in UInt64(0)..<300 {
            let instance = RandomInstance(seed: seed, crowded: true, large: true)
            let compiled = try CompiledPathway(pathway: "p", catalog: instance.catalog)
            let limited = compiled.audit(instance.record, asOf: Fixture.date("2026-06-01"), limits: limits)
            let full = compiled.audit(instance.record, asOf: Fixture.date("2026-06-01"))
            #expect(full.isExact, "seed \(seed)")
            if limited.isExact {
                #expect(limited.progress == full.progress, "seed \(seed)")
            } else {
                cutShort += 1
                #expect(limited.notes.contains { $0.contains("not proven optimal") }, "seed \(seed)")
                #expect(limited.progress <= full.progress, "seed \(seed)")
            }
        }
        #expect(cutShort > 0)
    }

    @Test("includeNarrower: a badge aligned to a narrower skill counts, at any depth")
    func includeNarrower() throws {
        let framework = Framework(id: "esco", name: "ESCO", skills: [
            Skill(id: "http://data.europa.eu/esco/skill/aaaaaaaa-0000-0000-0000-000000000001"),
            Skill(id: "http://data.europa.eu/esco/skill/aaaaaaaa-0000-0000-0000-000000000002",
                  broader: ["http://data.europa.eu/esco/skill/aaaaaaaa-0000-0000-0000-000000000001"]),
            Skill(id: "http://data.europa.eu/esco/skill/aaaaaaaa-0000-0000-0000-000000000003",
                  broader: ["http://data.europa.eu/esco/skill/aaaaaaaa-0000-0000-0000-000000000002"]),
        ])
        // Aligned by bare UUID: the same skill as its URI.
        let deep = Fixture.badge("deep", alignments: [SkillReference(framework: "ESCO", code: "AAAAAAAA-0000-0000-0000-000000000003")])
        let broad = SkillReference(framework: "esco", code: "https://data.europa.eu/esco/skill/aaaaaaaa-0000-0000-0000-000000000001")
        func audit(_ requirement: Requirement) throws -> Audit {
            let catalog = Catalog(badgeCatalogs: [BadgeCatalog(issuer: Fixture.issuer, badges: [deep])],
                                  pathways: [Fixture.pathway("p", requirement)], frameworks: [framework])
            return try CompiledPathway(pathway: "p", catalog: catalog)
                .audit(Fixture.learner([Fixture.earned("deep", "2025-01-01")]), asOf: Fixture.date("2026-01-01"))
        }
        #expect(!(try audit(Requirement(.skill(broad))).isComplete))
        var narrower = broad
        narrower.includeNarrower = true
        #expect(try audit(Requirement(.skill(narrower))).isComplete)
        #expect(try audit(Requirement.count(1, from: BadgeFilter(skills: [narrower]))).isComplete)
    }

    @Test("Skill codes compare in canonical form", arguments: [
        ("esco", "http://data.europa.eu/esco/skill/ABCDEF12-3456-7890-abcd-ef1234567890",
         "http://data.europa.eu/esco/skill/abcdef12-3456-7890-abcd-ef1234567890"),
        ("esco", "abcdef12-3456-7890-abcd-ef1234567890", "http://data.europa.eu/esco/skill/abcdef12-3456-7890-abcd-ef1234567890"),
        ("sfia", "prog", "PROG"),
        ("SFIA", "https://sfia-online.org/en/sfia-8/skills/DTAN", "DTAN"),
        ("mine", "Some Code", "Some Code"),
    ])
    func canonicalCodes(framework: String, code: String, expected: String) {
        #expect(SkillReference(framework: framework, code: code).code == expected)
    }
}
