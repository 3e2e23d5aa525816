public import CairnCore
public import CairnStore
import Foundation
import PostgresNIO

extension PostgresStore {
    public func learners() throws -> [StoredLearner] {
        try withSession { session in
            try session.query("""
                SELECT l.id, l.name, l.email, l.file, l.row, (SELECT count(*) FROM earning e WHERE e.learner = l.key),
                       l.catalogue_year, l.enrolled
                FROM learner l ORDER BY l.id COLLATE "C"
                """).map(Self.learner)
        }
    }

    public func learner(_ id: String) throws -> StoredLearner? {
        try withSession { session in
            try session.query("""
                SELECT l.id, l.name, l.email, l.file, l.row, (SELECT count(*) FROM earning e WHERE e.learner = l.key),
                       l.catalogue_year, l.enrolled
                FROM learner l WHERE l.id = \(id)
                """).first.map(Self.learner)
        }
    }

    private static func learner(_ row: PostgresRow) throws -> StoredLearner {
        let (id, name, email, file, line, count, catalogueYear, enrolled) =
            try row.decode((String, String?, String?, String, Int32?, Int64, Int32?, Int32?).self)
        return StoredLearner(id: id, name: name, email: email, source: SourceLocation(file: file, line: line.map(Int.init)),
                             earningCount: Int(count), catalogueYear: catalogueYear.map(Int.init),
                             enrolled: enrolled.map { CalendarDate(dayNumber: Int($0)) })
    }

    public func earnings(of learner: String) throws -> [StoredEarning] {
        try withSession { session in
            try session.query("""
                SELECT \(unescaped: Self.earningColumns) FROM earning e
                JOIN learner l ON l.key = e.learner JOIN earning_badge b ON b.key = e.badge JOIN earning_file f ON f.key = e.file
                WHERE l.id = \(learner)
                """).map { try Self.earning($0).stored }
        }
        .sorted { ($0.earning.issued, $0.earning.badgeClassID) < ($1.earning.issued, $1.earning.badgeClassID) }
    }

    public func learnerIDs(withEmail email: String) throws -> [String] {
        try withSession { session in
            try session.query("SELECT id FROM learner WHERE lower(email) = lower(\(email)) ORDER BY id COLLATE \"C\"")
                .map { try $0.decode(String.self) }
        }
    }

    public func learnerEmails() throws -> [(learner: String, email: String)] {
        try withSession { session in
            try session.query("SELECT id, email FROM learner WHERE email IS NOT NULL ORDER BY id COLLATE \"C\"").map { row in
                let (id, email) = try row.decode((String, String).self)
                return (id, email)
            }
        }
    }

    public func removeLearners(_ ids: [String]) throws -> [(learner: String, earnings: Int)] {
        try writing { session in
            let removed = try session.query("""
                WITH gone AS (DELETE FROM earning e USING learner l WHERE l.key = e.learner AND l.id = ANY(\(ids)) RETURNING l.id)
                SELECT l.id, (SELECT count(*) FROM gone g WHERE g.id = l.id) FROM learner l WHERE l.id = ANY(\(ids))
                ORDER BY l.id COLLATE "C"
                """).map { row in
                let (id, count) = try row.decode((String, Int64).self)
                return (learner: id, earnings: Int(count))
            }
            try session.query("DELETE FROM learner WHERE id = ANY(\(ids))")
            return removed
        }
    }

    public func removeEarning(learner: String, badge: String, issued: CalendarDate) throws -> Bool {
        try writing { session in
            try session.update("""
                DELETE FROM earning WHERE learner = (SELECT key FROM learner WHERE id = \(learner))
                    AND badge = (SELECT key FROM earning_badge WHERE id = \(badge)) AND issued = \(Int32(clamping: issued.dayNumber))
                """) > 0
        }
    }

    public func learnerCount() throws -> Int {
        try withSession { session in Int(try session.query("SELECT count(*) FROM learner").first?.decode(Int64.self) ?? 0) }
    }

