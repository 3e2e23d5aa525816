/// The exact assignment of earned badges to leaves under ``CountingRules``: a badge counts at
/// one non-shared leaf, or at two that an `alsoCountsFor` pairs (at most `maxShared` badges
/// so), and `atMost` limits stop badges counting once a node has as many matching badges (or
/// credits) as it allows.
///
/// The fast steps of ``AssignmentSolver`` rest on "each badge once, no limits" (matroid
/// exchange, the priced bounds), which these rules break, so this is a plain depth-first
/// branch and bound over each badge's placements: nowhere, one leaf, or a permitted pair, with
/// any of the shared leaves that a limit covers. A branch is closed when even every remaining
/// badge counted everywhere it matches, with no limit, could not beat the best found; the
/// search stops as soon as the pathway is complete. Placing a badge only where there is still
/// room loses nothing (progress is capped per leaf, and a limit only gets looser with fewer
/// badges), so the search is exhaustive: when it ends within its step budget the answer is
/// proven the best, and otherwise it says so (`isExact == false`).
///
/// Shared leaves no limit covers consume nothing and constrain nothing: they take every
/// candidate they need up front, as in ``AssignmentSolver``.
struct SharedCountingSearch {
    typealias Instance = AssignmentSolver.Instance

    /// Where one badge counts under one choice.
    struct Placement {
        var leaves: [Int]
        var twice: Bool
    }

    let instance: Instance
    let rules: CountingRules
    let budget: Int

    private var options: [[Placement]] = []
    private var classOfBadge: [Int] = []
    /// Shared leaves no limit covers: filled once, outside the search.
    private var freeShared: [Bool] = []
    /// Per badge position in the search order and leaf: how much the badges from there on could add.
    private var suffixCount: [[Int]] = []
    private var suffixCredit: [[Double]] = []
    private var order: [Int] = []
    /// Whether some badge had more limit-covered shared leaves than are tried in every subset,
    /// or more pairs than are tried.
    private var placementsTruncated = false
    /// The most limit-covered shared leaves of one badge whose every subset is tried.
    static let maxSharedSubsetLeaves = 8
    /// The most pairs of leaves one badge may be tried in.
    static let maxPairsPerBadge = 4_096
    /// The most placements of all badges together.
    static let maxPlacements = 250_000

    // Search state.
    private var fillCount: [Int] = []
    private var fillCredit: [Double] = []
    /// Per limit: how many of its badges, and how much credit, count below its node.
    private var limitCount: [Int] = []
    private var limitCredit: [Rational] = []
    private var twiceUsed = 0
    private var chosen: [Int] = []
    private var best: [Int] = []
    private var bestProgress = -1.0
    private var steps = 0
    private var stopped = false
    private var progressBuffer: [Double] = []

    init(instance: Instance, rules: CountingRules, budget: Int) {
        self.instance = instance
        self.rules = rules
        self.budget = budget
        let leafCount = instance.leaves.count
        freeShared = instance.leaves.indices.map { leaf in
            instance.leaves[leaf].shared && !rules.limits.contains { $0.covers[leaf] }
        }
        classOfBadge = (0..<instance.badgeCount).map { badge in
            badge < instance.earned.count ? instance.classIndex[instance.earned[badge].badgeClassID] ?? -1 : -1
        }
        var leavesOfBadge: [[Int]] = Array(repeating: [], count: instance.badgeCount)
        for leaf in 0..<leafCount where !freeShared[leaf] {
            for badge in instance.candidates[leaf] { leavesOfBadge[badge].append(leaf) }
        }
        // Placements are built within a total, so a stranger's enormous pathway cannot exhaust
        // memory: past it a badge is tried only nowhere or at one leaf, and the answer is not exact.
        var total = 0
        for leaves in leavesOfBadge {
            var built = Self.placements(of: leaves, leaves: instance.leaves, rules: rules)
            if total + built.placements.count > Self.maxPlacements {
                built = (leaves.filter { !instance.leaves[$0].shared }.map { Placement(leaves: [$0], twice: false) }
                         + [Placement(leaves: [], twice: false)], true)
            }
            total += built.placements.count
            options.append(built.placements)
            placementsTruncated = placementsTruncated || built.truncated
        }
        // Badges with the fewest placements first: their choices are the most forced.
        order = (0..<instance.badgeCount).filter { options[$0].count > 1 }
            .sorted { (options[$0].count, $0) < (options[$1].count, $1) }
        suffixCount = Array(repeating: Array(repeating: 0, count: leafCount), count: order.count + 1)
        suffixCredit = Array(repeating: Array(repeating: 0, count: leafCount), count: order.count + 1)
        for position in stride(from: order.count - 1, through: 0, by: -1) {
            suffixCount[position] = suffixCount[position + 1]
            suffixCredit[position] = suffixCredit[position + 1]
            let badge = order[position]
            for leaf in leavesOfBadge[badge] {
                suffixCount[position][leaf] += 1
                suffixCredit[position][leaf] += creditValue(leaf: leaf, badge: badge)
            }
        }
        progressBuffer = Array(repeating: 0, count: instance.nodes.count)
    }

