extension CompiledPathway {
    /// `audit` with every destination audited on its own (and shown so under the root) and every
    /// milestone's subtree checked on its own; a milestone not proven met is not met.
    func addingDestinationsAndMilestones(to audit: Audit, record: LearnerRecord, asOf: CalendarDate,
                                         limits: SolverLimits) -> Audit {
        var audit = audit
        for (destination, part) in zip(pathway.destinations, destinationParts) {
            // A destination's part has no destinations of its own: its audit adds only its pending figure.
            let reached = part.audit(record, asOf: asOf, limits: limits)
            if !reached.isExact { audit.isExact = false }
            audit.destinations.append(DestinationAudit(
                id: destination.id, title: destination.title, awards: destination.awards,
                isComplete: reached.isComplete, progress: reached.progress, isExact: reached.isExact, root: reached.root,
                pending: reached.pending))
        }
        // The root is `any` over the destinations: show each branch as its destination's own audit,
        // where a badge may count in every branch (met and progress of the root are the same either way).
        if !audit.destinations.isEmpty, audit.root.children.count == audit.destinations.count {
            audit.root.children = audit.destinations.map(\.root)
        }
        for (milestone, part) in zip(pathway.milestones, milestoneParts) {
            guard let part else {
                audit.notes.append("milestone \(milestone.awards): no requirement has the id \(milestone.requirement)")
                continue
            }
            let reached = part.auditTree(record, asOf: asOf, limits: limits)
            audit.milestones.append(MilestoneAudit(
                requirement: milestone.requirement, awards: milestone.awards, title: part.pathway.title,
                isMet: reached.isComplete && reached.isExact, progress: reached.progress, isExact: reached.isExact))
        }
        return audit
    }

    /// The compiled pathway of one destination (by id), for plans that target it.
    public func destination(_ id: String) -> CompiledPathway? {
        pathway.destinations.firstIndex { $0.id == id }.map { destinationParts[$0] }
    }

    /// The compiled subtree of one milestone (by the badge it awards or its requirement id).
    public func milestone(_ name: String) -> CompiledPathway? {
        pathway.milestones.firstIndex { $0.awards == name || $0.requirement == name }.flatMap { milestoneParts[$0] }
    }
}
