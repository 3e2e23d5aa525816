/// One requirement of an audited pathway: whether it is met, how far, with which badges,
/// and why other matching badges did not count there.
public struct AuditNode: Hashable, Sendable {
    /// `badge`, `tag`, `skill`, `pathway`, `all`, `any`, `count`, `count-from`, `credits`,
    /// or `awarded` (the badge a nested pathway awards).
    public var kind: String
    public var id: String?
    public var label: String
    public var isSatisfied: Bool
    public var progress: Rational
    public var children: [AuditNode]
    /// For leaves: the earned badges counted here.
    public var assigned: [CountedBadge]
    /// For leaves: earned badges that match here but do not count, with the reason.
    public var rejected: [RejectedBadge]
    /// Badges counted here may also count elsewhere.
    public var isShared: Bool
    /// For `credits` leaves: the credit counted toward the threshold.
    public var countedCredits: Credits?
    /// For inner nodes: how many children must be met (all of them for `all`, one for `any`
    /// and `pathway`, N for `count`).
    public var needed: Int?

    public init(kind: String, id: String? = nil, label: String, isSatisfied: Bool, progress: Rational,
                children: [AuditNode] = [], assigned: [CountedBadge] = [], rejected: [RejectedBadge] = [],
                isShared: Bool = false, countedCredits: Credits? = nil) {
        self.kind = kind
        self.id = id
        self.label = label
        self.isSatisfied = isSatisfied
        self.progress = progress
        self.children = children
        self.assigned = assigned
        self.rejected = rejected
        self.isShared = isShared
        self.countedCredits = countedCredits
    }

    public var isLeaf: Bool { children.isEmpty }

    /// Visits this node and every descendant, parents first.
    public func forEachNode(_ body: (AuditNode) -> Void) {
        body(self)
        for child in children { child.forEachNode(body) }
    }
}

/// An earned badge counted for a requirement.
public struct CountedBadge: Hashable, Sendable {
    public var badge: String
    public var issued: CalendarDate
    /// The credit it contributes, for `credits` requirements.
    public var credits: Credits?
    /// The other requirement this badge also counts for, through `alsoCountsFor`; `nil` when
    /// it counts only here (a `shared` requirement is not "also": it consumes nothing).
    public var alsoCountedFor: RequirementReference?
    /// The requirement named in (or naming) `alsoCountsFor` that holds ``alsoCountedFor``, when
    /// that is not ``alsoCountedFor`` itself ("Data Ethics" in "Ethics track").
    public var alsoCountedWithin: RequirementReference?

    public init(badge: String, issued: CalendarDate, credits: Credits? = nil,
                alsoCountedFor: RequirementReference? = nil, alsoCountedWithin: RequirementReference? = nil) {
        self.badge = badge
        self.issued = issued
        self.credits = credits
        self.alsoCountedFor = alsoCountedFor
        self.alsoCountedWithin = alsoCountedWithin
    }
}

/// An earned badge that matches a requirement but does not count there.
public struct RejectedBadge: Hashable, Sendable {
    public var badge: String
    public var issued: CalendarDate
    public var reason: RejectionReason

    public init(badge: String, issued: CalendarDate, reason: RejectionReason) {
        self.badge = badge
        self.issued = issued
        self.reason = reason
    }
}
