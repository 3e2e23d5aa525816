import ArgumentParser
import Cairn
import CairnSyntax
import Foundation

/// `--cohort`, `--learners` and what goes with them: a command run over many learners at once.
struct CohortOptions: ParsableArguments {
    @Flag(help: "Run over every learner in the store (cairn learners import puts them there).")
    var cohort = false

    @Option(name: .customLong("learners"), help: ArgumentHelp(
        "Learner record files or folders of them, or a student information system's CSV export read directly; repeatable.",
        valueName: "dir|csv"))
    var learnerSources: [String] = []

    @Option(help: ArgumentHelp("With --learners CSV: the export's header for a field, as FIELD=HEADER (learner=\"Student ID\"); repeatable.",
                               valueName: "field=header"))
    var map: [String] = []

    @Option(name: .customLong("map-file"), help: ArgumentHelp("With --learners CSV: a file of `field: Header` lines.", valueName: "file"))
    var mapFile: String?

    @Option(help: ArgumentHelp("Write the cohort's results to this file, replaced only when the run succeeds (default: standard output).",
                               valueName: "file"))
    var output: String?

    @Flag(name: .customLong("no-progress"), help: "No progress bar on standard error (it is shown only on a terminal).")
    var noProgress = false

    /// Whether the command runs over a cohort rather than one learner.
    var isCohort: Bool { cohort || !learnerSources.isEmpty }

    func validate() throws {
        if cohort && !learnerSources.isEmpty { throw ValidationError("give --cohort (the store's learners) or --learners, not both") }
        if !isCohort, !map.isEmpty || mapFile != nil || output != nil {
            throw ValidationError("--map, --map-file and --output apply to --cohort and --learners runs")
        }
    }

    /// The SIS export's column mapping from `--map` and `--map-file`.
    func mapping() throws -> SISColumnMapping {
        do {
            var mapping = SISColumnMapping()
            if let mapFile {
                let text = try DefinitionText.read(mapFile)
                mapping = try SISColumnMapping(fileText: text, file: mapFile)
            }
            mapping.overrides.merge(try SISColumnMapping(pairs: map).overrides) { _, given in given }
            return mapping
        } catch let error as FormatErrors {
            throw CommandFailure(lines: error.errors.map(\.description), code: 64)
        }
    }

    /// Where the cohort's records come from: the store, or files whose credentials `credentials`
    /// checks and whose problems `strictness` refuses (as for one learner).
    func source(_ workspace: WorkspaceOptions, credentials: CredentialOptions, strictness: LenientOption) throws -> CohortSource {
        if cohort { return .store(try workspace.openStore(), only: nil) }
        return .files(learnerSources.map { URL(fileURLWithPath: $0) }, mapping: try mapping(),
                      verifier: try credentials.verifier(), checked: !strictness.lenient)
    }

    /// Where the results go, and the progress bar.
    func sink() throws -> CohortOutput {
        try CohortOutput(path: output, showsProgress: !noProgress && isatty(STDERR_FILENO) == 1)
    }
}

/// A small text file read for an option (a mapping file), or a usage error naming it.
enum DefinitionText {
    static func read(_ path: String, limit: Int = 1 << 20) throws -> String {
        do {
            return try BoundedFile.text(at: path, display: path, limit: limit, subject: "such files")
        } catch {
            throw CommandFailure(lines: [error.description], code: error.isUnreadableFile ? 66 : 65)
        }
    }
}

extension WorkspaceOptions {
    /// The active registrar exceptions in the store, when it exists (none otherwise): every
    /// command that reads learners applies them.
    func exceptions() throws -> [RegistrarException] {
        let location = try storeLocation
        do {
            return try Workspace.storedExceptions(at: location)
        } catch let error as StoreError {
            throw CommandFailure(error)
        }
    }

    /// The store `--store` names, or the workspace's default store.
    func openStore() throws -> any Store {
        let location = try storeLocation
        do {
            return try location.open()
        } catch let error as StoreError {
            throw CommandFailure(error)
        }
    }
}

/// A cohort's output, streamed: to standard output, or to a file that replaces the one named
/// only when the run succeeds (it is written beside it and renamed), so a failed run never
/// leaves half a results file for a student information system to read. Shows a progress bar
/// on standard error when it is a terminal.
final class CohortOutput {
    private let handle: FileHandle
    private let temporary: URL?
    private let destination: URL?
    private let showsProgress: Bool
    private var buffer = ""
    private var lastDrawn = Date.distantPast
    private var drewProgress = false

    init(path: String?, showsProgress: Bool) throws {
        self.showsProgress = showsProgress
        if let path {
            let destination = URL(fileURLWithPath: path)
            try? FileManager.default.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
            let temporary = destination.deletingLastPathComponent()
                .appendingPathComponent(".\(destination.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).partial")
            guard FileManager.default.createFile(atPath: temporary.path, contents: nil),
                  let handle = try? FileHandle(forWritingTo: temporary) else {
                throw CommandFailure(lines: ["cannot write \(path)"], code: 73)
            }
            self.handle = handle
            self.temporary = temporary
            self.destination = destination
        } else {
            handle = FileHandle.standardOutput
            temporary = nil
            destination = nil
        }
    }

    /// Queues `text`; it is written in blocks of about a megabyte.
    func write(_ text: String) {
        buffer += text
        if buffer.utf8.count >= 1 << 20 { flush() }
    }

    private func flush() {
        guard !buffer.isEmpty else { return }
        handle.write(Data(buffer.utf8))
        buffer = ""
    }

    /// Redraws the progress bar (at most ten times a second).
    func progress(done: Int, total: Int?, noun: String = "learners") {
        guard showsProgress else { return }
        let now = Date()
        guard now.timeIntervalSince(lastDrawn) >= 0.1 || done == total else { return }
        lastDrawn = now
        drewProgress = true
        var line = "\r\(done.groupedDigits)"
        if let total, total > 0 {
            let filled = min(30, done * 30 / total)
            line += " / \(total.groupedDigits) \(noun) [" + String(repeating: "#", count: filled)
                + String(repeating: " ", count: 30 - filled) + "] \(done * 100 / total)%"
        } else {
            line += " \(noun)"
        }
        FileHandle.standardError.write(Data(line.utf8))
    }

    /// Writes what is queued and, for a file, puts it in place.
    func finish() throws {
        flush()
        if drewProgress { FileHandle.standardError.write(Data("\n".utf8)) }
        guard let temporary, let destination else { return }
        try? handle.close()
        // rename(2) replaces the destination in one step: a reader sees the old file or the new one.
        guard rename(temporary.path, destination.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw CommandFailure(lines: ["cannot write \(destination.path): \(reason)"], code: 73)
        }
    }

    /// Removes a partly written file after a failure.
    func abandon() {
        if drewProgress { FileHandle.standardError.write(Data("\n".utf8)) }
        guard let temporary else { return }
        try? handle.close()
        try? FileManager.default.removeItem(at: temporary)
    }
}
