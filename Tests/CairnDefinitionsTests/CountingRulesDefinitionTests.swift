import CairnCore
import CairnDefinitions
import CairnSyntax
import CairnTestSupport
import Testing

@Suite("alsoCountsFor, maxShared and atMost in pathway files")
struct CountingRulesDefinitionTests {
    static let text = """
        id: p
        title: T
        maxShared: 2
        requires:
          all:
            - { id: core, count: 2, from: { tag: data }, alsoCountsFor: [track, other] }
            - id: track
              tag: ethics
              alsoCountsFor: core
            - count: 2
              from: { tag: elective }
              atMost:
                - { count: 1, from: { tag: online } }
                - { credits: { value: 4.5, unit: ECTS }, from: { issuer: "https://mooc.example" } }
            - { tag: x, atMost: { count: 0, from: { badge: y } } }
        """

    @Test("reads alsoCountsFor (a name or a list), maxShared and atMost (one limit or a list)")
    func reads() throws {
        let pathway = try Pathway(definition: Self.text, file: "p.yaml")
        #expect(pathway.maxShared == 2)
        let children = pathway.requires.children
        #expect(children[0].alsoCountsFor == ["track", "other"])
        #expect(children[1].alsoCountsFor == ["core"])
        #expect(children[2].atMost.map(\.measure) == [.count(1), .credits(Credits(Rational(9, 2), .ects))])
        #expect(children[2].atMost.map(\.filter) == [BadgeFilter(tags: ["online"]), BadgeFilter(issuers: ["https://mooc.example"])])
        #expect(children[2].atMost.first?.source?.line == 13)
        #expect(children[3].atMost.map(\.measure) == [.count(0)])
    }

    @Test("the YAML writer writes them so the pathway reads back equal")
    func roundTrip() throws {
        let pathway = try Pathway(definition: Self.text, file: "p.yaml")
        let written = PathwayYAML.text(pathway)
        let read = try Pathway(definition: written, file: "w.yaml")
        #expect(read.withoutSources == pathway.withoutSources, "\(written)")
    }

    @Test("refuses malformed rules with their place", arguments: [
        ("requires: { tag: t, atMost: { count: 1 } }", 3, #"missing required key "from" in an atMost limit"#),
        ("requires: { tag: t, atMost: { from: { tag: a } } }", 3, #"needs "count" (a number of badges) or "credits""#),
        ("requires: { tag: t, atMost: { count: 1, credits: { value: 1, unit: ECTS }, from: { tag: a } } }", 3, "not both"),
        ("requires: { tag: t, atMost: { count: -1, from: { tag: a } } }", 3, "expected a whole number of at least 0"),
        ("requires: { tag: t, atMost: { count: 1, from: {} } }", 3, "an empty filter would match every badge"),
        ("requires: { tag: t, atMost: { credits: { value: 2 }, from: { tag: a } } }", 3, #"missing required key "unit""#),
        ("requires: { tag: t, atMost: { credits: { value: -2, unit: ECTS }, from: { tag: a } } }", 3, "a number of 0 or more"),
        ("requires: { tag: t, atMost: [] }", 3, "expected at least one limit"),
        ("requires: { tag: t, atMost: { count: 1, form: { tag: a } } }", 3, #"unknown key "form" in an atMost limit; did you mean "from"?"#),
        ("requires: { tag: t, alsoCountsFor: { a: b } }", 3, "expected a string or a list of strings, found a mapping"),
        ("maxShared: -1\nrequires: { tag: t }", 3, "expected a whole number of at least 0"),
        ("maxShared: many\nrequires: { tag: t }", 3, #"expected a whole number of at least 0, found "many""#),
    ])
    func malformed(body: String, line: Int, message: String) {
        let errors = formatErrors { _ = try Pathway(definition: "id: p\ntitle: T\n\(body)\n", file: "p.yaml") }
        #expect(errors.count == 1, "\(errors)")
        #expect(errors.first?.location.line == line, "\(errors)")
        #expect(errors.first?.location.file == "p.yaml")
        #expect(errors.first?.message.contains(message) == true, "\(errors)")
    }
}
