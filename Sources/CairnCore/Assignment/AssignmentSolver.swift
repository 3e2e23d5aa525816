/// The exact assignment of earned badges to requirement leaves.
///
/// Each badge may count for at most one non-shared leaf; the solver finds the assignment that
/// completes the pathway whenever any assignment does, and otherwise the one with the most
/// progress. With alternatives over a shared pool of badges this contains set packing, so it
/// is built to make practical inputs trivial and adversarial ones fast:
///
/// 1. A badge that fits only one leaf with room goes there (an exchange argument shows this
///    loses nothing). When no badge is left that fits two leaves with room, that is the answer,
///    with no search at all — the common case.
/// 2. Otherwise a priced relaxation (``ProgressBound``) bounds the progress any assignment can
///    reach and, on the way, finds a good one. ``SelectionSearch`` then branches only on which
///    children of `any`/`count` nodes count, filling whole-badge leaves by matroid exchange along
///    augmenting paths, first to decide whether the pathway can be completed, then, if it
///    cannot, to maximise progress — for 50,000 steps.
/// 3. If that does not settle it, ``ProgressSearch`` (a branch and bound that re-prices every
///    branch) takes over; only if it too reaches its limit does the selection search go on.
/// 4. If the step budget (``SolverLimits/maxSearchNodes``) runs out, the best assignment found
///    is returned with `isExact == false`: an answer is never silently a guess.
///
/// All of this rests on "each badge once, no limits". A pathway that uses `alsoCountsFor`,
/// `maxShared` or `atMost` (``CompiledPathway/countingRules``) is solved by
/// ``SharedCountingSearch`` instead; one that uses none of them never reaches it.
struct AssignmentSolver {
    struct Instance {
        var nodes: [CompiledNode]
        var leaves: [CompiledLeaf]
        /// Per leaf: candidate badge indices, in canonical badge order.
        var candidates: [[Int]]
        /// Per leaf: the credit value of each candidate (credits leaves only; parallel to `candidates`).
        var values: [[Double]]
        var badgeCount: Int
        /// Every progress value is a multiple of this (0 when not known): a search may cut a
        /// branch that cannot reach the next multiple above the best.
        var progressStep: Double = 0
        /// The same step exactly (`nil` when not known), for the proofs of ``ProgramSearch``.
        var exactStep: Rational?
        /// The earned badges the indices refer to, and the catalogue's class positions, so an
        /// exact credit value can be looked up where one is needed (both shared, not copied).
        var earned: [EarnedBadge] = []
        var classIndex: [String: Int] = [:]

        /// The progress one slot (or, for credit leaves, one unit of credit) of each leaf is worth.
        var slotWeights: [Double] {
            leaves.map { leaf in
                let weight = nodes[leaf.node].weight
                return switch leaf.demand {
                case .slots(let n): weight / Double(max(n, 1))
                case .credits(let target, _): weight / max(target.doubleValue, 1e-12)
                }
            }
        }
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
    /// Progress another ordering of `earnedAfter` cut-offs already reaches: an assignment here
    /// matters only if it has more, so the solver may stop once it has proven there is none.
    var floor: Rational?

    private var fillCount: [Int]
    private var fillCredit: [Double]
    private var assignment: [Int]            // badge → leaf, -1 unassigned
    private var leavesOfBadge: [[Int]]
    private var valueOfBadge: [[Double]]     // parallel to leavesOfBadge
    private var progressBuffer: [Double]
    private var leafProgress: [Double]
    private var scratch: [Double] = []

