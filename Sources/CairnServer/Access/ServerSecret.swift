@preconcurrency import Crypto
import Foundation

/// A server secret used to sign what the server hands out and must recognise later without
/// storing it: session cookies, their CSRF tokens and learners' calendar feed addresses.
///
/// The key lives in the store, so every `cairn serve` sharing the store signs alike.
struct ServerSecret: Sendable {
    private let key: SymmetricKey

    init(_ bytes: [UInt8]) {
        key = SymmetricKey(data: bytes)
    }

    /// The signature of `message`, base64url without padding (43 characters).
    func sign(_ message: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Array(message.utf8), using: key)
        return Self.base64URL(Array(mac))
    }

    /// Whether `signature` is `message`'s, compared in constant time.
    func verify(_ signature: String, of message: String) -> Bool {
        let expected = Array(sign(message).utf8)
        let given = Array(signature.utf8)
        guard expected.count == given.count else { return false }
        return zip(expected, given).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    static func base64URL(_ bytes: [UInt8]) -> String {
        var text = Data(bytes).base64EncodedString()
        text = text.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        while text.hasSuffix("=") { text.removeLast() }
        return text
    }
}
