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
    /// `cross-sector`, `transversal`, … (ESCO's reuse level).
    public var reuseLevel: String?
    /// A short code (SFIA `PROG`), when the framework has one.
    public var code: String?
    /// The framework's category or subcategory for the skill (SFIA).
    public var category: String?

    public init(id: String, preferredLabels: [String: String] = [:], altLabels: [String: [String]] = [:],
                description: String? = nil, skillType: String? = nil, broader: [String] = [], levels: [Int] = [],
                reuseLevel: String? = nil, code: String? = nil, category: String? = nil) {
        self.id = id
        self.preferredLabels = preferredLabels
        self.altLabels = altLabels
        self.description = description
        self.skillType = skillType
        self.broader = broader
        self.levels = levels
        self.reuseLevel = reuseLevel
        self.code = code
        self.category = category
    }

    /// The label in `language`, else English, else any label, else the id.
    public func label(in language: String = "en") -> String {
        preferredLabels[language] ?? preferredLabels["en"] ?? preferredLabels.values.sorted().first ?? id
    }
}
