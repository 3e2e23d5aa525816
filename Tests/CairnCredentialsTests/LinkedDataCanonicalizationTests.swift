import CairnCredentials
import CairnRDF
import CairnSyntax
import CairnTestSupport
import Foundation
import Testing

/// JSON-LD to RDF and RDFC-1.0 against canonical N-Quads that an independent implementation
/// (pyld 3.3, URDNA2015, same bundled contexts, no base IRI) produced for the fixtures in
/// Fixtures/linked-data: each `NAME.json` has its expected `NAME.nq`, compared byte for byte.
@Suite("JSON-LD to canonical N-Quads")
struct LinkedDataCanonicalizationTests {
    static let folder = FixtureFile.url("linked-data")

    static let names = [
        "ob3-credential", "vc1-credential", "clr-nested", "blank-twins", "blank-ring", "lists-and-literals",
        "scoped-contexts",
    ]

    static func fixture(_ name: String, _ ext: String) throws -> Data {
        let url = try #require(folder).appendingPathComponent("\(name).\(ext)")
        return try Data(contentsOf: url)
    }

    @Test("canonical N-Quads match the reference byte for byte", arguments: names)
    func matchesReference(_ name: String) throws {
        let document = try JSONParser.parse(Array(try Self.fixture(name, "json")), file: "\(name).json")
        let expected = String(decoding: try Self.fixture(name, "nq"), as: UTF8.self)
        let quads = try JSONLDProcessor().quads(of: document)
        let actual = try RDFCanonicalizer().canonicalNQuads(quads)
        #expect(actual == expected, """
            \(name): canonical N-Quads differ
            only here:
            \(Set(actual.split(separator: "\n")).subtracting(expected.split(separator: "\n")).sorted().joined(separator: "\n"))
            only in the reference:
            \(Set(expected.split(separator: "\n")).subtracting(actual.split(separator: "\n")).sorted().joined(separator: "\n"))
            """)
    }

    @Test("canonical N-Quads do not depend on the order of statements or on blank node labels")
    func orderAndLabelIndependent() throws {
        let document = try JSONParser.parse(Array(try Self.fixture("blank-twins", "json")), file: "blank-twins.json")
        let quads = try JSONLDProcessor().quads(of: document)
        let renamed = quads.reversed().map { quad in
            func rename(_ term: RDFTerm) -> RDFTerm {
                if case .blank(let label) = term { return .blank("other" + label) }
                return term
            }
            return RDFQuad(subject: rename(quad.subject), predicate: quad.predicate, object: rename(quad.object),
                           graph: quad.graph.map(rename))
        }
        #expect(try RDFCanonicalizer().canonicalNQuads(renamed) == RDFCanonicalizer().canonicalNQuads(quads))
    }

    @Test("a dataset built to exhaust blank node hashing is refused, not hashed for ever")
    func poisonedDatasetRefused() {
        // Every blank node points at every other one: all first-degree hashes are equal and the
        // n-degree hashing has to try factorially many orderings.
        let labels = (0..<12).map { "n\($0)" }
        var quads: [RDFQuad] = []
        for subject in labels {
            for object in labels where object != subject {
                quads.append(RDFQuad(subject: .blank(subject), predicate: "https://vocab.example/p", object: .blank(object)))
            }
        }
        let start = ContinuousClock.now
        #expect(throws: RDFCanonicalizationError.self) {
            try RDFCanonicalizer(workLimit: 5_000).canonicalNQuads(quads)
        }
        #expect(ContinuousClock.now - start < .seconds(30))
    }
}

/// Inputs shaped to exhaust the stack: deep nesting and long chains of look-alike blank nodes.
@Suite("JSON-LD and RDFC-1.0 limits")
struct LinkedDataLimitTests {
    @Test("a long list of equal values canonicalizes or is refused, without crashing", arguments: [50, 400])
    func longListOfEqualValues(_ count: Int) throws {
        let items = Array(repeating: "1", count: count).joined(separator: ",")
        let document = try JSONParser.parse("""
            {"@context": {"l": {"@id": "https://v.example/l", "@container": "@list"}}, "@id": "https://a.example/", "l": [\(items)]}
            """, file: "list.json")
        let quads = try JSONLDProcessor().quads(of: document)
        do {
            let text = try RDFCanonicalizer().canonicalNQuads(quads)
            #expect(text.split(separator: "\n").count == 2 * count + 1)
        } catch {
            #expect(count > 100, "\(error)")
        }
    }

    @Test("deeply nested objects are refused with an error, not a crash")
    func deepNesting() throws {
        let depth = 400
        let text = "{\"@context\": {\"@vocab\": \"https://v.example/\"}, " + String(repeating: "\"a\": {", count: depth)
            + "\"b\": 1" + String(repeating: "}", count: depth) + "}"
        let document = try JSONParser.parse(text, file: "deep.json")
        #expect(throws: JSONLDError.self) { try JSONLDProcessor().quads(of: document) }
    }
}
