import CairnCore
import CairnCredentials
import CairnFrameworks
import CairnReports
import CairnSyntax
public import Foundation

extension Workspace {
    /// This workspace's credit policy `id`.
    public func creditPolicy(_ id: String) throws(WorkspaceError) -> CreditPolicy {
        guard let policy = policies[id] else {
            throw .unknownID(kind: "credit policy", id: id, known: policies.keys.sorted())
        }
        return policy
    }

    /// Reads a credit policy file from anywhere on disk (`--policy FILE`).
    public func creditPolicy(at url: URL) throws(WorkspaceError) -> CreditPolicy {
        let content = try DefinitionFiles.read(url)
        guard case .creditPolicy(let policy) = content else {
            throw .invalidInput([DefinitionFiles.mismatch(content, url, expected: "a credit policy (a mapping with policy, version, unit and rules)")])
        }
        return policy
    }

    /// The transcript `policy` gives `record` on `asOf`. Badge classes that only the learner's
    /// credentials describe take part as catalogue classes do.
    ///
    /// - Throws: ``WorkspaceError/invalidInput(_:)`` when the policy cannot be applied as
    ///   written (a missing conversion, a share cap without programme credit, an unknown pathway).
    public func credits(policy: CreditPolicy, for record: LearnerRecord, asOf: CalendarDate,
                        limits: SolverLimits = .default) throws(WorkspaceError) -> CreditTranscript {
        do {
            // A stack is audited in the version of its pathway that applies to the learner.
            let catalog = catalog(for: record).selectingVersions(for: record, asOf: asOf)
            return try policy.evaluate(record, catalog: catalog, asOf: asOf, limits: limits)
        } catch {
            throw .invalidInput([ValidationIssue(error.description, at: nil)])
        }
    }
}

extension Workspace {
    /// Every file a credit decision read, with its SHA-256: the policy file, the learner record
    /// and the Open Badges files it lists, and the workspace's definition files (catalogues and
    /// pathways decide what badges are worth and which stacks are complete). Paths are as
    /// shown elsewhere (relative to the current folder when inside it).
    public func decisionInputs(policy: CreditPolicy, learnerFile: URL?) -> [CreditDecision.InputDigest] {
        var urls = files.map { URL(fileURLWithPath: $0) }
        if let file = policy.source?.file { urls.append(URL(fileURLWithPath: file)) }
        if let learnerFile {
            urls.append(learnerFile)
            if case .learnerRecord(let raw)? = try? DefinitionFiles.read(learnerFile) {
                urls += raw.credentialFiles.map {
                    URL(fileURLWithPath: $0.path, relativeTo: learnerFile.deletingLastPathComponent()).standardizedFileURL
                }
            }
        }
        var seen: Set<String> = []
        return urls.map(\.standardizedFileURL).filter { seen.insert($0.path).inserted }.compactMap { url in
            FileManager.default.contents(atPath: url.path).map {
                CreditDecision.InputDigest(path: DefinitionFiles.displayPath(url), contents: $0)
            }
        }
    }
}
