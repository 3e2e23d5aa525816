public import CairnCore
public import CairnReports

/// Audits a chunk of learners against every pathway of a cohort run, each pathway compiled once
/// (once per version, when a pathway has several: see ``rows(for:)``).
public struct CohortAuditor: Sendable {
    public let workspace: Workspace
    /// Each pathway of the run as the workspace holds it (its latest version).
    public let compiled: [CompiledPathway]
    public let asOf: CalendarDate
    /// The registrar exceptions by learner; a learner with none takes the compiled pathways as they are.
    public let exceptions: [String: [RegistrarException]]
    /// The version every learner is audited in (`--version`), instead of the one that applies to them.
    public let version: String?
    /// Every version of every pathway that has several, compiled: what a store read must cover.
    private let otherVersions: [CompiledPathway]

    public init(workspace: Workspace, pathways: [String], asOf: CalendarDate, exceptions: [RegistrarException] = [],
                version: String? = nil) throws {
        self.workspace = workspace
        self.asOf = asOf
        self.version = version
        compiled = try pathways.map { try workspace.compiledPathway($0) }
        self.exceptions = Dictionary(grouping: exceptions, by: \.learner)
        let catalog = workspace.catalog
        otherVersions = try catalog.versionedPathwayIDs.flatMap { id in
            try catalog.pathwayVersions(id).map { try CompiledPathway(pathway: id, catalog: catalog.selecting($0)) }
        }
        if let version, let id = pathways.first {
            guard pathways.count == 1 else { throw WorkspaceError.invalidInput([ValidationIssue(
                "--version applies to one pathway: give a single --pathway with it", at: nil)]) }
            guard catalog.pathwayVersions(id).contains(where: { $0.version == version }) else {
                throw WorkspaceError.unknownID(kind: "version of pathway \(id)", id: version,
                                               known: catalog.pathwayVersions(id).compactMap(\.version))
            }
        }
    }

    /// The classes any of the pathways can count (in any of their versions), and those an
    /// exception substitutes for a requirement: a record of only these classes' earnings audits the same.
    public var relevantClassIDs: Set<String> {
        var relevant = (compiled + otherVersions).reduce(into: Set<String>()) { $0.formUnion($1.relevantClassIDs) }
        for exception in exceptions.values.joined() {
            if case .substitute(let badge, _) = exception.action { relevant.insert(badge) }
        }
        return relevant
    }

    /// One row per learner and pathway (and per destination of a pathway with several, see
    /// ``CohortAuditRow/rows(_:)``), learners in order. When pathways have versions, each learner
    /// is audited in the versions that apply to them (or ``version``), each set of versions compiled
    /// once per chunk: the compiled pathways are keyed on (pathway, version).
    public func rows(for records: [LearnerRecord]) throws -> [CohortAuditRow] {
        var rows: [CohortAuditRow] = []
        rows.reserveCapacity(records.count * compiled.count)
        guard workspace.catalog.hasPathwayVersions || version != nil else {
            for record in records {
                for pathway in compiled { rows += CohortAuditRow.rows(try audit(record, against: pathway)) }
            }
            return rows
        }
        var cache: [[String]: [Versioned]] = [:]
        for record in records {
            let key = [version ?? ""] + workspace.catalog.versionKey(for: record, asOf: asOf)
            let pathways = try cache[key] ?? compiled.map { try versioned($0.pathway.id, for: record, requested: version) }
            cache[key] = pathways
            for pathway in pathways { rows += CohortAuditRow.rows(try audit(record, in: pathway)) }
        }
        return rows
    }

    /// One learner's audit against one of the pathways, with their exceptions.
    public func audit(_ record: LearnerRecord, against pathway: CompiledPathway) throws -> Audit {
        try workspace.audit(compiled: pathway, for: record, exceptions: exceptions[record.learner] ?? [], asOf: asOf)
    }

    /// One learner's audit against the version of `pathway` that applies to them, or `requested`,
    /// saying which version it used.
    public func audit(_ record: LearnerRecord, pathway: String, requested: String? = nil) throws -> Audit {
        try audit(record, in: try versioned(pathway, for: record, requested: requested ?? version))
    }

    /// A pathway compiled in the versions chosen for some learner, in the workspace those versions make.
    struct Versioned {
        var workspace: Workspace
        var compiled: CompiledPathway
        var choice: PathwayVersionChoice?
    }

    private func versioned(_ pathway: String, for record: LearnerRecord, requested: String?) throws -> Versioned {
        let (resolved, choice) = try workspace.resolvingVersions(of: pathway, for: record, asOf: asOf, requested: requested)
        return Versioned(workspace: resolved, compiled: try resolved.compiledPathway(pathway), choice: choice)
    }

    private func audit(_ record: LearnerRecord, in pathway: Versioned) throws -> Audit {
        Workspace.stamped(try pathway.workspace.audit(compiled: pathway.compiled, for: record,
                                                      exceptions: exceptions[record.learner] ?? [], asOf: asOf),
                          pathway.choice)
    }
}
