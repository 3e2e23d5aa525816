import CairnTestSupport
import Foundation
import Testing

/// The everyday look-ups: what pathways, badges and roles a workspace has, and the version.
@Suite("cairn pathways, badges list|show, roles list, --version")
struct ListCommandsEndToEndTests {
    static func json(_ arguments: [String]) throws -> [String: Any] {
        let run = try CairnProcess.run(arguments)
        #expect(run.status == 0, "\(arguments): \(run.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    }

    @Test("pathways list names every pathway with its title and file; text and JSON agree")
    func pathwaysList() throws {
        let listed = try #require(try Self.json(["pathways", "list", "--format", "json"])["pathways"] as? [[String: Any]])
        #expect(listed.count == 10)
        let foundations = try #require(listed.first { $0["id"] as? String == "data-analysis-foundations" })
        #expect(foundations["title"] as? String == "Data Analysis: Foundations")
        #expect(foundations["file"] as? String == "Pathways/data-analysis/data-analysis-foundations.yaml")
        let text = try CairnProcess.run(["pathways"])
        #expect(text.stdout.hasPrefix("ID "))
        for pathway in listed { #expect(text.stdout.contains(pathway["title"] as? String ?? "?")) }
    }

    @Test("pathways show draws the requirement tree with names; an unknown id names the closest")
    func pathwaysShow() throws {
        let run = try CairnProcess.run(["pathways", "show", "data-analysis-foundations"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("Data Analysis: Foundations (data-analysis-foundations)\n"))
        #expect(run.stdout.contains("├─ SQL Querying\n") && run.stdout.contains("│  └─ Data Visualisation with Tableau\n"), "\(run.stdout)")
        let tree = try #require(try Self.json(["pathways", "show", "data-analysis-foundations", "--format", "json"])["requires"] as? [String: Any])
        #expect((tree["children"] as? [Any])?.count == 6)
        let unknown = try CairnProcess.run(["pathways", "show", "research-method"])
        #expect(unknown.status == 64 && unknown.stderr.contains("did you mean \"research-methods\"?"), "\(unknown.stderr)")
    }

    @Test("badges list filters by tag and issuer; badges show gives the class whole, with skill names and pathways")
    func badges() throws {
        let core = try #require(try Self.json(["badges", "list", "--tag", "core", "--format", "json"])["badges"] as? [[String: Any]])
        #expect(core.compactMap { $0["id"] as? String } == ["spreadsheet-analysis", "sql-querying"])
        let none = try CairnProcess.run(["badges", "list", "--issuer", "https://nobody.example"])
        #expect(none.stdout == "No badge classes match.\n")
        let show = try CairnProcess.run(["badges", "show", "sql-querying"])
        #expect(show.status == 0, "\(show.stderr)")
        #expect(show.stdout.hasPrefix("SQL Querying [sql-querying]\n"))
        #expect(show.stdout.contains("aligns to    use databases (esco:http://data.europa.eu/esco/skill/4463a721-69f3-413d-8321-43e3af13a4f1)"), "\(show.stdout)")
        #expect(show.stdout.contains("in pathways  Data Analysis: Foundations [data-analysis-foundations]"))
        // By the Open Badges achievement id the catalogue lists, too.
        let byAchievement = try Self.json(["badges", "show", "https://example.edu/achievements/sql-querying", "--format", "json"])
        #expect(byAchievement["id"] as? String == "sql-querying")
    }

    @Test("roles list gives every role's title and id, sorted by title")
    func rolesList() throws {
        let roles = try #require(try Self.json(["roles", "list", "--format", "json"])["roles"] as? [[String: Any]])
        let titles = roles.compactMap { $0["title"] as? String }
        #expect(titles.contains("data analyst") && titles.contains("Junior Data Analyst (Example Corp)"))
        #expect(titles == titles.sorted { $0.lowercased() < $1.lowercased() })
    }

    @Test("--version prints the version")
    func version() throws {
        let run = try CairnProcess.run(["--version"])
        #expect(run.status == 0)
        #expect(run.stdout.range(of: #"^\d+\.\d+\.\d+\n$"#, options: .regularExpression) != nil, "\(run.stdout)")
    }
}

/// `skills search` finds the skills of the workspace's framework files before any import.
@Suite("cairn skills search: the workspace's framework files")
struct SkillsSearchWorkspaceEndToEndTests {
    @Test("with no store, the Frameworks/ files are searched; an unknown framework names the closest")
    func withoutStore() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try FileManager.default.copyItem(at: CairnProcess.packageRoot.appendingPathComponent("Frameworks"),
                                         to: folder.url.appendingPathComponent("Frameworks"))
        let run = try CairnProcess.run(["skills", "search", "visualisation"], in: folder.url)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("Data visualisation  [sfia] VISL"), "\(run.stdout)")
        #expect(run.stdout.contains("data visualisation software  [esco]"), "\(run.stdout)")
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent(".cairn").path))
        let only = try CairnProcess.run(["skills", "search", "data", "--framework", "SFIA", "--format", "json"], in: folder.url)
        let hits = try #require((try JSONSerialization.jsonObject(with: Data(only.stdout.utf8)) as? [String: Any])?["hits"] as? [[String: Any]])
        #expect(!hits.isEmpty && hits.allSatisfy { $0["framework"] as? String == "sfia" }, "\(hits)")
        let unknown = try CairnProcess.run(["skills", "search", "data", "--framework", "sfai"], in: folder.url)
        #expect(unknown.status == 64 && unknown.stderr.contains("did you mean \"sfia\"?"), "\(unknown.stderr)")
        let empty = try TemporaryFolder()
        defer { empty.remove() }
        let none = try CairnProcess.run(["skills", "search", "data"], in: empty.url)
        #expect(none.status == 66 && none.stderr.contains("no frameworks"), "\(none.stderr)")
    }
}

