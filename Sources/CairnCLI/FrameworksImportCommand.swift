import ArgumentParser
import Cairn
import CairnStore
import Foundation

/// `cairn frameworks import FILE…`: reads framework files into the store, in one transaction.
struct FrameworksImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import framework files (ESCO, SFIA, SKOS, CASE) into the framework store.",
        discussion: """
            All the files are imported in one transaction: if any of them cannot be read, the store \
            is left exactly as it was. A framework already in the store is replaced; files that \
            name the same framework (ESCO's CSV files, say) add to one another.
            """)

    @Argument(help: ArgumentHelp("Framework files (or a folder of ESCO CSV files).", valueName: "file"))
    var files: [String]

    @Option(help: ArgumentHelp("The files' format: auto (tell from each file), "
                               + FrameworkFormat.allCases.map(\.rawValue).joined(separator: ", ") + ".",
                               valueName: "format"))
    var format: ImportFormat = .auto

    @Option(name: .customLong("lang"), help: ArgumentHelp(
        "Keep labels in these languages only, comma-separated (default: all).", valueName: "codes"))
    var languages: String?

    @Option(help: ArgumentHelp("Store the framework under this name instead of the one the file gives.",
                               valueName: "name"))
    var name: String?

    @Option(help: ArgumentHelp("Store the framework with this version instead of the one the file gives.",
                               valueName: "version"))
    var version: String?

    @Flag(help: "Print the summary as JSON (--format names the input format here).")
    var json = false

    @OptionGroup var storeOptions: FrameworkStoreOptions

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("give at least one framework file to import") }
        if let languages, languageSet(languages).isEmpty {
            throw ValidationError("--lang expects language codes such as en or en,fr,de; found \"\(languages)\"")
        }
    }

    func run() async throws {
        try await reportingFailures {
            for file in files where !FileManager.default.fileExists(atPath: file) {
                throw CommandFailure(lines: ["\(file): no such file or folder"], code: 66)
            }
            var formats: [FrameworkFormat] = []
            for file in files {
                formats.append(try readerFailure { try format.format ?? FrameworkFormat.detect(path: file) })
            }
            let store = try storeOptions.open()
            let progress = ImportProgress()
            let wanted = languages.map(languageSet)
            let started = Date()
            let summaries: [ImportSummary]
            do {
                summaries = try store.importFrameworks(importedAt: Self.timestamp(started)) { storeSink in
                    var sink = ProgressSink(base: storeSink, progress: progress, name: name, version: version)
                    for (file, format) in zip(files, formats) {
                        progress.startFile(file, format: format)
                        let report = try readerFailure {
                            try FrameworkReader.read(path: file, format: format, languages: wanted, into: &sink)
                        }
                        for note in report.notes { progress.note("\(file): \(note)") }
                    }
                    progress.finishReading()
                    storeSink = sink.base
                }
            } catch let error as StoreError {
                progress.clear()
                throw CommandFailure(error)
            } catch {
                progress.clear()
                throw error
            }
            progress.clear()
            let seconds = Date().timeIntervalSince(started)
            if json {
                let value = JSONValue.object([
                    ("store", .string(storeOptions.storePath)),
                    ("seconds", .number(Rational(Int((seconds * 1000).rounded()), 1000))),
                    ("frameworks", .array(summaries.map { summary in
                        .object([
                            ("id", .string(summary.framework)), ("name", .string(summary.name)),
                            ("version", summary.version.map(JSONValue.string) ?? .null),
                            ("skills", .number(Rational(summary.skills))),
                            ("occupations", .number(Rational(summary.occupations))),
                            ("relations", .number(Rational(summary.relations))),
                            ("labels", .number(Rational(summary.labels))),
                            ("broaderLinks", .number(Rational(summary.broaderLinks))),
                        ])
                    })),
                ])
                emit(value.serialized() + "\n")
                return
            }
            var output = ""
            for summary in summaries {
                let title = [summary.name, summary.version].compactMap { $0 }.joined(separator: " ")
                output += "Imported \(summary.framework) (\(title)): \(summary.skills.groupedDigits) skills, "
                    + "\(summary.occupations.groupedDigits) occupations, \(summary.relations.groupedDigits) relations, "
                    + "\(summary.labels.groupedDigits) labels, \(summary.broaderLinks.groupedDigits) broader links\n"
            }
            output += String(format: "into %@ in %.1f s\n", storeOptions.storePath, seconds)
            emit(output)
        }
    }

    private func languageSet(_ text: String) -> Set<String> {
        Set(text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty })
    }

    /// The import time kept with the framework: the CLI is where the clock is read.
    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}