    /// Every way `badge` may count: nowhere, at one of its non-shared leaves, or at a pair
    /// `alsoCountsFor` permits, each with any subset of its limit-covered shared leaves.
    /// `truncated` when there were more pairs or limit-covered shared leaves than are tried.
    private static func placements(of candidateLeaves: [Int], leaves: [CompiledLeaf], rules: CountingRules)
        -> (placements: [Placement], truncated: Bool) {
        let own = candidateLeaves.filter { !leaves[$0].shared }
        let shared = candidateLeaves.filter { leaves[$0].shared }
        var bases: [Placement] = []
        var truncated = shared.count > maxSharedSubsetLeaves
        // Pairs first (counting twice is what the rules are for), up to a cap that keeps a
        // huge pathway from building millions of placements (the search then says it is not exact).
        pairs: for (index, a) in own.enumerated() {
            for b in own[(index + 1)...] where rules.mayPair(a, b) {
                guard bases.count < maxPairsPerBadge else {
                    truncated = true
                    break pairs
                }
                bases.append(Placement(leaves: [a, b], twice: true))
            }
        }
        bases += own.map { Placement(leaves: [$0], twice: false) }
        bases.append(Placement(leaves: [], twice: false))
        guard !shared.isEmpty else { return (bases, truncated) }
        // Larger subsets of shared leaves first: counting more places is usually better.
        let subsets = (0..<(1 << min(shared.count, maxSharedSubsetLeaves))).sorted { $0.nonzeroBitCount > $1.nonzeroBitCount }
        var result: [Placement] = []
        for subset in subsets {
            let extra = shared.indices.filter { subset & (1 << $0) != 0 }.map { shared[$0] }
            for base in bases { result.append(Placement(leaves: base.leaves + extra, twice: base.twice)) }
        }
        return (result, truncated)
    }

    private func creditValue(leaf: Int, badge: Int) -> Double {
        guard case .credits = instance.leaves[leaf].demand,
              let position = instance.candidates[leaf].firstIndex(of: badge) else { return 0 }
        return instance.values[leaf].isEmpty ? 0 : instance.values[leaf][position]
    }

    /// The result: per leaf the badges counted there (a badge counted twice is in two leaves).
    struct Result {
        var assigned: [[Int]]
        var isExact: Bool
        var steps: Int
    }

