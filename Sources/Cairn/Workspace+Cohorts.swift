import CairnCore
public import CairnCredentials
import CairnDefinitions
public import CairnStore
import CairnSyntax
public import Foundation

/// Where a cohort's learner records come from.
public enum CohortSource: Sendable {
    /// The learners in the store (every one, or only these ids), with the earnings of every
    /// class or, when `badgeClasses` is given, of those classes only (an audit's relevant classes).
    case store(any Store, only: Set<String>? = nil, badgeClasses: Set<String>? = nil)
    /// Learner record files and folders of them, and student information system exports read
    /// directly, without importing them. The Open Badges files records list are checked with
    /// `verifier` (it is made to trust the workspace's issuer keys too). With `checked`, a record
    /// that names a badge class or pathway the workspace lacks stops the run, as it stops an audit
    /// of that record alone (the commands' `--lenient` turns it off).
    case files([URL], mapping: SISColumnMapping = SISColumnMapping(), verifier: CredentialVerifier = CredentialVerifier(),
               checked: Bool = true)
}

extension Workspace {
    /// How many records a cohort chunk holds: large enough that a chunk's task costs far more than
    /// starting it, small enough that a few chunks in flight stay a few megabytes.
    public static let cohortChunkSize = 1024

    /// Runs `transform` over a whole cohort, a chunk of records at a time on every core, and hands
    /// each chunk's output to `emit` in the cohort's order (the store's import order, or the files'
    /// order) as soon as it and every chunk before it are done. At most `concurrency + 1` chunks
    /// are read and not yet emitted, so memory stays bounded whatever the cohort's size.
    ///
    /// - Parameters:
    ///   - progress: called after each chunk with the records done so far and the total when known.
    /// - Throws: what reading the records or `transform` throws; ``WorkspaceError`` for unreadable
    ///   files, ``StoreError`` for the store.
    public func forEachCohortChunk<Output: Sendable>(
        _ source: CohortSource, chunkSize: Int = Workspace.cohortChunkSize,
        concurrency: Int = ProcessInfo.processInfo.activeProcessorCount,
        transform: @escaping @Sendable ([LearnerRecord]) throws -> Output,
        progress: (_ done: Int, _ total: Int?) -> Void = { _, _ in },
        emit: (Output) throws -> Void
    ) async throws {
        var chunks = try cohortChunks(source, chunkSize: chunkSize)
        var inFlight: [(count: Int, task: Task<Output, any Error>)] = []
        var done = 0
        let window = max(1, concurrency) + 1
        func finishOldest() async throws {
            let (count, task) = inFlight.removeFirst()
            try emit(try await task.value)
            done += count
            progress(done, chunks.total)
        }
        do {
            while let next = try chunks.next() {
                let load = next.load
                inFlight.append((next.count, Task { try transform(try load()) }))
                if inFlight.count >= window { try await finishOldest() }
            }
            while !inFlight.isEmpty { try await finishOldest() }
        } catch {
            for (_, task) in inFlight { task.cancel() }
            throw error
        }
    }

    /// The chunks of a cohort: records read from the store in order, or files read by the task
    /// that audits them (reading YAML costs more than auditing it).
    func cohortChunks(_ source: CohortSource, chunkSize: Int) throws -> CohortChunks {
        switch source {
        case .store(let store, let only, let badgeClasses):
            let total = try only.map { try Set(store.learners().map(\.id)).intersection($0).count } ?? store.learnerCount()
            return CohortChunks(total: total, reader: try store.cohortReader(chunkSize: chunkSize, only: only,
                                                                             badgeClasses: badgeClasses))
        case .files(let urls, let mapping, let verifier, let checked):
            var recordFiles: [URL] = []
            var exports: [EarningBatch] = []
            for url in urls {
                guard FileManager.default.fileExists(atPath: url.path) else { throw WorkspaceError.fileNotFound(DefinitionFiles.displayPath(url)) }
                for file in Workspace.learnerImportFiles(at: url) {
                    switch Workspace.learnerFileKind(file) {
                    case .sisExport: exports.append(try batch(inExport: file, mapping: mapping))
                    case .learnerRecord: recordFiles.append(file)
                    case .openBadges: continue
                    }
                }
            }
            let exported = exports.reduce(0) { $0 + $1.learnerIDs.count }
            return CohortChunks(total: exported + recordFiles.count, exports: exports, files: recordFiles,
                                chunkSize: chunkSize, workspace: self, verifier: try trustingIssuerKeys(verifier),
                                checked: checked)
        }
    }

    /// A student information system export read into a compact batch (checked as an import
    /// checks it), for a cohort read straight from the file.
    func batch(inExport url: URL, mapping: SISColumnMapping) throws -> EarningBatch {
        let reading = readLearnerFile(at: url, settings: LearnerImportSettings(mapping: mapping), store: nil)
        guard let batch = reading.batch, reading.problems.isEmpty else { throw WorkspaceError.invalidInput(reading.problems) }
        return batch
    }
}

/// The chunks of one cohort, each with how to load its records.
struct CohortChunks {
    struct Chunk {
        var count: Int
        var load: @Sendable () throws -> [LearnerRecord]
    }

    let total: Int?
    private var reader: (any CohortReading)?
    private var exports: [EarningBatch.RecordChunks] = []
    private var files: [URL] = []
    private var position = 0
    private var chunkSize = Workspace.cohortChunkSize
    private var workspace: Workspace?
    private var verifier = CredentialVerifier()
    private var checked = true

    init(total: Int, reader: any CohortReading) {
        self.total = total
        self.reader = reader
    }

    init(total: Int, exports: [EarningBatch], files: [URL], chunkSize: Int, workspace: Workspace,
         verifier: CredentialVerifier, checked: Bool) {
        self.verifier = verifier
        self.checked = checked
        self.total = total
        self.exports = exports.map { $0.recordChunks(size: chunkSize) }
        self.files = files
        self.chunkSize = max(1, chunkSize)
        self.workspace = workspace
    }

    mutating func next() throws -> Chunk? {
        if reader != nil {
            guard let chunk = try reader?.next() else { return nil }
            return Chunk(count: chunk.count, load: { chunk })
        }
        while !exports.isEmpty {
            if let chunk = exports[0].next() { return Chunk(count: chunk.count, load: { chunk }) }
            exports.removeFirst()
        }
        guard position < files.count, let workspace else { return nil }
        // Files are slower to read than records to audit: smaller chunks keep every core busy.
        let end = min(files.count, position + max(1, chunkSize / 8))
        let slice = Array(files[position..<end])
        position = end
        let verifier = verifier
        let checked = checked
        return Chunk(count: slice.count, load: {
            let records = try slice.map { try workspace.learnerRecord(at: $0, verifier: verifier) }
            let problems = checked ? workspace.problems(records: records) : []
            guard problems.isEmpty else { throw WorkspaceError.invalidInput(problems) }
            return records
        })
    }
}
