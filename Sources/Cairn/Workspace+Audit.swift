import CairnCore
import CairnCredentials
import CairnFrameworks
import CairnReports
import CairnSyntax
public import Foundation

extension Workspace {
    /// Reads a learner record (YAML or JSON) from anywhere on disk, with the Open Badges files
    /// it lists read and checked by `verifier` (see ``resolvingCredentials(of:relativeTo:verifier:)``).
    public func learnerRecord(at url: URL, verifier: CredentialVerifier = CredentialVerifier()) throws(WorkspaceError) -> LearnerRecord {
        let content = try DefinitionFiles.read(url)
        guard case .learnerRecord(let record) = content else {
            throw .invalidInput([DefinitionFiles.mismatch(content, url, expected: "a learner record (a mapping with `learner` and `badges`)")])
        }
        return try resolvingCredentials(of: record, relativeTo: url.deletingLastPathComponent(), verifier: verifier)
    }

    /// This workspace with a pathway read from `url` added (replacing one with the same id),
    /// and that pathway's id — for `--pathway FILE`.
    public func addingPathway(at url: URL) throws(WorkspaceError) -> (workspace: Workspace, pathway: String) {
        let content = try DefinitionFiles.read(url)
        guard case .pathway(let pathway) = content else {
            throw .invalidInput([DefinitionFiles.mismatch(content, url, expected: "a pathway (a mapping with `id`, `title` and `requires`)")])
        }
        let pathways = catalog.allPathwayVersions.filter { $0.id != pathway.id } + [pathway]
        let updated = Catalog(badgeCatalogs: catalog.badgeCatalogs, pathways: pathways,
                              frameworks: Array(catalog.frameworks.values))
        return (Workspace(copying: self, catalog: updated), pathway.id)
    }

    private init(copying other: Workspace, catalog: Catalog) {
        self.init(root: other.root, catalog: catalog, learners: other.learners,
                  issues: CatalogValidator(catalog: catalog).validate(learners: other.learners), files: other.files,
                  policies: other.policies, roleDefinitions: other.roleDefinitions)
    }

    /// The pathway compiled against this workspace's catalog, for auditing many learners.
    public func compiledPathway(_ id: String) throws(WorkspaceError) -> CompiledPathway {
        guard catalog.pathways[id] != nil else {
            throw .unknownID(kind: "pathway", id: id, known: catalog.sortedPathways.map(\.id))
        }
        do {
            return try CompiledPathway(pathway: id, catalog: catalog)
        } catch {
            throw .audit(error)
        }
    }

    /// Audits one learner against one pathway on `asOf`. Badge classes that only the learner's
    /// credentials describe (``LearnerRecord/heldClasses``) take part as catalogue classes do.
    /// A pathway with several versions is audited in the one that applies to the learner, or in
    /// `version` when given (see ``resolvingVersions(of:for:asOf:requested:)``); the audit says which.
    public func audit(pathway: String, for record: LearnerRecord, asOf: CalendarDate, version: String? = nil,
                      limits: SolverLimits = .default) throws(WorkspaceError) -> Audit {
        if catalog.hasPathwayVersions || version != nil {
            let (resolved, choice) = try resolvingVersions(of: pathway, for: record, asOf: asOf, requested: version)
            return Self.stamped(try resolved.audit(pathway: pathway, for: record, asOf: asOf, limits: limits), choice)
        }
        guard !record.heldClasses.isEmpty else { return try compiledPathway(pathway).audit(record, asOf: asOf, limits: limits) }
        guard catalog.pathways[pathway] != nil else {
            throw .unknownID(kind: "pathway", id: pathway, known: catalog.sortedPathways.map(\.id))
        }
        do {
            return try CompiledPathway(pathway: pathway, catalog: catalog(for: record)).audit(record, asOf: asOf, limits: limits)
        } catch {
            throw .audit(error)
        }
    }

    /// Audits many learners against one pathway, spread over every core; results keep the records' order.
    public func audits(pathway: String, for records: [LearnerRecord], asOf: CalendarDate,
                       limits: SolverLimits = .default) async throws(WorkspaceError) -> [Audit] {
        let compiled = try compiledPathway(pathway)
        return await compiled.audits(records, asOf: asOf, limits: limits)
    }
}

extension CompiledPathway {
    /// Audits many learners concurrently, one chunk per core; results keep the records' order.
    public func audits(_ records: [LearnerRecord], asOf: CalendarDate, limits: SolverLimits = .default,
                       concurrency: Int = ProcessInfo.processInfo.activeProcessorCount) async -> [Audit] {
        let workers = max(1, min(concurrency, records.count))
        let chunk = (records.count + workers - 1) / max(workers, 1)
        return await withTaskGroup(of: (Int, [Audit]).self) { group in
            for worker in 0..<workers {
                let range = (worker * chunk)..<min(records.count, (worker + 1) * chunk)
                guard !range.isEmpty else { continue }
                group.addTask {
                    (worker, range.map { audit(records[$0], asOf: asOf, limits: limits) })
                }
            }
            var parts: [(Int, [Audit])] = []
            for await part in group { parts.append(part) }
            return parts.sorted { $0.0 < $1.0 }.flatMap(\.1)
        }
    }
}
