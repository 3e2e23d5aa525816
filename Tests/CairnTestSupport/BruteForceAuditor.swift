public import CairnCore

/// A deliberately naive reference for the audit's optimisation: it tries every way of
/// giving each counting badge to one of the non-shared leaves it fits (or to none) and
/// keeps the best root progress. Exponential, so only for small instances; written
/// independently of the engine (its own tree walk, its own candidate rules) so that the
/// two can check each other. For `earnedAfter` naming a node it tries every cut-off date (none,
/// or the issue date of a badge some leaf under the node accepts): badges count under the node
/// only up to the cut-off (none without one), and after it only past the cut-off.
public struct BruteForceAuditor {
    public let catalog: Catalog

    public init(catalog: Catalog) {
        self.catalog = catalog
    }

    private indirect enum Tree {
        case leaf(Int)
        case all([Tree])
        case atLeast(Int, [Tree])
    }

    private struct Leaf {
        var needed: Rational
        var isCredits: Bool
        var shared: Bool
        /// Candidate badge index → what it adds (1 for a slot, its credit for credits leaves).
        var candidates: [Int: Rational]
        /// The nodes (by id) whose badges this leaf's must follow.
        var follows: [String] = []
    }

    /// The best progress any assignment reaches.
    public func bestProgress(pathway id: String, record: LearnerRecord, asOf: CalendarDate) -> Rational {
        guard let pathway = catalog.pathways[id] else { return .zero }
        var leaves: [Leaf] = []
        var leavesUnder: [String: [Int]] = [:]
        var nodeIDs: Set<String> = []
        pathway.requires.forEachNode { if let id = $0.id { nodeIDs.insert(id) } }
        let tree = build(pathway.requires, shared: false, within: [], minimums: [], after: [], nodeIDs: nodeIDs,
                         record: record, asOf: asOf, leaves: &leaves, leavesUnder: &leavesUnder)
        // Every combination of cut-offs for the nodes that leaves must follow.
        let ordered = Set(leaves.flatMap(\.follows)).filter { leavesUnder[$0] != nil }.sorted()
        var combinations: [[String: CalendarDate?]] = [[:]]
        for node in ordered {
            let dates = Set((leavesUnder[node] ?? []).flatMap { leaves[$0].candidates.keys.map { record.badges[$0].issued } })
            combinations = combinations.flatMap { combination in
                ([nil] + dates.sorted().map { Optional($0) }).map { cutoff in
                    var next = combination
                    next[node] = cutoff
                    return next
                }
            }
        }
        var best = Rational.zero
        for cutoffs in combinations {
            var allowed = leaves
            for (index, leaf) in leaves.enumerated() {
                allowed[index].candidates = leaf.candidates.filter { badge, _ in
                    let issued = record.badges[badge].issued
                    for (node, cutoff) in cutoffs {
                        if leavesUnder[node]?.contains(index) == true {
                            guard let cutoff, issued <= cutoff else { return false }
                        }
                        if leaf.follows.contains(node), let cutoff, issued <= cutoff { return false }
                    }
                    return true
                }
            }
            best = max(best, bestProgress(tree, leaves: allowed, badgeCount: record.badges.count))
        }
        return best
    }

    private func bestProgress(_ tree: Tree, leaves: [Leaf], badgeCount: Int) -> Rational {
        var choices: [[Int]] = Array(repeating: [-1], count: badgeCount)
        for (leafIndex, leaf) in leaves.enumerated() where !leaf.shared {
            for badge in leaf.candidates.keys { choices[badge].append(leafIndex) }
        }
        var best = Rational.zero
        Self.forEveryCombination(of: choices) { current in
            best = max(best, evaluate(tree, leaves: leaves, assignment: current))
        }
        return best
    }

    /// Calls `body` with every way of taking one element from each list (nothing for an empty list of lists).
    static func forEveryCombination<Choice>(of choices: [[Choice]], _ body: ([Choice]) -> Void) {
        guard let first = choices.first?.first else {
            if choices.isEmpty { body([]) }
            return
        }
        var current = Array(repeating: first, count: choices.count)
        func enumerate(_ position: Int) {
            if position == choices.count {
                body(current)
                return
            }
            for choice in choices[position] {
                current[position] = choice
                enumerate(position + 1)
            }
        }
        enumerate(0)
    }

    /// Whether a badge counts on `asOf`: issued, not revoked, not lapsed.
    func counts(_ badge: EarnedBadge, asOf: CalendarDate) -> Bool {
        if badge.revoked || badge.issued > asOf { return false }
        let expiry = badge.expires
            ?? catalog.badgeClasses[badge.badgeClassID]?.validity?.duration.map { badge.issued + $0 }
        if let expiry, expiry <= asOf { return false }
        return true
    }

