import ArgumentParser
import Cairn
import Foundation

/// `cairn graph`: a pathway's requirement tree as Graphviz DOT or Mermaid text, coloured by a
/// learner's status when one is given.
struct GraphCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "graph",
        abstract: "Draw a pathway's requirement tree as Graphviz DOT or Mermaid text.",
        discussion: """
            With --learner, each requirement is coloured by its status for that learner (green met, \
            amber partly met, red not met) and lists the badges counted there; without it every \
            requirement is drawn neutral. Cairn only writes the text: render it with, for example, \
            `dot -Tpng -o graph.png`, or paste the Mermaid into Markdown.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case dot, mermaid
    }

    @OptionGroup var workspace: WorkspaceOptions

    @Option(help: ArgumentHelp("A pathway id from the workspace, or a pathway file.", valueName: "id|file"))
    var pathway: String

    @Option(help: ArgumentHelp("A learner record file (YAML or JSON), or the id of a learner bundled in the workspace; without it the tree is drawn without status.",
                               valueName: "file"))
    var learner: String?

    @OptionGroup var asOf: AsOfOption

    @Option(help: "What the plan marked on the graph minimises (as `cairn plan --minimize`).")
    var minimize: Plan.Measure = .count

    @Option(help: ArgumentHelp("Do not rely on held badges that lapse before this day (default: the as-of date), as `cairn plan --by`.",
                               valueName: "date"))
    var by: String?

    @Option(help: "Output format: dot (Graphviz) or mermaid.")
    var format: Format = .dot

    @OptionGroup(title: "Open Badges files the learner record lists")
    var credentials: CredentialOptions

    @OptionGroup var strictness: LenientOption

    func run() async throws {
        try await reportingFailures {
            let date = try asOf.date()
            let (loaded, pathwayID) = try workspace.load(pathway: pathway)
            let record = try learner.map { try loaded.learnerRecord(named: $0, verifier: credentials.verifier()) }
                ?? LearnerRecord(learner: "", badges: [])
            try strictness.check(loaded.problems(pathways: [pathwayID], records: learner == nil ? [] : [record]))
            let audit = try loaded.audit(pathway: pathwayID, for: record, asOf: date)
            // With a learner, mark the badges the plan `cairn plan` gives for the same options would add.
            let until = try by.map { try AsOfOption.parse($0, option: "--by", example: "2027-05-29") } ?? date
            let planned = learner == nil ? [:]
                : try loaded.plan(pathway: pathwayID, for: record, measure: minimize, asOf: date, reliesUntil: until).leafSteps
            let graph = PathwayGraph(audit: audit, badgeNames: loaded.badgeNames, showStatus: learner != nil,
                                     planned: planned)
            switch format {
            case .dot: emit(graph.dot)
            case .mermaid: emit(graph.mermaid)
            }
        }
    }
}
