/// Turns a relaxation's choice of parts into a real assignment: the chosen leaves with the
/// fewest candidates first, each taking free badges (those the relaxation gave it first), then
/// the other leaves from what is left. Keeps the best assignment it has made.
struct ProgressHeuristic {
    let instance: AssignmentSolver.Instance
    var best: [[Int]]?
    var bestProgress = -1.0

    init(instance: AssignmentSolver.Instance) { self.instance = instance }

    /// Keeps `assigned` if it beats the best so far.
    mutating func offer(_ assigned: [[Int]]) {
        let progress = Self.progress(of: assigned, in: instance)
        if progress > bestProgress + AssignmentSolver.epsilon {
            bestProgress = progress
            best = assigned
        }
    }

    mutating func offer(_ evaluation: ProgressRelaxation) {
        var used = [Bool](repeating: false, count: instance.badgeCount)
        var assigned = [[Int]](repeating: [], count: instance.leaves.count)
        let leaves = instance.leaves.indices.sorted { lhs, rhs in
            let left = evaluation.chosen[instance.leaves[lhs].node]
            let right = evaluation.chosen[instance.leaves[rhs].node]
            if left != right { return left }
            let leftCount = instance.candidates[lhs].count
            let rightCount = instance.candidates[rhs].count
            return leftCount != rightCount ? leftCount < rightCount : lhs < rhs
        }
        for leaf in leaves {
            if instance.leaves[leaf].shared {
                assigned[leaf] = instance.candidates[leaf]
                continue
            }
            let preferred = evaluation.leafUses[leaf].sorted { $0.share > $1.share }.map(\.badge)
            let candidates = instance.candidates[leaf]
            let values = instance.values[leaf]
            let others = candidates.indices
                .sorted { values.isEmpty ? $0 < $1 : (values[$0] != values[$1] ? values[$0] > values[$1] : $0 < $1) }
                .map { candidates[$0] }
            var count = 0
            var credit = 0.0
            for badge in preferred + others where !used[badge] {
                switch instance.leaves[leaf].demand {
                case .slots(let demand):
                    guard count < demand else { continue }
                    count += 1
                case .credits(let target, _):
                    guard credit < target.doubleValue - AssignmentSolver.epsilon,
                          let position = candidates.firstIndex(of: badge) else { continue }
                    credit += values[position]
                }
                used[badge] = true
                assigned[leaf].append(badge)
            }
        }
        offer(assigned)
    }

    /// The root's progress of an assignment, computed as the solver evaluates it.
    static func progress(of assigned: [[Int]], in instance: AssignmentSolver.Instance) -> Double {
        var value = [Double](repeating: 0, count: instance.nodes.count)
        for index in stride(from: instance.nodes.count - 1, through: 0, by: -1) {
            let node = instance.nodes[index]
            switch node.combine {
            case .leaf(let leaf):
                switch instance.leaves[leaf].demand {
                case .slots(let demand):
                    value[index] = min(Double(assigned[leaf].count) / Double(max(demand, 1)), 1)
                case .credits(let target, _):
                    let goal = target.doubleValue
                    let credit = assigned[leaf].reduce(0.0) { total, badge in
                        guard let position = instance.candidates[leaf].firstIndex(of: badge) else { return total }
                        return total + instance.values[leaf][position]
                    }
                    value[index] = goal <= 0 ? 1 : min(credit / goal, 1)
                }
            case .all:
                value[index] = node.children.isEmpty ? 1
                    : node.children.reduce(0) { $0 + value[$1] } / Double(node.children.count)
            case .atLeast(let needed):
                let top = node.children.map { value[$0] }.sorted(by: >).prefix(needed)
                value[index] = top.reduce(0, +) / Double(max(needed, 1))
            }
        }
        return value[0]
    }
}
