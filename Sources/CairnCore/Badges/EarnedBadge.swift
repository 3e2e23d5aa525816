/// A badge a learner holds (Open Badges "Assertion" / credential).
public struct EarnedBadge: Hashable, Sendable {
    /// The id of the badge class this is an instance of.
    public var badgeClassID: String
    public var issued: CalendarDate
    /// An explicit expiry: the first day on which the badge no longer counts. Overrides the class's rule.
    public var expires: CalendarDate?
    public var revoked: Bool
    public var result: BadgeResult?
    public var evidence: [String]
    /// The id of the Open Badges credential this earning was read from, when it came from one
    /// (an issued stack names it in its evidence).
    public var credentialID: String?
    public var source: SourceLocation?
    /// Why the credential this earning was read from is not proven to come from its issuer
    /// (no proof, an algorithm or key Cairn does not trust, a key the credential carries
    /// itself); `nil` for an earning that is proven or that a trusted record states. An unproven
    /// earning never counts, like a revoked one, and every report says why.
    public var unproven: String?
    /// Why the registrar decided that this earning never counts for the learner (a
    /// ``RegistrarException`` blocking its class, in its ``RegistrarException/explanation``);
    /// `nil` for an earning no exception blocks. A blocked earning counts nowhere, like a
    /// revoked one, and every report says why.
    public var blocked: String?
    /// Whether the badge is awarded, or only enrolled in or booked (then ``issued`` is the
    /// date it is expected): audits keep what is complete now apart from what is pending.
    public var status: EarningStatus

    public init(badgeClassID: String, issued: CalendarDate, expires: CalendarDate? = nil, revoked: Bool = false,
                result: BadgeResult? = nil, evidence: [String] = [], source: SourceLocation? = nil,
                unproven: String? = nil, blocked: String? = nil, status: EarningStatus = .awarded) {
        self.status = status
        self.unproven = unproven
        self.blocked = blocked
        self.badgeClassID = badgeClassID
        self.issued = issued
        self.expires = expires
        self.revoked = revoked
        self.result = result
        self.evidence = evidence
        self.source = source
    }
}

/// What an earned badge records about performance: a point on the catalogue's scale or a number.
public enum BadgeResult: Hashable, Sendable, CustomStringConvertible {
    case label(String)
    case number(Rational)

    public var description: String {
        switch self {
        case .label(let label): label
        case .number(let number): number.description
        }
    }
}

/// The least result a requirement accepts: a point on the ordered scale, or a number.
public enum ResultThreshold: Hashable, Sendable, CustomStringConvertible {
    case label(String)
    case number(Rational)

    /// Whether `result` reaches the threshold on `scale` (lowest first). A badge with no
    /// result, or a label that is not on the scale, does not.
    public func isMet(by result: BadgeResult?, scale: [String]) -> Bool {
        switch (self, result) {
        case (.number(let minimum), .number(let value)?):
            return value >= minimum
        case (.number(let minimum), .label(let label)?):
            return Rational(parsing: label).map { $0 >= minimum } ?? false
        case (.label(let minimum), .label(let label)?):
            guard let required = scale.firstIndex(of: minimum), let reached = scale.firstIndex(of: label) else {
                return false
            }
            return reached >= required
        case (.label, .number), (_, nil):
            return false
        }
    }

    public var description: String {
        switch self {
        case .label(let label): label
        case .number(let number): number.description
        }
    }
}
