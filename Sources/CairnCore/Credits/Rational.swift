// Public because the exact arithmetic is @inlinable (audits multiply rationals in their inner loop)
// and falls back to BigInt on overflow: the inlined code names BigInt in the client.
public import BigInt

/// An exact fraction, always in lowest terms with a positive denominator.
///
/// Credits, conversion ratios and progress are rationals so that
/// `2 CATS → 1 ECTS` and `quarter hours × 2/3` stay exact and comparisons
/// between assignments never depend on floating-point rounding.
///
/// Arithmetic never traps: values are kept in two machine words while they fit, and a result
/// that does not fit (a sum of credits such as `1/4294967311` over three distinct primes, a
/// count near `Int.max`) moves to arbitrary precision instead of overflowing. Every value has
/// one representation, so equal values are equal and hash alike however they were computed.
public struct Rational: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The value: two machine integers while they fit, arbitrary precision beyond.
    @usableFromInline
    enum Storage: Hashable, Sendable {
        case small(Int, Int)
        /// Boxed, so a `Rational` stays three words and its layout never depends on BigInt's.
        case big(BigFraction)
    }

    /// A numerator and a positive denominator beyond machine integers, in lowest terms.
    @usableFromInline
    final class BigFraction: Hashable, Sendable {
        let numerator: BigInt
        let denominator: BigInt

        init(_ numerator: BigInt, _ denominator: BigInt) {
            self.numerator = numerator
            self.denominator = denominator
        }

        @usableFromInline
        static func == (lhs: BigFraction, rhs: BigFraction) -> Bool {
            lhs.numerator == rhs.numerator && lhs.denominator == rhs.denominator
        }

        @usableFromInline
        func hash(into hasher: inout Hasher) {
            hasher.combine(numerator)
            hasher.combine(denominator)
        }
    }

    /// The value when it fits in machine integers (then `big` is `nil`).
    @usableFromInline
    let smallNumerator: Int
    @usableFromInline
    let smallDenominator: Int
    /// The value beyond machine integers; `nil` while it fits.
    @usableFromInline
    let big: BigFraction?

    /// Which form the value is in, for `switch`.
    @inlinable
    var storage: Storage {
        if let big { return .big(big) }
        return .small(smallNumerator, smallDenominator)
    }

    @inlinable
    public static func == (lhs: Rational, rhs: Rational) -> Bool {
        if _fastPath(lhs.big == nil && rhs.big == nil) {
            return lhs.smallNumerator == rhs.smallNumerator && lhs.smallDenominator == rhs.smallDenominator
        }
        if let left = lhs.big, let right = rhs.big { return left == right }
        return false
    }

    public func hash(into hasher: inout Hasher) {
        if let big {
            hasher.combine(big)
        } else {
            hasher.combine(smallNumerator)
            hasher.combine(smallDenominator)
        }
    }

    public static let zero = Rational(0)
    public static let one = Rational(1)

    public init(_ integer: Int) {
        self.init(storage: .small(integer, 1))
    }

    /// Creates `numerator / denominator` in lowest terms; the denominator must not be zero.
    public init(_ numerator: Int, _ denominator: Int) {
        precondition(denominator != 0, "Rational with a zero denominator")
        self.init(reducing: numerator, denominator)
    }

    @inlinable
    init(storage: Storage) {
        switch storage {
        case .small(let numerator, let denominator):
            smallNumerator = numerator
            smallDenominator = denominator
            big = nil
        case .big(let fraction):
            smallNumerator = 0
            smallDenominator = 1
            big = fraction
        }
    }

    /// `numerator / denominator` reduced; moves to arbitrary precision when negating the
    /// smallest `Int` would overflow.
    @inlinable
    init(reducing numerator: Int, _ denominator: Int) {
        if denominator == 1 {
            self.init(storage: .small(numerator, 1))
            return
        }
        let divisor = Rational.gcd(numerator, denominator)
        var top = numerator / divisor
        var bottom = denominator / divisor
        if bottom < 0 {
            guard top != .min, bottom != .min else {
                self.init(big: BigInt(numerator), BigInt(denominator))
                return
            }
            top = -top
            bottom = -bottom
        }
        self.init(storage: .small(top, bottom))
    }

    /// `numerator / denominator` reduced, kept small when it fits.
    @usableFromInline
    init(big numerator: BigInt, _ denominator: BigInt) {
        precondition(!denominator.isZero, "Rational with a zero denominator")
        let divisor = numerator.greatestCommonDivisor(with: denominator)
        var top = divisor.isZero ? numerator : numerator / divisor
        var bottom = divisor.isZero ? denominator : denominator / divisor
        if bottom.sign == .minus {
            top.negate()
            bottom.negate()
        }
        if let smallTop = Int(exactly: top), let smallBottom = Int(exactly: bottom) {
            self.init(storage: .small(smallTop, smallBottom))
        } else {
            self.init(storage: .big(BigFraction(top, bottom)))
        }
    }

    /// The numerator and denominator at arbitrary precision.
    @usableFromInline
    var bigParts: (BigInt, BigInt) {
        switch storage {
        case .small(let top, let bottom): (BigInt(top), BigInt(bottom))
        case .big(let fraction): (fraction.numerator, fraction.denominator)
        }
    }

    /// The numerator and denominator when both fit in an `Int`, for integer fast paths that fall
    /// back to exact search when a value does not fit.
    public var smallParts: (numerator: Int, denominator: Int)? {
        if case .small(let top, let bottom) = storage { return (top, bottom) }
        return nil
    }

    /// Parses an integer, a decimal (`2.5`, `-0.25`) or a fraction (`2/3`).
    public init?(parsing text: some StringProtocol) {
        self.init(general: text)
    }

    /// Parses an integer, a decimal or a fraction; a plain whole number (`88`, the usual result)
    /// is read from its bytes without generic code.
    public init?(parsing text: String) {
        var text = text
        if let whole = text.withUTF8({ Rational.plainWholeNumber($0) }) {
            self.init(whole)
            return
        }
        self.init(general: text)
    }

    /// Up to 18 ASCII digits, nothing else, as a number; nil otherwise.
    private static func plainWholeNumber(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !bytes.isEmpty, bytes.count <= 18 else { return nil }
        var value = 0
        for byte in bytes {
            let digit = Int(byte) &- 48
            guard digit >= 0 && digit <= 9 else { return nil }
            value = value &* 10 &+ digit
        }
        return value
    }

    private init?(general text: some StringProtocol) {
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
        // A whole number may use every digit an Int holds; decimals keep to 15 digits.
        if parts.count == 1, !body.isEmpty, body.allSatisfy(\.isASCIIDigit), let whole = Int(body) {
            self.init(negative ? -whole : whole)
            return
        }
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

    @inlinable
    public var isInteger: Bool { big == nil && smallDenominator == 1 }

    /// The sign: -1, 0 or 1.
    public var signum: Int {
        switch storage {
        case .small(let top, _): top.signum()
        case .big(let fraction): fraction.numerator.sign == .minus ? -1 : 1
        }
    }

    /// The nearest `Double`, for display and JSON numbers only.
    public var doubleValue: Double {
        switch storage {
        case .small(let top, let bottom):
            return Double(top) / Double(bottom)
        case .big(let fraction):
            let (top, bottom) = (fraction.numerator, fraction.denominator)
            // Drop the same low bits from both so neither side is infinite as a Double.
            let shift = max(0, max(top.bitWidth, bottom.bitWidth) - 1000)
            return Double(top >> shift) / Double(bottom >> shift)
        }
    }

    /// `2`, `2.5`, or `2/3` when the decimal expansion does not terminate.
    public var description: String {
        let (top, bottom) = bigParts
        if bottom == 1 { return String(top) }
        if let decimal = terminatingDecimal { return decimal }
        return "\(top)/\(bottom)"
    }

    /// The exact decimal form when the denominator has no prime factors but 2 and 5 (and at
    /// most 15 decimal places).
    public var terminatingDecimal: String? {
        if big == nil, let small = smallTerminatingDecimal { return small }
        let (top, bottom) = bigParts
        var rest = bottom
        var twos = 0
        var fives = 0
        while rest % 2 == 0 { rest /= 2; twos += 1 }
        while rest % 5 == 0 { rest /= 5; fives += 1 }
        let scale = max(twos, fives)
        guard rest == 1, scale <= 15 else { return nil }
        let power = BigInt(10).power(scale)
        var digits = String(top.magnitude * (power / bottom).magnitude)
        if digits.count <= scale {
            digits = String(repeating: "0", count: scale - digits.count + 1) + digits
        }
        let split = digits.index(digits.endIndex, offsetBy: -scale)
        var fraction = String(digits[split...])
        while fraction.hasSuffix("0") { fraction.removeLast() }
        let sign = top.sign == .minus && !top.isZero ? "-" : ""
        return sign + String(digits[..<split]) + (fraction.isEmpty ? "" : "." + fraction)
    }

    /// ``terminatingDecimal`` in machine integers, for the common small value (a report writes
    /// thousands of them): nil when the value is not small, or does not terminate, or would
    /// overflow — the exact path then decides.
    private var smallTerminatingDecimal: String? {
        let top = smallNumerator
        var rest = smallDenominator
        var twos = 0
        var fives = 0
        while rest % 2 == 0 { rest /= 2; twos += 1 }
        while rest % 5 == 0 { rest /= 5; fives += 1 }
        let scale = max(twos, fives)
        guard rest == 1, scale <= 15 else { return nil }
        var power = 1
        for _ in 0..<scale { power *= 10 }
        let (scaled, overflow) = top.magnitude.multipliedReportingOverflow(by: UInt(power / smallDenominator))
        guard !overflow else { return nil }
        let whole = scaled / UInt(power)
        var fraction = scaled % UInt(power)
        var places = scale
        while places > 0 && fraction % 10 == 0 { fraction /= 10; places -= 1 }
        let sign = top < 0 ? "-" : ""
        guard places > 0 else { return sign + String(whole) }
        let digits = String(fraction)
        return sign + String(whole) + "." + String(repeating: "0", count: places - digits.count) + digits
    }

    @inlinable
    public static func < (lhs: Rational, rhs: Rational) -> Bool {
        if _fastPath(lhs.big == nil && rhs.big == nil) {
            let (a, b, c, d) = (lhs.smallNumerator, lhs.smallDenominator, rhs.smallNumerator, rhs.smallDenominator)
            return a.multipliedFullWidth(by: d) < c.multipliedFullWidth(by: b)
        }
        let (a, b) = lhs.bigParts
        let (c, d) = rhs.bigParts
        return a * d < c * b
    }

    @inlinable
    static func gcd(_ a: Int, _ b: Int) -> Int {
        var (x, y) = (a.magnitude, b.magnitude)
        while y != 0 { (x, y) = (y, x % y) }
        // The gcd of Int.min and 0 (or Int.min) is 2^63, which an Int cannot hold; 1 leaves the
        // value unreduced, and callers move such values to arbitrary precision.
        return x == 0 ? 1 : Int(exactly: x) ?? 1
    }
}

