import CairnTestSupport
import Foundation
import Testing

/// Catalogue-year versions and pending earnings through the real `cairn` binary, on the bundled
/// data: inclusive-assessment-design has a 2025.1 and a 2026.1 version; hana (catalogue year 2025)
/// has a retake in progress, gita (catalogue year 2026) none.
@Suite("cairn audit: versions and pending earnings")
struct VersionsAndPendingEndToEndTests {
    static let pathway = "inclusive-assessment-design"

    /// A cohort command over the bundled learners as of 2026-11-29, its CSV lines.
    func csvLines(_ command: String) throws -> [String] {
        let run = try CairnProcess.run([command, "--pathway", Self.pathway, "--learners", "Pathways/learners",
                                        "--as-of", "2026-11-29", "--format", "csv"])
        #expect(run.status == 0, "\(run.stderr)")
        return run.stdout.split(separator: "\r\n").map(String.init)
    }

    func json(_ run: CairnRun) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    }

    @Test("the catalogue year picks the version; the header says which and why, with the pending figure")
    func catalogueYearText() throws {
        let run = try CairnProcess.run(["audit", "--pathway", Self.pathway, "--learner", "hana", "--as-of", "2026-11-29"])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "Inclusive Assessment Design (inclusive-assessment-design) for hana, as of 2026-11-29 "
                + "· version 2025.1 (catalogue year 2025)")
        #expect(lines.dropFirst().first == "not complete · progress 75% · pending: complete with 1 in-progress badge, expected by 2027-01-15")
        #expect(run.stdout.contains("in progress, expected 2027-01-15"))
    }

    @Test("JSON carries version, versionReason and pending; the pending badge is rejected with code pending")
    func catalogueYearJSON() throws {
        let run = try CairnProcess.run(["audit", "--pathway", Self.pathway, "--learner", "hana", "--as-of", "2026-11-29",
                                        "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let report = try json(run)
        #expect(report["version"] as? String == "2025.1")
        #expect(report["versionReason"] as? String == "catalogue year 2025")
        #expect(report["complete"] as? Bool == false)
        #expect(report["progressExact"] as? String == "0.75")
        let pending = try #require(report["pending"] as? [String: Any])
        #expect(pending["complete"] as? Bool == true)
        #expect(pending["progressExact"] as? String == "1")
        let badges = try #require(pending["badges"] as? [[String: Any]])
        #expect(badges.map { $0["status"] as? String } == ["in-progress"])
        #expect(badges.map { $0["expected"] as? String } == ["2027-01-15"])
        #expect(run.stdout.contains(#""code": "pending""#))
    }

    @Test("--version audits in the version asked for; a learner without pending earnings has no pending key")
    func requestedVersion() throws {
        let run = try CairnProcess.run(["audit", "--pathway", Self.pathway, "--learner", "hana", "--as-of", "2026-11-29",
                                        "--version", "2026.1", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let report = try json(run)
        #expect(report["version"] as? String == "2026.1")
        #expect(report["versionReason"] as? String == "requested")
        #expect(report["progressExact"] as? String == "0.5")
        let gita = try json(try CairnProcess.run(["audit", "--pathway", Self.pathway, "--learner", "gita",
                                                  "--as-of", "2026-11-29", "--format", "json"]))
        #expect(gita["version"] as? String == "2026.1")
        #expect(gita["versionReason"] as? String == "catalogue year 2026")
        #expect(gita["pending"] == nil)
    }

    @Test("an unknown --version is refused with the closest version")
    func unknownVersion() throws {
        let run = try CairnProcess.run(["audit", "--pathway", Self.pathway, "--learner", "hana", "--as-of", "2026-11-29",
                                        "--version", "2026.2"])
        #expect(run.status != 0)
        #expect(run.stderr.contains(#"unknown version of pathway inclusive-assessment-design "2026.2"; did you mean "2026.1" or "2025.1"?"#),
                "\(run.stderr)")
    }

    @Test("a cohort CSV ends with the version and the pending figures")
    func cohortCSV() throws {
        let lines = try csvLines("audit")
        #expect(lines.first == "learner,pathway,complete,progress,progress_exact,exact,missing,version,complete_pending,progress_pending")
        #expect(lines.contains("hana,inclusive-assessment-design,no,75,0.75,yes,Develop inclusive learning material,2025.1,yes,100"))
        #expect(lines.contains("gita,inclusive-assessment-design,yes,100,1,yes,,2026.1,yes,100"))
    }

    @Test("--compare-version writes who would gain or lose by moving, in the change vocabulary")
    func compareVersion() throws {
        let run = try CairnProcess.run(["audit", "--pathway", Self.pathway, "--learners", "Pathways/learners",
                                        "--as-of", "2026-11-29", "--compare-version", "2026.1", "--format", "csv"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == "learner,pathway,change,complete_before,progress_before,complete_after,progress_after\r\n"
                + "hana,inclusive-assessment-design,progress down,no,0.75,no,0.5\r\n")
        #expect(run.stderr.contains("would change"))
    }

    @Test("a plan cohort keeps complete-now and complete-pending apart")
    func planCohort() throws {
        let lines = try csvLines("plan")
        #expect(lines.first?.hasSuffix(",next,complete_pending") == true)
        #expect(lines.contains("hana,inclusive-assessment-design,no,0.75,yes,0,0,count,yes,,yes"))
        #expect(lines.contains("gita,inclusive-assessment-design,yes,1,yes,0,0,count,yes,,yes"))
    }

    @Test("cairn credits grants nothing for a pending earning, and says so")
    func creditsSkipPending() throws {
        let run = try CairnProcess.run(["credits", "--policy", "northbridge-ects", "--learner", "hana", "--as-of", "2026-11-29"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("2027-01-15 Universal Design for Learning [universal-design-for-learning]: in progress, "
                                    + "expected 2027-01-15: not awarded yet, so it earns no credit"), "\(run.stdout)")
        let json = try CairnProcess.run(["credits", "--policy", "northbridge-ects", "--learner", "hana", "--as-of", "2026-11-29",
                                         "--format", "json"])
        #expect(json.stdout.contains(#""decision": "pending""#), "\(json.stdout)")
    }

    @Test("cairn issue never issues on the pending figure: hana is complete only once her retake is awarded")
    func issueRefusesPending() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let keys = try CairnProcess.run(["keys", "generate", "--issuer", "https://teach.example.edu",
                                         "--out", folder.url.appendingPathComponent("keys").path])
        try #require(keys.status == 0, "\(keys.stderr)")
        let run = try CairnProcess.run(["issue", "--pathway", Self.pathway, "--learner", "hana", "--as-of", "2027-02-01",
                                        "--key", folder.url.appendingPathComponent("keys/issuer-key.jwk").path,
                                        "--store", folder.url.appendingPathComponent("store.sqlite").path])
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("hana has not completed inclusive-assessment-design"), "\(run.stderr)")
    }
}
