import Cairn

/// (b) Adversarial assignment problems: 40–60 leaves under nested `count`s, 60–80 earned badges
/// that each fit many leaves (eight tags, two to four per badge), so a search that branches on
/// badges explodes. The second family requires every leaf of every group, so that most instances
/// are barely completable and some are not at all (the hard case: proving nothing better exists).
public struct AdversarialWorkload: Sendable {
    public enum Family: Sendable, CaseIterable {
        /// (b): `count m of n` groups with m = n − 0…2.
        case countMOfN
        /// (b′): every leaf of every group required.
        case everyLeafRequired
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
            try Self.instance(seed: seed, everyLeafRequired: family == .everyLeafRequired, asOf: asOf)
        }
    }

    /// Audits instance `index` (taken modulo the number of instances).
    public func audit(_ index: Int) -> Outcome {
        let instance = instances[index % instances.count]
        let audit = instance.compiled.audit(instance.record, asOf: asOf)
        return Outcome(isComplete: audit.isComplete, isProvenOptimal: audit.isExact,
                       progress: "\(audit.progress)", progressValue: audit.progress.doubleValue)
    }

    private static func instance(seed: UInt64, everyLeafRequired tight: Bool, asOf: CalendarDate) throws -> Instance {
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
        let compiled: CompiledPathway
        do {
            compiled = try CompiledPathway(pathway: "adversarial", catalog: catalog)
        } catch {
            throw WorkloadError.instanceDidNotCompile(seed: seed, reason: "\(error)")
        }
        return Instance(seed: seed, leaves: leaves, compiled: compiled,
                        record: LearnerRecord(learner: "adversary", badges: earned))
    }
}
