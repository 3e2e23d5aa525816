public import CairnCore

extension Requirement {
    /// The node with every `source` removed, for comparing trees read from different files.
    public var withoutSources: Requirement {
        var copy = self
        copy.source = nil
        copy.atMost = atMost.map { limit in
            var bare = limit
            bare.source = nil
            return bare
        }
        switch kind {
        case .all(let children): copy.kind = .all(children.map(\.withoutSources))
        case .any(let children): copy.kind = .any(children.map(\.withoutSources))
        case .countOf(let count, let children): copy.kind = .countOf(count, children.map(\.withoutSources))
        default: break
        }
        return copy
    }
}

extension Pathway {
    /// The pathway with every `source` removed.
    public var withoutSources: Pathway {
        var copy = self
        copy.source = nil
        copy.requires = requires.withoutSources
        copy.destinations = destinations.map { destination in
            var copy = destination
            copy.source = nil
            copy.requires = destination.requires.withoutSources
            return copy
        }
        copy.milestones = milestones.map { milestone in
            var copy = milestone
            copy.source = nil
            return copy
        }
        return copy
    }
}
