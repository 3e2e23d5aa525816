import HTTPTypes
import Hummingbird
import HummingbirdAuth

/// The context every request carries through Cairn's middleware and handlers: who it speaks for.
struct CairnRequestContext: AuthRequestContext, RequestContext {
    var coreContext: CoreRequestContextStorage
    /// The token's principal; nil when the request carried none (or an invalid one).
    var identity: Principal?
    /// The session cookie's value, when the request was signed in through the pages (for CSRF).
    var sessionCookie: String?
    /// The store's version when the request came in (``StoreChanges``): answers kept for it are current.
    var storeVersion: Int64 = -1
    /// The largest body a request may send; set from the server's configuration.
    var bodyLimit: Int = 8 << 20

    init(source: Source) {
        coreContext = .init(source: source)
    }

    var maxUploadSize: Int { bodyLimit }
}

extension CairnRequestContext {
    /// Who a job or decision is recorded as submitted by: the token that asked.
    var submitter: String? { identity.map { "token \($0.tokenID)" } }
}
