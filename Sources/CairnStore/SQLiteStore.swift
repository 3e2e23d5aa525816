import CairnCore
public import Foundation
import GRDB

/// Cairn's store, one SQLite file: imported skills frameworks (so that a large framework — ESCO:
/// about 14,000 skills and two million labels in 28 languages — is parsed once and opens in
/// milliseconds afterwards), learner records and their earnings, registrar exceptions, and the
/// credit decision log.
///
/// The store is a GRDB `DatabasePool` in WAL mode: any number of readers run beside one writer,
/// and a second process that wants to write waits (up to ``busyTimeout``) instead of failing.
/// Every import is one transaction: a failed or killed import leaves the store as it was.
///
/// The store never reads the clock: callers pass the import time as text when they want it kept.
public final class SQLiteStore: Store {
    /// The store file.
    public let path: String
    let pool: DatabasePool
    /// A read-only connection of its own, whose `PRAGMA data_version` moves when any other commits.
    private let changes: StoreChanges

    /// The store file.
    public var location: String { path }

    /// How long a writer waits for another process's write to finish before giving up.
    public static let busyTimeout: TimeInterval = 10

    /// The schema version this Cairn reads and writes.
    public static var schemaVersion: Int { StoreSchema.version }

    /// Opens the store at `path`, creating the file and its parent folders when missing and
    /// bringing an older schema up to date.
    ///
    /// - Throws: ``StoreError`` when the file cannot be created or opened, is not a Cairn store,
    ///   or was written by a newer Cairn.
    public init(path: String) throws {
        self.path = path
        let url = URL(fileURLWithPath: path)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw StoreError(path: path, reason: .cannotOpen("it is a folder"))
        }
        let folder = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw StoreError(path: path, reason: .cannotOpen("cannot create the folder \(folder.path)"))
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(Self.busyTimeout)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        // Creating the file, switching it to WAL and running the migrations happen under one
        // lock shared by every process, so several first runs on a new store cannot both
        // create the same table.
        pool = try SetupLock.holding(besides: path) {
            let opened: DatabasePool
            do {
                opened = try DatabasePool(path: path, configuration: configuration)
            } catch let error as DatabaseError {
                throw Self.storeError(error, path: path)
            } catch {
                throw StoreError(path: path, reason: .cannotOpen("\(error)"))
            }
            try Self.prepareSchema(opened, path: path)
            return opened
        }
        changes = try StoreChanges(path: path)
    }

    public func changeVersion() throws -> Int64 {
        try changes.version()
    }

    private static func prepareSchema(_ pool: DatabasePool, path: String) throws {
        let migrator = StoreSchema.migrator
        do {
            let (version, superseded, hasMigrations, objects) = try pool.read { db in
                (try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0,
                 try migrator.hasBeenSuperseded(db),
                 try db.tableExists("grdb_migrations"),
                 try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") ?? 0)
            }
            if version > StoreSchema.version || superseded {
                throw StoreError(path: path, reason: .schemaTooNew(found: version > StoreSchema.version ? version : nil,
                                                                   supported: StoreSchema.version))
            }
            if !hasMigrations && objects > 0 {
                throw StoreError(path: path, reason: .notACairnStore)
            }
            try migrator.migrate(pool)
        } catch let error as DatabaseError {
            throw storeError(error, path: path)
        }
    }

    static func storeError(_ error: DatabaseError, path: String) -> StoreError {
        switch error.resultCode {
        case .SQLITE_NOTADB:
            return StoreError(path: path, reason: .notACairnStore)
        case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_READONLY:
            return StoreError(path: path, reason: .cannotOpen(error.message ?? "\(error.resultCode)"))
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return StoreError(path: path, reason: .database(
                "the store stayed busy for more than \(Int(busyTimeout)) seconds (another Cairn is writing to it)"))
        case .SQLITE_FULL:
            return StoreError(path: path, reason: .database("the disk is full"))
        case .SQLITE_CORRUPT:
            return StoreError(path: path, reason: .database("the store file is corrupt"))
        default:
            return StoreError(path: path, reason: .database(error.message ?? "\(error)"))
        }
    }

    /// Runs a read, turning SQLite failures into ``StoreError``s.
    func reading<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try pool.read(body)
        } catch let error as DatabaseError {
            throw Self.storeError(error, path: path)
        }
    }
}

extension SQLiteStore {
    /// Runs raw SQL on the store: for tests that need a store in a state Cairn never leaves it in.
    func executeForTesting(_ sql: String) throws {
        try pool.writeWithoutTransaction { db in try db.execute(sql: sql) }
    }
}
