/// The most progress a learner's badges can give a pathway, proven by a branch and bound over
/// the linear relaxation of ``AssignmentProgram`` (COIN-OR CLP's dual simplex): used by
/// ``AssignmentSolver`` when the combinatorial searches have not settled an instance quickly.
///
/// Each branch fixes `use` and `chosen` columns to 0 or 1 and is solved from the basis of the
/// branch before it. A branch is closed only by an exact bound (``DualCertificate``) below the
/// next progress value above the best assignment — progress values being multiples of the
/// instance's step — or once a complete assignment is found; every assignment found is evaluated
/// exactly. So the answer is exact even though the solver works in floating point: were CLP
/// wrong, a branch would only stay open longer, and at the branch limit the search says it is
/// not exhaustive.
struct ProgramSearch {
    struct Result {
        var assigned: [[Int]]
        /// The best assignment's progress, exactly.
        var progress: Rational
        /// Whether every branch was closed: no assignment has more progress than `progress` (or
        /// than the `floor` the search was given, when that is higher).
        var isExhaustive: Bool
        var branches: Int
    }

    private struct Branch {
        /// Columns fixed by the branches above: the column and its value.
        var fixed: [(column: Int, value: Bool)]
        var bound: Double
        var depth: Int
    }

    let instance: AssignmentSolver.Instance
    let program: AssignmentProgram
    /// Every progress value is a multiple of this.
    let step: Rational

    /// `nil` when the instance has no exact step or no program: the search needs both.
    init?(instance: AssignmentSolver.Instance) {
        guard let step = instance.exactStep, let program = AssignmentProgram(instance: instance) else { return nil }
        self.instance = instance
        self.program = program
        self.step = step
    }

    /// Searches for the assignment with the most progress, starting from `incumbent`: first,
    /// with up to half the branches, for one that completes the pathway (only branches whose
    /// bound reaches 1 stay open, so that tree is small and its dives reach whole assignments
    /// fast), then for the most progress. With a `floor`, only assignments with more progress
    /// than it are sought: the search is exhaustive once it has proven there are none.
    func run(incumbent: [[Int]], branchLimit: Int, floor: Rational? = nil) -> Result {
        let solver = SimplexSolver(program: program)
        let certificate = DualCertificate(program: program)
        var best = incumbent
        var bestProgress = instance.exactProgress(of: incumbent)
        var bestDouble = bestProgress.doubleValue
        var completing = bestProgress < .one
        var needed: Rational { completing ? .one : max(bestProgress, floor ?? bestProgress) + step }
        let columnCount = program.columns.count
        let rootUpper = program.upper.map(\.doubleValue)
        var branches = 0
        var phaseLimit = completing ? branchLimit / 2 : branchLimit

        func offer(_ assigned: [[Int]]) {
            guard ProgressHeuristic.progress(of: assigned, in: instance) > bestDouble - 1e-9 else { return }
            let exact = instance.exactProgress(of: assigned)
            guard exact > bestProgress else { return }
            best = assigned
            bestProgress = exact
            bestDouble = exact.doubleValue
        }

        var queue = BranchQueue(first: Branch(fixed: [], bound: .infinity, depth: 0)) { lhs, rhs in
            lhs.bound > rhs.bound || (lhs.bound == rhs.bound && lhs.depth > rhs.depth)
        }
        while true {
            guard let branch = queue.next(), branches < phaseLimit, bestProgress < .one else {
                // Complete: nothing can be better. Otherwise the completing phase is over
                // (exhausted or out of its branches): search for the most progress.
                if bestProgress == .one { return Result(assigned: best, progress: bestProgress, isExhaustive: true, branches: branches) }
                guard completing else {
                    return Result(assigned: best, progress: bestProgress, isExhaustive: branches < phaseLimit, branches: branches)
                }
                completing = false
                phaseLimit = branchLimit
                queue = BranchQueue(first: Branch(fixed: [], bound: .infinity, depth: 0)) { lhs, rhs in
                    lhs.bound > rhs.bound || (lhs.bound == rhs.bound && lhs.depth > rhs.depth)
                }
                continue
            }
            guard branch.bound >= needed.doubleValue - 1e-6 else { continue }
            branches += 1
            var lower = [Bool](repeating: false, count: columnCount)
            var upper = [Bool](repeating: true, count: columnCount)
            var lowerValues = [Double](repeating: 0, count: columnCount)
            var upperValues = rootUpper
            for (column, value) in branch.fixed {
                if value {
                    lower[column] = true
                    lowerValues[column] = 1
                } else {
                    upper[column] = false
                    upperValues[column] = 0
                }
            }
            solver.setBounds(lower: lowerValues, upper: upperValues)
            guard case .optimal(let value) = solver.solve(first: branches == 1) else {
                return Result(assigned: best, progress: bestProgress, isExhaustive: false, branches: branches)
            }
            let values = solver.columnValues
            offer(rounded(values))
            // Complete: nothing can be better.
            if bestProgress == .one { return Result(assigned: best, progress: bestProgress, isExhaustive: true, branches: branches) }
            if value < needed.doubleValue + 1e-6,
               let bound = certificate.bound(duals: solver.rowDuals, lower: lower, upper: upper), bound < needed {
                continue
            }
            guard let split = branchingColumn(values, lower: lower, upper: upper) else {
                // The branch's optimum is a real assignment (offered above), yet its bound could
                // not be proven below the next value: give up rather than guess.
                return Result(assigned: best, progress: bestProgress, isExhaustive: false, branches: branches)
            }
            let up = Branch(fixed: branch.fixed + [(split, true)], bound: value, depth: branch.depth + 1)
            let down = Branch(fixed: branch.fixed + [(split, false)], bound: value, depth: branch.depth + 1)
            // Dive into the side the relaxation leans to; keep the other for later.
            if values[split] >= 0.5 {
                queue.push(down)
                queue.dive(into: up)
            } else {
                queue.push(up)
                queue.dive(into: down)
            }
        }
    }

