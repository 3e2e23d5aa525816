/// The cheapest set of further badges that completes a pathway for a learner, in an order
/// that respects every `earnedAfter`.
public struct Plan: Hashable, Sendable {
    /// What a plan minimises.
    public enum Measure: String, Hashable, Sendable, CaseIterable {
        /// The number of badges.
        case count
        /// Effort hours (badges that declare none cannot be planned with).
        case hours
        /// Cost (one currency; badges that declare no cost cannot be planned with).
        case cost
    }

    /// One badge to earn.
    public struct Step: Hashable, Sendable {
        public var badge: String
        public var name: String
        public var hours: Rational?
        public var cost: Money?
        /// The requirements it fills.
        public var fills: [String]
        /// Badges of the plan that must be earned before it (`earnedAfter`).
        public var after: [String]
    }

    public var pathway: String
    public var pathwayTitle: String
    /// For a pathway with several destinations (or a milestone), what the plan reaches: its
    /// id, title and the badge it awards; `nil` for a pathway's own completion.
    public var target: PlanTarget? = nil
    public var learner: String
    public var measure: Measure
    public var asOf: CalendarDate
    /// Held badges that lapse before this day are not relied on.
    public var reliesUntil: CalendarDate
    /// Whether the pathway can be completed with the learner's badges and the catalogues' offer.
    public var isComplete: Bool
    /// `true` when the plan is proven the cheapest; `false` when the search reached its limit.
    public var isOptimal: Bool
    /// The plan's total in the measure (0 when already complete).
    public var total: Rational
    public var currency: String?
    public var steps: [Step]
    /// The audit's progress now, before any step.
    public var progress: Rational
    /// Held badges left out because they lapse before ``reliesUntil``.
    public var notReliedOn: [String]
    /// When no plan exists: the requirements nothing offered can fill, in words.
    public var unfillable: [String]
    public var notes: [String]
    /// How many branches the exact search explored (see ``SolverLimits/maxPlanNodes``).
    public var branches: Int = 0
    /// For pictures: the badges each leaf gets from the plan, by the leaf's preorder index in
    /// the audit tree.
    public var leafSteps: [Int: [String]]
}

/// What a plan for a pathway with several destinations reaches: one destination, or a milestone.
public struct PlanTarget: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable {
        case destination
        case milestone
    }

    public var kind: Kind
    /// The destination's id, or the milestone's requirement id.
    public var id: String
    public var title: String
    public var awards: String?
    /// Why this target: named by the request, or the nearest of several destinations.
    public var chosen: String

    public init(kind: Kind, id: String, title: String, awards: String?, chosen: String) {
        self.kind = kind
        self.id = id
        self.title = title
        self.awards = awards
        self.chosen = chosen
    }
}
