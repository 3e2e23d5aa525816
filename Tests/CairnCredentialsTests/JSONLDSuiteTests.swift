import CairnCredentials
import CairnRDF
import CairnSyntax
import CairnTestSupport
import Foundation
import Testing

/// The W3C JSON-LD 1.1 API test suite (../shared/conformance/w3c-json-ld): every expansion and
/// toRdf test that applies to a JSON-LD 1.1 processor, run against Cairn's own processor.
/// Tests marked `specVersion: json-ld-1.0` are not applicable and do not run. Expansion output is
/// compared as the suite's README says (``JSONLDObjectComparison``); toRdf output as datasets,
/// isomorphic when their RDFC-1.0 canonical N-Quads are equal; a negative test passes when the
/// processor throws the expected JSON-LD error code. Remote contexts resolve offline: every
/// suite file is in the context library under its published URL.
/// Tests that still fail are listed, each with its reason, in ``JSONLDSuiteKnownFailures``; a
/// listed test that passes fails here too, so the list stays true. Skipped, with a message,
/// where the suite is absent.
@Suite("W3C JSON-LD 1.1 suite: expansion and toRdf")
struct JSONLDSuiteTests {
    /// One manifest entry and the options it sets.
    struct Entry: Sendable, CustomTestStringConvertible {
        var manifest: String
        var id: String
        var types: [String]
        var name: String
        var input: String
        var expect: String?
        var expectErrorCode: String?
        var base: String?
        var expandContext: String?
        var processingMode: String?
        var specVersion: String?
        var produceGeneralizedRdf: Bool
        var rdfDirection: String?

        /// The key the known-failures list uses: `expand#t0001`, `toRdf#te075`.
        var key: String { manifest + id }
        var testDescription: String { "\(key) \(name)" }
        var isNegative: Bool { types.contains("jld:NegativeEvaluationTest") }
        var isSyntaxOnly: Bool { types.contains("jld:PositiveSyntaxTest") }
        /// Tests written for JSON-LD 1.0 only: a 1.1 processor is not meant to pass them.
        var isApplicable: Bool { specVersion != "json-ld-1.0" }
        /// The input document's URL, the base its relative IRIs resolve against.
        var documentURL: String { base ?? JSONLDSuiteTests.suiteURL + input }
    }

    /// Where the suite's files are published; remote contexts are named under it.
    static let suiteURL = "https://w3c.github.io/json-ld-api/tests/"
    static let folder = CairnProcess.sharedConformance?.appendingPathComponent("w3c-json-ld")
    static let absent: Comment = "the W3C JSON-LD suite (../shared/conformance/w3c-json-ld) is absent"

    static func entries(_ manifest: String) -> [Entry] {
        guard let folder, let data = try? Data(contentsOf: folder.appendingPathComponent("\(manifest)-manifest.jsonld")),
              let document = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let sequence = document["sequence"] as? [[String: Any]] else { return [] }
        return sequence.compactMap { entry in
            guard let id = entry["@id"] as? String, let input = entry["input"] as? String else { return nil }
            let option = entry["option"] as? [String: Any] ?? [:]
            return Entry(manifest: manifest, id: id, types: entry["@type"] as? [String] ?? [],
                         name: entry["name"] as? String ?? "", input: input, expect: entry["expect"] as? String,
                         expectErrorCode: entry["expectErrorCode"] as? String, base: option["base"] as? String,
                         expandContext: option["expandContext"] as? String,
                         processingMode: option["processingMode"] as? String,
                         specVersion: option["specVersion"] as? String,
                         produceGeneralizedRdf: option["produceGeneralizedRdf"] as? Bool ?? false,
                         rdfDirection: option["rdfDirection"] as? String)
        }
    }

    static let expandEntries = entries("expand")
    static let toRdfEntries = entries("toRdf")

    /// Every JSON file of the suite under its published URL, so that remote contexts resolve
    /// offline (expected outputs are left out; files that are not JSON are skipped).
    static let library: JSONLDContextLibrary = {
        guard let folder else { return JSONLDContextLibrary() }
        var library = JSONLDContextLibrary()
        let root = folder.standardizedFileURL.path + "/"
        let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
        while let file = files?.nextObject() as? URL {
            let path = file.standardizedFileURL.path
            guard path.hasPrefix(root), !path.contains("-out."), path.hasSuffix(".jsonld") || path.hasSuffix(".json"),
                  let text = try? String(contentsOf: file, encoding: .utf8),
                  let document = try? JSONParser.parse(text, file: path) else { continue }
            library = library.adding(url: suiteURL + path.dropFirst(root.count), document: document)
        }
        return library
    }()

