import ArgumentParser
import Cairn
import CairnSyntax
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

    @Option(help: ArgumentHelp("A learner record file (YAML or JSON), the id of a learner bundled in the workspace, or one in the store.",
                               valueName: "file|id"))
    var learner: String?

    @OptionGroup(title: "Cohorts") var cohort: CohortOptions

    @OptionGroup var asOf: AsOfOption

    @Option(help: "Output format: text (a transcript to sign), json (the contract), csv (one row per badge or stack); for a cohort csv (one row per learner), jsonl (one transcript per line) or text (a summary).")
    var format: CreditsFormat = .text

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

    func validate() throws {
        if cohort.isCohort {
            if learner != nil { throw ValidationError("give --learner for one learner, or --cohort/--learners for many, not both") }
            if format == .json { throw ValidationError("a cohort is written as --format csv, jsonl or text (a summary)") }
            if explain { throw ValidationError("--explain applies to one learner's transcript") }
        } else {
            guard learner != nil else { throw ValidationError("give --learner FILE|ID, or --cohort / --learners for a cohort") }
            if format == .jsonl { throw ValidationError("--format jsonl is for cohorts") }
        }
    }

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
            if cohort.isCohort {
                return try await runCohort(loaded, policy: creditPolicy, on: date, key: key)
            }
            let learner = learner ?? ""
            let learnerRecord = try loaded.learnerRecord(named: learner, verifier: credentials.verifier(), store: workspace)
            try strictness.check(loaded.problems(policy: creditPolicy, records: [learnerRecord]))
            let transcript = try loaded.credits(policy: creditPolicy, for: learnerRecord, exceptions: try workspace.exceptions(),
                                                asOf: date)
            var recorded: CreditDecision?
            if record {
                let learnerFile = FileManager.default.fileExists(atPath: learner) ? URL(fileURLWithPath: learner)
                    : learnerRecord.source.map { URL(fileURLWithPath: $0.file) }
                let decision = CreditDecision(
                    learner: transcript.learner, policyID: transcript.policy, policyVersion: transcript.policyVersion,
                    asOf: date, total: Credits(transcript.total, transcript.unit), transcript: transcript.json.serialized(),
                    inputs: loaded.decisionInputs(policy: creditPolicy, learnerFile: learnerFile),
                    recordedAt: Date(), recordedBy: Self.recorder(recordedBy))
                let store = try workspace.storeLocation
                do {
                    let log = DecisionLog(store: try store.open())
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
                    throw CommandFailure(lines: ["cannot record the decision in \(store): \(error)"], code: 70)
                }
            }
            switch format {
            case .json, .jsonl: emit(transcript.json.serialized() + "\n")
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

enum CreditsFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, csv, jsonl
}

extension CreditsComputeCommand {
    /// Credit for a whole cohort: transcripts computed on every core, written as they are done,
    /// and with `--record` appended to the decision log one transaction per chunk.
    func runCohort(_ loaded: Workspace, policy: CreditPolicy, on date: CalendarDate, key: DecisionLogKey?) async throws {
        try strictness.check(loaded.problems(policy: policy, records: []))
        let source = try cohort.source(workspace, credentials: credentials, strictness: strictness)
        let fromStore: Bool = if case .store = source { true } else { false }
        // The workspace's files and the policy are read once; each decision adds its learner's record.
        let sharedInputs = loaded.decisionInputs(policy: policy, learnerFile: nil)
        let recorder = Self.recorder(recordedBy)
        let exceptions = Dictionary(grouping: try workspace.exceptions(), by: \.learner)
        let log: DecisionLog? = record ? DecisionLog(store: try workspace.openStore()) : nil
        var head: DecisionLog.Head?
        var learners = 0
        var granted = Rational.zero
        var recordedCount = 0
        var first: Int64?
        var last: Int64?
        let output = try cohort.sink()
        if format == .csv {
            output.write(CohortCreditsFormat.csvHeaderLine)
        }
        do {
            try await loaded.forEachCohortChunk(source, transform: { records in
                try records.map { record -> (CreditTranscript, LearnerRecord) in
                    (try loaded.credits(policy: policy, for: record, exceptions: exceptions[record.learner] ?? [], asOf: date), record)
                }
            }, progress: { done, total in
                output.progress(done: done, total: total)
            }, emit: { results in
                var sequences: [Int64?] = Array(repeating: nil, count: results.count)
                if let log {
                    let decisions = results.map { transcript, record in
                        let learnerInput: CreditDecision.InputDigest? = fromStore
                            ? CreditDecision.InputDigest(path: "store learner \(record.learner)",
                                                         contents: Array(LearnerRecordYAML.text(record).utf8))
                            : record.source.flatMap { source in
                                FileManager.default.contents(atPath: source.file).map { CreditDecision.InputDigest(path: source.file, contents: $0) }
                            }
                        return CreditDecision(
                            learner: transcript.learner, policyID: transcript.policy, policyVersion: transcript.policyVersion,
                            asOf: date, total: Credits(transcript.total, transcript.unit), transcript: transcript.json.serialized(),
                            inputs: sharedInputs + (learnerInput.map { [$0] } ?? []), recordedAt: Date(), recordedBy: recorder)
                    }
                    do {
                        let appended = try log.append(contentsOf: decisions, key: key, adoptingKey: adoptLogKey, after: head)
                        head = appended.head
                        sequences = appended.recorded.map(\.sequence)
                        recordedCount += appended.recorded.count
                        first = first ?? appended.recorded.first?.sequence
                        last = appended.recorded.last?.sequence ?? last
                    } catch let error as DecisionLogError {
                        throw CommandFailure(error)
                    }
                }
                var text = ""
                for ((transcript, _), sequence) in zip(results, sequences) {
                    learners += 1
                    granted += transcript.total
                    switch format {
                    case .csv: text += CohortCreditsFormat.csvLine(transcript, decision: sequence)
                    case .jsonl: text += CohortCreditsFormat.jsonLine(transcript)
                    default: break
                    }
                }
                output.write(text)
            })
            if format == .text {
                output.write("Credit under \(policy.id) (version \(policy.version)) for \(learners.groupedDigits) learners on \(date)\n")
                output.write("  granted in all: \(granted) \(policy.unit.name)\n")
                if learners > 0 { output.write("  mean per learner: \(JSONValue.format(granted / Rational(learners))) \(policy.unit.name)\n") }
            }
            if record {
                output.write(format == .text ? "  recorded: \(recordedCount.groupedDigits) decisions"
                             + (first.map { " (#\($0)–#\(last ?? $0))" } ?? "") + "\n" : "")
                if format != .text {
                    FileHandle.standardError.write(Data("cairn: recorded \(recordedCount.groupedDigits) decisions\(first.map { ", #\($0)–#\(last ?? $0)" } ?? "")\n".utf8))
                }
            }
            try output.finish()
        } catch {
            output.abandon()
            throw error
        }
    }

    /// Who records a decision: `--recorded-by`, else the login name (`USER`, `LOGNAME`), else
    /// the account the process runs as.
    static func recorder(_ given: String?) -> String {
        if let given, !given.trimmingCharacters(in: .whitespaces).isEmpty { return given }
        let environment = ProcessInfo.processInfo.environment
        return [environment["USER"], environment["LOGNAME"]].compactMap { $0 }.first { !$0.isEmpty } ?? NSUserName()
    }
}

/// One CSV line, CRLF-terminated, fields quoted where they must be.
func csvLine(_ fields: [String]) -> String {
    CSVWriter.line(fields)
}
