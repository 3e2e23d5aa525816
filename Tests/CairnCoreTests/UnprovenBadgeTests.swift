import Foundation
import CairnCore
import CairnTestSupport
import Testing

/// An earning read from a credential that no trusted key proves is kept, but nothing counts it:
/// not audits, credits, plans, renewals or role fit.
@Suite("Unproven earnings count nowhere")
struct UnprovenBadgeTests {
    static let asOf = Fixture.date("2026-01-01")
    static let skill = SkillReference(framework: "esco", code: "http://data.europa.eu/esco/skill/s1")
    static let catalog = Fixture.catalog(
        [Fixture.badge("a", credits: 5, validity: "P1Y", alignments: [skill]), Fixture.badge("b")],
        pathways: [Fixture.pathway("p", .all([.badge("a"), .badge("b")]))])

    static func record(proven: Bool) -> LearnerRecord {
        var earned = Fixture.earned("a", "2025-06-01")
        if !proven { earned.unproven = "the credential carries no proof" }
        return Fixture.learner([earned, Fixture.earned("b", "2025-06-01")])
    }

    @Test("the audit rejects it with the reason, where the proven twin counts")
    func audit() throws {
        let compiled = try CompiledPathway(pathway: "p", catalog: Self.catalog)
        #expect(compiled.audit(Self.record(proven: true), asOf: Self.asOf).isComplete)
        let audit = compiled.audit(Self.record(proven: false), asOf: Self.asOf)
        #expect(!audit.isComplete)
        let rejected = audit.root.children.flatMap(\.rejected)
        #expect(rejected.map(\.reason) == [.unproven(reason: "the credential carries no proof")])
        #expect(rejected.first?.reason.code == "unproven")
    }

    @Test("renewals schedule nothing for it and role fit takes no skill from it")
    func renewalsAndRoles() {
        let proven = RenewalSchedule.make(for: Self.record(proven: true), catalog: Self.catalog, asOf: Self.asOf)
        let unproven = RenewalSchedule.make(for: Self.record(proven: false), catalog: Self.catalog, asOf: Self.asOf)
        #expect(proven.items.contains { $0.subject.id == "a" })
        #expect(!unproven.items.contains { $0.subject.id == "a" })
        #expect(LearnerSkills(Self.record(proven: true), catalog: Self.catalog, asOf: Self.asOf).valid.count == 1)
        #expect(LearnerSkills(Self.record(proven: false), catalog: Self.catalog, asOf: Self.asOf).valid.isEmpty)
    }

    @Test("a plan treats it as not held: the badge is planned again")
    func plan() throws {
        let compiled = try CompiledPathway(pathway: "p", catalog: Self.catalog)
        let proven = try compiled.plan(for: Self.record(proven: true), catalog: Self.catalog, measure: .count,
                                       asOf: Self.asOf, reliesUntil: Self.asOf)
        let unproven = try compiled.plan(for: Self.record(proven: false), catalog: Self.catalog, measure: .count,
                                         asOf: Self.asOf, reliesUntil: Self.asOf)
        #expect(proven.steps.isEmpty)
        #expect(unproven.steps.map(\.badge) == ["a"])
    }
}

/// Many earnings of one badge — a record a stranger could send — give the same answer as the
/// distinct ones, and renewal chains are built in one pass (they were quadratic: each earning
/// copied the chain's notes).
@Suite("Duplicate earnings")
struct DuplicateEarningsTests {
    @Test("20,000 earnings of one badge audit and schedule like their distinct dates", arguments: [20_000])
    func manyDuplicates(count: Int) throws {
        let catalog = Fixture.catalog([Fixture.badge("a", validity: "P1Y"), Fixture.badge("b")],
                                      pathways: [Fixture.pathway("p", .all([.badge("a"), .badge("b")]))])
        let dates = (1...28).map { String(format: "2025-01-%02d", $0) }
        let many = Fixture.learner((0..<count).map { Fixture.earned("a", dates[$0 % dates.count]) } + [Fixture.earned("b", "2025-01-01")])
        let distinct = Fixture.learner(dates.map { Fixture.earned("a", $0) } + [Fixture.earned("b", "2025-01-01")])
        let asOf = Fixture.date("2025-06-01")
        let compiled = try CompiledPathway(pathway: "p", catalog: catalog)
        #expect(compiled.audit(many, asOf: asOf).isComplete == compiled.audit(distinct, asOf: asOf).isComplete)
        #expect(compiled.audit(many, asOf: asOf).progress == compiled.audit(distinct, asOf: asOf).progress)
        let manyChains = many.renewalChains(asOf: asOf) { catalog.badgeClasses[$0] }
        let distinctChains = distinct.renewalChains(asOf: asOf) { catalog.badgeClasses[$0] }
        #expect(manyChains.map(\.expires) == distinctChains.map(\.expires))
    }
}
