import CairnCore
import CairnDefinitions
import CairnSyntax
import CairnTestSupport
import Foundation
import Testing

@Suite("Pathway destinations and milestones")
struct PathwayDestinationTests {
    /// Two destinations sharing a core through a YAML anchor and alias, and a milestone on the core.
    static let programme = """
        id: prog
        title: Programme
        destinations:
          - id: exit
            title: Exit certificate
            awards: exit-badge
            requires:
              all:
                - &core { id: core, all: [{ badge: a }, { badge: b }] }
                - badge: project
          - id: full
            title: Full diploma
            awards: full-badge
            requires:
              all:
                - *core
                - { count: 2, of: [{ badge: c }, { badge: d }, { badge: e }] }
        milestones:
          - { requirement: core, awards: core-badge, title: Core met }
        """

    @Test("reads destinations sharing a core by alias, and a milestone; requires is any over the destinations")
    func readsDestinations() throws {
        let pathway = try Pathway(definition: Self.programme, file: "prog.yaml")
        #expect(pathway.destinations.map(\.id) == ["exit", "full"])
        #expect(pathway.destinations.map(\.awards) == ["exit-badge", "full-badge"])
        #expect(pathway.milestones.map(\.requirement) == ["core"])
        #expect(pathway.milestones.first?.title == "Core met")
        #expect(pathway.milestones.first?.source?.line == 19)
        let core = Requirement(.all([Requirement(.badge("a")), Requirement(.badge("b"))]), id: "core")
        #expect(pathway.destinations[1].requires.withoutSources.children.first == core)
        guard case .any(let children) = pathway.requires.kind else {
            Issue.record("requires is not an any: \(pathway.requires)")
            return
        }
        #expect(children.map(\.label) == ["Exit certificate", "Full diploma"])
        #expect(pathway.destinationTrees.count == 2)
        #expect(pathway.requirement(withID: "core")?.withoutSources == core)
        #expect(try DefinitionDocument.kind(of: Self.programme, file: "prog.yaml") == .pathway)
    }

    @Test("refuses malformed destinations and milestones, each at its place", arguments: [
        ("requires: { badge: a }\ndestinations: [{ id: d, title: D, requires: { badge: a } }]", 3, 11,
         "gives both `requires` and `destinations`"),
        ("destinations: []", 3, 15, "expected at least one destination"),
        ("destinations: [{ id: d, requires: { badge: a } }]", 3, 16, #"missing required key "title" in a destination"#),
        ("destinations: [{ id: d, title: D, requires: { badge: a }, award: x }]", 3, 59, #"did you mean "awards""#),
        ("destinations: [{ id: d, title: D, requires: { badge: a } }, { id: d, title: E, requires: { badge: b } }]", 3, 67,
         #"a second destination has the id "d""#),
        ("requires: { id: core, badge: a }\nmilestones: [{ requirement: cor, awards: m }]", 4, 14,
         #"names the requirement "cor", which no requirement of the pathway has as its `id`; did you mean "core"?"#),
        ("requires: { id: core, badge: a }\nmilestones: [{ requirement: core }]", 4, 14, #"missing required key "awards" in a milestone"#),
    ])
    func malformed(body: String, line: Int, column: Int, message: String) {
        let errors = formatErrors { _ = try Pathway(definition: "id: p\ntitle: T\n\(body)\n", file: "p.yaml") }
        #expect(errors.count == 1, "\(errors)")
        #expect(errors.first?.location == SourceLocation(file: "p.yaml", line: line, column: column), "\(errors)")
        #expect(errors.first?.message.contains(message) == true, "\(errors)")
    }

    @Test("the YAML writer writes destinations and milestones so they read back equal")
    func writesBack() throws {
        let pathway = try Pathway(definition: Self.programme, file: "prog.yaml")
        let written = PathwayYAML.text(pathway)
        #expect(written.contains("destinations:\n  - id: \"exit\""))
        #expect(written.contains("milestones:\n  - { requirement: \"core\", awards: \"core-badge\", title: \"Core met\" }"))
        let read = try Pathway(definition: written, file: "written.yaml")
        #expect(read.withoutSources == pathway.withoutSources, "\(written)")
    }

    @Test("a pathway with one destination writes requires as before, and no destination keys")
    func singleDestinationUnchanged() throws {
        let pathway = try Pathway(definition: "id: p\ntitle: T\nrequires: { badge: a }\n", file: "p.yaml")
        #expect(pathway.destinations.isEmpty && pathway.milestones.isEmpty)
        #expect(PathwayYAML.text(pathway) == "id: \"p\"\ntitle: \"T\"\nrequires:\n  badge: \"a\"\n")
    }
}
