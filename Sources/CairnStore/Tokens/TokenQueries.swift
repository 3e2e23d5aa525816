import Crypto
public import Foundation
import GRDB

extension SQLiteStore {
    /// Creates a token and returns it with its secret, which is never stored nor shown again
    /// (see ``APIToken/generate(role:learner:label:expiresAt:now:)``).
    public func createToken(role: APIToken.Role, learner: String? = nil, label: String? = nil, expiresAt: Date? = nil,
                            now: Date) throws -> (token: APIToken, secret: String) {
        let (token, secret) = APIToken.generate(role: role, learner: learner, label: label, expiresAt: expiresAt, now: now)
        try writing { db in
            try db.execute(sql: """
                INSERT INTO api_token (id, secretSHA256, role, learner, label, createdAt, expiresAt)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [token.id, Data(SHA256.hash(data: Array(secret.utf8))), token.role.rawValue, token.learner,
                                 token.label, Int64(now.timeIntervalSince1970), expiresAt.map { Int64($0.timeIntervalSince1970) }])
        }
        return (token, secret)
    }

    /// The active token whose secret this is, or nil (unknown, revoked or expired).
    ///
    /// The lookup is by the secret's SHA-256, so the comparison never touches the secret itself.
    public func token(forSecret secret: String, at instant: Date) throws -> APIToken? {
        guard secret.utf8.count <= 256 else { return nil }
        let digest = Data(SHA256.hash(data: Array(secret.utf8)))
        let found = try reading { db in
            try Row.fetchOne(db, sql: "SELECT \(Self.tokenColumns) FROM api_token WHERE secretSHA256 = ?", arguments: [digest])
                .flatMap(Self.token(from:))
        }
        guard let found, found.isActive(at: instant) else { return nil }
        return found
    }

    /// The token with this public id, active or not (a session cookie names its token by id).
    public func token(id: String) throws -> APIToken? {
        try reading { db in
            try Row.fetchOne(db, sql: "SELECT \(Self.tokenColumns) FROM api_token WHERE id = ?", arguments: [id]).flatMap(Self.token(from:))
        }
    }

    /// Every token, revoked and expired ones too, oldest first.
    public func tokens() throws -> [APIToken] {
        try reading { db in
            try Row.fetchAll(db, sql: "SELECT \(Self.tokenColumns) FROM api_token ORDER BY createdAt, id").compactMap(Self.token(from:))
        }
    }

    /// Revokes a token; false when no token has that id. Revoking twice keeps the first time.
    @discardableResult
    public func revokeToken(_ id: String, at instant: Date) throws -> Bool {
        try writing { db in
            try db.execute(sql: "UPDATE api_token SET revokedAt = coalesce(revokedAt, ?) WHERE id = ?",
                           arguments: [Int64(instant.timeIntervalSince1970), id])
            return db.changesCount > 0
        }
    }

    /// A named server secret of 32 random bytes, made the first time it is asked for and the same
    /// ever after (for every process that shares the store).
    public func serverSecret(_ name: String) throws -> [UInt8] {
        try writing { db in
            var generator = SystemRandomNumberGenerator()
            let fresh = Data((0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) })
            try db.execute(sql: "INSERT OR IGNORE INTO server_secret (name, value) VALUES (?, ?)", arguments: [name, fresh])
            let value = try Data.fetchOne(db, sql: "SELECT value FROM server_secret WHERE name = ?", arguments: [name])
            return Array(value ?? fresh)
        }
    }

    private static let tokenColumns = "id, role, learner, label, createdAt, expiresAt, revokedAt"

    private static func token(from row: Row) -> APIToken? {
        guard let id: String = row["id"], let roleName: String = row["role"], let role = APIToken.Role(rawValue: roleName),
              let created: Int64 = row["createdAt"] else { return nil }
        func date(_ seconds: Int64?) -> Date? { seconds.map { Date(timeIntervalSince1970: TimeInterval($0)) } }
        return APIToken(id: id, role: role, learner: row["learner"], label: row["label"],
                        createdAt: Date(timeIntervalSince1970: TimeInterval(created)),
                        expiresAt: date(row["expiresAt"]), revokedAt: date(row["revokedAt"]))
    }
}
