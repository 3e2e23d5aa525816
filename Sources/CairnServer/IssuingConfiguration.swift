public import Cairn

/// How `cairn serve` issues credentials over the API (`POST /v1/issue`, revoking): the issuer's
/// signing key, the format credentials are written in, and the status list they get an entry in.
///
/// The private key stays in memory: it never appears in a description, a log line, an error or
/// a response (only its id does).
public struct IssuingConfiguration: Sendable, CustomStringConvertible {
    /// The issuer's private key (`cairn serve --issuer-key FILE`).
    public var key: SigningKey
    /// `ob3-json` (a Data Integrity proof, Ed25519 keys) or `vc-jwt`.
    public var format: IssuedCredentialFormat
    /// The URL of a status list in the store (`cairn status-list create`) that issued
    /// credentials get an entry in; it must exist when the server starts.
    public var statusList: String?

    public init(key: SigningKey, format: IssuedCredentialFormat = .openBadgesJSON, statusList: String? = nil) {
        self.key = key
        self.format = format
        self.statusList = statusList
    }

    /// The key's id, the format and the list: never the key itself.
    public var description: String {
        "issuing \(format.rawValue) with the key \(key.id)" + (statusList.map { ", status list \($0)" } ?? "")
    }
}

/// Why the server cannot start with its issuing configuration: the message says what to change.
public struct IssuingConfigurationError: Error, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
