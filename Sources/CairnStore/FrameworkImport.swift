public import CairnCore
import Foundation
import GRDB
#if canImport(GRDBSQLite)
import GRDBSQLite
#elseif canImport(SQLite3)
import SQLite3
#endif

/// What one import wrote.
public struct ImportSummary: Hashable, Sendable {
    public var framework: String
    public var name: String
    public var version: String?
    public var skills: Int
    public var occupations: Int
    /// Occupation–skill relations (essential and optional).
    public var relations: Int
    /// Labels of skills and occupations, in all languages kept.
    public var labels: Int
    public var broaderLinks: Int

    public init(framework: String, name: String, version: String?, skills: Int, occupations: Int,
                relations: Int, labels: Int, broaderLinks: Int) {
        self.framework = framework
        self.name = name
        self.version = version
        self.skills = skills
        self.occupations = occupations
        self.relations = relations
        self.labels = labels
        self.broaderLinks = broaderLinks
    }
}

extension SQLiteStore {
    /// Imports one framework in one transaction: `read` is handed a sink bound to the
    /// transaction and sends the framework piece by piece (labels are written as they arrive, so
    /// memory stays bounded whatever the file size). The transaction commits only when `read`
    /// returns; if it throws, everything is rolled back and the store is exactly as it was, and
    /// the reader's error is rethrown unchanged.
    ///
    /// A framework whose id is already in the store is replaced. Labels of concepts that turn out
    /// to be neither skills nor occupations are dropped, as are relations of non-occupations and
    /// broader links of non-skills (as ``FrameworkCollector`` does).
    ///
    /// - Parameter importedAt: kept as the framework's import time (the store never reads the
    ///   clock); any text, typically an ISO 8601 timestamp.
    /// - Returns: the summary of the framework the reader named (the last one, should it name
    ///   several; ``importFrameworks(importedAt:_:)`` returns them all).
    @discardableResult
    public func importFramework(importedAt: String? = nil,
                                _ read: (inout any FrameworkSink) throws -> Void) throws -> ImportSummary {
        let summaries = try importFrameworks(importedAt: importedAt, read)
        guard let last = summaries.last else { throw StoreError(path: path, reason: .noFrameworkHeader) }
        return last
    }

    /// Like ``importFramework(importedAt:_:)``, for readers that may send several frameworks, or
    /// the same framework in several parts (ESCO's CSV files: skills, occupations, relations):
    /// ``FrameworkSink/begin(_:)`` with an id already begun in this import adds to it. One
    /// transaction for all of them.
    @discardableResult
    public func importFrameworks(importedAt: String? = nil,
                                 _ read: (inout any FrameworkSink) throws -> Void) throws -> [ImportSummary] {
        let summaries: [ImportSummary]
        do {
            summaries = try pool.writeWithoutTransaction { db in
                var result: [ImportSummary] = []
                // A larger page cache while the import's indexes grow; back to SQLite's default after.
                try db.execute(sql: "PRAGMA cache_size = -65536")
                defer { try? db.execute(sql: "PRAGMA cache_size = -2000") }
                try db.inTransaction(.immediate) {
                    let session = try ImportSession(db: db, importedAt: importedAt)
                    var sink: any FrameworkSink = FrameworkImportSink(session: session)
                    try read(&sink)
                    session.close()
                    if session.progress.order.isEmpty { throw StoreError(path: path, reason: .noFrameworkHeader) }
                    result = try session.complete()
                    return .commit
                }
                return result
            }
        } catch let error as DatabaseError {
            throw Self.storeError(error, path: path)
        }
        // Fold the write-ahead log back into the file so that it does not keep the import's size.
        _ = try? pool.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
        return summaries
    }
}

/// The sink an import hands its reader: every piece goes straight into the import's
/// transaction through prepared statements. Valid only while the import runs.
public struct FrameworkImportSink: FrameworkSink {
    let session: ImportSession

    init(session: ImportSession) {
        self.session = session
    }

    public mutating func begin(_ header: FrameworkHeader) throws {
        try session.begin(header)
    }

    public mutating func skill(_ skill: SkillRecord) throws {
        try session.skill(skill)
    }

    public mutating func occupation(_ occupation: OccupationRecord) throws {
        try session.occupation(occupation)
    }

    public mutating func label(_ label: ConceptLabel) throws {
        try session.label(label)
    }

