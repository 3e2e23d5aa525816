import CairnCore

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
        lines.append("\(audit.pathwayTitle) (\(audit.pathway)) for \(audit.learner), as of \(audit.asOf)")
        let status = audit.isComplete ? "complete" : "not complete"
        lines.append("\(status) · progress \(PercentText.of(audit.progress))")
        if !audit.isExact { lines.append("note: not proven optimal") }
        for note in audit.notes { lines.append("note: \(note)") }
        lines.append("")
        render(audit.root, prefix: "", childPrefix: "", into: &lines)
        return lines.joined(separator: "\n") + "\n"
    }

    private func mark(_ node: AuditNode) -> String {
        if node.isSatisfied { return "✔" }
        return node.progress > .zero ? "◐" : "✘"
    }

    private func name(_ badge: String) -> String {
        badgeNames[badge].map { "\($0) [\(badge)]" } ?? badge
    }

    private func render(_ node: AuditNode, prefix: String, childPrefix: String, into lines: inout [String]) {
        var line = "\(prefix)\(mark(node)) \(node.label)"
        if !node.isLeaf || !node.isSatisfied { line += "  \(PercentText.of(node.progress))" }
        if let credits = node.countedCredits { line += "  (\(credits) counted)" }
        if node.isShared { line += "  (shared)" }
        lines.append(line)
        let detailPrefix = childPrefix + (node.children.isEmpty ? "    " : "│   ")
        for badge in node.assigned {
            var detail = "\(detailPrefix)← \(name(badge.badge)), issued \(badge.issued)"
            if let credits = badge.credits { detail += ", \(credits)" }
            lines.append(detail)
        }
        for rejection in node.rejected {
            lines.append("\(detailPrefix)· \(name(rejection.badge)), issued \(rejection.issued): \(rejection.reason)")
        }
        for (index, child) in node.children.enumerated() {
            let last = index == node.children.count - 1
            render(child, prefix: childPrefix + (last ? "└─ " : "├─ "),
                   childPrefix: childPrefix + (last ? "   " : "│  "), into: &lines)
        }
    }
}
