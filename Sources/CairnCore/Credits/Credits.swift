/// An exact amount of credit in a named unit, such as 6 ECTS or 2/3 semester hours.
public struct Credits: Hashable, Sendable, CustomStringConvertible {
    public var value: Rational
    public var unit: CreditUnit

    public init(_ value: Rational, _ unit: CreditUnit) {
        self.value = value
        self.unit = unit
    }

    public var description: String { "\(value) \(unit)" }
}

/// The name of a credit unit (`ECTS`, `CATS`, `US-semester-hours`, …), compared case-insensitively.
public struct CreditUnit: Hashable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The name as written in the definition file.
    public let name: String
    /// The lowercased name used for comparison.
    public let key: String

    public init(_ name: String) {
        self.name = name
        self.key = name.lowercased()
    }

    public init(stringLiteral value: String) { self.init(value) }

    public static func == (lhs: CreditUnit, rhs: CreditUnit) -> Bool { lhs.key == rhs.key }
    public func hash(into hasher: inout Hasher) { hasher.combine(key) }
    public var description: String { name }

    /// Units Cairn knows without a declaration.
    public static let ects: CreditUnit = "ECTS"
    public static let cats: CreditUnit = "CATS"
    public static let semesterHours: CreditUnit = "US-semester-hours"
    public static let quarterHours: CreditUnit = "US-quarter-hours"
    public static let ceu: CreditUnit = "CEU"

    public static let builtIn: Set<CreditUnit> = [.ects, .cats, .semesterHours, .quarterHours, .ceu]

    /// Credits an Open Badges credential declares without a unit (OB 3.0 `creditsAvailable`),
    /// when no catalogue says which unit its issuer means; a credit policy's `openBadgesUnit` maps it.
    public static let unspecified: CreditUnit = "unspecified"
}