    public mutating func broader(narrower: String, broader: String) throws {
        try session.broader(narrower: narrower, broader: broader)
    }

    public mutating func relation(occupation: String, skill: String, kind: SkillRelationKind) throws {
        try session.relation(occupation: occupation, skill: skill, kind: kind)
    }

    /// Nothing to do: the import completes when the reader returns.
    public mutating func finish() throws {}
}

/// The writing side of one import: the transaction's connection, its prepared statements, and
/// the integer key of each concept seen so far (one entry per concept, never per label).
final class ImportSession {
    let db: Database
    let importedAt: String?
    /// The frameworks begun, in order, and the one content goes to.
    private(set) var progress = FrameworkImportProgress()
    private var keys: [String: [String: Int64]] = [:]
    private var currentKeys: [String: Int64] = [:]

    private let insertConcept: Statement
    private let insertLabel: Statement
    private let upsertSkill: Statement
    private let upsertOccupation: Statement
    private let insertRelation: Statement
    private let insertBroader: Statement

    init(db: Database, importedAt: String?) throws {
        self.db = db
        self.importedAt = importedAt
        insertConcept = try db.makeStatement(sql: "INSERT INTO concept (framework, id) VALUES (?, ?)")
        insertLabel = try db.makeStatement(sql: "INSERT INTO label (concept, kind, language, text) VALUES (?, ?, ?, ?)")
        upsertSkill = try db.makeStatement(sql: """
            INSERT INTO skill (key, framework, id, code, skillType, reuseLevel, description, category, levels, tail)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (key) DO UPDATE SET
                code = coalesce(excluded.code, code),
                skillType = coalesce(excluded.skillType, skillType),
                reuseLevel = coalesce(excluded.reuseLevel, reuseLevel),
                description = coalesce(excluded.description, description),
                category = coalesce(excluded.category, category),
                levels = CASE WHEN excluded.levels <> '' THEN excluded.levels ELSE levels END
            """)
        upsertOccupation = try db.makeStatement(sql: """
            INSERT INTO occupation (key, framework, id, iscoGroup, description) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (key) DO UPDATE SET
                iscoGroup = coalesce(excluded.iscoGroup, iscoGroup),
                description = coalesce(excluded.description, description)
            """)
        insertRelation = try db.makeStatement(sql: "INSERT OR IGNORE INTO relation (occupation, skill, kind) VALUES (?, ?, ?)")
        insertBroader = try db.makeStatement(sql: "INSERT OR IGNORE INTO broader (narrower, broader) VALUES (?, ?)")
    }

    private func framework() throws -> String {
        try progress.framework()
    }

    func close() {
        progress.close()
    }

    /// The concept last looked up, and its key: labels come concept by concept, so most lookups
    /// are a string comparison rather than a hash.
    private var lastID: String?
    private var lastKey: Int64 = 0

    private func key(_ id: String) throws -> Int64 {
        if id == lastID { return lastKey }
        let key: Int64
        if let known = currentKeys[id] {
            key = known
        } else {
            let framework = try framework()
            try insertConcept.execute(arguments: [framework, id])
            key = db.lastInsertedRowID
            currentKeys[id] = key
        }
        lastID = id
        lastKey = key
        return key
    }

    func begin(_ header: FrameworkHeader) throws {
        let previous = progress.current
        let isNew = try progress.begin(header)
        if let previous { keys[previous] = currentKeys }
        lastID = nil
        let id = header.id
        if isNew {
            try FrameworkRemoval.remove(id, from: db)
            try db.execute(sql: """
                INSERT INTO framework (id, name, version, source, importedAt) VALUES (?, ?, ?, ?, ?)
                """, arguments: [id, header.name, header.version, header.source, importedAt])
            currentKeys = [:]
        } else {
            currentKeys = keys[id] ?? [:]
            try db.execute(sql: """
                UPDATE framework SET name = ?, version = coalesce(?, version), source = coalesce(?, source) WHERE id = ?
                """, arguments: [header.name, header.version, header.source, id])
        }
    }

    func skill(_ record: SkillRecord) throws {
        let key = try key(record.id)
        try upsertSkill.execute(arguments: [
            key, progress.current, record.id, record.code, record.skillType, record.reuseLevel, record.description,
            record.category, StoredKind.levelsText(record.levels), SkillCodes.tail(of: record.id),
        ])
    }

