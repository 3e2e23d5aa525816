import CairnCore
import Foundation
import CairnTestSupport
import Testing

/// Validity rules, renewal chains and stack validity, on dates worked out by hand.
@Suite("Renewals")
struct RenewalTests {
    static func rule(_ duration: String?, anchor: ValidityRule.Anchor = .issued, window: String? = nil, grace: String? = nil,
                     refreshers: [String] = []) -> ValidityRule {
        ValidityRule(duration: duration.map(Fixture.duration), anchor: anchor, renewalWindow: window.map(Fixture.duration),
                     grace: grace.map(Fixture.duration),
                     renewal: refreshers.isEmpty ? nil : RenewalRule(refreshers: refreshers))
    }

    static func badge(_ id: String, _ rule: ValidityRule?) -> BadgeClass {
        var badge = Fixture.badge(id, credits: 1)
        badge.validity = rule
        return badge
    }

    static func schedule(_ badges: [EarnedBadge], classes: [BadgeClass], pathways: [Pathway] = [],
                         asOf: String) -> RenewalSchedule {
        RenewalSchedule.make(for: Fixture.learner(badges), catalog: Fixture.catalog(classes, pathways: pathways),
                             asOf: Fixture.date(asOf))
    }

    @Test("month ends clamp and leap days fall back", arguments: [
        ("2025-01-31", "P1M", "2025-02-28"), ("2024-01-31", "P1M", "2024-02-29"), ("2024-02-29", "P1Y", "2025-02-28"),
        ("2024-02-29", "P4Y", "2028-02-29"), ("2023-08-31", "P6M", "2024-02-29"), ("2025-03-31", "P1M1D", "2025-05-01"),
    ])
    func calendarArithmetic(issued: String, duration: String, expires: String) {
        #expect(Self.rule(duration).firstExpiry(issued: Fixture.date(issued)) == Fixture.date(expires))
    }

    @Test("anchors: the issue date, the end of the month, the end of the year", arguments: [
        (ValidityRule.Anchor.issued, "2025-03-10", "2026-03-10"), (.lastRenewal, "2025-03-10", "2026-03-10"),
        (.endOfMonth, "2025-03-10", "2026-04-01"), (.endOfMonth, "2025-12-31", "2027-01-01"),
        (.endOfYear, "2025-03-10", "2027-01-01"), (.endOfYear, "2024-02-29", "2026-01-01"),
    ])
    func anchors(anchor: ValidityRule.Anchor, issued: String, expires: String) {
        #expect(Self.rule("P1Y", anchor: anchor).firstExpiry(issued: Fixture.date(issued)) == Fixture.date(expires))
    }

    @Test("status on each boundary of the window and the grace period (half-open)", arguments: [
        ("2026-10-01", RenewalSchedule.Status.valid), ("2026-10-02", .renewalOpen), ("2026-12-30", .renewalOpen),
        ("2026-12-31", .grace), ("2027-01-29", .grace), ("2027-01-30", .expired),
    ])
    func boundaries(asOf: String, status: RenewalSchedule.Status) throws {
        // Issued 2024-12-31, P2Y → expires 2026-12-31; window P90D → opens 2026-10-02; grace P30D → ends 2027-01-30.
        let schedule = Self.schedule([Fixture.earned("a", "2024-12-31")],
                                     classes: [Self.badge("a", Self.rule("P2Y", window: "P90D", grace: "P30D"))], asOf: asOf)
        let item = try #require(schedule.items.first)
        #expect(item.expires == Fixture.date("2026-12-31"))
        #expect(item.renewalOpens == Fixture.date("2026-10-02"))
        #expect(item.graceEnds == Fixture.date("2027-01-30"))
        #expect(item.status == status)
    }

    @Test("revoked and never-expiring badges have their own status")
    func otherStatuses() {
        let schedule = Self.schedule([Fixture.earned("a", "2025-01-01", revoked: true), Fixture.earned("b", "2025-01-01")],
                                     classes: [Self.badge("a", Self.rule("P1Y")), Self.badge("b", nil)], asOf: "2025-06-01")
        #expect(schedule.items.map(\.status) == [.revoked, .noExpiry])
    }

    @Test("an explicit expiry on the earned badge overrides the rule")
    func explicitExpiry() throws {
        let schedule = Self.schedule([Fixture.earned("a", "2025-01-01", expires: "2025-07-01")],
                                     classes: [Self.badge("a", Self.rule("P2Y", window: "P30D"))], asOf: "2025-06-15")
        let item = try #require(schedule.items.first)
        #expect(item.expires == Fixture.date("2025-07-01"))
        #expect(item.renewalOpens == Fixture.date("2025-06-01"))
        #expect(item.status == .renewalOpen)
    }

    static let chainRule = rule("P2Y", window: "P60D", grace: "P30D", refreshers: ["refresher"])

