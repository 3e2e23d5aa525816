/// A skills framework: ESCO, SFIA, or an organisation's own.
public struct Framework: Hashable, Sendable, Identifiable {
    /// `esco`, `sfia`, a URI, or a custom name; lowercased.
    public var id: String
    public var name: String
    public var version: String?
    public var skills: [String: Skill]
    public var occupations: [String: Occupation]
    public var source: SourceLocation?

    public init(id: String, name: String, version: String? = nil, skills: [Skill] = [],
                occupations: [Occupation] = [], source: SourceLocation? = nil) {
        self.id = id.lowercased()
        self.name = name
        self.version = version
        self.skills = Dictionary(skills.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.occupations = Dictionary(occupations.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.source = source
    }
}
