import CairnCore
import CairnReports
import CairnSyntax
import Testing

/// A cohort's JSON lines are written directly for speed: they must be, byte for byte, the object
/// Cairn's JSON writer makes of the same row.
@Suite("Cohort audit lines")
struct CohortAuditLineTests {
    static let rows: [CohortAuditRow] = [
        CohortAuditRow(learner: "amara", pathway: "data-analysis-foundations", isComplete: true, progress: Rational(1),
                       isExact: true, missing: []),
        CohortAuditRow(learner: "bruno", pathway: "p", isComplete: false, progress: Rational(5, 12), isExact: true,
                       missing: ["SQL Querying", "Two electives, \"any\""], notes: ["a note\twith a tab"]),
        CohortAuditRow(learner: "zoë \\ \u{01}", pathway: "ünïcode", isComplete: false, progress: Rational(0), isExact: false,
                       missing: ["line\nbreak"], notes: ["one", "two"]),
        CohortAuditRow(learner: "x", pathway: "y", isComplete: false, progress: Rational(2, 3), isExact: false, missing: [],
                       notes: []),
    ]

    @Test("each line is the JSON writer's serialization of the row", arguments: rows)
    func sameAsTheWriter(row: CohortAuditRow) {
        let reference = JSONValue.object([
            ("learner", .string(row.learner)), ("pathway", .string(row.pathway)), ("complete", .bool(row.isComplete)),
            ("progress", .number(row.progress)), ("progressExact", .string(row.progress.description)),
            ("exact", .bool(row.isExact)), ("missing", .array(row.missing.map(JSONValue.string))),
            ("notes", .array(row.notes.map(JSONValue.string))),
        ]).serialized(pretty: false) + "\n"
        #expect(CohortAuditFormat.jsonLine(row) == reference)
    }
}
