/// What an audit would show if every pending earning of the learner (in progress or registered,
/// see ``EarnedBadge/status``) were awarded on its expected date, the held badges standing as they
/// do on the as-of date — kept apart from what is
/// complete now, which pending earnings never enter.
public struct PendingFigure: Hashable, Sendable {
    /// Whether the pathway is complete once the pending badges are awarded.
    public var isComplete: Bool
    /// The root's progress with the pending badges awarded.
    public var progress: Rational
    /// False when the search for this figure stopped before it was proven optimal.
    public var isExact: Bool
    /// The last expected date of the pending badges. The figure is for the audit's as-of date: held
    /// badges stand as they do that day, and each pending badge counts as issued on its expected date.
    public var expectedBy: CalendarDate
    /// The pending earnings the pathway can count, in the audit's order (expected date, then class).
    public var badges: [EarnedBadge]

    public init(isComplete: Bool, progress: Rational, isExact: Bool, expectedBy: CalendarDate, badges: [EarnedBadge]) {
        self.isComplete = isComplete
        self.progress = progress
        self.isExact = isExact
        self.expectedBy = expectedBy
        self.badges = badges
    }
}
