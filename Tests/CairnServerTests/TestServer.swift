@testable import CairnServer
import Cairn
import CairnStore
import CairnTestSupport
import Foundation
import ServiceLifecycle
import Logging

/// A real Cairn server on a free loopback port, over a copy of the bundled workspace with one
/// extra learner (`ada`, no badges) and a recipients list tying `did:example:amara` to her, and
/// a token of every role.
///
/// With `issuing`, the server issues credentials; its status list (if it names one) is created
/// in the store first, for Example University, unless `createStatusList` is false.
final class TestServer: Sendable {
    let folder: URL
    let port: Int
    let store: SQLiteStore
    let tokens: [String: String]
    private let group: ServiceGroup
    private let task: Task<Void, any Error>

    var client: HTTPClient { HTTPClient(port: port) }

    static func start(issuing: IssuingConfiguration? = nil, createStatusList: Bool = true) async throws -> TestServer {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cairn-server-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in ["Pathways", "Frameworks"] {
            try FileManager.default.copyItem(at: CairnProcess.packageRoot.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        try "learner: ada\nbadges: []\n".write(to: folder.appendingPathComponent("Pathways/learners/ada.yaml"), atomically: true, encoding: .utf8)
        let storeURL = folder.appendingPathComponent(".cairn/store.sqlite")
        if let issuing, let url = issuing.statusList, createStatusList {
            let keeper = try StatusListKeeper(store: try SQLiteStore(path: storeURL.path), key: issuing.key)
            _ = try keeper.create(url: url, issuer: Issuer(id: "https://example.edu", name: "Example University"), at: "2026-12-01T09:00:00Z")
        }
        let configuration = ServerConfiguration(workspace: folder, store: .sqlite(path: storeURL.path), port: 0,
                                                recipients: [(identity: "did:example:amara", learner: "ada")], issuing: issuing)
        let server = try CairnServer(configuration: configuration)
        guard let admin = try server.firstStart() else { throw HTTPClient.ClientError("no admin token on first start") }
        let store = try SQLiteStore(path: storeURL.path)
        var tokens = ["admin": admin]
        tokens["registrar"] = try store.createToken(role: .registrar, now: Date()).secret
        tokens["hr"] = try store.createToken(role: .hr, now: Date()).secret
        tokens["chen"] = try store.createToken(role: .learner, learner: "chen", now: Date()).secret
        tokens["bruno"] = try store.createToken(role: .learner, learner: "bruno", now: Date()).secret
        tokens["ada"] = try store.createToken(role: .learner, learner: "ada", now: Date()).secret
        let ports = AsyncStream<Int>.makeStream()
        let application = server.application { port in ports.continuation.yield(port) }
        var logger = Logger(label: "cairn.test")
        logger.logLevel = .warning
        let group = ServiceGroup(configuration: .init(services: [application], logger: logger))
        let task = Task { try await group.run() }
        var iterator = ports.stream.makeAsyncIterator()
        guard let port = await iterator.next() else { throw HTTPClient.ClientError("the server did not start") }
        return TestServer(folder: folder, port: port, store: store, tokens: tokens, group: group, task: task)
    }

    private init(folder: URL, port: Int, store: SQLiteStore, tokens: [String: String], group: ServiceGroup, task: Task<Void, any Error>) {
        self.folder = folder
        self.port = port
        self.store = store
        self.tokens = tokens
        self.group = group
        self.task = task
    }

    func stop() async {
        await group.triggerGracefulShutdown()
        _ = try? await task.value
        try? FileManager.default.removeItem(at: folder)
    }

    /// A request with the bearer token of `who` (a role name or a learner id), or none.
    func send(_ method: String, _ target: String, as who: String?, headers: [String: String] = [:], body: [UInt8] = []) async throws -> HTTPClient.Reply {
        var headers = headers
        if let who, let token = tokens[who] { headers["Authorization"] = "Bearer \(token)" }
        return try await client.sendAsync(method, target, headers: headers, body: body)
    }

    /// What posting the sign-in form takes, as a browser that opened the sign-in page sends it:
    /// the form's nonce in the body and in its cookie.
    func signInForm(_ fields: String) async throws -> (headers: [String: String], body: [UInt8]) {
        let page = try await client.sendAsync("GET", "/signin")
        let nonce = page.text.firstMatch(of: /name="signin" value="([^"]+)"/).map { String($0.1) } ?? ""
        return (["Content-Type": "application/x-www-form-urlencoded", "Cookie": "cairn_signin=\(nonce)"],
                Array("\(fields)&signin=\(nonce)".utf8))
    }
}
