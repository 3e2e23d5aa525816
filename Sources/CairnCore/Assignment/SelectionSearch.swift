/// The assignment search that branches only on real alternatives: which children of each
/// `any` and `count` node are the ones that count.
///
/// For a fixed choice of counted children, the root's progress is a weighted sum over the
/// chosen leaves (each slot of a leaf is worth its share of the root), and the leaves that
/// need whole badges form a transversal matroid: the best way to fill them is the greedy one,
/// kept up to date one slot at a time by augmenting paths that may push out a cheaper slot
/// (the exchange rule of matroids). So no branching is spent on which badge fills which leaf.
/// Leaves that need an amount of credit are not a matroid: they are filled after the others,
/// branching on which candidate badges they keep (taking a badge from a whole-badge leaf
/// makes that leaf re-optimise). Identical sibling leaves are chosen in a canonical order.
///
/// The shortfall accumulated so far only grows as the search goes deeper, so `1 − shortfall`
/// bounds every completion of a branch; a branch that cannot beat the best answer is cut. Run
/// with a target of 1 it decides whether the pathway can be completed at all; run with the
/// best known progress it finds the optimum.
struct SelectionSearch {
    enum Outcome {
        /// The best assignment found: badge indices per leaf, and the progress it is worth.
        case found([[Int]], Double)
        /// Every alternative was tried and nothing beats the bar it was given.
        case nothingBetter
        /// The step budget ran out first.
        case undecided([[Int]]?, Double)
    }

    private enum Task {
        case node(Int)
        /// Choose `need` more children of `node` from its ordered children at `next` and after.
        case choose(node: Int, next: Int, need: Int)
    }

    private let instance: AssignmentSolver.Instance
    private let budget: Int
    private(set) var steps = 0
    private var exhausted = false
    private var owner: [Int]
    private var fill: [Int]
    private var credit: [Double]
    private var shortfall = 0.0
    private var leavesOfBadge: [[Int]]
    private var log: [(badge: Int, previous: Int)] = []
    /// The progress one slot (or, for credit leaves, one unit of credit) of each leaf is worth.
    private var slotWeight: [Double]
    private var orderedChildren: [[Int]]
    /// Per node: the least shortfall its subtree can have, even if every badge could count at
    /// every leaf (a leaf short of candidates is short whatever else happens).
    private var leastShortfall: [Double]
    /// Prices "a badge counts once" for a bound that sees how few badges there are.
    private var progressBound: ProgressBound?
    /// The root weight of the leaves decided so far (and of `count` parts that do not exist),
    /// so that `decidedWeight - shortfall` is the progress they hold.
    private var decidedWeight = 0.0
    /// Per node: the non-shared leaves under it.
    private var leavesUnder: [[Int]] = []
    private var pendingStamp: [Int] = []
    private var badgeStamp: [Int] = []
    private var stampRound = 0
    /// Per credit leaf: its candidates' positions, largest credit first, interchangeable badges
    /// (same credit, same leaves) side by side.
    private var creditOrder: [[Int]] = []
    /// Badges some non-shared whole-badge leaf could take.
    private var wantedBySlots: [Bool] = []
    private var sameAsPrevious: [Bool]
    private var bestValue: Double
    private var best: [[Int]]?
    // Breadth-first search scratch space for augmenting paths.
    private var visitStamp: [Int]
    private var stamp = 0
    private var reachedVia: [(badge: Int, from: Int)]
    private var leafStamp: [Int]
    private var searchRoot = -1
    /// Credit-phase states already explored, with the least shortfall they were reached with.
    private var visitedCredits: [[UInt64]: Double] = [:]

