import CairnTestSupport
import Foundation
import Testing

/// `cairn credits` on the bundled learners and policies. Every total here was worked out by
/// hand from the files in Pathways/ (see the comments), not copied from Cairn's output.
@Suite("cairn credits")
struct CreditsEndToEndTests {
    struct Expected: Sendable, CustomTestStringConvertible {
        var policy: String
        var learner: String
        var total: String
        var unrounded: String
        var counted: [String]
        var why: String
        var testDescription: String { "\(learner) under \(policy): \(total)" }
    }

    static let expected: [Expected] = [
        Expected(policy: "northbridge-ects", learner: "amara", total: "21", unrounded: "21",
                 counted: ["stakeholder-communication", "data-capstone-project", "data-analysis-foundations", "applied-data-capstone"],
                 why: "DAF block 12 replaces its nine badges; capstone block 3 adds to the project (5 ECTS, meets) and "
                    + "communication (1 ECTS as PM 100); the DAF badge itself has no result, below the minimum"),
        Expected(policy: "northbridge-ects", learner: "dana", total: "2", unrounded: "2",
                 counted: ["agile-fundamentals", "backlog-refinement"],
                 why: "four project-practice badges pass 70 (sprint-planning is revoked), 1 ECTS each; the issuer cap of 2 "
                    + "keeps the two earliest"),
        Expected(policy: "northbridge-ects", learner: "kai", total: "0", unrounded: "0", counted: [],
                 why: "communication earned 2021-11-28, more than P5Y before; the project result is participated; the "
                    + "DAF badge has no result"),
        Expected(policy: "northbridge-ects", learner: "lena", total: "5", unrounded: "5", counted: ["mc-data-governance"],
                 why: "her one badge is a Europass (ELM 3) micro-credential sealed by the CPD centre: 5 ECTS, pass, under "
                    + "certificate-modules"),
        Expected(policy: "lakeside-sh", learner: "amara", total: "8.1", unrounded: "49/6",
                 counted: ["spreadsheet-analysis", "descriptive-statistics", "stakeholder-communication", "data-cleaning",
                           "data-mining-intro", "sql-querying", "dataviz-tableau", "data-capstone-project"],
                 why: "data and statistics badges at 1 SH per 2 ECTS: 1 + 0.5 + 1 + 0.5 + 1 + 1 + 2.5 = 7.5, plus the "
                    + "communication badge as one quarter hour = 2/3 SH: 49/6, rounded down to a tenth"),
        Expected(policy: "lakeside-sh", learner: "dana", total: "2", unrounded: "2",
                 counted: ["backlog-refinement", "retrospective-facilitation", "stakeholder-communication"],
                 why: "three agile-practice badges at 2/3 SH each; agile-fundamentals is not agile-practice"),
        Expected(policy: "lakeside-sh", learner: "felix", total: "4", unrounded: "4",
                 counted: ["spreadsheet-analysis", "sql-querying", "dataviz-python", "predictive-modelling"],
                 why: "6.5 SH all in 2025 under a 4-hour yearly cap: four 1-hour badges fill it exactly (3.5 with the "
                    + "half-hour one); ties keep the earliest"),
    ]

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test("totals and counted lines on the bundled learners, checked by hand", arguments: expected)
    func bundled(_ expected: Expected) throws {
        let run = try CairnProcess.run(["credits", "--policy", expected.policy, "--learner", expected.learner,
                                        "--as-of", "2026-11-29", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let transcript = try Self.json(run.stdout)
        #expect(transcript["policy"] as? String == expected.policy)
        #expect(transcript["learner"] as? String == expected.learner)
        #expect(transcript["asOf"] as? String == "2026-11-29")
        #expect(transcript["totalExact"] as? String == expected.total, "\(expected.why)")
        #expect(transcript["unroundedTotal"] as? String == expected.unrounded, "\(expected.why)")
        let lines = try #require(transcript["lines"] as? [[String: Any]])
        let counted = lines.filter { $0["counted"] as? Bool == true }.map { ($0["badge"] ?? $0["pathway"]) as? String }
        #expect(counted == expected.counted, "\(expected.why)")
        for line in lines {
            #expect(line["credits"] is NSNumber)
            #expect((line["reason"] as? String)?.isEmpty == false)
            #expect((line["badge"] != nil) != (line["pathway"] != nil))
        }
    }

    @Test("the text transcript is one a registrar signs; --explain adds the rule of each line and the policy's rules")
    func text() throws {
        let run = try CairnProcess.run(["credits", "--policy", "northbridge-ects", "--learner", "dana", "--as-of", "2026-11-29",
                                        "--explain"])
        #expect(run.status == 0, "\(run.stderr)")
        for expected in ["Northbridge University — Credit for micro-credentials toward the BSc Data Science",
                         "Policy northbridge-ects, version 2026.1 · credit in ECTS", "Learner dana · as of 2026-11-29",
                         "Credit granted", "project-practice", "Not counted",
                         "Retrospective Facilitation [retrospective-facilitation] (1 ECTS): cut by the cap on https://pm.example.org of 2",
                         "Sprint Planning [sprint-planning]: revoked by the issuer", "Total credit: 2 ECTS",
                         "Rules of northbridge-ects (the first that matches decides):", "Certified by"] {
            #expect(run.stdout.contains(expected), "missing \(expected)")
        }
        let plain = try CairnProcess.run(["credits", "--policy", "northbridge-ects", "--learner", "dana", "--as-of", "2026-11-29"])
        #expect(!plain.stdout.contains("Rules of northbridge-ects"))
    }

    @Test("CSV: a header and one row per badge or stack, exact credits as decimal and fraction, CRLF lines")
    func csv() throws {
        let run = try CairnProcess.run(["credits", "--policy", "lakeside-sh", "--learner", "amara", "--as-of", "2026-11-29",
                                        "--format", "csv"])
        #expect(run.status == 0, "\(run.stderr)")
        let rows = run.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(rows.first == "learner,policy,policy_version,as_of,kind,id,name,issued,rule,equivalent_to,result,grade,"
                + "credits,credits_exact,unit,counted,decision,reason")
        #expect(rows.count == 1 + 12 + 1 + 1)   // amara's 12 badges, one stack rule, the total
        let communication = try #require(rows.first { $0.contains(",stakeholder-communication,") })
        #expect(communication.contains(",0.666666666667,2/3,US-semester-hours,true,counted,"))
        #expect(rows.contains { $0.hasPrefix("amara,lakeside-sh,2026.1,2026-11-29,pathway,sprint-planning-practitioner,") })
    }

    @Test("a policy file works as well as an id; a policy whose conversion is missing is a clear error, exit 65")
    func policyFile() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let policy = try folder.write("policy.yaml", """
            policy: no-ratio
            version: "1"
            unit: US-semester-hours
            rules: [{ id: all, credits: declared }]
            """)
        let run = try CairnProcess.run(["credits", "--policy", policy.path, "--learner", "dana", "--as-of", "2026-11-29"])
        #expect(run.status == 65)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("rule \"all\" gives agile-fundamentals credit in ECTS, and the policy declares no conversion from ECTS to US-semester-hours"))
        let unknown = try CairnProcess.run(["credits", "--policy", "nowhere", "--learner", "dana"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("lakeside-sh"))
    }

    @Test("--record appends to the decision log; the same inputs give the same digest; history lists both")
    func record() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = folder.url.appendingPathComponent("store.sqlite").path
        let arguments = ["credits", "--policy", "lakeside-sh", "--learner", "Pathways/learners/amara.yaml",
                         "--as-of", "2026-11-29", "--record", "--store", store]
        let first = try CairnProcess.run(arguments)
        let second = try CairnProcess.run(arguments + ["--format", "json"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(second.status == 0, "\(second.stderr)")
        #expect(first.stdout.contains("Recorded in the decision log as #1, "))
        #expect(second.stderr.contains("cairn: note: decision #1, recorded ") && second.stderr.contains("has the same inputs and outcome"))
        #expect(second.stderr.contains("cairn: recorded decision #2, digest "))
        let history = try CairnProcess.run(["credits", "history", "--learner", "amara", "--store", store, "--format", "json"])
        #expect(history.status == 0, "\(history.stderr)")
        let decisions = try #require(try Self.json(history.stdout)["decisions"] as? [[String: Any]])
        #expect(decisions.count == 2)
        #expect(decisions.map { $0["total"] as? String } == ["8.1", "8.1"])
        #expect(decisions[0]["digest"] as? String == decisions[1]["digest"] as? String)
        let inputs = try #require(decisions[0]["inputs"] as? [[String: Any]])
        let paths = inputs.compactMap { $0["path"] as? String }
        #expect(paths.contains("Pathways/policies/policy-lakeside-semester-hours.yaml"))
        #expect(paths.contains("Pathways/learners/amara.yaml"))
        #expect(paths.contains("Pathways/data-analysis/badges.yaml"))
        // A different day is a different decision.
        _ = try CairnProcess.run(["credits", "--policy", "lakeside-sh", "--learner", "Pathways/learners/amara.yaml",
                                  "--as-of", "2026-11-30", "--record", "--store", store])
        let all = try #require(try Self.json(try CairnProcess.run(["credits", "history", "--learner", "amara", "--store", store,
                                                                   "--format", "json"]).stdout)["decisions"] as? [[String: Any]])
        #expect(all.count == 3)
        #expect(all[2]["digest"] as? String != all[0]["digest"] as? String)
    }

    @Test("Open Badges twin: amara-credentials gets amara's transcript once its hosted assertion is accepted")
    func twin() throws {
        let strict = try CairnProcess.run(["credits", "--policy", "northbridge-ects", "--learner", "amara-credentials",
                                           "--as-of", "2026-11-29"])
        #expect(strict.status == 0, "\(strict.stderr)")
        #expect(strict.stdout.contains("not proven to come from its issuer: hosted verification"), "\(strict.stdout)")
        let twin = try CairnProcess.run(["credits", "--policy", "northbridge-ects", "--learner", "amara-credentials",
                                         "--as-of", "2026-11-29", "--format", "json", "--accept", "unverified"])
        let yaml = try CairnProcess.run(["credits", "--policy", "northbridge-ects", "--learner", "amara",
                                         "--as-of", "2026-11-29", "--format", "json"])
        #expect(twin.status == 0, "\(twin.stderr)")
        #expect(twin.stdout.replacingOccurrences(of: "amara-credentials", with: "amara") == yaml.stdout)
    }
}
