import CairnCore
import CairnDefinitions
import CairnSyntax
import CairnTestSupport
import Foundation
import Testing

/// Reading and writing what issue 22 adds to the files: a learner's catalogue year and enrolment
/// date, pending earnings, a pathway version's effective period, and the SIS export's status column.
@Suite("Versions and pending earnings in the files")
struct PendingAndVersionDefinitionTests {
    @Test("a learner record gives its catalogue year, enrolment date and pending earnings")
    func readsRecord() throws {
        let text = """
            learner: hana
            catalogueYear: 2025
            enrolled: 2025-09-01
            badges:
              - { badge: a, issued: 2025-01-01 }
              - { badge: b, status: in-progress, expected: 2027-01-15 }
              - { badge: c, status: registered, expected: 2027-06-01 }
              - { badge: d, status: awarded, issued: 2024-05-05 }
            """
        let record = try LearnerRecord(definition: text, file: "hana.yaml")
        #expect(record.catalogueYear == 2025)
        #expect(record.enrolled == Fixture.date("2025-09-01"))
        #expect(record.badges.map(\.status) == [.awarded, .inProgress, .registered, .awarded])
        #expect(record.badges[1].issued == Fixture.date("2027-01-15"))
        #expect(record.badges[1].source == SourceLocation(file: "hana.yaml", line: 6, column: 5))
    }

    @Test("LearnerRecordYAML writes the new fields and reads back the same record")
    func roundTrip() throws {
        var record = LearnerRecord(learner: "hana", badges: [
            EarnedBadge(badgeClassID: "a", issued: Fixture.date("2025-01-01")),
            EarnedBadge(badgeClassID: "b", issued: Fixture.date("2027-01-15"), status: .inProgress),
        ])
        record.catalogueYear = 2025
        record.enrolled = Fixture.date("2025-09-01")
        let text = LearnerRecordYAML.text(record)
        #expect(text.contains("catalogueYear: 2025\nenrolled: 2025-09-01\n"))
        #expect(text.contains(#"- { badge: "b", status: in-progress, expected: 2027-01-15 }"#))
        let back = try LearnerRecord(definition: text, file: "r.yaml")
        #expect(back.catalogueYear == 2025 && back.enrolled == record.enrolled)
        #expect(back.badges.map(\.status) == [.awarded, .inProgress])
        #expect(back.badges.map(\.issued) == record.badges.map(\.issued))
    }

