/// An upper bound on the progress any part of a pathway can reach, for ``SelectionSearch``.
///
/// The static bound ("a leaf short of candidates is short whatever happens") is weak when a
/// learner holds few badges that many leaves could use: every leaf looks fillable, yet the
/// badges run out. This bound prices the rule "a badge counts once": a badge that several leaves
/// want carries a price, and every leaf then takes its own best badges net of their prices,
/// every `count` its own best parts. For any prices, that value plus the sum of the prices is
/// at least the progress of every real assignment (each badge is counted at most once, so it
/// pays its price at most once), so the bound is sound whatever the prices; subgradient steps
/// make it tight. Credit leaves are relaxed to fractional badges, which only loosens it.
///
/// The prices are fixed once per search, so the value of every node can be precomputed and a
/// search state is bounded by what its decided leaves hold plus the values of what is pending.
/// An upper bound on the progress any part of a pathway can reach, for ``SelectionSearch`` and
/// ``ProgressSearch``.
///
/// The static bound ("a leaf short of candidates is short whatever happens") is weak when a
/// learner holds few badges that many leaves could use: every leaf looks fillable, yet the
/// badges run out. This bound prices the rule "a badge counts once": a badge carries a price,
/// every leaf takes its own best badges net of their prices, and every `count` its own best
/// parts. For any prices, that value plus the sum of the prices is at least the progress of
/// every real assignment (each badge counts at most once, so it pays its price at most once):
/// the bound is sound whatever the prices, and subgradient steps make it tight. Credit leaves
/// with many candidates are relaxed to fractional badges, which only loosens it.
///
/// The root's prices are kept, so ``SelectionSearch`` can precompute every node's value and
/// bound a search state by what its decided leaves hold plus what is pending.
struct ProgressBound {
    /// Per node: the most progress its subtree can add at the prices.
    private(set) var nodeValue: [Double]
    /// The sum of the prices.
    private(set) var constant: Double
    /// Per badge: its price. A search state needs only the prices of badges that a leaf still
    /// to be filled could take.
    private(set) var prices: [Double]
    /// The best real assignment met on the way (badges per leaf, shared leaves holding all their
    /// candidates), and its progress.
    private(set) var bestAssignment: [[Int]]?
    private(set) var bestProgress = -1.0

    /// The bound on the root's progress.
    var upperBound: Double { nodeValue[0] + constant }

    /// - Parameter target: Progress already reached; the prices stop moving once the bound is
    ///   down to it.
    init(instance: AssignmentSolver.Instance, target: Double, iterations: Int = 300) {
        var relaxation = ProgressRelaxation(instance: instance)
        var heuristic = ProgressHeuristic(instance: instance)
        let decisions = ProgressRelaxation.Decisions(instance: instance)
        var prices = [Double](repeating: 0, count: instance.badgeCount)
        _ = relaxation.prepare(decisions)
        let outcome = relaxation.tighten(decisions, prices: &prices, target: target, iterations: iterations,
                                         heuristic: &heuristic)
        nodeValue = outcome.nodeValue
        constant = prices.reduce(0, +)
        self.prices = prices
        bestAssignment = heuristic.best
        bestProgress = heuristic.bestProgress
    }

    /// The largest step that every progress value is a multiple of: each whole badge at a leaf
    /// adds its slot's share of the root, each badge at a credit leaf its credits' share (over
    /// every class the leaf accepts, so one step serves every learner), a full credit leaf its
    /// whole weight. `nil` when it cannot be computed exactly.
    static func exactStep(nodes: [CompiledNode], leaves: [CompiledLeaf]) -> Rational? {
        var weights = [Rational](repeating: .one, count: nodes.count)
        var gains: [Rational] = []
        for (index, node) in nodes.enumerated() {
            let share: Rational
            switch node.combine {
            case .leaf: continue
            case .all: share = Rational(1, max(node.children.count, 1))
            case .atLeast(let needed): share = Rational(1, max(needed, 1))
            }
            for child in node.children { weights[child] = weights[index] * share }
        }
        for leaf in leaves {
            let weight = weights[leaf.node]
            switch leaf.demand {
            case .slots(let demand):
                gains.append(weight / Rational(max(demand, 1)))
            case .credits(let target, _):
                guard target > .zero else { continue }
                gains.append(weight)
                for value in leaf.creditValues.values where value > .zero { gains.append(weight * value / target) }
            }
        }
        return Rational.commonStep(gains)
    }

    /// The smallest progress above `value` that a multiple of `step` can reach (`value` itself
    /// being an achieved progress or a bar between two).
    static func next(above value: Double, step: Double) -> Double {
        guard step > 0 else { return value + AssignmentSolver.epsilon }
        let units = value / step
        let nearest = units.rounded()
        if abs(units - nearest) <= 1e-9 * max(1, nearest) { return (nearest + 1) * step }
        return units.rounded(.up) * step
    }
}
