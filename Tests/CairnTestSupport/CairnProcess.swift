import Foundation

/// What one run of the `cairn` executable did.
public struct CairnRun: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
}

/// Runs the real, built `cairn` binary, as a person or a script would.
public enum CairnProcess {
    /// The package's root folder (this file is `Tests/CairnTestSupport/CairnProcess.swift`).
    public static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `../shared/conformance` beside the package, when this checkout has it.
    public static var sharedConformance: URL? {
        let url = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/conformance")
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }

    /// The built binary: beside the test bundle (same build folder), else in `.build/debug`.
    public static var binary: URL {
        let besideTests = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("cairn")
        if FileManager.default.isExecutableFile(atPath: besideTests.path) { return besideTests }
        for bundle in Bundle.allBundles {
            let candidate = bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("cairn")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return packageRoot.appendingPathComponent(".build/debug/cairn")
    }

    /// Runs `cairn` with `arguments` in `directory` (default: the package root) and waits.
    public static func run(_ arguments: [String], in directory: URL? = nil) throws -> CairnRun {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory ?? packageRoot
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cairn-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let outURL = folder.appendingPathComponent("stdout")
        let errURL = folder.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        return CairnRun(status: process.terminationStatus,
                        stdout: (try? String(contentsOf: outURL, encoding: .utf8)) ?? "",
                        stderr: (try? String(contentsOf: errURL, encoding: .utf8)) ?? "")
    }
}

/// A throwaway folder for a test's files, removed when the value is dropped by `remove()`.
public struct TemporaryFolder: Sendable {
    public let url: URL

    public init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("cairn-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// Writes `text` to `path` inside the folder, creating folders as needed.
    @discardableResult
    public func write(_ path: String, _ text: String) throws -> URL {
        let file = url.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    public func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}
