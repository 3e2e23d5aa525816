import CairnCore
import CairnDefinitions
import CairnSyntax
import CairnTestSupport
import Foundation
import Testing

/// A student information system's CSV export: headers matched by name, every malformed row
/// refused with its line and column, nothing handed on from a file with a bad row.
@Suite("SIS exports")
struct SISExportReaderTests {
    static let known: Set<String> = ["sql-querying", "dataviz-python", "research-ethics"]

    static func read(_ text: String, mapping: SISColumnMapping = SISColumnMapping(),
                     known: Set<String>? = SISExportReaderTests.known) throws -> [SISExportRow] {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let file = try folder.write("export.csv", text)
        var rows: [SISExportRow] = []
        try SISExportReader.read(path: file.path, display: "export.csv", mapping: mapping, knownBadges: known) { rows.append($0) }
        return rows
    }

    @Test("reads every field; headers match ignoring case, spaces, underscores and hyphens; unknown columns are ignored")
    func goodExport() throws {
        let rows = try Self.read("""
            Student_ID,Student Name,E-mail,Badge,Issued On,EXPIRES,Revoked,Grade,Evidence URL,Term
            s-001,Ana Lima,ana@example.org,sql-querying,2025-01-10,2027-01-10,no,88,https://e.example/1 https://e.example/2,2025 spring
            s-001,Ana Lima,ana@example.org,dataviz-python,2025-03-01,,yes,exceeds,,2025 spring
            "s-002","Ben, Jr.",,research-ethics,2024-12-31,,,,,2024 autumn
            """)
        #expect(rows.count == 3)
        #expect(rows[0].learner == "s-001" && rows[0].name == "Ana Lima" && rows[0].email == "ana@example.org")
        #expect(rows[0].earning.badgeClassID == "sql-querying")
        #expect(rows[0].earning.issued == CalendarDate(iso8601: "2025-01-10"))
        #expect(rows[0].earning.expires == CalendarDate(iso8601: "2027-01-10"))
        #expect(rows[0].earning.result == .number(Rational(88)))
        #expect(rows[0].earning.evidence == ["https://e.example/1", "https://e.example/2"])
        #expect(rows[0].earning.source == SourceLocation(file: "export.csv", line: 2, column: 32))
        #expect(rows[1].earning.revoked && rows[1].earning.result == .label("exceeds"))
        #expect(rows[2].name == "Ben, Jr." && rows[2].email == nil && rows[2].earning.result == nil)
    }

    @Test("--map names the columns of an export whose headers are named otherwise")
    func mapping() throws {
        let mapping = try SISColumnMapping(pairs: ["learner=Matrikelnummer", "badge = Kurs", "issued=\"Datum\""])
        let rows = try Self.read("Matrikelnummer,Kurs,Datum\n77,sql-querying,2025-01-10\n", mapping: mapping)
        #expect(rows.map(\.learner) == ["77"])
        let file = try SISColumnMapping(fileText: "# our SIS\nlearner: Matrikelnummer\nbadge: Kurs\n\nissued: Datum\n", file: "map.txt")
        #expect(file == mapping)
    }

    @Test("a mapping that names an unknown field, or is not FIELD=HEADER, is refused with the place")
    func badMapping() {
        let unknown = formatErrors { _ = try SISColumnMapping(pairs: ["lerner=Student"]) }
        #expect(unknown.first?.message.contains("did you mean \"learner\"?") == true)
        let malformed = formatErrors { _ = try SISColumnMapping(fileText: "learner Student\n", file: "map.txt") }
        #expect(malformed.first?.location == SourceLocation(file: "map.txt", line: 1, column: 1))
    }

    @Test("a required column that is missing is named, with the header as it is and the closest column")
    func missingColumn() {
        let problems = formatErrors { _ = try Self.read("Student ID,Badges,Date\ns1,sql-querying,2025-01-10\n") }
        let messages = problems.map(\.message)
        #expect(problems.allSatisfy { $0.location.line == 1 })
        #expect(messages.contains { $0.contains("no column for badge") && $0.contains("did you mean \"Badges\"?") })
        #expect(messages.contains { $0.contains("no column for issued") && $0.contains("--map issued=HEADER") })
    }