extension Rational {
    @inlinable
    public static func + (lhs: Rational, rhs: Rational) -> Rational {
        if _fastPath(lhs.big == nil && rhs.big == nil) {
            let (a, b, c, d) = (lhs.smallNumerator, lhs.smallDenominator, rhs.smallNumerator, rhs.smallDenominator)
            if b == d {
                let (sum, overflow) = a.addingReportingOverflow(c)
                if !overflow { return Rational(reducing: sum, b) }
            } else {
                let divisor = gcd(b, d)
                let left = d / divisor
                let right = b / divisor
                let (x, o1) = a.multipliedReportingOverflow(by: left)
                let (y, o2) = c.multipliedReportingOverflow(by: right)
                let (sum, o3) = x.addingReportingOverflow(y)
                let (bottom, o4) = b.multipliedReportingOverflow(by: left)
                if !(o1 || o2 || o3 || o4) { return Rational(reducing: sum, bottom) }
            }
        }
        let (a, b) = lhs.bigParts
        let (c, d) = rhs.bigParts
        return Rational(big: a * d + c * b, b * d)
    }

    @inlinable
    public static func - (lhs: Rational, rhs: Rational) -> Rational { lhs + (-rhs) }

    @inlinable
    public static prefix func - (value: Rational) -> Rational {
        if _fastPath(value.big == nil && value.smallNumerator != .min) {
            return Rational(storage: .small(-value.smallNumerator, value.smallDenominator))
        }
        let (top, bottom) = value.bigParts
        return Rational(big: -top, bottom)
    }

