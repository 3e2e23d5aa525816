import CairnTestSupport
import Foundation
import Testing

/// The bundled two-destination programme (Pathways/programme) through the real `cairn` binary:
/// audits reporting every destination and milestone, plans toward one destination, issuing of a
/// milestone once, and the validator's places.
@Suite("Pathways with several destinations and milestones, end to end")
struct DestinationEndToEndTests {
    static let pathway = "data-stewardship-programme"

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test("audit reports each destination with its own tree, then the milestones")
    func auditText() throws {
        let run = try CairnProcess.run(["audit", "--pathway", Self.pathway, "--learner", "elif", "--as-of", "2026-11-29"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("Data Stewardship Programme (data-stewardship-programme) for elif, as of 2026-11-29"))
        #expect(run.stdout.contains("not complete · progress 50%"), "\(run.stdout)")
        #expect(run.stdout.contains("Destination Certificate in Data Stewardship (certificate), awards Certificate in Data Stewardship [dsp-exit-certificate]: not reached · progress 50%"),
                "\(run.stdout)")
        #expect(run.stdout.contains("Destination Diploma in Data Stewardship (diploma)"), "\(run.stdout)")
        #expect(run.stdout.contains("Milestones:\n✔ Foundation in Data Stewardship (requirement core), awards Foundation in Data Stewardship [dsp-foundation]: met"),
                "\(run.stdout)")
    }

    @Test("audit --format json gives destinations and milestones; a pathway with one destination gives neither")
    func auditJSON() throws {
        let run = try CairnProcess.run(["audit", "--pathway", Self.pathway, "--learner", "elif", "--as-of", "2026-11-29",
                                        "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let object = try Self.json(run.stdout)
        let destinations = try #require(object["destinations"] as? [[String: Any]])
        #expect(destinations.map { $0["id"] as? String } == ["certificate", "diploma"])
        #expect(destinations.map { $0["complete"] as? Bool } == [false, false])
        #expect(destinations.first?["progressExact"] as? String == "0.5")
        #expect(destinations.first?["root"] is [String: Any])
        let milestones = try #require(object["milestones"] as? [[String: Any]])
        #expect(milestones.map { $0["awards"] as? String } == ["dsp-foundation"])
        #expect(milestones.map { $0["met"] as? Bool } == [true])

        let single = try CairnProcess.run(["audit", "--pathway", "data-analysis-foundations", "--learner", "elif",
                                           "--as-of", "2026-11-29", "--format", "json"])
        let plain = try Self.json(single.stdout)
        #expect(plain["destinations"] == nil && plain["milestones"] == nil)
    }

    @Test("plan --destination targets one destination; without it, the nearest; --milestone its requirement")
    func plans() throws {
        let diploma = try CairnProcess.run(["plan", "--pathway", Self.pathway, "--learner", "elif", "--as-of", "2026-11-29",
                                            "--destination", "diploma", "--format", "json"])
        #expect(diploma.status == 0, "\(diploma.stderr)")
        let plan = try Self.json(diploma.stdout)
        let target = try #require(plan["target"] as? [String: Any])
        #expect(target["kind"] as? String == "destination")
        #expect(target["id"] as? String == "diploma")
        #expect(target["chosen"] as? String == "as asked")
        let steps = try #require(plan["steps"] as? [[String: Any]])
        #expect(steps.count == 2, "one more advanced module and the dissertation: \(steps)")

        let nearest = try CairnProcess.run(["plan", "--pathway", Self.pathway, "--learner", "elif", "--as-of", "2026-11-29"])
        #expect(nearest.status == 0, "\(nearest.stderr)")
        #expect(nearest.stdout.contains("toward the destination Certificate in Data Stewardship (certificate), which awards dsp-exit-certificate — the nearest of 2 destinations"),
                "\(nearest.stdout)")
        #expect(nearest.stdout.contains("Stewardship Practice Project [dsp-practice-project]"), "\(nearest.stdout)")

        let milestone = try CairnProcess.run(["plan", "--pathway", Self.pathway, "--learner", "elif", "--as-of", "2026-11-29",
                                              "--milestone", "dsp-foundation"])
        #expect(milestone.status == 0, "\(milestone.stderr)")
        #expect(milestone.stdout.contains("Already complete"), "\(milestone.stdout)")

        let unknown = try CairnProcess.run(["plan", "--pathway", Self.pathway, "--learner", "elif", "--destination", "diplom"])
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("diplom") && unknown.stderr.contains("diploma"), "\(unknown.stderr)")
    }

    @Test("issue --award issues a met milestone once per learner, and never an unmet destination")
    func issuing() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let keys = folder.url.appendingPathComponent("keys").path
        let key = try CairnProcess.run(["keys", "generate", "--issuer", "https://stewardship.example.edu", "--out", keys])
        try #require(key.status == 0, "\(key.stderr)")
        let store = folder.url.appendingPathComponent("store.sqlite").path
        func issue(_ award: String) throws -> CairnRun {
            try CairnProcess.run(["issue", "--pathway", Self.pathway, "--award", award, "--learner", "elif", "--as-of", "2026-11-29",
                                  "--key", keys + "/issuer-key.jwk", "--store", store])
        }
        let first = try issue("dsp-foundation")
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("cairn: issued urn:uuid:"), "\(first.stderr)")
        #expect(first.stdout.contains("\"Foundation in Data Stewardship\""), "the achievement is the milestone's badge")
        let second = try issue("dsp-foundation")
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stderr.contains("already holds"), "a second run issues nothing new: \(second.stderr)")
        #expect(second.stderr.contains("data-stewardship-programme#dsp-foundation"), "\(second.stderr)")
        let unmet = try issue("dsp-diploma")
        #expect(unmet.status == 1, "\(unmet.stderr)")
        #expect(unmet.stdout.isEmpty)
        #expect(unmet.stderr.contains("nothing was issued"), "\(unmet.stderr)")
        let unknown = try issue("dsp-diplome")
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("dsp-diploma"), "the closest award is named: \(unknown.stderr)")
        let plain = try CairnProcess.run(["issue", "--pathway", Self.pathway, "--learner", "elif", "--as-of", "2026-11-29",
                                          "--key", keys + "/issuer-key.jwk", "--store", store])
        #expect(plain.status == 64)
        #expect(plain.stderr.contains("issue one with --award BADGE"), "\(plain.stderr)")
    }

    @Test("issue --award with a cohort issues the milestone to those who met it, and a second run to nobody")
    func cohortIssuing() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let keys = folder.url.appendingPathComponent("keys").path
        let key = try CairnProcess.run(["keys", "generate", "--issuer", "https://stewardship.example.edu", "--out", keys])
        try #require(key.status == 0, "\(key.stderr)")
        let out = folder.url.appendingPathComponent("issued").path
        let arguments = ["issue", "--pathway", Self.pathway, "--award", "dsp-foundation", "--learners", "Pathways/learners",
                         "--as-of", "2026-11-29", "--key", keys + "/issuer-key.jwk",
                         "--store", folder.url.appendingPathComponent("store.sqlite").path, "--out", out]
        let first = try CairnProcess.run(arguments)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("1 issued, 0 already issued, 12 not complete"), "\(first.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out) == ["elif--data-stewardship-programme_dsp-foundation.json"])
        let second = try CairnProcess.run(arguments)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.isEmpty)
        #expect(second.stderr.contains("0 issued, 1 already issued"), "\(second.stderr)")
    }

    @Test("a registrar's waiver of a requirement applies in every destination that has it")
    func waiver() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = folder.url.appendingPathComponent("store.sqlite").path
        let add = try CairnProcess.run(["exceptions", "add", "--learner", "elif", "--pathway", Self.pathway, "--waive", "advanced",
                                        "--by", "j.ortiz", "--on", "2026-11-02", "--reason", "prior learning", "--store", store])
        try #require(add.status == 0, "\(add.stderr)")
        let run = try CairnProcess.run(["audit", "--pathway", Self.pathway, "--learner", "elif", "--as-of", "2026-11-29",
                                        "--store", store, "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let object = try Self.json(run.stdout)
        let destinations = try #require(object["destinations"] as? [[String: Any]])
        #expect(destinations.map { $0["progressExact"] as? String } == ["0.5", "2/3"])
        let diploma = try #require(destinations.last?["root"] as? [String: Any])
        let advanced = (diploma["children"] as? [[String: Any]])?.first { $0["id"] as? String == "advanced" }
        #expect(advanced?["kind"] as? String == "waived")
    }

    @Test("validate reports a pathway giving both requires and destinations, and a milestone naming no requirement, at their places")
    func validation() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        _ = try folder.write("Pathways/p/badges.yaml", """
            issuer: { id: "https://example.edu", name: Example }
            badges:
              - { id: a, name: A }
            """)
        _ = try folder.write("Pathways/p/both.yaml", """
            id: both
            title: Both
            requires: { badge: a }
            destinations:
              - { id: d, title: D, requires: { badge: a } }
            """)
        _ = try folder.write("Pathways/p/milestone.yaml", """
            id: milestone
            title: Milestone
            requires: { id: first, badge: a }
            milestones:
              - { requirement: firts, awards: a }
            """)
        let run = try CairnProcess.run(["validate", "--workspace", folder.url.path])
        #expect(run.status == 65, "\(run.stdout)\(run.stderr)")
        #expect(run.stderr.contains("Pathways/p/both.yaml:3:11: the pathway gives both `requires` and `destinations`"), "\(run.stderr)")
        #expect(run.stderr.contains("Pathways/p/milestone.yaml:5:5: milestone \"a\" names the requirement \"firts\""), "\(run.stderr)")
        #expect(run.stderr.contains("did you mean \"first\"?"), "\(run.stderr)")
    }
}
