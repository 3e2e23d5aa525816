public import CairnCore
import GRDB

extension SQLiteStore {
    /// Every learner in the store, by id, with how many earnings each has.
    public func learners() throws -> [StoredLearner] {
        try reading { db in
            let statement = try RawStatement(db, sql: """
                SELECT l.id, l.name, l.email, l.file, l.row, (SELECT count(*) FROM earning e WHERE e.learner = l.key),
                       l.catalogueYear, l.enrolled
                FROM learner l ORDER BY l.id
                """)
            var learners: [StoredLearner] = []
            while try statement.step() { learners.append(Self.learner(statement)) }
            return learners
        }
    }

    /// One learner, or `nil` when the store has no learner with that id.
    public func learner(_ id: String) throws -> StoredLearner? {
        try reading { db in
            let statement = try RawStatement(db, sql: """
                SELECT l.id, l.name, l.email, l.file, l.row, (SELECT count(*) FROM earning e WHERE e.learner = l.key),
                       l.catalogueYear, l.enrolled
                FROM learner l WHERE l.id = ?
                """)
            statement.bind(1, id)
            return try statement.step() ? Self.learner(statement) : nil
        }
    }

    private static func learner(_ statement: RawStatement) -> StoredLearner {
        StoredLearner(id: statement.text(0) ?? "", name: statement.text(1), email: statement.text(2),
                      source: SourceLocation(file: statement.text(3) ?? "",
                                             line: statement.isNull(4) ? nil : Int(statement.int(4))),
                      earningCount: Int(statement.int(5)),
                      catalogueYear: statement.isNull(6) ? nil : Int(statement.int(6)),
                      enrolled: statement.isNull(7) ? nil : CalendarDate(dayNumber: Int(statement.int(7))))
    }

    /// A learner's earnings, by issue date then badge class.
    public func earnings(of learner: String) throws -> [StoredEarning] {
        try reading { db in
            let names = try EarningNames(db)
            let statement = try RawStatement(db, sql: """
                SELECT \(EarningColumns.list(prefix: "e.")) FROM earning e JOIN learner l ON l.key = e.learner
                WHERE l.id = ?
                """)
            statement.bind(1, learner)
            var earnings: [StoredEarning] = []
            while try statement.step() { earnings.append(EarningColumns.read(statement, learner: learner, names: names)) }
            return earnings.sorted { ($0.earning.issued, $0.earning.badgeClassID) < ($1.earning.issued, $1.earning.badgeClassID) }
        }
    }

    /// A learner's record as the engine audits it, or `nil` for an unknown learner.
    public func learnerRecord(_ id: String) throws -> LearnerRecord? {
        guard let stored = try learner(id) else { return nil }
        return stored.record(badges: try earnings(of: id).map(\.earning), source: SourceLocation(file: path))
    }

    /// The ids of learners whose e-mail is `email` (compared ignoring case), for matching an Open
    /// Badges recipient to a learner.
    public func learnerIDs(withEmail email: String) throws -> [String] {
        try reading { db in
            try String.fetchAll(db, sql: "SELECT id FROM learner WHERE email = ? COLLATE NOCASE ORDER BY id", arguments: [email])
        }
    }

    /// Every learner's e-mail, for matching hashed Open Badges recipients (which must be hashed
    /// with each credential's own salt to compare).
    public func learnerEmails() throws -> [(learner: String, email: String)] {
        try reading { db in
            try Row.fetchAll(db, sql: "SELECT id, email FROM learner WHERE email IS NOT NULL ORDER BY id").map { row in
                (row[0], row[1])
            }
        }
    }

    /// Removes learners and all their earnings in one transaction; returns how many earnings
    /// each had. Unknown ids are left out of the answer. Their registrar exceptions stay, so
    /// that a learner imported again finds them.
    public func removeLearners(_ ids: [String]) throws -> [(learner: String, earnings: Int)] {
        try writing { db in
            var removed: [(String, Int)] = []
            for id in ids {
                guard let key = try Int64.fetchOne(db, sql: "SELECT key FROM learner WHERE id = ?", arguments: [id]) else {
                    continue
                }
                try db.execute(sql: "DELETE FROM earning WHERE learner = ?", arguments: [key])
                let count = db.changesCount
                try db.execute(sql: "DELETE FROM learner WHERE key = ?", arguments: [key])
                removed.append((id, count))
            }
            return removed
        }
    }

    /// Removes one earning (a learner's badge issued on a day); false when there is none.
    public func removeEarning(learner: String, badge: String, issued: CalendarDate) throws -> Bool {
        try writing { db in
            try db.execute(sql: """
                DELETE FROM earning WHERE learner = (SELECT key FROM learner WHERE id = ?)
                    AND badge = (SELECT key FROM earning_badge WHERE id = ?) AND issued = ?
                """, arguments: [learner, badge, issued.dayNumber])
            return db.changesCount > 0
        }
    }

