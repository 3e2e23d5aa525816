/// The days one version of a pathway is in effect: from ``from`` (inclusive) until ``until``
/// (exclusive); an open end is `nil`.
public struct EffectivePeriod: Hashable, Sendable {
    public var from: CalendarDate?
    public var until: CalendarDate?

    public init(from: CalendarDate? = nil, until: CalendarDate? = nil) {
        self.from = from
        self.until = until
    }

    /// Whether the version is in effect on `date`.
    public func contains(_ date: CalendarDate) -> Bool {
        if let from, date < from { return false }
        if let until, date >= until { return false }
        return true
    }
}
