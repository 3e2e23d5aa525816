public import CairnCore
import CairnSyntax

/// The requirement tree of an audited pathway as a picture: Graphviz DOT or Mermaid flowchart
/// text to render elsewhere, or a standalone SVG document that Cairn lays out itself (``svg``).
/// Each requirement is a box coloured by its status for the learner (met, partly met, not met)
/// or left neutral when `showStatus` is false; badges a plan would add hang off their leaf as
/// dashed boxes.
///
/// Node ids are `n0`, `n1`, … in preorder (root first, children in order, depth first), so the
/// same audit always gives the same text.
public struct PathwayGraph: Sendable {
    public var audit: Audit
    /// Names for badge class ids, so boxes read "SQL Querying", not "sql-querying".
    public var badgeNames: [String: String]
    /// False draws every requirement neutral (no learner was given).
    public var showStatus: Bool
    /// Badge class ids a plan would add, by the preorder index of the leaf they would fill
    /// (root = 0). Indexes that name no node are ignored.
    public var planned: [Int: [String]]

    public init(audit: Audit, badgeNames: [String: String], showStatus: Bool, planned: [Int: [String]] = [:]) {
        self.audit = audit
        self.badgeNames = badgeNames
        self.showStatus = showStatus
        self.planned = planned
    }

    /// How a requirement is coloured.
    public enum Status: String, Sendable, CaseIterable {
        case met, partlyMet = "partly", notMet = "unmet", neutral

        var legend: String {
            switch self {
            case .met: "met"
            case .partlyMet: "partly met"
            case .notMet: "not met"
            case .neutral: "status not shown"
            }
        }

        var fill: String {
            switch self {
            case .met: "#c8e6c9"
            case .partlyMet: "#ffe0b2"
            case .notMet: "#ffcdd2"
            case .neutral: "#ffffff"
            }
        }

        var stroke: String {
            switch self {
            case .met: "#2e7d32"
            case .partlyMet: "#e65100"
            case .notMet: "#c62828"
            case .neutral: "#616161"
            }
        }
    }

    static let plannedFill = "#e3f2fd"
    static let plannedStroke = "#1565c0"
    /// Lines longer than this are wrapped at spaces, so boxes stay narrow.
    private static let lineWidth = 38

    /// The status a requirement is drawn with.
    public func status(of node: AuditNode) -> Status {
        guard showStatus else { return .neutral }
        if node.isSatisfied { return .met }
        return node.progress > .zero ? .partlyMet : .notMet
    }

    // MARK: - The drawing, independent of format

    // The drawing is internal, not private, so each format can live in its own file.

    struct Box {
        var id: String
        /// The requirement's label, not wrapped.
        var label: String
        /// The kind, with the status in words when it is shown.
        var kind: String
        /// Names of the badges counted at a leaf (only when the status is shown).
        var held: [String]
        var status: Status

        /// The label, the kind, and for leaves the badges counted there.
        var lines: [String] {
            PathwayGraph.wrap(label) + [kind] + held.flatMap { PathwayGraph.wrap("held: \($0)") }
        }
    }

    struct PlannedBox {
        var id: String
        var parent: String
        var line: String
    }

    struct Drawing {
        var boxes: [Box] = []
        var edges: [(from: String, to: String)] = []
        var planned: [PlannedBox] = []
    }

    var drawing: Drawing {
        var drawing = Drawing()
        var index = 0
        func visit(_ node: AuditNode) {
            let id = "n\(index)"
            drawing.boxes.append(box(id: id, for: node))
            for (position, badge) in (planned[index] ?? []).enumerated() {
                drawing.planned.append(PlannedBox(id: "\(id)_plan\(position)", parent: id,
                                                  line: "planned: \(name(badge))"))
            }
            index += 1
            for child in node.children {
                drawing.edges.append((id, "n\(index)"))
                visit(child)
            }
        }
        visit(audit.root)
        return drawing
    }

    var title: String {
        var title = "\(audit.pathwayTitle) (\(audit.pathway))"
        if showStatus {
            title += " for \(audit.learner), as of \(audit.asOf): "
            title += audit.isComplete ? "complete" : "progress \(PercentText.of(audit.progress))"
        }
        return title
    }

