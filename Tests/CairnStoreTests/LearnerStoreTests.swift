import CairnCore
import CairnTestSupport
import Foundation
import Testing

@testable import CairnStore

/// Learners and earnings in the store: imports that are idempotent, atomic and say what they
/// changed; full re-syncs; records read back exactly; cohorts read in chunks.
@Suite("Learners in the store")
struct LearnerStoreTests {
    static func date(_ text: String) -> CalendarDate { CalendarDate(iso8601: text) ?? CalendarDate(dayNumber: 0) }

    static func earning(_ badge: String, _ issued: String, line: Int, expires: String? = nil, revoked: Bool = false,
                        result: BadgeResult? = nil, evidence: [String] = [], unproven: String? = nil) -> EarnedBadge {
        EarnedBadge(badgeClassID: badge, issued: date(issued), expires: expires.map(date), revoked: revoked, result: result,
                    evidence: evidence, source: SourceLocation(file: "export.csv", line: line, column: 20), unproven: unproven)
    }

    /// A small SIS export: two learners, five earnings.
    static func export(file: String = "export.csv", sqlResult: BadgeResult = .label("meets"),
                       revokeMemo: Bool = false, dropViz: Bool = false) -> EarningBatch {
        var batch = EarningBatch(file: file, origin: .sis)
        batch.addLearner("ana", name: "Ana Lima", email: "ana@example.org", line: 2)
        batch.add(earning("sql", "2025-01-10", line: 2, result: sqlResult), learner: "ana")
        batch.add(earning("memo", "2025-03-01", line: 3, revoked: revokeMemo, evidence: ["https://e.example/ana"]), learner: "ana")
        batch.add(earning("stats", "2024-11-30", line: 4, expires: "2027-11-30", result: .number(Rational(88))), learner: "ana")
        batch.addLearner("ben", line: 5)
        batch.add(earning("sql", "2025-02-02", line: 5), learner: "ben")
        if !dropViz { batch.add(earning("viz", "2025-04-04", line: 6), learner: "ben") }
        return batch
    }

    /// An empty store of `backend`, and the handle that removes it.
    static func temporaryStore(_ backend: StoreBackend) throws -> (any Store, TestStore) {
        let made = try backend.makeStore()
        return (made.store, made)
    }

    @Test("an import adds learners and earnings; importing the same file again changes nothing", arguments: StoreBackend.all)
    func idempotent(_ backend: StoreBackend) throws {
        let (store, folder) = try Self.temporaryStore(backend)
        defer { folder.remove() }
        let first = try store.importEarnings([Self.export()])
        #expect(first.learnersAdded == 2 && first.added == 5 && first.unchanged == 0 && !first.changedNothing)
        let again = try store.importEarnings([Self.export()])
        #expect(again.changedNothing)
        #expect(again.unchanged == 5 && again.added == 0 && again.learnersAdded == 0)
        #expect(try store.learners().map(\.id) == ["ana", "ben"])
        #expect(try store.learner("ana")?.name == "Ana Lima")
        #expect(try store.learner("ana")?.earningCount == 3)
    }

    @Test("a record read back from the store is the record imported, result kinds, expiry, evidence and provenance included", arguments: StoreBackend.all)
    func roundTrip(_ backend: StoreBackend) throws {
        let (store, folder) = try Self.temporaryStore(backend)
        defer { folder.remove() }
        try store.importEarnings([Self.export()])
        let earnings = try store.earnings(of: "ana")
        #expect(earnings.map(\.earning.badgeClassID) == ["stats", "sql", "memo"])
        let stats = try #require(earnings.first)
        #expect(stats.earning.result == .number(Rational(88)))
        #expect(stats.earning.expires == Self.date("2027-11-30"))
        #expect(stats.earning.source?.file == "export.csv" && stats.earning.source?.line == 4)
        #expect(stats.origin == .sis && stats.verification == nil)
        #expect(earnings[1].earning.result == .label("meets"))
        #expect(earnings[2].earning.evidence == ["https://e.example/ana"])
        let record = try #require(try store.learnerRecord("ana"))
        #expect(Set(record.badges.map { "\($0.badgeClassID)@\($0.issued)" }) == ["stats@2024-11-30", "sql@2025-01-10", "memo@2025-03-01"])
        #expect(try store.learnerRecord("nobody") == nil)
    }