/// Turns a reader's errors into the contract's exit codes: bad data is 65 with file, line and
/// column; a file that cannot be opened is 66.
private func readerFailure<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as any LocatedError {
        throw CommandFailure(lines: error.problems.map(\.description), code: error.isUnreadableFile ? 66 : 65)
    }
}

/// `--format`: `auto` or one of the reader formats.
enum ImportFormat: ExpressibleByArgument, Equatable {
    case auto
    case fixed(FrameworkFormat)

    init?(argument: String) {
        if argument.lowercased() == "auto" {
            self = .auto
        } else if let format = FrameworkFormat(rawValue: argument.lowercased()) {
            self = .fixed(format)
        } else {
            return nil
        }
    }

    var format: FrameworkFormat? {
        if case .fixed(let format) = self { return format }
        return nil
    }

    var defaultValueDescription: String {
        switch self {
        case .auto: "auto"
        case .fixed(let format): format.rawValue
        }
    }

    static var allValueStrings: [String] { ["auto"] + FrameworkFormat.allCases.map(\.rawValue) }
}

/// Passes everything to the store's sink, counting as it goes and applying `--name`/`--version`.
private struct ProgressSink: FrameworkSink {
    var base: any FrameworkSink
    let progress: ImportProgress
    let name: String?
    let version: String?

    mutating func begin(_ header: FrameworkHeader) throws {
        var header = header
        if let name { header.name = name }
        if let version { header.version = version }
        progress.framework = header.id
        try base.begin(header)
    }

    mutating func skill(_ skill: SkillRecord) throws {
        progress.skills += 1
        progress.tick()
        try base.skill(skill)
    }

    mutating func occupation(_ occupation: OccupationRecord) throws {
        progress.occupations += 1
        progress.tick()
        try base.occupation(occupation)
    }

    mutating func label(_ label: ConceptLabel) throws {
        progress.labels += 1
        progress.tick()
        try base.label(label)
    }

    mutating func broader(narrower: String, broader: String) throws {
        progress.tick()
        try base.broader(narrower: narrower, broader: broader)
    }

    mutating func relation(occupation: String, skill: String, kind: SkillRelationKind) throws {
        progress.relations += 1
        progress.tick()
        try base.relation(occupation: occupation, skill: skill, kind: kind)
    }

    mutating func finish() throws {
        try base.finish()
    }
}

/// Progress on standard error: one line rewritten in place on a terminal; otherwise a plain
/// line per file and one every ten seconds.
private final class ImportProgress {
    var framework = ""
    var skills = 0
    var occupations = 0
    var relations = 0
    var labels = 0
    private var items = 0
    private let terminal = isatty(STDERR_FILENO) == 1
    private let started = Date()
    private var lastReport = Date()
    private var lineShown = false

    func startFile(_ file: String, format: FrameworkFormat) {
        write("reading \(file) (\(format.rawValue))", final: true)
    }

    func note(_ text: String) {
        write("note: \(text)", final: true)
    }

    func tick() {
        items += 1
        guard items & 0xFFF == 0 else { return }
        let now = Date()
        guard now.timeIntervalSince(lastReport) >= (terminal ? 0.2 : 10) else { return }
        lastReport = now
        write(status(now), final: !terminal)
    }

    func finishReading() {
        write(status(Date()) + (terminal ? ", indexing…" : "; indexing labels for search"), final: !terminal)
    }

    /// Removes the in-place line, so that what follows starts on a clean line.
    func clear() {
        guard terminal, lineShown else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
        lineShown = false
    }

    private func status(_ now: Date) -> String {
        let label = framework.isEmpty ? "" : "\(framework): "
        return label + "\(skills.groupedDigits) skills, \(occupations.groupedDigits) occupations, "
            + "\(relations.groupedDigits) relations, \(labels.groupedDigits) labels"
            + String(format: " (%.0f s)", now.timeIntervalSince(started))
    }

    private func write(_ text: String, final: Bool) {
        if terminal {
            clear()
            FileHandle.standardError.write(Data((final ? text + "\n" : text).utf8))
            lineShown = !final
        } else {
            FileHandle.standardError.write(Data((text + "\n").utf8))
        }
    }
}
