/// The exact assignment of earned badges to requirement leaves.
///
/// The problem: each badge may count for at most one non-shared leaf; choose the assignment
/// that maximises the root's progress (which completes the pathway whenever any assignment
/// can). With alternatives over a shared pool this contains set packing, so the solver is a
/// branch and bound built to make practical inputs trivial:
///
/// 1. A badge that fits only one leaf goes there (an exchange argument shows this loses
///    nothing), so only *contested* badges — those fitting two or more leaves that still
///    have room — are branched on.
/// 2. Contested badges with the same candidate leaves are interchangeable; they are branched
///    on in a canonical order (each takes a leaf no earlier than its twin's) so symmetric
///    assignments are explored once.
/// 3. Two upper bounds prune: the tree evaluated with every undecided badge optimistically
///    counted everywhere it fits, and the current progress plus, for each undecided badge,
///    the most one badge can add (the per-badge relaxation that answers "40 interchangeable
///    leaves, 39 badges" with 39/40 at the root, before any branching).
/// 4. The search stops as soon as the best assignment found reaches the bound or completes
///    the pathway, and it stops at ``SolverLimits/maxSearchNodes`` with `exact == false`.
struct AssignmentSolver {
    struct Instance {
        var nodes: [CompiledNode]
        var leaves: [CompiledLeaf]
        /// Per leaf: candidate badge indices, in canonical badge order.
        var candidates: [[Int]]
        /// Per leaf: the credit value of each candidate (credits leaves only; parallel to `candidates`).
        var values: [[Double]]
        var badgeCount: Int
    }

    struct Solution {
        /// Per leaf: the badge indices counted there.
        var assigned: [[Int]]
        var isExact: Bool
        var explored: Int
    }

    static let epsilon = 1e-9

    let instance: Instance
    let limits: SolverLimits

    // Search state.
    private var fillCount: [Int]
    private var fillCredit: [Double]
    private var remainingCount: [Int]
    private var remainingCredit: [Double]
    private var assignment: [Int]            // badge → leaf, -1 unassigned
    private var best: [Int]
    private var bestValue = -1.0
    private var explored = 0
    private var aborted = false
    private var contested: [Int] = []
    private var twinOf: [Int] = []           // position in `contested` → previous twin position or -1
    private var leavesOfBadge: [[Int]]
    private var valueOfBadge: [[Double]]     // parallel to leavesOfBadge
    private var suffixGain: [Double] = []
    private var progressBuffer: [Double]
    private var leafProgress: [Double]
    private var scratch: [Double] = []

    init(instance: Instance, limits: SolverLimits) {
        self.instance = instance
        self.limits = limits
        let leafCount = instance.leaves.count
        fillCount = Array(repeating: 0, count: leafCount)
        fillCredit = Array(repeating: 0, count: leafCount)
        remainingCount = Array(repeating: 0, count: leafCount)
        remainingCredit = Array(repeating: 0, count: leafCount)
        assignment = Array(repeating: -1, count: instance.badgeCount)
        best = assignment
        leavesOfBadge = Array(repeating: [], count: instance.badgeCount)
        valueOfBadge = Array(repeating: [], count: instance.badgeCount)
        progressBuffer = Array(repeating: 0, count: instance.nodes.count)
        leafProgress = Array(repeating: 0, count: leafCount)
        for leaf in 0..<leafCount where !instance.leaves[leaf].shared {
            for (position, badge) in instance.candidates[leaf].enumerated() {
                leavesOfBadge[badge].append(leaf)
                valueOfBadge[badge].append(instance.values[leaf].isEmpty ? 0 : instance.values[leaf][position])
            }
        }
    }

    mutating func solve() -> Solution {
        let leafCount = instance.leaves.count
        // Shared leaves take every candidate: they consume nothing.
        var sharedAssigned: [[Int]] = Array(repeating: [], count: leafCount)
        for leaf in 0..<leafCount where instance.leaves[leaf].shared {
            for (position, badge) in instance.candidates[leaf].enumerated() where !isFull(leaf) {
                sharedAssigned[leaf].append(badge)
                add(badge: badge, to: leaf, value: value(of: position, in: leaf))
            }
        }
        preassignUncontested()
        prepareContested()
        let rootBound = upperBound(from: 0)
        bestValue = evaluate(optimistic: false)
        best = assignment
        if bestValue < 1 - Self.epsilon && bestValue < rootBound - Self.epsilon && !contested.isEmpty {
            search(0)
        }
        var assigned = sharedAssigned
        for (badge, leaf) in best.enumerated() where leaf >= 0 { assigned[leaf].append(badge) }
        for leaf in assigned.indices { assigned[leaf].sort() }
        return Solution(assigned: assigned, isExact: !aborted, explored: explored)
    }

