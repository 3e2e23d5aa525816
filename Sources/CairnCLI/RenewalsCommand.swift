import ArgumentParser
import Cairn
import Foundation

enum RenewalFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, csv, ics
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

    @Option(help: ArgumentHelp("A learner record file, or the id of a learner bundled in the workspace.", valueName: "file"))
    var learner: String?

    @Option(help: ArgumentHelp("A folder of learner records: every learner's items, grouped by month (an HR view).",
                               valueName: "dir"))
    var learners: String?

    @OptionGroup var asOf: AsOfOption

    @Option(help: ArgumentHelp("Only what needs attention within this ISO 8601 duration (P90D, P3M).", valueName: "duration"))
    var within: String?

    @Option(help: "Output format.")
    var format: RenewalFormat = .text

    @OptionGroup(title: "Open Badges files the learner records list")
    var credentials: CredentialOptions

    func validate() throws {
        guard (learner == nil) != (learners == nil) else {
            throw ValidationError("give one of --learner FILE or --learners DIR")
        }
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
            let records: [LearnerRecord]
            if let learners {
                records = try loaded.learnerRecords(in: URL(fileURLWithPath: learners), verifier: verifier)
            } else {
                records = [try loaded.learnerRecord(named: learner ?? "", verifier: verifier)]
            }
            try strictness.check(loaded.problems(records: records))
            var schedule = loaded.renewals(for: records, asOf: date)
            if let within, let window = ISODuration(iso8601: within) { schedule = schedule.within(window) }
            let title = learners != nil ? "Renewals for \(records.count) learners" : "Renewals for \(records.first?.learner ?? "")"
            switch format {
            case .json: emit(schedule.json.serialized() + "\n")
            case .csv: emit(schedule.csv)
            case .ics: emit(schedule.calendar(name: title).serialized())
            case .text: terminal.emit(RenewalTextReport(schedule: schedule, title: title).text)
            }
        }
    }
}