    @inlinable
    public static func * (lhs: Rational, rhs: Rational) -> Rational {
        if _fastPath(lhs.big == nil && rhs.big == nil) {
            let (a, b, c, d) = (lhs.smallNumerator, lhs.smallDenominator, rhs.smallNumerator, rhs.smallDenominator)
            let first = gcd(a, d)
            let second = gcd(c, b)
            let (top, o1) = (a / first).multipliedReportingOverflow(by: c / second)
            let (bottom, o2) = (b / second).multipliedReportingOverflow(by: d / first)
            if !(o1 || o2) { return Rational(reducing: top, bottom) }
        }
        let (a, b) = lhs.bigParts
        let (c, d) = rhs.bigParts
        return Rational(big: a * c, b * d)
    }

    /// Division; the divisor must not be zero (callers check: a zero share or target is refused
    /// when definitions are read).
    @inlinable
    public static func / (lhs: Rational, rhs: Rational) -> Rational {
        precondition(rhs.signum != 0, "division of a Rational by zero")
        return lhs * rhs.reciprocal
    }

    /// `1 / self`, for a non-zero value.
    public var reciprocal: Rational {
        switch storage {
        case .small(let top, let bottom) where top != .min:
            return top < 0 ? Rational(storage: .small(-bottom, -top)) : Rational(storage: .small(bottom, top))
        default:
            let (top, bottom) = bigParts
            return Rational(big: bottom, top)
        }
    }

