/// Rewrites pathway trees for waivers and substitutions (see ``ExceptionApplication``): every
/// edit names a node of a pathway as the catalogue defines it, and each affected pathway is
/// rebuilt once, bottom-up, so that edits of one tree do not move each other's targets.
struct TreeRewriter {
    /// A waiver or substitution whose requirement was found.
    struct Edit {
        /// The exception's place among those in force, to report it.
        var position: Int
        var exception: RegistrarException
        var address: RequirementAddress
    }

    let catalog: Catalog
    private var waivers: [RequirementAddress: Edit] = [:]
    private var substitutions: [RequirementAddress: [(badge: String, edit: Edit)]] = [:]
    /// Every address an accepted edit names, with each of its ancestors: the walk leaves other
    /// subtrees as they are.
    private var touched: Set<RequirementAddress> = []
    private(set) var waivedNodes: Set<ExceptionApplication.WaivedNode> = []

    init(catalog: Catalog) {
        self.catalog = catalog
    }

    /// Takes the edits (in the order they apply) and returns, by position, those that cannot
    /// change anything with why: a requirement inside one that is waived, or one waived already.
    mutating func accept(_ edits: [Edit]) -> [(position: Int, message: String)] {
        var rejected: [(position: Int, message: String)] = []
        for edit in edits {
            guard case .waive = edit.exception.action, waivers[edit.address] == nil else { continue }
            waivers[edit.address] = edit
        }
        for edit in edits {
            let name = Self.requirementName(edit.exception)
            // The outermost waiver above it is the one that leaves it nothing to change.
            if let outer = waivers.values.filter({ edit.address.isInside($0.address) })
                .min(by: { ($0.address.path.count, $0.position) < ($1.address.path.count, $1.position) }) {
                rejected.append((edit.position, "requirement \"\(name)\" lies inside requirement "
                                 + "\"\(Self.requirementName(outer.exception))\", which exception \(outer.exception.id) waives"))
                continue
            }
            switch edit.exception.action {
            case .waive:
                if let first = waivers[edit.address], first.position != edit.position {
                    rejected.append((edit.position, "requirement \"\(name)\" is waived already, by exception \(first.exception.id)"))
                    continue
                }
            case .substitute(let badge, _):
                if let waiver = waivers[edit.address] {
                    rejected.append((edit.position, "requirement \"\(name)\" is waived by exception \(waiver.exception.id), "
                                     + "so no substitute is needed"))
                    continue
                }
                substitutions[edit.address, default: []].append((badge, edit))
            case .outsideEarning, .block:
                continue
            }
            for length in 0...edit.address.path.count {
                touched.insert(RequirementAddress(pathway: edit.address.pathway, path: Array(edit.address.path.prefix(length))))
            }
        }
        return rejected
    }

    /// The pathways the accepted edits change, rewritten, in id order.
    mutating func rewrittenPathways() -> [Pathway] {
        let ids = Set(touched.map(\.pathway)).sorted()
        return ids.compactMap { id in
            guard var pathway = catalog.pathways[id] else { return nil }
            pathway.requires = rebuild(pathway.requires, at: RequirementAddress(pathway: id, path: []))
            return pathway
        }
    }

    private mutating func rebuild(_ node: Requirement, at address: RequirementAddress) -> Requirement {
        guard touched.contains(address) else { return node }
        let name = node.label ?? catalog.defaultLabel(of: node)
        if waivers[address] != nil {
            let label = name + " — waived"
            waivedNodes.insert(ExceptionApplication.WaivedNode(id: node.id, label: label))
            return Requirement(.all([]), id: node.id, label: label, source: node.source)
        }
        var rebuilt = node
        func children(_ list: [Requirement]) -> [Requirement] {
            list.enumerated().map { position, child in
                rebuild(child, at: RequirementAddress(pathway: address.pathway, path: address.path + [position]))
            }
        }
        switch node.kind {
        case .all(let list): rebuilt.kind = .all(children(list))
        case .any(let list): rebuilt.kind = .any(children(list))
        case .countOf(let count, let list): rebuilt.kind = .countOf(count, children(list))
        case .badge, .tag, .skill, .pathway, .countFrom, .credits: break
        }
        guard let substitutes = substitutions[address] else { return rebuilt }
        // The id moves to the `any`, so that `earnedAfter` naming it covers the substitute too.
        rebuilt.id = nil
        let alternatives = substitutes.map { badge, edit in
            Requirement(.badge(badge),
                        label: "\(catalog.badgeClasses[badge]?.name ?? badge) (substituted \(edit.exception.attribution))",
                        source: SourceLocation(file: "exception \(edit.exception.id)"))
        }
        return Requirement(.any([rebuilt] + alternatives), id: node.id, label: name, source: node.source)
    }

    private static func requirementName(_ exception: RegistrarException) -> String {
        switch exception.action {
        case .waive(let requirement), .substitute(_, let requirement): requirement
        case .outsideEarning, .block: ""
        }
    }
}
