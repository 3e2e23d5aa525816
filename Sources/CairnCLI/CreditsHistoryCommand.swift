import ArgumentParser
import Cairn
import CairnStore
import Foundation

/// `cairn credits history --learner ID`: the credit decisions recorded for a learner, oldest first.
struct CreditsHistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "List the credit decisions recorded for a learner (with `cairn credits --record`), oldest first.",
        discussion: """
            Each line shows the decision's sequence number, when it was recorded, the policy id and \
            version, the as-of date, the total, and the first 12 hex digits of its digest (equal \
            digests mean equal inputs and equal results). Listing never creates the store.
            """)

    @OptionGroup var storeOptions: FrameworkStoreOptions

    @Option(help: ArgumentHelp("The learner's id, as recorded.", valueName: "id"))
    var learner: String

    @Option(help: "Output format.")
    var format: OutputFormat = .text

    func run() async throws {
        try await reportingFailures {
            let path = storeOptions.storePath
            let log: DecisionLog?
            do {
                log = try DecisionLog.existing(at: path)
            } catch let error as StoreError {
                throw CommandFailure(error)
            }
            let decisions: [CreditDecision]
            do {
                decisions = try log?.decisions(learner: learner) ?? []
            } catch let error as StoreError {
                throw CommandFailure(error)
            } catch let error as DecisionLogError {
                throw CommandFailure(error)
            }
            switch format {
            case .json:
                if log == nil {
                    FileHandle.standardError.write(Data("cairn: note: no store at \(path) yet, so no credit decisions\n".utf8))
                }
                emit(Self.json(learner: learner, decisions: decisions).serialized() + "\n")
            case .text:
                if log == nil {
                    emit("No credit decisions recorded for \(learner): there is no store at \(path) yet "
                         + "(`cairn credits --record` creates it).\n")
                } else if decisions.isEmpty {
                    emit("No credit decisions recorded for \(learner) in \(path).\n")
                } else {
                    let head = try? log?.verifyChain()
                    emit(Self.text(decisions) + Self.headLine(head ?? nil))
                }
            }
        }
    }

    /// One line per decision: sequence, time, policy@version, as-of date, total and unit, digest prefix.
    static func text(_ decisions: [CreditDecision]) -> String {
        let rows = decisions.map { decision in
            ["#\(decision.sequence.map(String.init) ?? "-")", decision.recordedAt,
             "\(decision.policyID)@\(decision.policyVersion)", "as of \(decision.asOf)",
             "\(decision.total) \(decision.unit)", String(decision.digest.prefix(12))]
        }
        let rightAligned: Set<Int> = [0, 4]
        let widths = (0..<6).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.indices.map { column in
                let padding = String(repeating: " ", count: widths[column] - row[column].count)
                return rightAligned.contains(column) ? padding + row[column] : row[column] + padding
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }.joined(separator: "\n") + "\n"
    }

    /// `{"learner", "decisions": [{"sequence", "recordedAt", "policy", "policyVersion", "asOf", "unit",
    /// "total", "digest", "inputs": [{"path", "sha256"}]}]}`; `total` is the exact text recorded
    /// (`7/3` stays a fraction).
    static func json(learner: String, decisions: [CreditDecision]) -> JSONValue {
        .object([
            ("learner", .string(learner)),
            ("decisions", .array(decisions.map { decision in
                .object([
                    ("sequence", decision.sequence.map { .number(Rational(Int($0))) } ?? .null),
                    ("recordedAt", .string(decision.recordedAt)),
                    ("policy", .string(decision.policyID)),
                    ("policyVersion", .string(decision.policyVersion)),
                    ("asOf", .string(decision.asOf)),
                    ("unit", .string(decision.unit)),
                    ("total", .string(decision.total)),
                    ("digest", .string(decision.digest)),
                    ("inputs", .array(decision.inputs.map { input in
                        .object([("path", .string(input.path)), ("sha256", .string(input.sha256))])
                    })),
                ])
            })),
        ])
    }
}

extension CreditsHistoryCommand {
    /// The log's head, to keep elsewhere, or a warning that the log does not prove itself.
    static func headLine(_ verification: ChainVerification?) -> String {
        switch verification {
        case .intact(let count, let head?)?:
            "log head after \(count) decisions: \(head) (`cairn credits log verify` checks the whole log)\n"
        case .broken(let sequence, let reason)?:
            "warning: the log does not verify at decision \(sequence): \(reason)\n"
        default:
            ""
        }
    }
}

extension CommandFailure {
    /// A decision-log problem: a malformed decision or a log altered outside Cairn is invalid data
    /// (65); the rest would be a bug in the caller (70).
    init(_ error: DecisionLogError) {
        switch error.reason {
        case .invalidDecision, .tampered: self.init(lines: [error.description], code: 65)
        case .alreadyRecorded, .appendOnly: self.init(lines: [error.description], code: 70)
        }
    }
}
