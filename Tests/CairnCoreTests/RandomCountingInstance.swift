import CairnCore
import CairnTestSupport

/// A small random pathway using `alsoCountsFor`, `maxShared` and `atMost` (with `shared`
/// leaves and `count`/`any` nodes mixed in), its catalogue and a learner, from a seed: at
/// most 6 leaves and 6 earned badges, so ``BruteForceCountingAuditor`` can try everything.
struct RandomCountingInstance: CustomStringConvertible {
    let seed: UInt64
    let catalog: Catalog
    let record: LearnerRecord

    init(seed: UInt64) {
        self.seed = seed
        var random = SplitMix64(seed: seed)
        let tags = ["a", "b", "c"]
        let classCount = 3 + random.below(3)
        var classes: [BadgeClass] = []
        for index in 0..<classCount {
            let chosen = tags.filter { _ in random.below(2) == 0 }
            let unit: CreditUnit = random.below(4) == 0 ? .cats : .ects
            classes.append(Fixture.badge("k\(index)", tags: chosen, credits: random.below(4) == 0 ? nil : 1 + random.below(3),
                                         unit: unit))
        }
        var leafBudget = 3 + random.below(4)
        var nextID = 0
        func filter() -> BadgeFilter { BadgeFilter(tags: [tags[random.below(tags.count)]]) }
        func node(depth: Int) -> Requirement {
            var requirement: Requirement
            if depth >= 2 || leafBudget <= 1 || random.below(3) == 0 {
                leafBudget -= 1
                requirement = RandomInstance.leaf(classCount: classCount, tags: tags, random: &random)
            } else {
                let children = (0..<(2 + random.below(2))).map { _ in node(depth: depth + 1) }
                requirement = RandomInstance.group(children, random: &random)
            }
            requirement.id = "n\(nextID)"
            nextID += 1
            if random.below(8) == 0 { requirement = requirement.with(shared: true) }
            if random.below(4) == 0 {
                requirement.atMost.append(random.below(3) == 0
                    ? RequirementLimit(.credits(Credits(Rational(1 + random.below(4)), .ects)), from: filter())
                    : RequirementLimit(.count(random.below(3)), from: filter()))
            }
            return requirement
        }
        var requires = node(depth: 0)
        // Names for alsoCountsFor: any node's id; the engine and the brute force both ignore
        // names of the node itself, its ancestors and descendants.
        let ids = (0..<nextID).map { "n\($0)" }
        func name(_ node: Requirement) -> Requirement {
            var copy = node
            if random.below(3) == 0 { copy.alsoCountsFor = [ids[random.below(ids.count)]] }
            switch copy.kind {
            case .all(let children): copy.kind = .all(children.map(name))
            case .any(let children): copy.kind = .any(children.map(name))
            case .countOf(let n, let children): copy.kind = .countOf(n, children.map(name))
            default: break
            }
            return copy
        }
        requires = name(requires)
        var pathway = Fixture.pathway("p", requires)
        pathway.maxShared = [nil, nil, 0, 1, 2][random.below(5)]
        catalog = Fixture.catalog(classes, pathways: [pathway])
        let badgeCount = random.below(7)
        let earned = (0..<badgeCount).map { _ in
            Fixture.earned("k\(random.below(classCount))", "202\(4 + random.below(2))-0\(1 + random.below(9))-1\(random.below(10))")
        }
        record = Fixture.learner(earned)
    }

    var description: String { "counting instance \(seed)" }
}
