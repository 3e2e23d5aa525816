import CairnRDF
import CairnSyntax
import Foundation
import Testing

@Suite("RDF/XML streaming")
struct RDFXMLStreamingTests {
    /// Writes a SKOS-like document of `descriptions` concepts, eight triples each, in pieces.
    static func writeDocument(to url: URL, descriptions: Int) throws -> Int {
        FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        try handle.write(contentsOf: Data("""
            <?xml version="1.0" encoding="UTF-8"?>
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
                     xmlns:skos="http://www.w3.org/2004/02/skos/core#"
                     xmlns:esco="http://data.europa.eu/esco/model#">

            """.utf8))
        var piece = ""
        for index in 0..<descriptions {
            piece += """
                <rdf:Description rdf:about="http://data.europa.eu/esco/skill/\(index)-0000-4000-8000-000000000000">
                  <rdf:type rdf:resource="http://www.w3.org/2004/02/skos/core#Concept"/>
                  <rdf:type rdf:resource="http://data.europa.eu/esco/model#Skill"/>
                  <skos:prefLabel xml:lang="en">manage musical staff number \(index)</skos:prefLabel>
                  <skos:prefLabel xml:lang="de">Musikpersonal leiten Nummer \(index)</skos:prefLabel>
                  <skos:altLabel xml:lang="en">coordinate duties of musical staff &amp; friends</skos:altLabel>
                  <skos:broader rdf:resource="http://data.europa.eu/esco/skill/\(index / 10)-0000-4000-8000-000000000000"/>
                  <esco:skillType rdf:resource="http://data.europa.eu/esco/skill-type/skill"/>
                  <skos:definition xml:lang="en">Assign and manage staff tasks in areas such as scoring, arranging, copying music and vocal coaching.</skos:definition>
                </rdf:Description>

                """
            if piece.utf8.count > 1 << 20 {
                try handle.write(contentsOf: Data(piece.utf8))
                piece = ""
            }
        }
        try handle.write(contentsOf: Data((piece + "</rdf:RDF>\n").utf8))
        return descriptions * 8
    }

    @Test("streams a document of more than 50 MB, triple by triple")
    func largeDocument() throws {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("cairn-rdf-stream-\(UUID().uuidString).rdf")
        defer { try? FileManager.default.removeItem(at: url) }
        let expected = try Self.writeDocument(to: url, descriptions: 100_000)
        let size = try #require(try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int)
        #expect(size > 50_000_000)

        var count = 0, labels = 0
        var last: RDFTriple?
        try RDFXMLParser().parse(file: url.path) { triple in
            count += 1
            if triple.predicate == "http://www.w3.org/2004/02/skos/core#prefLabel" { labels += 1 }
            last = triple
        }
        #expect(count == expected)
        #expect(labels == 200_000)
        #expect(last?.object.lexicalForm?.hasPrefix("Assign and manage") == true)
    }

    @Test("reads in-memory data in chunks the same way as a file")
    func dataAndFileAgree() throws {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("cairn-rdf-small-\(UUID().uuidString).rdf")
        defer { try? FileManager.default.removeItem(at: url) }
        _ = try Self.writeDocument(to: url, descriptions: 2_000)
        var fromFile: [RDFTriple] = [], fromData: [RDFTriple] = []
        try RDFXMLParser().parse(file: url.path) { fromFile.append($0) }
        try RDFXMLParser().parse(data: Data(contentsOf: url), documentName: "x.rdf") { fromData.append($0) }
        #expect(fromFile == fromData)
        #expect(fromFile.count == 16_000)
        #expect(fromFile.contains { $0.object == .literal("coordinate duties of musical staff & friends", language: "en", datatype: nil) })
    }
}
