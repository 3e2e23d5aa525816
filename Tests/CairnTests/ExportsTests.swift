import CairnTestSupport
import Foundation
import Testing

/// `Cairn` re-exports chosen types, not whole modules: every public type of a module it builds on
/// must be listed in `Sources/Cairn/Exports.swift` (or be `package`), so that no type reaches
/// other packages by accident and none that an embedding program needs is left out.
@Suite("The Cairn product's re-exports")
struct ExportsTests {
    static let root = CairnProcess.packageRoot
    static let modules = ["CairnSyntax", "CairnRDF", "CairnCredentials", "CairnIssuing", "CairnFrameworks", "CairnReports", "CairnStore", "CairnPostgres"]

    /// `kind Module.Name` for every top-level public type declared in `module`.
    static func publicTypes(of module: String) throws -> Set<String> {
        let pattern = try Regex(#"(?m)^public (?:final )?(struct|enum|class|protocol|typealias|actor) (\w+)"#)
        var found = Set<String>()
        let enumerator = FileManager.default.enumerator(at: root.appendingPathComponent("Sources/\(module)"),
                                                        includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            guard url.pathExtension == "swift" else { continue }
            let text = try String(contentsOf: url, encoding: .utf8)
            for match in text.matches(of: pattern) {
                guard let kind = match.output[1].substring, let name = match.output[2].substring else { continue }
                found.insert("\(kind == "actor" ? "class" : kind) \(module).\(name)")
            }
        }
        return found
    }

    @Test("every public type of the modules around the engine is re-exported by name, and every name listed exists")
    func curated() throws {
        let exports = try String(contentsOf: Self.root.appendingPathComponent("Sources/Cairn/Exports.swift"), encoding: .utf8)
        let listed = Set(exports.split(separator: "\n").compactMap { line -> String? in
            let prefix = "@_exported public import "
            guard line.hasPrefix(prefix) else { return nil }
            let rest = line.dropFirst(prefix.count)
            return rest.contains(" ") ? String(rest) : nil
        })
        var declared = Set<String>()
        for module in Self.modules { declared.formUnion(try Self.publicTypes(of: module)) }
        #expect(declared.subtracting(listed).isEmpty,
                "public but not re-exported (list it in Exports.swift or make it package): \(declared.subtracting(listed).sorted())")
        #expect(listed.subtracting(declared).isEmpty, "re-exported but not a public type: \(listed.subtracting(declared).sorted())")
        #expect(exports.contains("@_exported public import CairnCore\n"))
        #expect(!exports.contains("@_exported public import CairnSyntax\n"), "the internal syntax module is never re-exported whole")
    }
}
