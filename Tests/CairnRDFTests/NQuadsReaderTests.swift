import CairnRDF
import CairnSyntax
import Testing

/// N-Quads in: the statements, escapes decoded, and errors with their line and column.
@Suite("N-Quads reader")
struct NQuadsReaderTests {
    @Test("every term kind, a graph name, escapes and comments")
    func terms() throws {
        let text = """
            # a comment
            <http://e.org/s> <http://e.org/p> "a\\tb\\u00E9\\U0001F600 \\"q\\"" <http://e.org/g> .
            _:b0 <http://e.org/p> "chat"@fr-CA .   # trailing comment
            _:b0 <http://e.org/p> "2"^^<http://www.w3.org/2001/XMLSchema#integer> _:g1 .

            <http://e.org/s> <http://e.org/p> _:b0.
            """
        let quads = try NQuadsReader.quads(in: text, file: "t.nq")
        #expect(quads.count == 4)
        #expect(quads[0] == RDFQuad(subject: .iri("http://e.org/s"), predicate: "http://e.org/p",
                                     object: .literal("a\tbé😀 \"q\"", language: nil, datatype: nil), graph: .iri("http://e.org/g")))
        #expect(quads[1].object == .literal("chat", language: "fr-CA", datatype: nil))
        #expect(quads[2].graph == .blank("g1"))
        #expect(quads[3].object == .blank("b0"))
        // Written back, each statement is its canonical line.
        #expect(quads[0].nQuad == #"<http://e.org/s> <http://e.org/p> "a\tbé😀 \"q\"" <http://e.org/g> ."#)
    }

    @Test("malformed statements say where and what was expected", arguments: [
        ("<a> <b> \"x\n", "t.nq:1:11: a literal is not closed by \""),
        ("<a> \"p\" <c> .\n", "t.nq:1:5: expected an IRI in <…> or a blank node _:label"),
        ("<a> <b> <c>\n", "t.nq:1:12: expected \" .\" to end the statement"),
        ("<a> <b> <c> . <d>\n", "t.nq:1:15: expected the end of the line after \" .\""),
        ("\n<a> <b> \"\\q\" .\n", "t.nq:2:12: unknown escape \\q"),
        ("_: <b> <c> .\n", "t.nq:1:3: expected a blank node label after \"_:\""),
    ])
    func errors(text: String, expected: String) {
        #expect(throws: FormatError.self) { try NQuadsReader.quads(in: text, file: "t.nq") }
        do { _ = try NQuadsReader.quads(in: text, file: "t.nq") } catch {
            #expect(error.description == expected)
        }
    }
}
