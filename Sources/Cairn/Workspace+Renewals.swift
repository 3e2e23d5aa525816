import CairnCore
import CairnCredentials
import CairnFrameworks
import CairnReports
import CairnSyntax
public import Foundation

extension Workspace {
    /// The renewal schedule of `records` on `asOf`, every learner's items together (see
    /// ``RenewalSchedule/make(for:catalog:asOf:limits:)``).
    public func renewals(for records: [LearnerRecord], asOf: CalendarDate, limits: SolverLimits = .default) -> RenewalSchedule {
        let items = records.flatMap { record in
            RenewalSchedule.make(for: record, catalog: catalog(for: record), asOf: asOf, limits: limits).items
        }
        return RenewalSchedule(asOf: asOf, items: items)
    }

    /// Every learner record in `folder` (YAML or JSON, at any depth; other files are skipped),
    /// with their Open Badges files read by `verifier`.
    public func learnerRecords(in folder: URL, verifier: CredentialVerifier = CredentialVerifier()) throws(WorkspaceError) -> [LearnerRecord] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .fileNotFound(DefinitionFiles.displayPath(folder))
        }
        var records: [LearnerRecord] = []
        for url in DefinitionFiles.files(under: folder) where !DefinitionFiles.isFrameworkFile(url) {
            guard case .learnerRecord = try DefinitionFiles.read(url) else { continue }
            records.append(try learnerRecord(at: url, verifier: verifier))
        }
        return records
    }
}
