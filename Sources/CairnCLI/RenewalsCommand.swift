import ArgumentParser
import Cairn
import Foundation

enum RenewalFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, csv, ics, jsonl
}

struct RenewalsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "renewals",
        abstract: "When each badge and completed stack lapses, when renewal opens, and what is due.",
        discussion: """
            Status per badge and stack on the as-of date: valid, renewal-open, grace, expired, revoked \
            or no-expiry. --format ics writes an RFC 5545 calendar with one all-day event per due date \
            and a reminder when the renewal window opens.
            """)

    @OptionGroup var workspace: WorkspaceOptions

    @Option(help: ArgumentHelp("A learner record file, the id of a learner bundled in the workspace, or one in the store.", valueName: "file|id"))
    var learner: String?

    @OptionGroup(title: "Cohorts (every learner's items: an HR view)") var cohort: CohortOptions

    @OptionGroup var asOf: AsOfOption

    @Option(help: ArgumentHelp("Only what needs attention within this ISO 8601 duration (P90D, P3M).", valueName: "duration"))
    var within: String?

    @Option(help: "Output format.")
    var format: RenewalFormat = .text

    @OptionGroup(title: "Open Badges files the learner records list")
    var credentials: CredentialOptions

    func validate() throws {
        guard (learner == nil) == cohort.isCohort else {
            throw ValidationError("give one of --learner FILE|ID, --learners DIR|CSV or --cohort")
        }
        if format == .jsonl && !cohort.isCohort { throw ValidationError("--format jsonl is for cohorts") }
        if let within, ISODuration(iso8601: within) == nil {
            throw ValidationError("--within expects an ISO 8601 duration such as P90D or P3M, found \"\(within)\"")
        }
    }

    @OptionGroup var strictness: LenientOption

    @OptionGroup(title: "Terminal") var terminal: TerminalOptions

    func run() async throws {
        try await reportingFailures {
            let date = try asOf.date()
            let loaded = try workspace.load()
            let verifier = try credentials.verifier()
            let window = within.flatMap(ISODuration.init(iso8601:))
            if cohort.isCohort { return try await runCohort(loaded, on: date, within: window) }
            let records = [try loaded.learnerRecord(named: learner ?? "", verifier: verifier, store: workspace)]
            try strictness.check(loaded.problems(records: records))
            var schedule = loaded.renewals(for: records, asOf: date)
            if let window { schedule = schedule.within(window) }
            let title = "Renewals for \(records.first?.learner ?? "")"
            switch format {
            case .json, .jsonl: emit(schedule.json.serialized() + "\n")
            case .csv: emit(schedule.csv)
            case .ics: emit(schedule.calendar(name: title).serialized())
            case .text: terminal.emit(RenewalTextReport(schedule: schedule, title: title).text)
            }
        }
    }
}

extension RenewalsCommand {
    /// Every learner's renewals: CSV rows and JSON lines stream out learner by learner, in the
    /// cohort's order (each learner's items by date); the text,
    /// JSON and calendar forms, which are one document, are built once every chunk is done.
    func runCohort(_ loaded: Workspace, on date: CalendarDate, within window: ISODuration?) async throws {
        let output = try cohort.sink()
        var kept: [RenewalSchedule.Item] = []
        var learners = 0
        if format == .csv { output.write(RenewalSchedule.csvHeaderLine) }
        do {
            try await loaded.forEachCohortChunk(try cohort.source(workspace, credentials: credentials, strictness: strictness), transform: { records in
                let schedules = loaded.renewalsByLearner(for: records, asOf: date)
                return window.map { window in schedules.map { $0.within(window) } } ?? schedules
            }, progress: { done, total in
                output.progress(done: done, total: total)
            }, emit: { (schedules: [RenewalSchedule]) in
                learners += schedules.count
                // Rows and lines learner by learner, in the cohort's order (a job's results match them).
                let items = schedules.flatMap(\.items)
                switch format {
                case .csv: output.write(items.map(\.csvLine).joined())
                case .jsonl: output.write(items.map(\.jsonLine).joined())
                case .json, .ics, .text:
                    kept += items
                }
            })
            let schedule = RenewalSchedule(asOf: date, items: kept)
            let title = "Renewals for \(learners.groupedDigits) learners"
            switch format {
            case .json: output.write(schedule.json.serialized() + "\n")
            case .ics: output.write(schedule.calendar(name: title).serialized())
            case .text: output.write(terminal.style.apply(RenewalTextReport(schedule: schedule, title: title).text))
            case .csv, .jsonl: break
            }
            try output.finish()
        } catch {
            output.abandon()
            throw error
        }
    }
}
