import ArgumentParser
import Cairn
import CairnReports
import Foundation

/// `cairn jobs list`: every job in the store, newest first.
struct JobsListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "Every job in the store, newest first: id, what it computes, state, chunks done, learners.")

    @OptionGroup var workspace: WorkspaceOptions

    @Option(help: "Output format.")
    var format: OutputFormat = .text

    func run() async throws {
        try await reportingFailures {
            let store = try workspace.openStore()
            let now = Date()
            let progress = try store.jobs().compactMap { try store.jobProgress(id: $0.id, now: now) }
            switch format {
            case .json: emit(JSONValue.array(progress.map(StoreListing.jobJSON)).serialized() + "\n")
            case .text:
                guard !progress.isEmpty else { emit("no jobs (cairn jobs submit adds one)\n"); return }
                let formatter = ISO8601DateFormatter()
                emit(TextTable(header: ["id", "job", "state", "chunks", "learners", "submitted"], rows: progress.map { entry in
                    [entry.job.id, StoreListing.jobTitle(entry.job), entry.state,
                     "\(entry.done.groupedDigits)/\(entry.job.chunkCount.groupedDigits)", entry.job.learnerCount.groupedDigits,
                     formatter.string(from: entry.job.submittedAt)]
                }).text)
            }
        }
    }
}
