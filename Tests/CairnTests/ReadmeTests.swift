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
}
