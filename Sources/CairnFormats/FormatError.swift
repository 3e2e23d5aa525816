import CairnCore

/// One problem found while reading a definition file: where it is and what was expected.
///
/// Its description is `file:line:column: message`, the form compilers use, for example
/// `Pathways/x.yaml:12:7: expected an ISO 8601 duration such as P2Y, found "2 years"`.
public struct FormatError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file, line and column (1-based) the problem points at.
    public var location: SourceLocation
    /// What is wrong, in words a person who wrote the file understands.
    public var message: String

    /// Creates a problem at `location`.
    public init(location: SourceLocation, message: String) {
        self.location = location
        self.message = message
    }

    /// `file:line:column: message`.
    public var description: String { "\(location): \(message)" }
}
