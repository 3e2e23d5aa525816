/// How much search the assignment solver may spend before it settles for the best answer found.
///
/// Practical pathways never come near the limit; when an adversarial one does, the audit says
/// so (`isExact == false` and a note) rather than silently returning a guess.
public struct SolverLimits: Hashable, Sendable {
    /// The most search nodes one assignment problem may explore.
    public var maxSearchNodes: Int
    /// The most combinations of `earnedAfter` order thresholds tried.
    public var maxOrderCombinations: Int
    /// The most branches a plan search explores before it returns the best plan found.
    public var maxPlanNodes: Int
    /// The most branches the priced search for the most progress explores (it takes over when
    /// the assignment search has not settled an incomplete pathway within 50,000 steps).
    public var maxProgressBranches: Int
    /// The most branches the integer program's branch and bound explores (it takes over when
    /// the assignment search has not settled a contested pathway within its first steps).
    public var maxProgramBranches: Int

    public init(maxSearchNodes: Int = 2_000_000, maxOrderCombinations: Int = 4_096, maxPlanNodes: Int = 2_000,
                maxProgressBranches: Int = 2_000, maxProgramBranches: Int = 5_000) {
        self.maxSearchNodes = maxSearchNodes
        self.maxOrderCombinations = maxOrderCombinations
        self.maxPlanNodes = maxPlanNodes
        self.maxProgressBranches = maxProgressBranches
        self.maxProgramBranches = maxProgramBranches
    }

    public static let `default` = SolverLimits()
}
