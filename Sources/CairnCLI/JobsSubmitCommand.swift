import ArgumentParser
import Cairn
import Foundation

/// `cairn jobs submit`: stores a cohort job for workers to compute.
struct JobsSubmitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit",
        abstract: "Submit a job over every learner in the store: audit --pathway ID, credits --policy ID, or renewals.",
        discussion: """
            Prints the job's id. The job keeps a digest of the workspace's definitions (catalogues, \
            pathways, policies, frameworks): only workers that loaded the same definitions compute it.
            """)

    @OptionGroup var workspace: WorkspaceOptions

    @Argument(help: "What the job computes: audit, credits or renewals.")
    var kind: JobRequest.Kind

    @Option(help: ArgumentHelp("For an audit: the pathway id.", valueName: "id"))
    var pathway: String?

    @Option(help: ArgumentHelp("For credits: the credit policy id.", valueName: "id"))
    var policy: String?

    @OptionGroup var asOf: AsOfOption

    @Option(name: .customLong("chunk-size"), help: ArgumentHelp("Learners per chunk: what one worker claims at a time.", valueName: "n"))
    var chunkSize = CohortJobSubmitter.defaultChunkSize

    @Option(help: "Output format: text (the job's id) or json (the job).")
    var format: OutputFormat = .text

    @OptionGroup var strictness: LenientOption

    func validate() throws {
        switch kind {
        case .audit:
            if pathway == nil { throw ValidationError("an audit job needs --pathway ID") }
            if policy != nil { throw ValidationError("--policy is for credits jobs") }
        case .credits:
            if policy == nil { throw ValidationError("a credits job needs --policy ID") }
            if pathway != nil { throw ValidationError("--pathway is for audit jobs") }
        case .renewals:
            if pathway != nil || policy != nil { throw ValidationError("a renewals job takes neither --pathway nor --policy") }
        }
        if chunkSize < 1 { throw ValidationError("--chunk-size must be at least 1, found \(chunkSize)") }
    }

    func run() async throws {
        try await reportingFailures {
            let date = try asOf.date()
            let loaded = try workspace.load()
            // The same checks a --cohort run makes before it starts, an unknown id first (exit 64).
            switch kind {
            case .audit:
                let id = pathway ?? ""
                _ = try loaded.compiledPathway(id)
                try strictness.check(loaded.problems(pathways: [id], records: []))
            case .credits:
                try strictness.check(loaded.problems(policy: try loaded.creditPolicy(policy ?? ""), records: []))
            case .renewals:
                break
            }
            let store = try workspace.openStore()
            let now = Date()
            let job = try CohortJobSubmitter(workspace: loaded, store: store)
                .submit(kind, subject: pathway ?? policy ?? "", asOf: date, chunkSize: chunkSize,
                        submittedBy: CreditsComputeCommand.recorder(nil), now: now)
            switch format {
            case .json:
                emit(StoreListing.jobJSON(try workspace.jobProgress(job.id, in: store, now: now)).serialized() + "\n")
            case .text:
                emit(job.id + "\n")
                let chunks = job.chunkCount == 1 ? "1 chunk" : "\(job.chunkCount.groupedDigits) chunks"
                FileHandle.standardError.write(Data(("cairn: submitted \(StoreListing.jobTitle(job)): "
                    + "\(job.learnerCount.groupedDigits) learners in \(chunks); run cairn worker to compute it\n").utf8))
            }
        }
    }
}
