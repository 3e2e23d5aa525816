import Cairn

/// Adversarial assignment problems: pathways of 40–100 leaves under nested `count`s, learners
/// of 60–200 earned badges that each fit many leaves (two to four tags of eight), so a search
/// that branches on badges explodes and one that is not exact is soon wrong. Each family stresses
/// one thing the exact solver must get right:
///
/// - (b) `count m of n` groups, m = n − 0…2;
/// - (b′) every leaf of every group required, so most instances are barely completable and some
///   are not at all (the hard case: proving that nothing better exists);
/// - (c) three levels of nested `count`s, wider;
/// - (d) credit thresholds and `count`s over the same badges;
/// - (e) `earnedAfter` chains: three stages, each earned after the one before;
/// - (f) `shared` groups and leaves beside non-shared ones;
/// - (g) 100 leaves over 200 earned badges.
public struct AdversarialWorkload: Sendable {
    public enum Family: String, Sendable, CaseIterable {
        /// (b): `count m of n` groups with m = n − 0…2.
        case countMOfN
        /// (b′): every leaf of every group required.
        case everyLeafRequired
        /// (c): `count`s of `count`s of `count`s.
        case nestedCounts
        /// (d): credit leaves and `count` leaves over the same tags in each group.
        case creditsWithCounts
        /// (e): three stages in order (`earnedAfter` the stage before).
        case earnedAfterChains
        /// (f): some groups and leaves shared.
        case sharedMixed
        /// (g): 100 leaves, 200 earned badges.
        case hundredLeaves

        /// The benchmark's name for the family.
        public var title: String {
            switch self {
            case .countMOfN: "(b): count m of n groups"
            case .everyLeafRequired: "(b′): every leaf required"
            case .nestedCounts: "(c): three levels of nested counts"
            case .creditsWithCounts: "(d): credits and counts over the same badges"
            case .earnedAfterChains: "(e): earnedAfter chains of three stages"
            case .sharedMixed: "(f): shared beside non-shared"
            case .hundredLeaves: "(g): 100 leaves over 200 badges"
            }
        }
    }

    /// One generated instance: its pathway compiled once, so an audit is all that is measured.
    public struct Instance: Sendable {
        public let seed: UInt64
        public let leaves: Int
        public var badges: Int { record.badges.count }
        fileprivate let compiled: CompiledPathway
        fileprivate let record: LearnerRecord
    }

    /// What one audit of an instance found.
    public struct Outcome: Sendable {
        public let isComplete: Bool
        /// Whether the search proved its answer optimal within the budget (`"exact": true`).
        public let isProvenOptimal: Bool
        /// The best progress found, exactly (e.g. 643/672) and approximately.
        public let progress: String
        public let progressValue: Double
    }

    public static let instanceCount = 60

    public let family: Family
    public let instances: [Instance]
    private let asOf: CalendarDate

    public init(family: Family) throws {
        self.family = family
        let asOf = try FixedDate.asOf()
        self.asOf = asOf
        instances = try (1...UInt64(Self.instanceCount)).map { seed in
            try Self.instance(seed: seed, family: family, asOf: asOf)
        }
    }

    /// Audits instance `index` (taken modulo the number of instances).
    public func audit(_ index: Int) -> Outcome {
        let instance = instances[index % instances.count]
        let audit = instance.compiled.audit(instance.record, asOf: asOf)
        return Outcome(isComplete: audit.isComplete, isProvenOptimal: audit.isExact,
                       progress: "\(audit.progress)", progressValue: audit.progress.doubleValue)
    }

