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

extension CohortWorkload {
    /// Where an import's time goes: reading the export, building the batch, writing the store.
    public static func timeImport(path: String, store: String, repositoryRoot: URL = CairnRepository.root) throws {
        let workspace = try Workspace(at: repositoryRoot)
        let known = Set(workspace.catalog.badgeClasses.keys)
        let clock = ContinuousClock()
        var rows = 0
        let read = try clock.measure {
            try SISExportReader.read(path: path, display: path, knownBadges: known) { _ in rows += 1 }
        }
        var batch = EarningBatch(file: path, origin: .sis)
        let built = try clock.measure {
            try SISExportReader.read(path: path, display: path, knownBadges: known) { row in
                batch.addLearner(row.learner, name: row.name, email: row.email, line: row.earning.source?.line)
                batch.add(row.earning, learner: row.learner)
            }
        }
        try? FileManager.default.removeItem(atPath: store)
        let opened = try SQLiteStore(path: store)
        let written = try clock.measure { _ = try opened.importEarnings([batch]) }
        print("\(rows) rows: read \(read), read and batch \(built), write \(written)")
    }
}

extension CohortWorkload {
    /// Where a cohort audit's time goes: reading the store's records, and auditing them on one core.
    public static func timeCohort(store path: String, pathway: String = BatchAuditWorkload.pathway,
                                  repositoryRoot: URL = CairnRepository.root) throws {
        let workspace = try Workspace(at: repositoryRoot)
        let compiled = try workspace.compiledPathway(pathway)
        let asOf = try FixedDate.asOf()
        let store = try SQLiteStore(path: path)
        let clock = ContinuousClock()
        var learners = 0
        var earnings = 0
        let read = try clock.measure {
            var reader = try store.cohortReader()
            while let chunk = try reader.next() {
                learners += chunk.count
                earnings += chunk.reduce(0) { $0 + $1.badges.count }
            }
        }
        var complete = 0
        let audited = try clock.measure {
            var reader = try store.cohortReader()
            while let chunk = try reader.next() {
                for record in chunk where compiled.audit(record, asOf: asOf).isComplete { complete += 1 }
            }
        }
        print("\(learners) learners, \(earnings) earnings: read \(read), read and audit on one core \(audited) (\(complete) complete)")
    }
}
