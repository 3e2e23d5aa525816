import CairnCore
import GRDB

/// What an import of learner earnings changed in the store.
public struct LearnerImportReport: Sendable {
    public var learnersAdded = 0
    /// Learners whose name, e-mail, catalogue year or enrolment date the import changed.
    public var learnersUpdated = 0
    /// Earnings the store did not have.
    public var added = 0
    /// Earnings the store already had, exactly as stated again.
    public var unchanged = 0
    /// Earnings stated again with something changed (expiry, result, evidence…), before and after;
    /// an earning that became revoked is in ``revoked`` instead.
    public var changed: [EarningChange] = []
    /// Earnings the import marked revoked.
    public var revoked: [StoredEarning] = []
    /// Earnings removed because a full re-sync (`replacing`) no longer lists them.
    public var removed: [StoredEarning] = []

    public init() {}

    /// Whether the import changed nothing at all.
    public var changedNothing: Bool {
        learnersAdded == 0 && learnersUpdated == 0 && added == 0 && changed.isEmpty && revoked.isEmpty && removed.isEmpty
    }

    /// This report with `other`'s counts and lists added (for an import of several files).
    public mutating func merge(_ other: LearnerImportReport) {
        learnersAdded += other.learnersAdded
        learnersUpdated += other.learnersUpdated
        added += other.added
        unchanged += other.unchanged
        changed += other.changed
        revoked += other.revoked
        removed += other.removed
    }
}

/// An earning stated again with something different.
public struct EarningChange: Hashable, Sendable {
    public var before: StoredEarning
    public var after: StoredEarning

    public init(before: StoredEarning, after: StoredEarning) {
        self.before = before
        self.after = after
    }
}

extension SQLiteStore {
    /// Writes the batches' learners and earnings in one transaction: all of them or, if anything
    /// fails, none. An earning is identified by learner, badge class and issue date; one the
    /// store has is updated when anything but its provenance differs and left alone otherwise,
    /// so importing the same file twice changes nothing. Exact repeats inside a batch are kept
    /// once (``EarningBatch/conflicts()`` finds the repeats that differ, which callers refuse).
    ///
    /// - Parameter replacing: a full re-sync: earnings of these origins that no batch lists are
    ///   removed (and reported), whoever they belong to. Empty: nothing is removed.
    public func importEarnings(_ batches: [EarningBatch], replacing: Set<EarningOrigin> = []) throws -> LearnerImportReport {
        try writing { db in
            // A larger page cache while a large import grows the earnings' index; back to SQLite's default after.
            try db.execute(sql: "PRAGMA cache_size = -65536")
            defer { try? db.execute(sql: "PRAGMA cache_size = -2000") }
            var session = try LearnerImportSession(db: db, learnersNamed: batches.reduce(0) { $0 + $1.learners.count },
                                                   tracksSeen: !replacing.isEmpty)
            for batch in batches { try session.add(batch) }
            if !replacing.isEmpty { try session.removeUnlisted(origins: replacing) }
            return session.report
        }
    }

    /// Runs `body` in one immediate transaction, turning SQLite failures into ``StoreError``s.
    func writing<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try pool.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return .commit
                }
                guard let result else { throw StoreError(path: path, reason: .database("the transaction returned nothing")) }
                return result
            }
        } catch let error as DatabaseError {
            throw Self.storeError(error, path: path)
        }
    }
}

/// The state of one import transaction.
struct LearnerImportSession {
    let db: Database
    var report = LearnerImportReport()
    /// Learner id → key, name and e-mail, for the learners met so far (or all of them, loaded up
    /// front when the import names a good share of the store's learners).
    private var known: [String: KnownLearner] = [:]
    private let loadedAll: Bool
    /// Learners this import created: they have no earnings to compare with.
    private var created: Set<Int64> = []
    /// Every (learner, badge, issued) the import stated, when a re-sync needs it.
    private var seen: Set<EarningKey>?
    /// Badge class ids and file paths by key, and back.
    private var names: EarningNames
    private var badgeKeys: [String: Int64]
    private var fileKeys: [String: Int64]

    /// A learner the store holds: its key and the fields an import may change.
    struct KnownLearner {
        var key: Int64
        var name: String?
        var email: String?
        var catalogueYear: Int?
        var enrolled: Int64?

