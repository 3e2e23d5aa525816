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
    public static let csvHeader = ["learner", "pathway", "complete", "progress", "progress_exact", "exact", "missing"]

    /// The header line, CRLF-terminated.
    public static var csvHeaderLine: String { CSVWriter(header: csvHeader).text }

    /// One CSV line: `progress` is a percentage to one decimal (`83.3`), `progress_exact` the
    /// exact fraction (`5/6`), `missing` the unmet requirements' labels separated by `; `.
    public static func csvLine(_ row: CohortAuditRow) -> String {
        let fields = [row.learner, row.pathway, row.isComplete ? "yes" : "no", percent(row.progress), row.progress.description,
                      row.isExact ? "yes" : "no", row.missing.joined(separator: "; ")]
        return fields.map(CSVWriter.escape).joined(separator: ",") + "\r\n"
    }

    /// One JSON object on one line.
    public static func jsonLine(_ row: CohortAuditRow) -> String {
        JSONValue.object([
            ("learner", .string(row.learner)),
            ("pathway", .string(row.pathway)),
            ("complete", .bool(row.isComplete)),
            ("progress", .number(row.progress)),
            ("progressExact", .string(row.progress.description)),
            ("exact", .bool(row.isExact)),
            ("missing", .array(row.missing.map(JSONValue.string))),
            ("notes", .array(row.notes.map(JSONValue.string))),
        ]).serialized(pretty: false) + "\n"
    }

    /// A share as a percentage with one decimal, halves to even: `83.3`, `100`, `0`.
    public static func percent(_ share: Rational) -> String {
        let tenths = PercentText.halfEven(share * Rational(1000))
        return tenths % 10 == 0 ? "\(tenths / 10)" : "\(tenths / 10).\(abs(tenths % 10))"
    }
}
