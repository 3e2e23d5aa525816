import ArgumentParser
import Cairn
import Foundation

/// `cairn status-list`: the issuer's W3C Bitstring Status Lists, kept in the store.
struct StatusListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status-list",
        abstract: "Keep the status lists that revoke issued credentials: create one, revoke a credential, publish the signed list.",
        discussion: """
            A status list is a signed credential whose encodedList is a GZIP-compressed bitstring (base64url): \
            each credential issued with --status-list has a bit in it, and revoking sets that bit. The store \
            keeps each list and its latest signed form; `publish` writes it to the file the issuer serves at \
            the list's URL. `cairn verify --status-lists DIR` reads such files and reports a revoked credential.
            """,
        subcommands: [StatusListCreateCommand.self, StatusListRevokeCommand.self, StatusListPublishCommand.self,
                      StatusListListCommand.self])
}

/// `cairn status-list create`.
struct StatusListCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create", abstract: "Create a status list (all entries clear), sign it and keep it in the store.")

    @OptionGroup var workspace: WorkspaceOptions

    @Option(help: ArgumentHelp("The https URL the list will be published at: its id.", valueName: "url"))
    var url: String

    @Option(help: ArgumentHelp("The issuer (its id in the badge catalogues); by default the one the key belongs to.", valueName: "id"))
    var issuer: String?

    @Option(help: ArgumentHelp("The number of entries (at least 131072, the W3C minimum, so an index tells nobody whose it is).", valueName: "n"))
    var size = StatusListBitstring.minimumBits

    @Option(help: ArgumentHelp("The issuer's Ed25519 private key file.", valueName: "file"))
    var key: String

    func run() async throws {
        try await reportingFailures {
            let signingKey = try IssueCommand.readKey(key)
            let loaded = try workspace.load()
            let issuers = Dictionary(loaded.catalog.badgeCatalogs.map { ($0.issuer.id, $0.issuer) }) { first, _ in first }
            let chosen: Issuer
            if let issuer {
                guard let known = issuers[issuer] else {
                    throw CommandFailure(lines: ["unknown issuer \"\(issuer)\"" + ClosestIDs.hint(for: issuer, among: issuers.keys)], code: 64)
                }
                chosen = known
            } else {
                let owning = issuers.values.filter { signingKey.id.hasPrefix($0.id) }.sorted { $0.id.count > $1.id.count }
                guard let first = owning.first else {
                    throw CommandFailure(lines: ["the key \(signingKey.id) is under no issuer of the workspace; give --issuer ID"], code: 64)
                }
                chosen = first
            }
            let keeper = try failing { () throws(IssuingFailure) in try StatusListKeeper(store: try openStore(), key: signingKey) }
            _ = try failing { () throws(IssuingFailure) in
                try keeper.create(url: url, issuer: chosen, size: size, at: IssueCommand.timestamp(Date()))
            }
            emit("created \(url): \(size.groupedDigits) entries for \(chosen.id); publish it with cairn status-list publish \(url) --out FILE\n")
        }
    }

    private func openStore() throws(IssuingFailure) -> any Store {
        do { return try workspace.openStore() } catch { throw .store("\(error)") }
    }
}