        init(_ statement: RawStatement, from first: Int32) {
            key = statement.int(first)
            name = statement.text(first + 1)
            email = statement.text(first + 2)
            catalogueYear = statement.isNull(first + 3) ? nil : Int(statement.int(first + 3))
            enrolled = statement.isNull(first + 4) ? nil : statement.int(first + 4)
        }

        init(key: Int64, _ entry: EarningBatch.LearnerEntry) {
            self.key = key
            name = entry.name
            email = entry.email
            catalogueYear = entry.catalogueYear
            enrolled = entry.enrolled.map { Int64($0.dayNumber) }
        }
    }

    struct EarningKey: Hashable {
        var learner: Int64
        var badge: Int64
        var issued: Int64
    }

    private let findLearner: RawStatement
    private let insertLearner: RawStatement
    private let updateLearner: RawStatement
    private let selectEarnings: RawStatement
    private let insertEarning: RawStatement
    private let updateEarning: RawStatement

    init(db: Database, learnersNamed: Int, tracksSeen: Bool) throws {
        self.db = db
        seen = tracksSeen ? [] : nil
        names = try EarningNames(db)
        badgeKeys = Dictionary(names.badges.enumerated().filter { !$0.element.isEmpty }.map { ($0.element, Int64($0.offset)) }) { first, _ in first }
        fileKeys = Dictionary(names.files.map { ($0.value, $0.key) }) { first, _ in first }
        findLearner = try RawStatement(db, sql: "SELECT key, name, email, catalogueYear, enrolled FROM learner WHERE id = ?")
        insertLearner = try RawStatement(db, sql: """
            INSERT INTO learner (id, name, email, file, row, catalogueYear, enrolled) VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        updateLearner = try RawStatement(db, sql: "UPDATE learner SET name = ?, email = ?, catalogueYear = ?, enrolled = ? WHERE key = ?")
        selectEarnings = try RawStatement(db, sql: "SELECT \(EarningColumns.list) FROM earning WHERE learner = ?")
        insertEarning = try RawStatement(db, sql: """
            INSERT INTO earning (learner, badge, issued, expires, revoked, result, resultIsNumber, evidence,
                                 credentialSHA256, verification, origin, file, row, credentialID, status)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        updateEarning = try RawStatement(db, sql: """
            UPDATE earning SET expires = ?4, revoked = ?5, result = ?6, resultIsNumber = ?7, evidence = ?8,
                credentialSHA256 = ?9, verification = ?10, origin = ?11, file = ?12, row = ?13, credentialID = ?14,
                status = ?15
            WHERE learner = ?1 AND badge = ?2 AND issued = ?3
            """)
        let stored = try Int.fetchOne(db, sql: "SELECT count(*) FROM learner") ?? 0
        // Reading every learner once is cheaper than one lookup each when the import names at
        // least a tenth of them (a SIS re-sync names them all).
        loadedAll = learnersNamed * 10 >= stored
        if loadedAll {
            let all = try RawStatement(db, sql: "SELECT id, key, name, email, catalogueYear, enrolled FROM learner")
            while try all.step() {
                guard let id = all.text(0) else { continue }
                known[id] = KnownLearner(all, from: 1)
            }
            all.reset()
        }
    }

    mutating func add(_ batch: EarningBatch) throws {
        var keys: [Int64] = []
        keys.reserveCapacity(batch.learners.count)
        for entry in batch.learners { keys.append(try learnerKey(entry, file: batch.file)) }
        let badges = try batch.badgeIDs.map { try badgeKey($0) }
        let file = try fileKey(batch.file)
        let order = batch.sortedPositions()
        var start = 0
        while start < order.count {
            let learner = batch.rows[order[start]].learner
            var end = start
            while end < order.count && batch.rows[order[end]].learner == learner { end += 1 }
            try merge(batch, positions: order[start..<end], learnerKey: keys[Int(learner)], badges: badges, file: file)
            start = end
        }
    }

    private mutating func badgeKey(_ id: String) throws -> Int64 {
        if let key = badgeKeys[id] { return key }
        try db.execute(sql: "INSERT INTO earning_badge (id) VALUES (?)", arguments: [id])
        let key = db.lastInsertedRowID
        badgeKeys[id] = key
        names.setBadge(id, key: key)
        return key
    }

    private mutating func fileKey(_ path: String) throws -> Int64 {
        if let key = fileKeys[path] { return key }
        try db.execute(sql: "INSERT INTO earning_file (path) VALUES (?)", arguments: [path])
        let key = db.lastInsertedRowID
        fileKeys[path] = key
        names.files[key] = path
        return key
    }

    private mutating func learnerKey(_ entry: EarningBatch.LearnerEntry, file: String) throws -> Int64 {
        if !loadedAll && known[entry.id] == nil {
            findLearner.bind(1, entry.id)
            if try findLearner.step() {
                known[entry.id] = KnownLearner(findLearner, from: 0)
            }
            findLearner.reset()
        }
        if let existing = known[entry.id] {
            // A value the file gives replaces the stored one; one it leaves out keeps it.
            var updated = existing
            updated.name = entry.name ?? existing.name
            updated.email = entry.email ?? existing.email
            updated.catalogueYear = entry.catalogueYear ?? existing.catalogueYear
            updated.enrolled = entry.enrolled.map { Int64($0.dayNumber) } ?? existing.enrolled
            if updated.name != existing.name || updated.email != existing.email
                || updated.catalogueYear != existing.catalogueYear || updated.enrolled != existing.enrolled {
                updateLearner.bind(1, updated.name)
                updateLearner.bind(2, updated.email)
                updateLearner.bind(3, updated.catalogueYear.map(Int64.init))
                updateLearner.bind(4, updated.enrolled)
                updateLearner.bind(5, existing.key)
                try updateLearner.run()
                known[entry.id] = updated
                report.learnersUpdated += 1
            }
            return existing.key
        }
        insertLearner.bind(1, entry.id)
        insertLearner.bind(2, entry.name)
        insertLearner.bind(3, entry.email)
        insertLearner.bind(4, file)
        insertLearner.bind(5, entry.line.map(Int64.init))
        insertLearner.bind(6, entry.catalogueYear.map(Int64.init))
        insertLearner.bind(7, entry.enrolled.map { Int64($0.dayNumber) })
        try insertLearner.run()
        let key = db.lastInsertedRowID
        known[entry.id] = KnownLearner(key: key, entry)
        created.insert(key)
        report.learnersAdded += 1
        return key
    }

    /// One learner's earnings from the batch against what the store holds for them.
    private mutating func merge(_ batch: EarningBatch, positions: ArraySlice<Int>, learnerKey: Int64, badges: [Int64],
                                file: Int64) throws {
        var existing: [EarningKey: StoredEarning] = [:]
        let learnerID = batch.learners[Int(batch.rows[positions[positions.startIndex]].learner)].id
        if !created.contains(learnerKey) {
            selectEarnings.bind(1, learnerKey)
            while try selectEarnings.step() {
                let stored = EarningColumns.read(selectEarnings, learner: learnerID, names: names)
                existing[EarningKey(learner: learnerKey, badge: selectEarnings.int(0), issued: selectEarnings.int(1))] = stored
            }
            selectEarnings.reset()
        }
        var previous: EarningBatch.Row?
        for position in positions {
            let row = batch.rows[position]
            // Exact repeats were refused or are identical: the first of each stands.
            if let previous, previous.badge == row.badge && previous.issued == row.issued { continue }
            previous = row
            let key = EarningKey(learner: learnerKey, badge: badges[Int(row.badge)], issued: Int64(row.issued))
            seen?.insert(key)
            guard let before = existing[key] else {
                try write(batch, position, key: key, file: file, with: insertEarning)
                report.added += 1
                continue
            }
            let stored = batch.stored(at: position)
            if EarningContent(before) == EarningContent(stored) {
                report.unchanged += 1
                continue
            }
            try write(batch, position, key: key, file: file, with: updateEarning)
            if stored.earning.revoked && !before.earning.revoked {
                report.revoked.append(stored)
            } else {
                report.changed.append(EarningChange(before: before, after: stored))
            }
        }
    }

    /// Binds the earning at `position` of `batch`, its learner, class and file by their keys.
    private func write(_ batch: EarningBatch, _ position: Int, key: EarningKey, file: Int64, with statement: RawStatement) throws {
        let values = batch.values(at: position)
        statement.bind(1, key.learner)
        statement.bind(2, key.badge)
        statement.bind(3, key.issued)
        statement.bind(4, values.expires)
        statement.bind(5, Int64(values.revoked ? 1 : 0))
        statement.bind(6, values.result)
        statement.bind(7, Int64(values.resultIsNumber ? 1 : 0))
        statement.bind(8, values.evidence)
        statement.bind(9, values.credentialSHA256)
        statement.bind(10, values.verification)
        statement.bind(11, values.origin)
        statement.bind(12, file)
        statement.bind(13, values.line)
        statement.bind(14, values.credentialID)
        statement.bind(15, values.status)
        try statement.run()
    }

    /// Removes every earning of `origins` that the import did not state (a full re-sync).
    mutating func removeUnlisted(origins: Set<EarningOrigin>) throws {
        guard let seen else { return }
        let placeholders = origins.map { "'\($0.rawValue)'" }.sorted().joined(separator: ", ")
        let scan = try RawStatement(db, sql: """
            SELECT \(EarningColumns.list(prefix: "e.")), e.learner, l.id FROM earning e JOIN learner l ON l.key = e.learner
            WHERE e.origin IN (\(placeholders)) ORDER BY e.learner, e.badge, e.issued
            """)
        var doomed: [(key: EarningKey, stored: StoredEarning)] = []
        while try scan.step() {
            let key = EarningKey(learner: scan.int(14), badge: scan.int(0), issued: scan.int(1))
            guard !seen.contains(key) else { continue }
            doomed.append((key, EarningColumns.read(scan, learner: scan.text(15) ?? "", names: names)))
        }
        scan.reset()
        let delete = try RawStatement(db, sql: "DELETE FROM earning WHERE learner = ? AND badge = ? AND issued = ?")
        for (key, stored) in doomed {
            delete.bind(1, key.learner)
            delete.bind(2, key.badge)
            delete.bind(3, key.issued)
            try delete.run()
            report.removed.append(stored)
        }
    }
}

/// Badge class ids and source file paths by their keys in the store.
struct EarningNames {
    /// Badge class ids indexed by key (keys are small and dense): the hot loops look them up by index.
    private(set) var badges: [String] = []
    var files: [Int64: String] = [:]

