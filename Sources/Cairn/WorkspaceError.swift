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
            // The likely typo when there is one, else what there is to choose from.
            "unknown \(kind) \"\(id)\"" + Self.or(ClosestIDs.hint(for: id, among: known), Self.knownList(known))
        case .audit(let error): error.description
        }
    }

    private static func or(_ first: String, _ second: String) -> String { first.isEmpty ? second : first }

    /// `; known: a, b, c` — at most twelve, then how many more.
    private static func knownList(_ known: [String]) -> String {
        guard !known.isEmpty else { return "" }
        let shown = known.prefix(12).joined(separator: ", ")
        return "; known: " + shown + (known.count > 12 ? ", … (\(known.count - 12) more)" : "")
    }
}
