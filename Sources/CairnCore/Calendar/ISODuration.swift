/// An ISO 8601 duration in calendar units: `P2Y`, `P6M`, `P2W`, `P90D`, `P1Y6M`.
///
/// Years and months are added first, clamping to the end of the month, then
/// weeks and days; subtraction mirrors it. Times of day (`PT…`) are refused:
/// Cairn works on calendar days.
public struct ISODuration: Hashable, Sendable, CustomStringConvertible {
    public var years: Int
    public var months: Int
    public var weeks: Int
    public var days: Int

    public init(years: Int = 0, months: Int = 0, weeks: Int = 0, days: Int = 0) {
        self.years = years
        self.months = months
        self.weeks = weeks
        self.days = days
    }

    /// Parses `PnYnMnWnD` (each part optional, at least one present, in that order).
    public init?(iso8601 text: some StringProtocol) {
        var rest = Substring(text)
        guard rest.first == "P", rest.count > 1 else { return nil }
        rest = rest.dropFirst()
        var values: [Character: Int] = [:]
        let order: [Character] = ["Y", "M", "W", "D"]
        var lastIndex = -1
        while !rest.isEmpty {
            let digits = rest.prefix(while: \.isASCIIDigit)
            guard !digits.isEmpty, digits.count <= 6, let value = Int(digits) else { return nil }
            rest = rest.dropFirst(digits.count)
            guard let designator = rest.first, let index = order.firstIndex(of: designator),
                  index > lastIndex else { return nil }
            values[designator] = value
            lastIndex = index
            rest = rest.dropFirst()
        }
        self.init(years: values["Y"] ?? 0, months: values["M"] ?? 0,
                  weeks: values["W"] ?? 0, days: values["D"] ?? 0)
    }

    public var isZero: Bool { years == 0 && months == 0 && weeks == 0 && days == 0 }

    public var description: String {
        if isZero { return "P0D" }
        var text = "P"
        if years != 0 { text += "\(years)Y" }
        if months != 0 { text += "\(months)M" }
        if weeks != 0 { text += "\(weeks)W" }
        if days != 0 { text += "\(days)D" }
        return text
    }
}

extension CalendarDate {
    public static func + (date: CalendarDate, duration: ISODuration) -> CalendarDate {
        date.adding(months: duration.years * 12 + duration.months)
            .adding(days: duration.weeks * 7 + duration.days)
    }

    public static func - (date: CalendarDate, duration: ISODuration) -> CalendarDate {
        date.adding(months: -(duration.years * 12 + duration.months))
            .adding(days: -(duration.weeks * 7 + duration.days))
    }
}
