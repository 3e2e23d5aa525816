/// The most progress a learner's badges can give a pathway that they cannot complete, by a
/// branch and bound over ``ProgressRelaxation``: used by ``AssignmentSolver`` when
/// ``SelectionSearch`` has not settled the question within a small budget.
///
/// Each branch tightens its own prices (starting from its parent's), so the bound stays tight
/// deep in the search, where a fixed bound loosens. A branch is cut when its bound cannot reach
/// the next progress value above the best assignment (progress values are multiples of the
/// instance's step). It splits where the relaxation is most undecided — a part of a `count`
/// counted or not, else a badge at a leaf or not — and dives into the likelier side first.
struct ProgressSearch {
    struct Result {
        var assigned: [[Int]]?
        var progress: Double
        /// Whether every branch was closed: no assignment beats `progress`.
        var isExhaustive: Bool
        var branches: Int
    }

    private struct Branch {
        var decisions: ProgressRelaxation.Decisions
        var bound: Double
        var depth: Int
        var prices: [Double]
    }

    private enum Choice {
        case node(Int)
        case badge(leaf: Int, position: Int)
    }

    let instance: AssignmentSolver.Instance
    var rootIterations = 300
    var branchIterations = 60

    /// Searches for an assignment better than `incumbent` (worth `progress`).
    func run(incumbent: [[Int]]?, progress: Double, branchLimit: Int) -> Result {
        var relaxation = ProgressRelaxation(instance: instance)
        var heuristic = ProgressHeuristic(instance: instance)
        heuristic.best = incumbent
        heuristic.bestProgress = progress
        // Highest bound first (deepest on ties), with plunges.
        var queue = BranchQueue(first: Branch(decisions: ProgressRelaxation.Decisions(instance: instance), bound: .infinity,
                                              depth: 0, prices: [Double](repeating: 0, count: instance.badgeCount))) { lhs, rhs in
            lhs.bound > rhs.bound || (lhs.bound == rhs.bound && lhs.depth > rhs.depth)
        }
        var branches = 0
        func needed() -> Double {
            ProgressBound.next(above: heuristic.bestProgress, step: instance.progressStep) - 1e-9
        }
        while let branch = queue.next() {
            guard branch.bound >= needed() else { continue }
            branches += 1
            if branches > branchLimit {
                return Result(assigned: heuristic.best, progress: heuristic.bestProgress, isExhaustive: false,
                              branches: branches - 1)
            }
            guard relaxation.prepare(branch.decisions) else { continue }
            var prices = branch.prices
            let tightened = relaxation.tighten(branch.decisions, prices: &prices, target: heuristic.bestProgress,
                                               iterations: branch.depth == 0 ? rootIterations : branchIterations,
                                               heuristic: &heuristic, cutoff: needed())
            guard tightened.bound >= needed() else { continue }
            guard let split = choice(tightened, decisions: branch.decisions, prices: prices) else {
                // The relaxation is a real assignment worth its bound: offer it, and the branch is done.
                heuristic.offer(assignment(of: tightened))
                continue
            }
            let children = [ProgressRelaxation.forbidden, ProgressRelaxation.forced].map { decision in
                Branch(decisions: deciding(split.choice, to: decision, in: branch.decisions), bound: tightened.bound,
                       depth: branch.depth + 1, prices: prices)
            }
            // Dive into the side the relaxation leans to; keep the other for later.
            let leansForced = split.share >= 0.5
            queue.push(leansForced ? children[0] : children[1])
            queue.dive(into: leansForced ? children[1] : children[0])
        }
        return Result(assigned: heuristic.best, progress: heuristic.bestProgress, isExhaustive: true, branches: branches)
    }