    mutating func run() -> Result {
        let leafCount = instance.leaves.count
        fillCount = Array(repeating: 0, count: leafCount)
        fillCredit = Array(repeating: 0, count: leafCount)
        limitCount = Array(repeating: 0, count: rules.limits.count)
        limitCredit = Array(repeating: .zero, count: rules.limits.count)
        chosen = options.map { $0.count - 1 }  // every badge nowhere
        for leaf in 0..<leafCount where freeShared[leaf] {
            for badge in instance.candidates[leaf] where hasRoom(leaf) {
                fillCount[leaf] += 1
                fillCredit[leaf] += creditValue(leaf: leaf, badge: badge)
            }
        }
        best = chosen
        bestProgress = evaluate(extraFrom: nil)
        search(0)
        var assigned: [[Int]] = Array(repeating: [], count: leafCount)
        for (badge, option) in best.enumerated() {
            for leaf in options[badge][option].leaves { assigned[leaf].append(badge) }
        }
        var sharedFill = Array(repeating: 0.0, count: leafCount)
        var sharedCount = Array(repeating: 0, count: leafCount)
        for leaf in 0..<leafCount where freeShared[leaf] {
            for badge in instance.candidates[leaf] where !isFull(leaf, count: sharedCount[leaf], credit: sharedFill[leaf]) {
                assigned[leaf].append(badge)
                sharedCount[leaf] += 1
                sharedFill[leaf] += creditValue(leaf: leaf, badge: badge)
            }
        }
        return Result(assigned: fillingLeftovers(assigned), isExact: !stopped && !placementsTruncated, steps: steps)
    }

    private mutating func search(_ position: Int) {
        if bestProgress >= 1 - AssignmentSolver.epsilon || stopped { return }
        steps += 1
        if steps > budget {
            stopped = true
            return
        }
        if position == order.count {
            let value = evaluate(extraFrom: nil)
            if value > bestProgress + AssignmentSolver.epsilon {
                bestProgress = value
                best = chosen
            }
            return
        }
        guard evaluate(extraFrom: position) > bestProgress + AssignmentSolver.epsilon else { return }
        let badge = order[position]
        for (index, placement) in options[badge].enumerated() where admits(placement, badge: badge) {
            apply(placement, badge: badge, sign: 1)
            chosen[badge] = index
            search(position + 1)
            apply(placement, badge: badge, sign: -1)
            chosen[badge] = options[badge].count - 1
            if bestProgress >= 1 - AssignmentSolver.epsilon || stopped { return }
        }
    }

    // MARK: Rules

    private func isFull(_ leaf: Int, count: Int, credit: Double) -> Bool {
        switch instance.leaves[leaf].demand {
        case .slots(let n): count >= n
        case .credits(let target, _): credit >= target.doubleValue - AssignmentSolver.epsilon
        }
    }

    private func hasRoom(_ leaf: Int) -> Bool {
        !isFull(leaf, count: fillCount[leaf], credit: fillCredit[leaf])
    }

    /// Whether `badge` may count at every leaf of `placement` now: each has room, the
    /// `maxShared` cap allows a second count, and no limit over those leaves is exceeded.
    private func admits(_ placement: Placement, badge: Int) -> Bool {
        if placement.leaves.isEmpty { return true }
        if placement.twice, let cap = rules.maxShared, twiceUsed >= cap { return false }
        for leaf in placement.leaves where !hasRoom(leaf) { return false }
        return violatedLimit(badge: badge, at: placement.leaves, counted: limitCount, credit: limitCredit) == nil
    }

    /// The first limit that counting `badge` at `leaves` would exceed, counting it only under
    /// limits where it does not count yet (`already`: the leaves it counts at now).
    func violatedLimit(badge: Int, at leaves: [Int], counted: [Int], credit: [Rational], already: [Int] = []) -> Int? {
        let position = classOfBadge[badge]
        for (index, limit) in rules.limits.enumerated() where position >= 0 && limit.matches[position] {
            guard leaves.contains(where: { limit.covers[$0] }), !already.contains(where: { limit.covers[$0] }) else { continue }
            switch limit.measure {
            case .count(let most): if counted[index] + 1 > most { return index }
            case .credits(let most, _):
                if credit[index] + (limit.creditValues[position] ?? .zero) > most { return index }
            }
        }
        return nil
    }

    private mutating func apply(_ placement: Placement, badge: Int, sign: Int) {
        guard !placement.leaves.isEmpty else { return }
        for leaf in placement.leaves {
            fillCount[leaf] += sign
            fillCredit[leaf] += Double(sign) * creditValue(leaf: leaf, badge: badge)
        }
        if placement.twice { twiceUsed += sign }
        let position = classOfBadge[badge]
        for (index, limit) in rules.limits.enumerated() where position >= 0 && limit.matches[position] {
            guard placement.leaves.contains(where: { limit.covers[$0] }) else { continue }
            limitCount[index] += sign
            let value = limit.creditValues[position] ?? .zero
            limitCredit[index] = sign > 0 ? limitCredit[index] + value : limitCredit[index] - value
        }
    }

