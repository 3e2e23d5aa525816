import CairnCore
import CairnTestSupport
import Testing

/// Runs one audit with the fixture conventions.
func audit(_ requires: Requirement, badges: [BadgeClass], earned: [EarnedBadge], asOf: String = "2026-11-29",
           extraPathways: [Pathway] = [], conversions: [UnitConversion] = []) throws -> Audit {
    let catalog = Fixture.catalog(badges, pathways: [Fixture.pathway("p", requires)] + extraPathways,
                                  conversions: conversions)
    return try CompiledPathway(pathway: "p", catalog: catalog).audit(Fixture.learner(earned), asOf: Fixture.date(asOf))
}

extension AuditNode {
    /// The first node, depth first, whose label is `label`.
    func node(_ label: String) -> AuditNode? {
        var found: AuditNode?
        forEachNode { if found == nil && $0.label == label { found = $0 } }
        return found
    }

    var assignedIDs: [String] { assigned.map(\.badge) }
    func reason(for badge: String) -> String? { rejected.first { $0.badge == badge }?.reason.code }
}

@Suite("Audit engine: node kinds, modifiers and the as-of boundaries")
struct AuditEngineTests {
    let classes = [
        Fixture.badge("sql", tags: ["data", "elective"], credits: 2),
        Fixture.badge("sheets", tags: ["data"], credits: 2),
        Fixture.badge("viz-py", tags: ["viz", "elective"], credits: 1),
        Fixture.badge("viz-tab", tags: ["viz"], credits: 1),
        Fixture.badge("stats", tags: ["statistics", "elective"], credits: 3, unit: .cats),
        Fixture.badge("memo", tags: ["writing"], validity: "P2Y"),
    ]

    @Test("A badge leaf is met by a counting badge of its class and by nothing else")
    func badgeLeaf() throws {
        let result = try audit(.all([.badge("sql"), .badge("sheets")]), badges: classes,
                               earned: [Fixture.earned("sql", "2025-01-01"), Fixture.earned("viz-py", "2025-01-01")])
        #expect(!result.isComplete)
        #expect(result.progress == Rational(1, 2))
        #expect(result.root.children[0].assignedIDs == ["sql"])
        #expect(result.root.children[1].assignedIDs.isEmpty)
    }

    @Test("Tag, any and count-of nodes")
    func tagAnyCount() throws {
        let requires = Requirement.all([
            .any([.badge("viz-py"), .badge("viz-tab")]),
            .count(2, of: [.tag("data"), .tag("statistics"), .tag("writing")]),
        ])
        let result = try audit(requires, badges: classes, earned: [
            Fixture.earned("viz-tab", "2025-01-01"), Fixture.earned("sql", "2025-02-01"),
        ])
        #expect(!result.isComplete)
        // any: 1; count 2 of: one of two met → 1/2; all → 3/4.
        #expect(result.progress == Rational(3, 4))
        #expect(result.root.children[0].isSatisfied)
    }

    @Test("count N from a filter takes distinct badges and gives partial progress")
    func countFrom() throws {
        let result = try audit(.count(3, from: BadgeFilter(tags: ["elective"])), badges: classes, earned: [
            Fixture.earned("sql", "2025-01-01"), Fixture.earned("viz-py", "2025-01-02"),
        ])
        #expect(result.progress == Rational(2, 3))
        #expect(result.root.assignedIDs == ["sql", "viz-py"])
    }

    @Test("A credits threshold converts units exactly (3 CATS = 3/2 ECTS)")
    func creditsThreshold() throws {
        let result = try audit(.credits(4, from: BadgeFilter(tags: ["elective"])), badges: classes, earned: [
            Fixture.earned("sql", "2025-01-01"), Fixture.earned("stats", "2025-01-02"),
        ])
        // 2 ECTS + 3 CATS (1.5 ECTS) = 3.5 of 4.
        #expect(result.progress == Rational(7, 8))
        #expect(result.root.countedCredits == Credits(Rational(7, 2), .ects))
        #expect(!result.isComplete)
    }

