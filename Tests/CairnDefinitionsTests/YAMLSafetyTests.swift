import CairnCore
import CairnDefinitions
import CairnSyntax
import CairnTestSupport
import Testing

@Suite("YAML safety limits")
struct YAMLSafetyTests {
    @Test("refuses a billion-laughs alias bomb before expanding it")
    func aliasBomb() throws {
        let text = try FixtureFile.text("alias-bomb.yaml")
        let errors = formatErrors { _ = try Pathway(definition: text, file: "bomb.yaml") }
        #expect(errors.count == 1)
        let error = try #require(errors.first)
        #expect(error.location == SourceLocation(file: "bomb.yaml", line: 6, column: 8))
        #expect(error.message.contains("aliases expand to more than 100,000 nodes"))
        let kindErrors = formatErrors { _ = try DefinitionDocument.kind(of: text, file: "bomb.yaml") }
        #expect(kindErrors == errors)
    }

    @Test("refuses more than 100 aliases")
    func tooManyAliases() throws {
        let aliases = Array(repeating: "*x", count: 101).joined(separator: ", ")
        let text = "id: p\ntitle: &x T\nlabels: [\(aliases)]\nrequires: { badge: a }\n"
        let errors = formatErrors { _ = try Pathway(definition: text, file: "a.yaml") }
        #expect(errors.count == 1)
        #expect(errors.first?.location.line == 3)
        #expect(errors.first?.location.column == 10 + 4 * 100)
        #expect(errors.first?.message.contains("more than 100 aliases") == true)
    }

    @Test("accepts a few aliases")
    func fewAliases() throws {
        let text = """
            issuer: { id: x, name: X }
            badges:
              - { id: a, name: A, validity: &rule { duration: P2Y, grace: P30D } }
              - { id: b, name: B, validity: *rule }
            """
        let catalog = try BadgeCatalog(definition: text, file: "b.yaml")
        #expect(catalog.badges[1].validity == ValidityRule(duration: ISODuration(years: 2), grace: ISODuration(days: 30)))
    }

    @Test("refuses nesting deeper than 256 levels")
    func deepNesting() {
        let text = "requires: " + String(repeating: "[", count: 300) + String(repeating: "]", count: 300)
        let errors = formatErrors { _ = try Pathway(definition: text, file: "d.yaml") }
        #expect(errors.count == 1)
        #expect(errors.first?.location == SourceLocation(file: "d.yaml", line: 1, column: 11 + 255))
        #expect(errors.first?.message.contains("deeper than 256 levels") == true)
    }

    @Test("reports a duplicate key at its second occurrence")
    func duplicateKey() {
        let errors = formatErrors { _ = try Pathway(definition: "id: p\ntitle: T\nid: q\nrequires: { badge: a }\n",
                                                file: "p.yaml") }
        #expect(errors.map(\.description) == [#"p.yaml:3:1: duplicate key "id" (first given on line 1)"#])
    }
}
