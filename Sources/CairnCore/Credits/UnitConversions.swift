/// An exact conversion: one `from` unit is worth `ratio` `to` units.
public struct UnitConversion: Hashable, Sendable {
    public var from: CreditUnit
    public var to: CreditUnit
    public var ratio: Rational

    public init(from: CreditUnit, to: CreditUnit, ratio: Rational) {
        self.from = from
        self.to = to
        self.ratio = ratio
    }

    /// Conversions that hold everywhere: 2 UK CATS = 1 ECTS; a quarter hour is 2/3 of a
    /// semester hour. Semester hours ↔ ECTS is an institution's own choice and is never built in.
    public static let universal: [UnitConversion] = [
        UnitConversion(from: .cats, to: .ects, ratio: Rational(1, 2)),
        UnitConversion(from: .quarterHours, to: .semesterHours, ratio: Rational(2, 3)),
    ]
}

/// A set of conversions, closed under inverses and chaining, that converts exactly or not at all.
public struct UnitConversions: Sendable {
    private var ratios: [CreditUnit: [CreditUnit: Rational]] = [:]

    public init(_ conversions: [UnitConversion] = UnitConversion.universal) {
        for conversion in conversions { add(conversion) }
    }

    public mutating func add(_ conversion: UnitConversion) {
        guard conversion.ratio != .zero else { return }
        ratios[conversion.from, default: [:]][conversion.to] = conversion.ratio
        ratios[conversion.to, default: [:]][conversion.from] = Rational.one / conversion.ratio
    }

    /// The factor that turns an amount in `from` into `to`, found by a breadth-first walk
    /// over declared conversions; `nil` when no chain of declared conversions connects them.
    public func ratio(from: CreditUnit, to: CreditUnit) -> Rational? {
        if from == to { return .one }
        var seen: Set<CreditUnit> = [from]
        var frontier: [(CreditUnit, Rational)] = [(from, .one)]
        while !frontier.isEmpty {
            var next: [(CreditUnit, Rational)] = []
            for (unit, factor) in frontier {
                for (neighbour, step) in ratios[unit] ?? [:] where !seen.contains(neighbour) {
                    let combined = factor * step
                    if neighbour == to { return combined }
                    seen.insert(neighbour)
                    next.append((neighbour, combined))
                }
            }
            frontier = next.sorted { $0.0.key < $1.0.key }
        }
        return nil
    }

    public func convert(_ credits: Credits, to unit: CreditUnit) -> Credits? {
        ratio(from: credits.unit, to: unit).map { Credits(credits.value * $0, unit) }
    }
}
