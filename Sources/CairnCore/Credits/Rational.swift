/// An exact fraction, always in lowest terms with a positive denominator.
///
/// Credits, conversion ratios and progress are rationals so that
/// `2 CATS → 1 ECTS` and `quarter hours × 2/3` stay exact and comparisons
/// between assignments never depend on floating-point rounding.
public struct Rational: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let numerator: Int
    public let denominator: Int

    public static let zero = Rational(0)
    public static let one = Rational(1)

    public init(_ integer: Int) {
        numerator = integer
        denominator = 1
    }

    /// Creates `numerator / denominator` in lowest terms; the denominator must not be zero.
    public init(_ numerator: Int, _ denominator: Int) {
        precondition(denominator != 0, "Rational with a zero denominator")
        let divisor = Rational.gcd(numerator, denominator)
        let sign = denominator < 0 ? -1 : 1
        self.numerator = sign * numerator / divisor
        self.denominator = sign * denominator / divisor
    }

    /// Parses an integer, a decimal (`2.5`, `-0.25`) or a fraction (`2/3`).
    public init?(parsing text: some StringProtocol) {
        let trimmed = text.trimmingSpaces
        if let slash = trimmed.firstIndex(of: "/") {
            guard let top = Int(trimmed[..<slash].trimmingSpaces),
                  let bottom = Int(trimmed[trimmed.index(after: slash)...].trimmingSpaces),
                  bottom != 0 else { return nil }
            self.init(top, bottom)
            return
        }
        var body = Substring(trimmed)
        var negative = false
        if body.first == "-" || body.first == "+" {
            negative = body.first == "-"
            body = body.dropFirst()
        }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, !body.isEmpty,
              parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
              parts[0].count + (parts.count == 2 ? parts[1].count : 0) <= 15,
              !(parts.count == 2 && parts[1].isEmpty) else { return nil }
        let whole = parts[0].isEmpty ? 0 : Int(parts[0]) ?? 0
        var numerator = whole
        var denominator = 1
        if parts.count == 2 {
            for digit in parts[1] {
                numerator = numerator * 10 + (digit.wholeNumberValue ?? 0)
                denominator *= 10
            }
        }
        self.init(negative ? -numerator : numerator, denominator)
    }

    public var isInteger: Bool { denominator == 1 }

    /// The nearest `Double`, for display and JSON numbers only.
    public var doubleValue: Double { Double(numerator) / Double(denominator) }

    /// `2`, `2.5`, or `2/3` when the decimal expansion does not terminate.
    public var description: String {
        if denominator == 1 { return String(numerator) }
        if let decimal = terminatingDecimal { return decimal }
        return "\(numerator)/\(denominator)"
    }

    /// The exact decimal form when the denominator has no prime factors but 2 and 5.
    public var terminatingDecimal: String? {
        var rest = denominator
        var twos = 0
        var fives = 0
        while rest % 2 == 0 { rest /= 2; twos += 1 }
        while rest % 5 == 0 { rest /= 5; fives += 1 }
        let scale = max(twos, fives)
        guard rest == 1, scale <= 15 else { return nil }
        let power = (0..<scale).reduce(1) { result, _ in result * 10 }
        var digits = String(abs(numerator) * (power / denominator))
        if digits.count <= scale {
            digits = String(repeating: "0", count: scale - digits.count + 1) + digits
        }
        let split = digits.index(digits.endIndex, offsetBy: -scale)
        var fraction = String(digits[split...])
        while fraction.hasSuffix("0") { fraction.removeLast() }
        let sign = numerator < 0 ? "-" : ""
        return sign + String(digits[..<split]) + (fraction.isEmpty ? "" : "." + fraction)
    }

    public static func < (lhs: Rational, rhs: Rational) -> Bool {
        lhs.numerator.multipliedFullWidth(by: rhs.denominator) < rhs.numerator.multipliedFullWidth(by: lhs.denominator)
    }

    static func gcd(_ a: Int, _ b: Int) -> Int {
        var (x, y) = (abs(a), abs(b))
        while y != 0 { (x, y) = (y, x % y) }
        return x == 0 ? 1 : x
    }
}

extension Rational {
    public static func + (lhs: Rational, rhs: Rational) -> Rational {
        if lhs.denominator == rhs.denominator {
            return Rational(lhs.numerator + rhs.numerator, lhs.denominator)
        }
        let divisor = gcd(lhs.denominator, rhs.denominator)
        let left = rhs.denominator / divisor
        let right = lhs.denominator / divisor
        return Rational(lhs.numerator * left + rhs.numerator * right, lhs.denominator * left)
    }

    public static func - (lhs: Rational, rhs: Rational) -> Rational { lhs + (-rhs) }

    public static prefix func - (value: Rational) -> Rational {
        Rational(-value.numerator, value.denominator)
    }

    public static func * (lhs: Rational, rhs: Rational) -> Rational {
        let a = gcd(lhs.numerator, rhs.denominator)
        let b = gcd(rhs.numerator, lhs.denominator)
        return Rational((lhs.numerator / a) * (rhs.numerator / b), (lhs.denominator / b) * (rhs.denominator / a))
    }

    public static func / (lhs: Rational, rhs: Rational) -> Rational {
        precondition(rhs.numerator != 0, "division of a Rational by zero")
        return lhs * Rational(rhs.denominator, rhs.numerator)
    }

    public static func += (lhs: inout Rational, rhs: Rational) { lhs = lhs + rhs }
    public static func -= (lhs: inout Rational, rhs: Rational) { lhs = lhs - rhs }
}

extension StringProtocol {
    var trimmingSpaces: Substring {
        let text = Substring(self)
        guard let first = text.firstIndex(where: { !$0.isWhitespace }),
              let last = text.lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return text[first...last]
    }
}

extension Rational {
    /// The largest rational that divides every value, or `nil` on overflow.
    static func commonStep(_ values: [Rational]) -> Rational? {
        var numerator = 0
        var denominator = 1
        for value in values where value.numerator != 0 {
            // gcd(a/b, c/d) = gcd(a·d, c·b) / (b·d), reduced.
            let (left, leftOverflow) = numerator.multipliedReportingOverflow(by: value.denominator)
            let (right, rightOverflow) = abs(value.numerator).multipliedReportingOverflow(by: denominator)
            let (bottom, bottomOverflow) = denominator.multipliedReportingOverflow(by: value.denominator)
            guard !leftOverflow, !rightOverflow, !bottomOverflow else { return nil }
            let top = Rational.gcd(left, right)
            let common = Rational.gcd(top, bottom)
            numerator = top / common
            denominator = bottom / common
        }
        return numerator == 0 ? nil : Rational(numerator, denominator)
    }
}
