public import CairnCore
import CairnSyntax

/// An audit as a tree a person reads in a terminal: each requirement with its status and
/// progress, the badges counted there, and why other matching badges did not count.
public struct AuditTextReport: Sendable {
    public var audit: Audit
    /// Names for badge class ids, so lines read "SQL Querying", not "sql-querying".
    public var badgeNames: [String: String]

    public init(audit: Audit, badgeNames: [String: String] = [:]) {
        self.audit = audit
        self.badgeNames = badgeNames
    }

    public var text: String {
        var lines: [String] = []
        let version = audit.versionReason.map { " · version \(audit.version ?? "(unnamed)") (\($0))" } ?? ""
        lines.append("\(audit.pathwayTitle) (\(audit.pathway)) for \(audit.learner), as of \(audit.asOf)\(version)")
        let status = audit.isComplete ? "complete" : "not complete"
        let pending = audit.pending.map { " · " + $0.summary } ?? ""
        lines.append("\(status) · progress \(PercentText.of(audit.progress))\(pending)")
        if !audit.isExact { lines.append("note: not proven optimal") }
        for note in audit.notes { lines.append("note: \(note)") }
        lines.append("")
        if audit.destinations.isEmpty {
            lines += TreeText.lines(audit.root, children: \.children, line: line(for:), details: details(of:))
        } else {
            lines += destinationLines
        }
        if !audit.milestones.isEmpty { lines += milestoneLines }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A section per destination: its title, status and progress, then its own tree.
    private var destinationLines: [String] {
        var lines: [String] = []
        for (index, destination) in audit.destinations.enumerated() {
            if index > 0 { lines.append("") }
            let status = destination.isComplete ? "reached" : "not reached"
            lines.append("Destination \(destination.title) (\(destination.id))"
                         + (destination.awards.map { ", awards \(name($0))" } ?? "")
                         + ": \(status) · progress \(PercentText.of(destination.progress))")
            lines += TreeText.lines(destination.root, children: \.children, line: line(for:), details: details(of:))
        }
        return lines
    }

    /// One line per milestone: met or not, what it awards, how far its requirement is.
    private var milestoneLines: [String] {
        ["", "Milestones:"] + audit.milestones.map { milestone in
            (milestone.isMet ? "✔ " : milestone.progress > .zero ? "◐ " : "✘ ")
                + "\(milestone.title) (requirement \(milestone.requirement)), awards \(name(milestone.awards)): "
                + (milestone.isMet ? "met" : "not met · \(PercentText.of(milestone.progress))")
        }
    }

    private func mark(_ node: AuditNode) -> String {
        if node.isSatisfied { return "✔" }
        return node.progress > .zero ? "◐" : "✘"
    }

    private func name(_ badge: String) -> String {
        badgeNames[badge].map { "\($0) [\(badge)]" } ?? badge
    }

    private func line(for node: AuditNode) -> String {
        var line = "\(mark(node)) \(node.label)"
        if !node.isLeaf || !node.isSatisfied { line += "  \(PercentText.of(node.progress))" }
        if let credits = node.countedCredits { line += "  (\(credits) counted)" }
        if node.isShared { line += "  (shared)" }
        return line
    }

    private func details(of node: AuditNode) -> [String] {
        node.assigned.map { badge in
            "← \(name(badge.badge)), issued \(badge.issued)" + (badge.credits.map { ", \($0)" } ?? "")
                + (badge.alsoCountedFor.map { ", also counted for \"\($0.label)\"" } ?? "")
                + (badge.alsoCountedWithin.map { " in \"\($0.label)\"" } ?? "")
        } + node.rejected.map { rejection in
            if case .pending = rejection.reason { return "· \(name(rejection.badge)): \(rejection.reason)" }
            return "· \(name(rejection.badge)), issued \(rejection.issued): \(rejection.reason)"
        }
    }
}
