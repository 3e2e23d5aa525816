import CairnCore
import CairnCredentials
import CairnReports
import CairnSyntax
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

    @Test("Percentages: whole ones bare, others half to even to one decimal with the exact fraction beside; never 100% below one nor 0% above nothing",
          arguments: [
              (Rational(1), "100%"), (Rational(0), "0%"), (Rational(3, 4), "75%"), (Rational(3, 8), "37.5%"),
              (Rational(2, 3), "66.7% (2/3)"), (Rational(1, 3), "33.3% (1/3)"), (Rational(5, 12), "41.7% (5/12)"),
              (Rational(999, 1000), "99.9%"), (Rational(9999, 10000), "99.9% (0.9999)"), (Rational(1, 10000), "0.1% (0.0001)"),
              (Rational(1, 1600), "0.1% (0.000625)"), (Rational(3, 1600), "0.2% (0.001875)"), (Rational(5, 1600), "0.3% (0.003125)"),
              (Rational(1, 80), "1.2% (0.0125)"), (Rational(3, 80), "3.8% (0.0375)"),
          ])
    func percentages(value: Rational, expected: String) {
        #expect(PercentText.of(value) == expected)
    }

    @Test("A plan that cannot be made says why: a requirement nothing fills, or requirements that compete")
    func planWithoutAnswer() throws {
        let catalog = CairnTestSupport.Fixture.catalog([CairnTestSupport.Fixture.badge("only", tags: ["x"])], pathways: [
            CairnTestSupport.Fixture.pathway("lacking", .all([.badge("only"), .tag("y")])),
            CairnTestSupport.Fixture.pathway("competing", .all([.tag("x"), .badge("only")])),
        ])
        let asOf = CairnTestSupport.Fixture.date("2026-11-29")
        let lacking = try CompiledPathway(pathway: "lacking", catalog: catalog)
            .plan(for: CairnTestSupport.Fixture.learner([]), catalog: catalog, measure: .count, asOf: asOf, reliesUntil: asOf)
        #expect(lacking.text.contains("No plan completes it:\n  - A badge tagged y: needs 1 badge; your badges and the catalogues offer 0\n"))
        let competing = try CompiledPathway(pathway: "competing", catalog: catalog)
            .plan(for: CairnTestSupport.Fixture.learner([]), catalog: catalog, measure: .count, asOf: asOf, reliesUntil: asOf)
        #expect(competing.text.contains("No plan completes it:\n  - each requirement can be filled on its own, but not all at once"))
        #expect(competing.json.serialized(pretty: false).contains(#""complete":false,"optimal":true"#))
    }
}
