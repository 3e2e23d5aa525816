import CairnRDF
import CairnSyntax
import Foundation
import Testing

@Suite("RDF/XML parser")
struct RDFXMLParserTests {
    static let rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    static let ex = "http://example.org/ns#"

    func lines(_ body: String, base: String? = "http://example.org/doc") throws -> [String] {
        try RDFTestSupport.triples(RDFTestSupport.rdf(body), base: base).map(\.nTriples)
    }

    @Test("typed node elements, property attributes and xml:lang")
    func basics() throws {
        let result = try lines("""
            <ex:Skill rdf:about="http://x/s1" ex:code="PROG" xml:lang="EN-gb">
              <ex:label>Programming</ex:label>
              <ex:label xml:lang="">Programmierung</ex:label>
              <rdf:type rdf:resource="http://x/T"/>
            </ex:Skill>
            """)
        #expect(result == [
            "<http://x/s1> <\(Self.rdf)type> <\(Self.ex)Skill> .",
            "<http://x/s1> <\(Self.ex)code> \"PROG\"@en-gb .",
            "<http://x/s1> <\(Self.ex)label> \"Programming\"@en-gb .",
            "<http://x/s1> <\(Self.ex)label> \"Programmierung\" .",
            "<http://x/s1> <\(Self.rdf)type> <http://x/T> .",
        ])
    }

    @Test("nested nodes, nodeID, parseType Resource and Collection, li and reification")
    func structures() throws {
        let triples = try RDFTestSupport.triples(RDFTestSupport.rdf("""
            <rdf:Description rdf:about="http://x/a">
              <ex:knows><rdf:Description rdf:nodeID="n1" ex:name="B"/></ex:knows>
              <ex:same rdf:nodeID="n1"/>
              <ex:address rdf:parseType="Resource"><ex:city>Ghent</ex:city></ex:address>
              <ex:list rdf:parseType="Collection"><rdf:Description rdf:about="http://x/1"/><rdf:Description rdf:about="http://x/2"/></ex:list>
              <ex:empty rdf:parseType="Collection"/>
              <ex:said rdf:ID="st">hello</ex:said>
            </rdf:Description>
            <rdf:Bag rdf:about="http://x/bag"><rdf:li>one</rdf:li><rdf:li rdf:resource="http://x/two"/></rdf:Bag>
            """))
        let expected = try NTriplesReader.triples(in: """
            <http://x/a> <\(Self.ex)knows> _:n .
            _:n <\(Self.ex)name> "B" .
            <http://x/a> <\(Self.ex)same> _:n .
            <http://x/a> <\(Self.ex)address> _:addr .
            _:addr <\(Self.ex)city> "Ghent" .
            <http://x/a> <\(Self.ex)list> _:l1 .
            _:l1 <\(Self.rdf)first> <http://x/1> .
            _:l1 <\(Self.rdf)rest> _:l2 .
            _:l2 <\(Self.rdf)first> <http://x/2> .
            _:l2 <\(Self.rdf)rest> <\(Self.rdf)nil> .
            <http://x/a> <\(Self.ex)empty> <\(Self.rdf)nil> .
            <http://x/a> <\(Self.ex)said> "hello" .
            <http://example.org/doc#st> <\(Self.rdf)type> <\(Self.rdf)Statement> .
            <http://example.org/doc#st> <\(Self.rdf)subject> <http://x/a> .
            <http://example.org/doc#st> <\(Self.rdf)predicate> <\(Self.ex)said> .
            <http://example.org/doc#st> <\(Self.rdf)object> "hello" .
            <http://x/bag> <\(Self.rdf)type> <\(Self.rdf)Bag> .
            <http://x/bag> <\(Self.rdf)_1> "one" .
            <http://x/bag> <\(Self.rdf)_2> <http://x/two> .
            """)
        #expect(RDFGraphIsomorphism.isomorphic(triples, expected))
        #expect(!RDFGraphIsomorphism.isomorphic(triples.dropLast().map { $0 }, expected))
    }

    @Test("empty property elements, datatypes and property attributes on properties")
    func emptyProperties() throws {
        let triples = try RDFTestSupport.triples(RDFTestSupport.rdf("""
            <rdf:Description rdf:about="http://x/a">
              <ex:none/>
              <ex:date rdf:datatype="http://www.w3.org/2001/XMLSchema#date">2024-01-31</ex:date>
              <ex:person ex:name="C" rdf:type="http://x/P"/>
            </rdf:Description>
            """))
        let expected = try NTriplesReader.triples(in: """
            <http://x/a> <\(Self.ex)none> "" .
            <http://x/a> <\(Self.ex)date> "2024-01-31"^^<http://www.w3.org/2001/XMLSchema#date> .
            <http://x/a> <\(Self.ex)person> _:p .
            _:p <\(Self.ex)name> "C" .
            _:p <\(Self.rdf)type> <http://x/P> .
            """)
        #expect(RDFGraphIsomorphism.isomorphic(triples, expected))
    }

    @Test("XML literals are exclusive canonical XML")
    func xmlLiteral() throws {
        let triples = try RDFTestSupport.triples("""
            <?xml version="1.0"?>
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/ns#"
                     xmlns:h="http://www.w3.org/1999/xhtml" xmlns:unused="http://unused/">
              <rdf:Description rdf:about="http://x/a">
                <ex:body rdf:parseType="Literal"><h:p  b="2" a='1 &amp; "q"'>x &lt; y<br/><!--c--></h:p><plain xmlns="http://d/"><in/></plain></ex:body>
              </rdf:Description>
            </rdf:RDF>
            """)
        let literal = try #require(triples.first?.object)
        #expect(literal == .literal(
            #"<h:p xmlns:h="http://www.w3.org/1999/xhtml" a="1 &amp; &quot;q&quot;" b="2">x &lt; y<br></br><!--c--></h:p>"#
                + #"<plain xmlns="http://d/"><in></in></plain>"#,
            language: nil, datatype: "\(Self.rdf)XMLLiteral"))
    }

    @Test("relative IRIs resolve against xml:base and the document base (RFC 3986)",
          arguments: [
              ("g", "http://a/b/c/g"), ("./g", "http://a/b/c/g"), ("g/", "http://a/b/c/g/"), ("/g", "http://a/g"),
              ("//g", "http://g"), ("?y", "http://a/b/c/d;p?y"), ("g?y", "http://a/b/c/g?y"),
              ("#s", "http://a/b/c/d;p?q#s"), ("g#s", "http://a/b/c/g#s"), (";x", "http://a/b/c/;x"),
              ("", "http://a/b/c/d;p?q"), (".", "http://a/b/c/"), ("./", "http://a/b/c/"), ("..", "http://a/b/"),
              ("../g", "http://a/b/g"), ("../..", "http://a/"), ("../../g", "http://a/g"),
              ("../../../g", "http://a/g"), ("/./g", "http://a/g"), ("/../g", "http://a/g"), ("g.", "http://a/b/c/g."),
              (".g", "http://a/b/c/.g"), ("g..", "http://a/b/c/g.."), ("./../g", "http://a/b/g"),
              ("g/./h", "http://a/b/c/g/h"), ("g/../h", "http://a/b/c/h"), ("g;x=1/../y", "http://a/b/c/y"),
              ("http:g", "http:g"), ("http://x/a/./b/../c", "http://x/a/c"),
          ])
    func resolution(_ reference: String, _ expected: String) throws {
        let triples = try RDFTestSupport.triples(RDFTestSupport.rdf("""
            <rdf:Description rdf:about="http://x/a" xml:base="http://a/b/c/d;p?q"><ex:p rdf:resource="\(reference)"/></rdf:Description>
            """))
        #expect(triples.first?.object == .iri(expected))
    }

    @Test("rdf:ID names resolve against the base, and each may be used once")
    func ids() throws {
        let result = try lines(#"<rdf:Description rdf:ID="a" ex:p="v"/>"#, base: "http://example.org/doc#frag")
        #expect(result == [#"<http://example.org/doc#a> <http://example.org/ns#p> "v" ."#])
        let error = try #require(RDFTestSupport.error(RDFTestSupport.rdf("""
            <rdf:Description rdf:ID="a"/>
            <rdf:Description rdf:ID="a"/>
            """)))
        #expect(error.line == 4)
        #expect(error.message.contains("used twice"))
        #expect(RDFTestSupport.error(RDFTestSupport.rdf(#"<rdf:Description rdf:ID="1a"/>"#)) != nil)
    }

    @Test("grammar errors name the construct", arguments: [
        (#"<rdf:li/>"#, "rdf:li cannot be used as a node element"),
        (#"<rdf:Description><rdf:Description/></rdf:Description>"#, "rdf:Description cannot be used as a property element"),
        (#"<rdf:Description rdf:bagID="b"/>"#, "rdf:bagID is not allowed"),
        (##"<rdf:Description rdf:aboutEach="#x"/>"##, "rdf:aboutEach is not allowed"),
        (#"<rdf:Description><ex:p rdf:resource="x">text</ex:p></rdf:Description>"#, "must be empty"),
        (#"<rdf:Description><ex:p><rdf:Description/><rdf:Description/></ex:p></rdf:Description>"#, "only one node element"),
        (#"<rdf:Description>loose text</rdf:Description>"#, #"text "loose text" is not allowed here"#),
        (#"<rdf:Description rdf:about="x" rdf:nodeID="y"/>"#, "only one of rdf:ID, rdf:about and rdf:nodeID"),
        (#"<rdf:Description><ex:p rdf:parseType="Literal" rdf:resource="x"/></rdf:Description>"#, "rdf:parseType"),
    ])
    func grammarErrors(_ body: String, _ message: String) throws {
        let error = try #require(RDFTestSupport.error(RDFTestSupport.rdf(body)))
        #expect(error.message.contains(message), "\(error)")
        #expect(error.line == 3)
    }

    @Test("an empty file is called empty, not 'extra content'", arguments: ["", "   \n\t\n"])
    func emptyFile(_ text: String) throws {
        let error = try #require(RDFTestSupport.error(text))
        #expect(error.message == "the file is empty: expected an RDF/XML document (an rdf:RDF root element)")
        #expect(error.line == 1 && error.column == 1)
    }

    @Test("attributes starting with xml are ignored, unqualified rdf attributes accepted")
    func attributes() throws {
        let result = try lines(#"<rdf:Description about="http://x/a" xmlfoo="1" xml:space="preserve" ex:p="v"/>"#)
        #expect(result == [#"<http://x/a> <http://example.org/ns#p> "v" ."#])
    }

    @Test("N-Triples lines escape what they must, and read back")
    func nTriples() throws {
        let triple = RDFTriple(
            subject: .blank("b0"), predicate: "http://x/p q",
            object: .literal("line\none \"quoted\" back\\slash\ttab\u{1}é", language: nil, datatype: "http://x/dt"))
        #expect(triple.nTriples
            == #"_:b0 <http://x/p\u0020q> "line\none \"quoted\" back\\slash\u0009tab\u0001é"^^<http://x/dt> ."#)
        let read = try NTriplesReader.triples(in: "# comment\n\n" + triple.nTriples + " # trailing\n")
        #expect(read == [triple])
        let escapes = try NTriplesReader.triples(in: #"<http://x/\u00E9> <http://x/p> "\U0001F600\u00e9"@EN-us ."#)
        #expect(escapes == [RDFTriple(subject: .iri("http://x/é"), predicate: "http://x/p",
                                      object: .literal("😀é", language: "en-us", datatype: nil))])
        #expect(throws: NTriplesError.self) { try NTriplesReader.triples(in: "<http://x/a> <http://x/p> \"open .") }
    }

    @Test("blank node labels are fresh, and nodeIDs stay consistent")
    func blankNodes() throws {
        let triples = try RDFTestSupport.triples(RDFTestSupport.rdf("""
            <rdf:Description rdf:nodeID="b0"><ex:p><rdf:Description/></ex:p></rdf:Description>
            <rdf:Description rdf:nodeID="b0" ex:q="1"/>
            """))
        #expect(triples.count == 2)
        #expect(triples[0].subject == triples[1].subject)
        #expect(triples[0].object != triples[0].subject)
    }
}