    /// - Parameters:
    ///   - bar: Only assignments worth more than this are of interest (use a value just under 1
    ///     to ask only whether the pathway can be completed).
    ///   - bound: Prices for the bound that sees how few badges there are, when they are worth
    ///     computing.
    init(instance: AssignmentSolver.Instance, budget: Int, bar: Double, bound: ProgressBound? = nil) {
        self.instance = instance
        self.budget = budget
        bestValue = bar
        let leafCount = instance.leaves.count
        owner = Array(repeating: -1, count: instance.badgeCount)
        fill = Array(repeating: 0, count: leafCount)
        credit = Array(repeating: 0, count: leafCount)
        leavesOfBadge = Array(repeating: [], count: instance.badgeCount)
        visitStamp = Array(repeating: 0, count: instance.badgeCount)
        leafStamp = Array(repeating: 0, count: leafCount)
        reachedVia = Array(repeating: (-1, -1), count: leafCount)
        slotWeight = instance.slotWeights
        for (leaf, spec) in instance.leaves.enumerated() where !spec.shared {
            for badge in instance.candidates[leaf] { leavesOfBadge[badge].append(leaf) }
        }
        let nodes = instance.nodes
        var slack = Array(repeating: 0.0, count: nodes.count)
        var signature = Array(repeating: "", count: nodes.count)
        for index in stride(from: nodes.count - 1, through: 0, by: -1) {
            switch nodes[index].combine {
            case .leaf(let leaf):
                let need: Double = switch instance.leaves[leaf].demand {
                case .slots(let n): Double(n)
                case .credits(let target, _): target.doubleValue
                }
                let supply = instance.values[leaf].isEmpty ? Double(instance.candidates[leaf].count)
                    : instance.values[leaf].reduce(0, +)
                slack[index] = supply / max(need, 1e-9)
                signature[index] = "\(instance.leaves[leaf].shared)|\(instance.leaves[leaf].demand)|\(instance.candidates[leaf])"
            case .all:
                slack[index] = nodes[index].children.map { slack[$0] }.min() ?? 0
            case .atLeast(let n):
                let sorted = nodes[index].children.map { slack[$0] }.sorted(by: >)
                slack[index] = n <= sorted.count && n > 0 ? sorted[n - 1] : 0
            }
        }
        var least = Array(repeating: 0.0, count: nodes.count)
        for index in stride(from: nodes.count - 1, through: 0, by: -1) {
            switch nodes[index].combine {
            case .leaf(let leaf):
                let weight = instance.leaves[leaf].demand
                switch weight {
                case .slots(let n):
                    least[index] = Double(max(0, n - instance.candidates[leaf].count)) * slotWeight[leaf]
                case .credits(let target, _):
                    least[index] = max(0, target.doubleValue - instance.values[leaf].reduce(0, +)) * slotWeight[leaf]
                }
            case .all:
                least[index] = nodes[index].children.reduce(0) { $0 + least[$1] }
            case .atLeast(let n):
                let sorted = nodes[index].children.map { least[$0] }.sorted()
                let missing = max(0, n - sorted.count)
                least[index] = sorted.prefix(n).reduce(0, +) + Double(missing) * nodes[index].weight / Double(max(n, 1))
            }
        }
        leastShortfall = least
        progressBound = bound
        if bound != nil {
            // Only the priced bound asks which leaves lie under a pending task.
            var under = Array(repeating: [Int](), count: nodes.count)
            for (leaf, spec) in instance.leaves.enumerated() where !spec.shared {
                var node = spec.node
                while node >= 0 {
                    under[node].append(leaf)
                    node = nodes[node].parent
                }
            }
            leavesUnder = under
            pendingStamp = Array(repeating: 0, count: leafCount)
            badgeStamp = Array(repeating: 0, count: instance.badgeCount)
        }
        wantedBySlots = Array(repeating: false, count: instance.badgeCount)
        for (leaf, spec) in instance.leaves.enumerated() where !spec.shared {
            if case .slots = spec.demand { for badge in instance.candidates[leaf] { wantedBySlots[badge] = true } }
        }
        let leavesOfBadge = leavesOfBadge
        creditOrder = instance.leaves.indices.map { leaf in
            guard case .credits = instance.leaves[leaf].demand else { return [] }
            return instance.candidates[leaf].indices.sorted { lhs, rhs in
                let left = instance.values[leaf][lhs]
                let right = instance.values[leaf][rhs]
                if left != right { return left > right }
                let leftLeaves = leavesOfBadge[instance.candidates[leaf][lhs]]
                let rightLeaves = leavesOfBadge[instance.candidates[leaf][rhs]]
                if leftLeaves != rightLeaves { return leftLeaves.lexicographicallyPrecedes(rightLeaves) }
                return lhs < rhs
            }
        }
        // Children with the most room first; identical leaves next to each other.
        orderedChildren = nodes.map { node in
            node.children.sorted { lhs, rhs in
                if slack[lhs] != slack[rhs] { return slack[lhs] > slack[rhs] }
                if signature[lhs] != signature[rhs] { return signature[lhs] < signature[rhs] }
                return lhs < rhs
            }
        }
        sameAsPrevious = Array(repeating: false, count: nodes.count)
        for children in orderedChildren {
            for position in children.indices.dropFirst() where !signature[children[position]].isEmpty
                && signature[children[position]] == signature[children[position - 1]] {
                sameAsPrevious[children[position]] = true
            }
        }
    }

