import CairnCredentials
import CairnRDF
import CairnSyntax
import Foundation
import Testing

/// JSON-LD 1.1 expansion, one feature at a time, as credentials use them.
@Suite("JSON-LD expansion")
struct LinkedDataExpansionTests {
    static func json(_ text: String) throws -> JSONNode {
        try JSONParser.parse(text, file: "test.json")
    }

    static func quadLines(_ text: String, contexts: JSONLDContextLibrary = .bundled) throws -> Set<String> {
        Set(try JSONLDProcessor(contexts: contexts).quads(of: json(text)).map(\.nQuad))
    }

    @Test("terms, @vocab, compact IRIs, @id and @type coercion")
    func termsAndCoercion() throws {
        let expanded = try JSONLDProcessor().expand(Self.json("""
            {"@context": {"@vocab": "https://v.example/", "ex": "https://ex.example/", "link": {"@id": "ex:link", "@type": "@id"},
                          "when": {"@id": "ex:when", "@type": "ex:date"}},
             "@id": "https://a.example/1", "@type": "ex:Thing", "link": "https://b.example/2", "when": "2025", "plain": "x"}
            """))
        let expected = try Self.json("""
            [{"@id": "https://a.example/1", "@type": ["https://ex.example/Thing"],
              "https://ex.example/link": [{"@id": "https://b.example/2"}],
              "https://ex.example/when": [{"@type": "https://ex.example/date", "@value": "2025"}],
              "https://v.example/plain": [{"@value": "x"}]}]
            """)
        #expect(expanded == expected)
    }

    @Test("a type-scoped context applies to its node only; a property-scoped one to the value")
    func scopedContexts() throws {
        let lines = try Self.quadLines("""
            {"@context": {"@version": 1.1, "@vocab": "https://v.example/",
                          "Badge": {"@id": "https://t.example/Badge", "@context": {"name": "https://t.example/title"}},
                          "holder": {"@id": "https://v.example/holder", "@context": {"name": "https://p.example/fullName"}}},
             "@id": "https://a.example/1", "@type": "Badge", "name": "Welding",
             "inner": {"@id": "https://a.example/2", "name": "not scoped"},
             "holder": {"@id": "https://a.example/3", "name": "Ann"}}
            """)
        #expect(lines.contains("<https://a.example/1> <https://t.example/title> \"Welding\" ."))
        #expect(lines.contains("<https://a.example/2> <https://v.example/name> \"not scoped\" ."))
        #expect(lines.contains("<https://a.example/3> <https://p.example/fullName> \"Ann\" ."))
    }

