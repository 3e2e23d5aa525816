import CairnRDF
import CairnSyntax
import CairnTestSupport
import Foundation
import Testing

/// The W3C RDFC-1.0 test suite (../shared/conformance/w3c-rdf-canon): every evaluation test's
/// canonical N-Quads byte for byte, every map test's issued identifiers, and the poison graph
/// refused. Skipped, with a message, where the suite is absent.
@Suite("W3C RDFC-1.0 suite")
struct RDFCanonicalizationSuiteTests {
    struct Entry: Sendable, CustomTestStringConvertible {
        var id: String
        var type: String
        var name: String
        var action: String
        var result: String?
        var hashAlgorithm: RDFCanonicalizer.HashAlgorithm
        var testDescription: String { "\(id) \(name)" }
    }

    static let folder = CairnProcess.sharedConformance?.appendingPathComponent("w3c-rdf-canon")
    static let absent: Comment = "the W3C RDFC-1.0 suite (../shared/conformance/w3c-rdf-canon) is absent"

    static let entries: [Entry] = {
        guard let folder, let data = try? Data(contentsOf: folder.appendingPathComponent("manifest.jsonld")),
              let manifest = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let entries = manifest["entries"] as? [[String: Any]] else { return [] }
        return entries.compactMap { entry in
            guard let id = entry["id"] as? String, let type = entry["type"] as? String,
                  let action = entry["action"] as? String else { return nil }
            return Entry(id: id, type: type, name: entry["name"] as? String ?? "", action: action, result: entry["result"] as? String,
                         hashAlgorithm: (entry["hashAlgorithm"] as? String).flatMap(RDFCanonicalizer.HashAlgorithm.init) ?? .sha256)
        }
    }()

    static func text(_ path: String) throws -> String {
        try String(contentsOf: try #require(folder).appendingPathComponent(path), encoding: .utf8)
    }

    @Test("the suite is all here: 64 evaluation tests, 21 map tests, 1 negative test", .enabled(if: folder != nil, absent))
    func complete() {
        #expect(Self.entries.filter { $0.type == "rdfc:RDFC10EvalTest" }.count == 64)
        #expect(Self.entries.filter { $0.type == "rdfc:RDFC10MapTest" }.count == 21)
        #expect(Self.entries.filter { $0.type == "rdfc:RDFC10NegativeEvalTest" }.count == 1)
    }

    @Test("evaluation tests: canonical N-Quads byte for byte", .enabled(if: folder != nil, absent),
          arguments: entries.filter { $0.type == "rdfc:RDFC10EvalTest" })
    func evaluation(_ entry: Entry) throws {
        let quads = try NQuadsReader.quads(in: try Self.text(entry.action), file: entry.action)
        let expected = try Self.text(try #require(entry.result))
        #expect(try RDFCanonicalizer(hashAlgorithm: entry.hashAlgorithm).canonicalNQuads(quads) == expected)
    }

    @Test("map tests: the issued identifiers", .enabled(if: folder != nil, absent),
          arguments: entries.filter { $0.type == "rdfc:RDFC10MapTest" })
    func map(_ entry: Entry) throws {
        let quads = try NQuadsReader.quads(in: try Self.text(entry.action), file: entry.action)
        let data = Data(try Self.text(try #require(entry.result)).utf8)
        let expected = try #require(try JSONSerialization.jsonObject(with: data) as? [String: String])
        #expect(try RDFCanonicalizer(hashAlgorithm: entry.hashAlgorithm).issuedIdentifiers(quads) == expected)
    }

    @Test("the negative test: a poison clique is refused, not hashed for ever", .enabled(if: folder != nil, absent),
          arguments: entries.filter { $0.type == "rdfc:RDFC10NegativeEvalTest" })
    func negative(_ entry: Entry) throws {
        let quads = try NQuadsReader.quads(in: try Self.text(entry.action), file: entry.action)
        #expect(throws: RDFCanonicalizationError.self) { try RDFCanonicalizer().canonicalNQuads(quads) }
    }
}