    @Test("each malformed row is refused with its line, its column and what was expected", arguments: [
        ("s1,sql-querying,2025-13-01", 2, 17, "there is no month 13"),
        ("s1,sql-querying,2025/01/10", 2, 17, "expected a date written YYYY-MM-DD such as 2026-11-29, found \"2025/01/10\""),
        ("s1,sql-querying,2025-02-30", 2, 17, "February 2025 has 28 days"),
        (",sql-querying,2025-01-10", 2, 1, "expected the learner's id"),
        ("s1,sql-qurying,2025-01-10", 2, 4, "did you mean \"sql-querying\"?"),
        ("s1,,2025-01-10", 2, 4, "expected a badge class id"),
        ("\"s\n1\",sql-querying,2025-01-10", 2, 1, "expected a learner id on one line"),
        ("s1,sql-querying,", 2, 17, "expected the issue date"),
        ("s1,sql-querying,2025-01-10,2024-01-10", 2, 28, "not after it was issued"),
        ("s1,sql-querying,2025-01-10,,perhaps", 2, 29, "expected true or false"),
        ("s1,sql-querying,2025-01-10,,,extra,more", 2, 36, "the row has 7 fields, the header 6"),
    ])
    func malformedRow(row: String, line: Int, column: Int, expected: String) {
        let problems = formatErrors { _ = try Self.read("learner,badge,issued,expires,revoked,result\n\(row)\n") }
        #expect(problems.count == 1)
        #expect(problems.first?.location == SourceLocation(file: "export.csv", line: line, column: column))
        #expect(problems.first?.message.contains(expected) == true, "\(problems.first?.message ?? "nothing")")
    }

    @Test("a file with one bad row hands on no row at all, and reports every bad row")
    func nothingFromABadFile() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let file = try folder.write("export.csv", "learner,badge,issued\ns1,sql-querying,2025-01-10\ns2,nope,2025-01-10\ns3,sql-querying,soon\n")
        var handed = 0
        let problems = formatErrors {
            try SISExportReader.read(path: file.path, display: "export.csv", knownBadges: Self.known) { _ in handed += 1 }
        }
        #expect(problems.map(\.location.line) == [3, 4])
        #expect(handed <= 1, "rows after the first bad one are not handed on")
    }

    @Test("a CSV is an export when its header names learner, badge and issued; a framework CSV is not")
    func recognisesExports() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let export = try folder.write("sis.csv", "Student ID,Badge,Issued On\ns1,sql-querying,2025-01-10\n")
        let esco = try folder.write("skills_en.csv", "conceptType,conceptUri,skillType\nKnowledgeSkillCompetence,http://x,knowledge\n")
        #expect(SISExportReader.isExport(path: export.path))
        #expect(!SISExportReader.isExport(path: esco.path))
    }

    @Test("a learner record written by LearnerRecordYAML reads back as the same record; an unproven earning is only a comment")
    func recordYAMLRoundTrip() throws {
        let date = { (text: String) in CalendarDate(iso8601: text) ?? CalendarDate(dayNumber: 0) }
        let record = LearnerRecord(learner: "ana \"the\" analyst", badges: [
            EarnedBadge(badgeClassID: "sql-querying", issued: date("2025-01-10"), expires: date("2027-01-10"), result: .number(Rational(175, 2))),
            EarnedBadge(badgeClassID: "dataviz-python", issued: date("2025-03-01"), revoked: true, result: .label("88"),
                        evidence: ["https://e.example/a?b=1"]),
            EarnedBadge(badgeClassID: "research-ethics", issued: date("2025-04-01"), unproven: "no proof"),
        ])
        let text = LearnerRecordYAML.text(record, comment: "from a test")
        let read = try LearnerRecord(definition: text, file: "ana.yaml")
        #expect(read.learner == record.learner)
        let strip = { (badges: [EarnedBadge]) in badges.map { badge -> EarnedBadge in var copy = badge; copy.source = nil; return copy } }
        #expect(strip(read.badges) == strip(Array(record.badges.prefix(2))))
        #expect(text.contains("# - { badge: \"research-ethics\""))
    }
}
