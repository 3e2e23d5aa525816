import ArgumentParser
import Cairn
import Foundation

/// `cairn credits`: what a credit policy grants a learner, and the decision log.
struct CreditsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "credits",
        abstract: "Compute the academic credit a policy grants a learner's badges and stacks, or list recorded decisions.",
        subcommands: [CreditsComputeCommand.self, CreditsHistoryCommand.self, CreditsLogCommand.self],
        defaultSubcommand: CreditsComputeCommand.self)
}

enum TranscriptFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, csv
}

struct CreditsComputeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compute",
        abstract: "Compute a credit transcript: every badge and stack, its credit, whether it counts, and why.",
        discussion: """
            `cairn credits --policy ID --learner FILE` is this command. Totals are exact; when caps \
            bind, the badges that count are chosen so that the credited total is as large as possible.
            """)

    @OptionGroup var workspace: WorkspaceOptions

    @Option(help: ArgumentHelp("A credit policy id from the workspace, or a policy file.", valueName: "id|file"))
    var policy: String

    @Option(help: ArgumentHelp("A learner record file (YAML or JSON), or the id of a learner bundled in the workspace.",
                               valueName: "file"))
    var learner: String

    @OptionGroup var asOf: AsOfOption

    @Option(help: "Output format: text (a transcript to sign), json (the contract), csv (one row per badge or stack).")
    var format: TranscriptFormat = .text

    @Flag(help: "Show the rule that decided each line, and the policy's rules.")
    var explain = false

    @Flag(help: "Append the transcript, the policy id and version, and digests of every input file to the store's decision log.")
    var record = false

    @Option(name: .customLong("recorded-by"), help: ArgumentHelp(
        "With --record: who records the decision, kept in the log (default: your login name).", valueName: "name"))
    var recordedBy: String?

    @OptionGroup var logKey: LogKeyOptions

    @Flag(name: .customLong("adopt-log-key"),
          help: "With --record and --log-key: start MACing a log whose decisions were all recorded without a key.")
    var adoptLogKey = false

    @OptionGroup(title: "Open Badges files the learner record lists")
    var credentials: CredentialOptions

    @OptionGroup var strictness: LenientOption

    @OptionGroup(title: "Terminal") var terminal: TerminalOptions

    func run() async throws {
        try await reportingFailures {
            if !record, logKey.path != nil || adoptLogKey || recordedBy != nil {
                throw CommandFailure(lines: ["--log-key, --adopt-log-key and --recorded-by apply only with --record"], code: 64)
            }
            let key = try logKey.key()
            let date = try asOf.date()
            let loaded = try workspace.load()
            let creditPolicy = FileManager.default.fileExists(atPath: policy)
                ? try loaded.creditPolicy(at: URL(fileURLWithPath: policy))
                : try loaded.creditPolicy(policy)
            let learnerRecord = try loaded.learnerRecord(named: learner, verifier: credentials.verifier())
            try strictness.check(loaded.problems(policy: creditPolicy, records: [learnerRecord]))
            let transcript = try loaded.credits(policy: creditPolicy, for: learnerRecord, asOf: date)
            var recorded: CreditDecision?
            if record {
                let learnerFile = FileManager.default.fileExists(atPath: learner) ? URL(fileURLWithPath: learner)
                    : learnerRecord.source.map { URL(fileURLWithPath: $0.file) }
                let decision = CreditDecision(
                    learner: transcript.learner, policyID: transcript.policy, policyVersion: transcript.policyVersion,
                    asOf: date, total: Credits(transcript.total, transcript.unit), transcript: transcript.json.serialized(),
                    inputs: loaded.decisionInputs(policy: creditPolicy, learnerFile: learnerFile),
                    recordedAt: Date(), recordedBy: Self.recorder(recordedBy))
                let store = workspace.storeURL ?? Workspace.defaultStore(in: workspace.workspaceURL)
                do {
                    try FileManager.default.createDirectory(at: store.deletingLastPathComponent(), withIntermediateDirectories: true)
                    let log = try DecisionLog(path: store.path)
                    // The same inputs give the same digest: say so, rather than record a twin silently.
                    let twin = try log.decisions(learner: decision.learner).last { $0.digest == decision.digest }
                    recorded = try log.append(decision, key: key, adoptingKey: adoptLogKey)
                    if let twin, let sequence = twin.sequence {
                        FileHandle.standardError.write(Data(("cairn: note: decision #\(sequence), recorded \(twin.recordedAt)"
                            + (twin.recordedBy.map { " by \($0)" } ?? "") + ", has the same inputs and outcome (digest "
                            + "\(twin.digest.prefix(12))…); this one is recorded beside it\n").utf8))
                    }
                } catch let error as DecisionLogError {
                    throw CommandFailure(error)
                } catch let error as StoreError {
                    throw CommandFailure(error)
                } catch {
                    throw CommandFailure(lines: ["cannot record the decision in \(store.path): \(error)"], code: 70)
                }
            }
            switch format {
            case .json: emit(transcript.json.serialized() + "\n")
            case .csv: emit(transcript.csv)
            case .text:
                terminal.emit(CreditTranscriptTextReport(transcript: transcript, explaining: explain ? creditPolicy : nil,
                                                recordedDigest: recorded.map { "#\($0.sequence ?? 0), \($0.digest)" }).text)
            }
            if let recorded, format != .text {
                FileHandle.standardError.write(Data("cairn: recorded decision #\(recorded.sequence ?? 0), digest \(recorded.digest)\n".utf8))
            }
        }
    }
}

extension CreditsComputeCommand {
    /// Who records a decision: `--recorded-by`, else the login name (`USER`, `LOGNAME`), else
    /// the account the process runs as.
    static func recorder(_ given: String?) -> String {
        if let given, !given.trimmingCharacters(in: .whitespaces).isEmpty { return given }
        let environment = ProcessInfo.processInfo.environment
        return [environment["USER"], environment["LOGNAME"]].compactMap { $0 }.first { !$0.isEmpty } ?? NSUserName()
    }
}
