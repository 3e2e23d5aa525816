import CairnCore
import CairnDefinitions
import CairnSyntax
import CairnTestSupport
import Testing

@Suite("Recognising definition files")
struct DefinitionDocumentTests {
    @Test("classifies by top-level keys", arguments: [
        ("catalogue.yaml", DefinitionKind.badgeCatalog),
        ("pathway.yaml", .pathway),
        ("pathway.json", .pathway),
        ("learner.yaml", .learnerRecord),
    ])
    func classifiesFixtures(fixture: String, kind: DefinitionKind) throws {
        #expect(try DefinitionDocument.kind(of: FixtureFile.text(fixture), file: fixture) == kind)
    }

    @Test("returns nil for other documents", arguments: ["", "a: 1", "[1, 2]", "just text", "badges: []"])
    func otherDocuments(text: String) throws {
        #expect(try DefinitionDocument.kind(of: text, file: "x.yaml") == nil)
    }

    @Test("throws for a syntax error")
    func syntaxError() throws {
        let errors = formatErrors { _ = try DefinitionDocument.kind(of: FixtureFile.text("syntax-error.yaml"),
                                                                        file: "s.yaml") }
        #expect(errors.first?.location.line == 5)
    }
}