    @Test("A credits threshold over a unit with no conversion is an error, not a guess")
    func missingConversion() throws {
        let odd = Fixture.badge("odd", tags: ["elective"], credits: 3, unit: .semesterHours)
        #expect(throws: AuditError.self) {
            try audit(.credits(4, from: BadgeFilter(tags: ["elective"])), badges: classes + [odd], earned: [])
        }
    }

    @Test("The as-of boundaries: issued <= asOf < expires")
    func asOfBoundaries() throws {
        let requires = Requirement.badge("memo")
        // memo is valid for P2Y: issued 2024-11-29 expires 2026-11-29.
        let onExpiry = try audit(requires, badges: classes, earned: [Fixture.earned("memo", "2024-11-29")])
        #expect(!onExpiry.isComplete)
        #expect(onExpiry.root.reason(for: "memo") == "lapsed")
        let dayBefore = try audit(requires, badges: classes, earned: [Fixture.earned("memo", "2024-11-30")])
        #expect(dayBefore.isComplete)
        let issuedToday = try audit(requires, badges: classes, earned: [Fixture.earned("memo", "2026-11-29")])
        #expect(issuedToday.isComplete)
        let tomorrow = try audit(requires, badges: classes, earned: [Fixture.earned("memo", "2026-11-30")])
        #expect(tomorrow.root.reason(for: "memo") == "not-yet-issued")
        let explicit = try audit(.badge("sql"), badges: classes,
                                 earned: [Fixture.earned("sql", "2020-01-01", expires: "2026-11-29")])
        #expect(explicit.root.reason(for: "sql") == "lapsed")
        let revoked = try audit(.badge("sql"), badges: classes, earned: [Fixture.earned("sql", "2025-01-01", revoked: true)])
        #expect(revoked.root.reason(for: "sql") == "revoked")
    }

    @Test("earnedWithin counts badges issued on or after asOf minus the duration")
    func earnedWithin() throws {
        let requires = Requirement.badge("sql").with(earnedWithin: "P5Y")
        #expect(try audit(requires, badges: classes, earned: [Fixture.earned("sql", "2021-11-29")]).isComplete)
        let old = try audit(requires, badges: classes, earned: [Fixture.earned("sql", "2021-11-28")])
        #expect(!old.isComplete)
        #expect(old.root.reason(for: "sql") == "too-old")
    }

    @Test("minResult compares on the catalogue's ordered scale or as a number; no result fails")
    func minResult() throws {
        let requires = Requirement.badge("sql").with(minResult: "meets")
        #expect(try audit(requires, badges: classes, earned: [Fixture.earned("sql", "2025-01-01", result: "exceeds")]).isComplete)
        #expect(try audit(requires, badges: classes, earned: [Fixture.earned("sql", "2025-01-01", result: "meets")]).isComplete)
        let low = try audit(requires, badges: classes, earned: [Fixture.earned("sql", "2025-01-01", result: "participated")])
        #expect(low.root.reason(for: "sql") == "result-too-low")
        let none = try audit(requires, badges: classes, earned: [Fixture.earned("sql", "2025-01-01")])
        #expect(none.root.reason(for: "sql") == "result-too-low")
        let numeric = Requirement.badge("sql").with(minResult: "70")
        #expect(try audit(numeric, badges: classes, earned: [Fixture.earned("sql", "2025-01-01", result: "70")]).isComplete)
        #expect(!(try audit(numeric, badges: classes, earned: [Fixture.earned("sql", "2025-01-01", result: "69.5")]).isComplete))
    }

    @Test("earnedAfter a badge class: issued strictly after a counting badge of that class")
    func earnedAfterClass() throws {
        let requires = Requirement.all([.badge("sql"), .badge("memo").with(earnedAfter: ["sql"])])
        let sameDay = try audit(requires, badges: classes, earned: [
            Fixture.earned("sql", "2025-05-01"), Fixture.earned("memo", "2025-05-01"),
        ])
        #expect(!sameDay.isComplete)
        #expect(sameDay.root.children[1].reason(for: "memo") == "earned-too-early")
        let later = try audit(requires, badges: classes, earned: [
            Fixture.earned("sql", "2025-05-01"), Fixture.earned("memo", "2025-05-02"),
        ])
        #expect(later.isComplete)
    }

    @Test("earnedAfter a node: after every badge assigned to that node, choosing the assignment that allows it")
    func earnedAfterNode() throws {
        // Two data badges; the capstone must follow the core. Using the early sheets badge for the
        // core (not the late sql one) is what lets the memo count.
        let requires = Requirement.all([
            Requirement.any([.badge("sql"), .badge("sheets")]).with(id: "core", label: "Core"),
            Requirement.badge("memo").with(earnedAfter: ["core"]),
        ])
        let result = try audit(requires, badges: classes, earned: [
            Fixture.earned("sheets", "2025-01-01"), Fixture.earned("memo", "2025-06-01"), Fixture.earned("sql", "2025-09-01"),
        ])
        #expect(result.isComplete)
        #expect(result.root.node("Core")?.progress == .one)
        #expect(result.root.node("SHEETS")?.assignedIDs == ["sheets"])
        let tooEarly = try audit(requires, badges: classes, earned: [
            Fixture.earned("memo", "2024-06-01"), Fixture.earned("sql", "2025-09-01"),
        ])
        #expect(!tooEarly.isComplete)
        #expect(tooEarly.progress == Rational(1, 2))
    }

    @Test("The greedy trap: a badge fitting two leaves goes where it completes the pathway")
    func greedyTrap() throws {
        // sql fits both "a data badge" and the sql leaf; sheets fits only "a data badge".
        // First-fit would put sql in the first leaf and leave the sql leaf empty.
        let requires = Requirement.all([.tag("data"), .badge("sql")])
        let result = try audit(requires, badges: classes, earned: [
            Fixture.earned("sql", "2025-01-01"), Fixture.earned("sheets", "2025-02-01"),
        ])
        #expect(result.isComplete)
        #expect(result.root.children[0].assignedIDs == ["sheets"])
        #expect(result.root.children[1].assignedIDs == ["sql"])
        #expect(result.root.children[0].reason(for: "sql") == "used-elsewhere")
    }

    @Test("No double counting unless shared")
    func sharedCounting() throws {
        let plain = Requirement.all([.badge("sql"), .tag("data")])
        let single = try audit(plain, badges: classes, earned: [Fixture.earned("sql", "2025-01-01")])
        #expect(!single.isComplete)
        #expect(single.progress == Rational(1, 2))
        let shared = Requirement.all([.badge("sql"), Requirement.tag("data").with(shared: true)])
        #expect(try audit(shared, badges: classes, earned: [Fixture.earned("sql", "2025-01-01")]).isComplete)
    }

    @Test("A nested pathway is met by its awarded badge or by its own requirements inline")
    func nestedPathway() throws {
        let inner = Fixture.pathway("inner", awards: "inner-award", .all([.badge("sql"), .badge("sheets")]))
        let award = Fixture.badge("inner-award", type: "level")
        let requires = Requirement.all([.pathway("inner"), .badge("memo")])
        let byAward = try audit(requires, badges: classes + [award], earned: [
            Fixture.earned("inner-award", "2025-01-01"), Fixture.earned("memo", "2025-02-01"),
        ], extraPathways: [inner])
        #expect(byAward.isComplete)
        let inline = try audit(requires, badges: classes + [award], earned: [
            Fixture.earned("sql", "2025-01-01"), Fixture.earned("sheets", "2025-01-02"),
        ], extraPathways: [inner])
        #expect(!inline.isComplete)
        #expect(inline.root.children[0].progress == .one)
        #expect(inline.progress == Rational(1, 2))
        let partial = try audit(requires, badges: classes + [award], earned: [Fixture.earned("sql", "2025-01-01")],
                                extraPathways: [inner])
        #expect(partial.root.children[0].progress == Rational(1, 2))
    }

    @Test("Pathways that contain each other are an error")
    func cycles() {
        let a = Fixture.pathway("a", .pathway("b"))
        let b = Fixture.pathway("b", .all([.badge("sql"), .pathway("a")]))
        let catalog = Fixture.catalog(classes, pathways: [a, b])
        #expect(throws: AuditError.pathwayCycle(["a", "b", "a"])) {
            try CompiledPathway(pathway: "a", catalog: catalog)
        }
    }

    @Test("40 interchangeable leaves and 39 badges: 39/40 at once, proven exact")
    func interchangeableLeaves() throws {
        let tagged = (0..<39).map { Fixture.badge("b\($0)", tags: ["x"]) }
        let earned = (0..<39).map { Fixture.earned("b\($0)", "2025-01-01") }
        let requires = Requirement.all(Array(repeating: .tag("x"), count: 40))
        let result = try audit(requires, badges: tagged, earned: earned)
        #expect(result.progress == Rational(39, 40))
        #expect(result.isExact)
        let asCount = try audit(.count(40, of: Array(repeating: .tag("x"), count: 40)), badges: tagged, earned: earned)
        #expect(asCount.progress == Rational(39, 40))
        #expect(asCount.isExact)
    }

    @Test("The answer does not depend on the order of the learner's badges")
    func orderIndependence() throws {
        let requires = Requirement.all([.tag("data"), .badge("sql"), .any([.tag("viz"), .tag("elective")])])
        let earned = [Fixture.earned("sql", "2025-01-01"), Fixture.earned("sheets", "2025-02-01"),
                      Fixture.earned("viz-py", "2025-03-01")]
        let forward = try audit(requires, badges: classes, earned: earned)
        let backward = try audit(requires, badges: classes, earned: earned.reversed())
        #expect(forward == backward)
        #expect(forward.isComplete)
    }
}
