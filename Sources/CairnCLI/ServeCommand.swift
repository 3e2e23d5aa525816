import ArgumentParser
import Cairn
import CairnServer
import Foundation

/// `cairn serve`: the HTTP API and the web pages over a workspace and its store.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the JSON API and the web pages for learners, registrars and HR.",
        discussion: """
            Serves the workspace on loopback by default. On the first start it imports the \
            workspace's learner records into the store and prints an administrator token once; \
            create more with `cairn tokens create`. With --issuer-key it also issues credentials over \
            the API as `cairn issue` does, and revokes them as `cairn status-list revoke` does; every \
            status list in the store is published at /v1/status-lists/NAME (NAME: the last segment of \
            its URL). SIGTERM or SIGINT stops it gracefully: no new \
            connections, requests in flight finish.
            """)

    @OptionGroup var workspace: WorkspaceOptions

    @Option(help: ArgumentHelp("The address to listen on.", valueName: "address"))
    var host: String = "127.0.0.1"

    @Option(help: ArgumentHelp("The port to listen on (0: any free port, printed when listening).", valueName: "port"))
    var port: Int = 8080

    @Flag(name: .customLong("secure-cookies"), help: "Mark the session cookie Secure (behind a TLS-terminating proxy).")
    var secureCookies = false

    @Option(name: .customLong("max-body"), help: ArgumentHelp("The largest request body accepted, in bytes (uploads included).", valueName: "bytes"))
    var maxBody: Int = 8 << 20

    @Option(help: ArgumentHelp("A CSV of recipient identities (DIDs, e-mails, hashed recipients) and the learners they are (columns recipient, learner), for uploaded credentials.", valueName: "csv"))
    var recipients: String?

    @Option(name: .customLong("issuer-key"),
            help: ArgumentHelp("The issuer's private key file (as `cairn keys generate` writes it): enables issuing over the API (POST /v1/issue, revoking).",
                               valueName: "file"))
    var issuerKey: String?

    @Option(name: .customLong("issue-format"), help: "How issued credentials are written: ob3-json (an eddsa-rdfc-2022 proof) or vc-jwt (a compact JWS).")
    var issueFormat: IssuedCredentialFormat = .openBadgesJSON

    @Option(name: .customLong("status-list"),
            help: ArgumentHelp("A status list in the store (its URL, made with `cairn status-list create`) that issued credentials get an entry in.",
                               valueName: "url"))
    var statusList: String?

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port is 0 to 65535, found \(port)") }
        guard (1_024...(1 << 30)).contains(maxBody) else { throw ValidationError("--max-body is 1024 to 1073741824 bytes, found \(maxBody)") }
        if issuerKey == nil, statusList != nil {
            throw ValidationError("--status-list is for issuing, which needs the issuer's key: give --issuer-key FILE too")
        }
    }

    func run() async throws {
        try await reportingFailures {
            let store = try workspace.storeLocation
            // The key is read with the CLI's own reader: its errors name the file, never its contents.
            let issuing = try issuerKey.map { path in
                IssuingConfiguration(key: try IssueCommand.readKey(path), format: issueFormat, statusList: statusList)
            }
            let configuration = ServerConfiguration(workspace: workspace.workspaceURL, store: store, host: host, port: port,
                                                    secureCookies: secureCookies, maxBodyBytes: maxBody,
                                                    recipients: try recipients.map { try LearnerImportSettings.recipients(at: URL(fileURLWithPath: $0)) } ?? [],
                                                    issuing: issuing)
            let server: CairnServer
            do {
                server = try CairnServer(configuration: configuration)
            } catch let error as IssuingConfigurationError {
                throw CommandFailure(lines: [error.description], code: 64)
            }
            let refusal = { (file: String, problems: [String]) in
                FileHandle.standardError.write(Data("cairn: \(file) was not imported: \(problems.joined(separator: "; "))\n".utf8))
            }
            if let secret = try server.firstStart(refused: refusal) {
                emit("""
                    First start: the workspace's learners were imported into \(store).
                    Administrator token (shown once; keep it safe, or revoke it with `cairn tokens revoke`):

                        \(secret)


                    """)
            }
            let host = host
            try await server.run { port in
                emit("Cairn is serving \(workspace.workspaceURL.standardizedFileURL.path) at http://\(host):\(port)/\n"
                     + (issuing.map { "It is \($0).\n" } ?? ""))
            }
        }
    }
}
