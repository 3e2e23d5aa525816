import CairnCore
import CairnCredentials
import CairnDefinitions
import CairnFrameworks
import CairnRDF
import CairnReports
import CairnSyntax
import Foundation

/// Finding and reading definition files on disk; the only place the library touches the file system.
enum DefinitionFiles {
    /// What one file held.
    enum Content {
        case badgeCatalog(BadgeCatalog)
        case pathway(Pathway)
        case learnerRecord(LearnerRecord)
        case creditPolicy(CreditPolicy)
        case roleProfile(RoleProfile)
        case framework(Framework)
        /// Not a definition Cairn knows; with the error to report when a top-level key looks
        /// like a misspelt one that would have made it one.
        case unrecognised(FormatError?)
    }

    /// Definition files under `folder`, sorted by path so loading is deterministic; folders named
    /// `credentials` (Open Badges files, read through the learner records that name them) and
    /// student information system exports (read by `cairn learners import`) are skipped.
    ///
    /// Only regular files, or links that lead to one, are definitions: a dangling link, a FIFO
    /// (reading one would wait for a writer forever) or a device in a workspace folder is passed
    /// over, so one stray entry cannot stop every command.
    static func files(under folder: URL) -> [URL] {
        guard let enumerator = FileManager.default.enumerator(
            at: folder, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles]) else { return [] }
        var found: [URL] = []
        for case let url as URL in enumerator {
            // Open Badges files are read through the learner records that list them.
            if url.lastPathComponent == "credentials" {
                enumerator.skipDescendants()
                continue
            }
            // A student information system's export kept as a sample is imported, not loaded.
            if isDefinition(url), isRegularFile(url), !(url.pathExtension.lowercased() == "csv" && SISExportReader.isExport(path: url.path)) {
                found.append(url.standardizedFileURL)
            }
        }
        return found.sorted { $0.path < $1.path }
    }

    /// Whether `url` is a regular file once links are followed (`stat`, not `lstat`).
    static func isRegularFile(_ url: URL) -> Bool {
        var status = stat()
        return stat(url.path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG
    }

    static func isDefinition(_ url: URL) -> Bool {
        ["yaml", "yml", "json"].contains(url.pathExtension.lowercased()) || isFrameworkFile(url)
    }

    /// Framework files kept in a workspace: ESCO or SFIA CSV, RDF/XML (ESCO, SFIA, SKOS).
    /// (CASE packages are JSON: they are read when `frameworks import` is given them.)
    static func isFrameworkFile(_ url: URL) -> Bool {
        ["csv", "rdf", "owl"].contains(url.pathExtension.lowercased())
    }

    /// The path as a person should see it: relative to the current directory when inside it.
    static func displayPath(_ url: URL) -> String {
        DisplayPath.of(url)
    }

    /// The text of a definition file, refused before reading when over
    /// ``DefinitionDocument/maximumFileBytes``.
    package static func text(of url: URL) throws(WorkspaceError) -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw .fileNotFound(displayPath(url))
        }
        do {
            return try BoundedFile.text(at: url.path, display: displayPath(url), limit: DefinitionDocument.maximumFileBytes,
                                        subject: "definition files")
        } catch {
            throw .invalidInput([ValidationIssue(error.message, at: error.location)])
        }
    }

    /// What kind of definition a file that failed to read was meant to be, when its YAML parses
    /// and its top-level keys say; nil when that cannot be told.
    static func kindOfUnreadable(_ url: URL) -> DefinitionKind? {
        guard let text = try? text(of: url) else { return nil }
        return (try? DefinitionDocument.kind(of: text, file: displayPath(url))) ?? nil
    }

    /// Why the file at `url`, which holds `content`, is not the kind of definition expected:
    /// the misspelt top-level key when that is the reason, else what was expected.
    static func mismatch(_ content: Content, _ url: URL, expected: String) -> ValidationIssue {
        if case .unrecognised(let misspelt?) = content { return ValidationIssue(misspelt.message, at: misspelt.location) }
        return ValidationIssue("expected \(expected)", at: SourceLocation(file: displayPath(url), line: 1, column: 1))
    }

    /// Reads one file, deciding by its content what it is.
    static func read(_ url: URL) throws(WorkspaceError) -> Content {
        if isFrameworkFile(url) { return .framework(try framework(at: url)) }
        let text = try text(of: url)
        let file = displayPath(url)
        do {
            switch try DefinitionDocument.kind(of: text, file: file) {
            case .badgeCatalog: return .badgeCatalog(try BadgeCatalog(definition: text, file: file))
            case .pathway: return .pathway(try Pathway(definition: text, file: file))
            case .learnerRecord: return .learnerRecord(try LearnerRecord(definition: text, file: file))
            case .creditPolicy: return .creditPolicy(try CreditPolicy(definition: text, file: file))
            case .roleProfile: return .roleProfile(try RoleProfile(definition: text, file: file))
            case nil: return .unrecognised(DefinitionDocument.misspeltMarker(in: text, file: file))
            }
        } catch {
            throw .invalidInput(error.errors.map { ValidationIssue($0.message, at: $0.location) })
        }
    }

    /// Reads a framework file kept in the workspace into memory.
    static func framework(at url: URL) throws(WorkspaceError) -> Framework {
        guard FileManager.default.fileExists(atPath: url.path) else { throw .fileNotFound(displayPath(url)) }
        var collector = FrameworkCollector()
        do {
            try BoundedFile.checkSize(of: url.path, display: displayPath(url),
                                      limit: DefinitionDocument.maximumWorkspaceFrameworkBytes,
                                      subject: "framework files kept in a workspace (import larger ones with cairn frameworks import)")
            let format = try FrameworkFormat.detect(path: url.path)
            try FrameworkReader.read(path: url.path, format: format, languages: nil, into: &collector)
        } catch {
            throw .invalidInput(issues(from: error, path: url.path, file: displayPath(url)))
        }
        return collector.framework
    }

    /// Reader errors of any kind as located issues; the reader named the file by `path`, the
    /// issues name it `file`, as the user sees it.
    static func issues(from error: any Error, path: String, file: String) -> [ValidationIssue] {
        guard let error = error as? any LocatedError else {
            return [ValidationIssue("\(error)", at: SourceLocation(file: file))]
        }
        return error.problems(displaying: path, as: file).map { ValidationIssue($0.message, at: $0.location) }
    }
}
