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
        RenewalSchedule(asOf: asOf, items: renewalsByLearner(for: records, asOf: asOf, limits: limits).flatMap(\.items))
    }

    /// Each record's own renewal schedule, in the records' order: what a cohort's CSV rows and
    /// JSON lines stream, learner by learner, so that their order is the cohort's whatever its
    /// chunks (a schedule of several learners orders its items by date instead).
    public func renewalsByLearner(for records: [LearnerRecord], asOf: CalendarDate,
                                  limits: SolverLimits = .default) -> [RenewalSchedule] {
        records.map { record in RenewalSchedule.make(for: record, catalog: catalog(for: record), asOf: asOf, limits: limits) }
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