    /// How many learners the store holds.
    public func learnerCount() throws -> Int {
        try reading { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM learner") ?? 0 }
    }

    /// A reader of learners' records chunk by chunk, in the order they were first imported,
    /// all from one snapshot of the store (an import running meanwhile is not half seen).
    ///
    /// - Parameters:
    ///   - only: when given, just these learners (ids the store lacks are skipped).
    ///   - badgeClasses: when given, just the earnings of these classes are read into the
    ///     records (a cohort audit needs only the classes its pathways can count; see
    ///     `CompiledPathway.relevantClassIDs`); the rest are skipped without being decoded.
    public func cohortReader(chunkSize: Int = 1024, only: Set<String>? = nil,
                             badgeClasses: Set<String>? = nil) throws -> any CohortReading {
        do {
            let snapshot = try pool.makeSnapshot()
            let badges = try snapshot.read { db in try EarningNames(db).badges }
            let wanted = badgeClasses.map { classes in badges.map { classes.contains($0) } }
            return CohortReader(snapshot: snapshot, path: path, chunkSize: max(1, chunkSize), only: only, badges: badges,
                                wantedBadges: wanted)
        } catch let error as DatabaseError {
            throw Self.storeError(error, path: path)
        }
    }

    public func learnerRecords(in keys: ClosedRange<Int64>, badgeClasses: Set<String>?) throws -> [LearnerRecord] {
        try reading { db in
            let badges = try EarningNames(db).badges
            let wanted = badgeClasses.map { classes in badges.map { classes.contains($0) } }
            let learners = try RawStatement(db, sql: "SELECT \(CohortLearner.columns) FROM learner WHERE key BETWEEN ? AND ? ORDER BY key")
            learners.bind(1, keys.lowerBound)
            learners.bind(2, keys.upperBound)
            var found: [CohortLearner] = []
            while try learners.step() { found.append(CohortLearner(learners)) }
            return try CohortReader.records(db, of: found, path: path, badges: badges, wantedBadges: wanted)
        }
    }

    public func learnerKeyRanges(size: Int) throws -> [ClosedRange<Int64>] {
        try reading { db in
            let keys = try RawStatement(db, sql: "SELECT key FROM learner ORDER BY key")
            var ranges: [ClosedRange<Int64>] = []
            var first: Int64?
            var last: Int64 = 0
            var count = 0
            while try keys.step() {
                let key = keys.int(0)
                if first == nil { first = key }
                last = key
                count += 1
                if count == max(1, size), let start = first {
                    ranges.append(start...last)
                    first = nil
                    count = 0
                }
            }
            if let start = first { ranges.append(start...last) }
            return ranges
        }
    }
}

/// Learners' records read from the store a chunk at a time: a cohort of any size is read with
/// one chunk in memory at a time. Each chunk is two range queries — the next learners by key, then
/// their earnings in key order — rather than a query per learner.
public struct CohortReader: CohortReading, Sendable {
    let snapshot: DatabaseSnapshot
    let path: String
    let chunkSize: Int
    let only: Set<String>?
    /// Badge class ids by key (keys are small and dense), read once from the snapshot: each
    /// earning names its class by key.
    let badges: [String]
    private var lastKey: Int64 = 0
    private var finished = false

    /// Whether each badge key's earnings are read (nil: all of them).
    let wantedBadges: [Bool]?

    init(snapshot: DatabaseSnapshot, path: String, chunkSize: Int, only: Set<String>?, badges: [String], wantedBadges: [Bool]?) {
        self.snapshot = snapshot
        self.path = path
        self.chunkSize = chunkSize
        self.only = only
        self.badges = badges
        self.wantedBadges = wantedBadges
    }

    /// The next chunk of records, or `nil` after the last.
    public mutating func next() throws -> [LearnerRecord]? {
        guard !finished else { return nil }
        let (records, last, done) = try read(after: lastKey)
        lastKey = last
        finished = done
        return records.isEmpty && done ? nil : records
    }

