import CairnCore
import CairnCredentials
import CairnReports
import CairnSyntax
import Foundation

extension Workspace {
    /// The cheapest further badges that complete `pathway` for `record` (see
    /// ``CompiledPathway/plan(for:catalog:measure:asOf:reliesUntil:limits:)``). `assume` adds
    /// badges as if earned on `asOf` (what-if).
    public func plan(pathway: String, for record: LearnerRecord, measure: Plan.Measure, asOf: CalendarDate,
                     reliesUntil: CalendarDate, assume: [String] = [], version: String? = nil,
                     limits: SolverLimits = .default) throws(WorkspaceError) -> Plan {
        if catalog.hasPathwayVersions || version != nil {
            let (resolved, choice) = try resolvingVersions(of: pathway, for: record, asOf: asOf, requested: version)
            return Self.stamped(try resolved.plan(pathway: pathway, for: record, measure: measure, asOf: asOf,
                                                  reliesUntil: reliesUntil, assume: assume, limits: limits), choice)
        }
        let record = try assuming(assume, in: record, asOf: asOf)
        let catalog = catalog(for: record)
        guard catalog.pathways[pathway] != nil else {
            throw .unknownID(kind: "pathway", id: pathway, known: catalog.sortedPathways.map(\.id))
        }
        let compiled: CompiledPathway
        do { compiled = try CompiledPathway(pathway: pathway, catalog: catalog) } catch { throw .audit(error) }
        do {
            return try compiled.plan(for: record, catalog: catalog, measure: measure, asOf: asOf,
                                     reliesUntil: reliesUntil, limits: limits)
        } catch {
            throw .invalidInput([ValidationIssue(error.description, at: nil)])
        }
    }

    /// `record` with `badges` added as earned on `asOf`.
    /// - Throws: ``WorkspaceError/unknownID(kind:id:known:)`` for a badge no catalogue defines.
    public func assuming(_ badges: [String], in record: LearnerRecord, asOf: CalendarDate) throws(WorkspaceError) -> LearnerRecord {
        var copy = record
        let known = catalog(for: record)
        for badge in badges {
            guard known.badgeClasses[badge] != nil else {
                throw .unknownID(kind: "badge class", id: badge, known: catalog.badgeClasses.keys.sorted())
            }
            copy.badges.append(EarnedBadge(badgeClassID: badge, issued: asOf))
        }
        return copy
    }
}
