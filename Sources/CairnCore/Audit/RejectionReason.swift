/// Why an earned badge that matches a requirement does not count there.
public enum RejectionReason: Hashable, Sendable, CustomStringConvertible {
    /// Its expiry (explicit or by the class's validity rule) is on or before the as-of date.
    case lapsed(expires: CalendarDate)
    case revoked
    /// Read from a credential not proven to come from its issuer (see ``EarnedBadge/unproven``).
    case unproven(reason: String)
    /// A registrar exception says earnings of its class never count for this learner
    /// (see ``EarnedBadge/blocked``); `reason` is the exception's explanation.
    case blocked(reason: String)
    case notYetIssued(issued: CalendarDate)
    /// Not awarded yet: in progress or registered, expected on `expected` (see ``EarnedBadge/status``).
    /// It counts only in the audit's pending figure (``Audit/pending``), never in what is complete now.
    case pending(status: EarningStatus, expected: CalendarDate)
    /// Issued before the earliest date `earnedWithin` allows.
    case tooOld(earliest: CalendarDate, within: ISODuration)
    case resultTooLow(required: ResultThreshold, actual: BadgeResult?)
    /// Not issued strictly after what `earnedAfter` names; `predecessor` is when that was
    /// earned, or `nil` when the learner holds no counting badge of it at all.
    case earnedTooEarly(mustFollow: String, predecessor: CalendarDate?)
    /// The badge class declares no credits, so a credit threshold cannot use it.
    case noCredits
    /// Counted for another requirement, and badges are not counted twice.
    case usedElsewhere(requirement: String)
    /// Counting it here would break an `earnedAfter` order that another requirement needs.
    case wouldBreakOrder(requirement: String)
    /// An `atMost` limit over this requirement already has all the badges (or credits) it
    /// allows; `limit` says which ("at most 2 badges matching tag online"), `requirement` where.
    case overLimit(limit: String, requirement: String)
    /// Counting it here would add no progress.
    case notNeeded

    /// A stable one-word code for scripts: `lapsed`, `revoked`, `unproven`, `blocked`, `not-yet-issued`, `pending`, `too-old`,
    /// `result-too-low`, `earned-too-early`, `no-credits`, `used-elsewhere`, `order-conflict`, `over-limit`, `not-needed`.
    public var code: String {
        switch self {
        case .lapsed: "lapsed"
        case .revoked: "revoked"
        case .unproven: "unproven"
        case .blocked: "blocked"
        case .notYetIssued: "not-yet-issued"
        case .pending: "pending"
        case .tooOld: "too-old"
        case .resultTooLow: "result-too-low"
        case .earnedTooEarly: "earned-too-early"
        case .noCredits: "no-credits"
        case .usedElsewhere: "used-elsewhere"
        case .wouldBreakOrder: "order-conflict"
        case .overLimit: "over-limit"
        case .notNeeded: "not-needed"
        }
    }

    public var description: String {
        switch self {
        case .lapsed(let expires): "lapsed: expired on \(expires)"
        case .revoked: "revoked by the issuer"
        case .unproven(let reason): "not proven to come from its issuer: \(reason)"
        case .blocked(let reason): "blocked by the registrar: \(reason)"
        case .notYetIssued(let issued): "not yet issued: issued on \(issued)"
        case .pending(let status, let expected):
            "\(status == .registered ? "registered" : "in progress"), expected \(expected)"
        case .tooOld(let earliest, let within): "too old: must be earned within \(within), on or after \(earliest)"
        case .resultTooLow(let required, let actual):
            "result too low: needs \(required) or better, has \(actual.map(\.description) ?? "no result")"
        case .earnedTooEarly(let mustFollow, let predecessor?):
            "earned too early: must be issued after \(mustFollow), earned \(predecessor)"
        case .earnedTooEarly(let mustFollow, nil):
            "must be earned after \(mustFollow), and no counting \(mustFollow) badge is held"
        case .noCredits: "declares no credits"
        case .usedElsewhere(let requirement): "used elsewhere: counted for \"\(requirement)\""
        case .wouldBreakOrder(let requirement):
            "not counted: \"\(requirement)\" must be earned after everything counted here"
        case .overLimit(let limit, let requirement): "over the limit: \(limit) count for \"\(requirement)\""
        case .notNeeded: "not needed: counting it here would add no progress"
        }
    }
}
