import CairnTestSupport
import Foundation
import Testing

/// Unknown ids are never silent: a command refuses input that names a badge or pathway no
/// catalogue has (exit 65, file:line:column), every unknown id offers the closest known ones,
/// and one mistake is reported once.
@Suite("cairn: unknown ids refused, with the closest known ids")
struct UnknownIDEndToEndTests {
    /// A copy of the bundled workspace in a scratch folder, with `edit` applied to one file.
    static func workspace(editing path: String? = nil, _ edit: (String) -> String = { $0 }) throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        for name in ["Pathways", "Frameworks"] {
            try FileManager.default.copyItem(at: CairnProcess.packageRoot.appendingPathComponent(name),
                                             to: folder.url.appendingPathComponent(name))
        }
        if let path {
            let url = folder.url.appendingPathComponent(path)
            let text = try String(contentsOf: url, encoding: .utf8)
            let edited = edit(text)
            #expect(edited != text, "the edit of \(path) changed nothing")
            try edited.write(to: url, atomically: true, encoding: .utf8)
        }
        return folder
    }

    static let misspeltPathway = "Pathways/data-analysis/data-analysis-foundations.yaml"

    static func misspell(_ text: String) -> String {
        text.replacingOccurrences(of: "      badge: sql-querying\n", with: "      badge: sql-queryng\n")
    }

    @Test("a pathway naming an unknown badge is refused by audit, plan and graph, at its line, with the closest id",
          arguments: [["audit", "--pathway", "data-analysis-foundations", "--learner", "amara"],
                      ["plan", "--pathway", "data-analysis-foundations", "--learner", "amara"],
                      ["graph", "--pathway", "data-analysis-foundations"]])
    func unknownBadgeInPathway(_ arguments: [String]) throws {
        let folder = try Self.workspace(editing: Self.misspeltPathway, Self.misspell)
        defer { folder.remove() }
        let run = try CairnProcess.run(arguments, in: folder.url)
        #expect(run.status == 65, "\(run.stdout)\(run.stderr)")
        #expect(run.stderr.contains(Self.misspeltPathway + ":12:7: unknown badge class \"sql-queryng\"; did you mean \"sql-querying\"?"),
                "\(run.stderr)")
        #expect(run.stdout.isEmpty)
        // --lenient runs anyway, and still says what is wrong.
        let lenient = try CairnProcess.run(arguments + ["--lenient"], in: folder.url)
        #expect(lenient.status == 0, "\(lenient.stderr)")
        #expect(lenient.stderr.contains("cairn: warning: " + Self.misspeltPathway + ":12:7: unknown badge class"), "\(lenient.stderr)")
    }

    @Test("a learner's earning of an unknown badge is refused by every command that reads the record",
          arguments: [["audit", "--pathway", "data-analysis-foundations", "--learner", "RECORD"],
                      ["plan", "--all", "--learner", "RECORD"],
                      ["credits", "--policy", "northbridge-ects", "--learner", "RECORD"],
                      ["renewals", "--learner", "RECORD"],
                      ["roles", "fit", "--learner", "RECORD"]])
    func unknownBadgeInRecord(_ arguments: [String]) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let record = try folder.write("lee.yaml", """
            learner: lee
            badges:
              - { badge: sql-querying, issued: 2025-01-10 }
              - { badge: dataviz-pyhton, issued: 2025-02-10 }

            """)
        let run = try CairnProcess.run(arguments.map { $0 == "RECORD" ? record.path : $0 })
        #expect(run.status == 65, "\(arguments): \(run.stdout)")
        #expect(run.stderr.contains("lee.yaml:4:5: learner lee holds unknown badge class \"dataviz-pyhton\"; did you mean \"dataviz-python\"?"),
                "\(arguments): \(run.stderr)")
    }

    @Test("a mistyped id on the command line names the closest known one",
          arguments: [
              (["audit", "--pathway", "data-analysis-foundaitons", "--learner", "amara"], "unknown pathway \"data-analysis-foundaitons\"; did you mean \"data-analysis-foundations\"?"),
              (["credits", "--policy", "northbridge-ect", "--learner", "amara"], "unknown credit policy \"northbridge-ect\"; did you mean \"northbridge-ects\"?"),
              (["plan", "--pathway", "data-analysis-foundations", "--learner", "bruno", "--assume", "sql-qerying"], "unknown badge class \"sql-qerying\"; did you mean \"sql-querying\"?"),
              (["roles", "fit", "--learner", "amara", "--role", "data analist"], "unknown role \"data analist\"; did you mean \"data analyst\"?"),
          ])
    func mistypedOption(_ arguments: [String], message: String) throws {
        let run = try CairnProcess.run(arguments)
        #expect(run.status != 0)
        #expect(run.stderr.contains(message), "\(run.stderr)")
    }

    @Test("a role is found by its title or the UUID of its occupation, as well as by its id",
          arguments: ["data analyst", "Data Analyst", "d3edb8f8-3a06-47a0-8fb9-9b212c006aa2",
                      "http://data.europa.eu/esco/occupation/d3edb8f8-3a06-47a0-8fb9-9b212c006aa2"])
    func roleByTitleOrUUID(_ role: String) throws {
        let run = try CairnProcess.run(["roles", "fit", "--learner", "amara", "--role", role, "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("http://data.europa.eu/esco/occupation/d3edb8f8-3a06-47a0-8fb9-9b212c006aa2"))
    }

    @Test("a misspelt top-level key says which key was meant")
    func misspeltTopLevelKey() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let pathway = try folder.write("p.yaml", "id: p\ntitle: P\nrequries:\n  all: [{ badge: sql-querying }]\n")
        let run = try CairnProcess.run(["audit", "--pathway", pathway.path, "--learner", "amara"])
        #expect(run.status == 65)
        #expect(run.stderr.contains("p.yaml:3:1: unknown top-level key \"requries\"; did you mean \"requires\" (which marks a pathway)?"),
                "\(run.stderr)")
    }

    @Test("one misspelt key in a catalogue is one error, not one per badge it hides")
    func oneMistakeOneError() throws {
        let folder = try Self.workspace(editing: "Pathways/data-analysis/badges.yaml") {
            $0.replacingOccurrences(of: "    name: SQL Querying\n", with: "    nmae: SQL Querying\n")
        }
        defer { folder.remove() }
        let run = try CairnProcess.run(["validate"], in: folder.url)
        #expect(run.status == 65)
        let errors = run.stderr.split(separator: "\n").filter { $0.hasPrefix("cairn: error: Pathways/") }
        #expect(errors.count == 1, "\(run.stderr)")
        #expect(errors.first?.hasSuffix("unknown key \"nmae\" in a badge; did you mean \"name\"?") == true, "\(run.stderr)")
        #expect(run.stderr.contains("1 problem found"), "\(run.stderr)")
    }
}
