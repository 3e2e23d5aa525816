import CairnCore
import CairnFormats
import CairnTestSupport
import Testing

@Suite("Reports: JSON numbers and percentages")
struct ReportTests {
    @Test("Exact numbers are written as decimals; repeating fractions to 12 places", arguments: [
        (Rational(1), "1"), (Rational(5, 2), "2.5"), (Rational(3, 8), "0.375"), (Rational(1, 3), "0.333333333333"),
        (Rational(2, 3), "0.666666666667"), (Rational(-1, 3), "-0.333333333333"), (Rational(0), "0"),
    ])
    func numbers(value: Rational, expected: String) {
        #expect(JSONValue.number(value).serialized() == expected)
    }

    @Test("Strings are escaped; objects keep their key order")
    func strings() {
        let value = JSONValue.object([("b", .string("a \"quoted\"\nline")), ("a", .array([.bool(true), .null]))])
        #expect(value.serialized(pretty: false) == #"{"b":"a \"quoted\"\nline","a":[true,null]}"#)
    }

    @Test("Percentages round down and show the fraction when it has no short decimal", arguments: [
        (Rational(1), "100%"), (Rational(3, 4), "75%"), (Rational(3, 8), "37.5%"), (Rational(2, 3), "66.6% (2/3)"),
        (Rational(999, 1000), "99.9%"), (Rational(9999, 10000), "99.9% (0.9999)"),
    ])
    func percentages(value: Rational, expected: String) {
        #expect(AuditTextReport.percent(value) == expected)
    }
}