    func occupation(_ record: OccupationRecord) throws {
        let key = try key(record.id)
        try upsertOccupation.execute(arguments: [key, progress.current, record.id, record.iscoGroup, record.description])
    }

    func label(_ label: ConceptLabel) throws {
        let key = try key(label.concept)
        // The hottest insert of an import (one per label): values are bound straight to the prepared
        // statement, without building statement arguments.
        let statement = insertLabel.sqliteStatement
        var language = label.language
        var text = label.text
        let code = language.withUTF8 { language in
            text.withUTF8 { text in
                guard text.count <= Int(Int32.max), language.count <= Int(Int32.max) else { return SQLITE_TOOBIG }
                sqlite3_bind_int64(statement, 1, key)
                sqlite3_bind_int64(statement, 2, Int64(StoredKind.code(label.kind)))
                // The buffers outlive the step below, so SQLite need not copy them (SQLITE_STATIC).
                Self.bindText(statement, 3, language)
                Self.bindText(statement, 4, text)
                let code = sqlite3_step(statement)
                sqlite3_reset(statement)
                sqlite3_clear_bindings(statement)
                return code
            }
        }
        guard code == SQLITE_DONE else {
            let message = db.sqliteConnection.map { String(cString: sqlite3_errmsg($0)) }
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: insertLabel.sql)
        }
    }

    /// Binds UTF-8 text that stays valid until the statement has run (SQLITE_STATIC: no copy).
    private static func bindText(_ statement: SQLiteStatement?, _ index: Int32, _ text: UnsafeBufferPointer<UInt8>) {
        if let base = text.baseAddress, !text.isEmpty {
            base.withMemoryRebound(to: CChar.self, capacity: text.count) { pointer in
                _ = sqlite3_bind_text(statement, index, pointer, Int32(text.count), nil)
            }
        } else {
            // SQLITE_TRANSIENT: SQLite copies the (empty) text now.
            _ = sqlite3_bind_text(statement, index, "", 0, unsafeBitCast(-1, to: sqlite3_destructor_type.self))
        }
    }

    func broader(narrower: String, broader: String) throws {
        let narrowerKey = try key(narrower)
        let broaderKey = try key(broader)
        try insertBroader.execute(arguments: [narrowerKey, broaderKey])
    }

    func relation(occupation: String, skill: String, kind: SkillRelationKind) throws {
        let occupationKey = try key(occupation)
        let skillKey = try key(skill)
        try insertRelation.execute(arguments: [occupationKey, skillKey, StoredKind.code(kind)])
    }

    /// Drops what names neither a skill nor an occupation, indexes the labels for search and
    /// records the counts, for every framework of the import.
    func complete() throws -> [ImportSummary] {
        try progress.order.map { try complete($0) }
    }

    private func complete(_ framework: String) throws -> ImportSummary {
        let arguments: StatementArguments = [framework]
        try db.execute(sql: """
            DELETE FROM label WHERE concept IN (
                SELECT c.key FROM concept c WHERE c.framework = ?
                AND NOT EXISTS (SELECT 1 FROM skill s WHERE s.key = c.key)
                AND NOT EXISTS (SELECT 1 FROM occupation o WHERE o.key = c.key))
            """, arguments: arguments)
        try db.execute(sql: """
            DELETE FROM relation WHERE occupation IN (
                SELECT c.key FROM concept c WHERE c.framework = ?
                AND NOT EXISTS (SELECT 1 FROM occupation o WHERE o.key = c.key))
            """, arguments: arguments)
        try db.execute(sql: """
            DELETE FROM broader WHERE narrower IN (
                SELECT c.key FROM concept c WHERE c.framework = ?
                AND NOT EXISTS (SELECT 1 FROM skill s WHERE s.key = c.key))
            """, arguments: arguments)
        try db.execute(sql: """
            DELETE FROM concept WHERE framework = ?
            AND NOT EXISTS (SELECT 1 FROM skill s WHERE s.key = concept.key)
            AND NOT EXISTS (SELECT 1 FROM occupation o WHERE o.key = concept.key)
            AND NOT EXISTS (SELECT 1 FROM relation r WHERE r.skill = concept.key)
            AND NOT EXISTS (SELECT 1 FROM broader b WHERE b.broader = concept.key)
            """, arguments: arguments)
        // The full-text index is built once, after the bulk insert (faster than indexing each
        // label as it arrives, and stray labels never reach it), in rowid order, which FTS5
        // prefers: a scan of the label table rather than a sort of the framework's labels.
        try db.execute(sql: """
            INSERT INTO label_fts (rowid, text)
            SELECT id, text FROM label NOT INDEXED
            WHERE concept IN (SELECT key FROM concept WHERE framework = ?) ORDER BY id
            """, arguments: arguments)
        let skills = try Int.fetchOne(db, sql: "SELECT count(*) FROM skill WHERE framework = ?", arguments: arguments) ?? 0
        let occupations = try Int.fetchOne(db, sql: "SELECT count(*) FROM occupation WHERE framework = ?",
                                           arguments: arguments) ?? 0
        let labels = try Int.fetchOne(db, sql: """
            SELECT count(*) FROM label WHERE concept IN (SELECT key FROM concept WHERE framework = ?)
            """, arguments: arguments) ?? 0
        let relations = try Int.fetchOne(db, sql: """
            SELECT count(*) FROM relation WHERE occupation IN (SELECT key FROM occupation WHERE framework = ?)
            """, arguments: arguments) ?? 0
        let broaderLinks = try Int.fetchOne(db, sql: """
            SELECT count(*) FROM broader WHERE narrower IN (SELECT key FROM skill WHERE framework = ?)
            """, arguments: arguments) ?? 0
        try db.execute(sql: """
            UPDATE framework SET skillCount = ?, occupationCount = ?, relationCount = ?, labelCount = ?, broaderCount = ?
            WHERE id = ?
            """, arguments: [skills, occupations, relations, labels, broaderLinks, framework])
        let row = try Row.fetchOne(db, sql: "SELECT name, version FROM framework WHERE id = ?", arguments: arguments)
        return ImportSummary(framework: framework, name: row?["name"] ?? framework, version: row?["version"],
                             skills: skills, occupations: occupations, relations: relations, labels: labels,
                             broaderLinks: broaderLinks)
    }
}

