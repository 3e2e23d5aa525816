public import ArgumentParser
import Cairn
import Foundation

/// `cairn jobs`: cohort runs split into chunks that `cairn worker` processes compute.
struct JobsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jobs",
        abstract: "Submit a cohort audit, credits or renewals run as a job that workers compute in chunks; follow it; read its results.",
        discussion: """
            A job splits the store's learners into chunks. Any number of `cairn worker` processes, on \
            any machine that reaches the store (--database postgres://…), claim chunks under a lease, \
            compute them and store each learner's result; a chunk whose worker died is claimed again \
            when its lease runs out. `cairn jobs results` then writes what `cairn audit --cohort` (or \
            credits, renewals) would have written.
            """,
        subcommands: [JobsSubmitCommand.self, JobsStatusCommand.self, JobsResultsCommand.self, JobsListCommand.self])
}

extension JobRequest.Kind: ExpressibleByArgument {}

extension WorkspaceOptions {
    /// A job and how far it has got, or a usage error (exit 64) naming the closest job ids.
    func jobProgress(_ id: String, in store: any Store, now: Date) throws -> JobProgress {
        if let progress = try store.jobProgress(id: id, now: now) { return progress }
        let hint = ClosestIDs.hint(for: id, among: try store.jobs().map(\.id))
        throw CommandFailure(lines: ["unknown job \"\(id)\" in \(store.location)\(hint) (cairn jobs list shows them)"], code: 64)
    }
}
