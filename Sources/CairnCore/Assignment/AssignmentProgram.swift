/// The assignment problem as an integer program, for ``ProgramSearch``: the same most-progress
/// question ``AssignmentSolver`` answers, written so a linear-programming solver can bound it.
///
/// Columns (every one between 0 and its upper bound, all but the progress columns 0 or 1 in a
/// real assignment):
/// - `use(leaf, position)`: the leaf's candidate at `position` counts there (non-shared leaves);
/// - `progress(node)`: the node's progress, at most 1 (at most its fixed value for a shared leaf);
/// - `chosen(node)`: the node is one of the parts its `count` parent counts (only under a
///   `count` that has more parts than it needs).
///
/// Rows, each "at most" a whole number, with whole-number coefficients (a credit row is scaled
/// by its denominators), so that a certificate can be checked in exact integer arithmetic:
/// - a badge counts at one non-shared leaf at most: `Σ use ≤ 1`;
/// - a leaf of `n` slots: `n·progress − Σ use ≤ 0`; of `T` credits: `T·progress − Σ min(value, T)·use ≤ 0`
///   (no one badge adds more than the target, which keeps the relaxation tight);
/// - `all` of `k` parts: `k·progress − Σ progress(part) ≤ 0`;
/// - `count n` of more than `n` parts: `n·progress − Σ progress(part) ≤ 0`,
///   `progress(part) − chosen(part) ≤ 0` and `Σ chosen ≤ n`.
///
/// Every real assignment, with each node's progress as the pathway language defines it (and
/// the parts a `count` counts chosen), satisfies every row with `progress(root)` equal to its
/// progress; so the program's optimum bounds the progress of every assignment, and an optimum
/// where every `use` and `chosen` is whole is a real assignment.
struct AssignmentProgram {
    /// One nonzero of the constraint matrix.
    struct Entry {
        var row: Int32
        var coefficient: Int
    }

    /// Per column: its nonzeros, by row.
    private(set) var columns: [[Entry]] = []
    /// Per column: its upper bound (lower bounds are all 0).
    private(set) var upper: [Rational] = []
    /// Per row: its right-hand side (every row is `≤`).
    private(set) var rowBound: [Int] = []
    /// Per leaf, per candidate position: the `use` column (-1 for shared leaves).
    private(set) var useColumn: [[Int]]
    /// Per node: its `progress` column.
    private(set) var progressColumn: [Int]
    /// Per node: its `chosen` column, or -1 when its parent counts every part.
    private(set) var chosenColumn: [Int]
    /// The `count` nodes with more parts than they need: the node and how many parts it needs.
    private(set) var choices: [(node: Int, needed: Int)] = []
    /// Per column: whether a real assignment has it whole (`use` and `chosen`).
    private(set) var isDecision: [Bool] = []
    /// The column the program maximises: the root's progress.
    var objectiveColumn: Int { progressColumn[0] }

    var rowCount: Int { rowBound.count }

