/// A skill, competence or knowledge concept of a framework.
public struct Skill: Hashable, Sendable, Identifiable {
    /// A URI (ESCO) or a code (SFIA `PROG`).
    public var id: String
    /// Preferred label per language tag (`en`, `de`, …).
    public var preferredLabels: [String: String]
    public var altLabels: [String: [String]]
    public var description: String?
    /// `skill/competence`, `knowledge`, … as the framework names it.
    public var skillType: String?
    public var broader: [String]
    /// The levels at which the skill is defined (SFIA), empty when the framework has none.
    public var levels: [Int]

    public init(id: String, preferredLabels: [String: String] = [:], altLabels: [String: [String]] = [:],
                description: String? = nil, skillType: String? = nil, broader: [String] = [], levels: [Int] = []) {
        self.id = id
        self.preferredLabels = preferredLabels
        self.altLabels = altLabels
        self.description = description
        self.skillType = skillType
        self.broader = broader
        self.levels = levels
    }

    /// The label in `language`, else English, else any label, else the id.
    public func label(in language: String = "en") -> String {
        preferredLabels[language] ?? preferredLabels["en"] ?? preferredLabels.values.sorted().first ?? id
    }
}
