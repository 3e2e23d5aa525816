import CairnStore
import Foundation
import NIOConcurrencyHelpers

/// Answers kept in memory while the store does not change: the tokens requests carry and the
/// JSON of the reports asked for. Any change to the store — a new earning, a revoked token, a
/// decision, by this server or another process — moves the store's version (``StoreChanges``)
/// and empties the cache before the next request is answered, so a cached answer is always the
/// one a fresh computation would give. The workspace itself is loaded once per server.
final class ServerCache: Sendable {
    /// Beyond this many bytes of kept answers, everything is dropped and kept afresh.
    static let byteLimit = 64 << 20

    private struct State {
        var version: Int64 = -1
        var tokens: [String: APIToken] = [:]
        var answers: [String: String] = [:]
        var bytes = 0
    }

    private let state = NIOLockedValueBox(State())

    /// Empties the cache when the store's version moved since the last request.
    func observe(version: Int64) {
        state.withLockedValue { state in
            if state.version != version { state = State(version: version) }
        }
    }

    /// The token kept for this secret's digest (its expiry is checked by the caller).
    func token(_ digest: String) -> APIToken? {
        state.withLockedValue { $0.tokens[digest] }
    }

    func keep(token: APIToken, for digest: String, version: Int64) {
        state.withLockedValue { state in
            guard state.version == version, state.tokens.count < 10_000 else { return }
            state.tokens[digest] = token
        }
    }

    /// The kept answer for `key`, or `compute`'s, kept for next time when the store has not
    /// moved meanwhile.
    func answer(_ key: String, version: Int64, _ compute: () throws -> String) rethrows -> String {
        if let kept = state.withLockedValue({ $0.version == version ? $0.answers[key] : nil }) { return kept }
        let fresh = try compute()
        state.withLockedValue { state in
            guard state.version == version else { return }
            if state.bytes + fresh.utf8.count > Self.byteLimit { state = State(version: version) }
            state.answers[key] = fresh
            state.bytes += fresh.utf8.count + key.utf8.count
        }
        return fresh
    }
}
