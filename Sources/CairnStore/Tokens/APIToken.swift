public import Foundation

/// An API token as the store keeps it: who it speaks for and until when, never its secret.
///
/// The secret is shown once, when the token is created; the store keeps only its SHA-256, so a
/// copy of the store does not give anyone access.
public struct APIToken: Sendable, Hashable, Identifiable {
    /// What a token may see and do.
    public enum Role: String, Sendable, CaseIterable, Codable {
        /// Everything, and the only role that manages tokens.
        case admin
        /// Learners, audits, credit transcripts and the decision log.
        case registrar
        /// Learners' role fit, matches and the matrix.
        case hr
        /// One learner's own records, audits, plans, renewals and uploads.
        case learner
    }

    /// The public part of the token (`t-` and 12 hex digits), safe to print and log.
    public var id: String
    public var role: Role
    /// The learner a `learner` token speaks for; nil for the other roles.
    public var learner: String?
    /// A note to tell tokens apart ("registry office laptop").
    public var label: String?
    public var createdAt: Date
    public var expiresAt: Date?
    public var revokedAt: Date?

    public init(id: String, role: Role, learner: String? = nil, label: String? = nil, createdAt: Date,
                expiresAt: Date? = nil, revokedAt: Date? = nil) {
        self.id = id
        self.role = role
        self.learner = learner
        self.label = label
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.revokedAt = revokedAt
    }

    /// Whether the token admits requests at `instant`: not revoked, and not expired.
    public func isActive(at instant: Date) -> Bool {
        if let revokedAt, revokedAt <= instant { return false }
        if let expiresAt, expiresAt <= instant { return false }
        return true
    }

    /// The token's id, when `secret` has the shape Cairn gives tokens (`cairn_<id>_<random>`).
    public static func id(inSecret secret: String) -> String? {
        let parts = secret.split(separator: "_", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "cairn", parts[1].hasPrefix("t-") else { return nil }
        return String(parts[1])
    }
}

extension APIToken {
    /// A new token and its secret, `cairn_<id>_<43 characters of base64url>`: 32 random bytes, so
    /// it cannot be guessed, with the public id inside so logs can name a token without revealing it.
    public static func generate(role: Role, learner: String?, label: String?, expiresAt: Date?, now: Date)
        -> (token: APIToken, secret: String) {
        var generator = SystemRandomNumberGenerator()
        let id = "t-" + (0..<6).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
        let random = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let secret = "cairn_\(id)_" + Data(random).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        let token = APIToken(id: id, role: role, learner: role == .learner ? learner : nil, label: label,
                             createdAt: now, expiresAt: expiresAt)
        return (token, secret)
    }
}
