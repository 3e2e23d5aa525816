public import CairnCore

/// A pathway a learner has completed, as an issued credential describes it: the badge it
/// awards, the component badges the audit counted, the day it was complete and how long it stands.
///
/// Made only from an audit that proves the pathway complete; anything less is refused with the
/// audit itself, so the caller can explain what is missing.
public struct StackCompletion: Sendable, Hashable {
    /// One badge the audit assigned to a requirement of the pathway.
    public struct Component: Sendable, Hashable {
        /// The badge class id.
        public var badge: String
        /// The badge class's name (its id when the catalogue has none).
        public var name: String
        public var issued: CalendarDate
        /// The id of the learner's Open Badges credential for it, when the record came from one.
        public var credentialID: String?
        /// The requirements it counted for, in the pathway's order.
        public var countedFor: [String]
        /// The learner's result, when the earning has one.
        public var result: BadgeResult?
    }

    public var pathway: Pathway
    /// The class the pathway `awards`.
    public var awarded: BadgeClass
    public var learner: LearnerRecord
    public var components: [Component]
    /// The day the stack was complete: the issue date of the latest component counted.
    public var completedOn: CalendarDate
    /// The first day the completed stack no longer stands, when it lapses: the earlier of the
    /// awarded class's validity rule from ``completedOn`` and the stack's own lapse date (its
    /// validity rule, or the lapse of the components that keep it complete).
    public var validUntil: CalendarDate?
    /// The pathway's requirements as Markdown: the credential's criteria.
    public var criteria: String
    /// The audit that proved it.
    public var audit: Audit

    /// Why a pathway cannot be issued.
    public enum Refusal: Error, Sendable, Hashable {
        /// The pathway awards no badge, so there is nothing to issue.
        case awardsNothing(pathway: String)
        /// The pathway awards a class no catalogue defines.
        case unknownAwardedClass(pathway: String, badge: String)
        /// The audit does not prove the pathway complete on the as-of date; it says why.
        case incomplete(Audit)
    }

    /// The completion `audit` proves, or the reason it proves none.
    ///
    /// - Parameters:
    ///   - audit: the learner's audit of `pathway` (exceptions applied, if any).
    ///   - record: the learner's record the audit was made from.
    ///   - catalog: the catalog the audit was made against, for names, the awarded class and
    ///     the stack's lapse date.
    public init(audit: Audit, pathway: Pathway, record: LearnerRecord, catalog: Catalog) throws(Refusal) {
        guard let awardedID = pathway.awards else { throw .awardsNothing(pathway: pathway.id) }
        guard let awarded = catalog.badgeClasses[awardedID] else {
            throw .unknownAwardedClass(pathway: pathway.id, badge: awardedID)
        }
        // An audit that is complete but not exact cannot happen (a not-proven search reports
        // incomplete); checking both keeps an unproven answer from ever being signed.
        guard audit.isComplete, audit.isExact else { throw .incomplete(audit) }
        self.pathway = pathway
        self.awarded = awarded
        self.learner = record
        self.audit = audit

        var order: [String] = []
        var byKey: [String: Component] = [:]
        audit.root.forEachNode { node in
            for counted in node.assigned {
                let key = "\(counted.badge)@\(counted.issued)"
                let label = node.label
                if byKey[key] == nil {
                    let earning = record.badges.first { $0.badgeClassID == counted.badge && $0.issued == counted.issued }
                    byKey[key] = Component(badge: counted.badge, name: catalog.badgeClasses[counted.badge]?.name ?? counted.badge,
                                           issued: counted.issued, credentialID: earning?.credentialID, countedFor: [],
                                           result: earning?.result)
                    order.append(key)
                }
                if byKey[key]?.countedFor.contains(label) == false { byKey[key]?.countedFor.append(label) }
            }
        }
        components = order.compactMap { byKey[$0] }
        completedOn = components.map(\.issued).max() ?? audit.asOf

        let schedule = RenewalSchedule.make(for: record, catalog: catalog, asOf: audit.asOf)
        let stackLapse = schedule.items.first { $0.subject == .pathway(id: pathway.id, title: pathway.title) }?.expires
        let classLapse = awarded.validity?.firstExpiry(issued: completedOn)
        validUntil = [stackLapse, classLapse].compactMap { $0 }.min()
        criteria = Self.criteria(audit.root)
    }

    /// The requirement tree as a Markdown list, labels only: what a reader of the credential
    /// needs to know was required, without the learner's own progress.
    static func criteria(_ root: AuditNode) -> String {
        var lines: [String] = []
        func walk(_ node: AuditNode, depth: Int) {
            lines.append(String(repeating: "  ", count: depth) + "- " + node.label)
            for child in node.children { walk(child, depth: depth + 1) }
        }
        if root.children.isEmpty {
            walk(root, depth: 0)
        } else {
            lines.append(root.label + ":")
            for child in root.children { walk(child, depth: 0) }
        }
        return lines.joined(separator: "\n")
    }
}
