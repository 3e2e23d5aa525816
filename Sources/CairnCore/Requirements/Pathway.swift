/// A stack: a titled requirement tree that, when satisfied, may award a badge and block credit.
public struct Pathway: Hashable, Sendable, Identifiable {
    public var id: String
    public var title: String
    public var version: String?
    /// The badge class earned on completion.
    public var awards: String?
    /// Block credit for the whole stack.
    public var credits: Credits?
    /// How long a completed stack stands.
    public var validity: ValidityRule?
    /// Credit-unit conversions the pathway declares for its `credits` nodes.
    public var conversions: [UnitConversion]
    /// The ids this pathway has in other systems (a Credential Registry `@id` and CTID, a Badgr
    /// pathway URL), kept so that an exported pathway names what it was imported from.
    public var externalIDs: [String]
    /// The dates this version of the pathway is in effect (catalogue-year versions of one id
    /// each give theirs); `nil` for a pathway with a single version.
    public var effective: EffectivePeriod?
    /// How many badges may count twice through ``Requirement/alsoCountsFor``; `nil` is no cap.
    public var maxShared: Int?
    /// The credentials the pathway leads to, when it has more than one (an exit certificate and
    /// the full diploma, sharing earlier components); empty for a pathway with one destination.
    public var destinations: [PathwayDestination]
    /// Requirements that award a badge of their own when met, on the way to a destination.
    public var milestones: [PathwayMilestone]
    public var requires: Requirement
    public var source: SourceLocation?

    public init(id: String, title: String, version: String? = nil, awards: String? = nil, credits: Credits? = nil,
                validity: ValidityRule? = nil, conversions: [UnitConversion] = [], externalIDs: [String] = [],
                effective: EffectivePeriod? = nil, maxShared: Int? = nil, destinations: [PathwayDestination] = [],
                milestones: [PathwayMilestone] = [],
                requires: Requirement, source: SourceLocation? = nil) {
        self.effective = effective
        self.maxShared = maxShared
        self.destinations = destinations
        self.milestones = milestones
        self.id = id
        self.title = title
        self.version = version
        self.awards = awards
        self.credits = credits
        self.validity = validity
        self.conversions = conversions
        self.externalIDs = externalIDs
        self.requires = requires
        self.source = source
    }
}
