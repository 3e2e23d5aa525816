import CairnTestSupport
import Foundation
import Testing

/// `cairn roles` on the bundled learners, the bundled ESCO sample (four occupations) and the
/// profiles in Frameworks/roles. Figures worked out by hand from those files.
@Suite("cairn roles")
struct RolesEndToEndTests {
    static let dataAnalyst = "http://data.europa.eu/esco/occupation/d3edb8f8-3a06-47a0-8fb9-9b212c006aa2"
    static let ictProjectManager = "http://data.europa.eu/esco/occupation/8b6388a4-4904-471b-9331-d3b1211f5525"

    static func json(_ arguments: [String]) throws -> [String: Any] {
        let run = try CairnProcess.run(arguments)
        #expect(run.status == 0, "\(run.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    }

    @Test("amara: data analyst fully covered; ICT project manager 1/3 essential, 1/4 optional, score 5/16, with the gaps named and a badge to close them")
    func amara() throws {
        let report = try Self.json(["roles", "--learner", "amara", "--as-of", "2026-11-29", "--top", "10", "--format", "json"])
        #expect(report["learner"] as? String == "amara")
        let roles = try #require(report["roles"] as? [[String: Any]])
        #expect(roles.first?["score"] as? Double == 1)
        let analyst = try #require(roles.first { $0["role"] as? String == Self.dataAnalyst })
        #expect(analyst["essentialCoverage"] as? Double == 1)
        #expect((analyst["missingEssential"] as? [String])?.isEmpty == true)
        // perform project management (the capstone project) of three essential skills; negotiate
        // compromises (stakeholder communication) of four optional ones: (3 × 1/3 + 1/4) / 4.
        let manager = try #require(roles.first { $0["role"] as? String == Self.ictProjectManager })
        #expect(manager["score"] as? Double == 0.3125)
        #expect((manager["essentialCoverage"] as? Double).map { abs($0 - 1.0 / 3) < 1e-9 } == true)
        #expect(manager["optionalCoverage"] as? Double == 0.25)
        #expect((manager["missingEssential"] as? [String])?.count == 2)
        let recommended = try #require(manager["recommended"] as? [String: Any])
        #expect(recommended["exact"] as? Bool == true)
        #expect((recommended["badges"] as? [[String: Any]])?.map { $0["badge"] as? String } == ["sprint-planning"])
        // Ranked best first.
        let scores = roles.compactMap { $0["score"] as? Double }
        #expect(scores == scores.sorted(by: >))
    }

    @Test("levels and lapsed skills: amara's DTAN is level 3 against a level-4 profile; chen's SQL badge has lapsed")
    func levelsAndLapsed() throws {
        let amara = try Self.json(["roles", "--learner", "amara", "--role", "sfia-data-engineer-4", "--as-of", "2026-11-29",
                                   "--format", "json"])
        let engineer = try #require((amara["roles"] as? [[String: Any]])?.first)
        let shortfalls = try #require(engineer["levelShortfalls"] as? [[String: Any]])
        #expect(shortfalls.map { $0["skill"] as? String } == ["DTAN"])
        #expect(shortfalls.first?["held"] as? Int == 3)
        #expect(shortfalls.first?["required"] as? Int == 4)
        let chen = try CairnProcess.run(["roles", "--learner", "chen", "--role", Self.dataAnalyst, "--as-of", "2026-11-29"])
        #expect(chen.stdout.contains("lapsed (renew to count again): SQL"))
        #expect(chen.stdout.contains("score 76.7%"))           // (3 × 4/5 + 2/3) / 4
    }

    @Test("match ranks the people of a folder for one role, ties by essential coverage then name")
    func match() throws {
        let report = try Self.json(["roles", "match", "--role", Self.dataAnalyst, "--learners", "Pathways/learners",
                                    "--as-of", "2026-11-29", "--format", "json"])
        let learners = try #require(report["learners"] as? [[String: Any]])
        #expect(learners.count == 13)
        let names = learners.compactMap { $0["learner"] as? String }
        #expect(Array(names.prefix(2)) == ["amara", "amara-credentials"])
        let scores = learners.compactMap { $0["score"] as? Double }
        #expect(scores == scores.sorted(by: >))
        // Cut to the top few, the text says of how many; the CSV names the role and the missing skills.
        let top = try CairnProcess.run(["roles", "match", "--role", "data analyst", "--learners", "Pathways/learners",
                                        "--as-of", "2026-11-29", "--top", "3"])
        #expect(top.stdout.hasPrefix("data analyst (\(Self.dataAnalyst)), as of 2026-11-29: top 3 of 13 people\n"), "\(top.stdout)")
        let csv = try CairnProcess.run(["roles", "match", "--role", "data analyst", "--learners", "Pathways/learners",
                                        "--as-of", "2026-11-29", "--format", "csv"])
        let rows = csv.stdout.components(separatedBy: "\r\n")
        #expect(rows.first == "rank,learner,role,title,score,essential_coverage,optional_coverage,missing_essential,missing_essential_names")
        #expect(rows.contains { $0.hasPrefix("3,felix,\(Self.dataAnalyst),data analyst,") && $0.hasSuffix(",data analytics") }, "\(rows)")
        let fit = try CairnProcess.run(["roles", "fit", "--learner", "chen", "--as-of", "2026-11-29", "--format", "csv", "--top", "1"])
        #expect(fit.stdout.components(separatedBy: "\r\n").dropFirst().first?.hasSuffix(
            "http://data.europa.eu/esco/skill/97bd1c21-66b2-4b7e-ad0f-e3cda590e378,data analytics") == true, "\(fit.stdout)")
    }

    @Test("the matrix is a person × role CSV with every role as a column, headed by title and id (or ids alone)")
    func matrix() throws {
        let titled = try CairnProcess.run(["roles", "matrix", "--learners", "Pathways/learners", "--as-of", "2026-11-29"])
        #expect(titled.stdout.hasPrefix("learner,secondary school teacher [http://data.europa.eu/esco/occupation/"), "\(titled.stdout.prefix(200))")
        #expect(titled.stdout.contains(",data analyst [\(Self.dataAnalyst)],"))
        let run = try CairnProcess.run(["roles", "matrix", "--learners", "Pathways/learners", "--as-of", "2026-11-29",
                                        "--header", "ids"])
        #expect(run.status == 0, "\(run.stderr)")
        let rows = run.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(rows.count == 14)
        let header = rows[0].split(separator: ",").map(String.init)
        #expect(header.first == "learner")
        #expect(header.contains(Self.dataAnalyst) && header.contains("sfia-data-engineer-4"))
        let amara = try #require(rows.first { $0.hasPrefix("amara,") }).split(separator: ",").map(String.init)
        let column = try #require(header.firstIndex(of: Self.ictProjectManager))
        #expect(amara[column] == "0.3125")
        #expect(amara[try #require(header.firstIndex(of: Self.dataAnalyst))] == "1")
        let only = try CairnProcess.run(["roles", "matrix", "--learners", "Pathways/learners", "--roles", "data analyst",
                                         "--header", "ids"])
        #expect(only.stdout.hasPrefix("learner,\(Self.dataAnalyst)\r\n"))
    }

    @Test("an unknown role is a usage error naming some known ones")
    func unknownRole() throws {
        let run = try CairnProcess.run(["roles", "--learner", "amara", "--role", "astronaut"])
        #expect(run.status == 64)
        #expect(run.stderr.contains("unknown role \"astronaut\""))
    }
}
