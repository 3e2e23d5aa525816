/// The priced relaxation behind ``ProgressBound`` and ``ProgressSearch``: every leaf takes its
/// own best badges net of their prices, every `count` its own best parts, and the value plus
/// the sum of the prices bounds the progress of every real assignment that honours the
/// decisions taken so far.
struct ProgressRelaxation {
    static let open: Int8 = 0
    static let forced: Int8 = 1
    static let forbidden: Int8 = -1

    /// What a branch of ``ProgressSearch`` has decided.
    struct Decisions {
        /// Per leaf, per candidate position: forced (the badge counts there), forbidden or open.
        var badge: [[Int8]]
        /// Per node: forced (counted), forbidden (not counted) or open.
        var node: [Int8]

        init(instance: AssignmentSolver.Instance) {
            badge = instance.candidates.map { [Int8](repeating: ProgressRelaxation.open, count: $0.count) }
            node = [Int8](repeating: ProgressRelaxation.open, count: instance.nodes.count)
        }
    }

    /// A badge a leaf takes in the relaxation (a share of it, for a credit leaf relaxed to fractions).
    struct Use {
        var badge: Int
        var position: Int
        var share: Double
    }

    let instance: AssignmentSolver.Instance
    let slotWeight: [Double]
    private(set) var nodeValue: [Double]
    private(set) var leafUses: [[Use]]
    private(set) var chosen: [Bool]
    /// Per badge: how much of it the chosen non-shared leaves use.
    private(set) var uses: [Double]
    private var mandatory: [Bool]
    private var gains: [(position: Int, gain: Double)] = []
    /// Per `count` node: the parts the last run counted.
    private var countedParts: [[Int]]
    private var others: [Int] = []
    private var open: [Int] = []
    var value: Double { nodeValue[0] }

    init(instance: AssignmentSolver.Instance) {
        self.instance = instance
        slotWeight = instance.slotWeights
        nodeValue = Array(repeating: 0, count: instance.nodes.count)
        leafUses = Array(repeating: [], count: instance.leaves.count)
        chosen = Array(repeating: false, count: instance.nodes.count)
        uses = Array(repeating: 0, count: instance.badgeCount)
        mandatory = Array(repeating: false, count: instance.nodes.count)
        countedParts = Array(repeating: [], count: instance.nodes.count)
    }

    /// Marks the nodes that must count; `false` when the decisions contradict each other.
    mutating func prepare(_ decisions: Decisions) -> Bool {
        for index in mandatory.indices { mandatory[index] = false }
        func require(_ start: Int) {
            var node = start
            while node >= 0, !mandatory[node] {
                mandatory[node] = true
                node = instance.nodes[node].parent
            }
        }
        require(0)
        for index in instance.nodes.indices where decisions.node[index] == Self.forced { require(index) }
        for (leaf, row) in decisions.badge.enumerated() where row.contains(Self.forced) { require(instance.leaves[leaf].node) }
        return !instance.nodes.indices.contains { mandatory[$0] && decisions.node[$0] == Self.forbidden }
    }

    /// The relaxation's value plus the prices: an upper bound on the root's progress under the
    /// decisions (call ``prepare(_:)`` first).
    mutating func run(prices: [Double], decisions: Decisions) -> Double {
        let nodes = instance.nodes
        for index in stride(from: nodes.count - 1, through: 0, by: -1) {
            if decisions.node[index] == Self.forbidden {
                nodeValue[index] = 0
                continue
            }
            switch nodes[index].combine {
            case .leaf(let leaf): nodeValue[index] = leafValue(leaf, prices: prices, decisions: decisions.badge[leaf])
            case .all:
                // An `all` with no parts is met.
                nodeValue[index] = nodes[index].children.isEmpty ? nodes[index].weight
                    : nodes[index].children.reduce(0) { $0 + nodeValue[$1] }
            case .atLeast(let needed):
                count(index, needed: needed, decisions: decisions)
                nodeValue[index] = countedParts[index].reduce(0) { $0 + nodeValue[$1] }
            }
        }
        for index in chosen.indices { chosen[index] = false }
        for index in uses.indices { uses[index] = 0 }
        chosen[0] = true
        for index in nodes.indices where chosen[index] {
            switch nodes[index].combine {
            case .leaf(let leaf):
                guard !instance.leaves[leaf].shared else { continue }
                for use in leafUses[leaf] { uses[use.badge] += use.share }
            case .all:
                for child in nodes[index].children where decisions.node[child] != Self.forbidden { chosen[child] = true }
            case .atLeast:
                for child in countedParts[index] { chosen[child] = true }
            }
        }
        return value + prices.reduce(0, +)
    }

