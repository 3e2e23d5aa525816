/// A skill named by its framework and code: `esco` + a skill URI, or `sfia` + `DTAN` at level 3.
public struct SkillReference: Hashable, Sendable, CustomStringConvertible {
    /// The framework id (`esco`, `sfia`, a URI, or a custom name), compared case-insensitively.
    public var framework: String
    public var code: String
    /// A level on the framework's scale (SFIA 1–7); for an alignment, the level the badge
    /// evidences; for a requirement, the minimum level.
    public var level: Int?
    /// For a requirement: a badge aligned to a narrower skill (by the framework's broader
    /// links, at any depth) counts too.
    public var includeNarrower: Bool

    /// Creates a reference; the code is put in the framework's canonical form (see
    /// ``canonicalCode(_:framework:)``), so every way of writing a skill compares equal.
    public init(framework: String, code: String, level: Int? = nil, includeNarrower: Bool = false) {
        self.framework = framework.lowercased()
        self.code = SkillReference.canonicalCode(code, framework: self.framework)
        self.level = level
        self.includeNarrower = includeNarrower
    }

    /// The canonical form of a skill code: ESCO skills as `http://data.europa.eu/esco/skill/<uuid>`
    /// (from that URI over http or https, or the bare UUID); SFIA skills as their upper-case
    /// four-letter code (from the code in any case, or a URI ending in it); other codes as written.
    public static func canonicalCode(_ code: String, framework: String) -> String {
        let trimmed = String(code.trimmingSpaces)
        switch framework.lowercased() {
        case "esco":
            let prefixes = ["http://data.europa.eu/esco/skill/", "https://data.europa.eu/esco/skill/"]
            for prefix in prefixes where trimmed.hasPrefix(prefix) {
                return prefixes[0] + trimmed.dropFirst(prefix.count).lowercased()
            }
            let isUUID = trimmed.count == 36 && trimmed.allSatisfy { $0.isHexDigit || $0 == "-" }
            return isUUID ? prefixes[0] + trimmed.lowercased() : trimmed
        case "sfia":
            let last = trimmed.split(separator: "/").last.map(String.init) ?? trimmed
            let candidate = last.split(separator: "#").last.map(String.init) ?? last
            return candidate.count <= 6 && candidate.allSatisfy({ $0.isLetter || $0.isNumber })
                ? candidate.uppercased() : trimmed
        default:
            return trimmed
        }
    }

    /// Whether an alignment (`self`) evidences `required`: same framework and code, and a level
    /// at least the required one when one is required. (Narrower skills need the framework's
    /// broader links: see ``Catalog/covers(_:required:)``.)
    public func satisfies(_ required: SkillReference) -> Bool {
        framework == required.framework && code == required.code && reachesLevel(of: required)
    }

    /// Whether this alignment's level is at least the one `required` asks for, if any.
    public func reachesLevel(of required: SkillReference) -> Bool {
        guard let minimum = required.level else { return true }
        guard let level else { return false }
        return level >= minimum
    }

    public var description: String {
        "\(framework):\(code)" + (level.map { " level \($0)" } ?? "") + (includeNarrower ? " or narrower" : "")
    }
}
