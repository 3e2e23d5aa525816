/// What a ``CreditPolicy`` grants one learner on one day: a line per earned badge and per
/// stack, each with its credit, whether it counts, and why.
public struct CreditTranscript: Hashable, Sendable {
    public var policy: String
    public var policyVersion: String
    public var policyTitle: String?
    public var institution: Issuer?
    public var learner: String
    public var asOf: CalendarDate
    public var unit: CreditUnit
    /// The credited total: the sum of the counted lines, rounded if the policy rounds the total.
    public var total: Rational
    /// The total before rounding (equal to ``total`` when the policy does not round it).
    public var unroundedTotal: Rational
    /// Badge lines (in issue order), then stack lines (in the policy's order).
    public var lines: [CreditLine]
    /// `false` when choosing the lines under the caps ran out of its step budget.
    public var isExact: Bool
    /// What the transcript relied on beyond the records and the policy: the registrar exceptions
    /// applied, and any that could not apply.
    public var notes: [String] = []

    public init(policy: String, policyVersion: String, policyTitle: String?, institution: Issuer?, learner: String,
                asOf: CalendarDate, unit: CreditUnit, total: Rational, unroundedTotal: Rational, lines: [CreditLine],
                isExact: Bool) {
        self.policy = policy
        self.policyVersion = policyVersion
        self.policyTitle = policyTitle
        self.institution = institution
        self.learner = learner
        self.asOf = asOf
        self.unit = unit
        self.total = total
        self.unroundedTotal = unroundedTotal
        self.lines = lines
        self.isExact = isExact
    }
}

/// One decision on a transcript.
public struct CreditLine: Hashable, Sendable {
    /// What the line is about.
    public enum Subject: Hashable, Sendable {
        case badge(id: String, name: String, issued: CalendarDate)
        case pathway(id: String, title: String)

        public var id: String {
            switch self {
            case .badge(let id, _, _), .pathway(let id, _): id
            }
        }

        public var name: String {
            switch self {
            case .badge(_, let name, _), .pathway(_, let name): name
            }
        }
    }

    /// Why a line counts or does not, as a code scripts can test and a sentence a person reads.
    public enum Decision: String, Hashable, Sendable {
        case counted
        case noMatchingRule = "no-matching-rule"
        case unknownBadge = "unknown-badge"
        case revoked
        case unproven
        case blocked
        case lapsed
        case notYetIssued = "not-yet-issued"
        /// In progress or registered, not awarded: pending earnings never count toward credit.
        case pending
        case tooOld = "too-old"
        case belowMinimumResult = "below-minimum-result"
        case noCredit = "no-credit"
        case duplicate
        case cappedOut = "capped"
        case replacedByStack = "replaced-by-stack"
        case standsForStack = "stands-for-stack"
        case stackIncomplete = "stack-incomplete"
        case stackSharesBadge = "stack-shares-badge"
    }

    public var subject: CreditLine.Subject
    /// The credit the line is worth in the policy's unit (before caps decide whether it counts).
    public var credits: Rational
    public var counted: Bool
    public var decision: Decision
    /// One sentence: why the line counts or does not.
    public var reason: String
    /// The rule (or `stack:<pathway>`) that decided the line.
    public var rule: String?
    public var equivalentTo: String?
    /// The badge's result and the institution's grade for it.
    public var result: BadgeResult?
    public var grade: String?
    /// For a line cut by caps: the caps it would exceed.
    public var cutBy: [String]

    public init(subject: CreditLine.Subject, credits: Rational, counted: Bool, decision: Decision, reason: String,
                rule: String? = nil, equivalentTo: String? = nil, result: BadgeResult? = nil, grade: String? = nil,
                cutBy: [String] = []) {
        self.subject = subject
        self.credits = credits
        self.counted = counted
        self.decision = decision
        self.reason = reason
        self.rule = rule
        self.equivalentTo = equivalentTo
        self.result = result
        self.grade = grade
        self.cutBy = cutBy
    }
}

/// Why a policy cannot be applied: the registrar must fix the policy, not Cairn guess.
public enum CreditPolicyError: Error, Hashable, Sendable, CustomStringConvertible {
    /// No declared chain of conversions turns `from` into the policy's unit.
    case missingConversion(from: CreditUnit, to: CreditUnit, badge: String, rule: String, at: SourceLocation?)
    /// A cap is a share of the programme, but the policy gives no programme credit.
    case shareWithoutProgramme(at: SourceLocation?)
    /// A stack rule names a pathway the workspace does not have.
    case unknownPathway(String, at: SourceLocation?)
    /// A stack's pathway could not be audited.
    case audit(AuditError)

    public var description: String {
        switch self {
        case .missingConversion(let from, let to, let badge, let rule, let location):
            (location.map { "\($0): " } ?? "")
                + "rule \"\(rule)\" gives \(badge) credit in \(from), and the policy declares no conversion from \(from) "
                + "to \(to); add one under conversions (Cairn never guesses a ratio)"
        case .shareWithoutProgramme(let location):
            (location.map { "\($0): " } ?? "") + "a cap given as a share of the programme needs programme: { credits: N }"
        case .unknownPathway(let id, let location):
            (location.map { "\($0): " } ?? "") + "stack rule names unknown pathway \"\(id)\""
        case .audit(let error):
            error.description
        }
    }
}
