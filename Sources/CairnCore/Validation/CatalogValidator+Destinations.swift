extension CatalogValidator {
    /// A pathway's destinations and milestones: destination ids unique, the badges they award
    /// known, every milestone's requirement id a node of the pathway.
    func destinationAndMilestoneProblems(in pathway: Pathway) -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        var seen: Set<String> = []
        for destination in pathway.destinations {
            let location = destination.source ?? pathway.source
            if !seen.insert(destination.id).inserted {
                issues.append(ValidationIssue("pathway \(pathway.id) has two destinations with the id \"\(destination.id)\"",
                                              at: location))
            }
            if let awards = destination.awards, catalog.badgeClasses[awards] == nil {
                issues.append(ValidationIssue("destination \(destination.id) of pathway \(pathway.id) awards unknown badge class "
                                              + "\"\(awards)\"" + badgeHint(awards), at: location, unresolved: .badgeClass))
            }
        }
        var ids: [String] = []
        pathway.requires.forEachNode { node in if let id = node.id { ids.append(id) } }
        for milestone in pathway.milestones {
            let location = milestone.source ?? pathway.source
            if !ids.contains(milestone.requirement) {
                issues.append(ValidationIssue("milestone \(milestone.awards) of pathway \(pathway.id) names the requirement "
                                              + "\"\(milestone.requirement)\", which no requirement has as its id"
                                              + ClosestIDs.hint(for: milestone.requirement, among: ids), at: location))
            }
            if catalog.badgeClasses[milestone.awards] == nil {
                issues.append(ValidationIssue("milestone \(milestone.requirement) of pathway \(pathway.id) awards unknown badge class "
                                              + "\"\(milestone.awards)\"" + badgeHint(milestone.awards),
                                              at: location, unresolved: .badgeClass))
            }
        }
        return issues
    }
}

extension Requirement {
    /// The node with every `source` below it removed: two copies of one shared component (a YAML
    /// alias, or a writer's repeat of it) compare equal.
    var ignoringSources: Requirement {
        var copy = self
        copy.source = nil
        switch kind {
        case .all(let children): copy.kind = .all(children.map(\.ignoringSources))
        case .any(let children): copy.kind = .any(children.map(\.ignoringSources))
        case .countOf(let count, let children): copy.kind = .countOf(count, children.map(\.ignoringSources))
        default: break
        }
        return copy
    }
}