    @Test("a changed result, a revocation and (with a re-sync) a dropped row are each reported", arguments: StoreBackend.all)
    func changesAndReSync(_ backend: StoreBackend) throws {
        let (store, folder) = try Self.temporaryStore(backend)
        defer { folder.remove() }
        try store.importEarnings([Self.export()])
        let december = Self.export(file: "export-12.csv", sqlResult: .label("exceeds"), revokeMemo: true, dropViz: true)
        let plain = try store.importEarnings([december])
        #expect(plain.changed.map(\.after.earning.badgeClassID) == ["sql"])
        #expect(plain.changed.first?.before.earning.result == .label("meets"))
        #expect(plain.revoked.map(\.earning.badgeClassID) == ["memo"])
        #expect(plain.removed.isEmpty, "without a re-sync nothing is removed")
        #expect(try store.earnings(of: "ben").count == 2)
        let resync = try store.importEarnings([december], replacing: [.sis])
        #expect(resync.removed.map { "\($0.learner) \($0.earning.badgeClassID)" } == ["ben viz"])
        #expect(resync.unchanged == 4)
        #expect(try store.earnings(of: "ben").map(\.earning.badgeClassID) == ["sql"])
    }

    @Test("a re-sync removes only earnings of the origins it replaces", arguments: StoreBackend.all)
    func reSyncKeepsOtherOrigins(_ backend: StoreBackend) throws {
        let (store, folder) = try Self.temporaryStore(backend)
        defer { folder.remove() }
        try store.importEarnings([Self.export()])
        var credential = EarningBatch(file: "ana-badge.json", origin: .credential)
        credential.add(Self.earning("capstone", "2026-01-05", line: 1), learner: "ana", credentialSHA256: String(repeating: "a", count: 64))
        try store.importEarnings([credential])
        var only = EarningBatch(file: "export.csv", origin: .sis)
        only.add(Self.earning("sql", "2025-01-10", line: 2, result: .label("meets")), learner: "ana")
        let report = try store.importEarnings([only], replacing: [.sis])
        #expect(Set(report.removed.map { "\($0.learner) \($0.earning.badgeClassID)" }) == ["ana memo", "ana stats", "ben sql", "ben viz"])
        let ana = try store.earnings(of: "ana")
        #expect(Set(ana.map(\.earning.badgeClassID)) == ["sql", "capstone"])
        let capstone = try #require(ana.first { $0.earning.badgeClassID == "capstone" })
        #expect(capstone.origin == .credential && capstone.verification == "proven")
        #expect(capstone.credentialSHA256 == String(repeating: "a", count: 64))
    }

    @Test("repeats inside a batch: an exact repeat is kept once, a repeat that differs is a conflict naming both rows", arguments: StoreBackend.all)
    func repeats(_ backend: StoreBackend) throws {
        var batch = Self.export()
        batch.add(Self.earning("sql", "2025-01-10", line: 9, result: .label("meets")), learner: "ana")
        #expect(batch.conflicts().isEmpty)
        batch.add(Self.earning("sql", "2025-01-10", line: 10, result: .label("exceeds")), learner: "ana")
        let conflicts = batch.conflicts()
        #expect(conflicts.count == 1)
        #expect(conflicts.first?.repeated.earning.source?.line == 10)
        #expect(conflicts.first?.first.earning.source?.line == 2)
        let (store, folder) = try Self.temporaryStore(backend)
        defer { folder.remove() }
        var exact = Self.export()
        exact.add(Self.earning("sql", "2025-01-10", line: 9, result: .label("meets")), learner: "ana")
        #expect(try store.importEarnings([exact]).added == 5)
    }

    @Test("an import that fails part-way leaves the store exactly as it was", arguments: StoreBackend.all)
    func atomic(_ backend: StoreBackend) throws {
        let (store, folder) = try Self.temporaryStore(backend)
        defer { folder.remove() }
        try store.importEarnings([Self.export()])
        switch backend {
        case .sqlite:
            try folder.execute("""
                CREATE TRIGGER refuse_boom BEFORE INSERT ON earning WHEN NEW.badge = (SELECT key FROM earning_badge WHERE id = 'boom')
                BEGIN SELECT RAISE(ABORT, 'refused for the test'); END
                """)
        case .postgres:
            try folder.execute("""
                CREATE FUNCTION refuse_boom() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.badge = (SELECT key FROM earning_badge WHERE id = 'boom') THEN RAISE EXCEPTION 'refused for the test'; END IF;
                    RETURN NEW;
                END $$;
                CREATE TRIGGER refuse_boom BEFORE INSERT ON earning FOR EACH ROW EXECUTE FUNCTION refuse_boom();
                """)
        }
        var batch = EarningBatch(file: "later.csv", origin: .sis)
        batch.add(Self.earning("new", "2026-01-01", line: 2), learner: "cara")
        batch.add(Self.earning("sql", "2025-01-10", line: 3, result: .label("exceeds")), learner: "ana")
        batch.add(Self.earning("boom", "2026-01-02", line: 4), learner: "zed")
        #expect(throws: StoreError.self) { try store.importEarnings([batch]) }
        #expect(try store.learners().map(\.id) == ["ana", "ben"])
        #expect(try store.earnings(of: "ana").first { $0.earning.badgeClassID == "sql" }?.earning.result == .label("meets"))
    }

