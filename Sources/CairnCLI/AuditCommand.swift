import ArgumentParser
import Cairn
import Foundation

enum AuditFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, csv, jsonl
}

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Audit a learner against a pathway: what is met, with which badges, and why others do not count; or a whole cohort at once.",
        discussion: """
            With --cohort (every learner in the store) or --learners (files, folders, a SIS export), \
            every learner is audited against every --pathway (or --all-pathways), on every core, and \
            the results stream out: --format csv (one row per learner and pathway: learner, pathway, \
            complete, progress, progress_exact, exact, missing), jsonl (one JSON object per line) or \
            text (counts per pathway with a histogram of progress). --compare-with an earlier run's CSV \
            writes only what changed.
            """)

    @OptionGroup var workspace: WorkspaceOptions

    @Option(help: ArgumentHelp("A pathway id from the workspace, or a pathway file; repeatable for a cohort.", valueName: "id|file"))
    var pathway: [String] = []

    @Flag(name: .customLong("all-pathways"), help: "With a cohort: every pathway of the workspace.")
    var allPathways = false

    @Option(help: ArgumentHelp("A learner record file (YAML or JSON), the id of a learner bundled in the workspace, or one in the store.",
                               valueName: "file|id"))
    var learner: String?

    @OptionGroup(title: "Cohorts") var cohort: CohortOptions

    @Option(name: .customLong("compare-with"), help: ArgumentHelp(
        "With a cohort: an earlier run's CSV; write only the learners whose result changed, before and after.", valueName: "csv"))
    var compareWith: String?

    @OptionGroup var asOf: AsOfOption

    @Option(help: "Output format: text or json for one learner; csv, jsonl or text (a summary) for a cohort.")
    var format: AuditFormat = .text

    @OptionGroup(title: "Open Badges files the learner record lists")
    var credentials: CredentialOptions

    @OptionGroup var strictness: LenientOption

    @OptionGroup(title: "Terminal") var terminal: TerminalOptions

    func validate() throws {
        if cohort.isCohort {
            if learner != nil { throw ValidationError("give --learner for one learner, or --cohort/--learners for many, not both") }
            if pathway.isEmpty == !allPathways { throw ValidationError("give --pathway (repeatable) or --all-pathways") }
            if format == .json { throw ValidationError("a cohort is written as --format csv, jsonl or text (a summary)") }
        } else {
            guard learner != nil else { throw ValidationError("give --learner FILE|ID, or --cohort / --learners for a cohort") }
            guard pathway.count == 1, !allPathways else { throw ValidationError("give one --pathway for one learner") }
            if format == .csv || format == .jsonl { throw ValidationError("--format \(format.rawValue) is for cohorts; one learner is text or json") }
            if compareWith != nil { throw ValidationError("--compare-with compares cohorts (--cohort or --learners)") }
        }
    }

    func run() async throws {
        try await reportingFailures {
            let date = try asOf.date()
            if cohort.isCohort { return try await runCohort(on: date) }
            let (loaded, pathwayID) = try workspace.load(pathway: pathway[0])
            let record = try loaded.learnerRecord(named: learner ?? "", verifier: credentials.verifier(), store: workspace)
            try strictness.check(loaded.problems(pathways: [pathwayID], records: [record]))
            let exceptions = try workspace.exceptions()
            let audit = try loaded.audit(pathway: pathwayID, for: record, exceptions: exceptions, asOf: date)
            switch format {
            case .json: emit(audit.json.serialized() + "\n")
            default: terminal.emit(AuditTextReport(audit: audit, badgeNames: loaded.badgeNames(with: exceptions)).text)
            }
        }
    }

    private func runCohort(on date: CalendarDate) async throws {
        var loaded = try workspace.load()
        var ids: [String] = []
        for name in pathway {
            let (updated, id) = try workspace.load(pathway: name, into: loaded)
            loaded = updated
            ids.append(id)
        }
        if allPathways { ids = loaded.catalog.sortedPathways.map(\.id) }
        try strictness.check(loaded.problems(pathways: ids, records: []))
        let auditor = try CohortAuditor(workspace: loaded, pathways: ids, asOf: date, exceptions: try workspace.exceptions())
        var comparison = try compareWith.map { path in
            do {
                return try CohortComparison(csv: try DefinitionText.read(path, limit: 1 << 30), file: path)
            } catch let error as FormatErrors {
                throw CommandFailure(lines: error.errors.map(\.description), code: 65)
            }
        }
        let output = try cohort.sink()
        var summary = CohortSummary()
        var changes = 0
        do {
            switch (format, comparison != nil) {
            case (.csv, false): output.write(CohortAuditFormat.csvHeaderLine)
            case (.csv, true): output.write(CohortComparison.csvHeader.joined(separator: ",") + "\r\n")
            case (.text, true): output.write("Changed since \(compareWith ?? ""):\n")
            default: break
            }
            var source = try cohort.source(workspace, credentials: credentials, strictness: strictness)
            // The store's earnings of classes no audited pathway can count are not read at all.
            if case .store(let store, let only, _) = source {
                source = .store(store, only: only, badgeClasses: auditor.relevantClassIDs)
            }
            try await loaded.forEachCohortChunk(source, transform: { records in
                try auditor.rows(for: records)
            }, progress: { done, total in
                output.progress(done: done, total: total)
            }, emit: { rows in
                var text = ""
                for row in rows {
                    summary.add(row)
                    if comparison != nil {
                        guard let change = comparison?.compare(row) else { continue }
                        changes += 1
                        text += line(for: change)
                    } else {
                        switch format {
                        case .csv: text += CohortAuditFormat.csvLine(row)
                        case .jsonl: text += CohortAuditFormat.jsonLine(row)
                        default: break
                        }
                    }
                }
                output.write(text)
            })
            if let gone = comparison?.gone() {
                changes += gone.count
                output.write(gone.map(line).joined())
            }
            let titles = Dictionary(ids.compactMap { id in loaded.catalog.pathways[id] }.flatMap { pathway in
                [(pathway.id, pathway.title)] + pathway.destinations.map {
                    (CohortAuditRow.destinationID($0.id, of: pathway.id), "\(pathway.title): \($0.title)")
                }
            }) { first, _ in first }
            if format == .text {
                if let comparison {
                    output.write("\n\(comparison.compared.groupedDigits) results compared with \(compareWith ?? ""): "
                                 + "\(changes.groupedDigits) changed\n\n")
                }
                output.write(summary.text(titles: titles))
            } else if comparison != nil {
                FileHandle.standardError.write(Data("cairn: \(summary.learners.groupedDigits) learners compared; \(changes.groupedDigits) results changed\n".utf8))
            }
            try output.finish()
        } catch {
            output.abandon()
            throw error
        }
    }

    private func line(for change: CohortComparison.Change) -> String {
        switch format {
        case .csv: CohortComparison.csvLine(change)
        case .jsonl: CohortComparison.jsonLine(change)
        default: CohortComparison.textLine(change)
        }
    }
}

extension Workspace {
    /// A learner record from a file, a bundled learner by id when no such file exists, or a
    /// learner in the store when the workspace bundles none by that id.
    ///
    /// A bundled learner is read again from its file with `verifier`, so that `--keys` and
    /// `--accept` apply to its credentials as they would to a record named by path.
    func learnerRecord(named name: String, verifier: CredentialVerifier = CredentialVerifier(),
                       store options: WorkspaceOptions? = nil) throws -> LearnerRecord {
        if !FileManager.default.fileExists(atPath: name), let bundled = learners.first(where: { $0.learner == name }) {
            guard let file = bundled.source?.file, FileManager.default.fileExists(atPath: file) else { return bundled }
            return try learnerRecord(at: URL(fileURLWithPath: file), verifier: verifier)
        }
        if !FileManager.default.fileExists(atPath: name), let options {
            if try options.storeLocation.exists, let stored = try options.openStore().learnerRecord(name) {
                return stored
            }
        }
        return try learnerRecord(at: URL(fileURLWithPath: name), verifier: verifier)
    }
}
