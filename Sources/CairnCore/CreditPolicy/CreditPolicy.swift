/// A registrar's rules for turning badges and completed stacks into academic credit.
///
/// Everything is exact: credit values and conversion ratios are ``Rational``s, caps choose the
/// badges that count so that the credited total is as large as possible, and every line of the
/// resulting ``CreditTranscript`` says which rule decided it and why.
public struct CreditPolicy: Hashable, Sendable, Identifiable {
    public var id: String
    public var version: String
    public var title: String?
    /// The institution that applies the policy (shown on the transcript).
    public var institution: Issuer?
    /// The unit every line and the total are expressed in.
    public var unit: CreditUnit
    /// Conversions the institution declares (on top of ``UnitConversion/universal``).
    public var conversions: [UnitConversion]
    /// The unit that Open Badges credits without a unit (``CreditUnit/unspecified``) are taken to be in.
    public var openBadgesUnit: CreditUnit?
    /// The programme's total credit, in ``unit``, for caps written as a share of it.
    public var programmeCredits: Rational?
    /// Badge rules in priority order: the first rule that matches a badge decides it.
    public var rules: [CreditRule]
    public var caps: [CreditCap]
    /// Completed pathways that grant block credit.
    public var stacks: [StackRule]
    /// Defaults for every rule that does not set its own.
    public var earnedWithin: ISODuration?
    public var minResult: ResultThreshold?
    public var grades: GradeTranslation?
    public var rounding: CreditRounding?
    public var source: SourceLocation?

    public init(id: String, version: String, title: String? = nil, institution: Issuer? = nil, unit: CreditUnit,
                conversions: [UnitConversion] = [], openBadgesUnit: CreditUnit? = nil, programmeCredits: Rational? = nil,
                rules: [CreditRule], caps: [CreditCap] = [], stacks: [StackRule] = [], earnedWithin: ISODuration? = nil,
                minResult: ResultThreshold? = nil, grades: GradeTranslation? = nil, rounding: CreditRounding? = nil,
                source: SourceLocation? = nil) {
        self.id = id
        self.version = version
        self.title = title
        self.institution = institution
        self.unit = unit
        self.conversions = conversions
        self.openBadgesUnit = openBadgesUnit
        self.programmeCredits = programmeCredits
        self.rules = rules
        self.caps = caps
        self.stacks = stacks
        self.earnedWithin = earnedWithin
        self.minResult = minResult
        self.grades = grades
        self.rounding = rounding
        self.source = source
    }
}

/// One rule: which badges it matches, what they are worth, and what else they must meet.
public struct CreditRule: Hashable, Sendable {
    /// A name for the rule, shown with every line it decides (`--explain`).
    public var id: String
    /// Which badges the rule matches: by id, issuer, tag, type, alignment (framework, code,
    /// minimum level) — every field given must match, as in pathway filters.
    public var match: BadgeFilter
    public var credits: CreditAmount
    /// The institution's course the badge counts as (`DATA 101`).
    public var equivalentTo: String?
    public var earnedWithin: ISODuration?
    public var minResult: ResultThreshold?
    public var grades: GradeTranslation?
    public var source: SourceLocation?

    public init(id: String, match: BadgeFilter, credits: CreditAmount, equivalentTo: String? = nil,
                earnedWithin: ISODuration? = nil, minResult: ResultThreshold? = nil, grades: GradeTranslation? = nil,
                source: SourceLocation? = nil) {
        self.id = id
        self.match = match
        self.credits = credits
        self.equivalentTo = equivalentTo
        self.earnedWithin = earnedWithin
        self.minResult = minResult
        self.grades = grades
        self.source = source
    }
}

/// What a rule grants.
public enum CreditAmount: Hashable, Sendable, CustomStringConvertible {
    /// A fixed amount (converted to the policy's unit when written in another).
    case fixed(Credits)
    /// The credits the badge class declares, converted to the policy's unit.
    case declared
    /// Nothing: the rule records that such badges earn no credit, with its reason.
    case none

    public var description: String {
        switch self {
        case .fixed(let credits): credits.description
        case .declared: "declared"
        case .none: "none"
        }
    }
}

/// A limit on the credit that counts.
public struct CreditCap: Hashable, Sendable, CustomStringConvertible {
    public enum Scope: Hashable, Sendable {
        /// All lines together.
        case total
        /// Badges from one issuer.
        case issuer(String)
        /// Badges with one tag.
        case tag(String)
        /// Lines earned in any one calendar year (one cap per year).
        case perCalendarYear
    }

    public var scope: Scope
    /// The limit in the policy's unit.
    public var limit: CreditLimit
    public var source: SourceLocation?

