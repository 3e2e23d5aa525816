import Cairn
import CairnTestSupport
import Foundation
import Testing
import Yams

/// The JSON Schemas in schemas/ describe the definition files as Cairn reads them: every bundled
/// file (and every file `cairn init` writes) passes them, checked by an independent validator
/// (Python's jsonschema), and files with the mistakes people make do not.
@Suite("JSON Schemas for the definition files")
struct SchemaTests {
    static let root = CairnProcess.packageRoot

    /// The schema name for a definition's kind.
    static func schema(for kind: DefinitionKind) -> String {
        switch kind {
        case .badgeCatalog: "badge-catalogue"
        case .pathway: "pathway"
        case .learnerRecord: "learner-record"
        case .creditPolicy: "credit-policy"
        case .roleProfile: "role-profile"
        }
    }

    /// A YAML (or JSON) document as the JSON value a YAML language server checks: scalars typed
    /// by YAML's core schema (numbers, booleans, null), everything else text — a date stays
    /// `2025-03-01`.
    static func json(_ node: Node) -> Any {
        switch node {
        case .scalar(let scalar):
            switch node.tag.description {
            case Tag.Name.int.rawValue: return Int(scalar.string) ?? scalar.string
            case Tag.Name.float.rawValue: return Double(scalar.string) ?? scalar.string
            case Tag.Name.bool.rawValue: return node.bool ?? scalar.string
            case Tag.Name.null.rawValue: return NSNull()
            default: return scalar.string
            }
        case .mapping(let mapping):
            return Dictionary(mapping.map { ($0.key.string ?? "", json($0.value)) }) { first, _ in first }
        case .sequence(let sequence):
            return sequence.map(json)
        case .alias:
            return NSNull()
        }
    }

    /// Validates `documents` (name, kind, text) with scripts/validate-definitions.py; returns its output and status.
    static func validate(_ documents: [(name: String, kind: DefinitionKind, text: String)]) throws -> (output: String, status: Int32) {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var files: [String] = []
        for (index, document) in documents.enumerated() {
            let node = try #require(try Yams.compose(yaml: document.text), "\(document.name) is empty")
            let data = try JSONSerialization.data(withJSONObject: json(node), options: [.sortedKeys])
            let safeName = document.name.replacingOccurrences(of: "/", with: "_")
            let url = folder.url.appendingPathComponent("\(index)-\(safeName).\(schema(for: document.kind)).json")
            try data.write(to: url)
            files.append(url.path)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", root.appendingPathComponent("scripts/validate-definitions.py").path,
                             root.appendingPathComponent("schemas").path] + files
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (output, process.terminationStatus)
    }

    /// Every definition file under Pathways/ and Frameworks/roles/, with its kind.
    static func bundled() throws -> [(name: String, kind: DefinitionKind, text: String)] {
        var found: [(String, DefinitionKind, String)] = []
        for folder in ["Pathways", "Frameworks/roles"] {
            let enumerator = FileManager.default.enumerator(at: root.appendingPathComponent(folder), includingPropertiesForKeys: nil)
            while let url = enumerator?.nextObject() as? URL {
                if url.lastPathComponent == "credentials" { enumerator?.skipDescendants(); continue }
                guard ["yaml", "yml"].contains(url.pathExtension) else { continue }
                let text = try String(contentsOf: url, encoding: .utf8)
                let name = url.path.replacingOccurrences(of: root.path + "/", with: "")
                let kind = try #require(try DefinitionDocument.kind(of: text, file: name), "\(name) is no definition")
                found.append((name, kind, text))
            }
        }
        return found
    }

    @Test("every bundled definition and every file cairn init writes passes its schema")
    func bundledFilesPass() throws {
        var documents = try Self.bundled()
        #expect(documents.count >= 25, "\(documents.count) files")
        for (path, text) in WorkspaceTemplate.files where path.hasSuffix(".yaml") {
            documents.append((path, try #require(try DefinitionDocument.kind(of: text, file: path)), text))
        }
        #expect(Set(documents.map { Self.schema(for: $0.kind) }).count == 5, "every schema is exercised")
        let result = try Self.validate(documents)
        #expect(result.status == 0, "\(result.output)")
    }

    @Test("the mistakes a newcomer makes are caught by the schemas too", arguments: [
        ("a misspelt key", DefinitionKind.badgeCatalog,
         "issuer: { id: x, name: X }\nbadges:\n  - { id: a, nmae: A }\n", "Additional properties are not allowed ('nmae'"),
        ("an earning without its date", .learnerRecord, "learner: lee\nbadges:\n  - { badge: a }\n", "is not valid under any of the given schemas"),
        ("a requirement with two shapes", .pathway, "id: p\ntitle: P\nrequires: { badge: a, tag: b }\n", "is valid under each of"),
        ("count without of or from", .pathway, "id: p\ntitle: P\nrequires: { count: 2 }\n", "is not valid under any of the given schemas"),
        ("a cap of two kinds", .creditPolicy,
         "policy: p\nversion: '1'\nunit: ECTS\nrules: [{ credits: declared }]\ncaps: [{ total: 5, perYear: 2 }]\n",
         "is not valid under any of the given schemas"),
        ("a level in words", .roleProfile, "role: r\ntitle: R\nskills: [{ framework: sfia, code: X, level: high }]\n",
         "'high' is not of type 'integer'"),
    ])
    func mistakesFail(name: String, kind: DefinitionKind, text: String, expected: String) throws {
        let result = try Self.validate([(name, kind, text)])
        #expect(result.status == 1, "\(name): \(result.output)")
        #expect(result.output.contains(expected), "\(name): \(result.output)")
    }
}
