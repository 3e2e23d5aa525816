public import ArgumentParser
import Cairn
import Foundation

extension Plan.Measure: ExpressibleByArgument {}

struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "The cheapest further badges that complete a pathway, in order; or every pathway ranked by what is left.",
        discussion: """
            Exact: the plan is proven the least possible count, effort hours or cost, or marked \
            "optimal": false when the search reaches its limit. It plans for the as-of date: the \
            badges valid then count. With --by DATE, held badges that lapse before that day are not \
            relied on (plan ahead for a date).
            """)

    @OptionGroup var workspace: WorkspaceOptions

    @Option(help: ArgumentHelp("A pathway id from the workspace, or a pathway file.", valueName: "id|file"))
    var pathway: String?

    @Flag(help: "Rank every pathway of the workspace by what is left to earn.")
    var all = false

    @Option(help: ArgumentHelp("A learner record file, or the id of a learner bundled in the workspace.", valueName: "file"))
    var learner: String

    @Option(help: "What to minimise.")
    var minimize: Plan.Measure = .count

    @OptionGroup var asOf: AsOfOption

    @Option(help: ArgumentHelp("Do not rely on held badges that lapse before this day (default: the as-of date).",
                               valueName: "date"))
    var by: String?

    @Option(help: ArgumentHelp("Plan as if this badge were earned on the as-of day (repeatable).", valueName: "badge"))
    var assume: [String] = []

    @Option(help: "Output format.")
    var format: OutputFormat = .text

    @OptionGroup(title: "Open Badges files the learner record lists")
    var credentials: CredentialOptions

    func validate() throws {
        guard (pathway == nil) == all else { throw ValidationError("give one of --pathway ID or --all") }
    }

    @OptionGroup var strictness: LenientOption

    @OptionGroup(title: "Terminal") var terminal: TerminalOptions

    func run() async throws {
        try await reportingFailures {
            let date = try asOf.date()
            let until = try by.map { try AsOfOption.parse($0, option: "--by", example: "2027-05-29") } ?? date
            let (loaded, pathwayID): (Workspace, String?) = try pathway.map { try workspace.load(pathway: $0) }
                ?? (try workspace.load(), nil)
            let record = try loaded.learnerRecord(named: learner, verifier: credentials.verifier())
            try strictness.check(loaded.problems(pathways: pathwayID.map { [$0] } ?? loaded.catalog.sortedPathways.map(\.id),
                                                 records: [record]))
            if let pathwayID {
                let plan = try loaded.plan(pathway: pathwayID, for: record, measure: minimize, asOf: date, reliesUntil: until,
                                           assume: assume)
                format == .json ? emit(plan.json.serialized() + "\n") : terminal.emit(plan.text)
            } else {
                var plans: [Plan] = []
                for candidate in loaded.catalog.sortedPathways {
                    plans.append(try loaded.plan(pathway: candidate.id, for: record, measure: minimize, asOf: date,
                                                 reliesUntil: until, assume: assume))
                }
                let ranking = PlanRanking(plans: plans)
                format == .json ? emit(ranking.json.serialized() + "\n") : terminal.emit(ranking.text)
            }
        }
    }
}