    /// The column to split on: the most undecided `chosen` (weighed by how much its part is
    /// worth to the root, so shallow choices go first), else the most nearly half `use`. `nil`
    /// when the relaxation's decisions are all whole.
    private func branchingColumn(_ values: [Double], lower: [Bool], upper: [Bool]) -> Int? {
        func openness(_ column: Int) -> Double {
            guard !lower[column], upper[column] else { return 0 }
            return min(values[column], 1 - values[column])
        }
        var best: (column: Int, score: Double)?
        for (node, _) in program.choices {
            for child in instance.nodes[node].children {
                let column = program.chosenColumn[child]
                let score = openness(column) * instance.nodes[child].weight
                if openness(column) > 1e-6, best.map({ score > $0.score }) ?? true { best = (column, score) }
            }
        }
        if let best { return best.column }
        for columns in program.useColumn {
            for column in columns where openness(column) > 1e-6 {
                if best.map({ openness(column) > $0.score }) ?? true { best = (column, openness(column)) }
            }
        }
        return best?.column
    }

    /// A real assignment from the relaxation: the largest `use` values first, each badge once,
    /// each leaf up to what it needs.
    private func rounded(_ values: [Double]) -> [[Int]] {
        var order: [(leaf: Int, position: Int, value: Double)] = []
        for (leaf, columns) in program.useColumn.enumerated() {
            for (position, column) in columns.enumerated() where values[column] > 1e-6 {
                order.append((leaf, position, values[column]))
            }
        }
        order.sort { lhs, rhs in
            lhs.value != rhs.value ? lhs.value > rhs.value
                : (lhs.leaf != rhs.leaf ? lhs.leaf < rhs.leaf : lhs.position < rhs.position)
        }
        var used = [Bool](repeating: false, count: instance.badgeCount)
        var assigned = [[Int]](repeating: [], count: instance.leaves.count)
        var credit = [Double](repeating: 0, count: instance.leaves.count)
        for (leaf, spec) in instance.leaves.enumerated() where spec.shared { assigned[leaf] = instance.candidates[leaf] }
        for entry in order {
            let badge = instance.candidates[entry.leaf][entry.position]
            guard !used[badge] else { continue }
            switch instance.leaves[entry.leaf].demand {
            case .slots(let demand):
                guard assigned[entry.leaf].count < demand else { continue }
            case .credits(let target, _):
                guard credit[entry.leaf] < target.doubleValue - AssignmentSolver.epsilon else { continue }
                credit[entry.leaf] += instance.values[entry.leaf][entry.position]
            }
            used[badge] = true
            assigned[entry.leaf].append(badge)
        }
        return assigned
    }
}
