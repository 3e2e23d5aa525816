import CairnCore

extension Workspace {
    /// This workspace with `pathway` standing for one of its destinations (by id) or milestones
    /// (by the badge it awards, or its requirement id): the same pathway id, that target's title,
    /// badge and requirement tree. Audits, plans and issuing then work on the target as on any
    /// pathway; ``PlanTarget`` says which it was.
    ///
    /// - Throws: ``WorkspaceError/unknownID(kind:id:known:)`` for an unknown pathway or target,
    ///   with the closest ids.
    public func targeting(_ target: String, of pathway: String, kind: PlanTarget.Kind,
                          chosen: String = "as asked") throws(WorkspaceError) -> (workspace: Workspace, target: PlanTarget) {
        guard let definition = catalog.pathways[pathway] else {
            throw .unknownID(kind: "pathway", id: pathway, known: catalog.sortedPathways.map(\.id))
        }
        let part: Pathway
        let planTarget: PlanTarget
        switch kind {
        case .destination:
            guard let index = definition.destinations.firstIndex(where: { $0.id == target }) else {
                throw .unknownID(kind: "destination of \(pathway)", id: target, known: definition.destinations.map(\.id))
            }
            part = definition.reaching(destination: index)
            planTarget = PlanTarget(kind: .destination, id: target, title: part.title, awards: part.awards, chosen: chosen)
        case .milestone:
            guard let milestone = definition.milestones.first(where: { $0.awards == target || $0.requirement == target }),
                  let reached = definition.reaching(milestone: milestone) else {
                throw .unknownID(kind: "milestone of \(pathway)", id: target,
                                 known: definition.milestones.flatMap { [$0.awards, $0.requirement] })
            }
            part = reached
            planTarget = PlanTarget(kind: .milestone, id: milestone.requirement, title: part.title, awards: milestone.awards,
                                    chosen: chosen)
        }
        return (replacing(part), planTarget)
    }

    /// This workspace with `pathway` in place of the one with its id. The validation issues stay
    /// the whole workspace's: the part was checked with the pathway it belongs to.
    func replacing(_ pathway: Pathway) -> Workspace {
        let pathways = catalog.allPathwayVersions.filter { $0.id != pathway.id } + [pathway]
        return Workspace(root: root, catalog: Catalog(badgeCatalogs: catalog.badgeCatalogs, pathways: pathways,
                                                      frameworks: Array(catalog.frameworks.values)),
                         learners: learners, issues: issues, files: files, policies: policies,
                         roleDefinitions: roleDefinitions)
    }

    /// A plan toward one destination or milestone of `pathway` (`destination` / `milestone`),
    /// or — for a pathway with several destinations and neither given — toward the nearest
    /// destination: the one whose plan is complete with the least total, the first in the
    /// file on a tie. A pathway with one destination and no target is planned as ever.
    public func plan(pathway: String, destination: String?, milestone: String?, for record: LearnerRecord,
                     exceptions: [RegistrarException], measure: Plan.Measure, asOf: CalendarDate,
                     reliesUntil: CalendarDate, assume: [String] = [], version: String? = nil) throws(WorkspaceError) -> Plan {
        // The version that applies (or the one asked for) first: its destinations are the ones to plan for.
        if catalog.hasPathwayVersions || version != nil {
            let (resolved, choice) = try resolvingVersions(of: pathway, for: record, asOf: asOf, requested: version)
            return Self.stamped(try resolved.plan(pathway: pathway, destination: destination, milestone: milestone, for: record,
                                                  exceptions: exceptions, measure: measure, asOf: asOf,
                                                  reliesUntil: reliesUntil, assume: assume), choice)
        }
        func planning(_ target: String, _ kind: PlanTarget.Kind, chosen: String) throws(WorkspaceError) -> Plan {
            let (workspace, planTarget) = try targeting(target, of: pathway, kind: kind, chosen: chosen)
            var plan = try workspace.plan(pathway: pathway, for: record, exceptions: exceptions, measure: measure,
                                          asOf: asOf, reliesUntil: reliesUntil, assume: assume)
            plan.target = planTarget
            return plan
        }
        if let milestone { return try planning(milestone, .milestone, chosen: "as asked") }
        if let destination { return try planning(destination, .destination, chosen: "as asked") }
        guard let definition = catalog.pathways[pathway], definition.destinations.count > 1 else {
            return try plan(pathway: pathway, for: record, exceptions: exceptions, measure: measure, asOf: asOf,
                            reliesUntil: reliesUntil, assume: assume)
        }
        var best: Plan?
        for candidate in definition.destinations {
            let plan = try planning(candidate.id, .destination,
                                    chosen: "the nearest of \(definition.destinations.count) destinations (--destination ID picks one)")
            guard let current = best else { best = plan; continue }
            if plan.isComplete && (!current.isComplete || plan.total < current.total) { best = plan }
        }
        if let best { return best }
        return try plan(pathway: pathway, for: record, exceptions: exceptions, measure: measure, asOf: asOf,
                        reliesUntil: reliesUntil, assume: assume)
    }
}

extension Workspace {
    /// This workspace with one destination or milestone of `pathway` — the one that awards
    /// `badge` — added as a pathway of its own, with the id `PATHWAY#BADGE`, and that id. Issuing
    /// works on it as on any pathway: the store records one credential per learner for that id,
    /// so each destination and milestone is issued at most once per learner, and only when its
    /// requirements are met.
    ///
    /// - Throws: ``WorkspaceError/unknownID(kind:id:known:)`` when no destination or milestone of
    ///   the pathway awards `badge`, with the badges that do.
    public func addingAward(_ badge: String, of pathway: String) throws(WorkspaceError) -> (workspace: Workspace, pathway: String) {
        guard let definition = catalog.pathways[pathway] else {
            throw .unknownID(kind: "pathway", id: pathway, known: catalog.sortedPathways.map(\.id))
        }
        var part: Pathway?
        if let index = definition.destinations.firstIndex(where: { $0.awards == badge }) {
            part = definition.reaching(destination: index)
        } else if let milestone = definition.milestones.first(where: { $0.awards == badge }) {
            part = definition.reaching(milestone: milestone)
        }
        guard var part else {
            let known = definition.destinations.compactMap(\.awards) + definition.milestones.map(\.awards)
            throw .unknownID(kind: "badge a destination or milestone of \(pathway) awards", id: badge, known: known)
        }
        part.id = Self.awardID(badge, of: pathway)
        let pathways = catalog.allPathwayVersions + [part]
        let workspace = Workspace(root: root, catalog: Catalog(badgeCatalogs: catalog.badgeCatalogs, pathways: pathways,
                                                               frameworks: Array(catalog.frameworks.values)),
                                  learners: learners, issues: issues, files: files, policies: policies,
                                  roleDefinitions: roleDefinitions)
        return (workspace, part.id)
    }

    /// The id issuing records a destination's or milestone's credential under: `PATHWAY#BADGE`.
    public static func awardID(_ badge: String, of pathway: String) -> String {
        "\(pathway)#\(badge)"
    }
}