    init(instance: Instance, limits: SolverLimits) {
        self.instance = instance
        self.limits = limits
        let leafCount = instance.leaves.count
        fillCount = Array(repeating: 0, count: leafCount)
        fillCredit = Array(repeating: 0, count: leafCount)
        assignment = Array(repeating: -1, count: instance.badgeCount)
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
        var assigned: [[Int]] = Array(repeating: [], count: leafCount)
        // Shared leaves take every candidate they need: they consume nothing.
        for leaf in 0..<leafCount where instance.leaves[leaf].shared {
            for (position, badge) in instance.candidates[leaf].enumerated() where !isFull(leaf) {
                assigned[leaf].append(badge)
                fillCount[leaf] += 1
                fillCredit[leaf] += instance.values[leaf].isEmpty ? 0 : instance.values[leaf][position]
            }
        }
        let contested = preassignUncontested()
        let current = evaluate()
        for (badge, leaf) in assignment.enumerated() where leaf >= 0 { assigned[leaf].append(badge) }
        guard contested, current < 1 - Self.epsilon else {
            return Solution(assigned: assigned.map { $0.sorted() }, isExact: true, explored: 0)
        }
        // Another ordering already reaches `floor`: the integer program, asked only for more
        // than that, usually proves at its first branches that there is none here.
        let program = ProgramSearch(instance: instance)
        var programResult: ProgramSearch.Result?
        if let floor, let program {
            let result = program.run(incumbent: assigned.map { $0.sorted() }, branchLimit: limits.maxProgramBranches,
                                     floor: floor)
            if result.isExhaustive {
                return Solution(assigned: fillingLeftovers(result.assigned), isExact: true, explored: result.branches)
            }
            programResult = result
        }
        // Most contested instances are settled by a short plain search: first whether the
        // pathway can be completed, then the most progress. Whichever search runs to its end
        // proves the most progress there is, and with it whether the pathway can be completed.
        let firstBudget = min(limits.maxSearchNodes, Self.firstSearchSteps)
        var explored = 0
        var completable = true
        var completion = SelectionSearch(instance: instance, budget: firstBudget, bar: 1 - 1e-7)
        switch completion.run() {
        case .found(let complete, _):
            return Solution(assigned: fillingLeftovers(complete), isExact: true, explored: completion.steps)
        case .nothingBetter: completable = false
        case .undecided: break
        }
        explored = completion.steps
        var first = SelectionSearch(instance: instance, budget: firstBudget, bar: current)
        switch first.run() {
        case .found(let better, _):
            return Solution(assigned: fillingLeftovers(better), isExact: true, explored: explored + first.steps)
        case .nothingBetter:
            return Solution(assigned: assigned.map { $0.sorted() }, isExact: true, explored: explored + first.steps)
        case .undecided: break
        }
        explored += first.steps
        // Harder: the integer program's branch and bound over linear relaxations, each branch
        // closed by an exactly checked bound.
        var fallback = assigned.map { $0.sorted() }
        var bar = current
        // (Asked above for more than a floor and not finished, it is not asked again.)
        if let program {
            let result = programResult ?? program.run(incumbent: fallback, branchLimit: limits.maxProgramBranches)
            explored += result.branches
            if result.isExhaustive {
                return Solution(assigned: fillingLeftovers(result.assigned), isExact: true, explored: explored)
            }
            if result.progress.doubleValue > bar + Self.epsilon {
                fallback = fillingLeftovers(result.assigned)
                bar = result.progress.doubleValue
            }
        }
        // Harder: prices for a bound that sees how few badges there are and, on the way, an
        // assignment that may beat the greedy one.
        let bound = ProgressBound(instance: instance, target: bar)
        if let found = bound.bestAssignment, bound.bestProgress > bar + Self.epsilon {
            fallback = fillingLeftovers(found)
            bar = bound.bestProgress
        }
        let quickBudget = min(limits.maxSearchNodes, Self.quickSearchSteps)
        if completable, bound.upperBound >= ProgressBound.next(above: 1 - 1e-7, step: instance.progressStep) - 1e-9 {
            var completion = SelectionSearch(instance: instance, budget: quickBudget, bar: 1 - 1e-7, bound: bound)
            let outcome = completion.run()
            explored += completion.steps
            if case .found(let complete, _) = outcome {
                return Solution(assigned: fillingLeftovers(complete), isExact: true, explored: explored)
            }
        }
        // It cannot (or that is not yet known): the assignment with the most progress. The
        // selection search settles most cases at once; when it does not, the priced search
        // (whose bound sees how few badges there are) takes over, and only if that too runs out
        // does the selection search go on with the rest of its budget.
        var optimiser = SelectionSearch(instance: instance, budget: quickBudget, bar: bar, bound: bound)
        let outcome = optimiser.run()
        explored += optimiser.steps
        var incumbent = fallback
        switch outcome {
        case .found(let better, _):
            return Solution(assigned: fillingLeftovers(better), isExact: true, explored: explored)
        case .nothingBetter:
            return Solution(assigned: fallback, isExact: true, explored: explored)
        case .undecided(let better, let value):
            if let better {
                incumbent = fillingLeftovers(better)
                bar = max(bar, value)
            }
        }
        let priced = ProgressSearch(instance: instance).run(incumbent: incumbent, progress: bar,
                                                            branchLimit: limits.maxProgressBranches)
        explored += priced.branches
        if let found = priced.assigned, priced.progress > bar + Self.epsilon {
            incumbent = fillingLeftovers(found)
            bar = priced.progress
        }
        // Proven: no assignment has more progress (so, too, whether the pathway can be completed).
        if priced.isExhaustive { return Solution(assigned: incumbent, isExact: true, explored: explored) }
        var rest = SelectionSearch(instance: instance, budget: max(0, limits.maxSearchNodes - explored), bar: bar, bound: bound)
        let last = rest.run()
        explored += rest.steps
        switch last {
        case .found(let better, _):
            return Solution(assigned: fillingLeftovers(better), isExact: true, explored: explored)
        case .nothingBetter:
            return Solution(assigned: incumbent, isExact: true, explored: explored)
        case .undecided(let better, _):
            return Solution(assigned: better.map(fillingLeftovers) ?? incumbent, isExact: false, explored: explored)
        }
    }