    @Test("a cohort is read in chunks, in import order, learners without earnings included, from one snapshot", arguments: StoreBackend.all, [1, 2, 3, 1024])
    func cohortChunks(_ backend: StoreBackend, chunkSize: Int) throws {
        let (store, folder) = try Self.temporaryStore(backend)
        defer { folder.remove() }
        try store.importEarnings([Self.export()])
        var more = EarningBatch(file: "more.csv", origin: .sis)
        more.addLearner("cara")
        more.add(Self.earning("sql", "2025-05-05", line: 2), learner: "dev")
        try store.importEarnings([more])
        var reader = try store.cohortReader(chunkSize: chunkSize)
        // An import after the reader opened is not seen by it.
        var late = EarningBatch(file: "late.csv", origin: .sis)
        late.add(Self.earning("sql", "2025-06-06", line: 2), learner: "eve")
        try store.importEarnings([late])
        var chunks: [[LearnerRecord]] = []
        while let chunk = try reader.next() { chunks.append(chunk) }
        #expect(chunks.allSatisfy { $0.count <= chunkSize && !$0.isEmpty })
        let records = chunks.flatMap { $0 }
        #expect(records.map(\.learner) == ["ana", "ben", "cara", "dev"])
        #expect(records.map(\.badges.count) == [3, 2, 0, 1])
        let only = try store.cohortReader(chunkSize: chunkSize, only: ["ben", "eve", "nobody"])
        var onlyReader = only
        var selected: [String] = []
        while let chunk = try onlyReader.next() { selected += chunk.map(\.learner) }
        #expect(selected == ["ben", "eve"])
    }

    @Test("removing a learner removes their earnings and keeps their exceptions", arguments: StoreBackend.all)
    func remove(_ backend: StoreBackend) throws {
        let (store, folder) = try Self.temporaryStore(backend)
        defer { folder.remove() }
        try store.importEarnings([Self.export()])
        try store.addExceptions([RegistrarException(id: 0, learner: "ben", action: .block(badge: "viz"), recordedBy: "r",
                                                    recordedOn: Self.date("2026-01-01"), reason: "test")])
        let removed = try store.removeLearners(["ben", "nobody"])
        #expect(removed.map(\.learner) == ["ben"] && removed.first?.earnings == 2)
        #expect(try store.learners().map(\.id) == ["ana"])
        #expect(try store.exceptions(learner: "ben").count == 1)
    }

    @Test("every kind of exception is stored and read back as recorded; a removed one stays on record and stops applying", arguments: StoreBackend.all)
    func exceptions(_ backend: StoreBackend) throws {
        let (store, folder) = try Self.temporaryStore(backend)
        defer { folder.remove() }
        let day = Self.date("2026-11-02")
        let given: [RegistrarException] = [
            RegistrarException(id: 0, learner: "ana", pathway: "cert", action: .waive(requirement: "sql"),
                               recordedBy: "j.ortiz", recordedOn: day, reason: "recognition panel"),
            RegistrarException(id: 0, learner: "ana", pathway: "cert", action: .substitute(badge: "viz", requirement: "2.1"),
                               recordedBy: "j.ortiz", recordedOn: day, reason: "equivalent content"),
            RegistrarException(id: 0, learner: "ben", action: .outsideEarning(OutsideEarning(
                title: "Statistics II", institution: "Lakeside CC", issued: Self.date("2025-06-30"),
                credits: Credits(Rational(4), CreditUnit("ECTS")), countsAs: nil, tags: ["elective", "statistics"])),
                recordedBy: "m.ng", recordedOn: day, reason: "transfer"),
            RegistrarException(id: 0, learner: "ben", action: .block(badge: "memo"), recordedBy: "m.ng", recordedOn: day,
                               reason: "misconduct"),
        ]
        let recorded = try store.addExceptions(given, sources: [SourceLocation(file: "exceptions.csv", line: 2)])
        #expect(recorded.map(\.id) == [1, 2, 3, 4])
        let read = try store.exceptions()
        #expect(read.map(\.exception) == recorded)
        #expect(read.first?.source == SourceLocation(file: "exceptions.csv", line: 2))
        #expect(try store.exceptions(learner: "ben").map(\.exception.id) == [3, 4])
        let removed = try store.removeException(id: 2, removal: StoredException.Removal(by: "j.ortiz", on: day, reason: "entered in error"))
        #expect(removed?.removal?.reason == "entered in error")
        #expect(try store.removeException(id: 2, removal: StoredException.Removal(by: "x", on: day, reason: "again")) == nil)
        #expect(try store.exceptions().map(\.exception.id) == [1, 3, 4])
        #expect(try store.exceptions(learner: nil, includingRemoved: true).count == 4)
        #expect(try store.activeExceptionsByLearner()["ana"]?.map(\.id) == [1])
    }
}
