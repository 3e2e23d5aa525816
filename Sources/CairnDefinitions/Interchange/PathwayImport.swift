public import CairnCore
public import CairnSyntax

/// A pathway read from another system's file (a Credential Registry CTDL document, a Badgr
/// pathway export), ready to be written as Cairn's own files.
///
/// Whatever the file says that Cairn could not turn into a rule is in ``notes``, each with its
/// place in the file: an import never drops anything silently.
public struct PathwayImport: Sendable {
    /// The pathway, its requirements naming badge classes of the workspace or of ``newBadges``.
    public var pathway: Pathway
    /// Badge classes for the components and badges the workspace's catalogues do not have yet,
    /// each keeping the ids it has in the file (`achievementIds`).
    public var newBadges: [BadgeClass]
    /// The issuer the file names for the pathway (its owner), under which ``newBadges`` go.
    public var issuer: Issuer
    /// What the file says that is not a rule of the imported pathway, with its place.
    public var notes: [FormatError]

    public init(pathway: Pathway, newBadges: [BadgeClass], issuer: Issuer, notes: [FormatError]) {
        self.pathway = pathway
        self.newBadges = newBadges
        self.issuer = issuer
        self.notes = notes
    }

    /// The badge catalogue for ``newBadges``, or nil when every component was already a badge.
    public var newCatalog: BadgeCatalog? {
        newBadges.isEmpty ? nil : BadgeCatalog(issuer: issuer, badges: newBadges)
    }

    /// The badge classes of the workspace the pathway names (not counting ``newBadges``).
    public var workspaceBadges: [String] {
        var named: Set<String> = []
        if let awards = pathway.awards { named.insert(awards) }
        pathway.requires.forEachNode { node in
            switch node.kind {
            case .badge(let badge): named.insert(badge)
            case .countFrom(_, let filter), .credits(_, let filter): named.formUnion(filter.badges)
            default: break
            }
        }
        return named.subtracting(newBadges.map(\.id)).sorted()
    }
}
