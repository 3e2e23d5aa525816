import ArgumentParser
import Cairn
import Foundation

/// Where `verify`, `badges inspect` and `audit` find what checking a credential needs, all local.
struct CredentialOptions: ParsableArguments {
    @Option(help: ArgumentHelp("A folder of public keys (JWK, PEM public keys or X.509 certificates, or Open Badges 2.0 CryptographicKey JSON), matched by key id.",
                               valueName: "dir"))
    var keys: String?

    @Option(name: .customLong("status-lists"),
            help: ArgumentHelp("A folder of status and revocation lists (an INDEX.tsv there maps each list's URL to its file).",
                               valueName: "dir"))
    var statusLists: String?

    @Option(help: ArgumentHelp("A folder of documents that Open Badges 2.0 assertions refer to (BadgeClass, Issuer, keys), found by their id; repeatable.",
                               valueName: "dir"))
    var resolve: [String] = []

    @Option(help: ArgumentHelp("A folder of extra JSON-LD contexts (with an INDEX.tsv: URL, tab, file) beyond the bundled ones.",
                               valueName: "dir"))
    var contexts: String?

    @Option(help: ArgumentHelp("Count learner-record credentials whose proof could not be checked (`unverified`); reports name each one. Never counts a failed, self-signed, revoked or expired one.",
                               valueName: "unverified"))
    var accept: AcceptedCredentials?

    /// The verifier these options describe; a folder that does not exist is a usage error.
    func verifier() throws -> CredentialVerifier {
        for (option, path) in [("--keys", keys), ("--status-lists", statusLists), ("--contexts", contexts)]
            + resolve.map({ ("--resolve", Optional($0)) }) {
            guard let path else { continue }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw CommandFailure(lines: ["\(option): no such folder: \(path)"], code: 66)
            }
        }
        var library = JSONLDContextLibrary.bundled
        if let contexts {
            do { library = try library.adding(folder: URL(fileURLWithPath: contexts)) } catch {
                throw CommandFailure(lines: ["--contexts: \(error)"], code: 65)
            }
        }
        var ring = KeyRing()
        if let keys {
            do { ring = try KeyRing.load(folder: keys) } catch { throw CommandFailure(lines: ["--keys: \(error)"], code: 65) }
            for problem in ring.problems {
                FileHandle.standardError.write(Data("cairn: warning: --keys: \(problem)\n".utf8))
            }
        }
        return CredentialVerifier(
            keys: ring,
            statusLists: statusLists.map { LocalDocuments(folders: [URL(fileURLWithPath: $0)]) } ?? LocalDocuments(),
            resolveFolders: resolve.map { URL(fileURLWithPath: $0) },
            contexts: library,
            acceptsUnverified: accept == .unverified)
    }
}

/// What `--accept` may widen: only `unverified`, named so that a script says what it accepts.
enum AcceptedCredentials: String, ExpressibleByArgument, CaseIterable {
    case unverified
}

/// `--workspace` for the commands that check files without a workspace's other definitions
/// (`verify`, `badges inspect`): its badge catalogues say which keys are trusted for which issuer.
struct TrustedIssuersOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The workspace whose badge catalogues list the keys trusted for each issuer.",
                                            valueName: "dir"))
    var workspace: String = "."

    /// `verifier` trusting the workspace's issuer keys too; a folder without catalogues adds none.
    func trusting(_ verifier: CredentialVerifier) throws -> CredentialVerifier {
        try Workspace.trustingIssuerKeys(at: URL(fileURLWithPath: workspace), verifier)
    }
}
