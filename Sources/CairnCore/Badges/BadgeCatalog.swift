/// One issuer's published badge classes, as read from a `badges.yaml` file.
public struct BadgeCatalog: Hashable, Sendable {
    public var issuer: Issuer
    /// The ordered scale of results (lowest first) that `minResult` compares against.
    public var results: [String]
    public var badges: [BadgeClass]
    /// Credit-unit conversions the issuer declares.
    public var conversions: [UnitConversion]
    /// The unit of the unit-less credits (Open Badges 3.0 `creditsAvailable`) in this issuer's
    /// credentials.
    public var creditUnit: CreditUnit?
    /// The keys this workspace trusts to sign the issuer's credentials (`issuer: {keys: …}`):
    /// a learner's credential from this issuer counts only when one of them, or a key given
    /// with `--keys`, verifies its proof.
    public var trustedKeys: [TrustedKey]
    public var source: SourceLocation?

    public init(issuer: Issuer, results: [String] = [], badges: [BadgeClass], conversions: [UnitConversion] = [],
                creditUnit: CreditUnit? = nil, trustedKeys: [TrustedKey] = [], source: SourceLocation? = nil) {
        self.trustedKeys = trustedKeys
        self.creditUnit = creditUnit
        self.issuer = issuer
        self.results = results
        self.badges = badges
        self.conversions = conversions
        self.source = source
    }
}
