import ArgumentParser
import Cairn
import CairnSyntax
import Foundation

/// `cairn learners`: learner records in the store — imported from a student information
/// system's export, learner record files and Open Badges files; listed, shown and removed.
struct LearnersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "learners",
        abstract: "Learner records in the store: import them from a SIS export, record files or Open Badges files; list, show, remove.",
        subcommands: [LearnersImportCommand.self, LearnersListCommand.self, LearnersShowCommand.self, LearnersRemoveCommand.self])
}

struct LearnersImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import learners and their earnings into the store.",
        discussion: """
            Reads a student information system's CSV export (one row per earning: learner, badge and \
            issued required; expires, revoked, result, evidence, name and email optional; headers \
            matched ignoring case and spaces, or named with --map), learner record files (YAML, JSON) \
            and folders of them, and Open Badges files (OB 2.0/3.0 JSON, VC-JWT, CLR 2.0, baked PNG or \
            SVG), verified under the trust rules; a credential's recipient names the learner (--recipients \
            maps e-mails, DIDs and ids that differ from the learner ids). Each file is imported whole or \
            not at all; importing a file again changes nothing. Exit 65 when any file is refused.
            """)

    @OptionGroup var workspace: WorkspaceOptions

    @Argument(help: ArgumentHelp("CSV exports, learner record files, Open Badges files, or folders of them.", valueName: "file"))
    var files: [String]

    @Option(help: ArgumentHelp("The export's header for a field, as FIELD=HEADER (learner=\"Student ID\"); repeatable.",
                               valueName: "field=header"))
    var map: [String] = []

    @Option(name: .customLong("map-file"), help: ArgumentHelp("A file of `field: Header` lines naming the export's columns.", valueName: "file"))
    var mapFile: String?

    @Option(help: ArgumentHelp("A CSV with the columns recipient and learner: whose each Open Badges recipient (e-mail, DID, id) is.",
                               valueName: "file"))
    var recipients: String?

    @Flag(help: "A full re-sync: earnings of the kinds imported (SIS rows, records, credentials) that these files no longer list are removed, and listed. All files are then imported in one transaction, or none.")
    var replace = false

    @Option(help: "Output format.")
    var format: OutputFormat = .text

    @Flag(name: .customLong("no-progress"), help: "No progress bar on standard error (it is shown only on a terminal).")
    var noProgress = false

    @OptionGroup(title: "Open Badges files") var credentials: CredentialOptions

    func validate() throws {
        if credentials.accept != nil {
            throw ValidationError("--accept applies to audits of files; an import stores unverified credentials with their reason, and they never count")
        }
    }

    func run() async throws {
        try await reportingFailures {
            let loaded = try workspace.load()
            let store = try workspace.openStore()
            let mapping = try CohortOptions(map: map, mapFile: mapFile).mapping()
            var settings = LearnerImportSettings(mapping: mapping, verifier: try loaded.trustingIssuerKeys(credentials.verifier()))
            if let recipients { settings.recipients = try LearnerImportSettings.recipients(at: URL(fileURLWithPath: recipients)) }
            var urls: [URL] = []
            for file in files {
                let url = URL(fileURLWithPath: file)
                guard FileManager.default.fileExists(atPath: url.path) else { throw CommandFailure(lines: ["no such file: \(file)"], code: 66) }
                urls += Workspace.learnerImportFiles(at: url)
            }
            let output = try CohortOutput(path: nil, showsProgress: !noProgress && isatty(STDERR_FILENO) == 1)
            var report = LearnerImportReport()
            var outcomes: [(file: String, kind: LearnerFileKind, summary: String)] = []
            var refused: [LearnerFileReading] = []
            var pending: [EarningBatch] = []
            for (index, url) in urls.enumerated() {
                // An export is read and written at once, on two cores (not with --replace, which
                // reads every file before it writes).
                if !replace, Workspace.learnerFileKind(url) == .sisExport {
                    let imported = try loaded.importExport(at: url, settings: settings, into: store)
                    if let refusal = imported.refusal {
                        refused.append(refusal)
                    } else {
                        outcomes.append((imported.file, .sisExport,
                                         Self.summary(imported.report, rows: imported.rows, learners: imported.learners)))
                        report.merge(imported.report)
                    }
                    output.progress(done: index + 1, total: urls.count, noun: "files")
                    continue
                }
                let reading = loaded.readLearnerFile(at: url, settings: settings, store: store)
                output.progress(done: index + 1, total: urls.count, noun: "files")
                guard let batch = reading.batch, reading.problems.isEmpty else {
                    refused.append(reading)
                    continue
                }
                if replace {
                    pending.append(batch)
                    outcomes.append((reading.file, reading.kind, "\(batch.count.groupedDigits) earnings of \(batch.learnerIDs.count.groupedDigits) learners"))
                    continue
                }
                let fileReport = try store.importEarnings([batch])
                outcomes.append((reading.file, reading.kind, Self.summary(fileReport, rows: batch.count, learners: batch.learnerIDs.count)))
                report.merge(fileReport)
            }
            if replace {
                guard refused.isEmpty else {
                    output.abandon()
                    throw CommandFailure(lines: refused.flatMap { $0.problems.map(\.description) }
                        + ["\(refused.count) of \(urls.count) files refused; with --replace nothing was imported"], code: 65)
                }
                let origins = pending.reduce(into: Set<EarningOrigin>()) { $0.formUnion($1.origins) }
                report = try store.importEarnings(pending, replacing: origins)
            }
            try output.finish()
            switch format {
            case .json: emit(StoreListing.importJSON(report, outcomes: outcomes, refused: refused).serialized() + "\n")
            case .text: emit(Self.text(report, outcomes: outcomes, refused: refused, replacing: replace))
            }
            if !refused.isEmpty {
                throw CommandFailure(lines: refused.flatMap { $0.problems.map(\.description) }
                    + ["\(refused.count) of \(urls.count) file\(urls.count == 1 ? "" : "s") refused; nothing of \(refused.count == 1 ? "it" : "them") was imported"],
                    code: 65)
            }
        }
    }

    static func summary(_ report: LearnerImportReport, rows: Int, learners: Int) -> String {
        var parts = ["\(rows.groupedDigits) earning\(rows == 1 ? "" : "s") of \(learners.groupedDigits) learner\(learners == 1 ? "" : "s") read"]
        parts.append("\(report.added.groupedDigits) added")
        if !report.changed.isEmpty { parts.append("\(report.changed.count.groupedDigits) changed") }
        if !report.revoked.isEmpty { parts.append("\(report.revoked.count.groupedDigits) revoked") }
        parts.append("\(report.unchanged.groupedDigits) unchanged")
        return parts.joined(separator: ", ")
    }

    static func describe(_ stored: StoredEarning) -> String {
        "\(stored.learner) · \(stored.earning.badgeClassID) issued \(stored.earning.issued)"
            + (stored.earning.source.map { " (\($0))" } ?? "")
    }

    static func text(_ report: LearnerImportReport, outcomes: [(file: String, kind: LearnerFileKind, summary: String)],
                     refused: [LearnerFileReading], replacing: Bool) -> String {
        var lines: [String] = []
        for outcome in outcomes { lines.append("imported \(outcome.file) (\(outcome.kind.rawValue)): \(outcome.summary)") }
        for reading in refused { lines.append("refused  \(reading.file) (\(reading.kind.rawValue)): \(reading.problems.count) problem\(reading.problems.count == 1 ? "" : "s")") }
        lines.append("")
        lines.append("learners: \(report.learnersAdded.groupedDigits) added, \(report.learnersUpdated.groupedDigits) updated")
        lines.append("earnings: \(report.added.groupedDigits) added, \(report.changed.count.groupedDigits) changed, "
                     + "\(report.revoked.count.groupedDigits) revoked, \(report.unchanged.groupedDigits) unchanged"
                     + (replacing ? ", \(report.removed.count.groupedDigits) removed" : ""))
        let shown = 50
        func list(_ title: String, _ items: [String]) {
            guard !items.isEmpty else { return }
            lines.append("")
            lines.append("\(title):")
            lines += items.prefix(shown).map { "  " + $0 }
            if items.count > shown { lines.append("  … and \((items.count - shown).groupedDigits) more (--format json lists all)") }
        }
        list("changed", report.changed.map { change in
            describe(change.after) + ": " + StoreListing.differences(change.before, change.after)
        })
        list("revoked", report.revoked.map(describe))
        list("removed (no longer listed)", report.removed.map(describe))
        if report.changedNothing && refused.isEmpty { lines.append("the store already held all of this: nothing changed") }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension CohortOptions {
    /// The mapping options alone, for `learners import`.
    init(map: [String], mapFile: String?) {
        self.init()
        self.map = map
        self.mapFile = mapFile
    }
}

struct LearnersListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Every learner in the store, with how many earnings each has.")

    @OptionGroup var workspace: WorkspaceOptions

    @Option(help: "Output format.")
    var format: TranscriptFormat = .text

    func run() async throws {
        try await reportingFailures {
            let learners = try workspace.openStore().learners()
            switch format {
            case .json:
                emit(StoreListing.learnersJSON(learners).serialized() + "\n")
            case .csv:
                var writer = CSVWriter(header: ["learner", "name", "email", "earnings"])
                for learner in learners { writer.append([learner.id, learner.name ?? "", learner.email ?? "", String(learner.earningCount)]) }
                emit(writer.text)
            case .text:
                guard !learners.isEmpty else { emit("no learners in the store (cairn learners import FILE adds them)\n"); return }
                var lines = learners.map { learner in
                    "\(learner.id)  \(learner.earningCount.groupedDigits) earning\(learner.earningCount == 1 ? "" : "s")"
                        + (learner.name.map { "  \($0)" } ?? "")
                }
                lines.append("\(learners.count.groupedDigits) learner\(learners.count == 1 ? "" : "s")")
                emit(lines.joined(separator: "\n") + "\n")
            }
        }
    }
}

