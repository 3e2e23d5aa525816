extension Pathway {
    /// The requirement a pathway with several destinations is complete by: at least one of
    /// them (`any` over the destinations' trees, each labelled with its destination's title
    /// unless it has a label). It is the pathway's ``requires``, so everything that walks the
    /// tree — credit policies, graphs, role recommendations, writers, exception addresses —
    /// sees every destination's requirements once, under one root.
    public static func requirement(reachingOneOf destinations: [PathwayDestination]) -> Requirement {
        Requirement(.any(destinations.map { destination in
            var tree = destination.requires
            if tree.label == nil { tree.label = destination.title }
            return tree
        }), label: "One of the destinations", source: destinations.first?.source)
    }

    /// Each destination's requirement tree as ``requires`` holds it — so a tree that registrar
    /// exceptions rewrote is audited as rewritten — or, when ``requires`` is not the `any`
    /// that ``requirement(reachingOneOf:)`` makes, as the destination gives it.
    public var destinationTrees: [Requirement] {
        if case .any(let children) = requires.kind, children.count == destinations.count { return children }
        return destinations.map(\.requires)
    }

    /// True when the pathway awards more than its own completion: several destinations or milestones.
    public var hasIntermediateAwards: Bool { !destinations.isEmpty || !milestones.isEmpty }

    /// The first node of ``requires`` (parents first) with this id.
    public func requirement(withID id: String) -> Requirement? {
        var found: Requirement?
        requires.forEachNode { node in
            if found == nil, node.id == id { found = node }
        }
        return found
    }

    /// A pathway of its own for one destination: the same id, the destination's title, badge
    /// and tree, and no destinations or milestones — what an audit, a plan or issuing of that
    /// destination works on.
    public func reaching(destination index: Int) -> Pathway {
        let destination = destinations[index]
        return Pathway(id: id, title: destination.title, version: version, awards: destination.awards,
                       conversions: conversions, externalIDs: [], effective: effective, maxShared: maxShared,
                       requires: destinationTrees[index], source: destination.source)
    }

    /// A pathway of its own for one milestone: its requirement's subtree, met by the learner's
    /// badges on its own; `nil` when no node has the milestone's requirement id.
    public func reaching(milestone: PathwayMilestone) -> Pathway? {
        guard let tree = requirement(withID: milestone.requirement) else { return nil }
        return Pathway(id: id, title: milestone.title ?? tree.label ?? milestone.requirement, version: version,
                       awards: milestone.awards, conversions: conversions, effective: effective, maxShared: maxShared,
                       requires: tree, source: milestone.source)
    }
}