    private static func instance(seed: UInt64, family: Family, asOf: CalendarDate) throws -> Instance {
        var random = SplitMix64(seed: family == .countMOfN || family == .everyLeafRequired
                                ? seed : seed &* 0x9E37_79B9_7F4A_7C15 &+ UInt64(family.rawValue.utf8.count))
        let tags = (0..<(family == .hundredLeaves ? 12 : 8)).map { "t\($0)" }
        let issuer = Issuer(id: "https://bench.example", name: "Bench")
        let classCount = (family == .hundredLeaves ? 120 : 60) + random.below(21)
        let classes = (0..<classCount).map { index -> BadgeClass in
            var chosen: Set<String> = []
            for _ in 0..<(2 + random.below(3)) { chosen.insert(tags[random.below(tags.count)]) }
            return BadgeClass(id: "b\(index)", name: "Badge \(index)", issuer: issuer, tags: chosen.sorted(),
                              credits: Credits(Rational(1 + random.below(4)), .ects))
        }
        let tight = family != .countMOfN
        func leaf(tag: String? = nil) -> Requirement {
            let tag = tag ?? tags[random.below(tags.count)]
            switch random.below(6) {
            case 0: return Requirement(.countFrom(tight ? 3 : 2, BadgeFilter(tags: [tag])))
            case 1: return Requirement(.credits(Credits(Rational(3), .ects), BadgeFilter(tags: [tag])))
            default: return Requirement(.tag(tag))
            }
        }
        var leaves = 0
        let requires: Requirement
        switch family {
        case .countMOfN, .everyLeafRequired, .sharedMixed, .hundredLeaves:
            let targetLeaves = family == .hundredLeaves ? 100 : 40 + random.below(21)
            var groups: [Requirement] = []
            while leaves < targetLeaves {
                let size = min(3 + random.below(6), targetLeaves - leaves)
                var children = (0..<size).map { _ in leaf() }
                if family == .sharedMixed {
                    children = children.map { child in random.below(5) == 0 ? shared(child) : child }
                }
                leaves += size
                let needed = tight ? size : max(1, size - random.below(3))
                let group = Requirement(.countOf(needed, children))
                groups.append(family == .sharedMixed && random.below(4) == 0 ? shared(group) : group)
            }
            // Nest: pairs of groups under a `count` of one or two, all under an `all`.
            var nested: [Requirement] = []
            var index = 0
            while index < groups.count {
                let pair = Array(groups[index..<min(index + 2, groups.count)])
                nested.append(pair.count == 1 ? pair[0] : Requirement(.countOf(1 + random.below(2), pair)))
                index += 2
            }
            requires = Requirement(.all(nested))
        case .nestedCounts:
            // count 2–3 of 3–4 blocks; each block count n−1…n of 3–4 sections; each section count
            // n−1…n of 3–5 leaves.
            func count(_ children: [Requirement], slack: Int) -> Requirement {
                Requirement(.countOf(max(1, children.count - random.below(slack + 1)), children))
            }
            let blocks = (0..<(3 + random.below(2))).map { _ in
                count((0..<(3 + random.below(2))).map { _ in
                    let size = 3 + random.below(3)
                    leaves += size
                    return count((0..<size).map { _ in leaf() }, slack: 1)
                }, slack: 1)
            }
            requires = Requirement(.countOf(2 + random.below(2), blocks))
        case .creditsWithCounts:
            // Groups of one tag: credits over it (3–6 ECTS), a number of its badges (2–3) and
            // single badges of it, so the same badges are wanted for credit and for count.
            var groups: [Requirement] = []
            while leaves < 40 + random.below(11) {
                let tag = tags[random.below(tags.count)]
                var children = [Requirement(.credits(Credits(Rational(3 + random.below(4)), .ects), BadgeFilter(tags: [tag]))),
                                Requirement(.countFrom(2 + random.below(2), BadgeFilter(tags: [tag])))]
                children += (0..<(1 + random.below(3))).map { _ in leaf(tag: random.below(2) == 0 ? tag : nil) }
                leaves += children.count
                groups.append(Requirement(.countOf(children.count - random.below(2), children)))
            }
            requires = Requirement(.all(groups))
        case .earnedAfterChains:
            // Three stages, each `earnedAfter` the stage before: stage k's badges must all be
            // issued after every badge counted in stage k − 1.
            var stages: [Requirement] = []
            for stage in 1...3 {
                let size = 12 + random.below(7)
                leaves += size
                let groups = stride(from: 0, to: size, by: 4).map { start in
                    let children = (start..<min(start + 4, size)).map { _ in leaf() }
                    return Requirement(.countOf(children.count - random.below(2), children))
                }
                stages.append(Requirement(.all(groups), id: "stage\(stage)",
                                          earnedAfter: stage == 1 ? [] : ["stage\(stage - 1)"]))
            }
            requires = Requirement(.all(stages))
        }
        let pathway = Pathway(id: "adversarial", title: "Adversarial", requires: requires)
        let catalog = Catalog(badgeCatalogs: [BadgeCatalog(issuer: issuer, badges: classes)], pathways: [pathway])
        let earnedCount = (family == .hundredLeaves ? 200 : 60) + random.below(21)
        // Stages are earned in terms: the order between them is between six issue dates, not
        // one per badge.
        let terms = family == .earnedAfterChains
        let earned = (0..<earnedCount).map { offset in
            EarnedBadge(badgeClassID: classes[random.below(classes.count)].id,
                        issued: CalendarDate(dayNumber: asOf.dayNumber - 1 - (terms ? 120 * random.below(6) : offset)))
        }
        let compiled: CompiledPathway
        do {
            compiled = try CompiledPathway(pathway: "adversarial", catalog: catalog)
        } catch {
            throw WorkloadError.instanceDidNotCompile(seed: seed, reason: "\(error)")
        }
        return Instance(seed: seed, leaves: leaves, compiled: compiled,
                        record: LearnerRecord(learner: "adversary", badges: earned))
    }

    private static func shared(_ requirement: Requirement) -> Requirement {
        var copy = requirement
        copy.shared = true
        return copy
    }
}