    public func learnerKeyRanges(size: Int) throws -> [ClosedRange<Int64>] {
        let size = Int64(max(1, size))
        return try reading { session in
            try session.query("""
                SELECT min(key), max(key) FROM (SELECT key, (row_number() OVER (ORDER BY key) - 1) / \(size) AS chunk FROM learner) k
                GROUP BY chunk ORDER BY chunk
                """).map { row in
                let (first, last) = try row.decode((Int64, Int64).self)
                return first...last
            }
        }
    }

    public func learnerRecords(in keys: ClosedRange<Int64>, badgeClasses: Set<String>?) throws -> [LearnerRecord] {
        try reading { session in
            let learners = try session.query("""
                SELECT \(unescaped: CohortLearner.postgresColumns) FROM learner
                WHERE key BETWEEN \(keys.lowerBound) AND \(keys.upperBound) ORDER BY key
                """).map(CohortLearner.init)
            return try records(of: learners, badgeClasses: badgeClasses, session: session)
        }
    }

    public func cohortReader(chunkSize: Int, only: Set<String>?, badgeClasses: Set<String>?) throws -> any CohortReading {
        let newest = try withSession { session in try session.query("SELECT max(key) FROM learner").first?.decode(Int64?.self) ?? nil }
        return PostgresCohortReader(store: self, chunkSize: max(1, chunkSize), only: only, badgeClasses: badgeClasses,
                                    newest: newest ?? 0)
    }

    /// The records of `learners` (in key order): their earnings in one range query. Cells are read
    /// from their bytes — class by key, results through a cache — rather than as strings, since a
    /// worker reads tens of thousands of earnings for every chunk.
    func records(of learners: [CohortLearner], badgeClasses: Set<String>?, session: PostgresSession) throws -> [LearnerRecord] {
        guard let first = learners.first?.key, let last = learners.last?.key else { return [] }
        var badges: [Int32: String] = [:]
        for row in try session.query("SELECT key, id FROM earning_badge") {
            let (key, id) = try row.decode((Int32, String).self)
            if badgeClasses?.contains(id) ?? true { badges[key] = id }
        }
        let wanted = Array(badges.keys)
        var byLearner: [Int64: [EarnedBadge]] = [:]
        byLearner.reserveCapacity(learners.count)
        var results = ResultCache()
        for row in try session.query("""
            SELECT e.learner, e.badge, e.issued, e.expires, e.revoked, e.result, e.result_is_number, e.evidence, e.verification,
                   e.credential_id, e.status
            FROM earning e WHERE e.learner BETWEEN \(first) AND \(last) AND e.badge = ANY(\(wanted)::integer[])
            ORDER BY e.learner
            """) {
            var cells = row.makeIterator()
            guard let learnerCell = cells.next(), let badgeCell = cells.next(), let issuedCell = cells.next(),
                  let expiresCell = cells.next(), let revokedCell = cells.next(), let resultCell = cells.next(),
                  let isNumberCell = cells.next(), let evidenceCell = cells.next(), let verificationCell = cells.next(),
                  let credentialIDCell = cells.next(), let statusCell = cells.next() else { continue }
            let key = try learnerCell.decode(Int64.self)
            guard let badge = badges[try badgeCell.decode(Int32.self)] else { continue }
            let isNumber = try isNumberCell.decode(Bool.self)
            let result = resultCell.bytes.map { buffer in
                buffer.withUnsafeReadableBytes { raw in results.result(raw.bindMemory(to: UInt8.self), isNumber: isNumber) }
            }
            let verification = try verificationCell.decode(String?.self)
            var earning = EarnedBadge(
                badgeClassID: badge, issued: CalendarDate(dayNumber: Int(try issuedCell.decode(Int32.self))),
                expires: try expiresCell.decode(Int32?.self).map { CalendarDate(dayNumber: Int($0)) },
                revoked: try revokedCell.decode(Bool.self), result: result,
                evidence: try evidenceCell.decode(String?.self).map { $0.split(separator: "\n").map(String.init) } ?? [],
                unproven: verification.flatMap { $0 == "proven" ? nil : $0 })
            // Most earnings come from a registrar's export and have none: a NULL costs no string.
            if credentialIDCell.bytes != nil { earning.credentialID = try credentialIDCell.decode(String.self) }
            if statusCell.bytes != nil { earning.status = EarningStatus(stored: try statusCell.decode(String.self)) }
            byLearner[key, default: []].append(earning)
        }
        let source = SourceLocation(file: location)
        return learners.map { $0.record(badges: byLearner[$0.key] ?? [], source: source) }
    }

