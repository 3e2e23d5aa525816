import CairnCore
import CairnFormats
import Foundation

/// Finding and reading definition files on disk; the only place the library touches the file system.
enum DefinitionFiles {
    /// What one file held.
    enum Content {
        case badgeCatalog(BadgeCatalog)
        case pathway(Pathway)
        case learnerRecord(LearnerRecord)
        case framework(Framework)
        case unrecognised
    }

    /// Definition files under `folder`, sorted by path so loading is deterministic.
    static func files(under folder: URL) -> [URL] {
        guard let enumerator = FileManager.default.enumerator(
            at: folder, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles]) else { return [] }
        var found: [URL] = []
        for case let url as URL in enumerator where isDefinition(url) {
            found.append(url.standardizedFileURL)
        }
        return found.sorted { $0.path < $1.path }
    }

    static func isDefinition(_ url: URL) -> Bool {
        let name = url.lastPathComponent
        return ["yaml", "yml", "json"].contains(url.pathExtension.lowercased())
            || (name.hasPrefix("skills_") && name.hasSuffix(".csv"))
    }

    /// The path as a person should see it: relative to the current directory when inside it.
    static func displayPath(_ url: URL) -> String {
        let path = url.standardizedFileURL.path
        let current = FileManager.default.currentDirectoryPath
        let prefix = current.hasSuffix("/") ? current : current + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }

    static func text(of url: URL) throws(WorkspaceError) -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw .fileNotFound(displayPath(url))
        }
        guard let data = FileManager.default.contents(atPath: url.path) else { throw .fileNotFound(displayPath(url)) }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .invalidInput([ValidationIssue("the file is not UTF-8 text", at: SourceLocation(file: displayPath(url)))])
        }
        return text
    }

    /// Reads one file, deciding by its content what it is.
    static func read(_ url: URL) throws(WorkspaceError) -> Content {
        let text = try text(of: url)
        let file = displayPath(url)
        do {
            if url.pathExtension.lowercased() == "csv" {
                let stem = url.deletingPathExtension().lastPathComponent
                let language = stem.split(separator: "_").last.map(String.init) ?? "en"
                return .framework(try ESCOSkillsCSV.framework(csv: text, file: file, language: language))
            }
            switch try DefinitionDocument.kind(of: text, file: file) {
            case .badgeCatalog: return .badgeCatalog(try BadgeCatalog(definition: text, file: file))
            case .pathway: return .pathway(try Pathway(definition: text, file: file))
            case .learnerRecord: return .learnerRecord(try LearnerRecord(definition: text, file: file))
            case nil: return .unrecognised
            }
        } catch {
            throw .invalidInput(error.errors.map { ValidationIssue($0.message, at: $0.location) })
        }
    }
}