    public init(scope: Scope, limit: CreditLimit, source: SourceLocation? = nil) {
        self.scope = scope
        self.limit = limit
        self.source = source
    }

    public var description: String {
        let what = switch scope {
        case .total: "the total cap"
        case .issuer(let issuer): "the cap on \(issuer)"
        case .tag(let tag): "the cap on tag \(tag)"
        case .perCalendarYear: "the cap per calendar year"
        }
        return "\(what) of \(limit)"
    }
}

/// A cap's limit: an amount, or a share of the programme's credit.
public enum CreditLimit: Hashable, Sendable, CustomStringConvertible {
    case amount(Rational)
    case shareOfProgramme(Rational)

    public var description: String {
        switch self {
        case .amount(let value): value.description
        case .shareOfProgramme(let share): "\(share) of the programme"
        }
    }
}

/// Block credit for a completed pathway.
public struct StackRule: Hashable, Sendable {
    /// Whether the block replaces the credit of the badges that complete the pathway, or adds to it.
    public enum Mode: String, Hashable, Sendable {
        case replace
        case add
    }

    public var pathway: String
    /// The block credit; `nil` takes the pathway's own declared `credits`.
    public var credits: Credits?
    public var mode: Mode
    public var equivalentTo: String?
    public var source: SourceLocation?

    public init(pathway: String, credits: Credits? = nil, mode: Mode = .replace, equivalentTo: String? = nil,
                source: SourceLocation? = nil) {
        self.pathway = pathway
        self.credits = credits
        self.mode = mode
        self.equivalentTo = equivalentTo
        self.source = source
    }
}

/// How a badge's result becomes the institution's grade: labels mapped one to one, and numbers
/// by the first threshold they reach (thresholds in the order written).
public struct GradeTranslation: Hashable, Sendable {
    public var labels: [String: String]
    public var thresholds: [(atLeast: Rational, grade: String)]

    public init(labels: [String: String] = [:], thresholds: [(atLeast: Rational, grade: String)] = []) {
        self.labels = labels
        self.thresholds = thresholds
    }

    /// The grade for `result`, or `nil` when the translation has none for it.
    public func grade(for result: BadgeResult?) -> String? {
        switch result {
        case .label(let label)?:
            if let grade = labels[label] { return grade }
            return Rational(parsing: label).flatMap(grade(forNumber:))
        case .number(let number)?:
            return grade(forNumber: number)
        case nil:
            return nil
        }
    }

    private func grade(forNumber number: Rational) -> String? {
        thresholds.first { number >= $0.atLeast }?.grade
    }

    public static func == (lhs: GradeTranslation, rhs: GradeTranslation) -> Bool {
        lhs.labels == rhs.labels && lhs.thresholds.map(\.atLeast) == rhs.thresholds.map(\.atLeast)
            && lhs.thresholds.map(\.grade) == rhs.thresholds.map(\.grade)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(labels)
        for threshold in thresholds {
            hasher.combine(threshold.atLeast)
            hasher.combine(threshold.grade)
        }
    }
}

/// Rounding to a multiple of `increment`, applied to each line or to the total.
public struct CreditRounding: Hashable, Sendable {
    public enum Mode: String, Hashable, Sendable, CaseIterable {
        /// Toward zero.
        case down
        /// Away from zero.
        case up
        /// To the nearest multiple, halves away from zero.
        case halfUp = "half-up"
        /// To the nearest multiple, halves to the even multiple (banker's rounding).
        case halfEven = "half-even"
    }

    public enum Stage: String, Hashable, Sendable {
        /// Each line before caps are applied.
        case line
        /// The total after caps.
        case total
    }

    public var increment: Rational
    public var mode: Mode
    public var stage: Stage

    public init(increment: Rational, mode: Mode, stage: Stage) {
        self.increment = increment
        self.mode = mode
        self.stage = stage
    }

    /// `value` rounded to a multiple of ``increment``; exact.
    public func apply(_ value: Rational) -> Rational {
        let steps = value / increment
        let whole = steps.truncated                               // toward zero
        let remainder = steps - whole
        let magnitude = remainder < .zero ? -remainder : remainder
        let away = whole + (steps < .zero ? -.one : .one)
        let rounded: Rational
        switch mode {
        case .down:
            rounded = whole
        case .up:
            rounded = magnitude == .zero ? whole : away
        case .halfUp:
            rounded = magnitude >= Rational(1, 2) ? away : whole
        case .halfEven:
            if magnitude > Rational(1, 2) {
                rounded = away
            } else if magnitude < Rational(1, 2) {
                rounded = whole
            } else {
                rounded = whole.isEvenInteger ? whole : away
            }
        }
        return rounded * increment
    }
}
