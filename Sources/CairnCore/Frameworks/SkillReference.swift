/// A skill named by its framework and code: `esco` + a skill URI, or `sfia` + `DTAN` at level 3.
public struct SkillReference: Hashable, Sendable, CustomStringConvertible {
    /// The framework id (`esco`, `sfia`, a URI, or a custom name), compared case-insensitively.
    public var framework: String
    public var code: String
    /// A level on the framework's scale (SFIA 1–7); for an alignment, the level the badge
    /// evidences; for a requirement, the minimum level.
    public var level: Int?

    public init(framework: String, code: String, level: Int? = nil) {
        self.framework = framework.lowercased()
        self.code = code
        self.level = level
    }

    /// Whether an alignment (`self`) evidences `required`: same framework and code, and a level
    /// at least the required one when one is required.
    public func satisfies(_ required: SkillReference) -> Bool {
        guard framework == required.framework, code == required.code else { return false }
        guard let minimum = required.level else { return true }
        guard let level else { return false }
        return level >= minimum
    }

    public var description: String {
        "\(framework):\(code)" + (level.map { " level \($0)" } ?? "")
    }
}
