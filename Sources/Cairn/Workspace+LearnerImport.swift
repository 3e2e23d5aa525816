import CairnCore
public import CairnCredentials
public import CairnDefinitions
import CairnReports
public import CairnStore
import CairnSyntax
public import Foundation

/// What kind of file an import reads.
public enum LearnerFileKind: String, Sendable, CaseIterable {
    /// A student information system's CSV export, one row per earning.
    case sisExport = "SIS export"
    /// A learner record (YAML or JSON), with the Open Badges files it lists.
    case learnerRecord = "learner record"
    /// One credential file: Open Badges 2.0 or 3.0 JSON, a VC-JWT, a CLR 2.0 transcript, a baked
    /// PNG or SVG, or a Europass (ELM 3) credential.
    case openBadges = "credential file"

    /// The origin its earnings get in the store (an Open Badges file's are `credential`; a
    /// record's own entries are `record`, the credentials it lists `credential`).
    var origin: EarningOrigin {
        switch self {
        case .sisExport: .sis
        case .learnerRecord: .record
        case .openBadges: .credential
        }
    }
}

/// How an import reads files: the export's column names, who the recipients of Open Badges
/// files are, and the verifier their proofs are checked with.
public struct LearnerImportSettings: Sendable {
    public var mapping: SISColumnMapping
    /// Recipient identities (an e-mail, a DID, a URL, an id) and the learner each is.
    public var recipients: [(identity: String, learner: String)]
    /// Checks Open Badges files; it should trust the workspace's issuer keys
    /// (``Workspace/trustingIssuerKeys(_:)``). An import never counts an unproven credential:
    /// it is stored with the reason and every audit says why it does not count.
    public var verifier: CredentialVerifier

    public init(mapping: SISColumnMapping = SISColumnMapping(), recipients: [(identity: String, learner: String)] = [],
                verifier: CredentialVerifier = CredentialVerifier()) {
        self.mapping = mapping
        self.recipients = recipients
        self.verifier = verifier
    }

    /// Reads a recipients file: a CSV with the columns `recipient` and `learner`.
    public static func recipients(at url: URL) throws(WorkspaceError) -> [(identity: String, learner: String)] {
        let display = DefinitionFiles.displayPath(url)
        let text = try DefinitionFiles.text(of: url)
        do {
            let records = try CSVReader.records(in: text, file: display)
            guard let header = records.first else { return [] }
            let names = header.fields.map(SISColumnMapping.normalized)
            guard let recipient = names.firstIndex(of: "recipient"), let learner = names.firstIndex(of: "learner") else {
                throw WorkspaceError.invalidInput([ValidationIssue(
                    "a recipients file needs the columns recipient and learner; its header has "
                        + header.fields.map(quoted).joined(separator: ", "), at: SourceLocation(file: display, line: 1, column: 1))])
            }
            var pairs: [(String, String)] = []
            var problems: [ValidationIssue] = []
            for record in records.dropFirst() {
                let fields = record.fields.map { $0.trimmingCharacters(in: .whitespaces) }
                guard fields.indices.contains(max(recipient, learner)), !fields[recipient].isEmpty, !fields[learner].isEmpty else {
                    problems.append(ValidationIssue("expected a recipient and a learner id", at: SourceLocation(file: display, line: record.line)))
                    continue
                }
                pairs.append((fields[recipient], fields[learner]))
            }
            guard problems.isEmpty else { throw WorkspaceError.invalidInput(problems) }
            return pairs
        } catch let error as WorkspaceError {
            throw error
        } catch {
            throw .invalidInput(DefinitionFiles.issues(from: error, path: url.path, file: display))
        }
    }
}

/// One file read for an import: the earnings it holds, or why it is refused (nothing of a
/// refused file is written).
public struct LearnerFileReading: Sendable {
    public var file: String
    public var kind: LearnerFileKind
    public var batch: EarningBatch?
    /// Every problem, each with its place; non-empty means the file is refused.
    public var problems: [ValidationIssue]
}