    static let earningColumns = """
        l.id, b.id, e.issued, e.expires, e.revoked, e.result, e.result_is_number, e.evidence, e.credential_sha256,
        e.verification, e.origin, f.path, e.row, e.credential_id, e.status
        """

    static func earning(_ row: PostgresRow) throws -> EarningValues {
        let (learner, badge, issued, expires, revoked, result, isNumber, evidence, credential, verification, origin, file, line,
             credentialID, status) =
            try row.decode((String, String, Int32, Int32?, Bool, String?, Bool, String?, String?, String?, String, String,
                            Int32?, String?, String?).self)
        return EarningValues(learner: learner, badge: badge, issued: Int64(issued), expires: expires.map(Int64.init),
                             revoked: revoked, result: result, resultIsNumber: isNumber, evidence: evidence,
                             credentialSHA256: credential, credentialID: credentialID, verification: verification,
                             origin: origin, file: file, line: line.map(Int64.init), status: status)
    }
}

extension CohortLearner {
    /// The columns ``init(_:)`` reads, in its order.
    static let postgresColumns = "key, id, catalogue_year, enrolled"

    init(_ row: PostgresRow) throws {
        let (key, id, catalogueYear, enrolled) = try row.decode((Int64, String, Int32?, Int32?).self)
        self.init(key: key, id: id, catalogueYear: catalogueYear.map(Int.init),
                  enrolled: enrolled.map { CalendarDate(dayNumber: Int($0)) })
    }
}

/// Learners' records a chunk at a time, in import (key) order: the learners the store held when
/// the reader was made (one imported later is not read). Each chunk is read in a snapshot of its
/// own, so — unlike SQLite's reader, which holds one snapshot throughout — earnings an import
/// changes meanwhile are seen from the next chunk on: a shared database is not held open for
/// the length of a cohort.
struct PostgresCohortReader: CohortReading {
    let store: PostgresStore
    let chunkSize: Int
    let only: Set<String>?
    let badgeClasses: Set<String>?
    /// The newest learner's key when the reader was made.
    let newest: Int64
    private var lastKey: Int64 = 0
    private var finished = false

    init(store: PostgresStore, chunkSize: Int, only: Set<String>?, badgeClasses: Set<String>?, newest: Int64) {
        self.newest = newest
        self.store = store
        self.chunkSize = chunkSize
        self.only = only
        self.badgeClasses = badgeClasses
    }

    mutating func next() throws -> [LearnerRecord]? {
        guard !finished else { return nil }
        let start = lastKey
        let (chunkSize, only, badgeClasses, store, newest) = (self.chunkSize, self.only, self.badgeClasses, self.store, self.newest)
        let (records, last, exhausted) = try store.reading { session -> ([LearnerRecord], Int64, Bool) in
            var wanted: [CohortLearner] = []
            var last = start
            var exhausted = false
            while wanted.count < chunkSize && !exhausted {
                let rows = try session.query("""
                    SELECT \(unescaped: CohortLearner.postgresColumns) FROM learner WHERE key > \(last) AND key <= \(newest)
                    ORDER BY key LIMIT \(Int64(chunkSize))
                    """).map(CohortLearner.init)
                for learner in rows {
                    last = learner.key
                    if only?.contains(learner.id) ?? true { wanted.append(learner) }
                }
                exhausted = rows.count < chunkSize
            }
            return (try store.records(of: wanted, badgeClasses: badgeClasses, session: session), last, exhausted)
        }
        lastKey = last
        finished = exhausted
        return records.isEmpty && exhausted ? nil : records
    }
}
