import CairnTestSupport
import Foundation
import Testing

/// The README's registrar walk-through runs as written: every `$ ` command of that section, in
/// order, in a copy of the bundled workspace, prints what the README shows (the decision log's
/// head digest, which depends on the time of recording, aside; the copy's folder is shown as
/// `/path/to/cairn`).
@Suite("The README's registrar walk-through")
struct RegistrarWalkThroughTests {
    static func steps() throws -> [(command: String, output: String)] {
        let readme = try String(contentsOf: CairnProcess.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let section = readme.components(separatedBy: "## A registrar's cohort, step by step\n").dropFirst().first?
            .components(separatedBy: "\n## ").first ?? ""
        var steps: [(String, String)] = []
        var inBlock = false
        var command: String?
        var output: [String] = []
        func close() {
            if let command { steps.append((command, output.joined(separator: "\n"))) }
            command = nil
            output = []
        }
        for line in section.components(separatedBy: "\n") {
            if line.hasPrefix("```") {
                if inBlock { close() }
                inBlock.toggle()
                continue
            }
            guard inBlock else { continue }
            if line.hasPrefix("$ ") {
                close()
                command = String(line.dropFirst(2))
            } else if command != nil {
                output.append(line)
            }
        }
        return steps
    }

    static func normalized(_ text: String) -> String {
        let digest = try? Regex("[0-9a-f]{64}")
        var lines = text.replacingOccurrences(of: "\r", with: "").components(separatedBy: "\n")
        while lines.last == "" { lines.removeLast() }
        return lines.map { line in digest.map { line.replacing($0, with: "<digest>") } ?? line }.joined(separator: "\n")
    }

    @Test("every command of the walk-through prints what the README shows")
    func runsAsWritten() throws {
        let steps = try Self.steps()
        #expect(steps.count >= 10, "the walk-through's commands were not found in the README")
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        for name in ["Pathways", "Frameworks"] {
            try FileManager.default.copyItem(at: CairnProcess.packageRoot.appendingPathComponent(name),
                                             to: folder.url.appendingPathComponent(name))
        }
        let binary = CairnProcess.binary.path
        for (command, shown) in steps {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            let line = command.hasPrefix("cairn ") ? "'\(binary)' " + command.dropFirst("cairn ".count) : command
            process.arguments = ["-c", line]
            process.currentDirectoryURL = folder.url
            var environment = ProcessInfo.processInfo.environment
            environment["LC_ALL"] = nil
            environment["LANG"] = "C.UTF-8"
            process.environment = environment
            let out = Pipe()
            process.standardOutput = out
            process.standardError = FileHandle.nullDevice
            try process.run()
            let data = out.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "\(command) exited \(process.terminationStatus)")
            // The README shows the clone's folder as /path/to/cairn.
            let printed = String(decoding: data, as: UTF8.self)
                .replacingOccurrences(of: folder.url.resolvingSymlinksInPath().path, with: "/path/to/cairn")
                .replacingOccurrences(of: folder.url.path, with: "/path/to/cairn")
            #expect(Self.normalized(printed) == Self.normalized(shown), "\(command)")
        }
    }
}
