public import CairnCore
import CairnSyntax

/// An Open Badges date or date-time, as written, with the UTC calendar day it falls on.
///
/// Cairn decides status by calendar day (its as-of dates are days): a timestamp counts on its
/// UTC date. A credential issued at any time on a day counts from that day; one that expires
/// at any time on a day no longer counts on that day, so `expires: 2022-11-15T23:59:59Z` makes
/// the badge's first day not counted 2022-11-15.
public struct OpenBadgesTimestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The text as written (`2016-12-31T23:59:59Z`); for a JWT number, the same instant written
    /// that way in UTC, so reasons never show a raw count of seconds.
    public var text: String
    /// Seconds since 1970-01-01T00:00:00Z (UTC), for ordering two timestamps exactly.
    public var epochSeconds: Int64
    /// The UTC calendar day.
    public var date: CalendarDate

    public init?(iso8601 text: String) {
        let scalars = Array(text.unicodeScalars)
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= scalars.count else { return nil }
            var value = 0
            for index in range {
                guard scalars[index].isASCII, let digit = Int(String(scalars[index])) else { return nil }
                value = value * 10 + digit
            }
            return value
        }
        guard scalars.count >= 10, scalars[4] == "-", scalars[7] == "-",
              let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              let date = CalendarDate(year: year, month: month, day: day) else { return nil }
        var seconds = Int64(date.dayNumber) * 86_400
        if scalars.count > 10 {
            guard scalars[10] == "T" || scalars[10] == "t" || scalars[10] == " ",
                  scalars.count >= 19, scalars[13] == ":", scalars[16] == ":",
                  let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
                  hour < 24, minute < 60, second <= 60 else { return nil }
            seconds += Int64(hour * 3600 + minute * 60 + second)
            var index = 19
            if index < scalars.count, scalars[index] == "." {
                index += 1
                let start = index
                while index < scalars.count, number(index..<(index + 1)) != nil { index += 1 }
                guard index > start else { return nil }
            }
            guard index < scalars.count else { return nil }  // a time without a zone is ambiguous
            if scalars[index] == "Z" || scalars[index] == "z" {
                index += 1
            } else if scalars[index] == "+" || scalars[index] == "-" {
                guard let offsetHours = number((index + 1)..<(index + 3)), index + 6 <= scalars.count,
                      scalars[index + 3] == ":", let offsetMinutes = number((index + 4)..<(index + 6)),
                      offsetHours < 24, offsetMinutes < 60 else { return nil }
                let offset = Int64(offsetHours * 3600 + offsetMinutes * 60)
                seconds += scalars[index] == "+" ? -offset : offset
                index += 6
            } else {
                return nil
            }
            guard index == scalars.count else { return nil }
        }
        self.text = text
        self.epochSeconds = seconds
        self.date = CalendarDate(dayNumber: Int(OpenBadgesTimestamp.floorDivide(seconds, 86_400)))
    }

    /// A JWT `NumericDate` (seconds since the epoch, UTC).
    public init?(epochSeconds: Int64) {
        guard abs(epochSeconds) < 253_402_300_800 else { return nil }  // years 0001–9999
        self.epochSeconds = epochSeconds
        let day = OpenBadgesTimestamp.floorDivide(epochSeconds, 86_400)
        date = CalendarDate(dayNumber: Int(day))
        let secondOfDay = Int(epochSeconds - day * 86_400)
        func twoDigits(_ value: Int) -> String { (value < 10 ? "0" : "") + String(value) }
        text = "\(date)T\(twoDigits(secondOfDay / 3600)):\(twoDigits(secondOfDay / 60 % 60)):\(twoDigits(secondOfDay % 60))Z"
    }

    private static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        value >= 0 ? value / divisor : -((-value + divisor - 1) / divisor)
    }

    public static func < (lhs: OpenBadgesTimestamp, rhs: OpenBadgesTimestamp) -> Bool {
        lhs.epochSeconds < rhs.epochSeconds
    }

    public var description: String { text }
}