    @Test("malformed years, statuses and dates are refused at their place", arguments: [
        ("catalogueYear: 25\n", 1, 16, "expected a catalogue year such as 2025"),
        ("catalogueYear: next\n", 1, 16, "expected a catalogue year such as 2025"),
        ("enrolled: 2025-02-30\n", 1, 11, "2025-02-30 does not exist"),
        ("badges:\n  - { badge: a, status: pending, expected: 2027-01-01 }\n", 2, 25, "expected awarded, in-progress or registered"),
        ("badges:\n  - { badge: a, status: in-progress }\n", 2, 5, #"missing required key "expected" in a pending earning"#),
        ("badges:\n  - { badge: a, status: in-progress, issued: 2025-01-01 }\n", 2, 46, #"gives "expected", not "issued""#),
        ("badges:\n  - { badge: a, issued: 2025-01-01, expected: 2027-01-01 }\n", 2, 47, #""expected" is for a pending earning"#),
    ])
    func malformed(lines: String, line: Int, column: Int, message: String) {
        let errors = formatErrors { _ = try LearnerRecord(definition: "learner: x\n" + lines, file: "r.yaml") }
        #expect(errors.count == 1, "\(errors)")
        #expect(errors.first?.location == SourceLocation(file: "r.yaml", line: line + 1, column: column), "\(errors)")
        #expect(errors.first?.message.contains(message) == true, "\(errors)")
    }

    static let pathwayText = """
        id: p
        title: P
        version: "2025"
        effective: { from: 2025-09-01, until: 2026-09-01 }
        requires: { badge: a }
        """

    @Test("a pathway gives its effective period; PathwayYAML writes it back")
    func readsEffective() throws {
        let pathway = try Pathway(definition: Self.pathwayText, file: "p.yaml")
        #expect(pathway.effective == EffectivePeriod(from: Fixture.date("2025-09-01"), until: Fixture.date("2026-09-01")))
        let back = try Pathway(definition: PathwayYAML.text(pathway), file: "back.yaml")
        #expect(back.effective == pathway.effective)
    }

    @Test("a malformed effective period is refused at its place", arguments: [
        ("effective: { from: 2026-09-01, until: 2025-09-01 }", 4, 39, #""until" (2025-09-01) must be after "from""#),
        ("effective: {}", 4, 12, #"needs "from", "until" or both"#),
        ("effective: { from: 2025-09-01, to: 2026-01-01 }", 4, 32, #"unknown key "to" in the effective period"#),
        ("effective: { from: soon }", 4, 20, "expected a date in the form YYYY-MM-DD"),
    ])
    func malformedEffective(line: String, row: Int, column: Int, message: String) {
        let text = Self.pathwayText.replacingOccurrences(of: "effective: { from: 2025-09-01, until: 2026-09-01 }", with: line)
        let errors = formatErrors { _ = try Pathway(definition: text, file: "p.yaml") }
        #expect(errors.count == 1, "\(errors)")
        #expect(errors.first?.location == SourceLocation(file: "p.yaml", line: row, column: column), "\(errors)")
        #expect(errors.first?.message.contains(message) == true, "\(errors)")
    }

    @Test("a SIS export's status column: any case, pending rows take the expected date")
    func sisStatus() throws {
        let rows = try SISExportReaderTests.read("""
            learner,badge,issued,status,expected
            s-1,sql-querying,2025-01-10,,
            s-1,dataviz-python,,In Progress,2027-01-15
            s-1,research-ethics,2027-03-01,REGISTERED,
            s-2,sql-querying,2025-02-01,awarded,
            """)
        #expect(rows.map(\.earning.status) == [.awarded, .inProgress, .registered, .awarded])
        #expect(rows.map(\.earning.issued) == ["2025-01-10", "2027-01-15", "2027-03-01", "2025-02-01"].map(Fixture.date))
    }

    @Test("a bad status or expected cell is refused with its line, column and the closest value", arguments: [
        ("s-1,sql-querying,2025-01-10,awarde,", 2, 29, #"column 4 ("status"): expected awarded, in-progress, registered (any case), found "awarde"; did you mean "awarded"?"#),
        ("s-1,sql-querying,2025-01-10,,2027-01-01", 2, 30, #"column 5 ("expected"): an awarded earning has no expected date"#),
        ("s-1,sql-querying,,in-progress,", 2, 18, #"column 3 ("issued"): expected the date the badge is expected"#),
        ("s-1,sql-querying,,in-progress,2027-13-01", 2, 31, #"column 5 ("expected"): "#),
    ])
    func sisBadStatus(row: String, line: Int, column: Int, message: String) {
        let errors = formatErrors { _ = try SISExportReaderTests.read("learner,badge,issued,status,expected\n" + row) }
        #expect(errors.count == 1, "\(errors)")
        #expect(errors.first?.location == SourceLocation(file: "export.csv", line: line, column: column), "\(errors)")
        #expect(errors.first?.message.contains(message) == true, "\(errors)")
    }

    @Test("--map names the status and expected columns like the other fields")
    func sisMap() throws {
        let mapping = try SISColumnMapping(pairs: ["status=Enrolment State", "expected=Completion Due"])
        let rows = try SISExportReaderTests.read("""
            learner,badge,issued,Enrolment State,Completion Due
            s-1,sql-querying,,registered,2027-02-01
            """, mapping: mapping)
        #expect(rows.first?.earning.status == .registered)
        #expect(rows.first?.earning.issued == Fixture.date("2027-02-01"))
    }
}
