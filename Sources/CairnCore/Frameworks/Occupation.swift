/// A job role a framework describes — an ESCO occupation, an SFIA role profile — with the
/// skills it needs.
public struct Occupation: Hashable, Sendable, Identifiable {
    /// A URI (ESCO) or a code.
    public var id: String
    /// Preferred label per language tag.
    public var preferredLabels: [String: String]
    public var altLabels: [String: [String]]
    public var description: String?
    /// The ISCO-08 group code (ESCO), such as `2511`.
    public var iscoGroup: String?
    /// Skill ids the occupation cannot do without.
    public var essentialSkills: [String]
    /// Skill ids that help but are not required.
    public var optionalSkills: [String]

    public init(id: String, preferredLabels: [String: String] = [:], altLabels: [String: [String]] = [:],
                description: String? = nil, iscoGroup: String? = nil, essentialSkills: [String] = [],
                optionalSkills: [String] = []) {
        self.id = id
        self.preferredLabels = preferredLabels
        self.altLabels = altLabels
        self.description = description
        self.iscoGroup = iscoGroup
        self.essentialSkills = essentialSkills
        self.optionalSkills = optionalSkills
    }

    /// The label in `language`, else English, else any label, else the id.
    public func label(in language: String = "en") -> String {
        preferredLabels[language] ?? preferredLabels["en"] ?? preferredLabels.values.sorted().first ?? id
    }
}
