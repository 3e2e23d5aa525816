import Cairn
import Foundation

/// (b) Adversarial assignment problems: 40–60 leaves under nested `count`s, 60–80 earned badges
/// that each fit many leaves (eight tags, two to four per badge), so a search that branches on
/// badges explodes. A second family requires every leaf of every group, so that most instances
/// are barely completable and some are not at all (the hard case: proving nothing better exists).
/// Reports the median and worst time, and every instance whose answer was not proven optimal.
struct AdversarialBenchmark {
    let instances = 60
    let asOf = CalendarDate(year: 2026, month: 11, day: 29) ?? CalendarDate(dayNumber: 0)

    struct Instance {
        var catalog: Catalog
        var record: LearnerRecord
        var leaves: Int
    }

    func instance(seed: UInt64, tight: Bool) -> Instance {
        var random = SplitMix64(seed: seed)
        let tags = (0..<8).map { "t\($0)" }
        let issuer = Issuer(id: "https://bench.example", name: "Bench")
        let classCount = 60 + random.below(21)
        let classes = (0..<classCount).map { index -> BadgeClass in
            var chosen: Set<String> = []
            for _ in 0..<(2 + random.below(3)) { chosen.insert(tags[random.below(tags.count)]) }
            return BadgeClass(id: "b\(index)", name: "Badge \(index)", issuer: issuer, tags: chosen.sorted(),
                              credits: Credits(Rational(1 + random.below(4)), .ects))
        }
        let targetLeaves = 40 + random.below(21)
        var leaves = 0
        var groups: [Requirement] = []
        while leaves < targetLeaves {
            let size = min(3 + random.below(6), targetLeaves - leaves)
            var children: [Requirement] = []
            for _ in 0..<size {
                let tag = tags[random.below(tags.count)]
                switch random.below(6) {
                case 0: children.append(Requirement(.countFrom(tight ? 3 : 2, BadgeFilter(tags: [tag]))))
                case 1: children.append(Requirement(.credits(Credits(Rational(3), .ects), BadgeFilter(tags: [tag]))))
                default: children.append(Requirement(.tag(tag)))
                }
            }
            leaves += size
            let needed = tight ? size : max(1, size - random.below(3))
            groups.append(Requirement(.countOf(needed, children)))
        }
        // Nest: pairs of groups under a `count` of one or two, all under an `all`.
        var nested: [Requirement] = []
        var index = 0
        while index < groups.count {
            let pair = Array(groups[index..<min(index + 2, groups.count)])
            nested.append(pair.count == 1 ? pair[0] : Requirement(.countOf(1 + random.below(2), pair)))
            index += 2
        }
        let pathway = Pathway(id: "adversarial", title: "Adversarial", requires: Requirement(.all(nested)))
        let catalog = Catalog(badgeCatalogs: [BadgeCatalog(issuer: issuer, badges: classes)], pathways: [pathway])
        let earnedCount = 60 + random.below(21)
        let earned = (0..<earnedCount).map { offset in
            EarnedBadge(badgeClassID: classes[random.below(classes.count)].id,
                        issued: CalendarDate(dayNumber: asOf.dayNumber - 1 - offset))
        }
        return Instance(catalog: catalog, record: LearnerRecord(learner: "adversary", badges: earned), leaves: leaves)
    }

    func run() {
        run(tight: false)
        run(tight: true)
    }

    func run(tight: Bool) {
        var times: [Double] = []
        var complete = 0
        var unproven: [String] = []
        var worst = (time: 0.0, seed: UInt64(0), leaves: 0, badges: 0)
        for seed in 1...UInt64(instances) {
            let generated = instance(seed: seed, tight: tight)
            guard let compiled = try? CompiledPathway(pathway: "adversarial", catalog: generated.catalog) else {
                fatalError("instance \(seed) did not compile")
            }
            var audit: Audit?
            let elapsed = seconds { audit = compiled.audit(generated.record, asOf: asOf) }
            guard let audit else { continue }
            if audit.isComplete { complete += 1 }
            guard audit.isExact else {
                unproven.append("seed \(seed): best found \(audit.progress) (≈ \(formatted(audit.progress.doubleValue, decimals: 4))) in \(formatted(elapsed * 1000, decimals: 0)) ms")
                continue
            }
            times.append(elapsed)
            if elapsed > worst.time { worst = (elapsed, seed, generated.leaves, generated.record.badges.count) }
        }
        times.sort()
        let family = tight ? "every leaf of every group required" : "count m of n groups (m = n − 0…2)"
        print("(b) adversarial, \(family): \(instances) instances, 40–60 leaves, 60–80 badges fitting many leaves; \(complete) complete")
        if !times.isEmpty {
            print("    \(times.count) proven optimal: median \(formatted(times[times.count / 2] * 1000, decimals: 3)) ms, worst \(formatted(worst.time * 1000, decimals: 3)) ms (seed \(worst.seed): \(worst.leaves) leaves, \(worst.badges) badges)")
        }
        for line in unproven { print("    not proven optimal within the search budget: \(line)") }
    }
}
