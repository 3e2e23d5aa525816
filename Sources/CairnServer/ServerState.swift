import Cairn
import CairnStore
import Foundation
import NIOConcurrencyHelpers
import HTTPTypes

/// What every request reads: the workspace (loaded once), its compiled pathways and role engine,
/// the store, and the keys the server signs with. Immutable once made, so requests share it freely.
final class ServerState: Sendable {
    let configuration: ServerConfiguration
    let workspace: Workspace
    let store: any Store
    let log: DecisionLog
    /// Each pathway compiled once, by id: an audit is then a lookup and a solve.
    let compiled: [String: CompiledPathway]
    let roles: RoleDesk
    /// The credential verifier trusting the workspace's issuer keys (and nothing else).
    let verifier: CredentialVerifier
    let sessionKey: ServerSecret
    let feedKey: ServerSecret
    let pages: PageRenderer
    let cache = ServerCache()
    /// Where requests run: threads that may block on the store (``BlockingWorkMiddleware``).
    let requestExecutor = BlockingTaskExecutor()
    /// The digests of the workspace's files as loaded (and each policy's file), by policy id:
    /// what every decision recorded under that policy names as its inputs.
    let workspaceInputs: [String: [CreditDecision.InputDigest]]
    /// The decision log's newest decision this server verified or wrote: while it is still the
    /// newest, an append need not verify the whole chain again.
    let logHead = NIOLockedValueBox<DecisionLog.Head?>(nil)
    /// The issuer signing with the configured key, when the server issues credentials.
    let issuer: CredentialIssuer?

    init(configuration: ServerConfiguration) throws {
        self.configuration = configuration
        store = try configuration.store.open()
        workspace = try Workspace(at: configuration.workspace, store: configuration.store)
        log = DecisionLog(store: store)
        var compiled: [String: CompiledPathway] = [:]
        for pathway in workspace.catalog.sortedPathways {
            compiled[pathway.id] = try workspace.compiledPathway(pathway.id)
        }
        self.compiled = compiled
        roles = try RoleDesk(workspace: workspace, store: configuration.store)
        verifier = try workspace.trustingIssuerKeys(CredentialVerifier())
        sessionKey = ServerSecret(try store.serverSecret("session"))
        feedKey = ServerSecret(try store.serverSecret("calendar-feed"))
        pages = try PageRenderer()
        let loaded = workspace
        workspaceInputs = loaded.policies.mapValues { loaded.decisionInputs(policy: $0, learnerFile: nil) }
        if let issuing = configuration.issuing {
            issuer = try Self.issuer(issuing, workspace: loaded, store: store)
        } else {
            issuer = nil
        }
    }

    /// The issuer of `issuing`, checked before the server takes a request: the key can sign the
    /// format, and the status list is in the store and the key's issuer's.
    private static func issuer(_ issuing: IssuingConfiguration, workspace: Workspace, store: any Store) throws -> CredentialIssuer {
        if let url = issuing.statusList {
            guard let list = try store.statusList(url) else {
                let known = try store.statusLists().map(\.id)
                throw IssuingConfigurationError("--status-list \(url) is not a status list in the store"
                    + (known.isEmpty ? " (it has none: create one with `cairn status-list create --url \(url) --key FILE`)"
                                     : ClosestIDs.hint(for: url, among: known)))
            }
            let issuerID = list.issuer.hasSuffix("/") ? String(list.issuer.dropLast()) : list.issuer
            let keyID = issuing.key.id
            guard keyID.hasPrefix("did:key:") || keyID == issuerID || keyID.hasPrefix(issuerID + "/") || keyID.hasPrefix(issuerID + "#") else {
                throw IssuingConfigurationError("the status list \(url) is \(list.issuer)'s, and the key \(keyID) is not: "
                                                + "revoking would sign the list with another issuer's key")
            }
        }
        do {
            return try CredentialIssuer(workspace: workspace, key: issuing.key, format: issuing.format, statusList: issuing.statusList)
        } catch {
            throw IssuingConfigurationError(error.description.replacingOccurrences(of: "--format", with: "--issue-format"))
        }
    }

    /// The learner's record from the store; 404 when there is no such learner, naming where the
    /// request gave the id (the path unless said otherwise).
    func record(_ learner: String, at location: String = "path.learner") throws -> LearnerRecord {
        guard let record = try store.learnerRecord(learner) else { throw unknownLearner(learner, at: location) }
        return record
    }

    /// The stored learner with this id; 404 naming the closest ids otherwise.
    @discardableResult
    func learner(_ id: String, at location: String = "path.learner") throws -> StoredLearner {
        guard let found = try store.learner(id) else { throw unknownLearner(id, at: location) }
        return found
    }

    private func unknownLearner(_ id: String, at location: String) -> APIError {
        APIError(.notFound, "unknown_learner", "no learner \(quoted(id)) in the store"
                 + ClosestIDs.hint(for: id, among: (try? store.learners().map(\.id)) ?? []), at: location)
    }

    /// The registrar's active exceptions for one learner.
    func exceptions(of learner: String) throws -> [RegistrarException] {
        try store.exceptions(learner: learner).filter(\.isActive).map(\.exception)
    }

    /// The pathway with this id; 404 naming the closest ids otherwise.
    func pathway(_ id: String, at location: String) throws -> CompiledPathway {
        guard let pathway = compiled[id] else {
            throw APIError(.notFound, "unknown_pathway", "no pathway \(quoted(id))"
                           + ClosestIDs.hint(for: id, among: compiled.keys), at: location)
        }
        return pathway
    }

    /// The learner's calendar feed secret: a signature of their id, so it needs no storage and
    /// cannot be guessed for another learner.
    func feedSecret(for learner: String) -> String {
        feedKey.sign("feed." + learner)
    }
}

func quoted(_ text: String) -> String {
    "\"\(text)\""
}

extension ServerState {
    /// Where uploads are written for the moment they are read: beside the store, never a path a request names.
    var uploadFolder: URL {
        guard let file = configuration.store.fileURL else {
            // A shared store has no folder of this machine's: uploads go to its temporary folder.
            return FileManager.default.temporaryDirectory.appendingPathComponent("cairn-uploads", isDirectory: true)
        }
        return file.deletingLastPathComponent().appendingPathComponent("uploads", isDirectory: true)
    }
}
