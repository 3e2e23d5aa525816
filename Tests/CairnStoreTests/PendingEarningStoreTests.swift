import CairnCore
import CairnTestSupport
import Foundation
import Testing

@testable import CairnStore

/// What picks a learner's version and what says an earning is pending, through both stores: a
/// pending earning keeps its status, and a learner its catalogue year and enrolment date, whether
/// read as one learner, as a cohort a chunk at a time, or as a worker's range of keys.
@Suite("Pending earnings and catalogue years in the store")
struct PendingEarningStoreTests {
    static let enrolled = LearnerStoreTests.date("2025-09-01")

    static func batch() -> EarningBatch {
        var batch = EarningBatch(file: "hana.yaml", origin: .record)
        batch.addLearner("hana", line: 1, catalogueYear: 2025, enrolled: enrolled)
        batch.add(LearnerStoreTests.earning("udl", "2023-11-29", line: 2), learner: "hana")
        var pending = LearnerStoreTests.earning("udl", "2027-01-15", line: 3)
        pending.status = .inProgress
        batch.add(pending, learner: "hana")
        var registered = LearnerStoreTests.earning("feedback", "2027-03-01", line: 4)
        registered.status = .registered
        batch.add(registered, learner: "hana")
        // A learner whose record gives neither.
        batch.addLearner("ines", line: 1)
        batch.add(LearnerStoreTests.earning("udl", "2024-02-01", line: 5), learner: "ines")
        return batch
    }

    /// Every way a store hands out records, for `id`.
    static func records(of id: String, in store: any Store) throws -> [LearnerRecord] {
        var found = [try #require(try store.learnerRecord(id))]
        var reader = try store.cohortReader(chunkSize: 10, only: nil, badgeClasses: nil)
        while let chunk = try reader.next() { found += chunk.filter { $0.learner == id } }
        for range in try store.learnerKeyRanges(size: 10) {
            found += try store.learnerRecords(in: range, badgeClasses: nil).filter { $0.learner == id }
        }
        #expect(found.count == 3)
        return found
    }

    @Test("a pending earning's status survives the store, and re-importing it changes nothing",
          arguments: StoreBackend.all)
    func pendingRoundTrip(_ backend: StoreBackend) throws {
        let made = try backend.makeStore()
        defer { made.remove() }
        #expect(try made.store.importEarnings([Self.batch()]).added == 4)
        for record in try Self.records(of: "hana", in: made.store) {
            #expect(record.badges.map(\.status) == [.awarded, .inProgress, .registered])
        }
        #expect(try made.store.earnings(of: "hana").map(\.earning.status) == [.awarded, .inProgress, .registered])
        // The same file again changes nothing (PostgreSQL compares it through its staging table).
        #expect(try made.store.importEarnings([Self.batch()]).changedNothing)
        // Awarding the retake is a change, reported with its status before and after.
        var awarded = EarningBatch(file: "hana.yaml", origin: .record)
        awarded.add(LearnerStoreTests.earning("udl", "2027-01-15", line: 3), learner: "hana")
        let report = try made.store.importEarnings([awarded])
        #expect(report.changed.map(\.before.earning.status) == [.inProgress])
        #expect(report.changed.map(\.after.earning.status) == [.awarded])
        #expect(try made.store.learnerRecord("hana")?.badges.map(\.status) == [.awarded, .awarded, .registered])
    }

    @Test("a learner's catalogue year and enrolment date survive the store; a later file's values replace them",
          arguments: StoreBackend.all)
    func catalogueYearRoundTrip(_ backend: StoreBackend) throws {
        let made = try backend.makeStore()
        defer { made.remove() }
        try made.store.importEarnings([Self.batch()])
        let stored = try #require(try made.store.learner("hana"))
        #expect(stored.catalogueYear == 2025)
        #expect(stored.enrolled == Self.enrolled)
        #expect(try made.store.learners().map(\.catalogueYear) == [2025, nil])
        for record in try Self.records(of: "hana", in: made.store) {
            #expect(record.catalogueYear == 2025)
            #expect(record.enrolled == Self.enrolled)
        }
        for record in try Self.records(of: "ines", in: made.store) {
            #expect(record.catalogueYear == nil)
            #expect(record.enrolled == nil)
        }
        // A file that gives only a new catalogue year changes it and keeps the enrolment date;
        // one that gives neither (a SIS export) leaves both.
        var later = EarningBatch(file: "hana.yaml", origin: .record)
        later.addLearner("hana", catalogueYear: 2026)
        #expect(try made.store.importEarnings([later]).learnersUpdated == 1)
        var export = EarningBatch(file: "export.csv", origin: .sis)
        export.addLearner("hana", name: nil)
        #expect(try made.store.importEarnings([export]).changedNothing)
        let updated = try #require(try made.store.learnerRecord("hana"))
        #expect(updated.catalogueYear == 2026)
        #expect(updated.enrolled == Self.enrolled)
    }

    @Test("a status word the store does not know reads as pending, never as awarded")
    func unknownStatusIsPending() {
        #expect(EarningStatus(stored: nil) == .awarded)
        #expect(EarningStatus(stored: "registered") == .registered)
        #expect(EarningStatus(stored: "maybe") == .inProgress)
    }

    @Test("a PostgreSQL store made before the pending status and catalogue years (schema 2) is brought to 3 keeping every earning")
    func postgresUpgradeFromVersion2() throws {
        let made = try StoreBackend.postgres.makeStore()
        defer { made.remove() }
        var held = EarningBatch(file: "ines.yaml", origin: .record)
        held.addLearner("ines", line: 1)
        held.add(LearnerStoreTests.earning("udl", "2024-02-01", line: 2), learner: "ines")
        #expect(try made.store.importEarnings([held]).added == 1)
        // Back to how schema 2 left it: no status, no catalogue year or enrolment, version 3 not applied.
        try made.execute("ALTER TABLE earning DROP COLUMN status")
        try made.execute("ALTER TABLE learner DROP COLUMN catalogue_year")
        try made.execute("ALTER TABLE learner DROP COLUMN enrolled")
        try made.execute("DELETE FROM cairn_schema WHERE version = 3")
        let upgraded = try made.reopen()
        let record = try #require(try upgraded.learnerRecord("ines"))
        #expect(record.badges.map(\.status) == [.awarded])
        #expect(record.catalogueYear == nil && record.enrolled == nil)
        // The upgraded store takes what schema 3 added.
        #expect(try upgraded.importEarnings([Self.batch()]).added == 3)
        #expect(try upgraded.learnerRecord("hana")?.catalogueYear == 2025)
        #expect(try upgraded.earnings(of: "hana").map(\.earning.status) == [.awarded, .inProgress, .registered])
    }
}