    static func text(_ path: String) throws -> String {
        try String(contentsOf: try #require(folder).appendingPathComponent(path), encoding: .utf8)
    }

    static func json(_ path: String) throws -> JSONNode {
        try JSONParser.parse(try text(path), file: path)
    }

    @Test("the manifests are all here: 385 expansion tests, 467 toRdf tests", .enabled(if: folder != nil, absent))
    func complete() {
        #expect(Self.expandEntries.count == 385)
        #expect(Self.toRdfEntries.count == 467)
        // A listed test that never runs would stay listed for ever.
        let applicable = Set((Self.expandEntries + Self.toRdfEntries).filter(\.isApplicable).map(\.key))
        let listedButNotRun = JSONLDSuiteKnownFailures.reasons.keys.filter { !applicable.contains($0) }
        #expect(listedButNotRun.isEmpty, "known failures that name no applicable test: \(listedButNotRun.sorted())")
    }

    @Test("expansion tests", .enabled(if: folder != nil, absent), arguments: expandEntries.filter(\.isApplicable))
    func expansion(_ entry: Entry) throws {
        check(entry, outcome: try Self.expansionOutcome(entry))
    }

    @Test("toRdf tests", .enabled(if: folder != nil, absent), arguments: toRdfEntries.filter(\.isApplicable))
    func toRDF(_ entry: Entry) throws {
        check(entry, outcome: try Self.toRDFOutcome(entry))
    }

    /// Passes when `outcome` (nil: the test passed; else what went wrong) agrees with the list.
    func check(_ entry: Entry, outcome: String?) {
        if let reason = JSONLDSuiteKnownFailures.reasons[entry.key] {
            // The reason has to be true of the test, not just the failure.
            switch reason {
            case .processingMode10: #expect(entry.processingMode == "json-ld-1.0", "\(entry.key) is not a 1.0-mode test")
            case .generalizedRDF: #expect(entry.produceGeneralizedRdf, "\(entry.key) does not ask for generalized RDF")
            }
            #expect(outcome != nil, "\(entry.key) is listed as failing (\(reason.explanation)) but passes: take it off the list")
        } else if let outcome {
            Issue.record("\(entry.key) \(entry.name): \(outcome)")
        }
    }

    /// What the processor does with `entry`'s input: its result or the error it threw.
    static func run<Output>(_ entry: Entry, _ body: (JSONLDProcessor, JSONNode, JSONNode?) throws -> Output)
        throws -> Result<Output, JSONLDError> {
        let input = try json(entry.input)
        let expandContext = try entry.expandContext.map { try json($0) }
        do {
            return .success(try body(JSONLDProcessor(contexts: library), input, expandContext))
        } catch let error as JSONLDError {
            return .failure(error)
        }
    }

    /// A negative test passes when the processor throws the expected error code.
    static func negativeOutcome<Output>(_ entry: Entry, _ result: Result<Output, JSONLDError>) -> String? {
        switch result {
        case .success: return "expected the error \"\(entry.expectErrorCode ?? "?")\", but none was thrown"
        case .failure(let error) where error.code == entry.expectErrorCode: return nil
        case .failure(let error):
            return "expected the error \"\(entry.expectErrorCode ?? "?")\", got \(error)"
        }
    }

    static func expansionOutcome(_ entry: Entry) throws -> String? {
        let result = try run(entry) { processor, input, expandContext in
            try processor.expand(input, base: entry.documentURL, expandContext: expandContext)
        }
        if entry.isNegative { return negativeOutcome(entry, result) }
        switch result {
        case .failure(let error): return "threw \(error)"
        case .success(let expanded):
            let expected = try json(try #require(entry.expect))
            if JSONLDObjectComparison.equivalent(expanded, expected) { return nil }
            return "expanded to \(JSONLDObjectComparison.text(expanded))"
        }
    }

    static func toRDFOutcome(_ entry: Entry) throws -> String? {
        let result = try run(entry) { processor, input, expandContext in
            try processor.quads(of: input, base: entry.documentURL, expandContext: expandContext,
                                rdfDirection: entry.rdfDirection.flatMap(JSONLDProcessor.RDFDirection.init))
        }
        if entry.isNegative { return negativeOutcome(entry, result) }
        switch result {
        case .failure(let error): return "threw \(error)"
        case .success(let quads):
            if entry.isSyntaxOnly { return nil }
            let path = try #require(entry.expect)
            let expected: [RDFQuad]
            do {
                expected = try NQuadsReader.quads(in: try text(path), file: path)
            } catch let error as FormatError {
                // Generalized RDF (a blank node as predicate) is no RDF dataset, so not N-Quads Cairn reads.
                return "the expected output is not an RDF dataset: \(error)"
            }
            // Isomorphic datasets have the same canonical N-Quads (RDFC-1.0 relabels blank nodes).
            let canonicalizer = RDFCanonicalizer()
            let actual = try canonicalizer.canonicalNQuads(quads)
            if actual == (try canonicalizer.canonicalNQuads(expected)) { return nil }
            return "produced\n\(actual)"
        }
    }
}
