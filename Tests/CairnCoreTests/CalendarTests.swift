import CairnCore
import CairnTestSupport
import Testing

@Suite("Calendar dates and ISO 8601 durations")
struct CalendarTests {
    @Test("Adding durations clamps to the month's end and respects leap years", arguments: [
        ("2025-01-31", "P1M", "2025-02-28"),
        ("2024-01-31", "P1M", "2024-02-29"),
        ("2024-02-29", "P1Y", "2025-02-28"),
        ("2024-02-29", "P4Y", "2028-02-29"),
        ("2025-03-31", "P1M", "2025-04-30"),
        ("2025-12-15", "P1M", "2026-01-15"),
        ("2025-01-01", "P90D", "2025-04-01"),
        ("2025-01-01", "P2W", "2025-01-15"),
        ("2023-08-31", "P1Y6M", "2025-02-28"),
        ("1999-12-31", "P1D", "2000-01-01"),
    ])
    func addition(start: String, duration: String, expected: String) {
        #expect((Fixture.date(start) + Fixture.duration(duration)).description == expected)
    }

    @Test("Subtracting durations mirrors addition", arguments: [
        ("2026-11-29", "P5Y", "2021-11-29"),
        ("2025-03-31", "P1M", "2025-02-28"),
        ("2024-02-29", "P1Y", "2023-02-28"),
        ("2026-01-10", "P10D", "2025-12-31"),
    ])
    func subtraction(start: String, duration: String, expected: String) {
        #expect((Fixture.date(start) - Fixture.duration(duration)).description == expected)
    }

    @Test("Day numbers round-trip over four centuries")
    func dayNumbersRoundTrip() {
        let start = Fixture.date("1800-01-01").dayNumber
        var previous: CalendarDate?
        for dayNumber in stride(from: start, to: start + 146_097 + 400, by: 1) {
            let date = CalendarDate(dayNumber: dayNumber)
            #expect(date.dayNumber == dayNumber)
            if let previous { #expect(previous < date) }
            previous = date
        }
        #expect(Fixture.date("1970-01-01").dayNumber == 0)
        #expect(Fixture.date("2000-03-01").dayNumber - Fixture.date("2000-02-28").dayNumber == 2)
        #expect(Fixture.date("1900-03-01").dayNumber - Fixture.date("1900-02-28").dayNumber == 1)
    }

    @Test("Malformed dates are refused", arguments: ["2025-02-29", "2025-13-01", "2025-1-01", "25-01-01", "2025/01/01", "", "2025-01-01T00:00"])
    func malformedDates(text: String) {
        #expect(CalendarDate(iso8601: text) == nil)
    }

    @Test("Durations parse in PnYnMnWnD form")
    func durations() {
        #expect(ISODuration(iso8601: "P2Y") == ISODuration(years: 2))
        #expect(ISODuration(iso8601: "P1Y6M") == ISODuration(years: 1, months: 6))
        #expect(ISODuration(iso8601: "P90D") == ISODuration(days: 90))
        #expect(ISODuration(iso8601: "P2W") == ISODuration(weeks: 2))
        #expect(ISODuration(iso8601: "P1Y6M")?.description == "P1Y6M")
    }

    @Test("Malformed durations are refused", arguments: ["2 years", "P", "PT5H", "P1D2Y", "P1.5Y", "1Y", "P-1D", "P1Y1Y"])
    func malformedDurations(text: String) {
        #expect(ISODuration(iso8601: text) == nil)
    }

    @Test("A well-formed day that does not exist is named as such", arguments: [
        ("2024-02-30", "2024-02-30 does not exist: February 2024 has 29 days"),
        ("2025-02-29", "2025-02-29 does not exist: February 2025 has 28 days"),
        ("2025-04-31", "2025-04-31 does not exist: April 2025 has 30 days"),
        ("2025-13-01", "2025-13-01 is not a date: there is no month 13 (months are 01 to 12)"),
    ])
    func nonexistentDays(text: String, problem: String) {
        #expect(CalendarDate(iso8601: text) == nil)
        #expect(CalendarDate.nonexistentDay(text) == problem)
        // A real day, and text not in the form at all, name no missing day.
        #expect(CalendarDate.nonexistentDay("2024-02-29") == nil)
        #expect(CalendarDate.nonexistentDay("2025/01/01") == nil)
    }

    @Test("Dates after 9999 are written in the expanded form and read back", arguments: ["9999-12-31", "9998-06-30"])
    func fiveDigitYears(start: String) throws {
        let later = Fixture.date(start) + Fixture.duration("P5Y")
        #expect(later.year > 9999)
        #expect(later.description.hasPrefix("+"))
        #expect(CalendarDate(iso8601: later.description) == later)
        // The expanded form is only for years a four-digit field cannot hold.
        #expect(CalendarDate(iso8601: "+02025-01-01") == nil)
    }
}
