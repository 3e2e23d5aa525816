import ArgumentParser
import Cairn
import Foundation

/// `cairn worker`: computes cohort jobs' chunks until stopped, or until there is nothing left.
struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Claim and compute chunks of cohort jobs (cairn jobs submit) in a loop; run as many as you like, anywhere the store reaches.",
        discussion: """
            A worker takes only jobs submitted with the same definitions as its workspace's. It holds \
            each chunk under a lease; if it dies, another worker claims the chunk once the lease runs \
            out. SIGTERM or SIGINT stops it after the chunk in hand. With --until-idle it exits once \
            nothing is left to claim — after waiting for chunks other workers hold, whose leases may \
            yet run out.
            """)

    @OptionGroup var workspace: WorkspaceOptions

    @Option(help: ArgumentHelp("How long a claim lasts, in seconds: a chunk must be computed within it.", valueName: "seconds"))
    var lease: Double = 60

    @Option(help: ArgumentHelp("Work on this job only.", valueName: "id"))
    var job: String?

    @Option(help: ArgumentHelp("The worker's name, kept with the chunks it claims (default: host:pid).", valueName: "name"))
    var name: String?

    @Flag(name: .customLong("until-idle"), help: "Exit (status 0) once nothing is left to claim, instead of waiting for new jobs.")
    var untilIdle = false

    /// How often an idle worker looks for work.
    static let pollInterval = 1.0
    /// How long a worker waits after the store failed before it tries again.
    static let retryDelay = 5.0

    func validate() throws {
        if !(lease > 0 && lease.isFinite) { throw ValidationError("--lease must be a positive number of seconds, found \(lease)") }
    }

    func run() async throws {
        try await reportingFailures {
            let loaded = try workspace.load()
            let store = try workspace.openStore()
            let worker = CohortJobWorker(workspace: loaded, store: store,
                                         name: name ?? "\(ProcessInfo.processInfo.hostName):\(getpid())", lease: lease, job: job)
            if let job {
                let progress = try workspace.jobProgress(job, in: store, now: Date())
                guard progress.job.request.definitions == worker.definitions else {
                    throw CommandFailure(lines: ["job \(job) was submitted with other definitions (digest "
                        + "\(progress.job.request.definitions.prefix(12))…) than this workspace's (\(worker.definitions.prefix(12))…); "
                        + "run the worker on the workspace the job was submitted from"], code: 65)
                }
            }
            let stop = StopSignal()
            let showsProgress = isatty(STDERR_FILENO) == 1
            var chunks = 0
            var learners = 0
            while !stop.isRaised {
                let outcome: CohortJobWorker.Outcome
                do {
                    outcome = try worker.step(clock: Date.init)
                } catch where !untilIdle {
                    // A long-running worker outlives a store that is briefly away (a database
                    // restarting); the chunk it held is claimed again when its lease runs out.
                    note("\(error); trying again in \(Int(Self.retryDelay)) seconds", showsProgress)
                    await stop.sleep(Self.retryDelay)
                    continue
                }
                switch outcome {
                case .completed(let claim, let count):
                    chunks += 1
                    learners += count
                    if showsProgress {
                        FileHandle.standardError.write(Data(("\r\(worker.name): \(chunks.groupedDigits) chunks, "
                            + "\(learners.groupedDigits) learners done (last: \(claim.job.id) chunk \(claim.number))").utf8))
                    }
                case .lost(let claim):
                    note("chunk \(claim.number) of \(claim.job.id) was claimed again after this worker's lease ran out; "
                         + "its results were dropped (a longer --lease avoids it)", showsProgress)
                case .failed(let claim, let reason):
                    note("job \(claim.job.id) failed: chunk \(claim.number): \(reason)", showsProgress)
                case .idle:
                    if untilIdle, try !worker.othersHoldChunks(now: Date()) { return finish(showsProgress) }
                    await stop.sleep(untilIdle ? 0.2 : Self.pollInterval)
                }
            }
            finish(showsProgress)
        }
    }

    private func note(_ text: String, _ showsProgress: Bool) {
        FileHandle.standardError.write(Data(((showsProgress ? "\n" : "") + "cairn: \(text)\n").utf8))
    }

    private func finish(_ showsProgress: Bool) {
        if showsProgress { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
