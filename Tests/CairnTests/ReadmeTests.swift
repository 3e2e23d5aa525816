import CairnTestSupport
import Foundation
import Testing

/// The README and the DocC catalogue stand alone: a reader never needs a file outside the repository.
@Suite("README and DocC stand alone")
struct ReadmeTests {
    static let root = CairnProcess.packageRoot

    /// README.md, every DocC article and every Swift source (their doc comments are the DocC reference).
    static func documents() throws -> [(name: String, text: String)] {
        var found = [("README.md", try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8))]
        let sources = root.appendingPathComponent("Sources")
        let enumerator = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            guard ["md", "swift"].contains(url.pathExtension) else { continue }
            found.append((url.path.replacingOccurrences(of: root.path + "/", with: ""), try String(contentsOf: url, encoding: .utf8)))
        }
        return found
    }

    @Test("no document points at the design notes, which are not in the repository")
    func noDesignReferences() throws {
        for (name, text) in try Self.documents() {
            #expect(!text.contains("DESIGN.md") && !text.contains("DESIGN §"), "\(name) refers to the design notes")
        }
    }

    @Test("every relative link in the README leads to a file or folder of the repository")
    func relativeLinks() throws {
        let readme = try String(contentsOf: Self.root.appendingPathComponent("README.md"), encoding: .utf8)
        let links = readme.matches(of: /\]\(([^)#:\s]+)(#[^)]*)?\)/).map { String($0.output.1) }
        for link in links {
            #expect(FileManager.default.fileExists(atPath: Self.root.appendingPathComponent(link).path), "README links to \(link)")
        }
    }

    @Test("the README's engine-only example is the code that a CairnCore-only test compiles and runs")
    func engineExampleIsCompiled() throws {
        let readme = try String(contentsOf: Self.root.appendingPathComponent("README.md"), encoding: .utf8)
        let test = try String(contentsOf: Self.root.appendingPathComponent("Tests/CairnCoreTests/ReadmeCoreExampleTests.swift"),
                              encoding: .utf8)
        let begin = "// README: begin CairnCore example\n", end = "        // README: end CairnCore example"
        let start = try #require(test.range(of: begin)), stop = try #require(test.range(of: end))
        let code = test[start.upperBound..<stop.lowerBound].split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasPrefix("        ") ? String($0.dropFirst(8)) : String($0) }.joined(separator: "\n")
        #expect(readme.contains("```swift\nimport CairnCore\n\n" + code + "```"),
                "the README's CairnCore block differs from Tests/CairnCoreTests/ReadmeCoreExampleTests.swift")
        #expect(test.hasPrefix("import CairnCore\nimport Testing\n\n"), "the example file imports more than CairnCore")
    }
}
