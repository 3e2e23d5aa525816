/// How long a badge (or a completed stack) counts after it is earned, and when it may be renewed.
///
/// Dates are half-open: a badge counts up to, not on, its expiry. `renewalOpens = expires −
/// renewalWindow`, `graceEnds = expires + grace`.
public struct ValidityRule: Hashable, Sendable {
    /// What the duration runs from.
    public enum Anchor: String, Hashable, Sendable, CaseIterable {
        /// The issue date; a renewal moves the expiry on by one duration from the current
        /// expiry, so renewing early loses nothing (cycle-based).
        case issued
        /// The date of the latest renewal: a renewal restarts the duration from the day it was earned.
        case lastRenewal
        /// The first day after the calendar month of issue (a badge issued on 10 March, valid
        /// P1Y, counts until the end of March a year later).
        case endOfMonth
        /// The first day after the calendar year of issue.
        case endOfYear
    }

    /// How long it counts; `nil` means it never expires.
    public var duration: ISODuration?
    public var anchor: Anchor
    /// How long before expiry renewal opens.
    public var renewalWindow: ISODuration?
    /// How long after expiry it may still be renewed without starting over. A badge in
    /// grace does not count in audits.
    public var grace: ISODuration?
    /// What renews it besides another earning of the same badge.
    public var renewal: RenewalRule?
    /// For a pathway: the completed stack lapses when no assignment of still-valid badges
    /// completes it any more.
    public var followsComponents: Bool

    public init(duration: ISODuration? = nil, anchor: Anchor = .issued, renewalWindow: ISODuration? = nil,
                grace: ISODuration? = nil, renewal: RenewalRule? = nil, followsComponents: Bool = false) {
        self.duration = duration
        self.anchor = anchor
        self.renewalWindow = renewalWindow
        self.grace = grace
        self.renewal = renewal
        self.followsComponents = followsComponents
    }

    /// The first day a badge issued on `issued` no longer counts, before any renewal.
    public func firstExpiry(issued: CalendarDate) -> CalendarDate? {
        guard let duration else { return nil }
        switch anchor {
        case .issued, .lastRenewal:
            return issued + duration
        case .endOfMonth:
            let firstOfNext = CalendarDate(dayNumber: issued.dayNumber - issued.day + 1).adding(months: 1)
            return firstOfNext + duration
        case .endOfYear:
            return (CalendarDate(year: issued.year + 1, month: 1, day: 1) ?? issued) + duration
        }
    }
}

extension ValidityRule {
    /// Whether `window` reaches further back than `length` from an expiry: measured back from
    /// 1 March 2001 (after a common February) so that months and days compare as calendars do.
    public static func isLonger(_ window: ISODuration, than length: ISODuration) -> Bool {
        let reference = CalendarDate(dayNumber: 11_382)  // 2001-03-01
        return reference - window < reference - length
    }
}

/// What renews a badge: another earning of the same badge always does; a refresher badge or
/// evidence (shown to the learner) may too.
public struct RenewalRule: Hashable, Sendable {
    /// Badge classes whose earning renews this one.
    public var refreshers: [String]
    /// What the learner must show, in words (`20 hours of CPD, logged`).
    public var evidence: String?

    public init(refreshers: [String] = [], evidence: String? = nil) {
        self.refreshers = refreshers
        self.evidence = evidence
    }
}
