public import Foundation

/// Where a store is: a SQLite file, or a PostgreSQL database given by URL.
///
/// Written as `sqlite:PATH` (or a bare path) and `postgres://USER:PASSWORD@HOST:PORT/DATABASE`
/// (`postgresql://` too), with optional `?sslmode=disable|prefer|require` and `?pool=N` (how
/// many connections a process keeps; default 4) — the forms `--database` and
/// `CAIRN_DATABASE_URL` take.
public enum StoreLocation: Sendable, Hashable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(PostgresAddress)

    /// Reads a `--database` value.
    public init(parsing text: String) throws(StoreLocationError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("postgres://") || trimmed.hasPrefix("postgresql://") {
            self = .postgres(try PostgresAddress(parsing: trimmed))
        } else if trimmed.hasPrefix("sqlite:") {
            var path = String(trimmed.dropFirst("sqlite:".count))
            // sqlite:///abs/path and sqlite://rel are read as paths too.
            if path.hasPrefix("//") { path = String(path.dropFirst(2)) }
            guard !path.isEmpty else { throw StoreLocationError(text: text, reason: "sqlite: needs a file path, as in sqlite:.cairn/store.sqlite") }
            self = .sqlite(path: path)
        } else if let scheme = trimmed.range(of: "://").map({ String(trimmed[..<$0.lowerBound]) }), !scheme.contains("/") {
            throw StoreLocationError(text: text, reason: "unknown database kind \"\(scheme)\"; use sqlite:PATH or postgres://HOST/DATABASE")
        } else {
            guard !trimmed.isEmpty else { throw StoreLocationError(text: text, reason: "the database is empty; use sqlite:PATH or postgres://HOST/DATABASE") }
            self = .sqlite(path: trimmed)
        }
    }

    /// The file path or the URL without its password: what messages and logs show.
    public var description: String {
        switch self {
        case .sqlite(let path): return path
        case .postgres(let address): return address.description
        }
    }

    /// Whether the store is a database shared between machines (PostgreSQL), rather than a file
    /// of this one: a shared store always exists, a file may not yet.
    public var isShared: Bool {
        if case .postgres = self { return true }
        return false
    }

    /// Whether there is a store here already: the SQLite file exists, or it is a PostgreSQL database.
    public var exists: Bool {
        switch self {
        case .sqlite(let path): return FileManager.default.fileExists(atPath: path)
        case .postgres: return true
        }
    }
}

/// A PostgreSQL server and database, from a `postgres://` URL.
public struct PostgresAddress: Sendable, Hashable, CustomStringConvertible {
    /// A host name or address, or the folder of a Unix socket (a path starting with `/`).
    public var host: String
    public var port: Int
    public var user: String
    public var password: String?
    public var database: String
    /// `disable`, `prefer` or `require`.
    public var sslMode: String
    /// How many connections one process keeps open.
    public var poolSize: Int

    public init(host: String, port: Int = 5432, user: String, password: String? = nil, database: String,
                sslMode: String = "prefer", poolSize: Int = 4) {
        self.host = host
        self.port = port
        self.user = user
        self.password = password
        self.database = database
        self.sslMode = sslMode
        self.poolSize = poolSize
    }

    /// Reads a `postgres://` URL; the host may be given as `?host=/socket/folder` instead.
    public init(parsing text: String) throws(StoreLocationError) {
        guard let components = URLComponents(string: text) else {
            throw StoreLocationError(text: text, reason: "not a URL; write postgres://USER:PASSWORD@HOST:PORT/DATABASE")
        }
        let query = Dictionary((components.queryItems ?? []).map { ($0.name, $0.value ?? "") }) { _, last in last }
        for name in query.keys where !["sslmode", "pool", "host", "user", "password"].contains(name) {
            throw StoreLocationError(text: Self.hidingPassword(text), reason: "unknown option \"\(name)\"; known: host, password, pool, sslmode, user")
        }
        let host = query["host"] ?? components.host.map { $0.removingPercentEncoding ?? $0 } ?? ""
        guard !host.isEmpty else {
            throw StoreLocationError(text: Self.hidingPassword(text), reason: "the URL names no host; write postgres://USER@HOST:PORT/DATABASE")
        }
        let database = String(components.path.drop { $0 == "/" }).removingPercentEncoding ?? ""
        let user = query["user"] ?? components.user?.removingPercentEncoding ?? "postgres"
        let sslMode = query["sslmode"] ?? (host.hasPrefix("/") ? "disable" : "prefer")
        guard ["disable", "prefer", "require"].contains(sslMode) else {
            throw StoreLocationError(text: Self.hidingPassword(text), reason: "sslmode must be disable, prefer or require, not \"\(sslMode)\"")
        }
        if let port = components.port, !(1...65_535).contains(port) {
            throw StoreLocationError(text: Self.hidingPassword(text), reason: "the port must be 1 to 65535, not \(port)")
        }
        var poolSize = 4
        if let pool = query["pool"] {
            guard let size = Int(pool), (1...64).contains(size) else {
                throw StoreLocationError(text: Self.hidingPassword(text), reason: "pool must be a number of connections from 1 to 64, not \"\(pool)\"")
            }
            poolSize = size
        }
        self.init(host: host, port: components.port ?? 5432, user: user,
                  password: query["password"] ?? components.password?.removingPercentEncoding,
                  database: database.isEmpty ? user : database, sslMode: sslMode, poolSize: poolSize)
    }

    /// The URL without its password.
    public var description: String {
        let where_ = host.hasPrefix("/") ? "/\(database)?host=\(host)" : "\(host.contains(":") ? "[\(host)]" : host):\(port)/\(database)"
        return "postgres://\(user)@\(where_)"
    }

    static func hidingPassword(_ text: String) -> String {
        guard var components = URLComponents(string: text), components.password != nil else { return text }
        components.password = "…"
        return components.string ?? text
    }
}

/// Why a `--database` value cannot be used.
public struct StoreLocationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The value, its password hidden.
    public var text: String
    public var reason: String

    public init(text: String, reason: String) {
        self.text = text
        self.reason = reason
    }

    public var description: String { "--database \(text): \(reason)" }
}
