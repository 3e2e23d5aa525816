import CairnCore
import CairnTestSupport
import Testing

/// In-progress and registered earnings: the audit keeps what is complete now apart from what
/// will be complete once they are awarded, and never mixes the two.
@Suite("Pending earnings")
struct PendingEarningTests {
    static let asOf = Fixture.date("2026-11-29")
    static let catalog = Fixture.catalog([Fixture.badge("a"), Fixture.badge("b"), Fixture.badge("c", validity: "P1Y")],
                                         pathways: [Fixture.pathway("p", .all([.badge("a"), .badge("b"), .badge("c")]))])

    static func pending(_ badge: String, _ expected: String, _ status: EarningStatus = .inProgress) -> EarnedBadge {
        var earning = Fixture.earned(badge, expected)
        earning.status = status
        return earning
    }

    func audit(_ badges: [EarnedBadge]) throws -> Audit {
        try CompiledPathway(pathway: "p", catalog: Self.catalog).audit(Fixture.learner(badges), asOf: Self.asOf)
    }

    @Test("a pending earning never counts now; the pending figure counts it as awarded on its expected date")
    func twoFigures() throws {
        let audit = try audit([Fixture.earned("a", "2025-01-01"), Self.pending("b", "2027-01-15"),
                               Self.pending("c", "2026-12-20", .registered)])
        #expect(!audit.isComplete)
        #expect(audit.progress == Rational(1, 3))
        let pending = try #require(audit.pending)
        #expect(pending.isComplete)
        #expect(pending.progress == .one)
        #expect(pending.expectedBy == Fixture.date("2027-01-15"))
        #expect(pending.badges.map(\.badgeClassID).sorted() == ["b", "c"])
        let rejected = audit.root.children.flatMap(\.rejected)
        #expect(rejected.map(\.reason.code) == ["pending", "pending"])
        #expect(rejected.map(\.reason.description).sorted() == ["in progress, expected 2027-01-15",
                                                                 "registered, expected 2026-12-20"])
    }

    @Test("a learner without pending earnings takes the old path: no pending figure, the same audit")
    func noPending() throws {
        let badges = [Fixture.earned("a", "2025-01-01"), Fixture.earned("b", "2025-02-01")]
        let plain = try audit(badges)
        #expect(plain.pending == nil)
        // A pending earning of a class the pathway does not count changes nothing either.
        let unrelated = try audit(badges + [Self.pending("zzz", "2027-01-01")])
        #expect(unrelated == plain)
    }

    @Test("complete-now is the audit of the record without its pending earnings")
    func nowIgnoresPending() throws {
        let held = [Fixture.earned("a", "2025-01-01")]
        let withPending = try audit(held + [Self.pending("b", "2027-01-15")])
        let without = try audit(held)
        #expect(withPending.isComplete == without.isComplete)
        #expect(withPending.progress == without.progress)
    }

    @Test("on random instances, progress now never exceeds the pending figure, and never counts a pending badge",
          arguments: 0..<200)
    func pendingNeverBelowNow(seed: Int) throws {
        let instance = RandomInstance(seed: UInt64(seed) &* 7919 &+ 11)
        var record = instance.record
        var random = SplitMix64(seed: UInt64(seed))
        for index in record.badges.indices where random.below(3) == 0 {
            record.badges[index].status = random.below(2) == 0 ? .inProgress : .registered
        }
        let compiled = try CompiledPathway(pathway: "p", catalog: instance.catalog)
        let audit = compiled.audit(record, asOf: Self.asOf)
        var awardedOnly = record
        awardedOnly.badges.removeAll { $0.status.isPending }
        let now = compiled.audit(awardedOnly, asOf: Self.asOf)
        #expect(audit.progress == now.progress)
        #expect(audit.isComplete == now.isComplete)
        if let pending = audit.pending {
            #expect(audit.progress <= pending.progress)
            #expect(!audit.isComplete || pending.isComplete)
        }
        func assigned(_ node: AuditNode) -> [CountedBadge] { node.assigned + node.children.flatMap(assigned) }
        let counted = assigned(audit.root)
        #expect(!counted.contains { badge in
            record.badges.contains { $0.status.isPending && $0.badgeClassID == badge.badge && $0.issued == badge.issued }
                && !awardedOnly.badges.contains { $0.badgeClassID == badge.badge && $0.issued == badge.issued }
        })
    }

    @Test("a plan starts from the pending figure and says so")
    func planStartsFromPending() throws {
        let compiled = try CompiledPathway(pathway: "p", catalog: Self.catalog)
        let record = Fixture.learner([Fixture.earned("a", "2025-01-01"), Self.pending("b", "2027-01-15")])
        let plan = try compiled.plan(for: record, catalog: Self.catalog, measure: .count, asOf: Self.asOf, reliesUntil: Self.asOf)
        #expect(plan.steps.map(\.badge) == ["c"])
        #expect(plan.notes.contains { $0.contains("b (in progress, expected 2027-01-15) taken as held") })
    }

    @Test("renewals ignore pending earnings, and credit policies refuse them")
    func renewalsAndStanding() {
        let earning = Self.pending("c", "2027-01-15")
        #expect(earning.standing(on: Self.asOf, under: nil) == .pending(status: .inProgress, expected: Fixture.date("2027-01-15")))
        // Even after the expected date a pending earning is not awarded.
        #expect(!earning.standing(on: Fixture.date("2028-01-01"), under: nil).counts)
        let record = Fixture.learner([Fixture.earned("c", "2025-12-01"), Self.pending("c", "2026-11-15")])
        let renewed = record.applyingRenewals(asOf: Self.asOf) { Self.catalog.badgeClasses[$0] }
        #expect(renewed == record)
    }
}