/// `cairn rdf canonicalize`: any N-Quads file, canonicalised as Cairn does before checking a proof.
@Suite("cairn rdf canonicalize")
struct RDFCanonicalizeEndToEndTests {
    @Test("a diamond of blank nodes: canonical N-Quads, the identifiers map, SHA-384, and refusals")
    func canonicalize() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let input = try folder.write("diamond.nq", """
            <http://example.org/vocab#test> <http://example.org/vocab#A> _:a .
            <http://example.org/vocab#test> <http://example.org/vocab#B> _:b .
            _:a <http://example.org/vocab#next> _:c .
            _:b <http://example.org/vocab#next> _:c .

            """)
        let run = try CairnProcess.run(["rdf", "canonicalize", input.path])
        #expect(run.status == 0, "\(run.stderr)")
        // The expected output of the W3C suite's test020 (the same diamond).
        #expect(run.stdout == """
            <http://example.org/vocab#test> <http://example.org/vocab#A> _:c14n2 .
            <http://example.org/vocab#test> <http://example.org/vocab#B> _:c14n0 .
            _:c14n0 <http://example.org/vocab#next> _:c14n1 .
            _:c14n2 <http://example.org/vocab#next> _:c14n1 .

            """)
        let map = try CairnProcess.run(["rdf", "canonicalize", input.path, "--map", "--hash", "sha384"])
        let issued = try #require(try JSONSerialization.jsonObject(with: Data(map.stdout.utf8)) as? [String: String])
        #expect(issued == ["a": "c14n0", "b": "c14n2", "c": "c14n1"], "\(map.stdout)")
        let broken = try folder.write("broken.nq", "<a> <b> \"x\n")
        let refused = try CairnProcess.run(["rdf", "canonicalize", broken.path])
        #expect(refused.status == 65 && refused.stderr.contains("broken.nq:1:11: a literal is not closed by \""), "\(refused.stderr)")
        let missing = try CairnProcess.run(["rdf", "canonicalize", folder.url.appendingPathComponent("none.nq").path])
        #expect(missing.status == 66)
    }
}
