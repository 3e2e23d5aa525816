public import CairnStore
import CairnPostgres
public import Foundation

extension StoreLocation {
    /// Opens the store here — creating a SQLite file and its folders when missing, or Cairn's
    /// tables in an empty PostgreSQL database — and brings its schema up to date.
    ///
    /// - Throws: ``StoreError`` when it cannot be opened or reached, is not a Cairn store, or was
    ///   written by a newer Cairn.
    public func open() throws -> any Store {
        switch self {
        case .sqlite(let path): return try SQLiteStore(path: path)
        case .postgres(let address): return try PostgresStore(address: address)
        }
    }

    /// Opens the store when there is one (a PostgreSQL database always is); nil, and no file
    /// created, when a SQLite file does not exist yet.
    public func openExisting() throws -> (any Store)? {
        exists ? try open() : nil
    }

    /// Where a SQLite store's file is; nil for PostgreSQL.
    public var fileURL: URL? {
        if case .sqlite(let path) = self { return URL(fileURLWithPath: path) }
        return nil
    }

    /// The store a command uses: the `--database` value, else `CAIRN_DATABASE_URL` from
    /// `environment`, else the workspace's `.cairn/store.sqlite` — with `--store FILE` as the
    /// SQLite file when given (which may not be combined with `--database`).
    public static func resolve(database: String?, storeFile: String?, environment: [String: String],
                               workspace: URL) throws(StoreLocationError) -> StoreLocation {
        if let database, storeFile != nil {
            throw StoreLocationError(text: database, reason: "give --database or --store, not both (--store FILE is --database sqlite:FILE)")
        }
        if let database { return try StoreLocation(parsing: database) }
        if let storeFile { return .sqlite(path: storeFile) }
        if let fromEnvironment = environment["CAIRN_DATABASE_URL"], !fromEnvironment.isEmpty {
            do {
                return try StoreLocation(parsing: fromEnvironment)
            } catch {
                throw StoreLocationError(text: "(CAIRN_DATABASE_URL) \(error.text)", reason: error.reason)
            }
        }
        return .sqlite(path: Workspace.defaultStore(in: workspace).path)
    }
}

extension StoreLocation {
    /// How messages name the store: a SQLite file as the workspace's paths are shown, PostgreSQL by its URL without the password.
    public var displayName: String {
        switch self {
        case .sqlite(let path): return DefinitionFiles.displayPath(URL(fileURLWithPath: path))
        case .postgres(let address): return address.description
        }
    }
}
