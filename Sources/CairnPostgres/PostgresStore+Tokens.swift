public import CairnStore
import Crypto
public import Foundation
import PostgresNIO

extension PostgresStore {
    public func createToken(role: APIToken.Role, learner: String?, label: String?, expiresAt: Date?, now: Date) throws
        -> (token: APIToken, secret: String) {
        let (token, secret) = APIToken.generate(role: role, learner: learner, label: label, expiresAt: expiresAt, now: now)
        let digest = ByteBuffer(bytes: SHA256.hash(data: Array(secret.utf8)))
        let created = Int64(now.timeIntervalSince1970)
        let expires = expiresAt.map { Int64($0.timeIntervalSince1970) }
        try withSession { session in
            try session.query("""
                INSERT INTO api_token (id, secret_sha256, role, learner, label, created_at, expires_at)
                VALUES (\(token.id), \(digest), \(token.role.rawValue), \(token.learner), \(token.label), \(created), \(expires))
                """)
        }
        return (token, secret)
    }

    public func token(forSecret secret: String, at instant: Date) throws -> APIToken? {
        guard secret.utf8.count <= 256 else { return nil }
        let digest = ByteBuffer(bytes: SHA256.hash(data: Array(secret.utf8)))
        let found = try withSession { session in
            try session.query("SELECT \(unescaped: Self.tokenColumns) FROM api_token WHERE secret_sha256 = \(digest)").first.flatMap(Self.token)
        }
        guard let found, found.isActive(at: instant) else { return nil }
        return found
    }

    public func token(id: String) throws -> APIToken? {
        try withSession { session in
            try session.query("SELECT \(unescaped: Self.tokenColumns) FROM api_token WHERE id = \(id)").first.flatMap(Self.token)
        }
    }

    public func tokens() throws -> [APIToken] {
        try withSession { session in
            try session.query("SELECT \(unescaped: Self.tokenColumns) FROM api_token ORDER BY created_at, id").compactMap(Self.token)
        }
    }

    @discardableResult
    public func revokeToken(_ id: String, at instant: Date) throws -> Bool {
        let seconds = Int64(instant.timeIntervalSince1970)
        return try withSession { session in
            try session.update("UPDATE api_token SET revoked_at = coalesce(revoked_at, \(seconds)) WHERE id = \(id)") > 0
        }
    }

    public func serverSecret(_ name: String) throws -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        let fresh = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return try withSession { session in
            // The first process to ask makes the secret; every other one, at once or later, reads that one.
            try session.query("INSERT INTO server_secret (name, value) VALUES (\(name), \(ByteBuffer(bytes: fresh))) ON CONFLICT (name) DO NOTHING")
            guard let value = try session.query("SELECT value FROM server_secret WHERE name = \(name)").first?.decode(ByteBuffer.self) else {
                return fresh
            }
            return Array(value.readableBytesView)
        }
    }

    private static let tokenColumns = "id, role, learner, label, created_at, expires_at, revoked_at"

    private static func token(_ row: PostgresRow) throws -> APIToken? {
        let (id, roleName, learner, label, created, expires, revoked) =
            try row.decode((String, String, String?, String?, Int64, Int64?, Int64?).self)
        guard let role = APIToken.Role(rawValue: roleName) else { return nil }
        func date(_ seconds: Int64?) -> Date? { seconds.map { Date(timeIntervalSince1970: TimeInterval($0)) } }
        return APIToken(id: id, role: role, learner: learner, label: label,
                        createdAt: Date(timeIntervalSince1970: TimeInterval(created)), expiresAt: date(expires),
                        revokedAt: date(revoked))
    }
}
