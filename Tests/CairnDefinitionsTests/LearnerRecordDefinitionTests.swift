import CairnCore
import CairnDefinitions
import CairnSyntax
import CairnTestSupport
import Testing

@Suite("Learner record definitions")
struct LearnerRecordDefinitionTests {
    @Test("reads a good learner record")
    func readsGoodRecord() throws {
        let record = try LearnerRecord(definition: FixtureFile.text("learner.yaml"), file: "alice.yaml")
        func date(_ text: String) throws -> CalendarDate { try #require(CalendarDate(iso8601: text)) }
        #expect(record.learner == "alice")
        #expect(record.source == SourceLocation(file: "alice.yaml", line: 1, column: 1))
        #expect(record.badges == [
            EarnedBadge(badgeClassID: "sql-querying", issued: try date("2025-03-01"),
                        source: SourceLocation(file: "alice.yaml", line: 3, column: 5)),
            EarnedBadge(badgeClassID: "dataviz-python", issued: try date("2025-06-10"),
                        expires: try date("2027-06-10"), result: .label("exceeds"),
                        source: SourceLocation(file: "alice.yaml", line: 4, column: 5)),
            EarnedBadge(badgeClassID: "data-cleaning", issued: try date("2024-01-15"), revoked: true,
                        source: SourceLocation(file: "alice.yaml", line: 5, column: 5)),
            EarnedBadge(badgeClassID: "stats-101", issued: try date("2024-09-30"), result: .number(Rational(175, 2)),
                        evidence: ["https://example.org/evidence/1", "https://example.org/evidence/2"],
                        source: SourceLocation(file: "alice.yaml", line: 6, column: 5)),
        ])
    }

    @Test("reports an impossible date at its value, saying the day does not exist")
    func badDate() throws {
        let errors = formatErrors { _ = try LearnerRecord(definition: FixtureFile.text("bad-date.yaml"), file: "bob.yaml") }
        #expect(errors.map(\.description) == [
            "bob.yaml:4:38: 2025-02-30 does not exist: February 2025 has 28 days",
        ])
    }

    @Test("collects Open Badges credential entries with where the record names them")
    func credentialEntry() throws {
        let record = try LearnerRecord(definition: FixtureFile.text("credential.yaml"), file: "a.yaml")
        #expect(record.badges.map(\.badgeClassID) == ["sql-querying"])
        #expect(record.credentialFiles == [
            CredentialFileReference(path: "credentials/alice-memo.json",
                                    source: SourceLocation(file: "a.yaml", line: 4, column: 5)),
        ])
    }

    @Test("refuses a credential entry with other keys or a non-text path", arguments: [
        ("{ credential: a.json, issued: 2025-01-01 }", #"unknown key "issued""#),
        ("{ credential: [a.json] }", "expected"),
    ])
    func badCredentialEntry(entry: String, message: String) throws {
        let text = "learner: a\nbadges:\n  - \(entry)\n"
        let errors = formatErrors { _ = try LearnerRecord(definition: text, file: "a.yaml") }
        #expect(errors.count == 1)
        #expect(errors.first?.message.contains(message) == true, "\(errors)")
        #expect(errors.first?.location.line == 3)
    }

    @Test("refuses malformed entries", arguments: [
        ("{ badge: a }", #"missing required key "issued" in an earned badge"#),
        ("{ issued: 2025-01-01 }", #"missing required key "badge" in an earned badge"#),
        ("{ badge: a, issued: 01/02/2025 }", #"expected a date in the form YYYY-MM-DD, such as 2025-03-01, found "01/02/2025""#),
        ("{ badge: a, issued: 2025-01-01T10:00:00Z }", "expected a date in the form YYYY-MM-DD"),
        ("{ badge: a, issued: 2025-01-01, revoked: yes }", #"expected true or false, found "yes""#),
        ("{ badge: a, issued: 2025-01-01, expires: 2024-01-01 }", "must be after"),
        ("{ badge: a, issued: 2025-01-01, grade: A }", #"unknown key "grade" in an earned badge"#),
        ("{ badge: a, issued: 2025-01-01, result: { score: 3 } }", "expected a result label or a number, found a mapping"),
    ])
    func malformedEntries(entry: String, message: String) {
        let errors = formatErrors { _ = try LearnerRecord(definition: "learner: x\nbadges:\n  - \(entry)\n", file: "r.yaml") }
        #expect(errors.count == 1)
        #expect(errors.first?.location.line == 3)
        #expect(errors.first?.message.contains(message) == true, "\(errors)")
    }

    @Test("reads a JSON learner record, with null optional values")
    func jsonRecord() throws {
        let text = """
            {"learner": "carol", "badges": [
              {"badge": "sql-querying", "issued": "2025-03-01", "expires": null, "result": 3, "revoked": false}
            ]}
            """
        let record = try LearnerRecord(definition: text, file: "c.json")
        #expect(record.badges.first?.expires == nil)
        #expect(record.badges.first?.result == .number(Rational(3)))
        #expect(record.badges.first?.source == SourceLocation(file: "c.json", line: 2, column: 3))
    }
}
