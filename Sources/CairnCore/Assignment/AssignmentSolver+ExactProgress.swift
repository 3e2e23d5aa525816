extension AssignmentSolver.Instance {
    /// The value, in the leaf's unit, of `badge` at credit leaf `leaf`, exactly.
    func exactCreditValue(leaf: Int, badge: Int) -> Rational {
        guard badge < earned.count, let position = classIndex[earned[badge].badgeClassID] else { return .zero }
        return leaves[leaf].creditValues[position] ?? .zero
    }

    /// The root's progress of an assignment (badges per leaf), exactly, as the README's pathway
    /// language defines it; ``ProgressHeuristic/progress(of:in:)`` is the same in floating point.
    func exactProgress(of assigned: [[Int]]) -> Rational {
        var value = [Rational](repeating: .zero, count: nodes.count)
        for index in stride(from: nodes.count - 1, through: 0, by: -1) {
            let node = nodes[index]
            switch node.combine {
            case .leaf(let leaf):
                switch leaves[leaf].demand {
                case .slots(let demand):
                    value[index] = min(Rational(assigned[leaf].count, max(demand, 1)), .one)
                case .credits(let target, _):
                    guard target > .zero else {
                        value[index] = .one
                        continue
                    }
                    let credit = assigned[leaf].reduce(Rational.zero) { $0 + exactCreditValue(leaf: leaf, badge: $1) }
                    value[index] = min(credit / target, .one)
                }
            case .all:
                value[index] = node.children.isEmpty ? .one
                    : node.children.reduce(Rational.zero) { $0 + value[$1] } / Rational(node.children.count)
            case .atLeast(let needed):
                let top = node.children.map { value[$0] }.sorted(by: >).prefix(needed)
                value[index] = top.reduce(Rational.zero, +) / Rational(max(needed, 1))
            }
        }
        return value[0]
    }
}
