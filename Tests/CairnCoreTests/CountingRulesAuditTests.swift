import CairnCore
import CairnTestSupport
import Testing

@Suite("Audits under alsoCountsFor, maxShared and atMost")
struct CountingRulesAuditTests {
    static let asOf = Fixture.date("2026-06-01")
    static let classes = [
        Fixture.badge("x", tags: ["data", "ethics"], credits: 3),
        Fixture.badge("y", tags: ["data", "ethics"], credits: 3),
        Fixture.badge("m1", tags: ["elective", "online"], credits: 2),
        Fixture.badge("m2", tags: ["elective", "online"], credits: 3),
        Fixture.badge("s", tags: ["elective"], credits: 1),
    ]

    func audit(_ requires: Requirement, maxShared: Int? = nil, badges: [String], limits: SolverLimits = .default) throws -> Audit {
        var pathway = Fixture.pathway("p", requires)
        pathway.maxShared = maxShared
        let catalog = Fixture.catalog(Self.classes, pathways: [pathway])
        let record = Fixture.learner(badges.enumerated().map { Fixture.earned($1, "2026-01-1\($0)") })
        return try CompiledPathway(pathway: "p", catalog: catalog).audit(record, asOf: Self.asOf, limits: limits)
    }

    static func twoTracks(also: Bool) -> Requirement {
        var data = Requirement.count(2, from: BadgeFilter(tags: ["data"])).with(id: "data")
        if also { data.alsoCountsFor = ["ethics"] }
        return .all([data, Requirement.count(2, from: BadgeFilter(tags: ["ethics"])).with(id: "ethics")])
    }

    @Test("alsoCountsFor lets two badges fill two tracks; maxShared caps how many count twice", arguments: [
        (false, nil, Rational(1, 2)), (true, nil, Rational.one), (true, 2, Rational.one), (true, 1, Rational(3, 4)), (true, 0, Rational(1, 2)),
    ] as [(Bool, Int?, Rational)])
    func tracks(also: Bool, maxShared: Int?, progress: Rational) throws {
        let result = try audit(Self.twoTracks(also: also), maxShared: maxShared, badges: ["x", "y"])
        #expect(result.progress == progress)
        #expect(result.isExact)
    }

    @Test("a count limit turns the extra badge away with over-limit; a credit limit counts credits")
    func limits() throws {
        var electives = Requirement.count(2, from: BadgeFilter(tags: ["elective"]))
        electives.atMost = [RequirementLimit(.count(1), from: BadgeFilter(tags: ["online"]))]
        let counted = try audit(electives, badges: ["m1", "m2"])
        #expect(counted.progress == Rational(1, 2))
        #expect(counted.root.rejected.map(\.reason.code) == ["over-limit"])
        #expect(counted.root.rejected.first?.reason.description
                == #"over the limit: at most 1 badge matching tag online count for "2 badges: tag elective""#)
        electives.atMost = [RequirementLimit(.credits(Credits(Rational(4), .ects)), from: BadgeFilter(tags: ["online"]))]
        // 2 + 3 credits is over 4: only one online badge counts, and s (not online) fills the other place.
        let credited = try audit(electives, badges: ["m1", "m2", "s"])
        #expect(credited.isComplete)
        #expect(Set(credited.root.assigned.map(\.badge)).contains("s"))
    }

    @Test("a limit covers shared leaves below it")
    func sharedUnderLimit() throws {
        var node = Requirement.all([Requirement.tag("online").with(shared: true), Requirement.tag("elective")])
        node.atMost = [RequirementLimit(.count(1), from: BadgeFilter(tags: ["online"]))]
        // One online badge may count below the node: it fills both leaves (the shared one consumes nothing).
        let result = try audit(node, badges: ["m1", "m2"])
        #expect(result.isComplete)
        let counted = result.root.children.flatMap(\.assigned).map(\.badge)
        #expect(Set(counted).count == 1, "\(counted)")
    }

    @Test("when the search budget runs out the audit says so")
    func budget() throws {
        var pathway = Self.twoTracks(also: true)
        pathway.atMost = [RequirementLimit(.count(5), from: BadgeFilter(tags: ["data"]))]
        let result = try audit(.all([pathway, Requirement.count(3, from: BadgeFilter(tags: ["elective"]))]),
                               badges: ["x", "y", "m1", "m2", "s"], limits: SolverLimits(maxSearchNodes: 1))
        #expect(!result.isExact)
        #expect(result.notes.contains { $0.contains("not proven optimal") }, "\(result.notes)")
    }
}
