public import CairnCore

/// A deliberately naive reference for audits under `alsoCountsFor`, `maxShared` and `atMost`:
/// it tries every way of counting each badge — nowhere, at one non-shared leaf it fits, or at
/// two that some `alsoCountsFor` pairs, each with any subset of the shared leaves a limit
/// covers — keeps those that obey the cap and every limit, and returns the best root progress.
/// Shared leaves no limit covers take every badge they fit, as in ``BruteForceAuditor``.
///
/// Written apart from the engine (its own tree walk, its own pair and limit rules) so the two
/// check each other. Exponential, so only for small instances; no `earnedAfter` or nested
/// pathways.
public struct BruteForceCountingAuditor {
    public let catalog: Catalog

    public init(catalog: Catalog) {
        self.catalog = catalog
    }

    private struct Node {
        var requirement: Requirement
        var parent: Int
        var children: [Int] = []
        var leaf: Int?
        var atLeast: Int
    }

    private struct Leaf {
        var node: Int
        var needed: Rational
        var shared: Bool
        var candidates: [Int: Rational]
    }

    private struct Limit {
        var leaves: Set<Int>
        var measure: RequirementLimit.Measure
        var filter: BadgeFilter
    }

    /// The best progress any assignment under the rules reaches, or `nil` when there are more
    /// than `limit` assignments to try (the caller skips such an instance).
    public func bestProgress(pathway id: String, record: LearnerRecord, asOf: CalendarDate,
                             limit: Int = 200_000) -> Rational? {
        guard let pathway = catalog.pathways[id] else { return .zero }
        var nodes: [Node] = []
        var leaves: [Leaf] = []
        func add(_ requirement: Requirement, parent: Int, shared: Bool, within: [ISODuration], minimums: [ResultThreshold]) {
            let index = nodes.count
            let shared = shared || requirement.shared
            let within = within + (requirement.earnedWithin.map { [$0] } ?? [])
            let minimums = minimums + (requirement.minResult.map { [$0] } ?? [])
            var atLeast = 0
            switch requirement.kind {
            case .all(let children): atLeast = children.count
            case .any: atLeast = 1
            case .countOf(let n, _): atLeast = n
            default: break
            }
            nodes.append(Node(requirement: requirement, parent: parent, atLeast: atLeast))
            if parent >= 0 { nodes[parent].children.append(index) }
            if requirement.children.isEmpty {
                nodes[index].leaf = leaves.count
                leaves.append(leaf(requirement, node: index, shared: shared, within: within, minimums: minimums,
                                   record: record, asOf: asOf))
            }
            for child in requirement.children { add(child, parent: index, shared: shared, within: within, minimums: minimums) }
        }
        add(pathway.requires, parent: -1, shared: false, within: [], minimums: [])
        func isWithin(_ node: Int, _ ancestor: Int) -> Bool {
            var current = node
            while current >= 0 {
                if current == ancestor { return true }
                current = nodes[current].parent
            }
            return false
        }
        func leavesUnder(_ node: Int) -> Set<Int> {
            Set(leaves.indices.filter { isWithin(leaves[$0].node, node) })
        }
        // Permitted pairs of non-shared leaves.
        var pairs: Set<[Int]> = []
        for (a, node) in nodes.enumerated() {
            for name in node.requirement.alsoCountsFor {
                guard let b = nodes.indices.first(where: { nodes[$0].requirement.id == name }),
                      !isWithin(a, b), !isWithin(b, a) else { continue }
                for x in leavesUnder(a) where !leaves[x].shared {
                    for y in leavesUnder(b) where !leaves[y].shared && x != y { pairs.insert([min(x, y), max(x, y)]) }
                }
            }
        }
        var limits: [Limit] = []
        for (index, node) in nodes.enumerated() {
            for limit in node.requirement.atMost {
                limits.append(Limit(leaves: leavesUnder(index), measure: limit.measure, filter: limit.filter))
            }
        }
        let covered = Set(limits.flatMap(\.leaves))
        let badgeCount = record.badges.count
        // Every placement of each badge.
        var placements: [[Set<Int>]] = []
        for badge in 0..<badgeCount {
            let fits = leaves.indices.filter { leaves[$0].candidates[badge] != nil }
            let own = fits.filter { !leaves[$0].shared }
            let coveredShared = fits.filter { leaves[$0].shared && covered.contains($0) }
            var bases: [Set<Int>] = [[]] + own.map { [$0] }
            for x in own { for y in own where x < y && pairs.contains([x, y]) { bases.append([x, y]) } }
            var all: [Set<Int>] = []
            for mask in 0..<(1 << coveredShared.count) {
                let extra = coveredShared.indices.filter { mask & (1 << $0) != 0 }.map { coveredShared[$0] }
                for base in bases { all.append(base.union(extra)) }
            }
            placements.append(all)
        }
        var total = 1
        for list in placements {
            total *= list.count
            if total > limit { return nil }
        }
        let classes = record.badges.map { catalog.badgeClasses[$0.badgeClassID] }
        func obeys(_ chosen: [Set<Int>]) -> Bool {
            let twice = chosen.filter { places in places.filter { !leaves[$0].shared }.count == 2 }.count
            if let cap = pathway.maxShared, twice > cap { return false }
            for limit in limits {
                var count = 0
                var credit = Rational.zero
                for (badge, places) in chosen.enumerated() where !places.isDisjoint(with: limit.leaves) {
                    guard let badgeClass = classes[badge], limit.filter.matches(badgeClass) else { continue }
                    count += 1
                    if case .credits(let most) = limit.measure {
                        credit += badgeClass.credits.flatMap { catalog.conversions.convert($0, to: most.unit)?.value } ?? .zero
                    }
                }
                switch limit.measure {
                case .count(let most): if count > most { return false }
                case .credits(let most): if credit > most.value { return false }
                }
            }
            return true
        }
        func evaluate(_ node: Int, _ chosen: [Set<Int>]) -> Rational {
            if let leafIndex = nodes[node].leaf {
                let leaf = leaves[leafIndex]
                var total = Rational.zero
                for (badge, amount) in leaf.candidates
                where (leaf.shared && !covered.contains(leafIndex)) || chosen[badge].contains(leafIndex) {
                    total += amount
                }
                return min(total / leaf.needed, .one)
            }
            let values = nodes[node].children.map { evaluate($0, chosen) }.sorted(by: >)
            let needed = nodes[node].atLeast
            guard needed > 0 else { return .one }
            return values.prefix(needed).reduce(.zero, +) / Rational(needed)
        }
        var best = Rational.zero
        BruteForceAuditor.forEveryCombination(of: placements) { chosen in
            if obeys(chosen) { best = max(best, evaluate(0, chosen)) }
        }
        return best
    }

