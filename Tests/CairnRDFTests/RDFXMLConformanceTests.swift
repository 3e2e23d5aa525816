import CairnRDF
import CairnSyntax
import Foundation
import Testing

/// The W3C RDF 1.1 RDF/XML test suite, from the shared conformance folder (see its README for
/// how each test is run).
@Suite("W3C RDF/XML test suite")
struct RDFXMLConformanceTests {
    struct Entry: Sendable, CustomTestStringConvertible {
        var name: String
        var isPositive: Bool
        var action: String
        var result: String
        var testDescription: String { name }
    }

    /// The suite lives outside the package, next to it in ../shared/conformance.
    static let suiteURL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("../shared/conformance/w3c-rdf-xml")
        .standardizedFileURL
    static let assumedBase = "https://w3c.github.io/rdf-tests/rdf/rdf11/rdf-xml/"
    static let isPresent = FileManager.default.fileExists(atPath: suiteURL.appendingPathComponent("INDEX.tsv").path)

    /// The active tests of INDEX.tsv: `name TAB type TAB action TAB result`.
    static let entries: [Entry] = {
        guard let index = try? String(contentsOf: suiteURL.appendingPathComponent("INDEX.tsv"), encoding: .utf8)
        else { return [] }
        return index.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 3 else { return nil }
            return Entry(name: fields[0], isPositive: fields[1] == "rdft:TestXMLEval", action: fields[2],
                         result: fields.count > 3 ? fields[3] : "")
        }
    }()

    @Test("the index lists the 166 active tests",
          .enabled(if: isPresent, "the W3C RDF/XML suite (../shared/conformance/w3c-rdf-xml) is absent"))
    func index() {
        #expect(Self.entries.count == 166)
        #expect(Self.entries.filter(\.isPositive).count == 126)
    }

    @Test("passes the W3C test",
          .enabled(if: isPresent, "the W3C RDF/XML suite (../shared/conformance/w3c-rdf-xml) is absent"),
          arguments: entries)
    func conformance(_ entry: Entry) throws {
        let input = Self.suiteURL.appendingPathComponent(entry.action).path
        let parser = RDFXMLParser(base: Self.assumedBase + entry.action)
        if entry.isPositive {
            var actual: [RDFTriple] = []
            try parser.parse(file: input) { actual.append($0) }
            let expectedText = try String(contentsOf: Self.suiteURL.appendingPathComponent(entry.result), encoding: .utf8)
            let expected = try NTriplesReader.triples(in: expectedText, documentName: entry.result)
            let isomorphic = RDFGraphIsomorphism.isomorphic(actual, expected)
            #expect(isomorphic, """
                \(entry.name): the graphs differ
                read:
                \(actual.map(\.nTriples).sorted().joined(separator: "\n"))
                expected:
                \(expected.map(\.nTriples).sorted().joined(separator: "\n"))
                """)
        } else {
            #expect(throws: RDFXMLError.self, "\(entry.name) must be rejected") {
                try parser.parse(file: input) { _ in }
            }
        }
    }
}
