public import CairnStore
public import Foundation

/// Where `cairn serve` finds its workspace and store, where it listens, and how much a request may send.
public struct ServerConfiguration: Sendable {
    /// The workspace folder served (frameworks, pathways, badge catalogues, policies, roles).
    public var workspace: URL
    /// The store (learners, decisions, tokens): a SQLite file, made with its folder when
    /// missing, or a PostgreSQL database several servers share.
    public var store: StoreLocation
    /// The address to listen on: loopback unless asked otherwise.
    public var host: String
    /// The port; 0 asks the system for a free one (``CairnServer/run(onListening:)`` says which).
    public var port: Int
    /// Set the `Secure` flag on the session cookie: for a server behind a TLS-terminating proxy.
    public var secureCookies: Bool
    /// The largest request body accepted (uploads included); larger ones are answered 413.
    public var maxBodyBytes: Int
    /// Who an uploaded credential's recipient is, beyond the learner's own id and e-mail (a DID,
    /// a hashed e-mail): pairs of recipient identity and learner id, as `learners import --recipients` reads them.
    public var recipients: [(identity: String, learner: String)]
    /// Issuing credentials over the API; nil (the default) for a server that issues none, whose
    /// issuing routes answer 409 `issuing_not_configured`.
    public var issuing: IssuingConfiguration?

    public init(workspace: URL, store: StoreLocation, host: String = "127.0.0.1", port: Int = 8080, secureCookies: Bool = false,
                maxBodyBytes: Int = 8 << 20, recipients: [(identity: String, learner: String)] = [],
                issuing: IssuingConfiguration? = nil) {
        self.recipients = recipients
        self.issuing = issuing
        self.workspace = workspace
        self.store = store
        self.host = host
        self.port = port
        self.secureCookies = secureCookies
        self.maxBodyBytes = maxBodyBytes
    }
}
