public import Foundation
import Cairn
import CairnStore
import HTTPTypes
import Hummingbird
import HummingbirdAuth
import Logging
import ServiceLifecycle

/// `cairn serve`: the JSON API and the web pages over one workspace and one store.
///
/// The server holds no state of its own beyond what it loads at start: learners, decisions,
/// tokens and its signing keys live in the store, so several servers may share one store.
///
/// ```swift
/// let server = try CairnServer(configuration: ServerConfiguration(workspace: root, store: storeFile))
/// if let secret = try server.firstStart() { print("admin token: \(secret)") }
/// try await server.run { port in print("listening on \(port)") }
/// ```
public struct CairnServer: Sendable {
    let state: ServerState

    /// Loads the workspace and opens (or creates) the store.
    ///
    /// - Throws: ``WorkspaceError`` for a workspace that does not load, `StoreError` for a store
    ///   that cannot be opened.
    public init(configuration: ServerConfiguration) throws {
        state = try ServerState(configuration: configuration)
    }

    /// On the very first start (a store that has never held a token): imports the workspace's
    /// bundled learner records into the store and creates an administrator token, whose secret
    /// is returned to be shown once. Nil on every later start.
    ///
    /// - Parameter refused: told each learner file that could not be imported, with why (the
    ///   others are imported all the same).
    public func firstStart(refused: (_ file: String, _ problems: [String]) -> Void = { _, _ in }) throws -> String? {
        guard try state.store.tokens().isEmpty else { return nil }
        if try state.store.learnerCount() == 0 {
            let files = state.workspace.learners.compactMap { $0.source.map { URL(fileURLWithPath: $0.file) } }
            var batches: [EarningBatch] = []
            for file in files {
                let reading = state.workspace.readLearnerFile(at: file, settings: LearnerImportSettings(), store: state.store)
                if let batch = reading.batch, reading.problems.isEmpty {
                    batches.append(batch)
                } else {
                    refused(reading.file, reading.problems.map(\.description))
                }
            }
            _ = try state.store.importEarnings(batches)
        }
        return try state.store.createToken(role: .admin, label: "created on first start", now: Date()).secret
    }

    /// Serves until SIGTERM or SIGINT, then stops taking connections and lets the requests in
    /// flight finish. `onListening` is told the port once the server listens (the one the
    /// system chose when the configuration asked for port 0).
    public func run(onListening: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        try await application(onListening: onListening).runService()
    }

    /// The Hummingbird application, for a caller that runs it in its own service group (tests).
    func application(onListening: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol {
        var logger = Logger(label: "cairn.server")
        logger.logLevel = ProcessInfo.processInfo.environment["CAIRN_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        _ = ServerMetrics.registry
        return Application(
            router: Self.router(state),
            configuration: ApplicationConfiguration(address: .hostname(state.configuration.host, port: state.configuration.port),
                                                    serverName: "Cairn"),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? 0) },
            logger: logger)
    }

    static func router(_ state: ServerState) -> Router<CairnRequestContext> {
        let router = Router(context: CairnRequestContext.self, options: .autoGenerateHeadEndpoints)
        router.add(middleware: BlockingWorkMiddleware(executor: state.requestExecutor))
        router.add(middleware: RequestLogMiddleware())
        router.add(middleware: MetricsMiddleware())
        router.add(middleware: ErrorMiddleware(state: state))
        router.add(middleware: PrincipalMiddleware(state: state))
        router.add(middleware: SecurityHeadersMiddleware())
        for endpoint in Endpoint.all {
            router.on(RouterPath(endpoint.routerPath), method: endpoint.method) { request, context in
                try endpoint.check(request, context: context, state: state)
                return try await endpoint.handler(request, context, state)
            }
        }
        return router
    }
}

extension Endpoint {
    /// Refuses a request the endpoint's access does not admit: 401 without a token, 403 with
    /// the wrong one; and a change made through the pages' session without the CSRF token.
    func check(_ request: Request, context: CairnRequestContext, state: ServerState) throws {
        let pathLearner = context.parameters.get("learner")
        guard access.admits(context.identity, pathLearner: pathLearner) else {
            guard let principal = context.identity else { throw APIError.unauthorized }
            if case .learner = access, principal.role == .learner { throw APIError.forbiddenLearner }
            throw APIError.forbidden
        }
        // The pages check their forms' token themselves (PageForm); an API call that rides on
        // the session cookie must send it as a header.
        if isAPI, changesState, context.identity?.viaSession == true {
            try PageForm.checkCSRF(HTTPField.Name("X-CSRF-Token").flatMap { request.headers[$0] }, context: context, state: state)
        }
    }
}
