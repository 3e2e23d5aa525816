import CairnCore
import CairnCredentials
import CairnReports
import CairnSyntax
import Foundation

/// Every bundled learner audited against every pathway of a workspace: the `cairn demo` report.
public struct DemoReport: Sendable {
    public var asOf: CalendarDate
    public var learnerCount: Int
    public var pathwayCount: Int
    /// Every learner × pathway audit, sorted by learner then pathway id.
    public var audits: [Audit]

    /// Audits each bundled learner against each pathway, all pathways in parallel.
    public static func run(_ workspace: Workspace, asOf: CalendarDate) async throws(WorkspaceError) -> DemoReport {
        var compiled: [CompiledPathway] = []
        for pathway in workspace.catalog.sortedPathways {
            compiled.append(try workspace.compiledPathway(pathway.id))
        }
        var audits: [Audit] = []
        for pathway in compiled {
            audits += await pathway.audits(workspace.learners, asOf: asOf)
        }
        audits.sort { ($0.learner, $0.pathway) < ($1.learner, $1.pathway) }
        return DemoReport(asOf: asOf, learnerCount: workspace.learners.count,
                          pathwayCount: compiled.count, audits: audits)
    }

    /// Audits with some progress, the ones a reader cares about.
    public var started: [Audit] { audits.filter { $0.progress > .zero } }

    /// The incomplete audit closest to completion (ties: learner, then pathway), if any.
    public var closestIncomplete: Audit? {
        started.filter { !$0.isComplete }.min { lhs, rhs in
            if lhs.progress != rhs.progress { return lhs.progress > rhs.progress }
            return (lhs.learner, lhs.pathway) < (rhs.learner, rhs.pathway)
        }
    }

    /// A table of every started audit, then the tree of the one closest to completion.
    public func text(badgeNames: [String: String] = [:]) -> String {
        var lines = [
            "Cairn demo: \(learnerCount) learner\(learnerCount == 1 ? "" : "s") × \(pathwayCount) pathway\(pathwayCount == 1 ? "" : "s"), as of \(asOf)",
            "(the bundled samples in Pathways/ were written for 2026-11-29; --as-of picks another day)",
            "",
        ]
        let rows = started.map { audit in
            [audit.learner, audit.pathwayTitle, PercentText.of(audit.progress),
             audit.isComplete ? "complete" : "in progress"]
        }
        let header = ["Learner", "Pathway", "Progress", "Status"]
        let widths = header.indices.map { column in
            (rows + [header]).map { $0[column].count }.max() ?? 0
        }
        func row(_ cells: [String]) -> String {
            cells.enumerated().map { column, cell in
                column == cells.count - 1 ? cell : cell.padding(toLength: widths[column] + 2, withPad: " ", startingAt: 0)
            }.joined()
        }
        lines.append(row(header))
        lines += rows.map(row)
        let complete = audits.filter(\.isComplete).count
        lines.append("")
        lines.append("\(complete) complete, \(started.count - complete) in progress; "
                     + "\(audits.count - started.count) learner–pathway pairs with no progress are not listed.")
        if let closest = closestIncomplete {
            lines.append("")
            lines.append("Closest to complete — why it is not complete yet:")
            lines.append("")
            lines.append(AuditTextReport(audit: closest, badgeNames: badgeNames).text)
        }
        return lines.joined(separator: "\n") + (closestIncomplete == nil ? "\n" : "")
    }
}
