/// One problem found in a workspace's definitions, with where it is.
public struct ValidationIssue: Hashable, Sendable, CustomStringConvertible {
    public var location: SourceLocation?
    public var message: String

    public init(_ message: String, at location: SourceLocation?) {
        self.location = location
        self.message = message
    }

    /// `file:line:column: message`.
    public var description: String {
        (location.map { "\($0): " } ?? "") + message
    }
}
