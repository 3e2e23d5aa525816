import CairnSyntax
/// Draws a tree with box-drawing branches, as the audit and the pathway outline print it:
///
///     ◐ All of
///     ├─ ✔ Spreadsheet Analysis
///     │      ← a detail line under it
///     └─ ✘ SQL Querying
enum TreeText {
    /// The lines of `root` and its descendants: `line` gives each node's own line, `details`
    /// the lines indented beneath it (before its children).
    static func lines<Node>(_ root: Node, children: (Node) -> [Node], line: (Node) -> String,
                            details: (Node) -> [String] = { _ in [] }) -> [String] {
        var out: [String] = []
        func render(_ node: Node, prefix: String, childPrefix: String) {
            out.append(prefix + line(node))
            let kids = children(node)
            let detailPrefix = childPrefix + (kids.isEmpty ? "    " : "│   ")
            out += details(node).map { detailPrefix + $0 }
            for (index, child) in kids.enumerated() {
                let last = index == kids.count - 1
                render(child, prefix: childPrefix + (last ? "└─ " : "├─ "), childPrefix: childPrefix + (last ? "   " : "│  "))
            }
        }
        render(root, prefix: "", childPrefix: "")
        return out
    }
}