    mutating func run() -> Outcome {
        search([.node(0)], deferred: [])
        if exhausted { return .undecided(best, bestValue) }
        guard let best else { return .nothingBetter }
        return .found(best, bestValue)
    }

    private var canImprove: Bool {
        1 - shortfall > bestValue + AssignmentSolver.epsilon
    }

    // MARK: Choosing what counts

    private mutating func search(_ agenda: [Task], deferred: [Int]) {
        steps += 1
        if steps > budget { exhausted = true; return }
        // Progress values are multiples of a step: a branch must be able to reach the next one.
        let needed = ProgressBound.next(above: bestValue, step: instance.progressStep) - 1e-9
        guard 1 - shortfall - pendingShortfall(agenda, deferred: deferred) > needed else { return }
        if let progressBound {
            let priced = decidedWeight - shortfall + pendingValue(agenda, deferred: deferred, at: progressBound)
                + pendingPrices(agenda, deferred: deferred, at: progressBound)
            guard priced > needed else { return }
        }
        // Leaves first (they fail fast), then groups that force all children, then choices.
        guard let pick = agenda.indices.min(by: { priority(agenda[$0]) < priority(agenda[$1]) }) else {
            visitedCredits.removeAll(keepingCapacity: true)
            fillCredits(deferred)
            return
        }
        var rest = agenda
        let task = rest.remove(at: pick)
        switch task {
        case .node(let index):
            switch instance.nodes[index].combine {
            case .leaf(let leaf):
                if case .credits = instance.leaves[leaf].demand, !instance.leaves[leaf].shared {
                    search(rest, deferred: deferred + [leaf])
                } else {
                    let mark = log.count
                    let saved = shortfall
                    decidedWeight += instance.nodes[index].weight
                    fillSlots(leaf)
                    search(rest, deferred: deferred)
                    undo(to: mark)
                    shortfall = saved
                    decidedWeight -= instance.nodes[index].weight
                }
            case .all:
                search(orderedChildren[index].map { .node($0) } + rest, deferred: deferred)
            case .atLeast(let n):
                search([.choose(node: index, next: 0, need: n)] + rest, deferred: deferred)
            }
        case .choose(let node, let next, let need):
            if need == 0 { search(rest, deferred: deferred); return }
            let children = orderedChildren[node]
            if children.count - next < need {
                // Fewer children than the count asks for: the missing ones are simply not met.
                guard case .atLeast(let required) = instance.nodes[node].combine else { return }
                let saved = shortfall
                let missing = need - (children.count - next)
                let lost = Double(missing) * instance.nodes[node].weight / Double(max(required, 1))
                shortfall += lost
                decidedWeight += lost
                search([.choose(node: node, next: next, need: need - missing)] + rest, deferred: deferred)
                shortfall = saved
                decidedWeight -= lost
                return
            }
            let child = children[next]
            search([.node(child), .choose(node: node, next: next + 1, need: need - 1)] + rest, deferred: deferred)
            if exhausted { return }
            // Skipping a child skips its identical twins after it: choosing one of them instead is the same choice.
            var after = next + 1
            while after < children.count && sameAsPrevious[children[after]] { after += 1 }
            search([.choose(node: node, next: after, need: need)] + rest, deferred: deferred)
        }
    }

    /// The least shortfall the tasks still on the agenda must add: each node's own least, and
    /// for a choice, its cheapest children (the agenda's parts are disjoint from what is filled).
    private func pendingShortfall(_ agenda: [Task], deferred: [Int]) -> Double {
        var total = 0.0
        for task in agenda {
            switch task {
            case .node(let index):
                total += leastShortfall[index]
            case .choose(let node, let next, let need):
                guard need > 0 else { continue }
                let children = orderedChildren[node]
                var rest = children[min(next, children.count)...].map { leastShortfall[$0] }
                rest.sort()
                total += rest.prefix(need).reduce(0, +)
                if case .atLeast(let required) = instance.nodes[node].combine, rest.count < need {
                    total += Double(need - rest.count) * instance.nodes[node].weight / Double(max(required, 1))
                }
            }
        }
        for leaf in deferred { total += leastShortfall[instance.leaves[leaf].node] }
        return total
    }