extension Workspace {
    /// The files an import of `url` reads: the file itself, or every CSV, YAML, JSON, JWT, PNG and
    /// SVG file under a folder (sorted by path, hidden files skipped). As in a workspace, folders
    /// named `credentials` inside it are skipped: the Open Badges files there are read through
    /// the learner records that list them (name such a folder itself to import its files).
    public static func learnerImportFiles(at url: URL) -> [URL] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            return [url]
        }
        guard let enumerator = FileManager.default.enumerator(at: url, includingPropertiesForKeys: nil,
                                                              options: [.skipsHiddenFiles]) else { return [] }
        var found: [URL] = []
        for case let file as URL in enumerator {
            if file.lastPathComponent == "credentials" {
                enumerator.skipDescendants()
                continue
            }
            if ["csv", "yaml", "yml", "json", "jsonld", "jwt", "png", "svg"].contains(file.pathExtension.lowercased()),
               DefinitionFiles.isRegularFile(file) {
                found.append(file.standardizedFileURL)
            }
        }
        return found.sorted { $0.path < $1.path }
    }

    /// What kind of learner file `url` is, from its extension and, for JSON, its content (a
    /// mapping with `learner` is a record; any other JSON is taken for an Open Badges credential).
    public static func learnerFileKind(_ url: URL) -> LearnerFileKind {
        switch url.pathExtension.lowercased() {
        case "csv": return .sisExport
        case "yaml", "yml": return .learnerRecord
        case "json":
            if let text = try? DefinitionFiles.text(of: url),
               case .learnerRecord? = try? DefinitionDocument.kind(of: text, file: url.path) {
                return .learnerRecord
            }
            return .openBadges
        default: return .openBadges
        }
    }

    /// Reads one file for an import into the store, checking every earning against the
    /// catalogue: a badge class the workspace does not define is refused (with the closest one),
    /// an Open Badges file whose recipient cannot be tied to a learner is refused, and so is a
    /// credential whose achievement no catalogue lists.
    ///
    /// - Parameter store: the store imported into; its learners' e-mails identify hashed
    ///   Open Badges recipients.
    public func readLearnerFile(at url: URL, settings: LearnerImportSettings, store: (any Store)?) -> LearnerFileReading {
        let display = DefinitionFiles.displayPath(url)
        let kind = Workspace.learnerFileKind(url)
        var batch = EarningBatch(file: display, origin: kind.origin)
        do throws(WorkspaceError) {
            guard FileManager.default.fileExists(atPath: url.path) else { throw .fileNotFound(display) }
            switch kind {
            case .sisExport:
                do {
                    try SISExportReader.read(path: url.path, display: display, mapping: settings.mapping,
                                             knownBadges: Set(catalog.badgeClasses.keys)) { row in
                        batch.addLearner(row.learner, name: row.name, email: row.email, line: row.earning.source?.line)
                        batch.add(row.earning, learner: row.learner)
                    }
                } catch {
                    throw .invalidInput(error.errors.map { ValidationIssue($0.message, at: $0.location) })
                }
                let problems = Workspace.conflictProblems(batch.conflicts())
                guard problems.isEmpty else { throw .invalidInput(problems) }
            case .learnerRecord:
                try addRecord(at: url, to: &batch, settings: settings)
            case .openBadges:
                try addCredential(at: url, to: &batch, settings: settings, store: store)
            }
        } catch {
            let problems: [ValidationIssue] = switch error {
            case .invalidInput(let problems): problems
            case .fileNotFound(let path): [ValidationIssue("no such file", at: SourceLocation(file: path))]
            default: [ValidationIssue(error.description, at: SourceLocation(file: display))]
            }
            return LearnerFileReading(file: display, kind: kind, batch: nil, problems: problems)
        }
        return LearnerFileReading(file: display, kind: kind, batch: batch, problems: [])
    }

    private func addRecord(at url: URL, to batch: inout EarningBatch, settings: LearnerImportSettings) throws(WorkspaceError) {
        let content = try DefinitionFiles.read(url)
        guard case .learnerRecord(let record) = content else {
            throw .invalidInput([DefinitionFiles.mismatch(content, url, expected: "a learner record (a mapping with `learner` and `badges`)")])
        }
        var problems = unknownBadges(in: record.badges)
        batch.addLearner(record.learner, email: record.email, line: record.source?.line,
                         catalogueYear: record.catalogueYear, enrolled: record.enrolled)
        for earning in record.badges { batch.add(earning, learner: record.learner) }
        // Each listed credential alone, so that its earnings carry its file's digest.
        for reference in record.credentialFiles {
            let file = URL(fileURLWithPath: reference.path, relativeTo: url.deletingLastPathComponent()).standardizedFileURL
            do throws(WorkspaceError) {
                let single = LearnerRecord(learner: record.learner, badges: [], credentialFiles: [reference], source: record.source)
                let resolved = try resolvingCredentials(of: single, relativeTo: url.deletingLastPathComponent(),
                                                        verifier: settings.verifier)
                problems += heldClassProblems(resolved, file: DefinitionFiles.displayPath(file), at: reference.source)
                let digest = FileManager.default.contents(atPath: file.path).map { CreditDecision.digest(of: Array($0)) }
                for earning in resolved.badges {
                    batch.add(earning, learner: record.learner, credentialSHA256: digest, origin: .credential)
                }
            } catch {
                switch error {
                case .invalidInput(let found): problems += found
                default: problems.append(ValidationIssue(error.description, at: reference.source))
                }
            }
        }
        guard problems.isEmpty else { throw .invalidInput(problems) }
    }

    private func addCredential(at url: URL, to batch: inout EarningBatch, settings: LearnerImportSettings,
                               store: (any Store)?) throws(WorkspaceError) {
        let display = DefinitionFiles.displayPath(url)
        let verifier = try trustingIssuerKeys(settings.verifier)
        let (file, verification) = verifier.verify(fileAt: url, asOf: nil)
        guard let file else { throw .invalidInput([ValidationIssue(verification.reason, at: SourceLocation(file: display))]) }
        let credential = file.credential
        guard let learner = learnerID(for: credential, settings: settings, store: store) else {
            let recipient = credential.recipient.map(quoted) ?? "none"
            let why = credential.recipientIsHashed ? "is hashed and matches no learner's e-mail in the store"
                : credential.recipient == nil ? "is missing" : "is not a DID, a web address or an e-mail address"
            throw .invalidInput([ValidationIssue(
                "cannot tell whose credential this is: its recipient (\(recipient)) " + why
                    + "; list it in a recipients file (--recipients FILE, columns recipient and learner)",
                at: SourceLocation(file: display))])
        }
        let reference = CredentialFileReference(path: url.lastPathComponent, source: SourceLocation(file: display))
        let single = LearnerRecord(learner: learner, badges: [], credentialFiles: [reference])
        let resolved = try resolvingCredentials(of: single, relativeTo: url.deletingLastPathComponent(), verifier: settings.verifier)
        let problems = heldClassProblems(resolved, file: display, at: SourceLocation(file: display))
        guard problems.isEmpty else { throw .invalidInput(problems) }
        let digest = FileManager.default.contents(atPath: url.path).map { CreditDecision.digest(of: Array($0)) }
        batch.addLearner(learner)
        for earning in resolved.badges { batch.add(earning, learner: learner, credentialSHA256: digest) }
    }

    /// The learner a credential belongs to: the recipients list first, then the store's learners'
    /// e-mails, then the recipient itself when it is not hashed (a DID, a URL, an e-mail).
    func learnerID(for credential: OpenBadgesCredential, settings: LearnerImportSettings, store: (any Store)?) -> String? {
        if let mapped = settings.recipients.first(where: { credential.recipientMatches($0.identity) }) { return mapped.learner }
        if let store, let emails = try? store.learnerEmails(),
           let match = emails.first(where: { credential.recipientMatches($0.email) }) {
            return match.learner
        }
        // A stranger's credential names its own recipient: only a DID, a web address or an e-mail
        // address on one line becomes a learner id by itself (never text a spreadsheet would run).
        guard let recipient = credential.recipient, !recipient.isEmpty, !credential.recipientIsHashed,
              recipient.hasPrefix("did:") || recipient.hasPrefix("https://") || recipient.hasPrefix("http://")
                || recipient.wholeMatch(of: /[^\s@=+]+@[^\s@]+\.[^\s@]+/) != nil,
              !recipient.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || $0 == " " })
        else { return nil }
        return recipient
    }

    private func unknownBadges(in earnings: [EarnedBadge]) -> [ValidationIssue] {
        earnings.filter { catalog.badgeClasses[$0.badgeClassID] == nil }.map { earning in
            ValidationIssue("unknown badge class \(quoted(earning.badgeClassID))"
                                + ClosestIDs.hint(for: earning.badgeClassID, among: catalog.badgeClasses.keys),
                            at: earning.source)
        }
    }

    /// The store keeps earnings of catalogue classes only: a credential for an achievement no
    /// catalogue lists is refused rather than stored without its class.
    private func heldClassProblems(_ record: LearnerRecord, file: String, at location: SourceLocation?) -> [ValidationIssue] {
        record.heldClasses.map { held in
            ValidationIssue("credential \(file): achievement \(quoted(held.id)) (\(held.name)) is in no badge catalogue of the workspace; "
                                + "add it to a badge's achievementIds to import it", at: location)
        }
    }
}