    func name(_ badge: String) -> String {
        badgeNames[badge] ?? badge
    }

    /// The box for `node`: its label, the kind (with the status in words, so colour is not the
    /// only cue), and for leaves the badges counted there.
    private func box(id: String, for node: AuditNode) -> Box {
        var kind = node.kind
        if node.kind == "count", let needed = node.needed { kind += " \(needed) of \(node.children.count)" }
        if node.isShared { kind += ", shared" }
        if showStatus {
            switch status(of: node) {
            case .met: kind += " · met"
            case .partlyMet: kind += " · partly met \(PercentText.of(node.progress))"
            default: kind += " · not met"
            }
            if let credits = node.countedCredits { kind += " · \(credits) counted" }
        }
        let held = showStatus && node.isLeaf ? node.assigned.map { name($0.badge) } : []
        return Box(id: id, label: node.label, kind: kind, held: held, status: status(of: node))
    }

    /// Splits `text` at spaces into lines of at most ``lineWidth`` characters where it can;
    /// line breaks in the text become spaces.
    static func wrap(_ text: String) -> [String] {
        var lines: [String] = []
        var current = ""
        let words = text.split(whereSeparator: { $0 == " " || $0.isNewline }).map(String.init)
        for word in words {
            if current.isEmpty {
                current = word
            } else if current.count + 1 + word.count <= lineWidth {
                current += " " + word
            } else {
                lines.append(current)
                current = word
            }
        }
        if !current.isEmpty || lines.isEmpty { lines.append(current) }
        return lines
    }

    /// The statuses that appear, in legend order.
    func legendStatuses(_ drawing: Drawing) -> [Status] {
        let present = Set(drawing.boxes.map(\.status))
        return showStatus ? [.met, .partlyMet, .notMet] : (present.contains(.neutral) ? [.neutral] : [])
    }

    // MARK: - Graphviz DOT

    /// Graphviz DOT: `dot -Tsvg` or `dot -Tpng` renders it.
    public var dot: String {
        let drawing = drawing
        var out = "digraph pathway {\n"
        out += "  rankdir=LR;\n"
        out += "  graph [label=\(PathwayGraph.dotString(title)), labelloc=t, fontname=\"Helvetica\", fontsize=16];\n"
        out += "  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\"];\n"
        out += "  edge [color=\"#757575\"];\n"
        for box in drawing.boxes {
            out += "  \(box.id) [label=\(PathwayGraph.dotLabel(box.lines)), fillcolor=\"\(box.status.fill)\", "
            out += "color=\"\(box.status.stroke)\"];\n"
        }
        for box in drawing.planned {
            out += "  \(box.id) [label=\(PathwayGraph.dotLabel(PathwayGraph.wrap(box.line))), style=\"rounded,dashed,filled\", "
            out += "fillcolor=\"\(PathwayGraph.plannedFill)\", color=\"\(PathwayGraph.plannedStroke)\"];\n"
        }
        for edge in drawing.edges {
            out += "  \(edge.from) -> \(edge.to);\n"
        }
        for box in drawing.planned {
            out += "  \(box.parent) -> \(box.id) [style=dashed, color=\"\(PathwayGraph.plannedStroke)\"];\n"
        }
        let statuses = legendStatuses(drawing)
        if !statuses.isEmpty || !drawing.planned.isEmpty {
            out += "  subgraph cluster_legend {\n"
            out += "    label=\"Legend\"; style=\"rounded,dashed\"; color=\"#9e9e9e\"; fontname=\"Helvetica\";\n"
            for status in statuses {
                out += "    legend_\(status.rawValue) [label=\(PathwayGraph.dotString(status.legend)), "
                out += "fillcolor=\"\(status.fill)\", color=\"\(status.stroke)\"];\n"
            }
            if !drawing.planned.isEmpty {
                out += "    legend_planned [label=\"planned\", style=\"rounded,dashed,filled\", "
                out += "fillcolor=\"\(PathwayGraph.plannedFill)\", color=\"\(PathwayGraph.plannedStroke)\"];\n"
            }
            out += "  }\n"
        }
        out += "}\n"
        return out
    }

