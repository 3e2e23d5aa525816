/// Whether an earned badge counts on a given day, and if not, why.
public enum BadgeStanding: Hashable, Sendable {
    case counts
    case notYetIssued(issued: CalendarDate)
    case revoked
    /// Read from a credential whose proof Cairn could not tie to its issuer; `reason` says why.
    case unproven(reason: String)
    /// Blocked by a registrar exception; `reason` is its explanation (see ``EarnedBadge/blocked``).
    case blocked(reason: String)
    /// Lapsed: `expires` is the first day on which it no longer counted.
    case lapsed(expires: CalendarDate)
    /// Not awarded yet (in progress or registered, see ``EarnedBadge/status``): it never counts
    /// now, whatever the date; `expected` is when the badge is expected.
    case pending(status: EarningStatus, expected: CalendarDate)

    public var counts: Bool { self == .counts }
}

extension EarnedBadge {
    /// The first day on which the badge no longer counts: the explicit expiry if the badge
    /// has one, else the issue date plus the class's validity duration, else `nil` (never).
    public func expiry(under badgeClass: BadgeClass?) -> CalendarDate? {
        if let expires { return expires }
        guard let duration = badgeClass?.validity?.duration else { return nil }
        return issued + duration
    }

    /// The badge's standing on `asOf`: it counts when `issued <= asOf < expires` and it is
    /// neither revoked, unproven, blocked nor pending.
    public func standing(on asOf: CalendarDate, under badgeClass: BadgeClass?) -> BadgeStanding {
        if revoked { return .revoked }
        if let unproven { return .unproven(reason: unproven) }
        if let blocked { return .blocked(reason: blocked) }
        if status.isPending { return .pending(status: status, expected: issued) }
        if asOf < issued { return .notYetIssued(issued: issued) }
        if let expires = expiry(under: badgeClass), asOf >= expires { return .lapsed(expires: expires) }
        return .counts
    }
}
