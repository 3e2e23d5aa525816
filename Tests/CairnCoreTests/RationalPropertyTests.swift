import BigInt
@testable import CairnCore
import CairnTestSupport
import Testing

/// `Rational` against a plain reference on arbitrary-precision fractions: whatever the inputs,
/// from small values to values at the edges of `Int`, every operation gives the exact answer and
/// never traps.
@Suite("Rational never traps and stays exact")
struct RationalPropertyTests {
    /// Integers that stress the machine-word path: small ones, powers of two and the edges.
    static func integer(_ random: inout SplitMix64) -> Int {
        switch random.below(6) {
        case 0: return random.below(21) - 10
        case 1: return Int.max - random.below(3)
        case 2: return Int.min + random.below(3)
        case 3: return (1 << (32 + random.below(30))) + random.below(1000) - 500
        case 4: return 4_294_967_311 * (random.below(2) == 0 ? 1 : -1)
        default: return Int(truncatingIfNeeded: random.next())
        }
    }

    static func value(_ random: inout SplitMix64) -> (Rational, BigInt, BigInt) {
        let top = integer(&random)
        var bottom = integer(&random)
        if bottom == 0 { bottom = 1 }
        return (Rational(top, bottom), BigInt(top), BigInt(bottom))
    }

    /// The reference's answer as a Rational built from the unreduced fraction.
    static func reference(_ top: BigInt, _ bottom: BigInt) -> Rational { Rational(big: top, bottom) }

    @Test("+, -, *, / and < agree with arbitrary-precision fractions", arguments: 0..<8)
    func operations(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        for _ in 0..<500 {
            let (x, a, b) = Self.value(&random)
            let (y, c, d) = Self.value(&random)
            #expect(x + y == Self.reference(a * d + c * b, b * d), "\(x) + \(y)")
            #expect(x - y == Self.reference(a * d - c * b, b * d), "\(x) - \(y)")
            #expect(x * y == Self.reference(a * c, b * d), "\(x) * \(y)")
            if c != 0 {
                #expect(x / y == Self.reference(a * d, b * c), "\(x) / \(y)")
            }
            let less = (b.sign == d.sign) == (a * d < c * b) && a * d != c * b
            #expect((x < y) == less, "\(x) < \(y)")
            #expect((x == y) == (a * d == c * b), "\(x) == \(y)")
            #expect(-(-x) == x)
        }
    }

    @Test("equal values are equal and hash alike, whichever form they were computed in")
    func normalForm() {
        let huge = Rational(Int.max) + Rational(Int.max)
        let back = huge - Rational(Int.max)
        #expect(back == Rational(Int.max))
        #expect(back.hashValue == Rational(Int.max).hashValue)
        #expect(back.smallParts?.numerator == Int.max)
        #expect(Set([back, Rational(Int.max)]).count == 1)
        #expect((-Rational(Int.min)).description == "9223372036854775808")
        #expect(Rational(1, Int.min).description == "-1/9223372036854775808")
    }

    @Test("sums of credits over large distinct primes are exact", arguments: [3, 8])
    func primeDenominators(count: Int) {
        let primes = [4_294_967_311, 4_294_967_357, 4_294_967_371, 4_294_967_377, 4_294_967_387,
                      4_294_967_389, 4_294_967_459, 4_294_967_477]
        let sum = primes.prefix(count).map { Rational(1, $0) }.reduce(.zero, +)
        var top = BigInt(0)
        var bottom = BigInt(1)
        for prime in primes.prefix(count) {
            top = top * BigInt(prime) + bottom
            bottom *= BigInt(prime)
        }
        #expect(sum == Self.reference(top, bottom))
        #expect(sum > .zero && sum < .one)
        #expect(sum.doubleValue > 0 && sum.doubleValue < 1e-8)
        #expect(sum.description.contains("/"))
    }

    @Test("rounding helpers on large values", arguments: [Int.max, Int.min, 7, -7])
    func rounding(top: Int) {
        let value = Rational(top, 2)
        #expect(value.truncated.isInteger)
        #expect(value.floor <= value && value - value.floor < .one)
        #expect((value.roundedHalfAwayFromZero - value) <= Rational(1, 2))
    }

    /// The exact decimal of top/bottom by long division in arbitrary precision, or nil when it
    /// does not terminate within 15 places: the reference for ``Rational/terminatingDecimal``.
    static func referenceDecimal(_ top: BigInt, _ bottom: BigInt) -> String? {
        var (numerator, denominator) = (top, bottom)
        if denominator < 0 { (numerator, denominator) = (-numerator, -denominator) }
        let negative = numerator < 0
        var remainder = numerator.magnitude % denominator.magnitude
        var text = String(numerator.magnitude / denominator.magnitude)
        var fraction = ""
        while remainder != 0 {
            guard fraction.count < 15 else { return nil }
            remainder *= 10
            fraction += String(remainder / denominator.magnitude)
            remainder %= denominator.magnitude
        }
        if !fraction.isEmpty { text += "." + fraction }
        return negative && (numerator.magnitude != 0) ? "-" + text : text
    }

    @Test("terminatingDecimal is the exact decimal, on the machine-word path and the arbitrary-precision one alike")
    func terminatingDecimals() {
        var random = SplitMix64(seed: 18)
        for round in 0..<20_000 {
            let top = round % 4 == 0 ? Self.integer(&random) : random.below(2_000_001) - 1_000_000
            // Denominators of 2s, 5s and now and then a 3: terminating and not.
            var bottom = 1
            for _ in 0..<random.below(8) { bottom *= [2, 5, 2, 5, 3][random.below(5)] }
            let value = Rational(top, bottom)
            #expect(value.terminatingDecimal == Self.referenceDecimal(BigInt(top), BigInt(bottom)), "\(top)/\(bottom)")
        }
    }
}