    /// The parts of a `count` the relaxation counts, into `countedParts`: the mandatory ones,
    /// then the best others that add anything, `needed` in all.
    private mutating func count(_ index: Int, needed: Int, decisions: Decisions) {
        countedParts[index].removeAll(keepingCapacity: true)
        others.removeAll(keepingCapacity: true)
        for child in instance.nodes[index].children where decisions.node[child] != Self.forbidden {
            if mandatory[child] { countedParts[index].append(child) } else if nodeValue[child] > 0 { others.append(child) }
        }
        let missing = needed - countedParts[index].count
        guard missing > 0 else { return }
        let values = nodeValue
        if missing < others.count { others.sort { values[$0] != values[$1] ? values[$0] > values[$1] : $0 < $1 } }
        countedParts[index].append(contentsOf: others.prefix(missing))
    }

    /// The most a leaf can add at the prices, honouring forced and forbidden badges.
    private mutating func leafValue(_ leaf: Int, prices: [Double], decisions: [Int8]) -> Double {
        let spec = instance.leaves[leaf]
        let candidates = instance.candidates[leaf]
        let weight = slotWeight[leaf]
        leafUses[leaf].removeAll(keepingCapacity: true)
        var forcedCount = 0
        var forcedPrice = 0.0
        var forcedCredit = 0.0
        for position in candidates.indices where decisions[position] == Self.forced {
            forcedCount += 1
            forcedPrice += prices[candidates[position]]
            if !instance.values[leaf].isEmpty { forcedCredit += instance.values[leaf][position] }
            leafUses[leaf].append(Use(badge: candidates[position], position: position, share: 1))
        }
        switch spec.demand {
        case .slots(let demand):
            if demand <= 0 { return instance.nodes[spec.node].weight }
            if spec.shared { return Double(min(demand, candidates.count)) * weight }
            gains.removeAll(keepingCapacity: true)
            for position in candidates.indices where decisions[position] == Self.open && weight - prices[candidates[position]] > 0 {
                gains.append((position, weight - prices[candidates[position]]))
            }
            let wanted = max(0, demand - forcedCount)
            if wanted < gains.count {
                gains.sort { lhs, rhs in lhs.gain != rhs.gain ? lhs.gain > rhs.gain : lhs.position < rhs.position }
            }
            var total = Double(min(forcedCount, demand)) * weight - forcedPrice
            for entry in gains.prefix(wanted) {
                total += entry.gain
                leafUses[leaf].append(Use(badge: candidates[entry.position], position: entry.position, share: 1))
            }
            return total
        case .credits(let amount, _):
            let target = amount.doubleValue
            let values = instance.values[leaf]
            if target <= 0 { return instance.nodes[spec.node].weight }
            if spec.shared { return min(target, values.reduce(0, +)) * weight }
            open.removeAll(keepingCapacity: true)
            for position in candidates.indices where decisions[position] == Self.open { open.append(position) }
            let open = self.open
            let room = max(0, target - forcedCredit)
            let base = min(forcedCredit, target) * weight - forcedPrice
            if open.count <= 10 { return base + bestSubset(leaf, open: open, room: room, weight: weight, prices: prices) }
            // Many candidates: fractional (an upper bound on the best subset), cheapest price
            // per credit first, while a credit is worth its price.
            let order = open.filter { values[$0] > 0 }.sorted { lhs, rhs in
                let left = prices[candidates[lhs]] / values[lhs]
                let right = prices[candidates[rhs]] / values[rhs]
                return left != right ? left < right : lhs < rhs
            }
            var filled = 0.0
            var total = base
            for position in order where filled < room {
                let badge = candidates[position]
                guard prices[badge] / values[position] < weight else { break }
                let taken = min(values[position], room - filled)
                let share = taken / values[position]
                filled += taken
                total += taken * weight - share * prices[badge]
                leafUses[leaf].append(Use(badge: badge, position: position, share: share))
            }
            return total
        }
    }

