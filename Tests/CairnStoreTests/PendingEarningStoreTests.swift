import CairnCore
import CairnTestSupport
import Foundation
import Testing

@testable import CairnStore

/// Pending earnings in the store: SQLite keeps their status, so they read back (one learner or a
/// cohort) as pending and never count; a PostgreSQL store, which has no column for it yet, leaves them out.
@Suite("Pending earnings in the store")
struct PendingEarningStoreTests {
    static func batch() -> EarningBatch {
        var batch = EarningBatch(file: "export.csv", origin: .sis)
        batch.addLearner("hana", line: 2)
        batch.add(LearnerStoreTests.earning("udl", "2023-11-29", line: 2), learner: "hana")
        var pending = LearnerStoreTests.earning("udl", "2027-01-15", line: 3)
        pending.status = .inProgress
        batch.add(pending, learner: "hana")
        var registered = LearnerStoreTests.earning("feedback", "2027-03-01", line: 4)
        registered.status = .registered
        batch.add(registered, learner: "hana")
        return batch
    }

    @Test("SQLite: a pending earning's status survives the store, for one learner and for a cohort")
    func sqliteRoundTrip() throws {
        let made = try StoreBackend.sqlite.makeStore()
        defer { made.remove() }
        let report = try made.store.importEarnings([Self.batch()])
        #expect(report.added == 3)
        let record = try #require(try made.store.learnerRecord("hana"))
        #expect(record.badges.map(\.status) == [.awarded, .inProgress, .registered])
        var reader = try made.store.cohortReader(chunkSize: 10)
        let cohort = try #require(try reader.next())
        #expect(cohort.first?.badges.map(\.status) == [.awarded, .inProgress, .registered])
        // The same file again changes nothing; awarding the retake is a change.
        #expect(try made.store.importEarnings([Self.batch()]).changedNothing)
        var awarded = EarningBatch(file: "export.csv", origin: .sis)
        awarded.addLearner("hana", line: 2)
        awarded.add(LearnerStoreTests.earning("udl", "2027-01-15", line: 3), learner: "hana")
        #expect(try made.store.importEarnings([awarded]).changed.count == 1)
        #expect(try made.store.learnerRecord("hana")?.badges.map(\.status) == [.awarded, .awarded, .registered])
    }

    @Test("a status word the store does not know reads as pending, never as awarded")
    func unknownStatusIsPending() {
        #expect(EarningStatus(stored: nil) == .awarded)
        #expect(EarningStatus(stored: "registered") == .registered)
        #expect(EarningStatus(stored: "maybe") == .inProgress)
    }

    @Test("PostgreSQL: pending earnings are left out (it has no column for their status), never stored as awarded",
          .enabled(if: PostgresTestServer.isAvailable, "no PostgreSQL server for the tests"))
    func postgresLeavesPendingOut() throws {
        let made = try StoreBackend.postgres.makeStore()
        defer { made.remove() }
        #expect(try made.store.importEarnings([Self.batch()]).added == 1)
        let record = try #require(try made.store.learnerRecord("hana"))
        #expect(record.badges.map(\.badgeClassID) == ["udl"])
        #expect(record.badges.map(\.status) == [.awarded])
    }
}
