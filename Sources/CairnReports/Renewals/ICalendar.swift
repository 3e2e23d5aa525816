public import CairnCore
import CairnSyntax
// Hand-written: RFC 5545 folding at 75 octets and TEXT escaping; no package in the mirror writes iCalendar.

/// A calendar of all-day events in iCalendar form (RFC 5545), for `cairn renewals --format ics`.
///
/// Each ``Event`` is one day: `DTSTART;VALUE=DATE` is its date and `DTEND;VALUE=DATE` the next
/// day (RFC 5545 §3.6.1: the end of an all-day event is exclusive). An ``Alarm`` becomes a
/// `VALARM` that calendar programs show a number of days before the event, when a renewal
/// window opens. Events are marked `TRANSP:TRANSPARENT`, so a due date never shows a person as busy.
///
/// The writer reads no clock: `DTSTAMP` is ``stamp`` at midnight UTC for every event, so the
/// same calendar always serializes to the same bytes, and an import of a later export updates
/// events by their stable ``Event/uid`` instead of duplicating them.
///
/// The text follows RFC 5545 to the letter: lines end with CRLF (the last one too), content
/// lines are folded at 75 octets of UTF-8 without splitting a character, and TEXT values are
/// escaped (§3.3.11).
///
/// **Dates outside years 1–9999.** The iCalendar `DATE` form has exactly four year digits, so
/// a date outside ``representableDates`` cannot be written. The writer clamps such a date to
/// the nearest representable one (a due date in year 12026 is written as 9999-12-30, the last
/// day whose following day still has four digits). Years 1–999 are written zero-padded
/// (`09990101`), which the RFC allows. A caller that prefers to refuse can test
/// `ICalendar.representableDates.contains(date)` first.
public struct ICalendar: Sendable, Hashable {
    /// One all-day event.
    public struct Event: Sendable, Hashable {
        /// The event's `UID`. It must be unique within the calendar and stable across exports,
        /// for example `renewal-<learner>-<badge>-<issued>@cairn`; the caller builds it.
        public var uid: String
        /// The day of the event.
        public var date: CalendarDate
        /// The event's title (`SUMMARY`).
        public var summary: String
        /// Longer text (`DESCRIPTION`), or `nil` for none.
        public var description: String?
        /// `CATEGORIES`, written in order; empty strings are left out.
        public var categories: [String]
        /// A reminder before the event, or `nil` for none.
        public var alarm: Alarm?

        /// Creates an all-day event.
        public init(uid: String, date: CalendarDate, summary: String, description: String? = nil,
                    categories: [String] = [], alarm: Alarm? = nil) {
            self.uid = uid
            self.date = date
            self.summary = summary
            self.description = description
            self.categories = categories
            self.alarm = alarm
        }
    }

    /// A reminder a number of days before an event's date: `TRIGGER:-P<n>D` relative to its
    /// start, `ACTION:DISPLAY`, and the `DESCRIPTION` RFC 5545 requires for a display alarm.
    public struct Alarm: Sendable, Hashable {
        /// Days before the event's date; 0 reminds on the day, a negative number after it.
        public var daysBefore: Int
        /// The text the calendar program shows; when empty, the event's summary is shown.
        public var description: String

        /// Creates a reminder `daysBefore` days before the event.
        public init(daysBefore: Int, description: String) {
            self.daysBefore = daysBefore
            self.description = description
        }
    }

    /// The `PRODID` Cairn writes unless told otherwise.
    public static let defaultProductID = "-//Cairn//Renewals//EN"

    /// The dates an event can have without clamping: 0001-01-01 to 9999-12-30 (its `DTEND`,
    /// the next day, must still have a four-digit year).
    public static let representableDates: ClosedRange<CalendarDate> =
        CalendarDate(dayNumber: -719_162)...CalendarDate(dayNumber: 2_932_895)

    /// The calendar's `PRODID`, for example `-//Cairn//Renewals//EN`.
    public var productID: String
    /// A name calendar programs show for the calendar (`NAME` of RFC 7986 and the widely read
    /// `X-WR-CALNAME`), or `nil` for none.
    public var name: String?
    /// The day written as every event's `DTSTAMP` (at 00:00:00 UTC), usually the as-of date.
    public var stamp: CalendarDate
    /// The events, written in this order.
    public var events: [Event]

    /// Creates a calendar.
    public init(productID: String = ICalendar.defaultProductID, name: String? = nil, stamp: CalendarDate,
                events: [Event] = []) {
        self.productID = productID
        self.name = name
        self.stamp = stamp
        self.events = events
    }

    /// The calendar as RFC 5545 text: CRLF line endings, lines folded at 75 octets.
    ///
    /// A calendar with no events is written as a `VCALENDAR` with no components, which
    /// calendar programs accept as an empty calendar.
    public func serialized() -> String {
        var lines: [ContentLine] = [
            .raw("BEGIN", "VCALENDAR"),
            .raw("VERSION", "2.0"),
            .text("PRODID", productID),
            .raw("CALSCALE", "GREGORIAN"),
            .raw("METHOD", "PUBLISH"),
        ]
        if let name {
            lines.append(.text("NAME", name))
            lines.append(.text("X-WR-CALNAME", name))
        }
        let stampText = ICalendar.dateText(min(max(stamp, ICalendar.representableDates.lowerBound),
                                               ICalendar.representableDates.upperBound.adding(days: 1))) + "T000000Z"
        for event in events {
            lines += event.contentLines(stamp: stampText)
        }
        lines.append(.raw("END", "VCALENDAR"))
        return lines.map(\.folded).joined()
    }

    /// `date` moved into ``representableDates`` if it lies outside.
    static func clamped(_ date: CalendarDate) -> CalendarDate {
        min(max(date, representableDates.lowerBound), representableDates.upperBound)
    }

    /// `YYYYMMDD`, for a date in years 1–9999.
    static func dateText(_ date: CalendarDate) -> String {
        padded(date.year, 4) + padded(date.month, 2) + padded(date.day, 2)
    }

    private static func padded(_ number: Int, _ width: Int) -> String {
        let digits = String(number)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

extension ICalendar.Event {
    fileprivate func contentLines(stamp: String) -> [ICalendar.ContentLine] {
        let clamped = ICalendar.clamped(date)
        var lines: [ICalendar.ContentLine] = [
            .raw("BEGIN", "VEVENT"),
            .text("UID", uid),
            .raw("DTSTAMP", stamp),
            .raw("DTSTART;VALUE=DATE", ICalendar.dateText(clamped)),
            .raw("DTEND;VALUE=DATE", ICalendar.dateText(clamped.adding(days: 1))),
            .text("SUMMARY", summary),
        ]
        if let description { lines.append(.text("DESCRIPTION", description)) }
        let categories = categories.filter { !$0.isEmpty }
        if !categories.isEmpty { lines.append(.textList("CATEGORIES", categories)) }
        lines.append(.raw("TRANSP", "TRANSPARENT"))
        if let alarm {
            lines += [
                .raw("BEGIN", "VALARM"),
                .raw("ACTION", "DISPLAY"),
                .raw("TRIGGER", alarm.trigger),
                .text("DESCRIPTION", alarm.description.isEmpty ? summary : alarm.description),
                .raw("END", "VALARM"),
            ]
        }
        lines.append(.raw("END", "VEVENT"))
        return lines
    }
}

extension ICalendar.Alarm {
    /// `-P60D` for 60 days before the start, `P0D` on the day, `P3D` three days after.
    var trigger: String {
        daysBefore > 0 ? "-P\(daysBefore)D" : "P\(-daysBefore)D"
    }
}
