/// "At most N badges, or N credits, matching a filter" inside a requirement (degreepath's
/// limits, CTDL's constraints): of the badges counted at or below the node, those the filter
/// matches may number at most ``count`` or add up to at most ``credits``.
public struct RequirementLimit: Hashable, Sendable {
    public enum Measure: Hashable, Sendable {
        /// At most this many counted badges match.
        case count(Int)
        /// The counted badges that match carry at most this many credits (converted to its unit).
        case credits(Credits)
    }

    public var measure: Measure
    public var filter: BadgeFilter
    public var source: SourceLocation?

    public init(_ measure: Measure, from filter: BadgeFilter, source: SourceLocation? = nil) {
        self.measure = measure
        self.filter = filter
        self.source = source
    }
}