    /// A DOT quoted string: `"` and `\` escaped, line breaks as spaces.
    static func dotString(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case _ where character.isNewline: escaped += " "
            default: escaped.append(character)
            }
        }
        return "\"\(escaped)\""
    }

    /// A DOT label of several lines, each centred (`\n`).
    static func dotLabel(_ lines: [String]) -> String {
        "\"" + lines.map { String(dotString($0).dropFirst().dropLast()) }.joined(separator: "\\n") + "\""
    }

    // MARK: - Mermaid

    /// A Mermaid flowchart: paste it into Markdown as a `mermaid` code block.
    public var mermaid: String {
        let drawing = drawing
        var out = "flowchart LR\n"
        out += "  %% \(PathwayGraph.mermaidComment(title))\n"
        for box in drawing.boxes {
            out += "  \(box.id)[\(PathwayGraph.mermaidLabel(box.lines))]\n"
        }
        for box in drawing.planned {
            out += "  \(box.id)[\(PathwayGraph.mermaidLabel(PathwayGraph.wrap(box.line)))]\n"
        }
        for edge in drawing.edges {
            out += "  \(edge.from) --> \(edge.to)\n"
        }
        for box in drawing.planned {
            out += "  \(box.parent) -.-> \(box.id)\n"
        }
        let statuses = legendStatuses(drawing)
        if !statuses.isEmpty || !drawing.planned.isEmpty {
            out += "  subgraph legend[\"Legend\"]\n"
            out += "    direction TB\n"
            for status in statuses {
                out += "    legend_\(status.rawValue)[\(PathwayGraph.mermaidLabel([status.legend]))]\n"
            }
            if !drawing.planned.isEmpty { out += "    legend_planned[\"planned\"]\n" }
            out += "  end\n"
        }
        var used = Set(drawing.boxes.map(\.status))
        used.formUnion(statuses)
        for status in Status.allCases where used.contains(status) {
            out += "  classDef \(status.rawValue) fill:\(status.fill),stroke:\(status.stroke),color:#212121\n"
        }
        if !drawing.planned.isEmpty {
            out += "  classDef planned fill:\(PathwayGraph.plannedFill),stroke:\(PathwayGraph.plannedStroke),"
            out += "stroke-dasharray:5 5,color:#212121\n"
        }
        for status in Status.allCases where used.contains(status) {
            var members = drawing.boxes.filter { $0.status == status }.map(\.id)
            if statuses.contains(status) { members.append("legend_\(status.rawValue)") }
            out += "  class \(members.joined(separator: ",")) \(status.rawValue)\n"
        }
        if !drawing.planned.isEmpty {
            out += "  class \((drawing.planned.map(\.id) + ["legend_planned"]).joined(separator: ",")) planned\n"
        }
        return out
    }

    /// A Mermaid node label `"…"` with lines joined by `<br/>`; characters that could end the
    /// label or read as markup are written as Mermaid entity codes (`#quot;`, `#35;`, …).
    static func mermaidLabel(_ lines: [String]) -> String {
        "\"" + lines.map(mermaidText).joined(separator: "<br/>") + "\""
    }

    static func mermaidText(_ text: String) -> String {
        var escaped = ""
        var previous: Character?
        for character in text {
            defer { previous = character }
            switch character {
            case "%" where previous == "%": escaped += "#37;"
            case "\"": escaped += "#quot;"
            case "#": escaped += "#35;"
            case "&": escaped += "#amp;"
            case "<": escaped += "#lt;"
            case ">": escaped += "#gt;"
            case "[": escaped += "#91;"
            case "]": escaped += "#93;"
            case "{": escaped += "#123;"
            case "}": escaped += "#125;"
            case "|": escaped += "#124;"
            case "`": escaped += "#96;"
            case _ where character.isNewline: escaped += " "
            default: escaped.append(character)
            }
        }
        return escaped
    }

    /// A `%%` comment line: line breaks become spaces, braces parentheses (no `%%{` directive).
    static func mermaidComment(_ text: String) -> String {
        String(text.map { character -> Character in
            switch character {
            case "{": "("
            case "}": ")"
            case _ where character.isNewline: " "
            default: character
            }
        })
    }
}
