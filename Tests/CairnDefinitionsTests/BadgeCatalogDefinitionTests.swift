import CairnCore
import CairnDefinitions
import CairnSyntax
import CairnTestSupport
import Testing

@Suite("Badge catalogue definitions")
struct BadgeCatalogDefinitionTests {
    @Test("reads every field of a good catalogue")
    func readsGoodCatalogue() throws {
        let catalog = try BadgeCatalog(definition: FixtureFile.text("catalogue.yaml"), file: "Pathways/x/badges.yaml")
        let issuer = Issuer(id: "https://example.edu", name: "Example University")
        #expect(catalog.issuer == issuer)
        #expect(catalog.results == ["participated", "meets", "exceeds"])
        #expect(catalog.conversions == [
            UnitConversion(from: .semesterHours, to: .ects, ratio: Rational(2)),
            UnitConversion(from: .ceu, to: .ects, ratio: Rational(1, 3)),
        ])
        #expect(catalog.source == SourceLocation(file: "Pathways/x/badges.yaml", line: 2, column: 1))
        #expect(catalog.badges.map(\.id) == ["sql-querying", "data-cleaning", "analysis-memo"])

        let sql = try #require(catalog.badges.first)
        #expect(sql == BadgeClass(
            id: "sql-querying", name: "SQL Querying", issuer: issuer, type: "skill", tags: ["data", "elective"],
            alignments: [
                SkillReference(framework: "esco",
                               code: "http://data.europa.eu/esco/skill/ccd0a1d9-afda-43d9-b901-96344886e14d"),
                SkillReference(framework: "sfia", code: "DTAN", level: 3),
            ],
            credits: Credits(Rational(2), .ects), effortHours: Rational(20),
            cost: Money(amount: Rational(150), currency: "EUR"),
            validity: ValidityRule(duration: ISODuration(years: 2), renewalWindow: ISODuration(days: 60),
                                   grace: ISODuration(days: 30)),
            description: "Writing and tuning SQL queries.",
            resultScale: ["participated", "meets", "exceeds"],
            source: SourceLocation(file: "Pathways/x/badges.yaml", line: 8, column: 5)))
        #expect(catalog.badges[2].type == "capstone")
        #expect(catalog.badges[2].resultScale == catalog.results)
        #expect(catalog.badges[2].source?.line == 25)
    }

    @Test("keeps decimal numbers exact")
    func decimalsAreExact() throws {
        let catalog = try BadgeCatalog(definition: FixtureFile.text("catalogue.yaml"), file: "badges.yaml")
        let cleaning = try #require(catalog.badges.first { $0.id == "data-cleaning" })
        #expect(cleaning.credits == Credits(Rational(1, 10), .ects))
        #expect(cleaning.credits?.value.smallParts?.numerator == 1)
        #expect(cleaning.credits?.value.smallParts?.denominator == 10)
        #expect(cleaning.effortHours == Rational(25, 2))
        #expect(cleaning.type == "skill")
    }

    @Test("reports a bad duration at its value")
    func badDuration() throws {
        let errors = formatErrors { _ = try BadgeCatalog(definition: FixtureFile.text("bad-duration.yaml"),
                                                         file: "Pathways/x.yaml") }
        #expect(errors.map(\.description) == [
            #"Pathways/x.yaml:6:17: expected an ISO 8601 duration such as P2Y, found "2 years""#,
        ])
    }

    @Test("reports an unknown key with the allowed keys")
    func unknownKey() throws {
        let errors = formatErrors { _ = try BadgeCatalog(definition: FixtureFile.text("unknown-key.yaml"),
                                                         file: "badges.yaml") }
        #expect(errors.count == 1)
        let error = try #require(errors.first)
        #expect(error.location == SourceLocation(file: "badges.yaml", line: 5, column: 5))
        #expect(error.message.hasPrefix(#"unknown key "colour" in a badge; allowed keys: id, name, type"#))
        #expect(error.message.contains("validity"))
    }

    @Test("reports missing required keys and wrong scalar types, all of them")
    func missingAndWrongTypes() {
        let text = """
            issuer: { id: x }
            badges:
              - name: No id
                credits: { value: lots, unit: ECTS }
              - id: b
                name: [not, a, string]
                tags: { a: 1 }
            """
        let errors = formatErrors { _ = try BadgeCatalog(definition: text, file: "b.yaml") }
        #expect(errors.map(\.description) == [
            #"b.yaml:1:9: missing required key "name" in the issuer"#,
            #"b.yaml:3:5: missing required key "id" in a badge"#,
            #"b.yaml:4:23: expected a number of 0 or more, such as 2, 0.5 or 2/3, found "lots""#,
            "b.yaml:6:11: expected a string, found a list",
            "b.yaml:7:11: expected a string or a list of strings, found a mapping",
        ])
    }

    @Test("a conversion ratio may be a decimal or a fraction", arguments: [
        ("0.5", Rational(1, 2)), ("\"2/3\"", Rational(2, 3)), ("3", Rational(3)), ("0.1", Rational(1, 10)),
    ])
    func conversionRatio(text: String, ratio: Rational) throws {
        let definition = """
            issuer: { id: x, name: X }
            conversions: [{ from: CATS, to: ECTS, ratio: \(text) }]
            badges: []
            """
        let catalog = try BadgeCatalog(definition: definition, file: "b.yaml")
        #expect(catalog.conversions.first?.ratio == ratio)
    }
}
