/// A requirement on the way that awards a badge of its own when met (an intermediate
/// certificate), named by its requirement id.
public struct PathwayMilestone: Hashable, Sendable {
    /// The id of the requirement node that, met, reaches the milestone.
    public var requirement: String
    /// The badge class the milestone awards.
    public var awards: String
    public var title: String?
    public var source: SourceLocation?

    public init(requirement: String, awards: String, title: String? = nil, source: SourceLocation? = nil) {
        self.requirement = requirement
        self.awards = awards
        self.title = title
        self.source = source
    }
}
