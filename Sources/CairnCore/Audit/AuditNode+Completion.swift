extension AuditNode {
    /// The earned badges that make this (satisfied) node satisfied: every child's for `all`, the
    /// first `needed` satisfied children's for `any`, `count` and `pathway`, a leaf's assigned
    /// badges. Badges shown under alternatives that are not needed (a second way to meet an
    /// `any`) are left out. Empty for a node that is not satisfied.
    public var completingBadges: [CountedBadge] {
        guard isSatisfied else { return [] }
        if isLeaf { return assigned }
        let contributing = children.filter(\.isSatisfied).prefix(needed ?? children.count)
        var badges: [CountedBadge] = []
        for child in contributing {
            for badge in child.completingBadges where !badges.contains(badge) { badges.append(badge) }
        }
        return badges
    }
}
