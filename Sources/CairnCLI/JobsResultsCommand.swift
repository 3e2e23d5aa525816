import ArgumentParser
import Cairn
import Foundation

enum JobResultsFormat: String, ExpressibleByArgument, CaseIterable {
    case csv, jsonl
}

/// `cairn jobs results`: a finished job's results, as the one-process cohort run writes them.
struct JobsResultsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "results",
        abstract: "Write a finished job's results in the cohort's order: what `cairn audit --cohort` (or credits, renewals) writes.",
        discussion: """
            Exits 75 (try again later) while the job is unfinished, and 65 when it failed, unless \
            --partial, which writes the results stored so far.
            """)

    @OptionGroup var workspace: WorkspaceOptions

    @Argument(help: "The job's id (j-…).")
    var id: String

    @Option(help: "Output format: csv (with the cohort run's header) or jsonl.")
    var format: JobResultsFormat = .csv

    @Option(help: ArgumentHelp("Write the results to this file, replaced only when all are written (default: standard output).",
                               valueName: "file"))
    var output: String?

    @Flag(help: "Write the results stored so far, even of an unfinished or failed job.")
    var partial = false

    func run() async throws {
        try await reportingFailures {
            let store = try workspace.openStore()
            let progress = try workspace.jobProgress(id, in: store, now: Date())
            let job = progress.job
            if let failure = progress.failure {
                guard partial else { throw CommandFailure(lines: ["job \(job.id) failed: \(failure)"], code: 65) }
                FileHandle.standardError.write(Data("cairn: warning: job \(job.id) failed (\(failure)); these are its results so far\n".utf8))
            } else if !progress.isFinished {
                let done = "\(progress.done.groupedDigits) of \(job.chunkCount.groupedDigits) chunks done"
                guard partial else {
                    throw CommandFailure(lines: ["job \(job.id) is not finished (\(done)); wait for its workers (cairn worker), "
                                                 + "or write what is done with --partial"], code: 75)
                }
                FileHandle.standardError.write(Data("cairn: warning: job \(job.id) is not finished (\(done)); these are its results so far\n".utf8))
            }
            let sink = try CohortOutput(path: output, showsProgress: false)
            do {
                // Each stored line lacks its line break; a learner with nothing to write (no renewals) has none.
                switch format {
                case .csv:
                    sink.write(job.request.header + "\r\n")
                    try store.forEachJobResult(job: job.id) { result in
                        if !result.csv.isEmpty { sink.write(result.csv + "\r\n") }
                    }
                case .jsonl:
                    try store.forEachJobResult(job: job.id) { result in
                        if !result.json.isEmpty { sink.write(result.json + "\n") }
                    }
                }
                try sink.finish()
            } catch {
                sink.abandon()
                throw error
            }
        }
    }
}
