public import CairnCore

extension Workspace {
    /// This workspace with, for every pathway that has several versions, the one that applies to
    /// `record` on `asOf` (`requested` names the version of `pathway` to use instead; see
    /// `Catalog.version(of:for:asOf:requested:)` for the rule), and the choice made for `pathway`.
    /// A workspace without versions, asked for none, comes back as it is with no choice.
    ///
    /// - Throws: ``WorkspaceError/unknownID(kind:id:known:)`` for an unknown pathway, or a
    ///   version `pathway` lacks (with the closest one).
    public func resolvingVersions(of pathway: String, for record: LearnerRecord, asOf: CalendarDate,
                                  requested: String? = nil) throws(WorkspaceError)
        -> (workspace: Workspace, choice: PathwayVersionChoice?) {
        guard catalog.hasPathwayVersions || requested != nil else { return (self, nil) }
        guard catalog.pathways[pathway] != nil else {
            throw .unknownID(kind: "pathway", id: pathway, known: catalog.sortedPathways.map(\.id))
        }
        let (resolved, choice) = catalog.selectingVersions(of: pathway, for: record, asOf: asOf, requested: requested)
        guard let choice else {
            throw .unknownID(kind: "version of pathway \(pathway)", id: requested ?? "",
                             known: catalog.pathwayVersions(pathway).compactMap(\.version))
        }
        return (Workspace(root: root, catalog: resolved, learners: learners, issues: issues, files: files,
                          policies: policies, roleDefinitions: roleDefinitions), choice)
    }

    /// `plan` saying, in its first note, which version it used, when there was a choice to make.
    static func stamped(_ plan: Plan, _ choice: PathwayVersionChoice?) -> Plan {
        guard let choice, choice.reason != .only else { return plan }
        var plan = plan
        plan.notes.insert("version \(choice.pathway.version ?? "(unnamed)") (\(choice.reason))", at: 0)
        return plan
    }

    /// `audit` saying which version it used, when there was a choice to make.
    static func stamped(_ audit: Audit, _ choice: PathwayVersionChoice?) -> Audit {
        guard let choice, choice.reason != .only else { return audit }
        var audit = audit
        audit.version = choice.pathway.version
        audit.versionReason = choice.reason.description
        if case .latest = choice.reason { audit.notes.append("version \(choice.pathway.version ?? "?"): \(choice.reason)") }
        return audit
    }
}