    // MARK: Fills

    private func value(of position: Int, in leaf: Int) -> Double {
        instance.values[leaf].isEmpty ? 0 : instance.values[leaf][position]
    }

    private func isFull(_ leaf: Int) -> Bool {
        switch instance.leaves[leaf].demand {
        case .slots(let n): fillCount[leaf] >= n
        case .credits(let target, _): fillCredit[leaf] >= target.doubleValue - Self.epsilon
        }
    }

    private mutating func add(badge: Int, to leaf: Int, value: Double) {
        fillCount[leaf] += 1
        fillCredit[leaf] += value
    }

    private mutating func remove(badge: Int, from leaf: Int, value: Double) {
        fillCount[leaf] -= 1
        fillCredit[leaf] -= value
    }

    /// Gives every badge that fits exactly one non-full leaf to that leaf, until nothing changes.
    private mutating func preassignUncontested() {
        var changed = true
        while changed {
            changed = false
            for badge in 0..<instance.badgeCount where assignment[badge] < 0 {
                let open = leavesOfBadge[badge].indices.filter { !isFull(leavesOfBadge[badge][$0]) }
                guard open.count == 1 else { continue }
                let leaf = leavesOfBadge[badge][open[0]]
                assignment[badge] = leaf
                add(badge: badge, to: leaf, value: valueOfBadge[badge][open[0]])
                changed = true
            }
        }
    }

    /// Orders the contested badges so twins are adjacent, and precomputes the per-badge bound.
    private mutating func prepareContested() {
        var keyed: [(leaves: [Int], values: [Double], badge: Int)] = []
        for badge in 0..<instance.badgeCount where assignment[badge] < 0 {
            let open = leavesOfBadge[badge].indices.filter { !isFull(leavesOfBadge[badge][$0]) }
            guard open.count >= 2 else { continue }
            keyed.append((open.map { leavesOfBadge[badge][$0] }, open.map { valueOfBadge[badge][$0] }, badge))
        }
        keyed.sort { lhs, rhs in
            if lhs.leaves.count != rhs.leaves.count { return lhs.leaves.count < rhs.leaves.count }
            if lhs.leaves != rhs.leaves { return lhs.leaves.lexicographicallyPrecedes(rhs.leaves) }
            if lhs.values != rhs.values { return lhs.values.lexicographicallyPrecedes(rhs.values) }
            return lhs.badge < rhs.badge
        }
        contested = keyed.map(\.badge)
        twinOf = keyed.indices.map { position in
            position > 0 && keyed[position - 1].leaves == keyed[position].leaves
                && keyed[position - 1].values == keyed[position].values ? position - 1 : -1
        }
        for (badge, leaves) in leavesOfBadge.enumerated() {
            // Only open leaves stay candidates of a contested badge; full ones cannot use it.
            guard contested.contains(badge) else { continue }
            let open = leaves.indices.filter { !isFull(leaves[$0]) }
            leavesOfBadge[badge] = open.map { leaves[$0] }
            valueOfBadge[badge] = open.map { valueOfBadge[badge][$0] }
        }
        for badge in contested {
            for (position, leaf) in leavesOfBadge[badge].enumerated() {
                remainingCount[leaf] += 1
                remainingCredit[leaf] += valueOfBadge[badge][position]
            }
        }
        suffixGain = Array(repeating: 0, count: contested.count + 1)
        for position in stride(from: contested.count - 1, through: 0, by: -1) {
            let badge = contested[position]
            var gain = 0.0
            for (index, leaf) in leavesOfBadge[badge].enumerated() {
                let perBadge: Double = switch instance.leaves[leaf].demand {
                case .slots: instance.leaves[leaf].unitGain
                case .credits: instance.leaves[leaf].unitGain * valueOfBadge[badge][index]
                }
                gain = max(gain, perBadge)
            }
            suffixGain[position] = suffixGain[position + 1] + gain
        }
    }

    // MARK: Search

    private func upperBound(from position: Int) -> Double {
        var copy = self
        let optimistic = copy.evaluate(optimistic: true)
        let current = copy.evaluate(optimistic: false)
        return min(optimistic, current + suffixGain[position])
    }

