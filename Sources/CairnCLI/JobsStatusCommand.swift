import ArgumentParser
import Cairn
import Foundation

/// `cairn jobs status`: how far a job has got.
struct JobsStatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "A job's state (waiting, running, done, failed), its chunks waiting, running and done, its results and any failure.")

    @OptionGroup var workspace: WorkspaceOptions

    @Argument(help: "The job's id (j-…).")
    var id: String

    @Option(help: "Output format.")
    var format: OutputFormat = .text

    func run() async throws {
        try await reportingFailures {
            let store = try workspace.openStore()
            let progress = try workspace.jobProgress(id, in: store, now: Date())
            switch format {
            case .json: emit(StoreListing.jobJSON(progress).serialized() + "\n")
            case .text: emit(Self.text(progress))
            }
        }
    }

    static func text(_ progress: JobProgress) -> String {
        let job = progress.job
        var lines = [
            "\(job.id): \(StoreListing.jobTitle(job))",
            "state:     \(progress.state)",
            "chunks:    \(progress.done.groupedDigits) done, \(progress.running.groupedDigits) running, "
                + "\(progress.waiting.groupedDigits) waiting (of \(job.chunkCount.groupedDigits))",
            "results:   \(progress.results.groupedDigits) of \(job.learnerCount.groupedDigits) learners",
            "submitted: \(ISO8601DateFormatter().string(from: job.submittedAt))" + (job.request.submittedBy.map { " by \($0)" } ?? ""),
        ]
        if let failure = progress.failure { lines.append("failure:   \(failure)") }
        return lines.joined(separator: "\n") + "\n"
    }
}
