import CairnCore
import CairnStore
public import Foundation

extension Workspace {
    /// The store a workspace uses unless told otherwise: `.cairn/store.sqlite` inside it.
    public static func defaultStore(in root: URL) -> URL {
        root.appendingPathComponent(".cairn/store.sqlite")
    }

    /// Every skill the definitions name: badge alignments, `skill` requirements and filters.
    static func skillReferences(badgeCatalogs: [BadgeCatalog], pathways: [Pathway]) -> [SkillReference] {
        var references = badgeCatalogs.flatMap { $0.badges.flatMap(\.alignments) }
        for pathway in pathways {
            pathway.requires.forEachNode { node in
                switch node.kind {
                case .skill(let skill): references.append(skill)
                case .countFrom(_, let filter), .credits(_, let filter): references += filter.skills
                default: break
                }
            }
        }
        return references
    }

    /// The part of each imported framework the definitions use — the skills they name and, for
    /// requirements with `includeNarrower`, every skill below those — read from the store with
    /// a few indexed lookups instead of loading whole frameworks.
    static func storeFrameworks(_ store: any Store, references: [SkillReference]) throws -> [Framework] {
        let imported = try store.frameworks()
        var frameworks: [Framework] = []
        for summary in imported {
            // Each code once (many badges align to the same skill), remembering whether any
            // reference to it wants its narrower skills too.
            var wanted: [String: Bool] = [:]
            for reference in references where reference.framework == summary.id {
                wanted[reference.code, default: false] = wanted[reference.code, default: false] || reference.includeNarrower
            }
            guard !wanted.isEmpty else { continue }
            var skills: [String: Skill] = [:]
            var frontier: [String] = []
            for (code, includeNarrower) in wanted.sorted(by: { $0.key < $1.key }) {
                guard let detail = try store.skill(id: code, framework: summary.id) else { continue }
                if skills[detail.id] == nil { skills[detail.id] = Skill(detail) }
                if includeNarrower { frontier.append(detail.id) }
            }
            var expanded: Set<String> = []
            while let id = frontier.popLast() {
                guard expanded.insert(id).inserted, let detail = try store.skill(id: id, framework: summary.id) else { continue }
                for child in detail.narrower {
                    if skills[child.id] == nil, let childDetail = try store.skill(id: child.id, framework: summary.id) {
                        skills[child.id] = Skill(childDetail)
                    }
                    frontier.append(child.id)
                }
            }
            frameworks.append(Framework(id: summary.id, name: summary.name, version: summary.version,
                                        skills: Array(skills.values), source: SourceLocation(file: store.location)))
        }
        return frameworks
    }
}

extension Skill {
    init(_ detail: SkillDetail) {
        self.init(id: detail.id, preferredLabels: detail.preferredLabels, altLabels: detail.altLabels,
                  description: detail.description, skillType: detail.skillType, broader: detail.broader.map(\.id),
                  levels: detail.levels, reuseLevel: detail.reuseLevel, code: detail.code, category: detail.category)
    }
}