    private func build(_ node: Requirement, shared: Bool, within: [ISODuration], minimums: [ResultThreshold],
                       after: [String], nodeIDs: Set<String>, record: LearnerRecord, asOf: CalendarDate, leaves: inout [Leaf],
                       leavesUnder: inout [String: [Int]]) -> Tree {
        let first = leaves.count
        defer {
            if let id = node.id, leavesUnder[id] == nil { leavesUnder[id] = Array(first..<leaves.count) }
        }
        let shared = shared || node.shared
        let within = within + (node.earnedWithin.map { [$0] } ?? [])
        let minimums = minimums + (node.minResult.map { [$0] } ?? [])
        let after = after + node.earnedAfter
        func leaf(needed: Rational, isCredits: Bool, accepts: (BadgeClass?, String) -> Bool,
                  value: (BadgeClass) -> Rational?) -> Tree {
            var candidates: [Int: Rational] = [:]
            for (index, badge) in record.badges.enumerated() {
                let badgeClass = catalog.badgeClasses[badge.badgeClassID]
                guard accepts(badgeClass, badge.badgeClassID), counts(badge, asOf: asOf) else { continue }
                guard within.allSatisfy({ badge.issued >= asOf - $0 }) else { continue }
                guard minimums.allSatisfy({ $0.isMet(by: badge.result, scale: badgeClass?.resultScale ?? []) }) else { continue }
                let followsAll = after.allSatisfy { predecessor in
                    nodeIDs.contains(predecessor) || record.badges.contains { $0.badgeClassID == predecessor && counts($0, asOf: asOf) && $0.issued < badge.issued }
                }
                guard followsAll else { continue }
                if isCredits {
                    guard let badgeClass, let amount = value(badgeClass) else { continue }
                    candidates[index] = amount
                } else {
                    candidates[index] = .one
                }
            }
            leaves.append(Leaf(needed: needed, isCredits: isCredits, shared: shared, candidates: candidates,
                               follows: after.filter(nodeIDs.contains)))
            return .leaf(leaves.count - 1)
        }
        let recurse = { (child: Requirement, leaves: inout [Leaf], leavesUnder: inout [String: [Int]]) in
            build(child, shared: shared, within: within, minimums: minimums, after: after, nodeIDs: nodeIDs,
                  record: record, asOf: asOf, leaves: &leaves, leavesUnder: &leavesUnder)
        }
        switch node.kind {
        case .badge(let id):
            return leaf(needed: .one, isCredits: false, accepts: { $1 == id }, value: { _ in nil })
        case .tag(let tag):
            return leaf(needed: .one, isCredits: false, accepts: { badge, _ in badge?.tags.contains(tag) ?? false }, value: { _ in nil })
        case .skill(let skill):
            return leaf(needed: .one, isCredits: false,
                        accepts: { badge, _ in badge?.alignments.contains { $0.satisfies(skill) } ?? false }, value: { _ in nil })
        case .countFrom(let n, let filter):
            return leaf(needed: Rational(n), isCredits: false, accepts: { badge, _ in badge.map(filter.matches) ?? false },
                        value: { _ in nil })
        case .credits(let amount, let filter):
            return leaf(needed: amount.value, isCredits: true, accepts: { badge, _ in badge.map(filter.matches) ?? false },
                        value: { badgeClass in
                            badgeClass.credits.flatMap { self.catalog.conversions.convert($0, to: amount.unit)?.value }
                        })
        case .all(let children):
            return .all(children.map { recurse($0, &leaves, &leavesUnder) })
        case .any(let children):
            return .atLeast(1, children.map { recurse($0, &leaves, &leavesUnder) })
        case .countOf(let n, let children):
            return .atLeast(n, children.map { recurse($0, &leaves, &leavesUnder) })
        case .pathway(let id):
            guard let nested = catalog.pathways[id] else { return .all([]) }
            var options: [Tree] = []
            if let awarded = nested.awards {
                options.append(leaf(needed: .one, isCredits: false, accepts: { $1 == awarded }, value: { _ in nil }))
            }
            options.append(recurse(nested.requires, &leaves, &leavesUnder))
            return .atLeast(1, options)
        }
    }

    private func evaluate(_ tree: Tree, leaves: [Leaf], assignment: [Int]) -> Rational {
        switch tree {
        case .leaf(let index):
            let leaf = leaves[index]
            var total = Rational.zero
            for (badge, amount) in leaf.candidates where leaf.shared || assignment[badge] == index {
                total += amount
            }
            return min(total / leaf.needed, .one)
        case .all(let children):
            guard !children.isEmpty else { return .one }
            return children.map { evaluate($0, leaves: leaves, assignment: assignment) }.reduce(.zero, +)
                / Rational(children.count)
        case .atLeast(let n, let children):
            let sorted = children.map { evaluate($0, leaves: leaves, assignment: assignment) }.sorted(by: >)
            return sorted.prefix(n).reduce(.zero, +) / Rational(n)
        }
    }
}
