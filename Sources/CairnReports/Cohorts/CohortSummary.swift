public import CairnCore
import CairnSyntax

/// Counts over a cohort audit, per pathway: how many learners are complete, in progress and not
/// started, with a histogram of progress. Built row by row, so it holds no rows.
public struct CohortSummary: Sendable {
    public struct PathwayCounts: Hashable, Sendable {
        public var complete = 0
        public var inProgress = 0
        public var notStarted = 0
        /// Learners whose audit is not proven optimal.
        public var notExact = 0
        /// Progress of the learners in progress, in tenths: bucket 0 holds 0.1–9.9 %, …, bucket 9
        /// holds 90–99.9 %.
        public var histogram = Array(repeating: 0, count: 10)
        /// Learners with pending earnings the pathway can count, and how many of them would be
        /// complete once those are awarded (complete now or not).
        public var withPending = 0
        public var completePending = 0
        /// Learners per version audited, for a pathway with several versions.
        public var versions: [String: Int] = [:]

        public var total: Int { complete + inProgress + notStarted }
    }

    public private(set) var pathways: [String: PathwayCounts] = [:]
    /// Pathway ids in the order first seen.
    public private(set) var order: [String] = []
    public private(set) var learners = 0
    private var lastLearner: String?

    public init() {}

    public mutating func add(_ row: CohortAuditRow) {
        if row.learner != lastLearner {
            learners += 1
            lastLearner = row.learner
        }
        if pathways[row.pathway] == nil { order.append(row.pathway) }
        var counts = pathways[row.pathway] ?? PathwayCounts()
        switch row.standing {
        case .complete: counts.complete += 1
        case .inProgress: counts.inProgress += 1
        case .notStarted: counts.notStarted += 1
        }
        if row.standing == .inProgress {
            counts.histogram[min(9, max(0, PercentText.halfEven(row.progress * Rational(1000)) / 100))] += 1
        }
        if !row.isExact { counts.notExact += 1 }
        if let pending = row.pending {
            counts.withPending += 1
            if pending.isComplete { counts.completePending += 1 }
        }
        if let version = row.version { counts.versions[version, default: 0] += 1 }
        pathways[row.pathway] = counts
    }

    /// The summary as text: per pathway, the three counts and a bar per tenth of progress.
    public func text(titles: [String: String] = [:]) -> String {
        var lines = ["Cohort of \(learners.groupedDigits) learners"]
        for pathway in order {
            guard let counts = pathways[pathway] else { continue }
            lines.append("")
            lines.append(titles[pathway].map { "\($0) (\(pathway))" } ?? pathway)
            lines.append("  complete      \(counts.complete.groupedDigits.leftPadded(9))  \(share(counts.complete, of: counts.total))")
            lines.append("  in progress   \(counts.inProgress.groupedDigits.leftPadded(9))  \(share(counts.inProgress, of: counts.total))")
            lines.append("  not started   \(counts.notStarted.groupedDigits.leftPadded(9))  \(share(counts.notStarted, of: counts.total))")
            if counts.withPending > 0 {
                lines.append("  with pending earnings \(counts.withPending.groupedDigits): "
                             + "\(counts.completePending.groupedDigits) complete once they are awarded")
            }
            if !counts.versions.isEmpty {
                lines.append("  versions: " + counts.versions.keys.sorted().map { "\($0) \(counts.versions[$0] ?? 0)" }
                    .joined(separator: ", "))
            }
            if counts.notExact > 0 {
                lines.append("  \(counts.notExact.groupedDigits) audits reached a search limit: best found, not proven")
            }
            let widest = max(1, counts.histogram.max() ?? 1)
            lines.append("  progress of those in progress:")
            for (bucket, count) in counts.histogram.enumerated() {
                let bar = String(repeating: "█", count: count == 0 ? 0 : max(1, count * 30 / widest))
                let range = "\(bucket * 10)–\(bucket * 10 + 9)%".leftPadded(7)
                lines.append("  \(range) \(count.groupedDigits.leftPadded(9))" + (bar.isEmpty ? "" : " \(bar)"))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func share(_ count: Int, of total: Int) -> String {
        guard total > 0 else { return "" }
        return "(\(CohortAuditFormat.percent(Rational(count, total)))%)"
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
