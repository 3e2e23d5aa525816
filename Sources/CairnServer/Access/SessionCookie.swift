import Foundation

/// The web pages' session: a cookie naming the token signed in with, until when, and a signature.
///
/// Nothing of the session is kept on the server, so any number of servers sharing the store
/// accept it; revoking the token ends every session made with it at once, because each request
/// looks the token up again. The token's secret is never put in the cookie.
struct SessionCookie: Sendable {
    static let name = "cairn_session"
    /// How long a sign-in lasts.
    static let lifetime: TimeInterval = 8 * 3600

    var tokenID: String
    var expires: Date

    /// The cookie's value: `<token id>.<expiry, Unix seconds>.<signature>`.
    func value(signedWith key: ServerSecret) -> String {
        let body = "\(tokenID).\(Int64(expires.timeIntervalSince1970))"
        return body + "." + key.sign("session." + body)
    }

    /// The session a cookie value states, when its signature holds and it has not expired.
    init?(value: String, key: ServerSecret, now: Date) {
        let parts = value.split(separator: ".", omittingEmptySubsequences: false)
        guard value.utf8.count < 256, parts.count == 3, let seconds = Int64(parts[1]) else { return nil }
        let body = "\(parts[0]).\(parts[1])"
        guard key.verify(String(parts[2]), of: "session." + body) else { return nil }
        let expires = Date(timeIntervalSince1970: TimeInterval(seconds))
        guard expires > now else { return nil }
        tokenID = String(parts[0])
        self.expires = expires
    }

    init(tokenID: String, expires: Date) {
        self.tokenID = tokenID
        self.expires = expires
    }

    /// The token every form of this session must carry (the CSRF defence): tied to the cookie,
    /// so a page from another site cannot know it.
    static func csrfToken(forCookie value: String, key: ServerSecret) -> String {
        key.sign("csrf." + value)
    }
}
