import CairnRDF
import CairnSyntax
import Foundation
import Testing

/// RDF/XML input is untrusted: nothing is fetched, no entity is expanded, bombs are refused.
@Suite("RDF/XML safety")
struct RDFXMLSafetyTests {
    static let root = """
        <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/ns#">
        """

    @Test("refuses a billion-laughs document")
    func billionLaughs() throws {
        var entities = "<!ENTITY lol0 \"lol\">\n"
        for level in 1...9 {
            let refs = String(repeating: "&lol\(level - 1);", count: 10)
            entities += "<!ENTITY lol\(level) \"\(refs)\">\n"
        }
        let xml = """
            <?xml version="1.0"?>
            <!DOCTYPE rdf:RDF [
            \(entities)]>
            \(Self.root)<rdf:Description rdf:about="http://a"><ex:p>&lol9;</ex:p></rdf:Description></rdf:RDF>
            """
        let error = try #require(RDFTestSupport.error(xml))
        #expect(error.message.contains("declares the entity \"lol0\""))
        #expect(error.line == 3)
        #expect((error.column ?? 0) > 0)
        #expect(error.description.hasPrefix("test.rdf:3:"))
    }

    @Test("refuses a quadratic-blowup document")
    func quadraticBlowup() throws {
        let big = String(repeating: "x", count: 100_000)
        let refs = String(repeating: "&big;", count: 100_000)
        let xml = """
            <?xml version="1.0"?>
            <!DOCTYPE rdf:RDF [<!ENTITY big "\(big)">]>
            \(Self.root)<rdf:Description rdf:about="http://a"><ex:p>\(refs)</ex:p></rdf:Description></rdf:RDF>
            """
        let error = try #require(RDFTestSupport.error(xml))
        #expect(error.message.contains("declares the entity \"big\""))
        #expect(error.line == 2)
    }

