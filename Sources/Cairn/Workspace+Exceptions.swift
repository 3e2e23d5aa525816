import CairnCore
public import CairnStore
import CairnSyntax
public import Foundation

extension Workspace {
    /// A learner's audit against a compiled pathway: the compiled pathway itself for a plain
    /// record, the catalogue widened for the learner's own credential classes and exceptions
    /// otherwise (as ``audit(pathway:for:exceptions:asOf:limits:)``).
    public func audit(compiled pathway: CompiledPathway, for record: LearnerRecord, exceptions: [RegistrarException],
                      asOf: CalendarDate) throws(WorkspaceError) -> Audit {
        // With versions, the compiled pathway (the latest) may not be the learner's: resolved by id.
        guard record.heldClasses.isEmpty, exceptions.isEmpty, !catalog.hasPathwayVersions else {
            return try audit(pathway: pathway.pathway.id, for: record, exceptions: exceptions, asOf: asOf)
        }
        return pathway.audit(record, asOf: asOf)
    }

    /// Audits `record` against `pathway` with the learner's registrar exceptions applied (see
    /// ``ExceptionApplication``): waived requirements show as `waived`, and the audit's notes name
    /// every exception it relied on and every one that could not apply.
    public func audit(pathway: String, for record: LearnerRecord, exceptions: [RegistrarException], asOf: CalendarDate,
                      version: String? = nil, limits: SolverLimits = .default) throws(WorkspaceError) -> Audit {
        let mine = exceptions.filter { $0.learner == record.learner }
        guard !mine.isEmpty else { return try audit(pathway: pathway, for: record, asOf: asOf, version: version, limits: limits) }
        if catalog.hasPathwayVersions || version != nil {
            let (resolved, choice) = try resolvingVersions(of: pathway, for: record, asOf: asOf, requested: version)
            return Self.stamped(try resolved.audit(pathway: pathway, for: record, exceptions: mine, asOf: asOf,
                                                   limits: limits), choice)
        }
        guard catalog.pathways[pathway] != nil else {
            throw .unknownID(kind: "pathway", id: pathway, known: catalog.sortedPathways.map(\.id))
        }
        let application = ExceptionApplication(mine, pathway: pathway, catalog: catalog(for: record), record: record, asOf: asOf)
        do {
            let compiled = try CompiledPathway(pathway: pathway, catalog: application.catalog)
            var audit = application.annotate(compiled.audit(application.record, asOf: asOf, limits: limits))
            audit.notes += Self.notes(for: application.problems)
            return audit
        } catch {
            throw .audit(error)
        }
    }

    /// A plan with the learner's registrar exceptions applied, as ``audit(pathway:for:exceptions:asOf:limits:)`` applies them.
    public func plan(pathway: String, for record: LearnerRecord, exceptions: [RegistrarException], measure: Plan.Measure,
                     asOf: CalendarDate, reliesUntil: CalendarDate, assume: [String] = [], version: String? = nil,
                     limits: SolverLimits = .default) throws(WorkspaceError) -> Plan {
        let mine = exceptions.filter { $0.learner == record.learner }
        guard !mine.isEmpty else {
            return try plan(pathway: pathway, for: record, measure: measure, asOf: asOf, reliesUntil: reliesUntil,
                            assume: assume, version: version, limits: limits)
        }
        if catalog.hasPathwayVersions || version != nil {
            let (resolved, choice) = try resolvingVersions(of: pathway, for: record, asOf: asOf, requested: version)
            return Self.stamped(try resolved.plan(pathway: pathway, for: record, exceptions: mine, measure: measure,
                                                  asOf: asOf, reliesUntil: reliesUntil, assume: assume, limits: limits),
                                choice)
        }
        let assumed = try assuming(assume, in: record, asOf: asOf)
        guard catalog.pathways[pathway] != nil else {
            throw .unknownID(kind: "pathway", id: pathway, known: catalog.sortedPathways.map(\.id))
        }
        let application = ExceptionApplication(mine, pathway: pathway, catalog: catalog(for: assumed), record: assumed, asOf: asOf)
        let compiled: CompiledPathway
        do { compiled = try CompiledPathway(pathway: pathway, catalog: application.catalog) } catch { throw .audit(error) }
        do {
            var plan = try compiled.plan(for: application.record, catalog: application.catalog, measure: measure, asOf: asOf,
                                         reliesUntil: reliesUntil, limits: limits)
            plan.notes += application.applied.map(\.explanation) + Self.notes(for: application.problems)
            return plan
        } catch {
            throw .invalidInput([ValidationIssue(error.description, at: nil)])
        }
    }

    /// The credit transcript with the learner's registrar exceptions applied: blocks and outside
    /// earnings for every pathway, and every pathway's waivers and substitutions (a stack a
    /// policy credits is complete as its audit with exceptions says).
    public func credits(policy: CreditPolicy, for record: LearnerRecord, exceptions: [RegistrarException], asOf: CalendarDate,
                        limits: SolverLimits = .default) throws(WorkspaceError) -> CreditTranscript {
        let mine = exceptions.filter { $0.learner == record.learner }
        guard !mine.isEmpty else { return try credits(policy: policy, for: record, asOf: asOf, limits: limits) }
        var application = ExceptionApplication(mine.filter { $0.pathway == nil }, pathway: nil,
                                               catalog: catalog(for: record).selectingVersions(for: record, asOf: asOf),
                                               record: record, asOf: asOf)
        var applied = application.applied
        var problems = application.problems
        let scoped = Dictionary(grouping: mine.filter { $0.pathway != nil }) { $0.pathway ?? "" }
        for (pathway, exceptions) in scoped.sorted(by: { $0.key < $1.key }) {
            let treeEdits = exceptions.filter {
                switch $0.action {
                case .waive, .substitute: true
                case .outsideEarning, .block: false
                }
            }
            application = ExceptionApplication(treeEdits, pathway: pathway, catalog: application.catalog,
                                               record: application.record, asOf: asOf)
            applied += application.applied
            problems += application.problems
        }
        do {
            var transcript = try policy.evaluate(application.record, catalog: application.catalog, asOf: asOf, limits: limits)
            transcript.notes += applied.map(\.explanation) + Self.notes(for: problems)
            return transcript
        } catch {
            throw .invalidInput([ValidationIssue(error.description, at: nil)])
        }
    }

    static func notes(for problems: [ExceptionProblem]) -> [String] {
        problems.map { "exception #\($0.exception.id) not applied: \($0.message)" }
    }

    /// Stored exceptions that no longer fit the workspace — a requirement id a pathway change
    /// removed, an unknown badge class or pathway — each located at the store (and the file it
    /// was imported from), for `cairn validate`.
    public func exceptionProblems(_ stored: [StoredException], store: String) -> [ValidationIssue] {
        stored.filter(\.isActive).compactMap { entry in
            guard let message = ExceptionApplication.problem(with: entry.exception, in: catalog) else { return nil }
            let origin = entry.source.map { " (imported from \($0))" } ?? ""
            return ValidationIssue("exception #\(entry.exception.id) for \(entry.exception.learner)\(origin) dangles: \(message)",
                                   at: SourceLocation(file: store))
        }
    }

    /// The store's active exceptions when the store exists (commands that read a learner apply them).
    public static func storedExceptions(at store: StoreLocation) throws -> [RegistrarException] {
        try store.openExisting()?.exceptions().map(\.exception) ?? []
    }
}
