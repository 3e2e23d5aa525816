package import CairnCore
import CairnSyntax

/// How every report writes a share (progress, coverage, a score) as a percentage — one rule,
/// so that `audit`, `plan`, `graph`, `demo` and `roles` never disagree about the same fraction.
///
/// Whole percentages are written bare (`0%`, `100%`); any other is rounded half to even to one
/// decimal, with the exact fraction beside it when rounding changed it (`37.5%`, `66.7% (2/3)`).
/// Rounding never reaches `100%` for a share below one, nor `0%` for a share above nothing: those
/// read `99.9%` and `0.1%` (with the fraction), so an incomplete pathway never looks complete.
package enum PercentText {
    package static func of(_ share: Rational) -> String {
        let hundred = share * Rational(100)
        if hundred.isInteger { return "\(hundred)%" }
        var tenths = halfEven(hundred * Rational(10))
        if share < .one, tenths >= 1000 { tenths = 999 }
        if share > .zero, tenths <= 0 { tenths = 1 }
        let shown = "\(tenths / 10).\(abs(tenths % 10))%"
        return Rational(tenths, 10) == hundred ? shown : "\(shown) (\(share))"
    }

    /// `value` rounded to an integer, halves to the even neighbour. Shares lie in 0…1, so the
    /// tenths of a percent fit an Int; anything larger saturates.
    static func halfEven(_ value: Rational) -> Int {
        let floor = value.floor
        let base = floor.smallParts?.numerator ?? (value > .zero ? Int.max / 2 : Int.min / 2)
        let rest = value - floor
        if rest > Rational(1, 2) { return base + 1 }
        if rest < Rational(1, 2) { return base }
        return base.isMultiple(of: 2) ? base : base + 1
    }
}