    /// The prices of the badges that a leaf still to be filled could take: only those can be
    /// counted there, so only they enter the bound.
    private mutating func pendingPrices(_ agenda: [Task], deferred: [Int], at progressBound: ProgressBound) -> Double {
        stampRound += 1
        let round = stampRound
        var total = 0.0
        func take(_ leaf: Int) {
            guard pendingStamp[leaf] != round else { return }
            pendingStamp[leaf] = round
            for badge in instance.candidates[leaf] where badgeStamp[badge] != round {
                badgeStamp[badge] = round
                total += progressBound.prices[badge]
            }
        }
        for task in agenda {
            switch task {
            case .node(let index):
                for leaf in leavesUnder[index] { take(leaf) }
            case .choose(let node, let next, _):
                let children = orderedChildren[node]
                for child in children[min(next, children.count)...] {
                    for leaf in leavesUnder[child] { take(leaf) }
                }
            }
        }
        for leaf in deferred { take(leaf) }
        return total
    }

    /// The most progress the tasks still on the agenda can add at the bound's prices.
    private func pendingValue(_ agenda: [Task], deferred: [Int], at progressBound: ProgressBound) -> Double {
        let value = progressBound.nodeValue
        var total = 0.0
        for task in agenda {
            switch task {
            case .node(let index):
                total += value[index]
            case .choose(let node, let next, let need):
                guard need > 0 else { continue }
                let children = orderedChildren[node]
                var rest = children[min(next, children.count)...].map { value[$0] }
                rest.sort(by: >)
                total += rest.prefix(need).reduce(0, +)
            }
        }
        for leaf in deferred { total += value[instance.leaves[leaf].node] }
        return total
    }

    private func priority(_ task: Task) -> Int {
        switch task {
        case .node(let index):
            switch instance.nodes[index].combine {
            case .leaf: 0
            case .all: 1
            case .atLeast: 2
            }
        case .choose: 3
        }
    }

    // MARK: Whole-badge leaves

    /// Fills every slot of a chosen leaf as well as the matroid exchange rule allows.
    private mutating func fillSlots(_ leaf: Int) {
        if instance.leaves[leaf].shared {
            // A shared leaf uses its candidates without taking them from anyone.
            switch instance.leaves[leaf].demand {
            case .slots(let n):
                shortfall += Double(max(0, n - instance.candidates[leaf].count)) * slotWeight[leaf]
            case .credits(let target, _):
                shortfall += max(0, target.doubleValue - instance.values[leaf].reduce(0, +)) * slotWeight[leaf]
            }
            return
        }
        guard case .slots(let n) = instance.leaves[leaf].demand else { return }
        while fill[leaf] < n {
            if !insertSlot(leaf) {
                shortfall += Double(n - fill[leaf]) * slotWeight[leaf]
                return
            }
        }
    }

    /// Gives `leaf` one more badge: along an augmenting path to a free badge, or else by pushing
    /// out the cheapest slot reachable by an alternating path when it is worth less (adding that
    /// slot's worth to the shortfall). Returns false when the slot stays empty.
    @discardableResult
    private mutating func insertSlot(_ leaf: Int) -> Bool {
        stamp += 1
        searchRoot = leaf
        leafStamp[leaf] = stamp
        var queue = [leaf]
        var head = 0
        var cheapest = -1
        while head < queue.count {
            let current = queue[head]
            head += 1
            for badge in instance.candidates[current] where visitStamp[badge] != stamp {
                visitStamp[badge] = stamp
                let holder = owner[badge]
                if holder == current { continue }
                if holder < 0 {
                    assign(badge, to: current, value: 0)
                    passBack(from: current)
                    return true
                }
                guard case .slots = instance.leaves[holder].demand, leafStamp[holder] != stamp else { continue }
                leafStamp[holder] = stamp
                reachedVia[holder] = (badge, current)
                queue.append(holder)
                if holder != leaf && (cheapest < 0 || slotWeight[holder] < slotWeight[cheapest]) {
                    cheapest = holder
                }
            }
        }
        guard cheapest >= 0, slotWeight[cheapest] < slotWeight[leaf] - AssignmentSolver.epsilon else { return false }
        // The cheapest reachable leaf gives up the badge on the path; every leaf before it on the path passes one along.
        let (badge, from) = reachedVia[cheapest]
        assign(badge, to: from, value: 0)
        passBack(from: from)
        shortfall += slotWeight[cheapest]
        return true
    }