/// Removing a framework's rows (before it is imported again, or on request).
enum FrameworkRemoval {
    static func remove(_ framework: String, from db: Database) throws {
        let arguments: StatementArguments = [framework]
        let ownLabels = try Int.fetchOne(db, sql: """
            SELECT count(*) FROM label WHERE concept IN (SELECT key FROM concept WHERE framework = ?)
            """, arguments: arguments) ?? 0
        if ownLabels > 0 {
            let allLabels = try Int.fetchOne(db, sql: "SELECT count(*) FROM label") ?? 0
            if ownLabels == allLabels {
                try db.execute(sql: "INSERT INTO label_fts (label_fts) VALUES ('delete-all')")
            } else {
                try db.execute(sql: """
                    INSERT INTO label_fts (label_fts, rowid, text)
                    SELECT 'delete', id, text FROM label WHERE concept IN (SELECT key FROM concept WHERE framework = ?)
                    """, arguments: arguments)
            }
            try db.execute(sql: "DELETE FROM label WHERE concept IN (SELECT key FROM concept WHERE framework = ?)",
                           arguments: arguments)
        }
        try db.execute(sql: "DELETE FROM relation WHERE occupation IN (SELECT key FROM concept WHERE framework = ?)",
                       arguments: arguments)
        try db.execute(sql: "DELETE FROM broader WHERE narrower IN (SELECT key FROM concept WHERE framework = ?)",
                       arguments: arguments)
        try db.execute(sql: "DELETE FROM skill WHERE framework = ?", arguments: arguments)
        try db.execute(sql: "DELETE FROM occupation WHERE framework = ?", arguments: arguments)
        try db.execute(sql: "DELETE FROM concept WHERE framework = ?", arguments: arguments)
        try db.execute(sql: "DELETE FROM framework WHERE id = ?", arguments: arguments)
    }
}

extension SQLiteStore {
    /// Removes a framework and everything of it; whether there was one to remove.
    @discardableResult
    public func removeFramework(id: String) throws -> Bool {
        do {
            return try pool.write { db in
                let exists = try Bool.fetchOne(db, sql: "SELECT 1 FROM framework WHERE id = ?",
                                               arguments: [id.lowercased()]) ?? false
                try FrameworkRemoval.remove(id.lowercased(), from: db)
                return exists
            }
        } catch let error as DatabaseError {
            throw Self.storeError(error, path: path)
        }
    }
}
