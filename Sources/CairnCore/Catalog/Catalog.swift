/// Everything the engine needs to know about a workspace: badge classes, pathways,
/// frameworks and unit conversions, indexed and immutable.
///
/// Building a catalog never fails: duplicates keep their first definition and are
/// reported by ``CatalogValidator``. Lookups are by id. A pathway id may have several versions
/// (one file each, with `version` and `effective`): ``pathways`` holds the latest of each, and
/// ``pathwayVersions(_:)`` every one (see `Catalog+Versions.swift` for which applies to a learner).
public struct Catalog: Sendable {
    public let badgeCatalogs: [BadgeCatalog]
    public let badgeClasses: [String: BadgeClass]
    /// Each pathway id's latest version (the one whose `effective.from` is latest).
    public let pathways: [String: Pathway]
    /// Every version of the ids defined more than once, sorted by `effective.from`; an id with one
    /// definition is only in ``pathways``.
    let versionsByID: [String: [Pathway]]
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
        let grouped = Self.groupedVersions(pathways)
        versionsByID = grouped
        var latest = Dictionary(pathways.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for (id, versions) in grouped { latest[id] = Self.latest(of: versions) }
        self.pathways = latest
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

    /// A copy with `revised` pathways put in place of those with the same ids (or added) and
    /// `extra` badge catalogues after the existing ones — what ``ExceptionApplication`` builds
    /// for each learner.
    ///
    /// ``init(badgeCatalogs:pathways:frameworks:)`` re-indexes every framework's narrower links,
    /// which for a large framework costs far more than the audit it serves; a revision leaves
    /// frameworks alone, so the copy keeps the index and, when nothing new declares a
    /// conversion, the conversions too. Classes of `extra` join as the initialiser would add
    /// them: an id already defined keeps its first definition.
    func revised(pathways revised: [Pathway], adding extra: [BadgeCatalog] = []) -> Catalog {
        var pathways = self.pathways
        var conversionsChanged = !extra.allSatisfy(\.conversions.isEmpty)
        for pathway in revised {
            if pathways[pathway.id]?.conversions != pathway.conversions { conversionsChanged = true }
            pathways[pathway.id] = pathway
        }
        var classes = badgeClasses
        for catalog in extra {
            for badge in catalog.badges where classes[badge.id] == nil {
                var indexed = badge
                if indexed.resultScale.isEmpty { indexed.resultScale = catalog.results }
                classes[badge.id] = indexed
            }
        }
        let catalogs = badgeCatalogs + extra
        var conversions = self.conversions
        var knownUnits = self.knownUnits
        if conversionsChanged {
            // Pathways in id order: the initialiser's order is not kept, and a later conversion
            // between the same units overrides an earlier one.
            let declared = catalogs.flatMap(\.conversions)
                + pathways.values.sorted { $0.id < $1.id }.flatMap(\.conversions)
            conversions = UnitConversions(UnitConversion.universal + declared)
            knownUnits = CreditUnit.builtIn.union(declared.flatMap { [$0.from, $0.to] })
        }
        return Catalog(badgeCatalogs: catalogs, badgeClasses: classes, pathways: pathways, versionsByID: versionsByID,
                       frameworks: frameworks, conversions: conversions, knownUnits: knownUnits,
                       narrowerIndex: narrowerIndex)
    }

    private init(badgeCatalogs: [BadgeCatalog], badgeClasses: [String: BadgeClass], pathways: [String: Pathway],
                 versionsByID: [String: [Pathway]], frameworks: [String: Framework], conversions: UnitConversions,
                 knownUnits: Set<CreditUnit>, narrowerIndex: [String: [String: [String]]]) {
        self.badgeCatalogs = badgeCatalogs
        self.badgeClasses = badgeClasses
        self.pathways = pathways
        self.versionsByID = versionsByID
        self.frameworks = frameworks
        self.conversions = conversions
        self.knownUnits = knownUnits
        self.narrowerIndex = narrowerIndex
    }

    /// A copy whose ``pathways`` are all there is: the versions chosen for one learner.
    var withoutVersions: Catalog {
        Catalog(badgeCatalogs: badgeCatalogs, badgeClasses: badgeClasses, pathways: pathways, versionsByID: [:],
                frameworks: frameworks, conversions: conversions, knownUnits: knownUnits, narrowerIndex: narrowerIndex)
    }

    /// Pathways sorted by id, for stable output.
    public var sortedPathways: [Pathway] {
        pathways.values.sorted { $0.id < $1.id }
    }
}
