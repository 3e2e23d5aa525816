import CairnTestSupport
import Foundation
import Testing

/// A learner's catalogue year and pending earnings kept by the store, through the real `cairn`
/// binary: a record imported with `catalogueYear: 2025` is audited from the store (one learner,
/// and as a cohort) in the version that year picks, not the one in effect on the as-of date, and
/// `learners show` writes the year and the pending earning back. Olga's record is hana's (see the
/// bundled Pathways/learners/hana.yaml) under an id the workspace does not bundle, so that the
/// audit can only have read her from the store.
@Suite("cairn audit from the store: catalogue years and pending earnings")
struct StoredVersionEndToEndTests {
    static let record = """
        learner: olga
        catalogueYear: 2025
        enrolled: 2025-09-01
        badges:
          - { badge: universal-design-for-learning, issued: 2023-11-29, result: secure }
          - { badge: feedback-practice, issued: 2024-03-03, result: exemplary }
          - { badge: blended-course-design, issued: 2025-01-01, result: secure }
          - { badge: accessible-assessment-design, issued: 2025-07-01, result: developing }
          - { badge: universal-design-for-learning, status: in-progress, expected: 2027-01-15 }
        """

    /// The store options of each store the tests can have: SQLite always, PostgreSQL when a server can be had.
    static func stores() throws -> [[String]] {
        guard PostgresTestServer.isAvailable else { return [["--store"]] }
        return [["--store"], ["--database", try PostgresTestServer.freshDatabase()]]
    }

    @Test("a record imported with catalogueYear 2025 is audited from the store in version 2025.1, pending earning and all")
    func auditFromStore() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let file = try folder.write("olga.yaml", Self.record)
        for var store in try Self.stores() {
            if store == ["--store"] { store.append(folder.url.appendingPathComponent("store.sqlite").path) }
            let imported = try CairnProcess.run(["learners", "import", file.path] + store)
            try #require(imported.status == 0, "\(store): \(imported.stderr)")
            let audit = try CairnProcess.run(["audit", "--pathway", "inclusive-assessment-design", "--learner", "olga",
                                              "--as-of", "2026-11-29"] + store)
            #expect(audit.status == 0, "\(store): \(audit.stderr)")
            let lines = audit.stdout.split(separator: "\n").map(String.init)
            #expect(lines.first == "Inclusive Assessment Design (inclusive-assessment-design) for olga, as of 2026-11-29 "
                    + "· version 2025.1 (catalogue year 2025)", "\(store)")
            #expect(lines.dropFirst().first
                    == "not complete · progress 75% · pending: complete with 1 in-progress badge, expected by 2027-01-15", "\(store)")
            let cohort = try CairnProcess.run(["audit", "--pathway", "inclusive-assessment-design", "--cohort",
                                               "--as-of", "2026-11-29", "--format", "csv", "--no-progress"] + store)
            #expect(cohort.status == 0, "\(store): \(cohort.stderr)")
            #expect(cohort.stdout.contains("olga,inclusive-assessment-design,no,75,0.75,yes,Develop inclusive learning material,"
                                           + "2025.1,yes,100"), "\(store): \(cohort.stdout)")
            let shown = try CairnProcess.run(["learners", "show", "olga"] + store)
            #expect(shown.status == 0, "\(store): \(shown.stderr)")
            #expect(shown.stdout.contains("\ncatalogueYear: 2025\nenrolled: 2025-09-01\n"), "\(store): \(shown.stdout)")
            #expect(shown.stdout.contains("status: in-progress, expected: 2027-01-15"), "\(store): \(shown.stdout)")
            // The JSON view says the same: the year, the enrolment day, and which earning is only pending.
            let json = try CairnProcess.run(["learners", "show", "olga", "--format", "json"] + store)
            #expect(json.status == 0, "\(store): \(json.stderr)")
            #expect(json.stdout.contains("\"catalogueYear\": 2025,\n  \"enrolled\": \"2025-09-01\""), "\(store): \(json.stdout)")
            #expect(json.stdout.contains("\"issued\": \"2027-01-15\",\n      \"expires\": null,\n      \"revoked\": false,\n      \"status\": \"in-progress\""),
                    "\(store): \(json.stdout)")
        }
    }
}