    @inlinable
    public static func += (lhs: inout Rational, rhs: Rational) { lhs = lhs + rhs }
    @inlinable
    public static func -= (lhs: inout Rational, rhs: Rational) { lhs = lhs - rhs }
}

extension Rational {
    /// The integer part, rounded toward zero (`-7/2` → `-3`).
    public var truncated: Rational {
        switch storage {
        case .small(let top, let bottom): return Rational(top / bottom)
        case .big(let fraction): return Rational(big: fraction.numerator / fraction.denominator, 1)
        }
    }

    /// The largest integer not above the value (`-7/2` → `-4`).
    public var floor: Rational {
        let whole = truncated
        return whole > self ? whole - .one : whole
    }

    /// The nearest integer, halves away from zero (`5/2` → `3`, `-5/2` → `-3`).
    public var roundedHalfAwayFromZero: Rational {
        let whole = truncated
        let rest = self - whole
        let half = Rational(1, 2)
        if rest >= half { return whole + .one }
        if rest <= -half { return whole - .one }
        return whole
    }

    /// Whether the value is an even integer.
    public var isEvenInteger: Bool {
        isInteger && (self * Rational(1, 2)).isInteger
    }
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
    /// The largest rational that divides every value, or `nil` when the values are not all
    /// small enough for the integer searches that use the step.
    static func commonStep(_ values: [Rational]) -> Rational? {
        var numerator = 0
        var denominator = 1
        for value in values where value.signum != 0 {
            guard let (valueTop, valueBottom) = value.smallParts, valueTop != .min else { return nil }
            // gcd(a/b, c/d) = gcd(a·d, c·b) / (b·d), reduced.
            let (left, leftOverflow) = numerator.multipliedReportingOverflow(by: valueBottom)
            let (right, rightOverflow) = abs(valueTop).multipliedReportingOverflow(by: denominator)
            let (bottom, bottomOverflow) = denominator.multipliedReportingOverflow(by: valueBottom)
            guard !leftOverflow, !rightOverflow, !bottomOverflow else { return nil }
            let top = Rational.gcd(left, right)
            let common = Rational.gcd(top, bottom)
            numerator = top / common
            denominator = bottom / common
        }
        return numerator == 0 ? nil : Rational(numerator, denominator)
    }
}
