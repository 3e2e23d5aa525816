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
