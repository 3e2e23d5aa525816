public import CairnCore
public import CairnSyntax
import Yams

extension RoleProfile {
    static let definitionKeys = ["role", "title", "from", "drop", "includeNarrower", "skills"]

    /// Reads an employer's role profile (`Frameworks/roles/*.yaml`).
    ///
    /// ```yaml
    /// role: junior-data-analyst                  # required: the id
    /// title: Junior Data Analyst (Example Corp)  # required
    /// from: { occupation: "http://data.europa.eu/esco/occupation/…" }   # optional base occupation
    /// drop: ["http://data.europa.eu/esco/skill/…"]                      # its skills to leave out
    /// includeNarrower: true                      # default for the skills below (default true)
    /// skills:
    ///   - { framework: sfia, code: DTAN, level: 3, essential: true, weight: 2 }
    ///   - { framework: esco, code: "http://data.europa.eu/esco/skill/…", essential: false }
    /// ```
    ///
    /// `essential` defaults to true, `weight` to 1; `level` is the minimum level.
    public init(definition: String, file: String) throws(FormatErrors) {
        self = try DefinitionReader.read(definition, file: file, expected: "a role profile (a mapping with role, title and skills)") {
            $0.roleProfile($1)
        }
    }
}

extension DefinitionReader {
    func roleProfile(_ root: Node) -> RoleProfile? {
        guard var fields = fields(root, "the role profile", allowed: RoleProfile.definitionKeys, required: ["role", "title"])
        else { return nil }
        let id = fields.read("role", string)
        let title = fields.read("title", string)
        let base = fields.read("from") { node -> String? in
            guard let from = self.fields(node, "from", allowed: ["occupation"], required: ["occupation"]),
                  let occupation = from["occupation"] else { return nil }
            return string(occupation)
        }
        let dropped = fields.read("drop", strings)
        let includeNarrower = fields.read("includeNarrower", bool) ?? true
        let skills = fields.read("skills") { node -> [RoleSkill]? in
            guard let entries = list(node) else { return nil }
            let skills = entries.compactMap { roleSkill($0, includeNarrower: includeNarrower) }
            return skills.count == entries.count ? skills : nil
        }
        guard fields.isValid, let id, let title else { return nil }
        if base == nil, (skills ?? []).isEmpty {
            fail("a role profile needs skills, or an occupation to start from (from: { occupation: … })", at: fields.location)
            return nil
        }
        return RoleProfile(id: id, title: title, origin: .employer, skills: skills ?? [], basedOn: base,
                           dropped: dropped ?? [], source: fields.location)
    }

    private func roleSkill(_ node: Node, includeNarrower: Bool) -> RoleSkill? {
        guard var fields = fields(node, "a role skill", allowed: ["framework", "code", "level", "essential", "weight",
                                                                  "includeNarrower"],
                                  required: ["framework", "code"]) else { return nil }
        let framework = fields.read("framework", string)
        let code = fields.read("code", string)
        let level = fields.read("level") { wholeNumber($0, atLeast: 0) }
        let essential = fields.read("essential", bool)
        let weight = fields.read("weight") { rational($0, positive: true) }
        let narrower = fields.read("includeNarrower", bool)
        guard fields.isValid, let framework, let code else { return nil }
        return RoleSkill(skill: SkillReference(framework: framework, code: code, level: level,
                                               includeNarrower: narrower ?? includeNarrower),
                         isEssential: essential ?? true, weight: weight ?? .one)
    }
}
