/// A learner's registrar exceptions applied to a catalog and record for one pathway (or for
/// none, for credit policies): pure rewrites, so that the exact audit, the planner and credit
/// policies run on the result unchanged.
///
/// - A **waiver** replaces the requirement with an empty `all`, which is met, labelled
///   `… — waived`. A requirement found only in a nested pathway is waived in that pathway's
///   copy.
/// - A **substitution** turns the requirement into an `any` of itself and the substitute badge,
///   keeping its id and name; the requirement's own conditions (recency, minimum result) stay
///   on it, not on the substitute, which counts as the registrar decided.
/// - An **outside earning** joins the record: as an earning of the catalogue class it counts
///   as, or of a class of its own (`outside-<id>`, type `outside`, with its tags and credits)
///   added to the catalog copy.
/// - A **block** marks every earning of the class (``EarnedBadge/blocked``), so that nothing
///   counts it and every report says why.
///
/// Only exceptions for the record's learner apply, recorded on or before `asOf`, for the
/// pathway given or for every pathway; with no pathway given, only exceptions for every
/// pathway apply. They apply in id order. Requirements are found in the pathways as the
/// catalogue defines them, before any exception rewrites them.
public struct ExceptionApplication: Sendable {
    /// The catalog with the rewritten pathways and the classes of outside earnings.
    public let catalog: Catalog
    /// The record with blocked earnings marked and outside earnings added.
    public let record: LearnerRecord
    /// The exceptions that took effect, in id order.
    public let applied: [RegistrarException]
    /// Exceptions that were in force but could not apply (they do not fit the catalogue, or
    /// another exception's waiver left nothing for them to change), with why.
    public let problems: [ExceptionProblem]
    /// The nodes waivers put in the pathways, so that ``annotate(_:)`` finds them in an audit.
    let waivedNodes: Set<WaivedNode>

    /// An empty `all` that a waiver put in place of a requirement, known by its id and label.
    struct WaivedNode: Hashable, Sendable {
        var id: String?
        var label: String
    }

    public init(_ exceptions: [RegistrarException], pathway: String?, catalog: Catalog, record: LearnerRecord,
                asOf: CalendarDate) {
        // Ties in id keep the order given, so the outcome never depends on the sort.
        let inForce = exceptions.enumerated().filter { _, exception in
            exception.learner == record.learner && exception.recordedOn <= asOf
                && (exception.pathway == nil || exception.pathway == pathway)
        }.sorted { ($0.element.id, $0.offset) < ($1.element.id, $1.offset) }.map(\.element)
        var problems: [(position: Int, problem: ExceptionProblem)] = []
        var treeEdits: [TreeRewriter.Edit] = []
        var recordEdits: [RegistrarException] = []
        for (position, exception) in inForce.enumerated() {
            if let message = Self.problem(with: exception, in: catalog) {
                problems.append((position, ExceptionProblem(exception: exception, message: message)))
                continue
            }
            switch exception.action {
            case .waive(let requirement), .substitute(_, let requirement):
                guard let pathway = exception.pathway,
                      let found = RequirementAddress.locate(requirement, in: pathway, catalog: catalog) else { continue }
                treeEdits.append(TreeRewriter.Edit(position: position, exception: exception, address: found.address))
            case .outsideEarning, .block:
                recordEdits.append(exception)
            }
        }
        var rewriter = TreeRewriter(catalog: catalog)
        for (position, message) in rewriter.accept(treeEdits) {
            problems.append((position, ExceptionProblem(exception: inForce[position], message: message)))
        }
        let revisedPathways = rewriter.rewrittenPathways()
        var record = record
        var outsideClasses: [BadgeClass] = []
        for exception in recordEdits {
            switch exception.action {
            case .block(let badge):
                record.blockedClasses.insert(badge)
                // A class blocked twice keeps the first decision's words.
                for index in record.badges.indices
                where record.badges[index].badgeClassID == badge && record.badges[index].blocked == nil {
                    record.badges[index].blocked = exception.explanation
                }
            case .outsideEarning(let earning):
                let classID = earning.countsAs ?? Self.outsideClassID(exception.id)
                if earning.countsAs == nil {
                    let institution = Issuer(id: earning.institution ?? "outside",
                                             name: earning.institution ?? "Outside institution")
                    outsideClasses.append(BadgeClass(id: classID, name: earning.title, issuer: institution, type: "outside",
                                                     tags: earning.tags, credits: earning.credits,
                                                     source: SourceLocation(file: "exception \(exception.id)")))
                }
                let evidence = "outside: " + earning.title + (earning.institution.map { ", \($0)" } ?? "")
                record.badges.append(EarnedBadge(badgeClassID: classID, issued: earning.issued, evidence: [evidence],
                                                 source: SourceLocation(file: "exception \(exception.id)")))
            case .waive, .substitute:
                break
            }
        }
        let failed = Set(problems.map(\.position))
        self.applied = inForce.indices.filter { !failed.contains($0) }.map { inForce[$0] }
        self.problems = problems.sorted { $0.position < $1.position }.map(\.problem)
        self.record = record
        self.waivedNodes = rewriter.waivedNodes
        if revisedPathways.isEmpty && outsideClasses.isEmpty {
            self.catalog = catalog
        } else {
            let extra = outsideClasses.isEmpty ? [] : [BadgeCatalog(
                issuer: Issuer(id: "outside", name: "Outside institution"), badges: outsideClasses)]
            self.catalog = catalog.revised(pathways: revisedPathways, adding: extra)
        }
    }

    /// The audit made on ``catalog`` and ``record``, with each requirement a waiver replaced
    /// shown as kind `waived`, and one note per applied exception (its
    /// ``RegistrarException/explanation``), so that a report says what it relied on.
    public func annotate(_ audit: Audit) -> Audit {
        var annotated = audit
        if !waivedNodes.isEmpty {
            annotated.root = marking(audit.root)
            for index in annotated.destinations.indices {
                annotated.destinations[index].root = marking(annotated.destinations[index].root)
            }
        }
        annotated.notes += applied.map(\.explanation)
        return annotated
    }

    private func marking(_ node: AuditNode) -> AuditNode {
        var marked = node
        if node.kind == "all", node.children.isEmpty, waivedNodes.contains(WaivedNode(id: node.id, label: node.label)) {
            marked.kind = "waived"
        }
        marked.children = node.children.map(marking)
        return marked
    }
}