    private func read(after start: Int64) throws -> ([LearnerRecord], Int64, Bool) {
        do {
            return try snapshot.read { db in
                let learners = try RawStatement(db, sql: "SELECT \(CohortLearner.columns) FROM learner WHERE key > ? ORDER BY key LIMIT ?")
                var wanted: [CohortLearner] = []
                var last = start
                var exhausted = false
                while wanted.count < chunkSize && !exhausted {
                    learners.bind(1, last)
                    learners.bind(2, Int64(chunkSize))
                    var seen = 0
                    while try learners.step() {
                        seen += 1
                        let learner = CohortLearner(learners)
                        last = learner.key
                        if only?.contains(learner.id) ?? true { wanted.append(learner) }
                    }
                    learners.reset()
                    exhausted = seen < chunkSize
                }
                guard !wanted.isEmpty else { return ([], last, true) }
                let records = try Self.records(db, of: wanted, path: path, badges: badges, wantedBadges: wantedBadges)
                return (records, last, exhausted)
            }
        } catch let error as DatabaseError {
            throw SQLiteStore.storeError(error, path: path)
        }
    }
}

extension CohortReader {
    /// The records of `wanted` (learners in key order): their earnings read in one range query.
    static func records(_ db: Database, of wanted: [CohortLearner], path: String, badges: [String],
                        wantedBadges: [Bool]?) throws -> [LearnerRecord] {
        guard let first = wanted.first?.key, let lastWanted = wanted.last?.key else { return [] }
        let earnings = try RawStatement(db, sql: """
            SELECT learner, \(AuditColumns.list) FROM earning WHERE learner BETWEEN ? AND ? ORDER BY learner
            """)
        earnings.bind(1, first)
        earnings.bind(2, lastWanted)
        // Earnings come in learner order: each learner's are one run, gathered without a dictionary.
        let source = SourceLocation(file: path)
        var records: [LearnerRecord] = []
        records.reserveCapacity(wanted.count)
        var next = 0
        var results = ResultCache()
        var run: [EarnedBadge] = []
        var runKey: Int64 = -1
        func flush(upTo key: Int64) {
            while next < wanted.count && wanted[next].key <= key {
                let owned = wanted[next].key == runKey ? run : []
                records.append(wanted[next].record(badges: owned, source: source))
                next += 1
            }
        }
        while try earnings.step() {
            let key = earnings.int(0)
            if key != runKey {
                flush(upTo: runKey)
                run = []
                run.reserveCapacity(32)
                runKey = key
            }
            if let wantedBadges {
                let badge = Int(earnings.int(1))
                guard wantedBadges.indices.contains(badge), wantedBadges[badge] else { continue }
            }
            run.append(AuditColumns.read(earnings, offset: 1, badges: badges, results: &results))
        }
        flush(upTo: Int64.max)
        return records
    }
}

extension CohortLearner {
    /// The columns ``init(_:)`` reads, in its order.
    static let columns = "key, id, catalogueYear, enrolled"

    init(_ statement: RawStatement) {
        self.init(key: statement.int(0), id: statement.text(1) ?? "",
                  catalogueYear: statement.isNull(2) ? nil : Int(statement.int(2)),
                  enrolled: statement.isNull(3) ? nil : CalendarDate(dayNumber: Int(statement.int(3))))
    }
}

/// The columns an audit needs, read without the provenance (which would cost a string per row).
enum AuditColumns {
    /// The first columns of ``EarningColumns/list``, in its order.
    static let list = "badge, issued, expires, revoked, result, resultIsNumber, evidence, credentialSHA256, verification, credentialID, "
        + "status"

    static func read(_ statement: RawStatement, offset: Int32, badges: [String]) -> EarnedBadge {
        var results = ResultCache()
        return read(statement, offset: offset, badges: badges, results: &results)
    }

    static func read(_ statement: RawStatement, offset: Int32, badges: [String], results: inout ResultCache) -> EarnedBadge {
        let key = Int(statement.int(offset))
        let result = statement.isNull(offset + 4) ? nil
            : results.result(statement.bytes(offset + 4), isNumber: statement.int(offset + 5) != 0)
        let verification = statement.isNull(offset + 8) ? nil : statement.text(offset + 8)
        var earning = EarnedBadge(
            badgeClassID: badges.indices.contains(key) ? badges[key] : "",
            issued: CalendarDate(dayNumber: Int(statement.int(offset + 1))),
            expires: statement.isNull(offset + 2) ? nil : CalendarDate(dayNumber: Int(statement.int(offset + 2))),
            revoked: statement.int(offset + 3) != 0,
            result: result,
            evidence: statement.isNull(offset + 6) ? [] : (statement.text(offset + 6) ?? "").split(separator: "\n").map(String.init),
            unproven: verification.flatMap { $0 == "proven" ? nil : $0 })
        // Most earnings come from a registrar's export and have none: a NULL costs no string.
        if !statement.isNull(offset + 9) { earning.credentialID = statement.text(offset + 9) }
        if !statement.isNull(offset + 10) { earning.status = EarningStatus(stored: statement.text(offset + 10)) }
        return earning
    }
}

/// The results a cohort's earnings carry are few (a scale's labels, a range of scores): a short
/// one is decoded once and found again by its bytes packed into an integer, rather than a string
/// made and parsed for every earning.
package struct ResultCache {
    private var short: [UInt64: BadgeResult] = [:]

    package init() {}

    package mutating func result(_ bytes: UnsafeBufferPointer<UInt8>, isNumber: Bool) -> BadgeResult {
        guard bytes.count <= 6 else { return Self.decode(bytes, isNumber: isNumber) }
        var key = UInt64(bytes.count) << 56 | (isNumber ? 1 << 63 : 0)
        for (index, byte) in bytes.enumerated() { key |= UInt64(byte) << (8 * UInt64(index)) }
        if let known = short[key] { return known }
        let result = Self.decode(bytes, isNumber: isNumber)
        // Free-text results would grow the table without end: it keeps the first thousand.
        if short.count < 1_000 { short[key] = result }
        return result
    }

    private static func decode(_ bytes: UnsafeBufferPointer<UInt8>, isNumber: Bool) -> BadgeResult {
        let text = String(decoding: bytes, as: UTF8.self)
        return isNumber ? Rational(parsing: text).map(BadgeResult.number) ?? .label(text) : .label(text)
    }
}
