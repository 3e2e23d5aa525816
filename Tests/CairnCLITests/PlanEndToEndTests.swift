import CairnTestSupport
import Foundation
import Testing

/// `cairn plan` on the bundled learners; plans worked out by hand from Pathways/.
@Suite("cairn plan")
struct PlanEndToEndTests {
    static func json(_ arguments: [String]) throws -> [String: Any] {
        let run = try CairnProcess.run(arguments)
        #expect(run.status == 0, "\(run.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    }

    @Test("chen, relying on badges until 2026-12-01: SQL Querying (lapsed in February), then the memo again, after it")
    func chen() throws {
        let plan = try Self.json(["plan", "--pathway", "data-analysis-foundations", "--learner", "chen", "--as-of", "2026-11-29",
                                  "--by", "2026-12-01", "--format", "json"])
        #expect(plan["complete"] as? Bool == true)
        #expect(plan["optimal"] as? Bool == true)
        #expect(plan["total"] as? Int == 2)
        let steps = try #require(plan["steps"] as? [[String: Any]])
        #expect(steps.map { $0["badge"] as? String } == ["sql-querying", "analysis-memo"])
        #expect(steps.last?["after"] as? [String] == ["sql-querying"])
        // By cost: 150 + 60 EUR.
        let cost = try Self.json(["plan", "--pathway", "data-analysis-foundations", "--learner", "chen", "--as-of", "2026-11-29",
                                  "--by", "2026-12-01", "--minimize", "cost", "--format", "json"])
        #expect(cost["total"] as? Int == 210)
        #expect(cost["currency"] as? String == "EUR")
    }

    @Test("dana, through a shared requirement: only Sprint Planning (her own was revoked), proven the least")
    func danaShared() throws {
        // Her stakeholder-communication badge fills the shared part and may count as a practice;
        // backlog refinement and retrospective facilitation are her two practices.
        let now = try Self.json(["plan", "--pathway", "sprint-planning-practitioner", "--learner", "dana", "--as-of", "2026-11-29",
                                 "--by", "2026-11-29", "--format", "json"])
        #expect(now["optimal"] as? Bool == true)
        #expect((now["steps"] as? [[String: Any]])?.map { $0["badge"] as? String } == ["sprint-planning"])
        #expect((now["branches"] as? Int).map { $0 >= 1 } == true)
        // Relying on badges for six months: agile-fundamentals lapses on 2027-01-10, so it is earned again, first.
        let later = try Self.json(["plan", "--pathway", "sprint-planning-practitioner", "--learner", "dana", "--as-of", "2026-11-29",
                                   "--by", "2027-05-29", "--format", "json"])
        #expect(later["optimal"] as? Bool == true)
        #expect((later["steps"] as? [[String: Any]])?.map { $0["badge"] as? String } == ["agile-fundamentals", "sprint-planning"])
        #expect(later["notReliedOn"] as? [String] == ["agile-fundamentals (lapses 2027-01-10)"])
    }

    @Test("what-if: assuming SQL Querying earned today leaves only the memo")
    func whatIf() throws {
        let plan = try Self.json(["plan", "--pathway", "data-analysis-foundations", "--learner", "chen", "--as-of", "2026-11-29",
                                  "--by", "2026-12-01", "--assume", "sql-querying", "--format", "json"])
        #expect((plan["steps"] as? [[String: Any]])?.map { $0["badge"] as? String } == ["analysis-memo"])
        let unknown = try CairnProcess.run(["plan", "--pathway", "data-analysis-foundations", "--learner", "chen",
                                            "--assume", "juggling"])
        #expect(unknown.status == 64)
    }

    @Test("a complete pathway needs nothing; --all ranks every pathway, complete ones first")
    func all() throws {
        let amara = try Self.json(["plan", "--pathway", "research-methods", "--learner", "amara", "--as-of", "2026-11-29",
                                   "--by", "2026-11-29", "--format", "json"])
        #expect((amara["steps"] as? [Any])?.isEmpty == true)
        #expect(amara["total"] as? Int == 0)
        // Relying on badges for six months: research-ethics lapses on 2027-04-01, so earn it again.
        let later = try Self.json(["plan", "--pathway", "research-methods", "--learner", "amara", "--as-of", "2026-11-29",
                                   "--by", "2027-05-29", "--format", "json"])
        #expect((later["steps"] as? [[String: Any]])?.map { $0["badge"] as? String } == ["research-ethics"])
        #expect(later["notReliedOn"] as? [String] == ["research-ethics (lapses 2027-04-01)"])
        let ranking = try Self.json(["plan", "--all", "--learner", "amara", "--as-of", "2026-11-29", "--by", "2026-11-29",
                                     "--format", "json"])
        let plans = try #require(ranking["plans"] as? [[String: Any]])
        #expect(plans.count == 10)
        let totals = plans.filter { $0["complete"] as? Bool == true }.compactMap { $0["total"] as? Double }
        #expect(totals == totals.sorted())
        #expect(plans.first?["total"] as? Int == 0)
    }

    @Test("by default a plan is for the as-of date, says so, and graph marks the same badges for the same options",
          arguments: [("chen", [String]()), ("dana", []), ("amara", ["--by", "2027-05-29"]), ("bruno", ["--minimize", "hours"])])
    func planAndGraphAgree(learner: String, options: [String]) throws {
        let base = ["--pathway", "data-analysis-foundations", "--learner", learner, "--as-of", "2026-11-29"] + options
        let plan = try Self.json(["plan"] + base + ["--format", "json"])
        let steps = (plan["steps"] as? [[String: Any]])?.compactMap { $0["name"] as? String } ?? []
        let graph = try CairnProcess.run(["graph", "--format", "dot"] + base)
        #expect(graph.status == 0, "\(graph.stderr)")
        let marked = graph.stdout.split(separator: "\n").compactMap { line -> String? in
            guard let range = line.range(of: "label=\"planned: ") else { return nil }
            // DOT labels wrap long names with a literal \n.
            return String(line[range.upperBound...].prefix { $0 != "\"" }).replacingOccurrences(of: "\\n", with: " ")
        }
        #expect(Set(marked) == Set(steps), "plan \(steps), graph \(marked)")
        if options.isEmpty {
            let text = try CairnProcess.run(["plan"] + base)
            #expect(text.stdout.contains("relying on the badges valid on 2026-11-29 (--by DATE plans further ahead)"), "\(text.stdout)")
            let explicit = try Self.json(["plan"] + base + ["--by", "2026-11-29", "--format", "json"])
            #expect((explicit["steps"] as? [[String: Any]])?.compactMap { $0["name"] as? String } == steps)
        }
    }
}
