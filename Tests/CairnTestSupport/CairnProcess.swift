public import Foundation

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
    ///
    /// The process gets this process's environment in a UTF-8 locale (so that output does not
    /// depend on the machine's), changed by `environment` (an empty value removes a variable).
    public static func run(_ arguments: [String], in directory: URL? = nil,
                           environment: [String: String] = [:]) throws -> CairnRun {
        try StartedRun(arguments: arguments, in: directory, environment: environment).finish()
    }

    /// Starts one `cairn` process per argument list, all before waiting for any, then waits for
    /// every one: several runs racing each other as several users' would.
    public static func runAtOnce(_ argumentLists: [[String]], in directory: URL? = nil) throws -> [CairnRun] {
        let started = try argumentLists.map { try StartedRun(arguments: $0, in: directory) }
        return try started.map { try $0.finish() }
    }
}

/// One `cairn` process started with its output going to files, until `finish()`.
private struct StartedRun {
    let process = Process()
    let folder: URL
    let out: FileHandle
    let err: FileHandle

    init(arguments: [String], in directory: URL?, environment: [String: String] = [:]) throws {
        let process = self.process
        process.executableURL = CairnProcess.binary
        process.arguments = arguments
        var variables = ProcessInfo.processInfo.environment
        variables["LC_ALL"] = nil
        variables["LC_CTYPE"] = nil
        variables["LANG"] = "C.UTF-8"
        for (name, value) in environment { variables[name] = value.isEmpty ? nil : value }
        process.environment = variables
        process.currentDirectoryURL = directory ?? CairnProcess.packageRoot
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("cairn-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: folder.appendingPathComponent("stdout").path, contents: nil)
        _ = FileManager.default.createFile(atPath: folder.appendingPathComponent("stderr").path, contents: nil)
        out = try FileHandle(forWritingTo: folder.appendingPathComponent("stdout"))
        err = try FileHandle(forWritingTo: folder.appendingPathComponent("stderr"))
        process.standardOutput = out
        process.standardError = err
        try process.run()
    }

    func finish() throws -> CairnRun {
        defer { try? FileManager.default.removeItem(at: folder) }
        process.waitUntilExit()
        try out.close()
        try err.close()
        return CairnRun(status: process.terminationStatus,
                        stdout: (try? String(contentsOf: folder.appendingPathComponent("stdout"), encoding: .utf8)) ?? "",
                        stderr: (try? String(contentsOf: folder.appendingPathComponent("stderr"), encoding: .utf8)) ?? "")
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
