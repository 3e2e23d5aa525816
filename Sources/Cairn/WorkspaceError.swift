import CairnCore

/// Why a workspace operation failed, with every problem that was found.
public enum WorkspaceError: Error, Sendable, CustomStringConvertible {
    /// A file or folder that does not exist or cannot be read.
    case fileNotFound(String)
    /// Definitions that could not be read or that contradict each other; each names its place.
    case invalidInput([ValidationIssue])
    /// An id given by the caller that names nothing (a pathway, say), with the ids that exist.
    case unknownID(kind: String, id: String, known: [String])
    case audit(AuditError)

    public var description: String {
        switch self {
        case .fileNotFound(let path): "no such file: \(path)"
        case .invalidInput(let issues): issues.map(\.description).joined(separator: "\n")
        case .unknownID(let kind, let id, let known):
            "unknown \(kind) \"\(id)\"" + (known.isEmpty ? "" : "; known: " + known.joined(separator: ", "))
        case .audit(let error): error.description
        }
    }
}
