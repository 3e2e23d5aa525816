/// The counting rules beyond "each badge once" that a pathway uses — `alsoCountsFor` pairs,
/// the pathway's `maxShared` cap and `atMost` limits — resolved against the expanded tree.
///
/// A compiled pathway has these only when some node uses one of the rules; without them the
/// audit takes ``AssignmentSolver``'s path exactly as before, and with them
/// ``SharedCountingSearch``, which is exact under the rules.
struct CountingRules: Sendable {
    /// Per leaf: the non-shared leaves a badge counted there may also count at (symmetric, sorted).
    var partners: [[Int]]
    /// Per leaf: partner leaf → the requirement on the partner's side that made the pair (the
    /// one named in `alsoCountsFor`, or the one naming), for explanations.
    var places: [[Int: Int]]
    /// The most badges that may count twice; `nil` is no cap.
    var maxShared: Int?
    var limits: [CompiledLimit]

    /// Whether leaves `a` and `b` form a pair a badge may count twice in.
    func mayPair(_ a: Int, _ b: Int) -> Bool {
        partners[a].contains(b)
    }
}

/// One `atMost` limit on the expanded tree.
struct CompiledLimit: Sendable {
    enum Measure: Sendable {
        case count(Int)
        case credits(Rational, CreditUnit)
    }

    /// The node that carries the limit.
    var node: Int
    /// Per leaf: whether it is at or below ``node``.
    var covers: [Bool]
    var measure: Measure
    /// Dense class index → whether the limit's filter matches that class.
    var matches: [Bool]
    /// For credit limits: dense class index → the class's credits in the limit's unit
    /// (a matching class that declares none carries 0).
    var creditValues: [Int: Rational] = [:]
    /// For explanations: "at most 2 badges matching tag online".
    var summary: String
}