/// What importing one export as a stream did: what it changed, or why the file was refused
/// (then nothing of it was written).
public struct StreamedImport: Sendable {
    public var file: String
    public var report: LearnerImportReport
    /// Rows and learners the export holds.
    public var rows: Int
    public var learners: Int
    /// The file's problems when it was refused.
    public var refusal: LearnerFileReading?
}

/// The reader found a learner again after their rows had been sent: the export does not group
/// each learner's rows, and is imported as one batch instead.
struct ExportNotGrouped: Error {}

extension Workspace {
    /// The rows a streamed import hands over at a time (at a learner's boundary).
    public static let exportSegmentRows = 50_000

    /// Imports a student information system's export into `store` with reading and writing
    /// overlapped: one thread reads the file into segments of whole learners while the store
    /// writes the segments before them, in one transaction that commits only when the whole file
    /// read cleanly. The same checks, refusals and report as ``readLearnerFile(at:settings:store:)``
    /// followed by `importEarnings`; an export that does not list each learner's rows together
    /// is read whole first and imported as one batch.
    ///
    /// - Returns: what was imported, or the file's problems (nothing written then).
    ///
    /// - Parameter segmentRows: about how many rows the reader hands over at a time (at a
    ///   learner's boundary).
    public func importExport(at url: URL, settings: LearnerImportSettings, into store: any Store,
                             segmentRows: Int = Workspace.exportSegmentRows) throws -> StreamedImport {
        let display = DefinitionFiles.displayPath(url)
        func refused(_ problems: [ValidationIssue]) -> StreamedImport {
            StreamedImport(file: display, report: LearnerImportReport(), rows: 0, learners: 0,
                           refusal: LearnerFileReading(file: display, kind: .sisExport, batch: nil, problems: problems))
        }
        guard FileManager.default.fileExists(atPath: url.path) else {
            return refused([ValidationIssue("no such file", at: SourceLocation(file: display))])
        }
        let stream = EarningStream()
        let known = Set(catalog.badgeClasses.keys)
        let counts = ExportCounts()
        let reader = Thread {
            var segment = EarningBatch(file: display, origin: .sis)
            var sent: Set<String> = []
            var current: String?
            var grouped = true
            do {
                try SISExportReader.read(path: url.path, display: display, mapping: settings.mapping, knownBadges: known) { row in
                    guard grouped, !stream.isCancelled else { return }
                    if row.learner != current {
                        if sent.contains(row.learner) { grouped = false; return }
                        if segment.count >= segmentRows {
                            sent.formUnion(segment.learnerIDs)
                            counts.add(segment)
                            stream.send(segment)
                            segment = EarningBatch(file: display, origin: .sis)
                        }
                        current = row.learner
                    }
                    segment.addLearner(row.learner, name: row.name, email: row.email, line: row.earning.source?.line)
                    segment.add(row.earning, learner: row.learner)
                }
                if grouped {
                    counts.add(segment)
                    stream.send(segment)
                    stream.finish()
                } else {
                    stream.finish(failure: ExportNotGrouped())
                }
            } catch {
                stream.finish(failure: error)
            }
        }
        reader.start()
        do {
            let report = try store.importEarnings(from: stream)
            return StreamedImport(file: display, report: report, rows: counts.rows, learners: counts.learners, refusal: nil)
        } catch is ExportNotGrouped {
            let reading = readLearnerFile(at: url, settings: settings, store: store)
            guard let batch = reading.batch, reading.problems.isEmpty else { return refused(reading.problems) }
            return StreamedImport(file: display, report: try store.importEarnings([batch]), rows: batch.count,
                                  learners: batch.learnerIDs.count, refusal: nil)
        } catch let error as FormatErrors {
            return refused(error.errors.map { ValidationIssue($0.message, at: $0.location) })
        } catch let conflicts as EarningConflicts {
            return refused(Workspace.conflictProblems(conflicts.conflicts))
        }
    }

    static func conflictProblems(_ conflicts: [(repeated: StoredEarning, first: StoredEarning)]) -> [ValidationIssue] {
        conflicts.map { repeated, first in
            ValidationIssue(
                "learner \(quoted(repeated.learner)), badge \(quoted(repeated.earning.badgeClassID)), issued \(repeated.earning.issued) "
                    + "is stated again with different details (first at line \(first.earning.source?.line ?? 0))",
                at: repeated.earning.source)
        }
    }
}

/// The rows and learners a streamed import's reader sent, read by the writer's side once the
/// reader is done. Locked: two threads touch it.
final class ExportCounts: @unchecked Sendable {
    private let lock = NSCondition()
    private var rowCount = 0
    private var learnerCount = 0

    func add(_ segment: EarningBatch) {
        lock.lock()
        defer { lock.unlock() }
        rowCount += segment.count
        learnerCount += segment.learnerIDs.count
    }

    var rows: Int { lock.lock(); defer { lock.unlock() }; return rowCount }
    var learners: Int { lock.lock(); defer { lock.unlock() }; return learnerCount }
}
