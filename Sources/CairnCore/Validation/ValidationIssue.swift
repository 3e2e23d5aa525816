/// One problem found in a workspace's definitions, with where it is.
public struct ValidationIssue: Hashable, Sendable, CustomStringConvertible {
    /// The kind of definition a reference problem finds missing: when a file that would define
    /// one does not read, the problem may be that file's mistake, not a second one.
    public enum Unresolved: Sendable, Hashable {
        /// A badge class — named directly, or behind a tag, skill or filter no class matches.
        case badgeClass
        case pathway
    }

    public var location: SourceLocation?
    public var message: String
    /// What the problem finds missing, for a reference to something no definition provides.
    public var unresolved: Unresolved?

    public init(_ message: String, at location: SourceLocation?, unresolved: Unresolved? = nil) {
        self.location = location
        self.message = message
        self.unresolved = unresolved
    }

    /// `file:line:column: message`.
    public var description: String {
        (location.map { "\($0): " } ?? "") + message
    }
}
