import Cairn
import Foundation

/// (e) Cohorts: a student information system's export of generated learners (the batch audit's
/// learners, about 30 earnings each), and the same learners as record files, for
/// `Benchmarks/cohorts.sh` to time `cairn learners import` and `cairn audit --cohort` as processes.
public enum CohortWorkload {
    /// Writes the export: one row per earning, with the columns a registrar's system writes.
    public static func generateExport(path: String, learners: Int, repositoryRoot: URL = CairnRepository.root) throws {
        let records = try generated(learners, repositoryRoot: repositoryRoot)
        FileManager.default.createFile(atPath: path, contents: nil)
        guard let handle = FileHandle(forWritingAtPath: path) else { throw CocoaError(.fileWriteUnknown) }
        defer { try? handle.close() }
        var text = "Student ID,Student Name,Email,Badge,Issued On,Revoked,Result\r\n"
        var rows = 0
        for record in records {
            for earning in record.badges {
                text += "\(record.learner),Learner \(record.learner.dropFirst(8)),\(record.learner)@students.example,"
                    + "\(earning.badgeClassID),\(earning.issued),\(earning.revoked ? "yes" : ""),\(earning.result?.description ?? "")\r\n"
                rows += 1
            }
            if text.utf8.count > 1 << 20 {
                handle.write(Data(text.utf8))
                text = ""
            }
        }
        handle.write(Data(text.utf8))
        print("\(path): \(records.count) learners, \(rows) rows")
    }

    /// Writes the first `learners` of the same learners as YAML record files in `folder`.
    public static func generateRecords(folder: String, learners: Int, repositoryRoot: URL = CairnRepository.root) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for record in try generated(learners, repositoryRoot: repositoryRoot) {
            try LearnerRecordYAML.text(record).write(toFile: "\(folder)/\(record.learner).yaml", atomically: false, encoding: .utf8)
        }
        print("\(folder): \(learners) learner records")
    }

    /// The batch audit's learners, each badge class and issue date once (an export states an
    /// earning once; the generator may draw the same class on the same day twice).
    private static func generated(_ count: Int, repositoryRoot: URL) throws -> [LearnerRecord] {
        let workspace = try Workspace(at: repositoryRoot)
        return BatchAuditWorkload.learners(workspace.catalog, asOf: try FixedDate.asOf(), count: count).map { record in
            var seen: Set<String> = []
            var unique = record
            unique.badges = record.badges.filter { seen.insert("\($0.badgeClassID) \($0.issued)").inserted }
            return unique
        }
    }
}
