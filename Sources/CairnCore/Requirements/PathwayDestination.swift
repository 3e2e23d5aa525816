/// One of the credentials a pathway with several destinations leads to (an exit certificate,
/// the full diploma), with its own requirements over the pathway's shared components.
public struct PathwayDestination: Hashable, Sendable, Identifiable {
    public var id: String
    public var title: String
    /// The badge class earned on reaching this destination.
    public var awards: String?
    public var requires: Requirement
    public var source: SourceLocation?

    public init(id: String, title: String, awards: String? = nil, requires: Requirement, source: SourceLocation? = nil) {
        self.id = id
        self.title = title
        self.awards = awards
        self.requires = requires
        self.source = source
    }
}
