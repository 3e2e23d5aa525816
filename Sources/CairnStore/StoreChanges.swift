import GRDB

/// Tells cheaply whether anyone — this process or another — has changed the store since last
/// asked: SQLite's `PRAGMA data_version` on a connection of its own, which moves whenever
/// another connection commits. A server keeps answers in memory for as long as it does not move.
public final class StoreChanges: Sendable {
    private let connection: DatabaseQueue
    public let path: String

    /// Opens a read-only connection to the store at `path` (which must exist).
    public init(path: String) throws {
        self.path = path
        var configuration = Configuration()
        configuration.readonly = true
        // Opening reads the schema, which another connection's write (a first run's migration,
        // say) can hold locked for a moment: wait as the store's own connections do, rather than
        // fail at once with "database is locked".
        configuration.busyMode = .timeout(SQLiteStore.busyTimeout)
        do {
            connection = try DatabaseQueue(path: path, configuration: configuration)
        } catch let error as DatabaseError {
            throw SQLiteStore.storeError(error, path: path)
        }
    }

    /// A number that differs from the last one returned whenever the store was changed in
    /// between (by any connection but this one, which never writes).
    public func version() throws -> Int64 {
        do {
            return try connection.inDatabase { db in
                try Int64.fetchOne(db.cachedStatement(sql: "PRAGMA data_version")) ?? 0
            }
        } catch let error as DatabaseError {
            throw SQLiteStore.storeError(error, path: path)
        }
    }
}
