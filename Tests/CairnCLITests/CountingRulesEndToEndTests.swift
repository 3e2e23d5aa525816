import CairnTestSupport
import Foundation
import Testing

@Suite("cairn audit and plan with alsoCountsFor, maxShared and atMost")
struct CountingRulesEndToEndTests {
    static let files = ["Pathways/catalogue.yaml", "Pathways/data-ethics-dual.yaml", "Pathways/learners/sam.yaml"]

    /// A workspace holding the counting-rules fixture (a copy, so runs leave the bundle alone).
    func workspace() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        for file in Self.files { try folder.write(file, FixtureFile.text("counting-rules/\(file)")) }
        return folder
    }

    @Test("The text report says where a badge counted twice and why a badge over a limit did not count")
    func text() throws {
        let folder = try workspace()
        defer { folder.remove() }
        let run = try CairnProcess.run(["audit", "--pathway", "data-ethics-dual", "--learner", "sam", "--as-of", "2026-01-15"],
                                       in: folder.url)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("not complete · progress 83.3% (5/6)"), "\(run.stdout)")
        #expect(run.stdout.contains(#"← Data Ethics [data-ethics], issued 2025-02-10, also counted for "Data Ethics" in "Ethics track""#), "\(run.stdout)")
        #expect(run.stdout.contains(#"← Data Ethics [data-ethics], issued 2025-02-10, also counted for "Data core""# + "\n"), "\(run.stdout)")
        #expect(run.stdout.contains(#"· Visualisation MOOC [mooc-viz], issued 2025-07-15: over the limit: at most 1 badge matching tag online count for "Electives""#),
                "\(run.stdout)")
    }

    @Test("The JSON report lists the second count (alsoCounted) and the over-limit code")
    func json() throws {
        let folder = try workspace()
        defer { folder.remove() }
        let run = try CairnProcess.run(["audit", "--pathway", "data-ethics-dual", "--learner", "sam", "--as-of", "2026-01-15",
                                        "--format", "json"], in: folder.url)
        #expect(run.status == 0, "\(run.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(report["progressExact"] as? String == "5/6")
        #expect(report["exact"] as? Bool == true)
        var alsoCounted: [[String: Any]] = []
        var codes: [String] = []
        func walk(_ node: [String: Any]) {
            alsoCounted += node["alsoCounted"] as? [[String: Any]] ?? []
            codes += (node["rejected"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
            (node["children"] as? [[String: Any]] ?? []).forEach(walk)
        }
        walk(try #require(report["root"] as? [String: Any]))
        #expect(alsoCounted.count == 2, "\(alsoCounted)")
        let fromTrack = alsoCounted.first { $0["label"] as? String == "Data core" }
        #expect(fromTrack?["badge"] as? String == "data-ethics")
        #expect(fromTrack?["requirement"] as? String == "core")
        #expect(fromTrack?["in"] == nil)
        let fromCore = alsoCounted.first { $0["label"] as? String == "Data Ethics" }
        #expect(fromCore?["badge"] as? String == "data-ethics")
        #expect(fromCore?["in"] as? [String: String] == ["requirement": "ethics-track", "label": "Ethics track"], "\(alsoCounted)")
        #expect(codes.contains("over-limit"))
    }

    @Test("The plan respects the limit: one more elective, not another online course")
    func plan() throws {
        let folder = try workspace()
        defer { folder.remove() }
        let run = try CairnProcess.run(["plan", "--pathway", "data-ethics-dual", "--learner", "sam", "--as-of", "2026-01-15",
                                        "--format", "json"], in: folder.url)
        #expect(run.status == 0, "\(run.stderr)")
        let plan = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let steps = (plan["steps"] as? [[String: Any]] ?? []).compactMap { $0["badge"] as? String }
        #expect(steps == ["design-seminar"], "\(run.stdout)")
        #expect(plan["optimal"] as? Bool == true, "\(run.stdout)")
    }

    @Test("validate accepts the fixture")
    func validate() throws {
        let folder = try workspace()
        defer { folder.remove() }
        let run = try CairnProcess.run(["validate"], in: folder.url)
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
    }
}
