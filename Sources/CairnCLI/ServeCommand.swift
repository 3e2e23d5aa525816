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
            create more with `cairn tokens create`. SIGTERM or SIGINT stops it gracefully: no new \
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

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port is 0 to 65535, found \(port)") }
        guard (1_024...(1 << 30)).contains(maxBody) else { throw ValidationError("--max-body is 1024 to 1073741824 bytes, found \(maxBody)") }
    }

    func run() async throws {
        try await reportingFailures {
            let store = try workspace.storeLocation
            let configuration = ServerConfiguration(workspace: workspace.workspaceURL, store: store, host: host, port: port,
                                                    secureCookies: secureCookies, maxBodyBytes: maxBody,
                                                    recipients: try recipients.map { try LearnerImportSettings.recipients(at: URL(fileURLWithPath: $0)) } ?? [])
            let server = try CairnServer(configuration: configuration)
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
                emit("Cairn is serving \(workspace.workspaceURL.standardizedFileURL.path) at http://\(host):\(port)/\n")
            }
        }
    }
}
