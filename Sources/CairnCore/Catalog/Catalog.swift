/// Everything the engine needs to know about a workspace: badge classes, pathways,
/// frameworks and unit conversions, indexed and immutable.
///
/// Building a catalog never fails: duplicates keep their first definition and are
/// reported by ``CatalogValidator``. Lookups are by id.
public struct Catalog: Sendable {
    public let badgeCatalogs: [BadgeCatalog]
    public let badgeClasses: [String: BadgeClass]
    public let pathways: [String: Pathway]
    public let frameworks: [String: Framework]
    /// Built-in conversions plus every conversion the catalogues and pathways declare.
    public let conversions: UnitConversions
    /// Units that are built in or named by a declared conversion.
    public let knownUnits: Set<CreditUnit>
    /// Framework id → skill code → the skills that name it as broader.
    private let narrowerIndex: [String: [String: [String]]]

    public init(badgeCatalogs: [BadgeCatalog] = [], pathways: [Pathway] = [], frameworks: [Framework] = []) {
        self.badgeCatalogs = badgeCatalogs
        var classes: [String: BadgeClass] = [:]
        for catalog in badgeCatalogs {
            for badge in catalog.badges where classes[badge.id] == nil {
                var indexed = badge
                if indexed.resultScale.isEmpty { indexed.resultScale = catalog.results }
                classes[badge.id] = indexed
            }
        }
        badgeClasses = classes
        self.pathways = Dictionary(pathways.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.frameworks = Dictionary(frameworks.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let declared = badgeCatalogs.flatMap(\.conversions) + pathways.flatMap(\.conversions)
        conversions = UnitConversions(UnitConversion.universal + declared)
        knownUnits = CreditUnit.builtIn.union(declared.flatMap { [$0.from, $0.to] })
        var narrower: [String: [String: [String]]] = [:]
        for framework in frameworks {
            var index: [String: [String]] = [:]
            for skill in framework.skills.values {
                for broader in skill.broader { index[broader, default: []].append(skill.id) }
            }
            narrower[framework.id] = index
        }
        narrowerIndex = narrower
    }

    /// The skill codes a requirement accepts: its own, and with `includeNarrower` every skill
    /// below it by the framework's broader links, at any depth.
    public func skillCodes(coveredBy required: SkillReference) -> Set<String> {
        var codes: Set<String> = [required.code]
        guard required.includeNarrower, let index = narrowerIndex[required.framework] else { return codes }
        var frontier = [required.code]
        while let code = frontier.popLast() {
            for child in index[code] ?? [] where codes.insert(child).inserted { frontier.append(child) }
        }
        return codes
    }

    /// Whether a badge's alignment evidences a required skill (same framework, the required
    /// code or — with `includeNarrower` — a narrower one, and the level asked for).
    public func covers(_ alignment: SkillReference, required: SkillReference) -> Bool {
        guard alignment.framework == required.framework, alignment.reachesLevel(of: required) else { return false }
        return alignment.code == required.code || (required.includeNarrower
            && skillCodes(coveredBy: required).contains(alignment.code))
    }

    /// Whether a badge class passes a filter, with skill criteria judged by ``covers(_:required:)``.
    public func matches(_ filter: BadgeFilter, _ badge: BadgeClass) -> Bool {
        var plain = filter
        plain.skills = []
        guard plain.isEmpty || plain.matches(badge) else { return false }
        guard !filter.skills.isEmpty else { return true }
        return filter.skills.contains { required in badge.alignments.contains { covers($0, required: required) } }
    }

    /// Every tag used by some badge class.
    public var tags: Set<String> {
        Set(badgeClasses.values.flatMap(\.tags))
    }

    /// The skill a reference names, when its framework is loaded and knows the code.
    public func skill(_ reference: SkillReference) -> Skill? {
        frameworks[reference.framework]?.skills[reference.code]
    }

    /// Pathways sorted by id, for stable output.
    public var sortedPathways: [Pathway] {
        pathways.values.sorted { $0.id < $1.id }
    }
}
