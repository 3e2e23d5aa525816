import CairnCore
@testable import CairnCredentials
@testable import CairnReports
@testable import CairnSyntax
import CairnTestSupport
import Testing

/// The shared fixture builders (this target has its own `Fixture` for fixture files).
private typealias Build = CairnTestSupport.Fixture

@Suite("Pathway graph: DOT and Mermaid of a requirement tree")
struct PathwayGraphTests {
    static let quoted = #"Say "hi" \ back [now] #1"#

    /// Preorder: n0 all (partly), n1 sql (met), n2 sheets (not met, awkward label),
    /// n3 count 2 of (partly), n4 viz-py (met), n5 viz-tab (not met).
    static func sampleAudit() throws -> Audit {
        let requires = Requirement.all([
            .badge("sql"),
            .badge("sheets").with(label: quoted),
            .count(2, of: [.badge("viz-py"), .badge("viz-tab")]).with(label: "Two visualisation badges"),
        ])
        let catalog = Build.catalog([Build.badge("sql"), Build.badge("sheets"), Build.badge("viz-py"),
                                       Build.badge("viz-tab")], pathways: [Build.pathway("p", requires)])
        let learner = Build.learner([Build.earned("sql", "2025-01-01"), Build.earned("viz-py", "2025-02-01")],
                                      name: "kim")
        return try CompiledPathway(pathway: "p", catalog: catalog).audit(learner, asOf: Build.date("2026-11-29"))
    }

    static let names = ["sql": "SQL Querying", "viz-py": "Data Visualisation with Python", "viz-tab": "Tableau"]

    static func graph(showStatus: Bool = true, planned: [Int: [String]] = [:]) throws -> PathwayGraph {
        PathwayGraph(audit: try sampleAudit(), badgeNames: names, showStatus: showStatus, planned: planned)
    }

    /// The DOT statement that declares node `id`.
    func dotNode(_ id: String, in dot: String) -> String? {
        dot.split(separator: "\n").map { $0.trimmingPrefixSpaces() }.first { $0.hasPrefix("\(id) [") }
    }

    @Test("DOT: the header, one box per requirement in preorder, parent-to-child edges")
    func dotShape() throws {
        let dot = try Self.graph().dot
        let lines = dot.split(separator: "\n").map { $0.trimmingPrefixSpaces() }
        #expect(lines.first == "digraph pathway {")
        #expect(lines.contains("rankdir=LR;"))
        #expect(lines.contains(#"node [shape=box, style="rounded,filled", fontname="Helvetica"];"#))
        #expect(lines.last == "}")
        let nodes = lines.filter { $0.first == "n" && $0.contains(" [label=") }
        #expect(nodes.map { String($0.prefix(while: { $0 != " " })) } == ["n0", "n1", "n2", "n3", "n4", "n5"])
        let edges = lines.filter { $0.contains(" -> ") }
        #expect(edges == ["n0 -> n1;", "n0 -> n2;", "n0 -> n3;", "n3 -> n4;", "n3 -> n5;"])
        #expect(dot.contains(#"label="P (p) for kim, as of 2026-11-29: progress"#))
    }

