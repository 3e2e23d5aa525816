public import CairnCore
public import CairnSyntax
import Foundation

/// A cohort audit compared with an earlier run's CSV (a new pathway version, a policy change, a
/// new Cairn): every learner × pathway whose result changed, for a registrar to review before
/// publishing. Rows arrive one at a time; the earlier run is held as a small map.
public struct CohortComparison: Sendable {
    /// One learner × pathway's result in a run.
    public struct Outcome: Hashable, Sendable {
        public var isComplete: Bool
        public var progress: Rational

        public init(isComplete: Bool, progress: Rational) {
            self.isComplete = isComplete
            self.progress = progress
        }
    }

    /// A result that changed, appeared or disappeared.
    public struct Change: Hashable, Sendable {
        public var learner: String
        public var pathway: String
        /// `nil`: not in the earlier run.
        public var before: Outcome?
        /// `nil`: not in this run.
        public var after: Outcome?

        public init(learner: String, pathway: String, before: Outcome?, after: Outcome?) {
            self.learner = learner
            self.pathway = pathway
            self.before = before
            self.after = after
        }

        /// `now complete`, `no longer complete`, `progress up`, `progress down`, `new`, `gone`.
        public var kind: String {
            switch (before, after) {
            case (nil, _): "new"
            case (_, nil): "gone"
            case let (before?, after?):
                if after.isComplete && !before.isComplete { "now complete" }
                else if before.isComplete && !after.isComplete { "no longer complete" }
                else if after.progress > before.progress { "progress up" }
                else { "progress down" }
            }
        }
    }

    private var earlier: [String: Outcome]
    private var earlierOrder: [String]
    private var matched: Set<String> = []
    public private(set) var compared = 0

    /// Reads an earlier run's CSV, as `--format csv` wrote it (columns `learner`, `pathway`,
    /// `complete`, `progress_exact`, in any order).
    public init(csv text: String, file: String) throws(FormatErrors) {
        let records = try CSVReader.records(in: text, file: file)
        guard let header = records.first else {
            throw FormatErrors(FormatError(location: SourceLocation(file: file, line: 1, column: 1),
                                           message: "the file is empty: expected a cohort audit CSV (cairn audit --cohort --format csv)"))
        }
        func column(_ name: String) -> Int? { header.fields.firstIndex(of: name) }
        guard let learner = column("learner"), let pathway = column("pathway"), let complete = column("complete"),
              let progress = column("progress_exact") else {
            throw FormatErrors(FormatError(location: SourceLocation(file: file, line: header.line, column: 1),
                message: "expected a cohort audit CSV with the columns learner, pathway, complete and progress_exact; the header has "
                    + header.fields.map(quoted).joined(separator: ", ")))
        }
        var outcomes: [String: Outcome] = [:]
        var order: [String] = []
        var problems: [FormatError] = []
        for record in records.dropFirst() {
            let needed = max(learner, pathway, complete, progress)
            guard record.fields.count > needed else {
                problems.append(FormatError(location: SourceLocation(file: file, line: record.line),
                                            message: "the row has \(record.fields.count) fields, expected at least \(needed + 1)"))
                continue
            }
            guard let share = Rational(parsing: record.fields[progress]) else {
                problems.append(FormatError(location: record.location(ofField: progress, in: file),
                                            message: "progress_exact: expected a fraction such as 5/6, found \(quoted(record.fields[progress]))"))
                continue
            }
            let key = Self.key(record.fields[learner], record.fields[pathway])
            if outcomes[key] == nil { order.append(key) }
            outcomes[key] = Outcome(isComplete: record.fields[complete] == "yes", progress: share)
            if problems.count >= 100 { break }
        }
        guard problems.isEmpty else { throw FormatErrors(problems) }
        earlier = outcomes
        earlierOrder = order
    }

    private static func key(_ learner: String, _ pathway: String) -> String { learner + "\u{0}" + pathway }

    /// The change `row` makes against the earlier run, if any.
    public mutating func compare(_ row: CohortAuditRow) -> Change? {
        compared += 1
        let key = Self.key(row.learner, row.pathway)
        matched.insert(key)
        let after = Outcome(isComplete: row.isComplete, progress: row.progress)
        guard let before = earlier[key] else {
            return Change(learner: row.learner, pathway: row.pathway, before: nil, after: after)
        }
        return before == after ? nil : Change(learner: row.learner, pathway: row.pathway, before: before, after: after)
    }

    /// The change between a learner's audit in one version of a pathway (`before`, their own) and
    /// in another (`after`), if the result differs: who would gain or lose by moving.
    public static func change(from before: CohortAuditRow, to after: CohortAuditRow) -> Change? {
        let old = Outcome(isComplete: before.isComplete, progress: before.progress)
        let new = Outcome(isComplete: after.isComplete, progress: after.progress)
        guard old != new else { return nil }
        return Change(learner: before.learner, pathway: before.pathway, before: old, after: new)
    }

    /// Learner × pathway results of the earlier run that this run did not produce, in its order.
    public func gone() -> [Change] {
        earlierOrder.filter { !matched.contains($0) }.compactMap { key in
            let parts = key.split(separator: "\u{0}", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 2 else { return nil }
            return Change(learner: parts[0], pathway: parts[1], before: earlier[key], after: nil)
        }
    }

    public static let csvHeader = ["learner", "pathway", "change", "complete_before", "progress_before",
                                   "complete_after", "progress_after"]

    public static func csvLine(_ change: Change) -> String {
        func complete(_ outcome: Outcome?) -> String { outcome.map { $0.isComplete ? "yes" : "no" } ?? "" }
        return [change.learner, change.pathway, change.kind, complete(change.before),
                change.before?.progress.description ?? "", complete(change.after), change.after?.progress.description ?? ""]
            .map(CSVWriter.escape).joined(separator: ",") + "\r\n"
    }

    public static func jsonLine(_ change: Change) -> String {
        func outcome(_ value: Outcome?) -> JSONValue {
            value.map { .object([("complete", .bool($0.isComplete)), ("progress", .number($0.progress)),
                                 ("progressExact", .string($0.progress.description))]) } ?? .null
        }
        return JSONValue.object([("learner", .string(change.learner)), ("pathway", .string(change.pathway)),
                                 ("change", .string(change.kind)), ("before", outcome(change.before)),
                                 ("after", outcome(change.after))]).serialized(pretty: false) + "\n"
    }

    public static func textLine(_ change: Change) -> String {
        func describe(_ outcome: Outcome?) -> String {
            outcome.map { $0.isComplete ? "complete" : PercentText.of($0.progress) } ?? "—"
        }
        return "  \(change.learner) · \(change.pathway): \(describe(change.before)) → \(describe(change.after)) (\(change.kind))\n"
    }
}