    @Test("redefining a protected term is an error; repeating the same definition is not")
    func protectedTerms() throws {
        #expect {
            try JSONLDProcessor().expand(Self.json("""
                {"@context": ["https://www.w3.org/ns/credentials/v2", {"type": "https://evil.example/type"}], "type": "X"}
                """))
        } throws: { error in
            (error as? JSONLDError)?.code == "protected term redefinition"
        }
        _ = try JSONLDProcessor().expand(Self.json("""
            {"@context": ["https://www.w3.org/ns/credentials/v2", "https://www.w3.org/ns/credentials/v2"], "name": "ok"}
            """))
    }

    @Test("a protected term can be neither made a reverse property nor dropped by an ignored @id",
          arguments: [#"{"@reverse": "https://evil.example/type"}"#, #"{"@id": "@ignored"}"#, #"{"@reverse": "@ignored"}"#])
    func protectedTermsStayDefined(_ redefinition: String) throws {
        #expect {
            try JSONLDProcessor().expand(Self.json("""
                {"@context": ["https://www.w3.org/ns/credentials/v2", {"type": \(redefinition)}], "type": "X"}
                """))
        } throws: { error in
            (error as? JSONLDError)?.code == "protected term redefinition"
        }
    }

    @Test("an @json value becomes an rdf:JSON literal in canonical JSON")
    func jsonLiterals() throws {
        let lines = try Self.quadLines("""
            {"@context": {"data": {"@id": "https://v.example/data", "@type": "@json"}},
             "@id": "https://a.example/1", "data": {"b": [1.50, 2e0, "x\\n"], "a": null}}
            """)
        #expect(lines == ["<https://a.example/1> <https://v.example/data> "
            + "\"{\\\"a\\\":null,\\\"b\\\":[1.5,2,\\\"x\\\\n\\\"]}\"^^<http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON> ."])
    }

    @Test("a @list container keeps order as an rdf:first/rdf:rest chain")
    func lists() throws {
        let document = try Self.json("""
            {"@context": {"steps": {"@id": "https://v.example/steps", "@container": "@list"}},
             "@id": "https://a.example/1", "steps": ["one", "two"]}
            """)
        let expanded = try JSONLDProcessor().expand(document)
        #expect(expanded == (try Self.json("""
            [{"@id": "https://a.example/1", "https://v.example/steps": [{"@list": [{"@value": "one"}, {"@value": "two"}]}]}]
            """)))
        let canonical = try RDFCanonicalizer().canonicalNQuads(JSONLDProcessor().quads(of: document))
        #expect(canonical == """
            <https://a.example/1> <https://v.example/steps> _:c14n0 .
            _:c14n0 <http://www.w3.org/1999/02/22-rdf-syntax-ns#first> "one" .
            _:c14n0 <http://www.w3.org/1999/02/22-rdf-syntax-ns#rest> _:c14n1 .
            _:c14n1 <http://www.w3.org/1999/02/22-rdf-syntax-ns#first> "two" .
            _:c14n1 <http://www.w3.org/1999/02/22-rdf-syntax-ns#rest> <http://www.w3.org/1999/02/22-rdf-syntax-ns#nil> .

            """)
    }

    @Test("numbers and booleans get XSD datatypes in canonical form")
    func numbers() throws {
        let lines = try Self.quadLines("""
            {"@context": {"@vocab": "https://v.example/"}, "@id": "https://a.example/1",
             "i": 3, "d": 5.3, "w": 2.0, "e": 1e25, "b": true}
            """)
        #expect(lines.contains("<https://a.example/1> <https://v.example/i> \"3\"^^<http://www.w3.org/2001/XMLSchema#integer> ."))
        #expect(lines.contains("<https://a.example/1> <https://v.example/d> \"5.3E0\"^^<http://www.w3.org/2001/XMLSchema#double> ."))
        #expect(lines.contains("<https://a.example/1> <https://v.example/w> \"2\"^^<http://www.w3.org/2001/XMLSchema#integer> ."))
        #expect(lines.contains("<https://a.example/1> <https://v.example/e> \"1.0E25\"^^<http://www.w3.org/2001/XMLSchema#double> ."))
        #expect(lines.contains("<https://a.example/1> <https://v.example/b> \"true\"^^<http://www.w3.org/2001/XMLSchema#boolean> ."))
    }

    @Test("relative IRIs without a base are left out of the RDF; with @base they resolve")
    func relativeIRIs() throws {
        let without = try Self.quadLines("""
            {"@context": {"@vocab": "https://v.example/"}, "@id": "items/1", "name": "dropped",
             "link": {"@id": "items/2"}}
            """)
        #expect(without.isEmpty)
        let with = try Self.quadLines("""
            {"@context": {"@vocab": "https://v.example/", "@base": "https://base.example/a/"}, "@id": "items/1", "name": "kept"}
            """)
        #expect(with == ["<https://base.example/a/items/1> <https://v.example/name> \"kept\" ."])
    }

    @Test("@graph containers make named graphs; @nest lifts nested properties")
    func graphsAndNesting() throws {
        let lines = try Self.quadLines("""
            {"@context": {"@version": 1.1, "@vocab": "https://v.example/", "claims": {"@id": "https://v.example/claims", "@container": "@graph"},
                          "meta": "@nest", "note": {"@id": "https://v.example/note", "@nest": "meta"}},
             "@id": "https://a.example/1", "claims": {"@id": "https://a.example/c", "says": "hi"}, "meta": {"note": "n"}}
            """)
        #expect(lines.contains("<https://a.example/1> <https://v.example/note> \"n\" ."))
        #expect(lines.count == 3)
        #expect(lines.contains { $0.hasPrefix("<https://a.example/c> <https://v.example/says> \"hi\" _:") })
    }

    @Test("@import merges a context from the library under the local definitions")
    func imports() throws {
        let library = JSONLDContextLibrary().adding(
            url: "https://ctx.example/base", document: try Self.json("""
                {"@context": {"name": "https://imported.example/name", "age": "https://imported.example/age"}}
                """))
        let lines = try Self.quadLines("""
            {"@context": {"@version": 1.1, "@import": "https://ctx.example/base", "age": "https://local.example/age"},
             "@id": "https://a.example/1", "name": "N", "age": "3"}
            """, contexts: library)
        #expect(lines == ["<https://a.example/1> <https://imported.example/name> \"N\" .",
                          "<https://a.example/1> <https://local.example/age> \"3\" ."])
    }

    @Test("a context URL the library does not hold is an error naming it; nothing is fetched")
    func missingContext() throws {
        #expect {
            try JSONLDProcessor().expand(Self.json("""
                {"@context": "https://unknown.example/context.json", "name": "x"}
                """))
        } throws: { error in
            guard let error = error as? JSONLDError else { return false }
            return error.contextURL == "https://unknown.example/context.json"
                && error.message.contains("https://unknown.example/context.json")
        }
    }

    @Test("the bundled library holds every context Open Badges 3.0 and CLR 2.0 name")
    func bundledContexts() {
        for url in [
            "https://www.w3.org/2018/credentials/v1", "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context.json",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
            "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json",
            "https://purl.imsglobal.org/spec/clr/v2p0/context.json",
            "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json",
            "https://w3id.org/security/data-integrity/v1", "https://w3id.org/security/suites/ed25519-2020/v1",
            "https://w3id.org/security/v1", "https://w3id.org/security/v2",
        ] {
            #expect(JSONLDContextLibrary.bundled.document(for: url)?["@context"] != nil, "\(url)")
        }
    }

    @Test("a folder with a CONTEXTS.tsv adds its contexts; a bad line is a located error")
    func contextsFolder() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cairn-contexts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(#"{"@context": {"x": "https://x.example/x"}}"#.utf8).write(to: folder.appendingPathComponent("x.json"))
        try Data("# comment\nhttps://x.example/ctx\tx.json\n".utf8).write(to: folder.appendingPathComponent("CONTEXTS.tsv"))
        let library = try JSONLDContextLibrary.bundled.adding(folder: folder)
        #expect(library.document(for: "https://x.example/ctx") != nil)
        #expect(library.document(for: "https://www.w3.org/ns/credentials/v2") != nil)
        try Data("https://x.example/ctx x.json\n".utf8).write(to: folder.appendingPathComponent("CONTEXTS.tsv"))
        #expect(throws: FormatError.self) { try JSONLDContextLibrary().adding(folder: folder) }
    }
}