/// `cairn status-list revoke`.
struct StatusListRevokeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke", abstract: "Revoke an issued credential: set its bit in its status list and sign the list again.")

    @OptionGroup var workspace: WorkspaceOptions

    @Argument(help: ArgumentHelp("The issued credential's id (urn:uuid:…).", valueName: "credential-id"))
    var credential: String

    @Option(help: ArgumentHelp("Why, for the store's record.", valueName: "text"))
    var reason: String?

    @Option(help: ArgumentHelp("The Ed25519 private key file the list is signed with.", valueName: "file"))
    var key: String

    func run() async throws {
        try await reportingFailures {
            let signingKey = try IssueCommand.readKey(key)
            let store = try workspace.openStore()
            guard let issued = try store.issuedCredential(credential) else {
                let known = try store.issuedCredentials(pathway: nil, learner: nil).map(\.credentialID)
                throw CommandFailure(lines: ["no credential \"\(credential)\" was issued from \(store.location)"
                                             + ClosestIDs.hint(for: credential, among: known)], code: 64)
            }
            let keeper = try failing { () throws(IssuingFailure) in try StatusListKeeper(store: store, key: signingKey) }
            // The list names its issuer as the catalogue does, as when it was created.
            let issuerID = try issued.statusList.flatMap { try store.statusList($0) }?.issuer
            let issuerName = try workspace.load().catalog.badgeCatalogs.first { $0.issuer.id == issuerID }?.issuer.name
            let list = try failing { () throws(IssuingFailure) in
                try keeper.revoke(credentialID: credential, reason: reason, issuerName: issuerName, at: IssueCommand.timestamp(Date()))
            }
            emit("revoked \(credential) (\(issued.learner), \(issued.pathway)): bit \(issued.statusIndex.map(String.init) ?? "?") "
                 + "of \(list.id) is set; publish the list again: cairn status-list publish \(list.id) --out FILE\n")
        }
    }
}

/// `cairn status-list publish`.
struct StatusListPublishCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish", abstract: "Write a status list's latest signed credential, for the issuer to serve at its URL.")

    @OptionGroup var workspace: WorkspaceOptions

    @Argument(help: ArgumentHelp("The list's URL.", valueName: "url"))
    var url: String

    @Option(help: ArgumentHelp("A file to write (else standard output); a folder gets a file named after the URL.", valueName: "path"))
    var out: String?

    func run() async throws {
        try await reportingFailures {
            let store = try workspace.openStore()
            guard let list = try store.statusList(url) else {
                let known = try store.statusLists().map(\.id)
                throw CommandFailure(lines: ["no status list \"\(url)\" in \(store.location)" + ClosestIDs.hint(for: url, among: known)
                                             + (known.isEmpty ? " (make one with cairn status-list create)" : "")], code: 64)
            }
            guard let signed = list.signedCredential else {
                throw CommandFailure(lines: ["the status list \(url) has not been signed yet"], code: 65)
            }
            guard let out else { return emit(signed) }
            var destination = URL(fileURLWithPath: out)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: out, isDirectory: &isDirectory), isDirectory.boolValue {
                let name = url.split(separator: "/").last.map(String.init) ?? "status-list"
                destination.appendPathComponent(name.hasSuffix(".json") ? name : name + ".json")
            }
            do {
                try Data(signed.utf8).write(to: destination, options: .atomic)
            } catch {
                throw CommandFailure(lines: ["cannot write \(destination.path): \(error.localizedDescription)"], code: 73)
            }
            emit("wrote \(destination.path): \(url), updated \(list.updatedAt ?? "?")\n")
        }
    }
}

/// `cairn status-list list`.
struct StatusListListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the status lists in the store.")

    @OptionGroup var workspace: WorkspaceOptions

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    func run() async throws {
        try await reportingFailures {
            let store = try workspace.openStore()
            let lists = try store.statusLists()
            let issued = try store.issuedCredentials(pathway: nil, learner: nil)
            let revoked = Dictionary(grouping: issued.filter(\.revoked), by: { $0.statusList ?? "" }).mapValues(\.count)
            switch format {
            case .json:
                emit(JSONValue.array(lists.map { list in
                    .object([("id", .string(list.id)), ("issuer", .string(list.issuer)), ("purpose", .string(list.purpose)),
                             ("size", .number(Rational(list.size))), ("used", .number(Rational(list.nextIndex))),
                             ("revoked", .number(Rational(revoked[list.id] ?? 0))),
                             ("updatedAt", list.updatedAt.map(JSONValue.string) ?? .null)])
                }).serialized() + "\n")
            case .text:
                guard !lists.isEmpty else { return emit("no status lists in \(store.location)\n") }
                emit(lists.map { list in
                    "\(list.id)  \(list.issuer)  \(list.nextIndex.groupedDigits) of \(list.size.groupedDigits) used, "
                        + "\((revoked[list.id] ?? 0).groupedDigits) revoked, signed \(list.updatedAt ?? "never")\n"
                }.joined())
            }
        }
    }
}