struct LearnersShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "One learner's record from the store, as a learner record file (YAML) that audits the same, or as JSON with where each earning came from.")

    @OptionGroup var workspace: WorkspaceOptions

    @Argument(help: "The learner's id.")
    var learner: String

    @Option(help: "Output format: yaml (a learner record file) or json (with provenance).")
    var format: LearnerShowFormat = .yaml

    func run() async throws {
        try await reportingFailures {
            let store = try workspace.openStore()
            guard let found = try store.learner(learner) else {
                let hint = ClosestIDs.hint(for: learner, among: try store.learners().map(\.id))
                throw CommandFailure(lines: ["unknown learner \"\(learner)\" in the store\(hint)"], code: 64)
            }
            let earnings = try store.earnings(of: learner)
            switch format {
            case .yaml: emit(LearnerRecordYAML.text(found.record(badges: earnings.map(\.earning)),
                                                    comment: "from the store \(store.location)" + (found.name.map { ": \($0)" } ?? "")))
            case .json:
                emit(StoreListing.learnerJSON(found, earnings: earnings).serialized() + "\n")
            }
        }
    }
}

enum LearnerShowFormat: String, ExpressibleByArgument, CaseIterable {
    case yaml, json
}

struct LearnersRemoveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove",
        abstract: "Remove learners and their earnings from the store (their registrar exceptions are kept).")

    @OptionGroup var workspace: WorkspaceOptions

    @Argument(help: "The learners' ids.")
    var learners: [String]

    func run() async throws {
        try await reportingFailures {
            let store = try workspace.openStore()
            let known = Set(try store.learners().map(\.id))
            let unknown = learners.filter { !known.contains($0) }
            guard unknown.isEmpty else {
                throw CommandFailure(lines: unknown.map { "unknown learner \"\($0)\" in the store" + ClosestIDs.hint(for: $0, among: known) }
                                     + ["nothing was removed"], code: 64)
            }
            let removed = try store.removeLearners(learners)
            emit(removed.map { "removed \($0.learner) and \($0.earnings.groupedDigits) earning\($0.earnings == 1 ? "" : "s")" }
                .joined(separator: "\n") + "\n")
        }
    }
}
