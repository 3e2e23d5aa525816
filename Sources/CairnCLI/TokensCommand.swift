public import ArgumentParser
import Cairn
import CairnReports
import CairnSyntax
import Foundation

/// `cairn tokens`: the server's API tokens, kept in the store (only their SHA-256).
struct TokensCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokens",
        abstract: "Create, list and revoke the server's API tokens (admin, registrar, hr, learner).",
        subcommands: [TokensCreateCommand.self, TokensListCommand.self, TokensRevokeCommand.self])
}

extension APIToken.Role: ExpressibleByArgument {}

struct TokensCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Create a token and print its secret once (the store keeps only its SHA-256).")

    @OptionGroup var workspace: WorkspaceOptions

    @Option(help: "What the token may see and do: admin, registrar, hr or learner.")
    var role: APIToken.Role

    @Option(help: ArgumentHelp("For a learner token: the learner (in the store) it speaks for.", valueName: "id"))
    var learner: String?

    @Option(help: ArgumentHelp("When it stops working: an ISO 8601 duration of days, weeks or hours (P90D, P12W, PT8H).", valueName: "duration"))
    var expires: String?

    @Option(help: ArgumentHelp("A note to tell tokens apart.", valueName: "text"))
    var label: String?

    func validate() throws {
        if role == .learner, learner == nil { throw ValidationError("a learner token names its learner: add --learner ID") }
        if role != .learner, learner != nil { throw ValidationError("--learner is for --role learner only") }
        if let expires, TokenLifetime(expires) == nil {
            throw ValidationError("--expires expects a duration such as P90D, P12W or PT8H, found \"\(expires)\"")
        }
    }

    func run() async throws {
        try await reportingFailures {
            let store = try workspace.openStore()
            if let learner, try store.learner(learner) == nil {
                let hint = ClosestIDs.hint(for: learner, among: try store.learners().map(\.id))
                throw CommandFailure(lines: ["unknown learner \"\(learner)\" in the store\(hint); import it first (cairn learners import)"], code: 64)
            }
            let expiry = expires.flatMap(TokenLifetime.init).map { Date().addingTimeInterval($0.seconds) }
            let (token, secret) = try store.createToken(role: role, learner: learner, label: label, expiresAt: expiry, now: Date())
            var note = "cairn: created \(token.role.rawValue) token \(token.id)"
            if let learner = token.learner { note += " for \(learner)" }
            if let expiry { note += ", expires \(ISO8601DateFormatter().string(from: expiry))" }
            FileHandle.standardError.write(Data((note + "; the secret below is shown once\n").utf8))
            emit(secret + "\n")
        }
    }
}

struct TokensListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Every token: id, role, learner, label, created, expiry, revoked.")

    @OptionGroup var workspace: WorkspaceOptions

    @Option(help: "Output format.")
    var format: OutputFormat = .text

    func run() async throws {
        try await reportingFailures {
            let tokens = try workspace.openStore().tokens()
            let formatter = ISO8601DateFormatter()
            switch format {
            case .json: emit(JSONValue.array(tokens.map { StoreListing.tokenJSON($0, now: Date()) }).serialized() + "\n")
            case .text:
                guard !tokens.isEmpty else { emit("no tokens (cairn serve creates an admin token on its first start)\n"); return }
                emit(TextTable(header: ["id", "role", "learner", "label", "created", "expires", "state"], rows: tokens.map { token in
                    [token.id, token.role.rawValue, token.learner ?? "", token.label ?? "", formatter.string(from: token.createdAt),
                     token.expiresAt.map(formatter.string(from:)) ?? "never",
                     token.revokedAt != nil ? "revoked" : token.isActive(at: Date()) ? "active" : "expired"]
                }).text)
            }
        }
    }
}

struct TokensRevokeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "revoke", abstract: "Revoke a token: it and every session signed in with it stop working at once.")

    @OptionGroup var workspace: WorkspaceOptions

    @Argument(help: "The token's id (t-…), as `tokens list` shows it.")
    var id: String

    func run() async throws {
        try await reportingFailures {
            guard try workspace.openStore().revokeToken(id, at: Date()) else {
                throw CommandFailure(lines: ["no token \"\(id)\" in the store (cairn tokens list shows them)"], code: 64)
            }
            emit("revoked \(id)\n")
        }
    }
}
