/// How one learner's valid badges cover one role.
///
/// **Score** (one figure to rank by): `(3 × essentialCoverage + optionalCoverage) / 4` when the
/// role has both kinds of skills, else the coverage of the kind it has. Coverages are weighted
/// shares (weights default to 1) of the skills covered by badges that count on the as-of date
/// at the level the role asks for. A skill covered only by lapsed badges is ``lapsed``, not covered.
public struct RoleFit: Hashable, Sendable {
    public var role: String
    public var title: String
    public var score: Rational
    public var essentialCoverage: Rational
    public var optionalCoverage: Rational
    /// Skills the learner's valid badges cover, with the badges that cover each.
    public var covered: [CoveredSkill]
    /// Skills no badge covers (essential first), with lapsed and level-short ones listed apart.
    public var missing: [RoleSkill]
    /// Skills covered only by badges that have lapsed (or are in grace).
    public var lapsed: [RoleSkill]
    /// Skills held below the level the role asks for: the skill and the best level held.
    public var levelShortfalls: [LevelShortfall]

    public struct CoveredSkill: Hashable, Sendable {
        public var skill: RoleSkill
        public var badges: [String]
    }

    public struct LevelShortfall: Hashable, Sendable {
        public var skill: RoleSkill
        public var heldLevel: Int
    }

    /// Missing essential skills (not covered at all, lapsed, or short of level), by skill code.
    public var missingEssential: [RoleSkill] {
        (missing + lapsed + levelShortfalls.map(\.skill)).filter(\.isEssential)
    }

    /// The score rule shared by the single-learner fit and the matrix.
    public static func score(essential: Rational?, optional: Rational?) -> Rational {
        switch (essential, optional) {
        case let (essential?, optional?): (Rational(3) * essential + optional) / Rational(4)
        case let (essential?, nil): essential
        case let (nil, optional?): optional
        case (nil, nil): .zero
        }
    }
}