    @Test("renewal chains: in the window, in grace, too early, after grace, by a refresher", arguments: [
        // (second earning, its class, expected expiry, renewals, note fragment)
        ("2026-11-15", "a", "2029-01-01", 1, ""),                 // window opens 2026-11-02: renews, cycle from 2027-01-01
        ("2027-01-20", "a", "2029-01-01", 1, ""),                 // in grace (until 2027-01-31): renews without starting over
        ("2026-06-01", "a", "2027-01-01", 0, "before the renewal window opened"),
        ("2027-02-15", "a", "2029-02-15", 0, "starts over"),      // after grace: a new chain from its own date
        ("2026-12-01", "refresher", "2029-01-01", 1, ""),         // a refresher renews too
    ])
    func chains(second: String, badge: String, expires: String, renewals: Int, note: String) throws {
        let schedule = Self.schedule([Fixture.earned("a", "2025-01-01"), Fixture.earned(badge, second)],
                                     classes: [Self.badge("a", Self.chainRule), Self.badge("refresher", nil)],
                                     asOf: "2027-03-01")
        let chains = schedule.items.filter { $0.subject.id == "a" }
        let current = try #require(chains.last)
        #expect(current.expires == Fixture.date(expires))
        #expect(current.renewals.count == renewals)
        if !note.isEmpty { #expect(chains.flatMap(\.notes).contains { $0.contains(note) }, "\(chains.flatMap(\.notes))") }
    }

    @Test("lastRenewal restarts the duration from the renewal; issued keeps the cycle")
    func anchorOnRenewal() throws {
        for (anchor, expected) in [(ValidityRule.Anchor.lastRenewal, "2028-11-15"), (.issued, "2029-01-01")] {
            var rule = Self.chainRule
            rule.anchor = anchor
            let schedule = Self.schedule([Fixture.earned("a", "2025-01-01"), Fixture.earned("a", "2026-11-15")],
                                         classes: [Self.badge("a", rule)], asOf: "2026-12-01")
            #expect(schedule.items.last?.expires == Fixture.date(expected), "\(anchor)")
        }
    }

    @Test("audits count a badge renewed by a refresher until its new expiry")
    func auditsFollowRenewals() throws {
        let catalog = Fixture.catalog([Self.badge("a", Self.chainRule), Self.badge("refresher", nil)],
                                      pathways: [Fixture.pathway("p", .badge("a"))])
        let record = Fixture.learner([Fixture.earned("a", "2025-01-01"), Fixture.earned("refresher", "2026-12-01")])
        let compiled = try CompiledPathway(pathway: "p", catalog: catalog)
        #expect(compiled.audit(record, asOf: Fixture.date("2028-06-01")).isComplete)
        #expect(!compiled.audit(record, asOf: Fixture.date("2029-01-01")).isComplete)
        let unrenewed = Fixture.learner([Fixture.earned("a", "2025-01-01")])
        #expect(!compiled.audit(unrenewed, asOf: Fixture.date("2027-01-01")).isComplete)
    }

    @Test("a stack that follows its components lapses when no assignment completes it; a substitute keeps it alive")
    func stackKeptAliveBySubstitute() throws {
        var stack = Fixture.pathway("stack", .all([.badge("core"), .any([.badge("x"), .badge("y")])]))
        stack.validity = ValidityRule(followsComponents: true)
        let classes = [Self.badge("core", Self.rule("P5Y")), Self.badge("x", Self.rule("P1Y", window: "P30D")),
                       Self.badge("y", Self.rule("P2Y", window: "P60D"))]
        // core until 2030-01-01; x until 2026-01-01; y until 2027-06-01.
        let schedule = Self.schedule([Fixture.earned("core", "2025-01-01"), Fixture.earned("x", "2025-01-01"),
                                      Fixture.earned("y", "2025-06-01")], classes: classes, pathways: [stack],
                                     asOf: "2025-07-01")
        let item = try #require(schedule.items.first { $0.subject.id == "stack" })
        // Not x's expiry: y takes over the `any` until 2027-06-01.
        #expect(item.expires == Fixture.date("2027-06-01"))
        #expect(item.keptAliveBy == ["y"])
        #expect(item.renewalOpens == Fixture.date("2027-04-02"))
        #expect(item.issued == Fixture.date("2025-01-01"))   // complete since core and x were both held
        // Without the substitute, it lapses with x.
        let alone = Self.schedule([Fixture.earned("core", "2025-01-01"), Fixture.earned("x", "2025-01-01")],
                                  classes: classes, pathways: [stack], asOf: "2025-07-01")
        #expect(alone.items.first { $0.subject.id == "stack" }?.expires == Fixture.date("2026-01-01"))
        #expect(alone.items.first { $0.subject.id == "stack" }?.keptAliveBy == ["x"])
    }

    @Test("a stack with a duration lapses that long after it was completed, or earlier with its components")
    func stackDuration() throws {
        var stack = Fixture.pathway("stack", .all([.badge("core")]))
        stack.validity = ValidityRule(duration: Fixture.duration("P3Y"), followsComponents: true)
        let schedule = Self.schedule([Fixture.earned("core", "2025-01-01")],
                                     classes: [Self.badge("core", Self.rule("P5Y"))], pathways: [stack], asOf: "2025-07-01")
        #expect(schedule.items.first { $0.subject.id == "stack" }?.expires == Fixture.date("2028-01-01"))
    }

    @Test("--within keeps what needs attention in the window")
    func within() {
        let classes = [Self.badge("soon", Self.rule("P1Y", window: "P30D")), Self.badge("later", Self.rule("P3Y", window: "P30D")),
                       Self.badge("forever", nil)]
        let schedule = Self.schedule([Fixture.earned("soon", "2025-08-01"), Fixture.earned("later", "2025-08-01"),
                                      Fixture.earned("forever", "2025-08-01")], classes: classes, asOf: "2026-06-01")
        #expect(schedule.within(Fixture.duration("P90D")).items.map(\.subject.id) == ["soon"])
        #expect(schedule.items.map(\.subject.id) == ["soon", "later", "forever"])
    }
}
