import Cairn
import FuzzSupport

/// The iCalendar round trip of `renewals --format ics`: a calendar built from the input (names,
/// summaries, descriptions, categories with any characters; dates far outside years 1–9999;
/// reminders before, on and after the day) is written by ``ICalendar/serialized()`` and read back
/// by the strict RFC 5545 reader the tests use. Every calendar must read back, with the same
/// events, text (control characters dropped, line breaks as `\n`), dates (clamped to
/// ``ICalendar/representableDates``) and reminders.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzICalendar(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    var input = FuzzedData(FuzzInput(data, size).bytes)
    let calendar = CalendarRoundTrip.calendar(from: &input)
    let text = calendar.serialized()
    let parsed: ParsedCalendar
    do {
        parsed = try ICalendarParser.parse(text)
    } catch {
        require(false, "Cairn wrote a calendar its strict reader refuses: \(error)\n\(text)")
        return 0
    }
    CalendarRoundTrip.check(parsed, against: calendar, text: text)
    return 0
}

enum CalendarRoundTrip {
    /// Dates from about year −800 to 29 000: what validity periods added to any written date reach.
    static let days = -1_000_000...10_000_000

    static func calendar(from input: inout FuzzedData) -> ICalendar {
        let productID = input.bool() ? input.string() : ICalendar.defaultProductID
        let name = input.bool() ? input.string() : nil
        var calendar = ICalendar(productID: productID.isEmpty ? ICalendar.defaultProductID : productID, name: name,
                                 stamp: CalendarDate(dayNumber: input.int(in: days)))
        let count = input.int(in: 0...8)
        for index in 0..<count {
            // The index keeps UIDs distinct, as the renewal schedule's are.
            let uid = input.string(maximumBytes: 120) + "#\(index)"
            let date = CalendarDate(dayNumber: input.int(in: days))
            let summary = input.string()
            let description = input.bool() ? input.string() : nil
            let categories = (0..<input.int(in: 0...3)).map { _ in input.string(maximumBytes: 40) }
            let alarm = input.bool()
                ? ICalendar.Alarm(daysBefore: input.int(in: -400...100_000), description: input.string()) : nil
            calendar.events.append(ICalendar.Event(uid: uid, date: date, summary: summary, description: description,
                                                   categories: categories, alarm: alarm))
        }
        return calendar
    }

    static func check(_ parsed: ParsedCalendar, against calendar: ICalendar, text: String) {
        require(parsed.events.count == calendar.events.count,
                "\(calendar.events.count) events written, \(parsed.events.count) read back\n\(text)")
        require(parsed["PRODID"] == readable(calendar.productID), "PRODID changed\n\(text)")
        if let name = calendar.name { require(parsed["NAME"] == readable(name), "NAME changed\n\(text)") }
        for (event, read) in zip(calendar.events, parsed.events) {
            require(read["UID"] == readable(event.uid), "UID \(event.uid.debugDescription) read back as "
                    + "\(String(describing: read["UID"]).debugDescription)\n\(text)")
            require(read["SUMMARY"] == readable(event.summary), "SUMMARY changed\n\(text)")
            if let description = event.description {
                require(read["DESCRIPTION"] == readable(description), "DESCRIPTION changed\n\(text)")
            }
            let categories = event.categories.filter { !$0.isEmpty }.map(readable)
            require(read.values("CATEGORIES") == categories,
                    "CATEGORIES \(categories) read back as \(read.values("CATEGORIES"))\n\(text)")
            let day = min(max(event.date, ICalendar.representableDates.lowerBound),
                          ICalendar.representableDates.upperBound)
            require(read.date("DTSTART") == day, "DTSTART \(day) read back as \(String(describing: read.date("DTSTART")))")
            require(read.alarms.count == (event.alarm == nil ? 0 : 1), "alarm count changed\n\(text)")
        }
    }

    /// TEXT as Cairn writes it and a reader gets it back: line breaks (CRLF, CR, LF) become one
    /// `\n`, other control characters but tab are left out.
    static func readable(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        var afterCarriageReturn = false
        for scalar in text.unicodeScalars {
            defer { afterCarriageReturn = scalar == "\r" }
            switch scalar {
            case "\r": result.append("\n")
            case "\n": if !afterCarriageReturn { result.append("\n") }
            case "\t": result.append(scalar)
            case "\u{00}"..."\u{1F}", "\u{7F}": continue
            default: result.append(scalar)
            }
        }
        return String(result)
    }
}

@_cdecl("FuzzICalendar_main")
public func fuzzICalendarMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzzICalendar)
}