    private func leaf(_ node: Requirement, node index: Int, shared: Bool, within: [ISODuration], minimums: [ResultThreshold],
                      record: LearnerRecord, asOf: CalendarDate) -> Leaf {
        var needed = Rational.one
        var accepts: (BadgeClass?, String) -> Bool = { _, _ in false }
        var creditUnit: CreditUnit?
        switch node.kind {
        case .badge(let id): accepts = { $1 == id }
        case .tag(let tag): accepts = { badge, _ in badge?.tags.contains(tag) ?? false }
        case .countFrom(let n, let filter):
            needed = Rational(n)
            accepts = { badge, _ in badge.map(filter.matches) ?? false }
        case .credits(let amount, let filter):
            needed = amount.value
            creditUnit = amount.unit
            accepts = { badge, _ in badge.map(filter.matches) ?? false }
        default: break
        }
        var candidates: [Int: Rational] = [:]
        for (position, badge) in record.badges.enumerated() {
            let badgeClass = catalog.badgeClasses[badge.badgeClassID]
            guard accepts(badgeClass, badge.badgeClassID), BruteForceAuditor(catalog: catalog).counts(badge, asOf: asOf) else { continue }
            guard within.allSatisfy({ badge.issued >= asOf - $0 }) else { continue }
            guard minimums.allSatisfy({ $0.isMet(by: badge.result, scale: badgeClass?.resultScale ?? []) }) else { continue }
            if let creditUnit {
                guard let amount = badgeClass?.credits.flatMap({ catalog.conversions.convert($0, to: creditUnit)?.value }) else { continue }
                candidates[position] = amount
            } else {
                candidates[position] = .one
            }
        }
        return Leaf(node: index, needed: needed, shared: shared, candidates: candidates)
    }
}