    /// Gives badges the best assignment left unused to leaves that still have room, where the
    /// limits allow, so the explanation shows everything that counts (progress can only rise).
    private func fillingLeftovers(_ assigned: [[Int]]) -> [[Int]] {
        var result = assigned
        var count = result.map(\.count)
        var credit = result.indices.map { leaf in result[leaf].reduce(0.0) { $0 + creditValue(leaf: leaf, badge: $1) } }
        var counted = Array(repeating: 0, count: rules.limits.count)
        var limitCredit = Array(repeating: Rational.zero, count: rules.limits.count)
        var leavesOfBadge: [[Int]] = Array(repeating: [], count: instance.badgeCount)
        for (leaf, badges) in result.enumerated() { for badge in badges { leavesOfBadge[badge].append(leaf) } }
        for (index, limit) in rules.limits.enumerated() {
            for badge in 0..<instance.badgeCount where leavesOfBadge[badge].contains(where: { limit.covers[$0] }) {
                let position = classOfBadge[badge]
                guard position >= 0, limit.matches[position] else { continue }
                counted[index] += 1
                limitCredit[index] += limit.creditValues[position] ?? .zero
            }
        }
        for badge in 0..<instance.badgeCount {
            let singles = options[badge].filter { $0.leaves.count == 1 }.map { $0.leaves[0] }
            for leaf in singles {
                let countsOnce = leavesOfBadge[badge].contains { !instance.leaves[$0].shared }
                if instance.leaves[leaf].shared ? leavesOfBadge[badge].contains(leaf) : countsOnce { continue }
                guard !isFull(leaf, count: count[leaf], credit: credit[leaf]),
                      violatedLimit(badge: badge, at: [leaf], counted: counted, credit: limitCredit,
                                    already: leavesOfBadge[badge]) == nil else { continue }
                let position = classOfBadge[badge]
                for (index, limit) in rules.limits.enumerated()
                where position >= 0 && limit.matches[position] && limit.covers[leaf]
                    && !leavesOfBadge[badge].contains(where: { limit.covers[$0] }) {
                    counted[index] += 1
                    limitCredit[index] += limit.creditValues[position] ?? .zero
                }
                result[leaf].append(badge)
                leavesOfBadge[badge].append(leaf)
                count[leaf] += 1
                credit[leaf] += creditValue(leaf: leaf, badge: badge)
            }
        }
        return result.map { $0.sorted() }
    }

    // MARK: Evaluation

    /// The root's progress for the current fills, or, from a position of the search order on,
    /// an upper bound: every badge from there counted at every leaf it matches, no limit applied.
    private mutating func evaluate(extraFrom position: Int?) -> Double {
        let nodes = instance.nodes
        for index in stride(from: nodes.count - 1, through: 0, by: -1) {
            switch nodes[index].combine {
            case .leaf(let leaf):
                var count = fillCount[leaf]
                var credit = fillCredit[leaf]
                if let position {
                    count += suffixCount[position][leaf]
                    credit += suffixCredit[position][leaf]
                }
                progressBuffer[index] = switch instance.leaves[leaf].demand {
                case .slots(let n): min(Double(count) / Double(max(n, 1)), 1)
                case .credits(let target, _): target.doubleValue <= 0 ? 1 : min(credit / target.doubleValue, 1)
                }
            case .all:
                let children = nodes[index].children
                var sum = 0.0
                for child in children { sum += progressBuffer[child] }
                progressBuffer[index] = children.isEmpty ? 1 : sum / Double(children.count)
            case .atLeast(let n):
                let top = nodes[index].children.map { progressBuffer[$0] }.sorted(by: >).prefix(n)
                progressBuffer[index] = top.reduce(0, +) / Double(max(n, 1))
            }
        }
        return progressBuffer[0]
    }
}