    /// The program for `instance`, or `nil` where exact whole-number rows cannot be written
    /// (a demand of nothing, or credit values beyond machine integers): the searches that need
    /// no program then answer alone.
    init?(instance: AssignmentSolver.Instance) {
        // Past this many columns (a node's progress and a (requirement, badge) pair each take
        // one) a relaxation takes too long for an audit to wait on, and a stranger's file can be
        // that large: the other searches answer alone.
        guard instance.candidates.reduce(instance.nodes.count, { $0 + $1.count }) <= Self.maximumColumns else { return nil }
        let nodes = instance.nodes
        useColumn = Array(repeating: [], count: instance.leaves.count)
        progressColumn = Array(repeating: -1, count: nodes.count)
        chosenColumn = Array(repeating: -1, count: nodes.count)
        for index in nodes.indices { progressColumn[index] = addColumn(upper: .one, decision: false) }
        // A badge counts once: one row per badge two or more non-shared leaves could take.
        var leavesOfBadge = [Int](repeating: 0, count: instance.badgeCount)
        for (leaf, candidates) in instance.candidates.enumerated() where !instance.leaves[leaf].shared {
            for badge in candidates { leavesOfBadge[badge] += 1 }
        }
        var badgeRow = [Int32](repeating: -1, count: instance.badgeCount)
        for badge in 0..<instance.badgeCount where leavesOfBadge[badge] >= 2 { badgeRow[badge] = addRow(bound: 1) }
        for (leaf, spec) in instance.leaves.enumerated() {
            let progress = progressColumn[spec.node]
            let candidates = instance.candidates[leaf]
            switch spec.demand {
            case .slots(let demand):
                guard demand > 0 else { return nil }
                if spec.shared {
                    upper[progress] = Rational(min(candidates.count, demand), demand)
                    continue
                }
                let row = addRow(bound: 0)
                columns[progress].append(Entry(row: row, coefficient: demand))
                useColumn[leaf] = candidates.map { badge in
                    let column = addColumn(upper: .one, decision: true)
                    columns[column].append(Entry(row: row, coefficient: -1))
                    if badgeRow[badge] >= 0 { columns[column].append(Entry(row: badgeRow[badge], coefficient: 1)) }
                    return column
                }
            case .credits(let target, _):
                guard target > .zero else { return nil }
                let values = candidates.map { min(instance.exactCreditValue(leaf: leaf, badge: $0), target) }
                if spec.shared {
                    upper[progress] = min(values.reduce(.zero, +), target) / target
                    continue
                }
                // Whole numbers: multiply the row by every denominator in it.
                guard let scale = Self.commonDenominator([target] + values),
                      let targetCoefficient = Self.whole(target, times: scale) else { return nil }
                let row = addRow(bound: 0)
                columns[progress].append(Entry(row: row, coefficient: targetCoefficient))
                var uses: [Int] = []
                for (position, badge) in candidates.enumerated() {
                    guard let coefficient = Self.whole(values[position], times: scale) else { return nil }
                    let column = addColumn(upper: .one, decision: true)
                    if coefficient != 0 { columns[column].append(Entry(row: row, coefficient: -coefficient)) }
                    if badgeRow[badge] >= 0 { columns[column].append(Entry(row: badgeRow[badge], coefficient: 1)) }
                    uses.append(column)
                }
                useColumn[leaf] = uses
            }
        }
        for (index, node) in nodes.enumerated() {
            let children = node.children
            switch node.combine {
            case .leaf:
                continue
            case .all:
                guard !children.isEmpty else { continue }
                addProgressRow(node: index, needed: children.count, children: children)
            case .atLeast(let needed):
                guard needed > 0 else { return nil }
                addProgressRow(node: index, needed: needed, children: children)
                guard needed < children.count else { continue }
                choices.append((index, needed))
                let limit = addRow(bound: needed)
                for child in children {
                    let chosen = addColumn(upper: .one, decision: true)
                    chosenColumn[child] = chosen
                    let link = addRow(bound: 0)
                    columns[progressColumn[child]].append(Entry(row: link, coefficient: 1))
                    columns[chosen].append(Entry(row: link, coefficient: -1))
                    columns[chosen].append(Entry(row: limit, coefficient: 1))
                }
            }
        }
    }

    /// `needed·progress(node) − Σ progress(child) ≤ 0`.
    private mutating func addProgressRow(node: Int, needed: Int, children: [Int]) {
        let row = addRow(bound: 0)
        columns[progressColumn[node]].append(Entry(row: row, coefficient: needed))
        for child in children { columns[progressColumn[child]].append(Entry(row: row, coefficient: -1)) }
    }

    private mutating func addColumn(upper bound: Rational, decision: Bool) -> Int {
        columns.append([])
        upper.append(bound)
        isDecision.append(decision)
        return columns.count - 1
    }

    private mutating func addRow(bound: Int) -> Int32 {
        rowBound.append(bound)
        return Int32(rowBound.count - 1)
    }

    /// The most columns, not counting the parts of `count`s, a program is written for.
    static let maximumColumns = 50_000

    /// The least common multiple of the values' denominators, or `nil` past machine integers.
    static func commonDenominator(_ values: [Rational]) -> Int? {
        var scale = 1
        for value in values {
            guard let (_, denominator) = value.smallParts else { return nil }
            let common = Rational.gcd(scale, denominator)
            let (next, overflow) = scale.multipliedReportingOverflow(by: denominator / common)
            guard !overflow, next <= 1 << 40 else { return nil }
            scale = next
        }
        return scale
    }

    /// `value × scale` as a whole number, or `nil` when it is not one or is too large.
    static func whole(_ value: Rational, times scale: Int) -> Int? {
        guard let (numerator, denominator) = value.smallParts, scale % denominator == 0 else { return nil }
        let (product, overflow) = numerator.multipliedReportingOverflow(by: scale / denominator)
        guard !overflow, product.magnitude <= 1 << 40 else { return nil }
        return product
    }
}
