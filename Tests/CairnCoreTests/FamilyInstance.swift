import CairnCore
import CairnTestSupport

/// Small instances of the adversarial families the benchmark measures at size (issue 20), small
/// enough for ``BruteForceAuditor``: three levels of nested `count`s, credit thresholds and
/// `count`s over the same badges, `earnedAfter` chains between stages, and shared requirements
/// beside non-shared ones. Reproducible from a seed.
struct FamilyInstance: CustomStringConvertible {
    enum Family: String, CaseIterable, Sendable {
        case nestedCounts
        case creditsWithCounts
        case earnedAfterChain
        case sharedMixed
    }

    let family: Family
    let seed: UInt64
    let catalog: Catalog
    let record: LearnerRecord

    var description: String { "\(family) seed \(seed)" }

    init(_ family: Family, seed: UInt64) {
        self.family = family
        self.seed = seed
        var random = SplitMix64(seed: seed &* 0x9E37_79B9 &+ UInt64(Family.allCases.firstIndex(of: family) ?? 0))
        let tags = ["a", "b", "c"]
        let classCount = 4 + random.below(3)
        let classes = (0..<classCount).map { index in
            let chosen = Set((0..<(1 + random.below(2))).map { _ in tags[random.below(tags.count)] })
            return Fixture.badge("k\(index)", tags: chosen.sorted(), credits: 1 + random.below(3))
        }
        func leaf(tag: String? = nil) -> Requirement {
            let tag = tag ?? tags[random.below(tags.count)]
            return switch random.below(4) {
            case 0: .count(1 + random.below(2), from: BadgeFilter(tags: [tag]))
            case 1: .credits(2 + random.below(3), from: BadgeFilter(tags: [tag]))
            default: .tag(tag)
            }
        }
        func count(of children: [Requirement]) -> Requirement {
            .count(1 + random.below(children.count), of: children)
        }
        let requires: Requirement
        switch family {
        case .nestedCounts:
            // count of counts of counts, two parts each: eight leaves.
            requires = count(of: (0..<2).map { _ in count(of: (0..<2).map { _ in count(of: [leaf(), leaf()]) }) })
        case .creditsWithCounts:
            // Each group asks for credits, a number of badges and one badge, all of one tag.
            requires = .all((0..<2).map { _ in
                let tag = tags[random.below(tags.count)]
                return count(of: [.credits(2 + random.below(3), from: BadgeFilter(tags: [tag])),
                                  .count(1 + random.below(2), from: BadgeFilter(tags: [tag])), .tag(tag)])
            })
        case .earnedAfterChain:
            // Three stages, each earned after the one before.
            let first = count(of: [leaf(), leaf()]).with(id: "s1")
            let second = count(of: [leaf(), leaf()]).with(id: "s2", earnedAfter: ["s1"])
            let third = leaf().with(earnedAfter: ["s2"])
            requires = random.below(2) == 0 ? .all([first, second, third]) : count(of: [first, second, third])
        case .sharedMixed:
            requires = .all((0..<(2 + random.below(2))).map { _ in
                let group = count(of: (0..<(2 + random.below(2))).map { _ in
                    random.below(3) == 0 ? leaf().with(shared: true) : leaf()
                })
                return random.below(4) == 0 ? group.with(shared: true) : group
            })
        }
        catalog = Fixture.catalog(classes, pathways: [Fixture.pathway("p", requires)])
        // Badges earned over four terms, so an order between stages has few cut-offs to try.
        let terms = ["2025-01-15", "2025-05-15", "2025-09-15", "2026-01-15"]
        let earned = (0..<(4 + random.below(3))).map { _ in
            Fixture.earned("k\(random.below(classCount))", terms[random.below(terms.count)])
        }
        record = Fixture.learner(earned)
    }
}