    @Test("refuses an external entity and never reads it")
    func externalEntity() throws {
        let xml = """
            <?xml version="1.0"?>
            <!DOCTYPE rdf:RDF [<!ENTITY x SYSTEM "file:///etc/passwd">]>
            \(Self.root)<rdf:Description rdf:about="http://a"><ex:p>&x;</ex:p></rdf:Description></rdf:RDF>
            """
        var seen: [RDFTriple] = []
        let error = try #require(throws: RDFXMLError.self) {
            try RDFXMLParser().parse(data: Data(xml.utf8), documentName: "x.rdf") { seen.append($0) }
        }
        #expect(error.message.contains("declares the entity \"x\""))
        #expect(seen.isEmpty)
        #expect(!seen.contains { $0.object.lexicalForm?.contains("root:") == true })
    }

    @Test("refuses an external DTD and parameter entities")
    func externalDTD() throws {
        let external = """
            <?xml version="1.0"?>
            <!DOCTYPE rdf:RDF SYSTEM "file:///etc/passwd">
            \(Self.root)<rdf:Description rdf:about="http://a"><ex:p>v</ex:p></rdf:Description></rdf:RDF>
            """
        let error = try #require(RDFTestSupport.error(external))
        #expect(error.message.contains("external DTD"))
        #expect(error.line == 2)

        let parameter = """
            <?xml version="1.0"?>
            <!DOCTYPE rdf:RDF [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]>
            \(Self.root)<rdf:Description rdf:about="http://a"><ex:p>v</ex:p></rdf:Description></rdf:RDF>
            """
        let parameterError = try #require(RDFTestSupport.error(parameter))
        #expect(parameterError.message.contains("declares the entity \"p\""))
    }

    @Test("an undeclared entity is an error, not an expansion")
    func undeclaredEntity() throws {
        let xml = RDFTestSupport.rdf(#"<rdf:Description rdf:about="http://a"><ex:p>&x;</ex:p></rdf:Description>"#)
        let error = try #require(RDFTestSupport.error(xml))
        #expect(error.message.contains("'x'"))
        #expect(error.line == 3)
    }

    @Test("refuses nesting deeper than the limit, accepts it at the limit")
    func nesting() throws {
        func document(depth: Int) -> String {
            // rdf:RDF, then node and property elements alternating.
            var open = "", close = ""
            for level in 0..<(depth - 1) {
                let name = level % 2 == 0 ? "ex:Node" : "ex:p"
                open += "<\(name)>"
                close = "</\(name)>" + close
            }
            return "<?xml version=\"1.0\"?>\n\(Self.root)\(open)\(close)</rdf:RDF>"
        }
        #expect(RDFTestSupport.error(document(depth: RDFXMLParser.maximumDepth)) == nil)
        let error = try #require(RDFTestSupport.error(document(depth: RDFXMLParser.maximumDepth + 1)))
        #expect(error.message.contains("nested more than \(RDFXMLParser.maximumDepth) deep"))
        #expect(error.line == 2)
    }

    @Test("a truncated document gives a located error")
    func truncated() throws {
        let xml = """
            <?xml version="1.0"?>
            \(Self.root)
            <rdf:Description rdf:about="http://a">
              <ex:p>v</ex:p>
              <ex:q>
            """
        let error = try #require(RDFTestSupport.error(xml))
        #expect((error.line ?? 0) >= 5)
        #expect(error.message.contains("ex:q"))
        #expect(error.description.hasPrefix("test.rdf:\(error.line ?? 0):\(error.column ?? 0): "))
    }

    @Test("a malformed document gives libxml2's message with its position")
    func malformed() throws {
        let xml = RDFTestSupport.rdf(#"<rdf:Description rdf:about="http://a"><ex:p>v</ex:q></rdf:Description>"#)
        let error = try #require(RDFTestSupport.error(xml))
        #expect(error.line == 3)
        #expect(error.message.contains("mismatch"))
    }

    @Test("an error thrown by the sink stops the parse and comes back unchanged")
    func sinkError() throws {
        struct Enough: Error {}
        let xml = RDFTestSupport.rdf(String(repeating: #"<rdf:Description rdf:about="http://a" ex:p="v"/>"#, count: 100))
        var count = 0
        #expect(throws: Enough.self) {
            try RDFXMLParser().parse(data: Data(xml.utf8), documentName: "x.rdf") { _ in
                count += 1
                if count == 3 { throw Enough() }
            }
        }
        #expect(count == 3)
    }

    @Test("a missing file is an error naming it")
    func missingFile() throws {
        let error = try #require(throws: RDFXMLError.self) {
            try RDFXMLParser().parse(file: "/nonexistent/cairn.rdf") { _ in }
        }
        #expect(error.description == "/nonexistent/cairn.rdf: no such file")
    }

    @Test("an XML literal is capped by the bytes it writes: empty elements re-declaring a long namespace")
    func literalMarkupCounts() throws {
        let namespace = "http://example.org/" + String(repeating: "n", count: 4_000)
        // About 35 KB of input whose canonical form is over 20 MB: each empty element carries
        // the namespace declaration in exclusive canonical XML.
        let elements = String(repeating: "<x:e/>", count: 5_000)
        let body = "<rdf:Description rdf:about=\"http://example.org/s\"><ex:p rdf:parseType=\"Literal\" "
            + "xmlns:x=\"\(namespace)\">\(elements)</ex:p></rdf:Description>"
        let error = try #require(RDFTestSupport.error(RDFTestSupport.rdf(body)))
        #expect(error.message == "a literal is longer than 16 MiB", "\(error)")
        // The same literal with few elements is read, markup and all.
        let small = "<rdf:Description rdf:about=\"http://example.org/s\"><ex:p rdf:parseType=\"Literal\" "
            + "xmlns:x=\"\(namespace)\"><x:e/><x:e/></ex:p></rdf:Description>"
        #expect(RDFTestSupport.error(RDFTestSupport.rdf(small)) == nil)
    }
}
