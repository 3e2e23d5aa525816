/// A day in the proleptic Gregorian calendar, with no time of day and no zone.
///
/// Cairn computes every due date and every as-of comparison on calendar days,
/// so that results do not depend on the time zone of the machine that runs it.
public struct CalendarDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Creates a date, or returns `nil` when the day does not exist (30 February).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1,
              day <= CalendarDate.daysInMonth(year: year, month: month) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses an ISO 8601 calendar date, `YYYY-MM-DD`, or the expanded form `+YYYYY-MM-DD` that
    /// ``description`` writes for years after 9999, so every date Cairn writes it can read back.
    public init?(iso8601 text: some StringProtocol) {
        self.init(iso8601: String(text))
    }

    /// Reads `YYYY-MM-DD` (or the expanded form). The common form is read from its ten bytes
    /// without generic code: imports and stores read millions of dates.
    public init?(iso8601 text: String) {
        var text = text
        if let fields = text.withUTF8({ CalendarDate.tenByteFields(of: $0) }) {
            self.init(year: fields.year, month: fields.month, day: fields.day)
            return
        }
        guard let (year, month, day) = CalendarDate.fields(of: text) else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// The numbers of `YYYY-MM-DD` when `bytes` is exactly that, else nil (the general reader decides).
    private static func tenByteFields(of bytes: UnsafeBufferPointer<UInt8>) -> (year: Int, month: Int, day: Int)? {
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func digits(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let digit = Int(bytes[index]) &- 48
                guard digit >= 0 && digit <= 9 else { return nil }
                value = value &* 10 &+ digit
            }
            return value
        }
        guard let year = digits(0..<4), let month = digits(5..<7), let day = digits(8..<10) else { return nil }
        return (year, month, day)
    }

    /// Why `text`, written as `YYYY-MM-DD`, names no day (`2024-02-30`: February 2024 has 29
    /// days); `nil` when it is a day or is not written in that form at all, which callers
    /// report with their own "expected" message.
    public static func nonexistentDay(_ text: some StringProtocol) -> String? {
        guard let (year, month, day) = fields(of: text) else { return nil }
        guard (1...12).contains(month) else { return "\(text) is not a date: there is no month \(month) (months are 01 to 12)" }
        let last = daysInMonth(year: year, month: month)
        guard (1...last).contains(day) else {
            return "\(text) does not exist: \(monthNames[month - 1]) \(year) has \(last) days"
        }
        return nil
    }

    private static let monthNames = ["January", "February", "March", "April", "May", "June", "July",
                                     "August", "September", "October", "November", "December"]

    /// The three numbers of `YYYY-MM-DD` or `+YYYYY-MM-DD` (up to 9 year digits), unchecked.
    private static func fields(of text: some StringProtocol) -> (Int, Int, Int)? {
        var body = Substring(text)
        let expanded = body.first == "+"
        if expanded { body = body.dropFirst() }
        let parts = body.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[1].count == 2, parts[2].count == 2,
              expanded ? (5...9).contains(parts[0].count) : parts[0].count == 4,
              parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              !expanded || year > 9999
        else { return nil }
        return (year, month, day)
    }

    /// The number of days since 1970-01-01 (negative before it).
    public var dayNumber: Int {
        // Howard Hinnant's days-from-civil, exact for the proleptic Gregorian calendar.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let shiftedMonth = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date a number of days after 1970-01-01.
    public init(dayNumber: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        self.year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        self.month = month
        self.day = day
    }

    public func adding(days: Int) -> CalendarDate {
        CalendarDate(dayNumber: dayNumber + days)
    }

    /// Adds whole months, clamping to the last day of the resulting month
    /// (31 January plus one month is the last day of February).
    public func adding(months: Int) -> CalendarDate {
        let zeroBased = year * 12 + (month - 1) + months
        let newYear = zeroBased >= 0 ? zeroBased / 12 : (zeroBased - 11) / 12
        let newMonth = zeroBased - newYear * 12 + 1
        let newDay = min(day, CalendarDate.daysInMonth(year: newYear, month: newMonth))
        return CalendarDate(unchecked: newYear, newMonth, newDay)
    }

    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// `YYYY-MM-DD`; a year after 9999 in ISO 8601's expanded form, `+10001-01-31`, which
    /// ``init(iso8601:)`` reads back.
    public var description: String {
        if (0...9999).contains(year) {
            // Ten ASCII bytes written at once: reports and stores write millions of dates.
            return String(unsafeUninitializedCapacity: 10) { buffer in
                buffer[0] = UInt8(48 + year / 1000)
                buffer[1] = UInt8(48 + year / 100 % 10)
                buffer[2] = UInt8(48 + year / 10 % 10)
                buffer[3] = UInt8(48 + year % 10)
                buffer[5] = UInt8(48 + month / 10)
                buffer[6] = UInt8(48 + month % 10)
                buffer[8] = UInt8(48 + day / 10)
                buffer[9] = UInt8(48 + day % 10)
                buffer[4] = UInt8(ascii: "-")
                buffer[7] = UInt8(ascii: "-")
                return 10
            }
        }
        let y = (year > 9999 ? "+" : "") + String(year)
        let paddedYear = year >= 0 && y.count < 4 ? String(repeating: "0", count: 4 - y.count) + y : y
        return paddedYear + "-" + (month < 10 ? "0" : "") + String(month) + "-" + (day < 10 ? "0" : "") + String(day)
    }

    private init(unchecked year: Int, _ month: Int, _ day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
