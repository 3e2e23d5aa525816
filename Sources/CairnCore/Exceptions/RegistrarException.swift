/// One registrar decision about one learner: a requirement waived, a badge accepted in place
/// of a requirement, an earning from outside the catalogue, or a badge that never counts.
///
/// Exceptions are data. ``ExceptionApplication`` turns a learner's exceptions into a rewritten
/// catalog and record, so that audits, plans and credit policies run unchanged on them and say
/// which exceptions they relied on.
public struct RegistrarException: Hashable, Sendable, Identifiable {
    /// What the registrar decided.
    public enum Action: Hashable, Sendable {
        /// A requirement (by id, or by positional path like "2.1" = first child of the root's
        /// second child, 1-based) counts as met.
        case waive(requirement: String)
        /// The learner's badge of class `badge` may count for `requirement` (an id or a
        /// positional path, as for ``waive(requirement:)``).
        case substitute(badge: String, requirement: String)
        /// An earning from outside (transfer credit, recognition of prior learning).
        case outsideEarning(OutsideEarning)
        /// Earnings of this badge class never count for this learner.
        case block(badge: String)
    }

    /// The exception's number; exceptions apply in this order.
    public var id: Int
    public var learner: String
    /// The pathway it applies to; nil = every pathway (allowed for block and outsideEarning
    /// only; waive/substitute need one).
    public var pathway: String?
    public var action: Action
    /// Who recorded the decision.
    public var recordedBy: String
    /// The day it was recorded: audits as of an earlier day do not apply it.
    public var recordedOn: CalendarDate
    /// Why, in the registrar's words.
    public var reason: String

    public init(id: Int, learner: String, pathway: String? = nil, action: Action, recordedBy: String,
                recordedOn: CalendarDate, reason: String) {
        self.id = id
        self.learner = learner
        self.pathway = pathway
        self.action = action
        self.recordedBy = recordedBy
        self.recordedOn = recordedOn
        self.reason = reason
    }

    /// One line that says what was decided, by whom, when and why — what reports print, e.g.
    /// `requirement "governance" waived by j.ortiz on 2026-11-02: accredited prior learning`.
    public var explanation: String {
        let what: String
        switch action {
        case .waive(let requirement):
            what = "requirement \"\(requirement)\" waived"
        case .substitute(let badge, let requirement):
            what = "badge \"\(badge)\" substituted for requirement \"\(requirement)\""
        case .outsideEarning(let earning):
            what = "outside earning \"\(earning.title)\"" + (earning.institution.map { " (\($0))" } ?? "")
                + (earning.countsAs.map { " counted as badge \"\($0)\"" } ?? " recorded")
        case .block(let badge):
            what = "badge \"\(badge)\" blocked"
        }
        return what + " " + attribution
    }

    /// `by j.ortiz on 2026-11-02: accredited prior learning` (without the colon when no reason
    /// was given).
    var attribution: String {
        "by \(recordedBy) on \(recordedOn)" + (reason.isEmpty ? "" : ": \(reason)")
    }
}
