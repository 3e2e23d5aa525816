/// A node of a pathway's requirement tree (the pathway language the README describes).
///
/// Leaves name what one earned badge (or, for `countFrom` and `credits`, several)
/// must be; groups combine their children. Modifiers apply to every badge counted
/// at or below the node that carries them.
public struct Requirement: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// One earned badge of this class.
        case badge(String)
        /// One earned badge whose class carries this tag.
        case tag(String)
        /// One earned badge whose class aligns to this skill, at the level given or above.
        case skill(SkillReference)
        /// The nested pathway: its awarded badge, or its own requirements evaluated inline.
        case pathway(String)
        case all([Requirement])
        /// At least one child.
        case any([Requirement])
        /// At least `count` of the children.
        case countOf(Int, [Requirement])
        /// At least `count` distinct earned badges matching the filter.
        case countFrom(Int, BadgeFilter)
        /// Earned badges matching the filter whose credits add up to at least the amount.
        case credits(Credits, BadgeFilter)
    }

    public var kind: Kind
    /// An id other nodes may name in `earnedAfter`.
    public var id: String?
    public var label: String?
    /// Badges count here only if issued on or after the as-of date minus this duration.
    public var earnedWithin: ISODuration?
    /// Badge class ids or node ids that badges counted here must be issued strictly after.
    public var earnedAfter: [String]
    public var minResult: ResultThreshold?
    /// Badges counted here may also count elsewhere in the same evaluation.
    public var shared: Bool
    /// Requirement ids a badge counted here may also count for (degreepath's "multicountable"):
    /// unlike ``shared``, only those named places, and only as the pathway's `maxShared` allows.
    public var alsoCountsFor: [String]
    /// Limits on what counts at or below this node: at most so many badges, or so many credits,
    /// matching a filter.
    public var atMost: [RequirementLimit]
    public var source: SourceLocation?

    public init(_ kind: Kind, id: String? = nil, label: String? = nil, earnedWithin: ISODuration? = nil,
                earnedAfter: [String] = [], minResult: ResultThreshold? = nil, shared: Bool = false,
                alsoCountsFor: [String] = [], atMost: [RequirementLimit] = [],
                source: SourceLocation? = nil) {
        self.alsoCountsFor = alsoCountsFor
        self.atMost = atMost
        self.kind = kind
        self.id = id
        self.label = label
        self.earnedWithin = earnedWithin
        self.earnedAfter = earnedAfter
        self.minResult = minResult
        self.shared = shared
        self.source = source
    }

    /// The direct children of a group; empty for a leaf.
    public var children: [Requirement] {
        switch kind {
        case .all(let children), .any(let children), .countOf(_, let children): children
        default: []
        }
    }

    /// A short name for the node's kind, as used in reports and JSON (`badge`, `count`, …).
    public var kindName: String {
        switch kind {
        case .badge: "badge"
        case .tag: "tag"
        case .skill: "skill"
        case .pathway: "pathway"
        case .all: "all"
        case .any: "any"
        case .countOf: "count"
        case .countFrom: "count-from"
        case .credits: "credits"
        }
    }

    /// Visits this node and every descendant, parents first.
    public func forEachNode(_ body: (Requirement) -> Void) {
        body(self)
        for child in children { child.forEachNode(body) }
    }
}

/// Which earned badges a `countFrom` or `credits` node (or a credit-policy rule) accepts.
///
/// Every criterion that is given must hold; within one criterion any listed value will do.
public struct BadgeFilter: Hashable, Sendable {
    public var badges: [String]
    public var tags: [String]
    public var skills: [SkillReference]
    public var issuers: [String]
    public var types: [String]

    public init(badges: [String] = [], tags: [String] = [], skills: [SkillReference] = [],
                issuers: [String] = [], types: [String] = []) {
        self.badges = badges
        self.tags = tags
        self.skills = skills
        self.issuers = issuers
        self.types = types
    }

    public var isEmpty: Bool {
        badges.isEmpty && tags.isEmpty && skills.isEmpty && issuers.isEmpty && types.isEmpty
    }

    public func matches(_ badge: BadgeClass) -> Bool {
        if !badges.isEmpty && !badges.contains(badge.id) { return false }
        if !tags.isEmpty && !tags.contains(where: badge.tags.contains) { return false }
        if !skills.isEmpty && !skills.contains(where: { required in
            badge.alignments.contains { $0.satisfies(required) }
        }) { return false }
        if !issuers.isEmpty && !issuers.contains(badge.issuer.id) && !issuers.contains(badge.issuer.name) { return false }
        if !types.isEmpty && !types.contains(badge.type) { return false }
        return true
    }

    /// A short human description: `tag elective`, `badge sql-querying or badge dataviz-python`.
    public var summary: String {
        var parts: [String] = []
        if !badges.isEmpty { parts.append(badges.map { "badge \($0)" }.joined(separator: " or ")) }
        if !tags.isEmpty { parts.append(tags.map { "tag \($0)" }.joined(separator: " or ")) }
        if !skills.isEmpty { parts.append(skills.map { "skill \($0)" }.joined(separator: " or ")) }
        if !issuers.isEmpty { parts.append(issuers.map { "issuer \($0)" }.joined(separator: " or ")) }
        if !types.isEmpty { parts.append(types.map { "type \($0)" }.joined(separator: " or ")) }
        return parts.isEmpty ? "any badge" : parts.joined(separator: " and ")
    }
}
