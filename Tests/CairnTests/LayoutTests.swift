import CairnTestSupport
import Foundation
import Testing

/// The module layout the README's Layout section describes holds: no module grows past a third
/// of the source lines, and every module folder under `Sources/` has a row in that section.
@Suite("Modules by concern")
struct LayoutTests {
    static let sources = CairnProcess.packageRoot.appendingPathComponent("Sources")

    /// Lines of Swift per module folder.
    static func lineCounts() throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for module in try FileManager.default.contentsOfDirectory(atPath: sources.path) {
            let enumerator = FileManager.default.enumerator(at: sources.appendingPathComponent(module),
                                                            includingPropertiesForKeys: nil)
            while let url = enumerator?.nextObject() as? URL {
                guard url.pathExtension == "swift" else { continue }
                counts[module, default: 0] += try String(contentsOf: url, encoding: .utf8)
                    .split(separator: "\n", omittingEmptySubsequences: false).count - 1
            }
        }
        return counts
    }

    @Test("no module holds more than a third of the source lines")
    func noModuleDominates() throws {
        let counts = try Self.lineCounts()
        let total = counts.values.reduce(0, +)
        #expect(total > 20_000, "expected Cairn's sources, found \(total) lines")
        for (module, lines) in counts {
            #expect(lines * 3 <= total, "\(module) holds \(lines) of \(total) lines")
        }
    }

    @Test("the README's Layout section has a row for every Swift module")
    func readmeNamesEveryModule() throws {
        let readme = try String(contentsOf: CairnProcess.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let layout = try #require(readme.range(of: "## Layout\n")).upperBound
        let section = readme[layout...]
        for module in try Self.lineCounts().keys where module.hasPrefix("Cairn") {
            #expect(section.contains("| `\(module)`"), "the Layout table has no row for \(module)")
        }
    }
}
