import CairnTestSupport
import Foundation
import Testing

/// Graphviz's `dot`, when this machine has it (CI machines may not).
private let graphviz: URL? = ["/usr/bin/dot", "/usr/local/bin/dot", "/opt/homebrew/bin/dot"]
    .map { URL(fileURLWithPath: $0) }
    .first { FileManager.default.isExecutableFile(atPath: $0.path) }

@Suite("cairn graph")
struct GraphEndToEndTests {
    static let chen = ["graph", "--pathway", "data-analysis-foundations", "--learner", "Pathways/learners/chen.yaml",
                       "--as-of", "2026-11-29"]

    /// Node ids declared in DOT output (`n0`, `n1`, …), in order.
    func dotNodes(_ dot: String) -> [String] {
        dot.split(separator: "\n").map { $0.drop(while: { $0 == " " }) }
            .filter { $0.first == "n" && $0.contains(" [label=") }
            .map { String($0.prefix(while: { $0 != " " })) }
    }

    @Test("DOT for a learner: every requirement coloured by status, held badges named")
    func dotForLearner() throws {
        let run = try CairnProcess.run(Self.chen + ["--format", "dot"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("digraph pathway {\n  rankdir=LR;\n"))
        #expect(run.stdout.contains(#"Data Analysis: Foundations (data-analysis-foundations) for chen, as of 2026-11-29"#))
        let all = dotNodes(run.stdout)
        let nodes = all.filter { !$0.contains("_plan") }
        #expect(nodes == (0..<nodes.count).map { "n\($0)" })
        #expect(nodes.count == 16)
        // The cheapest plan (SQL Querying, then the memo again) is marked on its two requirements.
        #expect(all.filter { $0.contains("_plan") } == ["n2_plan0", "n15_plan0"])
        #expect(run.stdout.contains("planned: SQL Querying") && run.stdout.contains("planned: Findings Memo"))
        #expect(run.stdout.contains("held: Spreadsheet Analysis"))
        #expect(run.stdout.contains("#c8e6c9") && run.stdout.contains("#ffe0b2") && run.stdout.contains("#ffcdd2"))
        #expect(run.stderr.isEmpty)
    }

    @Test("Without a learner the same tree is drawn neutral")
    func neutral() throws {
        let run = try CairnProcess.run(["graph", "--pathway", "data-analysis-foundations", "--format", "dot"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(dotNodes(run.stdout).count == 16)
        #expect(!run.stdout.contains("#c8e6c9") && !run.stdout.contains("#ffcdd2"))
        #expect(!run.stdout.contains("held:"))
        let defaulted = try CairnProcess.run(["graph", "--pathway", "data-analysis-foundations"])
        #expect(defaulted.stdout == run.stdout, "DOT is the default format")
    }

    @Test("Graphviz accepts the DOT", .enabled(if: graphviz != nil, "Graphviz's dot is not installed; syntax not checked"))
    func graphvizRenders() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        for arguments in [Self.chen + ["--format", "dot"], ["graph", "--pathway", "data-analysis-foundations"]] {
            let run = try CairnProcess.run(arguments)
            #expect(run.status == 0, "\(run.stderr)")
            let input = try folder.write("graph.dot", run.stdout)
            let output = folder.url.appendingPathComponent("graph.svg")
            let process = Process()
            process.executableURL = try #require(graphviz)
            process.arguments = ["-Tsvg", "-o", output.path, input.path]
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "dot rejected: \(run.stdout)")
            let svg = try String(contentsOf: output, encoding: .utf8)
            #expect(svg.contains("<svg"))
            #expect(svg.contains("Findings memo, after the core"))
        }
    }

    @Test("Mermaid: a flowchart whose edges name declared nodes")
    func mermaid() throws {
        let run = try CairnProcess.run(Self.chen + ["--format", "mermaid"])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map { String($0.drop(while: { $0 == " " })) }
        #expect(lines.first == "flowchart LR")
        var declared: Set<String> = []
        for line in lines {
            if let open = line.firstIndex(of: "["), line.hasSuffix("\"]"), line[line.index(after: open)] == "\"" {
                declared.insert(String(line[..<open]))
            }
        }
        #expect((0..<16).allSatisfy { declared.contains("n\($0)") })
        let edges: [[String]] = lines.map { line in line.split(separator: " ").map(String.init) }
            .filter { (parts: [String]) -> Bool in parts.count == 3 && ["-->", "-.->"].contains(parts[1]) }
        #expect(edges.count == 17)      // 15 tree edges and 2 to planned badges
        for edge in edges {
            #expect(declared.contains(edge[0]) && declared.contains(edge[2]), "\(edge)")
        }
    }

    @Test("Usage errors exit 64", arguments: [
        (["graph", "--pathway", "data-analysis-foundations", "--format", "svg"], "--format"),
        (["graph", "--pathway", "nope"], "unknown pathway \"nope\""),
        (["graph"], "--pathway"),
    ])
    func usageErrors(arguments: [String], message: String) throws {
        let run = try CairnProcess.run(arguments)
        #expect(run.status == 64, "\(run.stderr)")
        #expect(run.stderr.contains(message), "\(run.stderr)")
        #expect(run.stdout.isEmpty)
    }

    @Test("A missing learner file exits 66")
    func missingLearner() throws {
        let run = try CairnProcess.run(["graph", "--pathway", "data-analysis-foundations", "--learner", "missing.yaml"])
        #expect(run.status == 66, "\(run.stderr)")
        #expect(run.stdout.isEmpty)
    }
}
