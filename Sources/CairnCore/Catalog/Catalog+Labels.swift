extension Catalog {
    /// What a requirement without a label of its own is called in audits and plans: the badge
    /// class's name, `A badge tagged elective`, `2 of`, the nested pathway's title, ….
    ///
    /// One place for these words, so that a node that registrar exceptions rewrite (see
    /// ``ExceptionApplication``) keeps the name the audit gave it before.
    func defaultLabel(of requirement: Requirement) -> String {
        switch requirement.kind {
        case .badge(let id):
            return badgeClasses[id]?.name ?? id
        case .tag(let tag):
            return "A badge tagged \(tag)"
        case .skill(let skill):
            let name = self.skill(skill)?.label() ?? skill.code
            let level = skill.level.map { " at level \($0) or above" } ?? ""
            let narrower = skill.includeNarrower ? " or a narrower skill" : ""
            return "A badge aligned to \(name)\(narrower)\(level)"
        case .pathway(let id):
            return pathways[id]?.title ?? id
        case .all:
            return "All of"
        case .any:
            return "Any one of"
        case .countOf(let count, _):
            return "\(count) of"
        case .countFrom(let count, let filter):
            return "\(count) badges: \(filter.summary)"
        case .credits(let amount, let filter):
            return "\(amount) from \(filter.summary)"
        }
    }
}
