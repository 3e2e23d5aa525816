public import CairnCore
import CairnSyntax

/// One learner × pathway line of a cohort audit: what a student information system files back.
public struct CohortAuditRow: Hashable, Sendable {
    public var learner: String
    public var pathway: String
    public var isComplete: Bool
    public var progress: Rational
    /// Whether the audit is proven optimal (false when a search limit was reached).
    public var isExact: Bool
    /// The requirements still unmet, by label: each unmet requirement of an `all` group (which all
    /// must be met) is named on its own; an unmet `any` or `count` group is named as a whole.
    public var missing: [String]
    /// What the audit noted (registrar exceptions applied, search limits reached…).
    public var notes: [String]
    /// The pathway version audited, when the pathway has several (see ``Audit/version``).
    public var version: String? = nil
    /// The figure with the learner's pending earnings awarded, when they have some the pathway
    /// can count (see ``Audit/pending``); `nil` when it is the same as the audit's.
    public var pending: CohortComparison.Outcome? = nil

    public init(learner: String, pathway: String, isComplete: Bool, progress: Rational, isExact: Bool,
                missing: [String], notes: [String] = []) {
        self.learner = learner
        self.pathway = pathway
        self.isComplete = isComplete
        self.progress = progress
        self.isExact = isExact
        self.missing = missing
        self.notes = notes
    }

    public init(_ audit: Audit) {
        self.init(learner: audit.learner, pathway: audit.pathway, isComplete: audit.isComplete, progress: audit.progress,
                  isExact: audit.isExact, missing: Self.missing(audit.root), notes: audit.notes)
        version = audit.version
        pending = audit.pending.map { CohortComparison.Outcome(isComplete: $0.isComplete, progress: $0.progress) }
    }

    /// Complete and progress with pending earnings awarded: the audit's own when there are none.
    public var pendingOutcome: CohortComparison.Outcome {
        pending ?? CohortComparison.Outcome(isComplete: isComplete, progress: progress)
    }

    /// The rows an audit makes: one for the pathway (for several destinations, complete when some
    /// destination is reached), then, for a pathway with several destinations, one per destination
    /// whose `pathway` is `PATHWAY#DESTINATION`. Every cohort file keeps its columns, and a
    /// comparison with an earlier run (or one from before destinations) matches rows by that id.
    public static func rows(_ audit: Audit) -> [CohortAuditRow] {
        let row = CohortAuditRow(audit)
        guard !audit.destinations.isEmpty else { return [row] }
        return [row] + audit.destinations.map { destination in
            var row = CohortAuditRow(learner: audit.learner, pathway: destinationID(destination.id, of: audit.pathway),
                                     isComplete: destination.isComplete, progress: destination.progress,
                                     isExact: destination.isExact, missing: missing(destination.root))
            row.version = audit.version
            row.pending = destination.pending.map { CohortComparison.Outcome(isComplete: $0.isComplete, progress: $0.progress) }
            return row
        }
    }

    /// The id a destination's cohort rows carry: `PATHWAY#DESTINATION`.
    public static func destinationID(_ destination: String, of pathway: String) -> String {
        "\(pathway)#\(destination)"
    }

    static func missing(_ node: AuditNode) -> [String] {
        guard !node.isSatisfied else { return [] }
        if node.kind == "all" && !node.children.isEmpty { return node.children.flatMap(missing) }
        return [node.label]
    }

    /// Where the learner stands: `complete`, `in progress` (some progress) or `not started`.
    public var standing: Standing {
        isComplete ? .complete : progress > .zero ? .inProgress : .notStarted
    }

    public enum Standing: String, Sendable, CaseIterable {
        case complete, inProgress = "in progress", notStarted = "not started"
    }
}

/// The cohort audit as CSV and JSON lines.
public enum CohortAuditFormat {
    /// The CSV header (a student information system reads the columns by name).
    /// Columns added later come last, so a reader of an earlier run's CSV (``CohortComparison``) still reads it:
    /// `version` (empty for a pathway with one version), `complete_pending` and `progress_pending` (the
    /// figure with pending earnings awarded; the same as `complete` and `progress` for a learner with none).
    public static let csvHeader = ["learner", "pathway", "complete", "progress", "progress_exact", "exact", "missing",
                                   "version", "complete_pending", "progress_pending"]

    /// The header line, CRLF-terminated.
    public static var csvHeaderLine: String { CSVWriter(header: csvHeader).text }

    /// One CSV line: `progress` is a percentage to one decimal (`83.3`), `progress_exact` the
    /// exact fraction (`5/6`), `missing` the unmet requirements' labels separated by `; `.
    public static func csvLine(_ row: CohortAuditRow) -> String {
        let pending = row.pendingOutcome
        let fields = [row.learner, row.pathway, row.isComplete ? "yes" : "no", percent(row.progress), row.progress.description,
                      row.isExact ? "yes" : "no", row.missing.joined(separator: "; "), row.version ?? "",
                      pending.isComplete ? "yes" : "no", percent(pending.progress)]
        return fields.map(CSVWriter.escape).joined(separator: ",") + "\r\n"
    }

    /// One JSON object on one line.
    public static func jsonLine(_ row: CohortAuditRow) -> String {
        // Written directly, as `JSONValue.serialized(pretty: false)` writes the same object
        // (a test holds them equal): a cohort writes a line for every learner.
        var line = "{\"learner\":"
        JSONString.write(row.learner, to: &line)
        line += ",\"pathway\":"
        JSONString.write(row.pathway, to: &line)
        line += row.isComplete ? ",\"complete\":true,\"progress\":" : ",\"complete\":false,\"progress\":"
        line += JSONValue.format(row.progress)
        line += ",\"progressExact\":"
        JSONString.write(row.progress.description, to: &line)
        line += row.isExact ? ",\"exact\":true,\"missing\":[" : ",\"exact\":false,\"missing\":["
        for (index, missing) in row.missing.enumerated() {
            if index > 0 { line += "," }
            JSONString.write(missing, to: &line)
        }
        line += "],\"notes\":["
        for (index, note) in row.notes.enumerated() {
            if index > 0 { line += "," }
            JSONString.write(note, to: &line)
        }
        line += "]"
        if let version = row.version {
            line += ",\"version\":"
            JSONString.write(version, to: &line)
        }
        if let pending = row.pending {
            line += pending.isComplete ? ",\"pending\":{\"complete\":true,\"progress\":" : ",\"pending\":{\"complete\":false,\"progress\":"
            line += JSONValue.format(pending.progress)
            line += ",\"progressExact\":"
            JSONString.write(pending.progress.description, to: &line)
            line += "}"
        }
        line += "}\n"
        return line
    }

    /// A share as a percentage with one decimal, halves to even: `83.3`, `100`, `0`.
    public static func percent(_ share: Rational) -> String {
        let tenths = PercentText.halfEven(share * Rational(1000))
        return tenths % 10 == 0 ? "\(tenths / 10)" : "\(tenths / 10).\(abs(tenths % 10))"
    }
}
