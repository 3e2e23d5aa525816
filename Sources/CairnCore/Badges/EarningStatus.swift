/// Where an earning stands: awarded, or not yet (enrolled in, or booked for a future term).
public enum EarningStatus: String, Hashable, Sendable, CaseIterable {
    /// Issued: it counts when it is valid on the as-of date.
    case awarded
    /// The learner is enrolled and the badge is expected on the earning's date.
    case inProgress = "in-progress"
    /// The learner is booked for a future term; the badge is expected on the earning's date.
    case registered

    /// Whether the badge is only expected: it never counts as complete now.
    public var isPending: Bool { self != .awarded }
}