    /// After `leaf` received a badge, passes one of its own badges back along the alternating
    /// path, leaf by leaf, until the leaf the search started from has one more.
    private mutating func passBack(from leaf: Int) {
        var current = leaf
        while current != searchRoot {
            let (badge, previous) = reachedVia[current]
            assign(badge, to: previous, value: 0)
            current = previous
        }
    }

    // MARK: Credit leaves

    /// Fills the credit leaves still `remaining`, the one with the least to spare first (chosen
    /// afresh at each step, so a dead end shows as early as possible).
    private mutating func fillCredits(_ remaining: [Int]) {
        guard canImprove else { return }
        guard !remaining.isEmpty else {
            record()
            return
        }
        // What the remaining credit leaves can do depends only on which badges credit leaves
        // already hold (the whole-badge leaves re-optimise around them): a state already reached
        // with no more shortfall has nothing new to offer.
        let key = creditHoldings() + remaining.sorted().map(UInt64.init)
        if let seen = visitedCredits[key], seen <= shortfall + AssignmentSolver.epsilon { return }
        if visitedCredits.count < 1_000_000 { visitedCredits[key] = shortfall }
        let spare = remaining.map { leaf -> Double in
            guard case .credits(let target, _) = instance.leaves[leaf].demand else { return 0 }
            return available(to: leaf) - target.doubleValue
        }
        if 1 - shortfall - unavoidableShortfall(remaining) <= bestValue + AssignmentSolver.epsilon { return }
        guard let pick = remaining.indices.min(by: { spare[$0] != spare[$1] ? spare[$0] < spare[$1] : remaining[$0] < remaining[$1] })
        else { return }
        let leaf = remaining[pick]
        var rest = remaining
        rest.remove(at: pick)
        // Badges another leaf could still want: the other credit leaves and, while one of them
        // may still take a badge from a whole-badge leaf, the whole-badge leaves' candidates.
        var wanted = [Bool](repeating: false, count: instance.badgeCount)
        for other in rest {
            for badge in instance.candidates[other] { wanted[badge] = true }
        }
        if !rest.isEmpty {
            for badge in wanted.indices where wantedBySlots[badge] { wanted[badge] = true }
        }
        claim(leaf, order: creditOrder[leaf], at: 0, wanted: wanted, rest: rest)
    }

    /// Decides, candidate by candidate (largest credit first), whether the credit leaf keeps it.
    private mutating func claim(_ leaf: Int, order: [Int], at index: Int, wanted: [Bool], rest: [Int]) {
        steps += 1
        if steps > budget { exhausted = true; return }
        guard case .credits(let amount, _) = instance.leaves[leaf].demand else { return }
        let target = amount.doubleValue
        if credit[leaf] >= target - AssignmentSolver.epsilon || index == order.count {
            let saved = shortfall
            shortfall += max(0, target - credit[leaf]) * slotWeight[leaf]
            fillCredits(rest)
            shortfall = saved
            return
        }
        // Optimistic: even every remaining candidate this leaf could still get (and every
        // other credit leaf likewise) would leave this much short.
        var reachable = credit[leaf]
        for entry in order[index...] where isAvailable(instance.candidates[leaf][entry]) {
            reachable += instance.values[leaf][entry]
        }
        let future = max(0, target - reachable) * slotWeight[leaf] + unavoidableShortfall(rest)
        if 1 - shortfall - future <= bestValue + AssignmentSolver.epsilon { return }
        let candidate = order[index]
        let badge = instance.candidates[leaf][candidate]
        let holder = owner[badge]
        if isAvailable(badge) {
            let mark = log.count
            let saved = shortfall
            assign(badge, to: leaf, value: instance.values[leaf][candidate])
            if holder >= 0 {
                // The whole-badge leaf that lost it looks for a replacement, or goes short.
                if !insertSlot(holder) { shortfall += slotWeight[holder] }
            }
            claim(leaf, order: order, at: index + 1, wanted: wanted, rest: rest)
            undo(to: mark)
            shortfall = saved
            if exhausted { return }
            // A free badge no other leaf could want is never worth leaving out.
            if holder < 0 && !wanted[badge] { return }
        }
        var next = index + 1
        if holder < 0 {
            // Leaving out a free badge leaves out its free twins after it too: keeping one of
            // them instead would be the same choice.
            while next < order.count, isFreeTwin(instance.candidates[leaf][order[next]], of: badge,
                                                 valueA: instance.values[leaf][order[next]],
                                                 valueB: instance.values[leaf][candidate]) {
                next += 1
            }
        }
        claim(leaf, order: order, at: next, wanted: wanted, rest: rest)
    }