    mutating func setBadge(_ id: String, key: Int64) {
        guard key >= 0 else { return }
        if badges.count <= Int(key) { badges += Array(repeating: "", count: Int(key) + 1 - badges.count) }
        badges[Int(key)] = id
    }

    init(_ db: Database) throws {
        let badgeRows = try RawStatement(db, sql: "SELECT key, id FROM earning_badge")
        while try badgeRows.step() { setBadge(badgeRows.text(1) ?? "", key: badgeRows.int(0)) }
        let fileRows = try RawStatement(db, sql: "SELECT key, path FROM earning_file")
        while try fileRows.step() { files[fileRows.int(0)] = fileRows.text(1) ?? "" }
    }
}

/// The earning columns every read names, in this order.
enum EarningColumns {
    static let names = ["badge", "issued", "expires", "revoked", "result", "resultIsNumber", "evidence",
                        "credentialSHA256", "verification", "credentialID", "status", "origin", "file", "row"]
    static let list = names.joined(separator: ", ")
    static func list(prefix: String) -> String { names.map { prefix + $0 }.joined(separator: ", ") }

    /// The earning at the statement's current row, its columns starting at `offset`.
    static func read(_ statement: RawStatement, learner: String, names: EarningNames, offset: Int32 = 0) -> StoredEarning {
        var earning = AuditColumns.read(statement, offset: offset, badges: names.badges)
        earning.source = SourceLocation(file: names.files[statement.int(offset + 12)] ?? "",
                                        line: statement.isNull(offset + 13) ? nil : Int(statement.int(offset + 13)))
        let origin = statement.text(offset + 11).flatMap(EarningOrigin.init(rawValue:)) ?? .record
        return StoredEarning(learner: learner, earning: earning, origin: origin, credentialSHA256: statement.text(offset + 7))
    }
}
