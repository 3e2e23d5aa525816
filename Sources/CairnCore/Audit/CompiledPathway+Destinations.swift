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
            // The root is `any` over the destinations, so its figures are the best destination's,
            // exactly: the search over the whole tree at once (larger, and with a badge counted
            // once across destinations) adds nothing, and where it ran out of steps before
            // proving that, its note would not be true of the answer.
            settleRoot(of: &audit, record: record)
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

    /// The root of a pathway with several destinations from its destinations' own audits: met when
    /// one is reached, with the most progress of any, exact when each is; and its pending figure
    /// (when the learner has pending earnings some destination counts) the same way.
    private func settleRoot(of audit: inout Audit, record: LearnerRecord) {
        let destinations = audit.destinations
        let best = destinations.map(\.progress).max() ?? .zero
        audit.isComplete = destinations.contains(where: \.isComplete)
        audit.progress = best
        audit.root.isSatisfied = audit.isComplete
        audit.root.progress = best
        audit.isExact = destinations.allSatisfy(\.isExact)
        audit.notes = record.notes + (audit.isExact ? [] : ["a destination's search stopped before it was proven optimal: its figures are the best found"])
        let figures = destinations.compactMap(\.pending)
        guard !figures.isEmpty else { return }
        // A destination with no figure of its own counts none of the pending badges: its figure is its audit's.
        let outcomes = destinations.map { destination in
            destination.pending.map { ($0.isComplete, $0.progress, $0.isExact) }
                ?? (destination.isComplete, destination.progress, destination.isExact)
        }
        let badges = figures.flatMap(\.badges).reduce(into: [EarnedBadge]()) { unique, badge in
            if !unique.contains(badge) { unique.append(badge) }
        }
        audit.pending = PendingFigure(isComplete: outcomes.contains { $0.0 }, progress: outcomes.map(\.1).max() ?? .zero,
                                      isExact: outcomes.allSatisfy { $0.2 },
                                      expectedBy: figures.map(\.expectedBy).max() ?? audit.asOf, badges: badges)
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
