public import CairnCore

/// Small builders so a test states a catalogue, a learner and a pathway in a few lines.
public enum Fixture {
    public static let issuer = Issuer(id: "https://example.edu", name: "Example University")
    public static let results = ["participated", "meets", "exceeds"]

    /// A date from `YYYY-MM-DD`; test input is trusted, a typo stops the test run loudly.
    public static func date(_ text: String) -> CalendarDate {
        guard let date = CalendarDate(iso8601: text) else { fatalError("bad test date \(text)") }
        return date
    }

    public static func duration(_ text: String) -> ISODuration {
        guard let duration = ISODuration(iso8601: text) else { fatalError("bad test duration \(text)") }
        return duration
    }

    public static func badge(_ id: String, tags: [String] = [], credits: Int? = nil, unit: CreditUnit = .ects,
                             validity: String? = nil, alignments: [SkillReference] = [],
                             type: String = "skill") -> BadgeClass {
        BadgeClass(id: id, name: id.uppercased(), issuer: issuer, type: type, tags: tags, alignments: alignments,
                   credits: credits.map { Credits(Rational($0), unit) },
                   validity: validity.map { ValidityRule(duration: duration($0)) }, resultScale: results)
    }

    public static func catalog(_ badges: [BadgeClass], pathways: [Pathway] = [],
                               conversions: [UnitConversion] = []) -> Catalog {
        Catalog(badgeCatalogs: [BadgeCatalog(issuer: issuer, results: results, badges: badges,
                                             conversions: conversions)],
                pathways: pathways)
    }

    public static func pathway(_ id: String = "p", awards: String? = nil, _ requires: Requirement) -> Pathway {
        Pathway(id: id, title: id.uppercased(), awards: awards, requires: requires)
    }

    public static func earned(_ badge: String, _ issued: String, expires: String? = nil, revoked: Bool = false,
                              result: String? = nil) -> EarnedBadge {
        EarnedBadge(badgeClassID: badge, issued: date(issued), expires: expires.map(date), revoked: revoked,
                    result: result.map { Rational(parsing: $0).map(BadgeResult.number) ?? .label($0) })
    }

    public static func learner(_ badges: [EarnedBadge], name: String = "learner") -> LearnerRecord {
        LearnerRecord(learner: name, badges: badges)
    }
}

/// Requirement shorthands: `.all([.badge("a"), .tag("x")])`.
extension Requirement {
    public static func badge(_ id: String) -> Requirement { Requirement(.badge(id)) }
    public static func tag(_ tag: String) -> Requirement { Requirement(.tag(tag)) }
    public static func pathway(_ id: String) -> Requirement { Requirement(.pathway(id)) }
    public static func all(_ children: [Requirement]) -> Requirement { Requirement(.all(children)) }
    public static func any(_ children: [Requirement]) -> Requirement { Requirement(.any(children)) }
    public static func count(_ n: Int, of children: [Requirement]) -> Requirement { Requirement(.countOf(n, children)) }
    public static func count(_ n: Int, from filter: BadgeFilter) -> Requirement { Requirement(.countFrom(n, filter)) }
    public static func credits(_ amount: Int, _ unit: CreditUnit = .ects, from filter: BadgeFilter) -> Requirement {
        Requirement(.credits(Credits(Rational(amount), unit), filter))
    }

    /// The same node with modifiers set.
    public func with(id: String? = nil, label: String? = nil, earnedWithin: String? = nil,
                     earnedAfter: [String] = [], minResult: String? = nil, shared: Bool = false) -> Requirement {
        var copy = self
        copy.id = id ?? copy.id
        copy.label = label ?? copy.label
        copy.earnedWithin = earnedWithin.map(Fixture.duration) ?? copy.earnedWithin
        copy.earnedAfter += earnedAfter
        copy.minResult = minResult.map { Rational(parsing: $0).map(ResultThreshold.number) ?? .label($0) } ?? copy.minResult
        copy.shared = shared || copy.shared
        return copy
    }
}
