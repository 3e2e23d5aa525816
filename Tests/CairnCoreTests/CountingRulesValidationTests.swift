import CairnCore
import CairnTestSupport
import Testing

@Suite("Validation of alsoCountsFor, maxShared and atMost")
struct CountingRulesValidationTests {
    static let here = SourceLocation(file: "p.yaml", line: 7, column: 5)

    func issues(_ requires: Requirement, maxShared: Int? = nil) -> [ValidationIssue] {
        var pathway = Fixture.pathway("p", requires)
        pathway.maxShared = maxShared
        pathway.source = SourceLocation(file: "p.yaml", line: 1, column: 1)
        let catalog = Fixture.catalog([Fixture.badge("a", tags: ["data"], credits: 2),
                                       Fixture.badge("b", tags: ["online"], credits: 3)],
                                      pathways: [pathway])
        return CatalogValidator(catalog: catalog).validate()
    }

    func node(_ requirement: Requirement, also: [String] = [], atMost: [RequirementLimit] = []) -> Requirement {
        var copy = requirement
        copy.alsoCountsFor = also
        copy.atMost = atMost
        copy.source = Self.here
        return copy
    }

    @Test("a name that is no requirement id is reported at the node, with the closest id")
    func unknownName() {
        let found = issues(.all([node(Requirement.tag("data").with(id: "core"), also: ["trak"]),
                                 Requirement.tag("online").with(id: "track")]))
        #expect(found.count == 1)
        #expect(found.first?.location == Self.here)
        #expect(found.first?.message.contains(#"alsoCountsFor names "trak", which is no requirement id of pathway p"#) == true)
        #expect(found.first?.message.contains(#"did you mean "track"?"#) == true, "\(found)")
    }

    @Test("naming the node itself, an ancestor or a descendant is reported", arguments: ["core", "root", "inner"])
    func ownSubtree(name: String) {
        let found = issues(.all([node(Requirement.all([Requirement.tag("data").with(id: "inner")]).with(id: "core"), also: [name]),
                                 Requirement.tag("online").with(id: "track")]).with(id: "root"))
        #expect(found.count == 1, "\(found)")
        #expect(found.first?.location == Self.here)
        #expect(found.first?.message.contains("a badge never counts twice within one requirement") == true)
    }

    @Test("maxShared with no alsoCountsFor is reported at the pathway")
    func capWithoutNames() {
        let found = issues(.tag("data"), maxShared: 1)
        #expect(found.map(\.message) == ["maxShared has no effect: no requirement of pathway p names alsoCountsFor (remove it, or name where badges may also count)"])
        #expect(found.first?.location?.line == 1)
        #expect(issues(.all([node(Requirement.tag("data").with(id: "x"), also: ["y"]), Requirement.tag("online").with(id: "y")]),
                       maxShared: 0).isEmpty)
    }

    @Test("limits: a tag no badge carries, an unknown unit, a negative count")
    func limits() {
        let found = issues(node(.tag("data"), atMost: [
            RequirementLimit(.count(1), from: BadgeFilter(tags: ["nothing"])),
            RequirementLimit(.credits(Credits(Rational(2), CreditUnit("parsecs"))), from: BadgeFilter(tags: ["data"])),
            RequirementLimit(.count(-1), from: BadgeFilter(tags: ["data"])),
        ]))
        let messages = found.map(\.message)
        #expect(found.allSatisfy { $0.location == Self.here })
        #expect(messages.contains(#"no badge class carries the tag "nothing""#), "\(messages)")
        #expect(messages.contains { $0.hasPrefix(#"unknown credit unit "parsecs" in atMost"#) })
        #expect(messages.contains("atMost count is -1: it must be 0 or more"))
    }
}
