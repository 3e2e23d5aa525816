import CairnCore
import CairnCredentials
import CairnDefinitions
import CairnFrameworks
import CairnReports
import CairnStore
import CairnSyntax
public import Foundation

extension Workspace {
    /// Every role profile the workspace knows, and the frameworks their skills come from:
    /// occupations of the workspace's framework files, occupations of every framework imported
    /// into `store` (when it exists), and employers' profiles from `Frameworks/roles/` with their
    /// base occupations resolved.
    ///
    /// - Throws: ``WorkspaceError/invalidInput(_:)`` when an employer's profile starts from an
    ///   occupation no framework has, or the store cannot be read.
    public func roleProfiles(store: StoreLocation? = nil) throws(WorkspaceError) -> (roles: [RoleProfile], frameworks: [Framework]) {
        var frameworks = Array(catalog.frameworks.values)
        let storeLocation = store ?? .sqlite(path: Workspace.defaultStore(in: root).path)
        if storeLocation.exists {
            do {
                let opened = try storeLocation.open()
                for summary in try opened.frameworks() where summary.occupations > 0 {
                    if let full = try opened.loadFramework(id: summary.id, languages: ["en"]) {
                        frameworks.removeAll { $0.id == full.id }
                        frameworks.append(full)
                    }
                }
            } catch {
                throw .invalidInput([ValidationIssue("cannot read the store: \(error)",
                                                     at: SourceLocation(file: storeLocation.displayName))])
            }
        }
        var occupations: [String: RoleProfile] = [:]
        for framework in frameworks.sorted(by: { $0.id < $1.id }) {
            for occupation in framework.occupations.values.sorted(by: { $0.id < $1.id }) where occupations[occupation.id] == nil {
                occupations[occupation.id] = RoleProfile(occupation: occupation, framework: framework.id)
            }
        }
        var roles = occupations.values.sorted { $0.id < $1.id }
        var problems: [ValidationIssue] = []
        for definition in roleDefinitions {
            guard let resolved = definition.resolved(occupations: occupations) else {
                problems.append(ValidationIssue("role \(definition.id) starts from occupation \(definition.basedOn ?? "") "
                                                + "that no framework file or imported framework has", at: definition.source))
                continue
            }
            roles.append(resolved)
        }
        guard problems.isEmpty else { throw .invalidInput(problems) }
        return (roles, frameworks)
    }
}
