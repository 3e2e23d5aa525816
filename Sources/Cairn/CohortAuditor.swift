public import CairnCore
public import CairnReports

/// Audits a chunk of learners against every pathway of a cohort run, each pathway compiled once.
public struct CohortAuditor: Sendable {
    public let workspace: Workspace
    public let compiled: [CompiledPathway]
    public let asOf: CalendarDate
    /// The registrar exceptions by learner; a learner with none takes the compiled pathways as they are.
    public let exceptions: [String: [RegistrarException]]

    public init(workspace: Workspace, pathways: [String], asOf: CalendarDate, exceptions: [RegistrarException] = []) throws {
        self.workspace = workspace
        self.asOf = asOf
        compiled = try pathways.map { try workspace.compiledPathway($0) }
        self.exceptions = Dictionary(grouping: exceptions, by: \.learner)
    }

    /// The classes any of the pathways can count, and those an exception substitutes for a
    /// requirement: a record of only these classes' earnings audits the same.
    public var relevantClassIDs: Set<String> {
        var relevant = compiled.reduce(into: Set<String>()) { $0.formUnion($1.relevantClassIDs) }
        for exception in exceptions.values.joined() {
            if case .substitute(let badge, _) = exception.action { relevant.insert(badge) }
        }
        return relevant
    }

    /// One row per learner and pathway (and per destination of a pathway with several, see
    /// ``CohortAuditRow/rows(_:)``), learners in order.
    public func rows(for records: [LearnerRecord]) throws -> [CohortAuditRow] {
        var rows: [CohortAuditRow] = []
        rows.reserveCapacity(records.count * compiled.count)
        for record in records {
            for pathway in compiled { rows += CohortAuditRow.rows(try audit(record, against: pathway)) }
        }
        return rows
    }

    /// One learner's audit against one of the pathways, with their exceptions.
    public func audit(_ record: LearnerRecord, against pathway: CompiledPathway) throws -> Audit {
        try workspace.audit(compiled: pathway, for: record, exceptions: exceptions[record.learner] ?? [], asOf: asOf)
    }
}
