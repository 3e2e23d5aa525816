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
            text (counts per pathway with a histogram of progress), each row ending with the version \
            audited and the figures with pending earnings awarded. --compare-with an earlier run's CSV \
            writes only what changed; --compare-version V audits each learner in their own version and in \
            version V and writes only who would gain or lose by moving.

            A pathway with several versions is audited in the one that applies to the learner: \
            --version, else the latest published by their catalogueYear, else the one in effect on \
            their enrolled date, else the one in effect on the as-of date.
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

    @Option(help: ArgumentHelp("Audit in this version of the pathway, not the one that applies to the learner.",
                               valueName: "version"))
    var version: String?

    @Option(name: .customLong("compare-version"), help: ArgumentHelp(
        "With a cohort and one --pathway: audit each learner in their own version and in this one; write only who would gain or lose by moving.",
        valueName: "version"))
    var compareVersion: String?

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
            if compareVersion != nil || version != nil, pathway.count != 1 || allPathways {
                throw ValidationError("--version and --compare-version apply to one --pathway")
            }
            if compareVersion != nil, compareWith != nil {
                throw ValidationError("give --compare-with (an earlier run) or --compare-version (another version), not both")
            }
        } else {
            guard learner != nil else { throw ValidationError("give --learner FILE|ID, or --cohort / --learners for a cohort") }
            guard pathway.count == 1, !allPathways else { throw ValidationError("give one --pathway for one learner") }
            if format == .csv || format == .jsonl { throw ValidationError("--format \(format.rawValue) is for cohorts; one learner is text or json") }
            if compareWith != nil { throw ValidationError("--compare-with compares cohorts (--cohort or --learners)") }
            if compareVersion != nil {
                throw ValidationError("--compare-version compares cohorts (--cohort or --learners); for one learner give --version")
            }
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
            let audit = try loaded.audit(pathway: pathwayID, for: record, exceptions: exceptions, asOf: date, version: version)
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
        let exceptions = try workspace.exceptions()
        let auditor = try CohortAuditor(workspace: loaded, pathways: ids, asOf: date, exceptions: exceptions, version: version)
        // Each learner in the version they would move to, beside their own.
        let target = try compareVersion.map { try CohortAuditor(workspace: loaded, pathways: ids, asOf: date,
                                                                 exceptions: exceptions, version: $0) }
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
            case (.csv, false) where target != nil: output.write(CohortComparison.csvHeader.joined(separator: ",") + "\r\n")
            case (.csv, false): output.write(CohortAuditFormat.csvHeaderLine)
            case (.csv, true): output.write(CohortComparison.csvHeader.joined(separator: ",") + "\r\n")
            case (.text, true): output.write("Changed since \(compareWith ?? ""):\n")
            case (.text, false) where target != nil:
                output.write("Moving to version \(compareVersion ?? "") of \(ids[0]) (each learner's own version → \(compareVersion ?? "")):\n")
            default: break
            }
            var source = try cohort.source(workspace, credentials: credentials, strictness: strictness)
            // The store's earnings of classes no audited pathway can count are not read at all.
            if case .store(let store, let only, _) = source {
                source = .store(store, only: only, badgeClasses: auditor.relevantClassIDs)
            }
            try await loaded.forEachCohortChunk(source, transform: { records in
                let rows = try auditor.rows(for: records)
                return (rows, try target?.rows(for: records))
            }, progress: { done, total in
                output.progress(done: done, total: total)
            }, emit: { rows, moved in
                var text = ""
                for (index, row) in rows.enumerated() {
                    summary.add(row)
                    if let moved {
                        guard let change = CohortComparison.change(from: row, to: moved[index]) else { continue }
                        changes += 1
                        text += line(for: change)
                    } else if comparison != nil {
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
                if target != nil {
                    output.write("\n\(summary.learners.groupedDigits) learners compared with version \(compareVersion ?? ""): "
                                 + "\(changes.groupedDigits) would change\n\n")
                }
                if let comparison {
                    output.write("\n\(comparison.compared.groupedDigits) results compared with \(compareWith ?? ""): "
                                 + "\(changes.groupedDigits) changed\n\n")
                }
                output.write(summary.text(titles: titles))
            } else if target != nil {
                FileHandle.standardError.write(Data("cairn: \(summary.learners.groupedDigits) learners compared with version \(compareVersion ?? ""); \(changes.groupedDigits) would change\n".utf8))
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
