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
            relied on (plan ahead for a date). A plan starts from the pending figure: in-progress and \
            registered earnings are taken as held from their expected date, and the plan says so. A \
            pathway with several versions is planned in the one that applies to the learner, or --version.
            """)

    @OptionGroup var workspace: WorkspaceOptions

    @Option(help: ArgumentHelp("A pathway id from the workspace, or a pathway file.", valueName: "id|file"))
    var pathway: String?

    @Flag(help: "Rank every pathway of the workspace by what is left to earn.")
    var all = false

    @Option(help: ArgumentHelp("A learner record file, the id of a learner bundled in the workspace, or one in the store.", valueName: "file|id"))
    var learner: String?

    @OptionGroup(title: "Cohorts") var cohort: CohortOptions

    @Option(help: ArgumentHelp("Plan in this version of the pathway, not the one that applies to the learner.",
                               valueName: "version"))
    var version: String?

    @Option(help: ArgumentHelp("For a pathway with several destinations: the one to plan for (default: the nearest).",
                               valueName: "id"))
    var destination: String?

    @Option(help: ArgumentHelp("Plan for a milestone of the pathway instead (the badge it awards, or its requirement id).",
                               valueName: "badge|id"))
    var milestone: String?

    @Option(help: "What to minimise.")
    var minimize: Plan.Measure = .count

    @OptionGroup var asOf: AsOfOption

    @Option(help: ArgumentHelp("Do not rely on held badges that lapse before this day (default: the as-of date).",
                               valueName: "date"))
    var by: String?

    @Option(help: ArgumentHelp("Plan as if this badge were earned on the as-of day (repeatable).", valueName: "badge"))
    var assume: [String] = []

    @Option(help: "Output format: text or json; for a cohort csv (one row per learner and pathway), jsonl or text (a summary).")
    var format: AuditFormat = .text

    @OptionGroup(title: "Open Badges files the learner record lists")
    var credentials: CredentialOptions

    func validate() throws {
        guard (pathway == nil) == all else { throw ValidationError("give one of --pathway ID or --all") }
        if version != nil, pathway == nil { throw ValidationError("--version applies to one --pathway") }
        if destination != nil || milestone != nil {
            guard pathway != nil else { throw ValidationError("--destination and --milestone need --pathway") }
            guard destination == nil || milestone == nil else { throw ValidationError("give --destination or --milestone, not both") }
        }
        if cohort.isCohort {
            if learner != nil { throw ValidationError("give --learner for one learner, or --cohort/--learners for many, not both") }
            if format == .json { throw ValidationError("a cohort is written as --format csv, jsonl or text (a summary)") }
        } else {
            guard learner != nil else { throw ValidationError("give --learner FILE|ID, or --cohort / --learners for a cohort") }
            if format == .csv || format == .jsonl { throw ValidationError("--format \(format.rawValue) is for cohorts") }
        }
    }

    @OptionGroup var strictness: LenientOption

    @OptionGroup(title: "Terminal") var terminal: TerminalOptions

    func run() async throws {
        try await reportingFailures {
            let date = try asOf.date()
            let until = try by.map { try AsOfOption.parse($0, option: "--by", example: "2027-05-29") } ?? date
            let (loaded, pathwayID): (Workspace, String?) = try pathway.map { try workspace.load(pathway: $0) }
                ?? (try workspace.load(), nil)
            if cohort.isCohort {
                let ids = pathwayID.map { [$0] } ?? loaded.catalog.sortedPathways.map(\.id)
                try strictness.check(loaded.problems(pathways: ids, records: []))
                return try await runCohort(loaded, pathways: ids, on: date, until: until)
            }
            let record = try loaded.learnerRecord(named: learner ?? "", verifier: credentials.verifier(), store: workspace)
            try strictness.check(loaded.problems(pathways: pathwayID.map { [$0] } ?? loaded.catalog.sortedPathways.map(\.id),
                                                 records: [record]))
            if let pathwayID {
                let plan = try loaded.plan(pathway: pathwayID, destination: destination, milestone: milestone, for: record,
                                           exceptions: try workspace.exceptions(), measure: minimize,
                                           asOf: date, reliesUntil: until, assume: assume, version: version)
                format == .json ? emit(plan.json.serialized() + "\n") : terminal.emit(plan.text)
            } else {
                var plans: [Plan] = []
                let exceptions = try workspace.exceptions()
                for candidate in loaded.catalog.sortedPathways {
                    plans.append(try loaded.plan(pathway: candidate.id, destination: nil, milestone: nil, for: record,
                                                 exceptions: exceptions, measure: minimize,
                                                 asOf: date, reliesUntil: until, assume: assume))
                }
                let ranking = PlanRanking(plans: plans)
                format == .json ? emit(ranking.json.serialized() + "\n") : terminal.emit(ranking.text)
            }
        }
    }
}

extension PlanCommand {
    /// Plans for every learner of a cohort and every pathway asked for, on every core.
    func runCohort(_ loaded: Workspace, pathways: [String], on date: CalendarDate, until: CalendarDate) async throws {
        let output = try cohort.sink()
        let exceptions = Dictionary(grouping: try workspace.exceptions(), by: \.learner)
        var complete: [String: Int] = [:]
        var completePending: [String: Int] = [:]
        var left: [String: [Int]] = [:]
        var learners = 0
        if format == .csv {
            // complete_pending comes last, so readers of earlier plan CSVs still read them.
            output.write(csvLine(["learner", "pathway", "complete", "progress_exact", "completable", "badges_left", "total",
                                  "measure", "optimal", "next", "complete_pending"]))
        }
        do {
            try await loaded.forEachCohortChunk(try cohort.source(workspace, credentials: credentials, strictness: strictness), transform: { records in
                try records.map { record in
                    try pathways.map { pathway in
                        try loaded.plan(pathway: pathway, destination: destination, milestone: milestone, for: record,
                                        exceptions: exceptions[record.learner] ?? [], measure: minimize,
                                        asOf: date, reliesUntil: until, assume: assume, version: version)
                    }
                }
            }, progress: { done, total in
                output.progress(done: done, total: total)
            }, emit: { (chunk: [[Plan]]) in
                var text = ""
                for plans in chunk {
                    learners += 1
                    for plan in plans {
                        // A plan "completes" the pathway when its steps suffice. With no steps it is complete
                        // already — or, when pending earnings are taken as held, once they are awarded:
                        // the two are counted apart (a plan's progress never counts a pending earning).
                        let nothingLeft = plan.isComplete && plan.steps.isEmpty
                        let already = nothingLeft && plan.progress == .one
                        if already { complete[plan.pathway, default: 0] += 1 }
                        else if nothingLeft { completePending[plan.pathway, default: 0] += 1 }
                        else { left[plan.pathway, default: Array(repeating: 0, count: 6)][plan.isComplete ? min(plan.steps.count, 5) : 0] += 1 }
                        switch format {
                        case .csv:
                            text += csvLine([plan.learner, plan.pathway, already ? "yes" : "no", plan.progress.description,
                                             plan.isComplete ? "yes" : "no", String(plan.steps.count), plan.total.description, minimize.rawValue,
                                             plan.isOptimal ? "yes" : "no", plan.steps.map(\.badge).joined(separator: "; "),
                                             nothingLeft ? "yes" : "no"])
                        case .jsonl: text += plan.json.serialized(pretty: false) + "\n"
                        default: break
                        }
                    }
                }
                output.write(text)
            })
            if format == .text {
                var lines = ["Plans for \(learners.groupedDigits) learners (minimising \(minimize.rawValue))"]
                for pathway in pathways {
                    let title = loaded.catalog.pathways[pathway]?.title ?? pathway
                    let counts = left[pathway] ?? Array(repeating: 0, count: 6)
                    lines.append("")
                    lines.append("\(title) (\(pathway))")
                    lines.append("  complete already: \((complete[pathway] ?? 0).groupedDigits)")
                    if let pending = completePending[pathway] {
                        lines.append("  complete once pending earnings are awarded: \(pending.groupedDigits)")
                    }
                    for (steps, count) in counts.enumerated() where steps > 0 {
                        lines.append("  \(steps == 5 ? "5 or more" : String(steps)) badge\(steps == 1 ? "" : "s") to go: \(count.groupedDigits)")
                    }
                    if counts[0] > 0 { lines.append("  cannot be completed from the catalogue: \(counts[0].groupedDigits)") }
                }
                output.write(lines.joined(separator: "\n") + "\n")
            }
            try output.finish()
        } catch {
            output.abandon()
            throw error
        }
    }
}
