public import CairnCore
import CairnReports
public import CairnStore

/// What a cohort run writes for each learner, in both of its line formats: the lines
/// `cairn audit --cohort`, `cairn credits --cohort` and `cairn renewals --cohort` write with
/// `--format csv` and `--format jsonl`, made by the same report code, so that a job's stored
/// results read back exactly as the one-process run prints them.
///
/// An audit and a credit transcript give one line per learner; a renewal schedule gives one
/// per badge or stack, so a learner's lines are joined (and a learner with nothing to renew
/// has empty ones).
public struct CohortResultLines: Sendable {
    /// One learner's lines, each format's lines joined and without the last line break.
    public struct Lines: Sendable, Hashable {
        public var learner: String
        public var csv: String
        public var json: String

        public init(learner: String, csv: String, json: String) {
            self.learner = learner
            self.csv = csv
            self.json = json
        }
    }

    private enum Computation: Sendable {
        case audit(CohortAuditor)
        case credits(Workspace, CreditPolicy, exceptions: [String: [RegistrarException]])
        case renewals(Workspace)
    }

    private let computation: Computation
    public let kind: JobRequest.Kind
    public let asOf: CalendarDate

    /// The lines of a `kind` run over `subject` (a pathway id for an audit, a credit policy id
    /// for credits; ignored for renewals) on `asOf`, with the registrar's active `exceptions`.
    ///
    /// - Throws: ``WorkspaceError/unknownID(kind:id:known:)`` when the workspace has no such
    ///   pathway or policy (the error names the closest ids).
    public init(workspace: Workspace, kind: JobRequest.Kind, subject: String, asOf: CalendarDate,
                exceptions: [RegistrarException] = []) throws(WorkspaceError) {
        self.kind = kind
        self.asOf = asOf
        switch kind {
        case .audit:
            do {
                computation = .audit(try CohortAuditor(workspace: workspace, pathways: [subject], asOf: asOf,
                                                       exceptions: exceptions))
            } catch let error as WorkspaceError {
                throw error
            } catch {
                throw .invalidInput([ValidationIssue("cannot compile pathway \"\(subject)\": \(error)", at: nil)])
            }
        case .credits:
            computation = .credits(workspace, try workspace.creditPolicy(subject),
                                   exceptions: Dictionary(grouping: exceptions, by: \.learner))
        case .renewals:
            computation = .renewals(workspace)
        }
    }

    /// The CSV header line of `kind`'s results, without its line break.
    public static func csvHeader(of kind: JobRequest.Kind) -> String {
        let line = switch kind {
        case .audit: CohortAuditFormat.csvHeaderLine
        case .credits: CohortCreditsFormat.csvHeaderLine
        case .renewals: RenewalSchedule.csvHeaderLine
        }
        return trimmed(line)
    }

    /// The classes whose earnings the results depend on, when only some do (an audit's
    /// relevant classes): a chunk's records need hold no others.
    public var badgeClasses: Set<String>? {
        if case .audit(let auditor) = computation { return auditor.relevantClassIDs }
        return nil
    }

    /// Each record's lines, in the records' order.
    ///
    /// - Throws: ``WorkspaceError`` when a learner cannot be audited or credited (an exception
    ///   that no longer applies, a policy that cannot be evaluated).
    public func lines(for records: [LearnerRecord]) throws -> [Lines] {
        switch computation {
        case .audit(let auditor):
            return try auditor.rows(for: records).map { row in
                Lines(learner: row.learner, csv: Self.trimmed(CohortAuditFormat.csvLine(row)),
                      json: Self.trimmed(CohortAuditFormat.jsonLine(row)))
            }
        case .credits(let workspace, let policy, let exceptions):
            return try records.map { record in
                let transcript = try workspace.credits(policy: policy, for: record,
                                                       exceptions: exceptions[record.learner] ?? [], asOf: asOf)
                return Lines(learner: record.learner, csv: Self.trimmed(CohortCreditsFormat.csvLine(transcript)),
                             json: Self.trimmed(CohortCreditsFormat.jsonLine(transcript)))
            }
        case .renewals(let workspace):
            return zip(records, workspace.renewalsByLearner(for: records, asOf: asOf)).map { record, schedule in
                Lines(learner: record.learner, csv: Self.trimmed(schedule.items.map(\.csvLine).joined()),
                      json: Self.trimmed(schedule.items.map(\.jsonLine).joined()))
            }
        }
    }

    /// `text` without its last line break (CRLF or LF): a stored line gets it back when written.
    static func trimmed(_ text: String) -> String {
        // By bytes: "\r\n" is one Character, and dropping characters would take one too many.
        let bytes = text.utf8
        guard bytes.last == 0x0A else { return text }
        let cut = bytes.dropLast().last == 0x0D ? 2 : 1
        return String(decoding: bytes.dropLast(cut), as: UTF8.self)
    }
}
