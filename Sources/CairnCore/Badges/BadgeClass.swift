/// A kind of badge an issuer awards (Open Badges "BadgeClass" / "Achievement").
public struct BadgeClass: Hashable, Sendable, Identifiable {
    public var id: String
    public var name: String
    public var issuer: Issuer
    /// `participation`, `skill`, `role`, `level`, `capstone`, or an issuer's own word.
    public var type: String
    public var tags: [String]
    public var alignments: [SkillReference]
    public var credits: Credits?
    public var effortHours: Rational?
    public var cost: Money?
    public var validity: ValidityRule?
    public var description: String?
    /// What a learner must do to earn it (Open Badges `criteria.narrative`), as the issuer wrote it.
    public var criteria: String?
    /// Open Badges ids of this class (OB 2.0 BadgeClass or OB 3.0 Achievement URLs): a learner's
    /// credential for one of them is an earning of this class.
    public var achievementIDs: [String] = []
    /// The URL of the badge's image (Open Badges `image`), when the catalogue gives one.
    public var image: String?
    /// The ordered result scale of the catalogue the class belongs to (lowest first), used by `minResult`.
    public var resultScale: [String]
    public var source: SourceLocation?

    public init(id: String, name: String, issuer: Issuer, type: String = "skill", tags: [String] = [],
                alignments: [SkillReference] = [], credits: Credits? = nil, effortHours: Rational? = nil,
                cost: Money? = nil, validity: ValidityRule? = nil, description: String? = nil,
                resultScale: [String] = [], source: SourceLocation? = nil) {
        self.id = id
        self.name = name
        self.issuer = issuer
        self.type = type
        self.tags = tags
        self.alignments = alignments
        self.credits = credits
        self.effortHours = effortHours
        self.cost = cost
        self.validity = validity
        self.description = description
        self.resultScale = resultScale
        self.source = source
    }
}

/// The organisation that issues badges.
public struct Issuer: Hashable, Sendable {
    public var id: String
    public var name: String

    public init(id: String, name: String) {
        self.id = id
        self.name = name
    }
}

/// An exact price.
public struct Money: Hashable, Sendable, CustomStringConvertible {
    public var amount: Rational
    public var currency: String

    public init(amount: Rational, currency: String) {
        self.amount = amount
        self.currency = currency
    }

    public var description: String { "\(amount) \(currency)" }
}
