/// A job role and the skills it asks for: an ESCO occupation (its essential and optional
/// skills), an SFIA-style profile (skill codes at minimum levels), or an employer's own.
public struct RoleProfile: Hashable, Sendable, Identifiable {
    /// Where the profile comes from.
    public enum Origin: String, Hashable, Sendable {
        case escoOccupation = "esco-occupation"
        case frameworkOccupation = "occupation"
        case employer
    }

    public var id: String
    public var title: String
    public var origin: Origin
    public var skills: [RoleSkill]
    /// An employer's profile may start from an occupation (its id) and drop some of its skills.
    public var basedOn: String?
    public var dropped: [String]
    public var source: SourceLocation?

    public init(id: String, title: String, origin: Origin, skills: [RoleSkill], basedOn: String? = nil,
                dropped: [String] = [], source: SourceLocation? = nil) {
        self.id = id
        self.title = title
        self.origin = origin
        self.skills = skills
        self.basedOn = basedOn
        self.dropped = dropped
        self.source = source
    }

    /// The profile with its base occupation's skills in (less the dropped ones; a skill the
    /// profile lists itself replaces the occupation's entry for it), or `nil` when the base is unknown.
    public func resolved(occupations: [String: RoleProfile]) -> RoleProfile? {
        guard let basedOn else { return self }
        guard let base = occupations[basedOn] else { return nil }
        let own = Set(skills.map { RoleFitEngine.key($0.skill) })
        var copy = self
        copy.skills = base.skills.filter { !dropped.contains($0.skill.code) && !own.contains(RoleFitEngine.key($0.skill)) }
            + skills
        copy.basedOn = nil
        return copy
    }

    public var essential: [RoleSkill] { skills.filter(\.isEssential) }
    public var optional: [RoleSkill] { skills.filter { !$0.isEssential } }
}

/// One skill a role asks for.
public struct RoleSkill: Hashable, Sendable {
    /// The skill, its minimum level (`level`) and whether a badge aligned to a narrower skill
    /// covers it (`includeNarrower`).
    public var skill: SkillReference
    public var isEssential: Bool
    /// How much the skill weighs in its coverage figure (1 unless the profile says otherwise).
    public var weight: Rational

    public init(skill: SkillReference, isEssential: Bool, weight: Rational = .one) {
        self.skill = skill
        self.isEssential = isEssential
        self.weight = weight
    }
}

extension RoleProfile {
    /// An occupation of `framework` as a profile. ESCO occupations often name broad skills, so
    /// a badge aligned to a narrower skill covers them (`includeNarrower`).
    public init(occupation: Occupation, framework: String, language: String = "en") {
        let isESCO = framework.lowercased() == "esco"
        func skills(_ ids: [String], essential: Bool) -> [RoleSkill] {
            ids.map { RoleSkill(skill: SkillReference(framework: framework, code: $0, includeNarrower: true), isEssential: essential) }
        }
        self.init(id: occupation.id,
                  title: occupation.preferredLabels[language] ?? occupation.preferredLabels.values.sorted().first ?? occupation.id,
                  origin: isESCO ? .escoOccupation : .frameworkOccupation,
                  skills: skills(occupation.essentialSkills, essential: true) + skills(occupation.optionalSkills, essential: false))
    }
}
