public import CairnCore

/// One problem found while reading a definition file: where it is and what was expected.
///
/// Its description is `file:line:column: message`, the form compilers use, for example
/// `Pathways/x.yaml:12:7: expected an ISO 8601 duration such as P2Y, found "2 years"`.
public struct FormatError: LocatedError, Hashable {
    /// Whether the file was read and refused for what it holds, or could not be read at all.
    public enum Kind: Hashable, Sendable {
        /// The file was read; what it holds is wrong (the command line exits 65).
        case content
        /// The file is missing, not a regular file, or cannot be opened or read (exit 66).
        case unreadableFile
    }

    /// The file, line and column (1-based) the problem points at.
    public var location: SourceLocation
    /// What is wrong, in words a person who wrote the file understands.
    public var message: String
    /// Whether the content is at fault or the file could not be read.
    public var kind: Kind

    /// Creates a problem at `location`.
    public init(location: SourceLocation, message: String, kind: Kind = .content) {
        self.location = location
        self.message = message
        self.kind = kind
    }

    /// This one problem.
    public var problems: [FormatError] { [self] }

    /// `file:line:column: message`.
    public var description: String { "\(location): \(message)" }
}
