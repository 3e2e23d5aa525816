import CairnCore
import CairnTestSupport
import Testing

@Suite("Exact credits and unit conversions")
struct CreditsTests {
    @Test("Decimals and fractions parse exactly", arguments: [
        ("0.1", 1, 10), ("2.5", 5, 2), ("2/3", 2, 3), ("-0.25", -1, 4), ("6", 6, 1), ("4/6", 2, 3), ("1.50", 3, 2),
        ("9223372036854775807", Int.max, 1), ("-9223372036854775807", -Int.max, 1),
    ])
    func parsing(text: String, numerator: Int, denominator: Int) {
        #expect(Rational(parsing: text) == Rational(numerator, denominator))
    }

    @Test("Nonsense is not a number", arguments: ["", "abc", "1/0", "1.2.3", "1e5", "."])
    func notNumbers(text: String) {
        #expect(Rational(parsing: text) == nil)
    }

    @Test("Arithmetic stays exact: 0.1 + 0.2 is 0.3, thirds add to one")
    func arithmetic() {
        let tenth = Rational(1, 10)
        #expect(tenth + Rational(2, 10) == Rational(3, 10))
        #expect(Rational(1, 3) + Rational(1, 3) + Rational(1, 3) == .one)
        #expect(Rational(3, 4) * Rational(2, 3) == Rational(1, 2))
        #expect(Rational(1, 2) / Rational(1, 4) == Rational(2))
        #expect(Rational(2, 3).description == "2/3")
        #expect(Rational(5, 2).description == "2.5")
        #expect(Rational(-1, 8).description == "-0.125")
        #expect(Rational(1, 3) < Rational(1, 2))
    }

    @Test("Built-in conversions: 2 CATS = 1 ECTS, a quarter hour is 2/3 of a semester hour")
    func builtInConversions() {
        let conversions = UnitConversions()
        #expect(conversions.convert(Credits(Rational(15), .cats), to: .ects) == Credits(Rational(15, 2), .ects))
        #expect(conversions.convert(Credits(Rational(4), .quarterHours), to: .semesterHours)
                == Credits(Rational(8, 3), .semesterHours))
        #expect(conversions.ratio(from: .ects, to: .cats) == Rational(2))
    }

    @Test("No conversion is guessed between semester hours and ECTS")
    func missingConversion() {
        #expect(UnitConversions().ratio(from: .semesterHours, to: .ects) == nil)
    }

    @Test("Declared conversions chain: quarter hours → semester hours → ECTS")
    func chainedConversion() {
        var conversions = UnitConversions()
        conversions.add(UnitConversion(from: .semesterHours, to: .ects, ratio: Rational(2)))
        #expect(conversions.ratio(from: .quarterHours, to: .ects) == Rational(4, 3))
        #expect(conversions.ratio(from: .cats, to: .quarterHours) == Rational(3, 8))
    }

    @Test("Units compare case-insensitively")
    func unitNames() {
        #expect(CreditUnit("ects") == .ects)
    }
}
