import CairnCore
import CairnSyntax

/// The badge classes an import names: classes of the workspace found by the ids a file gives
/// (a class's `id` or one of its `achievementIds`), and new classes for the rest, each made once
/// however often the file names it.
struct ImportedBadges {
    let catalog: Catalog
    let issuer: Issuer
    private(set) var newBadges: [BadgeClass] = []
    private var newByKey: [String: String] = [:]
    private var usedIDs: DefinitionID
    /// Achievement id → the first class (by id) listing it.
    private let byAchievement: [String: String]

    init(catalog: Catalog, issuer: Issuer) {
        self.catalog = catalog
        self.issuer = issuer
        usedIDs = DefinitionID(taken: catalog.badgeClasses.keys)
        var index: [String: String] = [:]
        for badge in catalog.badgeClasses.values.sorted(by: { $0.id < $1.id }) {
            for achievement in badge.achievementIDs where index[achievement] == nil { index[achievement] = badge.id }
        }
        byAchievement = index
    }

    /// The workspace's class that one of `ids` names: by class id first, then by achievement id
    /// (an `http:` and an `https:` URL of the same address are the same id).
    func existing(_ ids: [String]) -> BadgeClass? {
        for id in ids where !id.isEmpty {
            if let found = catalog.badgeClasses[id] { return found }
        }
        for id in ids where !id.isEmpty {
            for variant in Self.variants(of: id) {
                if let found = byAchievement[variant].flatMap({ catalog.badgeClasses[$0] }) { return found }
            }
        }
        return nil
    }

    /// The class for a thing the file names: the workspace's, else a new one made by `make`
    /// (given a fresh id built from `preferredID`) the first time `key` is seen.
    mutating func badge(key: String, ids: [String], preferredID: String,
                        make: (String) -> BadgeClass) -> String {
        if let found = existing(ids) { return found.id }
        if let made = newByKey[key] { return made }
        let id = freshID(preferredID)
        var badge = make(id)
        badge.issuer = issuer
        newBadges.append(badge)
        newByKey[key] = id
        return id
    }

    /// A class id not yet used: the slug of `text`, with `-2`, `-3`… when taken.
    mutating func freshID(_ text: String) -> String {
        usedIDs.fresh(text, fallback: "imported")
    }

    /// The id itself, and the same address with the other of `http:` and `https:`.
    static func variants(of id: String) -> [String] {
        if id.hasPrefix("https://") { return [id, "http://" + id.dropFirst(8)] }
        if id.hasPrefix("http://") { return [id, "https://" + id.dropFirst(7)] }
        return [id]
    }
}