    @Test("DOT: met green, partly met amber, not met red, with the status in words and held badges")
    func dotColours() throws {
        let dot = try Self.graph().dot
        let green = ##"fillcolor="#c8e6c9""##, amber = ##"fillcolor="#ffe0b2""##, red = ##"fillcolor="#ffcdd2""##
        #expect(try #require(dotNode("n0", in: dot)).contains(amber))
        #expect(try #require(dotNode("n1", in: dot)).contains(green))
        #expect(try #require(dotNode("n2", in: dot)).contains(red))
        #expect(try #require(dotNode("n3", in: dot)).contains(amber))
        #expect(try #require(dotNode("n4", in: dot)).contains(green))
        #expect(try #require(dotNode("n5", in: dot)).contains(red))
        #expect(try #require(dotNode("n1", in: dot)).contains(#"\nbadge · met\nheld: SQL Querying""#))
        #expect(try #require(dotNode("n3", in: dot)).contains(#"Two visualisation badges\ncount 2 of 2 · partly met 50%""#))
        #expect(try #require(dotNode("n5", in: dot)).contains("badge · not met"))
        #expect(dot.contains("subgraph cluster_legend {"))
        for legend in ["legend_met", "legend_partly", "legend_unmet"] { #expect(dotNode(legend, in: dot) != nil) }
    }

    @Test("Without status every box is neutral white and no badges are listed")
    func neutral() throws {
        let graph = try Self.graph(showStatus: false)
        for id in 0...5 {
            let node = try #require(dotNode("n\(id)", in: graph.dot))
            #expect(node.contains(##"fillcolor="#ffffff""##))
            #expect(!node.contains("met"))
            #expect(!node.contains("held:"))
        }
        #expect(graph.dot.contains(#"label="P (p)""#))
        #expect(!graph.dot.contains("#c8e6c9") && !graph.dot.contains("#ffcdd2"))
        #expect(graph.mermaid.contains("class n0,n1,n2,n3,n4,n5,legend_neutral neutral\n"))
        #expect(!graph.mermaid.contains("classDef met"))
    }

    @Test("Quotes and backslashes are escaped for each format")
    func escaping() throws {
        let graph = try Self.graph()
        #expect(try #require(dotNode("n2", in: graph.dot)).hasPrefix(#"n2 [label="Say \"hi\" \\ back [now] #1\nbadge"#))
        #expect(graph.mermaid.contains(#"n2["Say #quot;hi#quot; \ back #91;now#93; #35;1<br/>badge · not met"]"#))
        #expect(PathwayGraph(audit: try Self.sampleAudit(), badgeNames: ["sql": "A\nB \"C\""], showStatus: true)
            .dot.contains(#"held: A B \"C\""#))
        #expect(PathwayGraph.mermaidText("%%{init: {}}%%") == "%#37;#123;init: #123;#125;#125;%#37;")
    }

    @Test("Planned badges hang off their leaf as dashed boxes")
    func plannedBadges() throws {
        let graph = try Self.graph(planned: [2: ["sheets"], 5: ["viz-tab", "sql"]])
        let dot = graph.dot
        let plan = try #require(dotNode("n2_plan0", in: dot))
        #expect(plan.contains(#"label="planned: sheets""#))
        #expect(plan.contains(#"style="rounded,dashed,filled""#))
        #expect(try #require(dotNode("n5_plan0", in: dot)).contains("planned: Tableau"))
        #expect(try #require(dotNode("n5_plan1", in: dot)).contains("planned: SQL Querying"))
        #expect(dot.contains("n2 -> n2_plan0 [style=dashed"))
        #expect(dot.contains("n5 -> n5_plan1 [style=dashed"))
        #expect(dotNode("legend_planned", in: dot) != nil)
        let mermaid = graph.mermaid
        #expect(mermaid.contains(#"n2_plan0["planned: sheets"]"#))
        #expect(mermaid.contains("n5 -.-> n5_plan1"))
        #expect(mermaid.contains("class n2_plan0,n5_plan0,n5_plan1,legend_planned planned"))
        #expect(mermaid.contains("stroke-dasharray"))
        #expect(checkMermaid(mermaid).isEmpty)
        #expect(try Self.graph(planned: [99: ["sql"]]).dot == Self.graph().dot)
    }

    @Test("Mermaid: a flowchart whose edges and classes name declared nodes, coloured by status")
    func mermaidShape() throws {
        let mermaid = try Self.graph().mermaid
        #expect(mermaid.hasPrefix("flowchart LR\n"))
        #expect(checkMermaid(mermaid).isEmpty, "\(checkMermaid(mermaid))")
        #expect(mermaid.contains("  n0 --> n1\n  n0 --> n2\n  n0 --> n3\n  n3 --> n4\n  n3 --> n5\n"))
        #expect(mermaid.contains("classDef met fill:#c8e6c9"))
        #expect(mermaid.contains("class n1,n4,legend_met met\n"))
        #expect(mermaid.contains("class n0,n3,legend_partly partly\n"))
        #expect(mermaid.contains("class n2,n5,legend_unmet unmet\n"))
        #expect(checkMermaid(try Self.graph(showStatus: false).mermaid).isEmpty)
    }

    @Test("The same audit always gives the same text")
    func deterministic() throws {
        let first = try Self.graph(planned: [5: ["viz-tab"]])
        let second = try Self.graph(planned: [5: ["viz-tab"]])
        #expect(first.dot == second.dot)
        #expect(first.mermaid == second.mermaid)
    }

    @Test("Long labels wrap at spaces into short lines")
    func wrapping() {
        #expect(PathwayGraph.wrap("Two electives in statistics or data skills") == ["Two electives in statistics or data", "skills"])
        #expect(PathwayGraph.wrap("") == [""])
        #expect(PathwayGraph.wrap("a\nb") == ["a b"])
    }
}

/// Problems with a Mermaid flowchart's structure: a node used but never declared, or a label
/// whose quotes do not close where the label ends.
private func checkMermaid(_ text: String) -> [String] {
    var problems: [String] = []
    let lines = text.split(separator: "\n").map { $0.trimmingPrefixSpaces() }
    guard lines.first == "flowchart LR" else { return ["first line is not `flowchart LR`"] }
    var declared: Set<String> = []
    var used: [String] = []
    for line in lines.dropFirst() {
        if line.hasPrefix("%%") || line == "end" || line.hasPrefix("direction ") || line.hasPrefix("classDef ") { continue }
        if line.hasPrefix("subgraph ") { continue }
        if line.hasPrefix("class ") {
            let parts = line.split(separator: " ")
            if parts.count != 3 { problems.append("bad class line: \(line)") } else { used += parts[1].split(separator: ",").map(String.init) }
            continue
        }
        let parts = line.split(separator: " ")
        if parts.count == 3, parts[1] == "-->" || parts[1] == "-.->" {
            used += [String(parts[0]), String(parts[2])]
            continue
        }
        guard let open = line.firstIndex(of: "[") else { problems.append("unexpected line: \(line)"); continue }
        let id = String(line[..<open])
        let label = line[line.index(after: open)...]
        guard id.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }), label.hasPrefix("\""), label.hasSuffix("\"]"),
              label.dropFirst().dropLast(2).allSatisfy({ !"\"[]".contains($0) }) else {
            problems.append("bad node: \(line)")
            continue
        }
        declared.insert(id)
    }
    for id in used where !declared.contains(id) { problems.append("undeclared node \(id)") }
    return problems
}

private extension Substring {
    func trimmingPrefixSpaces() -> String { String(drop(while: { $0 == " " })) }
}