    /// The best subset of a credit leaf's few open candidates, by trying them all.
    private mutating func bestSubset(_ leaf: Int, open: [Int], room: Double, weight: Double, prices: [Double]) -> Double {
        let candidates = instance.candidates[leaf]
        let values = instance.values[leaf]
        var best = 0.0
        var bestMask = 0
        if room > 0 {
            for mask in 1..<(1 << open.count) {
                var credit = 0.0
                var price = 0.0
                for (bit, position) in open.enumerated() where mask & (1 << bit) != 0 {
                    credit += values[position]
                    price += prices[candidates[position]]
                }
                let gain = min(credit, room) * weight - price
                if gain > best + AssignmentSolver.epsilon {
                    best = gain
                    bestMask = mask
                }
            }
        }
        for (bit, position) in open.enumerated() where bestMask & (1 << bit) != 0 {
            leafUses[leaf].append(Use(badge: candidates[position], position: position, share: 1))
        }
        return best
    }

    // MARK: Tightening by subgradient steps

    /// What tightening left: the lowest bound and its node values, and how often each counted
    /// part and each badge at a leaf was taken over the later steps.
    struct Tightened {
        var bound: Double
        var nodeValue: [Double]
        var nodeShare: [Double]
        var useShare: [[Double]]
        var uses: [Double]
        var chosen: [Bool]
        var leafUses: [[Use]]
    }

    /// Lowers the bound by moving the prices (kept at their best in `prices`), offering each
    /// relaxation to `heuristic`; stops early once the bound is below `cutoff`.
    mutating func tighten(_ decisions: Decisions, prices: inout [Double], target: Double, iterations: Int,
                          heuristic: inout ProgressHeuristic, cutoff: Double = -.infinity) -> Tightened {
        var current = prices
        var bestBound = run(prices: current, decisions: decisions)
        var best = Tightened(bound: bestBound, nodeValue: nodeValue, nodeShare: [], useShare: [], uses: uses,
                             chosen: chosen, leafUses: leafUses)
        var nodeCount = [Double](repeating: 0, count: instance.nodes.count)
        var useCount = instance.candidates.map { [Double](repeating: 0, count: $0.count) }
        var counted = 0
        var step = 1.0
        var stalled = 0
        let countFrom = iterations / 3
        var improved = true
        for iteration in 0...iterations {
            // Repairing every relaxation costs more than it finds: only new bests and the last.
            if improved || iteration == iterations { heuristic.offer(self) }
            improved = false
            if iteration >= countFrom {
                counted += 1
                for index in chosen.indices where chosen[index] { nodeCount[index] += 1 }
                for (leaf, list) in leafUses.enumerated() where chosen[instance.leaves[leaf].node] {
                    for use in list { useCount[leaf][use.position] += use.share }
                }
            }
            let bound = value + current.reduce(0, +)
            let goal = max(target, heuristic.bestProgress)
            if bound < cutoff || iteration == iterations { break }
            // The subgradient: how much each badge is used beyond once.
            var norm = 0.0
            for badge in current.indices {
                let excess = uses[badge] - 1
                if excess < 0, current[badge] <= 0 { continue }
                norm += excess * excess
            }
            if norm == 0 || bound <= goal + AssignmentSolver.epsilon || step < 0.005 { break }
            let length = step * max(bound - goal, 1e-6) / norm
            for badge in current.indices { current[badge] = max(0, current[badge] + length * (uses[badge] - 1)) }
            let next = run(prices: current, decisions: decisions)
            if next < bestBound - AssignmentSolver.epsilon {
                bestBound = next
                prices = current
                best = Tightened(bound: next, nodeValue: nodeValue, nodeShare: [], useShare: [], uses: uses,
                                 chosen: chosen, leafUses: leafUses)
                stalled = 0
                improved = true
            } else {
                stalled += 1
                if stalled >= 5 {
                    step /= 2
                    stalled = 0
                }
            }
        }
        let total = Double(max(counted, 1))
        best.nodeShare = nodeCount.map { $0 / total }
        best.useShare = useCount.map { $0.map { $0 / total } }
        return best
    }
}
