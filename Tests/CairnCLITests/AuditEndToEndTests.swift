import CairnTestSupport
import Foundation
import Testing

@Suite("cairn audit")
struct AuditEndToEndTests {
    func json(_ run: CairnRun) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8))
        return try #require(object as? [String: Any])
    }

    @Test("JSON follows the contract: pathway, learner, asOf, complete, progress, root")
    func jsonContract() throws {
        let run = try CairnProcess.run(["audit", "--pathway", "data-analysis-foundations",
                                        "--learner", "Pathways/learners/bruno.yaml", "--as-of", "2026-11-29",
                                        "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let report = try json(run)
        #expect(report["pathway"] as? String == "data-analysis-foundations")
        #expect(report["learner"] as? String == "bruno")
        #expect(report["asOf"] as? String == "2026-11-29")
        #expect(report["complete"] as? Bool == false)
        #expect(report["progressExact"] as? String == "5/12")
        let progress = try #require(report["progress"] as? Double)
        #expect(abs(progress - 5.0 / 12.0) < 1e-9)
        var leaves = 0
        func check(_ node: [String: Any]) {
            for key in ["kind", "label", "satisfied", "progress", "children"] {
                #expect(node[key] != nil, "node without \(key)")
            }
            let children = node["children"] as? [[String: Any]] ?? []
            if children.isEmpty {
                leaves += 1
                #expect(node["assigned"] is [String])
                for rejection in node["rejected"] as? [[String: Any]] ?? [] {
                    #expect(rejection["badge"] is String)
                    #expect(rejection["reason"] is String)
                }
            }
            children.forEach(check)
        }
        check(try #require(report["root"] as? [String: Any]))
        #expect(leaves >= 8)
        #expect(run.stdout.contains("\"code\": \"lapsed\""))
    }

    @Test("Every bundled outcome, through the binary", arguments: BundledOutcome.all.filter { $0.learner < "d" })
    func bundledOutcomes(_ expected: BundledOutcome) throws {
        let run = try CairnProcess.run(["audit", "--pathway", expected.pathway,
                                        "--learner", "Pathways/learners/\(expected.learner).yaml",
                                        "--as-of", BundledOutcome.asOf, "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let report = try json(run)
        #expect(report["complete"] as? Bool == expected.complete, "\(expected.why)")
        #expect(report["progressExact"] as? String == expected.progress, "\(expected.why)")
    }

    @Test("The text report is a tree with statuses, badges and reasons")
    func textReport() throws {
        let run = try CairnProcess.run(["audit", "--pathway", "data-analysis-foundations", "--learner", "chen",
                                        "--as-of", "2026-11-29"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("Data Analysis: Foundations (data-analysis-foundations) for chen, as of 2026-11-29"))
        #expect(run.stdout.contains("not complete · progress 66.7% (2/3)"))
        #expect(run.stdout.contains("├─ ✘ SQL Querying"))
        #expect(run.stdout.contains("lapsed: expired on 2026-02-28"))
    }

    @Test("A pathway file is accepted in place of an id")
    func pathwayFile() throws {
        let run = try CairnProcess.run(["audit", "--pathway", "Pathways/data-analysis/research-methods.yaml",
                                        "--learner", "Pathways/learners/amara.yaml", "--as-of", "2026-11-29",
                                        "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try json(run)["complete"] as? Bool == true)
    }

    @Test("Exit codes: 64 usage, 65 invalid data, 66 missing file", arguments: [
        (["audit", "--pathway", "nope", "--learner", "amara"], Int32(64), "unknown pathway \"nope\""),
        (["audit", "--pathway", "data-analysis-foundations", "--learner", "amara", "--as-of", "29/11/2026"], 64, "--as-of"),
        (["audit", "--pathway", "data-analysis-foundations"], 64, "--learner"),
        (["audit", "--pathway", "data-analysis-foundations", "--learner", "missing.yaml"], 66, "missing.yaml"),
        (["frobnicate"], 64, "frobnicate"),
    ])
    func exitCodes(arguments: [String], status: Int32, message: String) throws {
        let run = try CairnProcess.run(arguments)
        #expect(run.status == status, "\(run.stderr)")
        #expect(run.stderr.contains(message), "\(run.stderr)")
        #expect(run.stdout.isEmpty)
    }

    @Test("A malformed learner record exits 65 naming file, line and column")
    func malformedLearner() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let file = try folder.write("bad.yaml", "learner: x\nbadges:\n  - { badge: sql-querying, issued: 2025-03-01, expires: soon }\n")
        let run = try CairnProcess.run(["audit", "--pathway", "data-analysis-foundations", "--learner", file.path])
        #expect(run.status == 65)
        #expect(run.stderr.contains("bad.yaml:3:"), "\(run.stderr)")
        #expect(run.stderr.contains("soon"))
        #expect(run.stdout.isEmpty)
    }

    @Test("a date option naming a day that does not exist says so", arguments: [
        (["audit", "--pathway", "data-analysis-foundations", "--learner", "Pathways/learners/bruno.yaml",
          "--as-of", "2024-02-30"], "--as-of: 2024-02-30 does not exist: February 2024 has 29 days"),
        (["audit", "--pathway", "data-analysis-foundations", "--learner", "Pathways/learners/bruno.yaml",
          "--as-of", "29/11/2026"], "--as-of expects a calendar date such as 2026-11-29"),
        (["plan", "--pathway", "data-analysis-foundations", "--learner", "Pathways/learners/bruno.yaml",
          "--as-of", "2026-11-29", "--by", "2027-06-31"], "--by: 2027-06-31 does not exist: June 2027 has 30 days"),
    ])
    func nonexistentDay(arguments: [String], message: String) throws {
        let run = try CairnProcess.run(arguments)
        #expect(run.status == 64, "\(run.stderr)")
        #expect(run.stderr.contains(message), "\(run.stderr)")
        #expect(run.stdout.isEmpty)
    }
}
