import Cairn
import Foundation

/// Planning at size: a 40-leaf pathway of nested `count`s over a 500-badge catalogue, for
/// learners who hold a few of the badges; the time to a proven-optimal plan.
struct PlanBenchmark {
    var instances = 20

    func run() throws {
        print("Plans: 40-leaf pathway with nested counts, 500-badge catalogue, \(instances) learners")
        var times: [Double] = []
        var audits: [Double] = []
        var branches: [Int] = []
        var optimal = 0
        for seed in 0..<UInt64(instances) {
            var random = SplitMix64(seed: 0xB1A5 &+ seed &* 7919)
            let tags = (0..<24).map { "t\($0)" }
            let issuer = Issuer(id: "https://example.edu", name: "Example")
            let classes: [BadgeClass] = (0..<500).map { index in
                let chosen = (0..<(1 + random.below(3))).map { _ in tags[random.below(tags.count)] }
                return BadgeClass(id: "b\(index)", name: "Badge \(index)", issuer: issuer, tags: Array(Set(chosen)).sorted(),
                                  credits: Credits(Rational(1 + random.below(4)), .ects),
                                  effortHours: Rational(5 + random.below(60)),
                                  cost: Money(amount: Rational(50 + random.below(300)), currency: "EUR"))
            }
            // Four groups: count 6 of 10 leaves each (tag leaves, a few named badges, one credit leaf).
            var groups: [Requirement] = []
            for group in 0..<4 {
                var leaves: [Requirement] = []
                for leaf in 0..<10 {
                    switch (group * 10 + leaf) % 7 {
                    case 0: leaves.append(Requirement(.badge("b\(random.below(500))")))
                    case 1: leaves.append(Requirement(.credits(Credits(Rational(3 + random.below(4)), .ects),
                                                               BadgeFilter(tags: [tags[random.below(tags.count)]]))))
                    default: leaves.append(Requirement(.tag(tags[random.below(tags.count)])))
                    }
                }
                groups.append(Requirement(.countOf(6, leaves)))
            }
            let pathway = Pathway(id: "big", title: "Big", requires: Requirement(.countOf(3, groups)))
            let catalog = Catalog(badgeCatalogs: [BadgeCatalog(issuer: issuer, badges: classes)], pathways: [pathway])
            let held = (0..<(10 + random.below(10))).map { _ in
                EarnedBadge(badgeClassID: "b\(random.below(500))", issued: CalendarDate(year: 2026, month: 1, day: 1 + random.below(28))!)
            }
            let record = LearnerRecord(learner: "l\(seed)", badges: held)
            let asOf = CalendarDate(year: 2026, month: 11, day: 29)!
            let compiled = try CompiledPathway(pathway: "big", catalog: catalog)
            var plan: Plan?
            let elapsed = try seconds {
                plan = try compiled.plan(for: record, catalog: catalog, measure: .hours, asOf: asOf, reliesUntil: asOf)
            }
            times.append(elapsed)
            // A plan reports today's progress, so it includes one audit; timed alone here.
            audits.append(seconds { _ = compiled.audit(record, asOf: asOf) })
            branches.append(plan?.branches ?? 0)
            if plan?.isOptimal == true { optimal += 1 }
        }
        print("  proven optimal: \(optimal) of \(instances); branches explored: median \(branches.sorted()[instances / 2]), "
              + "most \(branches.max() ?? 0)")
        print("  time to a proven-optimal plan (minimising hours), whole call: \(Self.summary(times))")
        print("    of which the audit for today's progress: \(Self.summary(audits))")
        print("    and the search (the difference): \(Self.summary(zip(times, audits).map { max(0, $0 - $1) }))")
    }

    static func summary(_ values: [Double]) -> String {
        let sorted = values.sorted()
        return "median \(formatted(sorted[sorted.count / 2] * 1000, decimals: 1)) ms, "
            + "worst \(formatted((sorted.last ?? 0) * 1000, decimals: 1)) ms"
    }
}