    /// The set of badges credit leaves hold, as bits.
    private func creditHoldings() -> [UInt64] {
        var bits = Array(repeating: UInt64(0), count: (instance.badgeCount + 63) / 64)
        for (badge, holder) in owner.enumerated() where holder >= 0 {
            if case .credits = instance.leaves[holder].demand { bits[badge / 64] |= 1 << UInt64(badge % 64) }
        }
        return bits
    }

    /// Whether a credit leaf could still take `badge`: free, or held by a whole-badge leaf.
    private func isAvailable(_ badge: Int) -> Bool {
        let holder = owner[badge]
        guard holder >= 0 else { return true }
        if case .slots = instance.leaves[holder].demand { return true }
        return false
    }

    /// Every credit a leaf could still get: what it holds plus its free or movable candidates.
    private func available(to leaf: Int) -> Double {
        var total = credit[leaf]
        for (index, badge) in instance.candidates[leaf].enumerated() where owner[badge] != leaf && isAvailable(badge) {
            total += instance.values[leaf][index]
        }
        return total
    }

    /// A lower bound on what the `leaves` will fall short by, each counting every badge it could still get.
    private func unavoidableShortfall(_ leaves: [Int]) -> Double {
        var total = 0.0
        for leaf in leaves {
            guard case .credits(let target, _) = instance.leaves[leaf].demand else { continue }
            total += max(0, target.doubleValue - available(to: leaf)) * slotWeight[leaf]
        }
        return total
    }

    private func isFreeTwin(_ badge: Int, of other: Int, valueA: Double, valueB: Double) -> Bool {
        owner[badge] < 0 && valueA == valueB && leavesOfBadge[badge] == leavesOfBadge[other]
    }

    private mutating func record() {
        let value = 1 - shortfall
        guard value > bestValue + AssignmentSolver.epsilon else { return }
        bestValue = value
        var assigned: [[Int]] = Array(repeating: [], count: instance.leaves.count)
        for (badge, leaf) in owner.enumerated() where leaf >= 0 { assigned[leaf].append(badge) }
        for (leaf, spec) in instance.leaves.enumerated() where spec.shared {
            assigned[leaf] = instance.candidates[leaf]
        }
        best = assigned
    }

    // MARK: Ownership with undo

    private mutating func assign(_ badge: Int, to leaf: Int, value: Double) {
        let previous = owner[badge]
        log.append((badge, previous))
        if previous >= 0 { release(badge, from: previous) }
        owner[badge] = leaf
        fill[leaf] += 1
        credit[leaf] += value
    }

    private mutating func release(_ badge: Int, from leaf: Int) {
        fill[leaf] -= 1
        if case .credits = instance.leaves[leaf].demand,
           let position = instance.candidates[leaf].firstIndex(of: badge) {
            credit[leaf] -= instance.values[leaf][position]
        }
    }

    private mutating func undo(to mark: Int) {
        while log.count > mark {
            let (badge, previous) = log.removeLast()
            if owner[badge] >= 0 { release(badge, from: owner[badge]) }
            owner[badge] = previous
            if previous >= 0 {
                fill[previous] += 1
                if case .credits = instance.leaves[previous].demand,
                   let position = instance.candidates[previous].firstIndex(of: badge) {
                    credit[previous] += instance.values[previous][position]
                }
            }
        }
    }
}
