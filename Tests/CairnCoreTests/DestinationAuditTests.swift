import CairnCore
import CairnTestSupport
import Testing

@Suite("Audits of pathways with several destinations and milestones")
struct DestinationAuditTests {
    let classes = ["a", "b", "project", "c", "d", "e", "exit-badge", "full-badge", "core-badge"].map { Fixture.badge($0) }

    /// Exit certificate: the core (a, b) and a project; full diploma: the core and two of c, d, e.
    func programme(milestones: [PathwayMilestone] = [PathwayMilestone(requirement: "core", awards: "core-badge")]) -> Pathway {
        let core = Requirement(.all([.badge("a"), .badge("b")]), id: "core")
        let destinations = [
            PathwayDestination(id: "exit", title: "Exit certificate", awards: "exit-badge",
                               requires: Requirement(.all([core, .badge("project")]))),
            PathwayDestination(id: "full", title: "Full diploma", awards: "full-badge",
                               requires: Requirement(.all([core, .count(2, of: [.badge("c"), .badge("d"), .badge("e")])]))),
        ]
        return Pathway(id: "prog", title: "Programme", destinations: destinations, milestones: milestones,
                       requires: Pathway.requirement(reachingOneOf: destinations))
    }

    func audit(_ pathway: Pathway, _ earned: [String]) throws -> Audit {
        let catalog = Fixture.catalog(classes, pathways: [pathway])
        let record = Fixture.learner(earned.map { Fixture.earned($0, "2025-01-01") })
        return try CompiledPathway(pathway: pathway.id, catalog: catalog).audit(record, asOf: Fixture.date("2026-11-29"))
    }

    @Test("every destination and milestone is reported, each audited on its own", arguments: [
        // badges, exit reached, full reached, exit progress, full progress, core milestone met
        ([String](), false, false, Rational(0), Rational(0), false),
        (["a"], false, false, Rational(1, 4), Rational(1, 4), false),
        (["a", "b"], false, false, Rational(1, 2), Rational(1, 2), true),
        (["a", "b", "project"], true, false, Rational(1), Rational(1, 2), true),
        (["a", "b", "c", "d"], false, true, Rational(1, 2), Rational(1), true),
        (["a", "b", "project", "c", "e"], true, true, Rational(1), Rational(1), true),
        (["project", "c", "d"], false, false, Rational(1, 2), Rational(1, 2), false),
    ])
    func destinationsAndMilestones(badges: [String], exit: Bool, full: Bool, exitProgress: Rational, fullProgress: Rational,
                                   core: Bool) throws {
        let result = try audit(programme(), badges)
        #expect(result.destinations.map(\.id) == ["exit", "full"])
        #expect(result.destinations.map(\.awards) == ["exit-badge", "full-badge"])
        #expect(result.destinations.map(\.isComplete) == [exit, full])
        #expect(result.destinations.map(\.progress) == [exitProgress, fullProgress])
        #expect(result.isComplete == (exit || full), "complete means some destination is reached")
        #expect(result.progress == max(exitProgress, fullProgress))
        #expect(result.milestones.map(\.requirement) == ["core"])
        #expect(result.milestones.map(\.isMet) == [core])
        #expect(result.milestones.first?.awards == "core-badge")
    }

    @Test("a badge counts toward each destination: they are alternative credentials")
    func badgesCountForEveryDestination() throws {
        let result = try audit(programme(), ["a", "b", "project", "c", "d"])
        #expect(result.destinations.allSatisfy { $0.isComplete })
        for destination in result.destinations {
            var counted: [String] = []
            destination.root.forEachNode { counted += $0.assigned.map(\.badge) }
            #expect(counted.contains("a") && counted.contains("b"), "\(destination.id): \(counted)")
        }
    }

    @Test("the root shows each destination as audited on its own, so a shared core is met in every branch")
    func rootShowsDestinations() throws {
        let result = try audit(programme(), ["a", "b", "c"])
        #expect(result.root.children == result.destinations.map(\.root))
        #expect(result.root.children.map(\.label) == ["Exit certificate", "Full diploma"])
        #expect(result.root.children.allSatisfy { $0.children.first?.isSatisfied == true }, "the core, in both branches")
        #expect(result.root.isSatisfied == result.isComplete)
    }

    @Test("a milestone is met by its subtree alone, even when no destination is reached")
    func milestoneOnItsOwn() throws {
        let result = try audit(programme(), ["a", "b"])
        #expect(!result.isComplete)
        #expect(result.milestones.first?.isMet == true)
        #expect(result.milestones.first?.progress == Rational(1))
    }

    @Test("a pathway with one destination and no milestones is audited exactly as before")
    func singleDestinationUnchanged() throws {
        let requires = Requirement(.all([.badge("a"), .badge("b")]))
        let pathway = Fixture.pathway("single", requires)
        let result = try audit(pathway, ["a"])
        #expect(result.destinations.isEmpty && result.milestones.isEmpty)
        let plain = try CompiledPathway(pathway: "single", catalog: Fixture.catalog(classes, pathways: [pathway]))
        #expect(plain.audit(Fixture.learner([Fixture.earned("a", "2025-01-01")]), asOf: Fixture.date("2026-11-29")) == result)
    }

    @Test("a pathway with one destination may have milestones")
    func milestonesWithoutDestinations() throws {
        let pathway = Pathway(id: "single", title: "Single",
                              milestones: [PathwayMilestone(requirement: "first", awards: "core-badge", title: "First step")],
                              requires: Requirement(.all([Requirement(.badge("a"), id: "first"), .badge("b")])))
        let result = try audit(pathway, ["a"])
        #expect(result.destinations.isEmpty)
        #expect(result.milestones.map(\.title) == ["First step"])
        #expect(result.milestones.map(\.isMet) == [true])
        #expect(!result.isComplete)
    }

    @Test("the validator reports duplicate destinations, unknown awards and milestones naming no requirement, with the closest id")
    func validation() {
        var pathway = programme(milestones: [PathwayMilestone(requirement: "cor", awards: "core-badg")])
        pathway.destinations[1].id = "exit"
        pathway.destinations[0].awards = "exit-badg"
        let messages = CatalogValidator(catalog: Fixture.catalog(classes, pathways: [pathway])).validate(learners: [])
            .map(\.message)
        #expect(messages.contains { $0.contains("two destinations with the id \"exit\"") }, "\(messages)")
        #expect(messages.contains { $0.contains("awards unknown badge class \"exit-badg\"; did you mean \"exit-badge\"?") }, "\(messages)")
        #expect(messages.contains { $0.contains("names the requirement \"cor\", which no requirement has as its id; did you mean \"core\"?") },
                "\(messages)")
        #expect(messages.contains { $0.contains("awards unknown badge class \"core-badg\"") }, "\(messages)")
        #expect(!messages.contains { $0.contains("duplicate requirement id \"core\"") }, "a shared core is one requirement: \(messages)")
    }
}
