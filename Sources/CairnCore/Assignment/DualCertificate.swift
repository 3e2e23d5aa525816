/// An exact upper bound on an ``AssignmentProgram``'s optimum within a branch's bounds, from
/// any nonnegative row multipliers — usually the duals CLP found, rounded.
///
/// For multipliers `w ≥ 0` and any `x` with `A·x ≤ b` and `l ≤ x ≤ u`, the objective
/// `c·x = w·A·x + (c − w·A)·x ≤ w·b + Σⱼ max((c − w·A)ⱼ·lⱼ, (c − w·A)ⱼ·uⱼ)` (weak duality). The
/// right-hand side is computed here exactly — the multipliers rounded to multiples of 2⁻⁴⁰, the
/// program's coefficients being whole numbers — so the bound holds whatever the floating-point
/// solver got wrong; a poor solve only makes it loose, never false.
struct DualCertificate {
    /// The multipliers' fixed-point scale: 2⁴⁰.
    static let scaleBits = 40

    let program: AssignmentProgram

    /// The bound for `duals` (CLP's, of the minimisation of the negated objective: a `≤` row's
    /// multiplier is minus its dual), with columns between `lower` and `upper` (each 0 or 1,
    /// or, for an upper bound, the program's own). `nil` when the arithmetic would overflow.
    func bound(duals: [Double], lower: [Bool], upper: [Bool]) -> Rational? {
        let scale = Double(1 << Self.scaleBits)
        var multipliers = [Int](repeating: 0, count: program.rowCount)
        var total = 0
        for row in 0..<program.rowCount {
            let multiplier = -duals[row]
            guard multiplier.isFinite else { return nil }
            guard multiplier > 0 else { continue }
            guard multiplier < 65_536 else { return nil }
            let fixed = Int((multiplier * scale).rounded())
            multipliers[row] = fixed
            let (product, productOverflow) = fixed.multipliedReportingOverflow(by: program.rowBound[row])
            let (next, overflow) = total.addingReportingOverflow(product)
            guard !productOverflow, !overflow else { return nil }
            total = next
        }
        var fractional = Rational.zero
        for (column, entries) in program.columns.enumerated() {
            // The reduced objective (c − w·A)ⱼ, scaled.
            var reduced = column == program.objectiveColumn ? 1 << Self.scaleBits : 0
            for entry in entries {
                let (product, productOverflow) = multipliers[Int(entry.row)].multipliedReportingOverflow(by: entry.coefficient)
                let (next, overflow) = reduced.subtractingReportingOverflow(product)
                guard !productOverflow, !overflow else { return nil }
                reduced = next
            }
            // max(reduced·l, reduced·u): l and u are 0 or 1 except an upper bound the program sets.
            var term = 0
            if reduced > 0 {
                guard upper[column] else { continue }
                let bound = program.upper[column]
                guard bound == .one else {
                    fractional += Rational(reduced) * bound
                    continue
                }
                term = reduced
            } else if lower[column] {
                term = reduced
            }
            let (next, overflow) = total.addingReportingOverflow(term)
            guard !overflow else { return nil }
            total = next
        }
        return (Rational(total) + fractional) / Rational(1 << Self.scaleBits)
    }
}