    private func deciding(_ choice: Choice, to decision: Int8, in decisions: ProgressRelaxation.Decisions)
        -> ProgressRelaxation.Decisions {
        var next = decisions
        switch choice {
        case .node(let node):
            next.node[node] = decision
        case .badge(let leaf, let position):
            next.badge[leaf][position] = decision
            guard decision == ProgressRelaxation.forced else { break }
            // A badge counts at one non-shared leaf at most.
            let badge = instance.candidates[leaf][position]
            for (other, candidates) in instance.candidates.enumerated() where other != leaf && !instance.leaves[other].shared {
                if let at = candidates.firstIndex(of: badge) { next.badge[other][at] = ProgressRelaxation.forbidden }
            }
        }
        return next
    }

    /// Where to split: the open part of a `count` counted most nearly half the time (the
    /// shallowest), else the open badge at a non-shared leaf taken most nearly half the time,
    /// else a badge two leaves both take. `nil` when the relaxation is a real assignment.
    private func choice(_ tightened: ProgressRelaxation.Tightened, decisions: ProgressRelaxation.Decisions,
                        prices: [Double]) -> (choice: Choice, share: Double)? {
        func undecided(_ share: Double) -> Double { min(share, 1 - share) }
        var bestNode: (node: Int, depth: Int, score: Double)?
        for (index, node) in instance.nodes.enumerated() where node.parent >= 0 && decisions.node[index] == ProgressRelaxation.open {
            guard case .atLeast = instance.nodes[node.parent].combine else { continue }
            let score = undecided(tightened.nodeShare[index])
            guard score >= 0.05 else { continue }
            let depth = self.depth(of: index)
            if bestNode.map({ depth < $0.depth || (depth == $0.depth && score > $0.score) }) ?? true {
                bestNode = (index, depth, score)
            }
        }
        if let bestNode { return (.node(bestNode.node), tightened.nodeShare[bestNode.node]) }
        var bestBadge: (leaf: Int, position: Int, score: Double)?
        for (leaf, shares) in tightened.useShare.enumerated() where !instance.leaves[leaf].shared {
            for (position, share) in shares.enumerated() where decisions.badge[leaf][position] == ProgressRelaxation.open {
                let score = undecided(share)
                if score >= 0.05, bestBadge.map({ score > $0.score }) ?? true { bestBadge = (leaf, position, score) }
            }
        }
        if let bestBadge {
            return (.badge(leaf: bestBadge.leaf, position: bestBadge.position), tightened.useShare[bestBadge.leaf][bestBadge.position])
        }
        for (leaf, uses) in tightened.leafUses.enumerated()
        where tightened.chosen[instance.leaves[leaf].node] && !instance.leaves[leaf].shared {
            for use in uses where decisions.badge[leaf][use.position] == ProgressRelaxation.open
                && (tightened.uses[use.badge] > 1 + AssignmentSolver.epsilon || use.share < 1) {
                return (.badge(leaf: leaf, position: use.position), 1)
            }
        }
        // A real assignment, but an unused badge still carries a price, so the bound may be
        // above what it is worth: split on that badge at a leaf that could take it.
        for (leaf, candidates) in instance.candidates.enumerated() where !instance.leaves[leaf].shared {
            for (position, badge) in candidates.enumerated()
            where decisions.badge[leaf][position] == ProgressRelaxation.open && prices[badge] > 0 && tightened.uses[badge] < 1 {
                return (.badge(leaf: leaf, position: position), 0)
            }
        }
        return nil
    }

    /// The relaxation's own assignment, when it is a real one.
    private func assignment(of tightened: ProgressRelaxation.Tightened) -> [[Int]] {
        instance.leaves.indices.map { leaf in
            if instance.leaves[leaf].shared { return instance.candidates[leaf] }
            guard tightened.chosen[instance.leaves[leaf].node] else { return [] }
            return tightened.leafUses[leaf].map(\.badge)
        }
    }

    private func depth(of node: Int) -> Int {
        var depth = 0
        var current = instance.nodes[node].parent
        while current >= 0 {
            depth += 1
            current = instance.nodes[current].parent
        }
        return depth
    }
}