    private mutating func search(_ position: Int) {
        explored += 1
        if explored > limits.maxSearchNodes { aborted = true; return }
        if position == contested.count {
            let value = evaluate(optimistic: false)
            if value > bestValue + Self.epsilon {
                bestValue = value
                best = assignment
            }
            return
        }
        let optimistic = evaluate(optimistic: true)
        let current = evaluate(optimistic: false)
        if current > bestValue + Self.epsilon {
            // Leaving the rest unassigned is itself an answer; record it so a good incumbent exists early.
            bestValue = current
            best = assignment
        }
        if min(optimistic, current + suffixGain[position]) <= bestValue + Self.epsilon { return }

        let badge = contested[position]
        let leaves = leavesOfBadge[badge]
        let values = valueOfBadge[badge]
        for (index, leaf) in leaves.enumerated() {
            remainingCount[leaf] -= 1
            remainingCredit[leaf] -= values[index]
        }
        let floor = twinOf[position] >= 0 ? assignment[contested[twinOf[position]]] : -1
        let twinUnused = twinOf[position] >= 0 && floor < 0

        if !twinUnused {
            // Most valuable open leaf first, so the first dive is already a good answer.
            var order = leaves.indices.filter { !isFull(leaves[$0]) && leaves[$0] >= floor }
            order.sort { lhs, rhs in
                let left = marginalGain(leaves[lhs], values[lhs])
                let right = marginalGain(leaves[rhs], values[rhs])
                if abs(left - right) > Self.epsilon { return left > right }
                return leaves[lhs] < leaves[rhs]
            }
            for index in order {
                let leaf = leaves[index]
                assignment[badge] = leaf
                add(badge: badge, to: leaf, value: values[index])
                search(position + 1)
                remove(badge: badge, from: leaf, value: values[index])
                assignment[badge] = -1
                if aborted || bestValue >= 1 - Self.epsilon { break }
            }
        }
        if !aborted && bestValue < 1 - Self.epsilon {
            search(position + 1)
        }
        for (index, leaf) in leaves.enumerated() {
            remainingCount[leaf] += 1
            remainingCredit[leaf] += values[index]
        }
    }

    private func marginalGain(_ leaf: Int, _ value: Double) -> Double {
        switch instance.leaves[leaf].demand {
        case .slots: instance.leaves[leaf].unitGain
        case .credits(let target, _):
            instance.leaves[leaf].unitGain * min(value, target.doubleValue - fillCredit[leaf])
        }
    }

    // MARK: Evaluation

    /// The root's progress for the current fills, or — `optimistic` — with every undecided
    /// contested badge counted in every leaf it fits.
    private mutating func evaluate(optimistic: Bool) -> Double {
        for (leaf, spec) in instance.leaves.enumerated() {
            switch spec.demand {
            case .slots(let n):
                let count = fillCount[leaf] + (optimistic ? remainingCount[leaf] : 0)
                leafProgress[leaf] = min(Double(count) / Double(max(n, 1)), 1)
            case .credits(let target, _):
                let sum = fillCredit[leaf] + (optimistic ? remainingCredit[leaf] : 0)
                let goal = target.doubleValue
                leafProgress[leaf] = goal <= 0 ? 1 : min(sum / goal, 1)
            }
        }
        let nodes = instance.nodes
        for index in stride(from: nodes.count - 1, through: 0, by: -1) {
            switch nodes[index].combine {
            case .leaf(let leaf):
                progressBuffer[index] = leafProgress[leaf]
            case .all:
                var sum = 0.0
                for child in nodes[index].children { sum += progressBuffer[child] }
                progressBuffer[index] = nodes[index].children.isEmpty ? 1 : sum / Double(nodes[index].children.count)
            case .atLeast(let n):
                let children = nodes[index].children
                if n == 1 {
                    var top = 0.0
                    for child in children { top = max(top, progressBuffer[child]) }
                    progressBuffer[index] = children.isEmpty ? 0 : top
                } else {
                    scratch.removeAll(keepingCapacity: true)
                    for child in children { scratch.append(progressBuffer[child]) }
                    scratch.sort(by: >)
                    var sum = 0.0
                    for value in scratch.prefix(n) { sum += value }
                    progressBuffer[index] = sum / Double(max(n, 1))
                }
            }
        }
        return progressBuffer[0]
    }
}
