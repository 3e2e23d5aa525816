public import Foundation

/// Checks credentials with `scripts/check_credentials.py`: an implementation of eddsa-rdfc-2022,
/// VC-JWT (EdDSA, ES256) and the Open Badges 3.0 JSON Schema that Cairn did not write (Python:
/// pyld, PyNaCl, jwcrypto, jsonschema). Contexts come from Cairn's bundled folder; the script
/// never uses the network.
public enum IndependentCredentialCheck {
    /// What the script says about one file (one JSON line of its output).
    public struct Result: Decodable, Sendable, Equatable, CustomStringConvertible {
        /// The file as it was passed.
        public var file: String
        /// `eddsa-rdfc-2022`, `vc-jwt`, or `unknown` (no proof the script knows).
        public var kind: String
        /// `verified`, `failed` (checked, and it does not hold) or `error` (could not be checked).
        public var proof: String
        /// Why the proof is not verified; empty when it is.
        public var reason: String
        /// `valid`, `invalid` or `skipped` (no schema asked for, or nothing to validate).
        public var schema: String
        /// `JSON path: message`, one per schema error.
        public var schemaErrors: [String]

        public var isVerified: Bool { proof == "verified" }

        public var description: String {
            let name = URL(fileURLWithPath: file).lastPathComponent
            var text = "\(name): \(kind) \(proof)" + (reason.isEmpty ? "" : " (\(reason))") + "; schema \(schema)"
            if !schemaErrors.isEmpty { text += ": " + schemaErrors.joined(separator: "; ") }
            return text
        }
    }

    /// The script did not run as it should (not a proof that failed: that is a `Result`).
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// The Python modules the script imports.
    public static let modules = ["pyld", "nacl.signing", "jwcrypto.jws", "jsonschema"]
    public static let script = CairnProcess.packageRoot.appendingPathComponent("scripts/check_credentials.py")
    /// Cairn's bundled JSON-LD contexts (with their INDEX.tsv).
    public static let contexts = CairnProcess.packageRoot.appendingPathComponent("Sources/CairnCredentials/LinkedData/Contexts")
    /// The Open Badges 3.0 AchievementCredential JSON Schema (schemas/external/SOURCE.md).
    public static let schemaFile = CairnProcess.packageRoot
        .appendingPathComponent("schemas/external/ob_v3p0_achievementcredential_schema.json")

    /// Nil when python3 and the four modules import; otherwise why the check cannot run (for a
    /// test to skip with).
    public static func availability() -> String? { availabilityAnswer }

    private static let availabilityAnswer: String? = {
        guard FileManager.default.fileExists(atPath: script.path) else { return "\(script.path) is missing" }
        let run: (status: Int32, stdout: String, stderr: String)
        do {
            run = try python(["-c", "import " + modules.joined(separator: ", ")])
        } catch {
            return "python3 could not be started: \(error)"
        }
        if run.status == 0 { return nil }
        let last = run.stderr.split(separator: "\n").last.map(String.init) ?? "exit status \(run.status)"
        if run.status == 127 { return "python3 is not installed (\(last))" }
        return "python3 cannot import \(modules.joined(separator: ", ")) (\(last)); "
            + "install them with: python3 -m pip install pyld PyNaCl jwcrypto jsonschema"
    }()

    /// Runs the script on `files`: keys (JWK files, by kid) from `keys`, and the Open Badges 3.0
    /// schema when `schema` is true. One result per file, in order. Throws when the script cannot
    /// run or its output is not one JSON line per file.
    public static func run(files: [URL], keys: URL?, schema: Bool) throws -> [Result] {
        var arguments = [script.path, "--contexts", contexts.path]
        if let keys { arguments += ["--keys", keys.path] }
        if schema { arguments += ["--schema", schemaFile.path] }
        arguments += files.map(\.path)
        let run = try python(arguments)
        // 0: all verified and valid; 1: some proof or schema check did not pass. Anything else,
        // or a traceback instead of output, is the script failing.
        guard run.status == 0 || run.status == 1 else {
            throw Failure(description: "check_credentials.py exited with status \(run.status): \(run.stderr)")
        }
        let lines = run.stdout.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        guard lines.count == files.count else {
            throw Failure(description: "check_credentials.py printed \(lines.count) results for \(files.count) files; "
                + "stdout: \(run.stdout) stderr: \(run.stderr)")
        }
        let decoder = JSONDecoder()
        return try lines.map { line in
            do {
                return try decoder.decode(Result.self, from: Data(line.utf8))
            } catch {
                throw Failure(description: "check_credentials.py printed a line that is no result (\(error)): \(line)")
            }
        }
    }

    /// Runs `python3 -B arguments` (no bytecode files written beside the script) in the package
    /// root, output to files (no pipe to fill up), and waits.
    private static func python(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let outURL = folder.url.appendingPathComponent("stdout")
        let errURL = folder.url.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-B"] + arguments
        var variables = ProcessInfo.processInfo.environment
        variables["LC_ALL"] = nil
        variables["LC_CTYPE"] = nil
        variables["LANG"] = "C.UTF-8"
        variables["PYTHONIOENCODING"] = "utf-8"
        process.environment = variables
        process.currentDirectoryURL = CairnProcess.packageRoot
        process.standardOutput = out
        process.standardError = err
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        return (process.terminationStatus,
                (try? String(contentsOf: outURL, encoding: .utf8)) ?? "",
                (try? String(contentsOf: errURL, encoding: .utf8)) ?? "")
    }
}
