import CairnTestSupport
import Foundation
import Testing

/// No library code reads the clock: the time comes from the caller (the CLI, or the server,
/// which like the CLI is a front end over the library), so a decision, an audit or a schedule
/// made in a test or a replay carries the time it was given.
@Suite("The libraries never read the clock")
struct NoClockTests {
    @Test("no source of a library module (every folder of Sources/ but the command line and the server) reads the current time")
    func noClockReads() throws {
        let readers = ["Date()", "Date.now", "ContinuousClock.now", "SuspendingClock.now", "CFAbsoluteTimeGetCurrent",
                       "clock_gettime", "gettimeofday", "DispatchTime.now"]
        var found: [String] = []
        let sources = CairnProcess.packageRoot.appendingPathComponent("Sources")
        let modules = try FileManager.default.contentsOfDirectory(atPath: sources.path)
            .filter { $0.hasPrefix("Cairn") && $0 != "CairnCLI" && $0 != "CairnServer" }.sorted()
        #expect(modules.count >= 9, "expected every library module, found \(modules)")
        for module in modules {
            let folder = CairnProcess.packageRoot.appendingPathComponent("Sources/\(module)")
            let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
            while let url = enumerator?.nextObject() as? URL {
                guard url.pathExtension == "swift" else { continue }
                let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
                for (number, line) in lines.enumerated() where !line.trimmingCharacters(in: .whitespaces).hasPrefix("//") {
                    for reader in readers where line.contains(reader) {
                        found.append("\(module)/\(url.lastPathComponent):\(number + 1): \(reader)")
                    }
                }
            }
        }
        #expect(found.isEmpty, "library code reads the clock: \(found)")
    }
}