    /// The plain selection search's steps before the bound is priced.
    static let firstSearchSteps = 2_000

    /// The selection search's steps before the priced search takes over.
    static let quickSearchSteps = 50_000

    // MARK: The uncontested part

    private func isFull(_ leaf: Int) -> Bool {
        switch instance.leaves[leaf].demand {
        case .slots(let n): fillCount[leaf] >= n
        case .credits(let target, _): fillCredit[leaf] >= target.doubleValue - Self.epsilon
        }
    }

    /// Gives every badge that fits exactly one leaf with room to that leaf, until nothing changes.
    /// Returns whether some badge still fits two or more leaves with room.
    private mutating func preassignUncontested() -> Bool {
        var changed = true
        var contested = false
        while changed {
            changed = false
            contested = false
            for badge in 0..<instance.badgeCount where assignment[badge] < 0 {
                var open = -1
                var openCount = 0
                for (index, leaf) in leavesOfBadge[badge].enumerated() where !isFull(leaf) {
                    open = index
                    openCount += 1
                }
                if openCount >= 2 { contested = true }
                guard openCount == 1 else { continue }
                let leaf = leavesOfBadge[badge][open]
                assignment[badge] = leaf
                fillCount[leaf] += 1
                fillCredit[leaf] += valueOfBadge[badge][open]
                changed = true
            }
        }
        return contested
    }

    /// Gives badges an assignment left unused to leaves that still have room, so the
    /// explanation shows everything that counts (progress can only rise).
    private func fillingLeftovers(_ assigned: [[Int]]) -> [[Int]] {
        var result = assigned
        var used = Array(repeating: false, count: instance.badgeCount)
        var count = Array(repeating: 0, count: instance.leaves.count)
        var credit = Array(repeating: 0.0, count: instance.leaves.count)
        for (leaf, badges) in assigned.enumerated() where !instance.leaves[leaf].shared {
            for badge in badges {
                used[badge] = true
                count[leaf] += 1
                if let position = instance.candidates[leaf].firstIndex(of: badge), !instance.values[leaf].isEmpty {
                    credit[leaf] += instance.values[leaf][position]
                }
            }
        }
        for badge in 0..<instance.badgeCount where !used[badge] {
            for (index, leaf) in leavesOfBadge[badge].enumerated() {
                let open: Bool = switch instance.leaves[leaf].demand {
                case .slots(let n): count[leaf] < n
                case .credits(let target, _): credit[leaf] < target.doubleValue - Self.epsilon
                }
                guard open else { continue }
                result[leaf].append(badge)
                count[leaf] += 1
                credit[leaf] += valueOfBadge[badge][index]
                break
            }
        }
        return result.map { $0.sorted() }
    }

    // MARK: Evaluation

    /// The root's progress for the current fills (as the README's pathway language defines it), in floating point for speed;
    /// reports recompute it exactly.
    private mutating func evaluate() -> Double {
        for (leaf, spec) in instance.leaves.enumerated() {
            switch spec.demand {
            case .slots(let n):
                leafProgress[leaf] = min(Double(fillCount[leaf]) / Double(max(n, 1)), 1)
            case .credits(let target, _):
                let goal = target.doubleValue
                leafProgress[leaf] = goal <= 0 ? 1 : min(fillCredit[leaf] / goal, 1)
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
                    progressBuffer[index] = top
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
