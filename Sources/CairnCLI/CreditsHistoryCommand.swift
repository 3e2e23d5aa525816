import ArgumentParser
import Cairn
import CairnReports
import CairnStore
import CairnSyntax
import Foundation

/// `cairn credits history --learner ID`: the credit decisions recorded for a learner, oldest first.
struct CreditsHistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "List the credit decisions recorded for a learner (with `cairn credits --record`), oldest first.",
        discussion: """
            Each line shows the decision's sequence number, when and by whom it was recorded, the \
            policy id and version, the as-of date, the total, and the first 12 hex digits of its \
            digest (equal digests mean equal inputs and equal results); the last line is the head of \
            the whole log, to keep elsewhere. --show N prints decision N's transcript exactly as it \
            was recorded (text, JSON or CSV). The whole log is verified first: a log that does not \
            verify is not listed (exit 65, naming the first broken decision). Listing never creates \
            the store.
            """)

    @OptionGroup var storeOptions: FrameworkStoreOptions

    @Option(help: ArgumentHelp("The learner's id, as recorded.", valueName: "id"))
    var learner: String

    @Option(help: ArgumentHelp("Print the transcript of this decision (its sequence number) as it was recorded.", valueName: "n"))
    var show: Int64?

    @Option(help: "Output format.")
    var format: TranscriptFormat = .text

    func run() async throws {
        try await reportingFailures {
            let path = storeOptions.storePath
            let log: DecisionLog?
            do {
                log = try storeOptions.openExisting().map(DecisionLog.init(store:))
            } catch let error as StoreError {
                throw CommandFailure(error)
            }
            let decisions: [CreditDecision]
            var head: String?
            var count = 0
            do {
                // The learner's decisions are only worth showing from a log that proves itself.
                switch try log?.verifyChain() {
                case .broken(let sequence, let reason)?:
                    throw CommandFailure(lines: ["\(path): the decision log is broken at decision \(sequence): \(reason); "
                                                 + "nothing is listed (`cairn credits log verify` shows the same)"], code: 65)
                case .intact(let decisionCount, let newest)?: (count, head) = (decisionCount, newest)
                case nil: head = nil
                }
                decisions = try log?.decisions(learner: learner) ?? []
            } catch let error as StoreError {
                throw CommandFailure(error)
            } catch let error as DecisionLogError {
                throw CommandFailure(error)
            }
            if let show {
                guard let decision = decisions.first(where: { $0.sequence == show }) else {
                    let listed = decisions.compactMap(\.sequence).map { "#\($0)" }.joined(separator: ", ")
                    throw CommandFailure(lines: ["no decision #\(show) is recorded for \(learner)"
                                                 + (listed.isEmpty ? "" : "; theirs: \(listed)")], code: 64)
                }
                emit(try Self.transcript(of: decision, format: format, path: path))
                return
            }
            switch format {
            case .csv:
                emit(Self.csv(decisions))
            case .json:
                if log == nil {
                    FileHandle.standardError.write(Data("cairn: note: no store at \(path) yet, so no credit decisions\n".utf8))
                }
                emit(StoreListing.decisionsJSON(learner: learner, decisions: decisions, head: head).serialized() + "\n")
            case .text:
                if log == nil {
                    emit("No credit decisions recorded for \(learner): there is no store at \(path) yet "
                         + "(`cairn credits --record` creates it).\n")
                } else if decisions.isEmpty {
                    emit("No credit decisions recorded for \(learner) in \(path).\n")
                } else {
                    emit(Self.text(decisions) + Self.headLine(head, decisions: count))
                }
            }
        }
    }

    /// One line per decision: sequence, time, policy@version, as-of date, total and unit, digest prefix.
    static func text(_ decisions: [CreditDecision]) -> String {
        // Who recorded each decision, when the log knows any of them (older logs do not).
        let named = decisions.contains { $0.recordedBy != nil }
        return TextTable(header: [], rows: decisions.map { decision in
            ["#\(decision.sequence.map(String.init) ?? "-")", decision.recordedAt]
                + (named ? [decision.recordedBy.map { "by \($0)" } ?? "by (not recorded)"] : [])
                + ["\(decision.policyID)@\(decision.policyVersion)", "as of \(decision.asOf)",
                   "\(decision.total) \(decision.unit)", String(decision.digest.prefix(12))]
        }, rightAligned: [0, named ? 5 : 4]).text
    }
}

extension CreditsHistoryCommand {
    /// One row per decision, for a student information system.
    static func csv(_ decisions: [CreditDecision]) -> String {
        var writer = CSVWriter(header: ["sequence", "recorded_at", "recorded_by", "learner", "policy", "policy_version",
                                        "as_of", "total", "unit", "digest"])
        for decision in decisions {
            writer.append([decision.sequence.map(String.init) ?? "", decision.recordedAt, decision.recordedBy ?? "",
                           decision.learner, decision.policyID, decision.policyVersion, decision.asOf, decision.total,
                           decision.unit, decision.digest])
        }
        return writer.text
    }

    /// A recorded decision's transcript: the JSON exactly as recorded, or read back and printed as
    /// text or CSV the way `cairn credits` printed it.
    static func transcript(of decision: CreditDecision, format: TranscriptFormat, path: String) throws -> String {
        if format == .json { return decision.transcript.hasSuffix("\n") ? decision.transcript : decision.transcript + "\n" }
        let transcript: CreditTranscript
        do {
            transcript = try CreditTranscript(recorded: decision.transcript, file: "\(path) decision #\(decision.sequence ?? 0)")
        } catch {
            throw CommandFailure(lines: [error.description], code: 65)
        }
        if format == .csv { return transcript.csv }
        let recorded = "#\(decision.sequence ?? 0), \(decision.digest), recorded \(decision.recordedAt)"
            + (decision.recordedBy.map { " by \($0)" } ?? "")
        return CreditTranscriptTextReport(transcript: transcript, recordedDigest: recorded).text
    }

    /// The log's head, to keep elsewhere.
    static func headLine(_ head: String?, decisions: Int) -> String {
        head.map { "log head after \(decisions) decisions: \($0) (`cairn credits log verify` checks the whole log)\n" } ?? ""
    }
}

extension CommandFailure {
    /// A decision-log problem: a malformed decision or a log altered outside Cairn is invalid data
    /// (65); the rest would be a bug in the caller (70).
    init(_ error: DecisionLogError) {
        switch error.reason {
        case .invalidDecision, .tampered: self.init(lines: [error.description], code: 65)
        case .keyRequired, .keyNotAdopted: self.init(lines: [error.description], code: 64)
        case .alreadyRecorded, .appendOnly: self.init(lines: [error.description], code: 70)
        }
    }
}
