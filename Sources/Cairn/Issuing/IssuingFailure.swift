public import CairnCore

/// Why a credential was not issued, or a status list not changed.
public enum IssuingFailure: Error, Sendable, CustomStringConvertible {
    /// The audit does not prove the pathway complete; it says what is missing.
    case incomplete(Audit)
    /// The request itself is wrong (an unknown pathway, a key that cannot sign this format, a
    /// result not on the scale …): the message says what and, where there is one, the closest
    /// valid value.
    case refused(String)
    /// An input could not be read or the workspace is inconsistent.
    case workspace(WorkspaceError)
    /// The store refused or failed.
    case store(String)

    public var description: String {
        switch self {
        case .incomplete(let audit):
            "\(audit.learner) has not completed \(audit.pathway) on \(audit.asOf): nothing was issued"
        case .refused(let message): message
        case .workspace(let error): error.description
        case .store(let message): message
        }
    }
}
