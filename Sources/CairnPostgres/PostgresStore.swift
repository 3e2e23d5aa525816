public import CairnStore
import Foundation
import PostgresNIO

/// Cairn's store in a PostgreSQL database, shared by every server and worker that connects to it:
/// the same operations and answers as ``SQLiteStore`` (one test suite runs against both), with
/// what sharing needs — appends to the decision log serialised by an advisory lock, imports of
/// learners serialised likewise, large imports through `COPY`, and cohort jobs claimed with
/// `FOR UPDATE SKIP LOCKED`.
///
/// Operations block the calling thread while the database answers; the connections run on a
/// thread of their own (see the address's `pool` for how many a process keeps).
public final class PostgresStore: Store {
    /// The database, as given.
    public let address: PostgresAddress
    let pool: PostgresConnectionPool

    /// The schema version this Cairn reads and writes.
    public static var schemaVersion: Int { PostgresSchema.version }

    public var location: String { address.description }

    /// Connects to the database and brings its schema up to date (creating Cairn's tables in an
    /// empty database).
    ///
    /// - Throws: ``StoreError`` when the server cannot be reached or refuses the login, when the
    ///   database holds tables that are not Cairn's, or when a newer Cairn migrated it.
    public init(address: PostgresAddress) throws {
        self.address = address
        pool = PostgresConnectionPool(address: address)
        try migrate()
    }

    private func migrate() throws {
        try pool.withConnection { session in
            try session.execute("SELECT pg_advisory_lock(\(PostgresSchema.migrationLock))")
            defer { _ = try? session.execute("SELECT pg_advisory_unlock(\(PostgresSchema.migrationLock))") }
            let tables = try session.query("""
                SELECT table_name::text FROM information_schema.tables WHERE table_schema = current_schema()
                """).compactMap { try? $0.decode(String.self) }
            var version = 0
            if tables.contains("cairn_schema") {
                version = try session.query("SELECT max(version) FROM cairn_schema").first.flatMap { try $0.decode(Int?.self) } ?? 0
            } else if !tables.isEmpty {
                throw StoreError(path: location, reason: .notACairnStore)
            }
            if version > PostgresSchema.version {
                throw StoreError(path: location, reason: .schemaTooNew(found: version, supported: PostgresSchema.version))
            }
            for (index, statements) in PostgresSchema.migrations.enumerated() where index + 1 > version {
                try session.transaction {
                    if version == 0 && index == 0 {
                        try session.execute("CREATE TABLE cairn_schema (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())")
                    }
                    for statement in statements { try session.execute(statement) }
                    try session.query("INSERT INTO cairn_schema (version) VALUES (\(index + 1))")
                }
            }
        }
    }

    public func changeVersion() throws -> Int64 {
        try pool.withConnection { session in
            try session.query("SELECT version FROM store_change").first?.decode(Int64.self) ?? 0
        }
    }

    /// Runs `body` with a connection of its own.
    @discardableResult
    func withSession<T>(_ body: (PostgresSession) throws -> T) throws -> T {
        try pool.withConnection(body)
    }

    /// Runs `body` in one transaction on a connection of its own.
    @discardableResult
    func writing<T>(_ body: (PostgresSession) throws -> T) throws -> T {
        try pool.withConnection { session in try session.transaction { try body(session) } }
    }

    /// Runs `body` on one snapshot of the database (a repeatable-read, read-only transaction).
    @discardableResult
    func reading<T>(_ body: (PostgresSession) throws -> T) throws -> T {
        try pool.withConnection { session in try session.transaction("REPEATABLE READ READ ONLY") { try body(session) } }
    }
}
