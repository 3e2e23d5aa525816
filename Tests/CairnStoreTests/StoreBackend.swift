import CairnPostgres
@testable import CairnStore
import CairnTestSupport
import Foundation
import Testing

/// The stores the store test suite runs against: SQLite always, PostgreSQL when a server can be
/// had (see ``PostgresTestServer``; the suite says on standard error why when it cannot).
enum StoreBackend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite, postgres

    static var all: [StoreBackend] { PostgresTestServer.isAvailable ? [.sqlite, .postgres] : [.sqlite] }

    var testDescription: String { rawValue }

    /// A new, empty store of this kind, and a way to remove it.
    func makeStore() throws -> TestStore {
        switch self {
        case .sqlite:
            let folder = try TemporaryFolder()
            let store = try SQLiteStore(path: folder.url.appendingPathComponent(".cairn/store.sqlite").path)
            return TestStore(store: store) { folder.remove() }
        case .postgres:
            let url = try PostgresTestServer.freshDatabase()
            guard case .postgres(let address) = try StoreLocation(parsing: url) else { throw TestStoreError.notPostgres(url) }
            let store = try PostgresStore(address: address)
            return TestStore(store: store, url: url) {
                let name = address.database
                if case .success(let admin) = PostgresTestServer.server {
                    _ = try? PostgresTestServer.psql(admin, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
                }
            }
        }
    }
}

enum TestStoreError: Error {
    case notPostgres(String)
}

/// A store made for one test.
struct TestStore {
    let store: any Store
    /// The PostgreSQL URL, for tests that start other processes on the same database.
    var url: String?
    let cleanUp: @Sendable () -> Void

    init(store: any Store, url: String? = nil, cleanUp: @escaping @Sendable () -> Void) {
        self.store = store
        self.url = url
        self.cleanUp = cleanUp
    }

    func remove() { cleanUp() }

    /// Another handle on the same store, with connections of its own (as another process would have).
    func reopen() throws -> any Store {
        if let url, case .postgres(let address) = try StoreLocation(parsing: url) { return try PostgresStore(address: address) }
        guard let sqlite = store as? SQLiteStore else { throw TestStoreError.notPostgres(store.location) }
        return try SQLiteStore(path: sqlite.path)
    }

    /// Runs raw SQL on the store's database, as someone with the database but not Cairn would.
    func execute(_ sql: String) throws {
        if let url {
            try PostgresTestServer.psql(url, sql)
        } else if let sqlite = store as? SQLiteStore {
            try sqlite.executeForTesting(sql)
        }
    }
}
