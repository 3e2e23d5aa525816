/// Where a requirement sits: in which pathway's own tree, and the 0-based child positions that
/// lead to it from that tree's root (empty for the root).
///
/// Exceptions name a requirement by id or by 1-based position; both are resolved against the
/// catalogue's pathways as written, before any exception rewrites them, so that a substitution
/// (which wraps a node) does not move the positions another exception names.
struct RequirementAddress: Hashable, Sendable {
    var pathway: String
    var path: [Int]

    /// Whether `self` lies strictly below `other` in the same tree.
    func isInside(_ other: RequirementAddress) -> Bool {
        pathway == other.pathway && path.count > other.path.count && Array(path.prefix(other.path.count)) == other.path
    }

    /// Finds `name` for `pathwayID` in `catalog`: first as a node id, depth-first (parents
    /// first) in the pathway's own tree, then in the trees of the pathways it nests, in the
    /// order they appear; then as a positional path (`2.1`: the first part of the root's second
    /// part) in the pathway's own tree. Nil when neither finds it.
    static func locate(_ name: String, in pathwayID: String, catalog: Catalog) -> (address: RequirementAddress, node: Requirement)? {
        if let found = locateID(name, from: pathwayID, catalog: catalog) { return found }
        guard let pathway = catalog.pathways[pathwayID], let positions = positions(name) else { return nil }
        var node = pathway.requires
        for position in positions {
            let children = node.children
            guard position < children.count else { return nil }
            node = children[position]
        }
        return (RequirementAddress(pathway: pathwayID, path: positions), node)
    }

    /// The 0-based positions a name like `2.1` spells, or nil when it is not made of positive
    /// whole numbers joined by dots.
    static func positions(_ name: String) -> [Int]? {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        var positions: [Int] = []
        for part in parts {
            guard !part.isEmpty, part.allSatisfy(\.isASCIIDigit), let number = Int(part), number >= 1 else { return nil }
            positions.append(number - 1)
        }
        return positions
    }

    /// Every node id in the pathway's tree and its nested pathways' trees, for "did you mean" hints.
    static func ids(in pathwayID: String, catalog: Catalog) -> [String] {
        var ids: [String] = []
        for id in searchOrder(from: pathwayID, catalog: catalog) {
            catalog.pathways[id]?.requires.forEachNode { node in
                if let nodeID = node.id { ids.append(nodeID) }
            }
        }
        return ids
    }

    private static func locateID(_ name: String, from pathwayID: String,
                                 catalog: Catalog) -> (address: RequirementAddress, node: Requirement)? {
        for id in searchOrder(from: pathwayID, catalog: catalog) {
            guard let pathway = catalog.pathways[id] else { continue }
            if let (path, node) = find(name, in: pathway.requires, at: []) {
                return (RequirementAddress(pathway: id, path: path), node)
            }
        }
        return nil
    }

    /// The pathway, then every pathway it nests (at any depth), each once, in the order a
    /// depth-first walk meets them; a cycle (which ``CatalogValidator`` reports) is walked once.
    private static func searchOrder(from pathwayID: String, catalog: Catalog) -> [String] {
        var order: [String] = []
        var seen: Set<String> = []
        func visit(_ id: String) {
            guard seen.insert(id).inserted, let pathway = catalog.pathways[id] else { return }
            order.append(id)
            var nested: [String] = []
            pathway.requires.forEachNode { node in
                if case .pathway(let inner) = node.kind { nested.append(inner) }
            }
            for inner in nested { visit(inner) }
        }
        visit(pathwayID)
        return order
    }

    private static func find(_ id: String, in node: Requirement, at path: [Int]) -> (path: [Int], node: Requirement)? {
        if node.id == id { return (path, node) }
        for (position, child) in node.children.enumerated() {
            if let found = find(id, in: child, at: path + [position]) { return found }
        }
        return nil
    }
}
