import CairnCore
import CairnTestSupport

/// A small random pathway, catalogue and learner, reproducible from a seed.
struct RandomInstance {
    let catalog: Catalog
    let record: LearnerRecord

    /// `crowded` instances have fewer tags and more badges, so most badges fit several leaves;
    /// `large` ones have 8 to 11 badge classes and deeper trees with more leaves.
    init(seed: UInt64, crowded: Bool = false, large: Bool = false) {
        var random = SplitMix64(seed: seed)
        let tags = crowded ? ["a", "b"] : ["a", "b", "c"]
        let classCount = large ? 8 + random.below(4) : 3 + random.below(3)
        var classes: [BadgeClass] = []
        for index in 0..<classCount {
            let chosen = tags.filter { _ in random.below(2) == 0 }
            let unit: CreditUnit = random.below(4) == 0 ? .cats : .ects
            classes.append(Fixture.badge("k\(index)", tags: chosen, credits: random.below(4) == 0 ? nil : 1 + random.below(3),
                                         unit: unit, validity: random.below(4) == 0 ? "P1Y" : nil))
        }
        var leafBudget = (large ? 6 : crowded ? 3 : 2) + random.below(4)
        let deepest = large ? 3 : 2
        func node(depth: Int) -> Requirement {
            var requirement: Requirement
            if depth >= deepest || leafBudget <= 1 || random.below(3) == 0 {
                leafBudget -= 1
                requirement = Self.leaf(classCount: classCount, tags: tags, random: &random)
            } else {
                let children = (0..<(2 + random.below(2))).map { _ in node(depth: depth + 1) }
                requirement = Self.group(children, random: &random)
            }
            if random.below(10) == 0 { requirement = requirement.with(shared: true) }
            if random.below(10) == 0 { requirement = requirement.with(earnedWithin: "P1Y") }
            if random.below(10) == 0 { requirement = requirement.with(minResult: "meets") }
            return requirement
        }
        let requires = node(depth: 0)
        catalog = Fixture.catalog(classes, pathways: [Fixture.pathway("p", requires)])
        let results = ["participated", "meets", "exceeds"]
        let badgeCount = random.below(crowded ? 8 : 7)
        let earned = (0..<badgeCount).map { _ in
            Fixture.earned("k\(random.below(classCount))",
                           "202\(4 + random.below(3))-0\(1 + random.below(9))-1\(random.below(10))",
                           revoked: random.below(10) == 0,
                           result: random.below(2) == 0 ? results[random.below(3)] : nil)
        }
        record = Fixture.learner(earned)
    }

    /// A random leaf: a badge of one of `classCount` classes `k0`, `k1`, …, a tag, a count or
    /// a credit sum over a tag.
    static func leaf(classCount: Int, tags: [String], random: inout SplitMix64) -> Requirement {
        switch random.below(5) {
        case 0: .badge("k\(random.below(classCount))")
        case 1, 2: .tag(tags[random.below(tags.count)])
        case 3: .count(1 + random.below(2), from: BadgeFilter(tags: [tags[random.below(tags.count)]]))
        default: .credits(1 + random.below(4), from: BadgeFilter(tags: [tags[random.below(tags.count)]]))
        }
    }

    /// A random group of `children`: all, any, or some count of them.
    static func group(_ children: [Requirement], random: inout SplitMix64) -> Requirement {
        switch random.below(3) {
        case 0: .all(children)
        case 1: .any(children)
        default: .count(1 + random.below(children.count), of: children)
        }
    }
}
