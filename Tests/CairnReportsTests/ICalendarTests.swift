import CairnCore
import CairnCredentials
import CairnReports
import CairnSyntax
import CairnTestSupport
import Testing

@Suite("iCalendar: writing renewal calendars")
struct ICalendarTests {
    static let stamp = CairnTestSupport.Fixture.date("2026-03-01")

    static func event(_ uid: String = "renewal-ada-sql-querying-2024-03-01@cairn", date: String = "2027-03-01",
                      summary: String = "Renew SQL Querying", description: String? = nil,
                      categories: [String] = [], alarm: ICalendar.Alarm? = nil) -> ICalendar.Event {
        ICalendar.Event(uid: uid, date: CairnTestSupport.Fixture.date(date), summary: summary, description: description,
                        categories: categories, alarm: alarm)
    }

    static func calendar(_ events: [ICalendar.Event], name: String? = "Cairn renewals") -> ICalendar {
        ICalendar(name: name, stamp: stamp, events: events)
    }

    /// The physical lines of `text`, as UTF-8 bytes, split at CRLF (the empty tail after the last CRLF dropped).
    static func physicalLines(_ text: String) -> [[UInt8]] {
        var lines: [[UInt8]] = [[]]
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count {
            if bytes[index] == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A {
                lines.append([])
                index += 2
            } else {
                lines[lines.count - 1].append(bytes[index])
                index += 1
            }
        }
        if lines.last?.isEmpty == true { lines.removeLast() }
        return lines
    }

    /// `text` with each CRLF, CR or LF as one LF: what a TEXT value reads back as.
    static func normalizedLineBreaks(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        var afterCarriageReturn = false
        for scalar in text.unicodeScalars {
            if scalar == "\r" { result.append("\n") } else if scalar != "\n" || !afterCarriageReturn { result.append(scalar) }
            afterCarriageReturn = scalar == "\r"
        }
        return String(result)
    }

    @Test("A small calendar is written byte for byte as expected")
    func exactBytes() {
        let calendar = ICalendarTests.calendar([
            ICalendarTests.event(description: "Issued 2024-03-01; expires 2027-03-01.", categories: ["renewal", "SQL, advanced"],
                                 alarm: ICalendar.Alarm(daysBefore: 60, description: "Renewal window opens for SQL Querying")),
        ])
        let expected = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//Cairn//Renewals//EN",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "NAME:Cairn renewals",
            "X-WR-CALNAME:Cairn renewals",
            "BEGIN:VEVENT",
            "UID:renewal-ada-sql-querying-2024-03-01@cairn",
            "DTSTAMP:20260301T000000Z",
            "DTSTART;VALUE=DATE:20270301",
            "DTEND;VALUE=DATE:20270302",
            "SUMMARY:Renew SQL Querying",
            "DESCRIPTION:Issued 2024-03-01\\; expires 2027-03-01.",
            "CATEGORIES:renewal,SQL\\, advanced",
            "TRANSP:TRANSPARENT",
            "BEGIN:VALARM",
            "ACTION:DISPLAY",
            "TRIGGER:-P60D",
            "DESCRIPTION:Renewal window opens for SQL Querying",
            "END:VALARM",
            "END:VEVENT",
            "END:VCALENDAR",
        ].map { $0 + "\r\n" }.joined()
        #expect(calendar.serialized() == expected)
    }

    static let awkwardTexts = [
        "Renew SQL, then; celebrate",
        #"C:\Users\ada\badges \n is not a line break, \\ two backslashes"#,
        "two\nlines\r\nthen\rthree\n\n",
        String(repeating: "é", count: 80),
        String(repeating: "日本のバッジ更新。", count: 12),
        String(repeating: "🏔️ 🧗‍♀️ 👩🏽‍💻 ", count: 15),
        String(repeating: "mixed: a,b;c\\d\né日本🏔️ ", count: 8),
        "   spaces   " + String(repeating: " ", count: 160) + "end\t\ttabs",
        String(repeating: "word" + String(repeating: " ", count: 37), count: 6),
        "",
    ]

    @Test("TEXT values with escapes, line breaks and long non-ASCII text survive a round trip",
          arguments: awkwardTexts)
    func roundTrip(text: String) throws {
        let calendar = ICalendarTests.calendar([
            ICalendarTests.event("uid-\(text)@cairn", summary: text, description: text + text, categories: [text, "plain"],
                                 alarm: ICalendar.Alarm(daysBefore: 30, description: "Opens: " + text)),
        ], name: text)
        let parsed = try ICalendarParser.parse(calendar.serialized())
        let expected = ICalendarTests.normalizedLineBreaks(text)
        #expect(parsed["NAME"] == expected)
        #expect(parsed["X-WR-CALNAME"] == expected)
        let event = try #require(parsed.events.first)
        #expect(event["UID"] == "uid-\(expected)@cairn")
        #expect(event["SUMMARY"] == expected)
        #expect(event["DESCRIPTION"] == expected + expected)
        #expect(event.values("CATEGORIES") == (text.isEmpty ? ["plain"] : [expected, "plain"]))
        #expect(event.alarms.first?["DESCRIPTION"] == "Opens: " + expected)
    }

    @Test("Long values fold at 75 octets, on character boundaries, with exactly one leading space",
          arguments: awkwardTexts)
    func folding(text: String) throws {
        let serialized = ICalendarTests.calendar([ICalendarTests.event(summary: text, description: text)]).serialized()
        let lines = ICalendarTests.physicalLines(serialized)
        for (line, previous) in zip(lines.dropFirst(), lines) {
            #expect(line.count <= 75)
            #expect(Array(String(decoding: line, as: UTF8.self).utf8) == line, "a fold split a character")
            let insideBlankRun = previous.last == 0x20 || previous.last == 0x09
            if line.first == 0x20, !insideBlankRun { #expect(line.count > 1 && line[1] != 0x20 && line[1] != 0x09) }
        }
        if ("SUMMARY:" + text).utf8.count > 75 {
            #expect(lines.contains { $0.first == 0x20 }, "a long value is folded")
        }
        _ = try ICalendarParser.parse(bytes: Array(serialized.utf8))
    }

    @Test("Every line ends with CRLF, the last one too; there is no lone CR or LF")
    func lineEndings() {
        let serialized = ICalendarTests.calendar([
            ICalendarTests.event(summary: "a\nb\rc\r\nd", description: String(repeating: "x", count: 300)),
        ]).serialized()
        let bytes = Array(serialized.utf8)
        #expect(bytes.suffix(2) == [0x0D, 0x0A])
        for (index, byte) in bytes.enumerated() {
            if byte == 0x0D { #expect(index + 1 < bytes.count && bytes[index + 1] == 0x0A) }
            if byte == 0x0A { #expect(index > 0 && bytes[index - 1] == 0x0D) }
        }
    }

    @Test("The same calendar gives the same bytes; UIDs are kept as given, in the order given")
    func deterministic() throws {
        let uids = ["renewal-zoe-b-2025-01-01@cairn", "renewal-ada-a-2024-06-30@cairn", "renewal-bo-c-2023-12-31@cairn"]
        let first = ICalendarTests.calendar(uids.map { ICalendarTests.event($0) })
        let second = ICalendarTests.calendar(uids.map { ICalendarTests.event($0) })
        #expect(first.serialized() == second.serialized())
        #expect(try ICalendarParser.parse(first.serialized()).events.map { $0["UID"] } == uids)
        #expect(try ICalendarParser.parse(second.serialized()).events.map { $0["UID"] } == uids)
    }

    @Test("DTSTAMP is the stamp date at midnight UTC on every event")
    func stamps() throws {
        let parsed = try ICalendarParser.parse(ICalendarTests.calendar([ICalendarTests.event("a"), ICalendarTests.event("b")]).serialized())
        #expect(parsed.events.map { $0["DTSTAMP"] } == ["20260301T000000Z", "20260301T000000Z"])
    }

    @Test("An all-day event ends the next day, across month and year ends and leap days", arguments: [
        ("2026-05-14", "20260514", "20260515"), ("2026-01-31", "20260131", "20260201"),
        ("2026-04-30", "20260430", "20260501"), ("2026-12-31", "20261231", "20270101"),
        ("2027-02-28", "20270228", "20270301"), ("2028-02-28", "20280228", "20280229"),
        ("2028-02-29", "20280229", "20280301"), ("2100-02-28", "21000228", "21000301"),
        ("2000-02-28", "20000228", "20000229"),
    ])
    func nextDay(date: String, start: String, end: String) throws {
        let parsed = try ICalendarParser.parse(ICalendarTests.calendar([ICalendarTests.event(date: date)]).serialized())
        let event = try #require(parsed.events.first)
        #expect(event.property("DTSTART")?.parameter("VALUE") == "DATE")
        #expect(event.property("DTEND")?.parameter("VALUE") == "DATE")
        #expect(event["DTSTART"] == start)
        #expect(event["DTEND"] == end)
        #expect(event.date("DTSTART") == CairnTestSupport.Fixture.date(date))
        #expect(event.date("DTEND") == CairnTestSupport.Fixture.date(date).adding(days: 1))
    }

    @Test("An alarm is a display VALARM triggered days before the start", arguments: [
        (60, "-P60D"), (1, "-P1D"), (365, "-P365D"), (0, "P0D"), (-3, "P3D"),
    ])
    func alarm(daysBefore: Int, trigger: String) throws {
        let event = ICalendarTests.event(alarm: ICalendar.Alarm(daysBefore: daysBefore, description: "Renewal window opens"))
        let parsed = try ICalendarParser.parse(ICalendarTests.calendar([event]).serialized())
        let alarms = try #require(parsed.events.first).alarms
        #expect(alarms.count == 1)
        #expect(alarms.first?["ACTION"] == "DISPLAY")
        #expect(alarms.first?["TRIGGER"] == trigger)
        #expect(alarms.first?["DESCRIPTION"] == "Renewal window opens")
    }

    @Test("An alarm with no text shows the event's summary")
    func alarmFallsBackToSummary() throws {
        let event = ICalendarTests.event(summary: "Renew SQL", alarm: ICalendar.Alarm(daysBefore: 30, description: ""))
        let parsed = try ICalendarParser.parse(ICalendarTests.calendar([event]).serialized())
        #expect(parsed.events.first?.alarms.first?["DESCRIPTION"] == "Renew SQL")
    }

    @Test("Without an alarm, description or categories, those lines are left out")
    func optionalParts() throws {
        let serialized = ICalendarTests.calendar([ICalendarTests.event(categories: ["", ""])], name: nil).serialized()
        let parsed = try ICalendarParser.parse(serialized)
        let event = try #require(parsed.events.first)
        #expect(event.alarms.isEmpty)
        #expect(event.property("DESCRIPTION") == nil)
        #expect(event.property("CATEGORIES") == nil)
        #expect(parsed["X-WR-CALNAME"] == nil)
        #expect(event["TRANSP"] == "TRANSPARENT")
    }

    @Test("A calendar with no events is an empty VCALENDAR")
    func empty() throws {
        let parsed = try ICalendarParser.parse(ICalendar(stamp: ICalendarTests.stamp).serialized())
        #expect(parsed.events.isEmpty)
        #expect(parsed["VERSION"] == "2.0")
        #expect(parsed["PRODID"] == "-//Cairn//Renewals//EN")
        #expect(parsed["CALSCALE"] == "GREGORIAN")
        #expect(parsed["METHOD"] == "PUBLISH")
    }

    @Test("Dates outside years 1–9999 are clamped; years before 1000 are zero-padded", arguments: [
        (12026, 5, 1, "99991230", "99991231"), (9999, 12, 31, "99991230", "99991231"),
        (9999, 12, 30, "99991230", "99991231"), (999, 12, 31, "09991231", "10000101"),
        (1, 1, 1, "00010101", "00010102"), (0, 6, 1, "00010101", "00010102"), (-40, 1, 1, "00010101", "00010102"),
    ])
    func clamping(year: Int, month: Int, day: Int, start: String, end: String) throws {
        let date = try #require(CalendarDate(year: year, month: month, day: day))
        let event = ICalendar.Event(uid: "far@cairn", date: date, summary: "Far")
        let parsed = try ICalendarParser.parse(ICalendarTests.calendar([event]).serialized())
        #expect(parsed.events.first?["DTSTART"] == start)
        #expect(parsed.events.first?["DTEND"] == end)
        #expect(ICalendar.representableDates.contains(date) == (start == ICalendarTests.dateText(date)))
    }

    static func dateText(_ date: CalendarDate) -> String {
        date.description.replacing("-", with: "")
    }

    @Test("The representable dates are 0001-01-01 to 9999-12-30")
    func representableDates() {
        #expect(ICalendar.representableDates.lowerBound.description == "0001-01-01")
        #expect(ICalendar.representableDates.upperBound.description == "9999-12-30")
    }

    @Test("Control characters TEXT cannot hold are left out; tabs are kept")
    func controlCharacters() throws {
        let event = ICalendarTests.event(summary: "bell\u{07} nul\u{00} esc\u{1B} del\u{7F} tab\there")
        let parsed = try ICalendarParser.parse(ICalendarTests.calendar([event]).serialized())
        #expect(parsed.events.first?["SUMMARY"] == "bell nul esc del tab\there")
    }
}

@Suite("iCalendar: the strict parser")
struct ICalendarParserTests {
    static func lines(_ lines: [String]) -> String { lines.map { $0 + "\r\n" }.joined() }

    static func calendar(_ body: [String], header: [String] = ["VERSION:2.0", "PRODID:-//Test//EN"]) -> String {
        lines(["BEGIN:VCALENDAR"] + header + body + ["END:VCALENDAR"])
    }

    static let alarm = ["BEGIN:VALARM", "ACTION:DISPLAY", "TRIGGER:-P60D", "DESCRIPTION:Renewal opens", "END:VALARM"]

    static func event(uid: String? = "a@test", stamp: String? = "DTSTAMP:20260101T000000Z",
                      start: String? = "DTSTART;VALUE=DATE:20260301", end: String? = "DTEND;VALUE=DATE:20260302",
                      extra: [String] = [], alarm: [String] = []) -> [String] {
        ["BEGIN:VEVENT"] + [uid.map { "UID:\($0)" }, stamp, start, end].compactMap { $0 } + extra + alarm + ["END:VEVENT"]
    }

    static let valid = calendar(event(extra: ["SUMMARY:Renew"], alarm: alarm))

    @Test("A well-formed calendar is read field by field")
    func valid() throws {
        let parsed = try ICalendarParser.parse(ICalendarParserTests.valid)
        #expect(parsed["VERSION"] == "2.0")
        let event = try #require(parsed.events.first)
        #expect(event["UID"] == "a@test")
        #expect(event.date("DTSTART") == CairnTestSupport.Fixture.date("2026-03-01"))
        #expect(event.date("DTSTAMP") == CairnTestSupport.Fixture.date("2026-01-01"))
        #expect(event.alarms.first?["TRIGGER"] == "-P60D")
    }

    @Test("Quoted parameter values may hold ; : and ,; a value may hold colons")
    func quotedParameters() throws {
        let text = ICalendarParserTests.calendar(ICalendarParserTests.event(extra: [
            #"ATTENDEE;ROLE=REQ-PARTICIPANT;CN="Doe, Jane; Ph"#, #" D: HR":mailto:jane@example.com"#,
            #"X-LIST;X-A=one,"two,three",four:value"#,
        ]))
        let event = try #require(try ICalendarParser.parse(text).events.first)
        let attendee = try #require(event.property("ATTENDEE"))
        #expect(attendee.parameter("cn") == "Doe, Jane; PhD: HR")
        #expect(attendee.parameter("ROLE") == "REQ-PARTICIPANT")
        #expect(attendee.value == "mailto:jane@example.com")
        #expect(event.property("X-LIST")?.parameters.first?.values == ["one", "two,three", "four"])
    }

    @Test("Unfolding removes exactly one space or tab, even inside an escape")
    func unfolding() throws {
        let text = ICalendarParserTests.calendar(ICalendarParserTests.event(extra: [
            "SUMMARY:Renew the SQL \\", " nbadge ", "\tnow", "DESCRIPTION:" + String(repeating: "x", count: 63),
            "CATEGORIES:a\\,b,c",
        ]))
        let event = try #require(try ICalendarParser.parse(text).events.first)
        #expect(event["SUMMARY"] == "Renew the SQL \nbadge now")
        #expect(event.values("CATEGORIES") == ["a,b", "c"])
    }

    @Test("Names are case-insensitive; date-times are accepted")
    func caseAndDateTimes() throws {
        let text = ICalendarParserTests.lines([
            "begin:vcalendar", "version:2.0", "prodid:x", "begin:vevent", "uid:a", "dtstamp:20260101T000000Z",
            "dtstart:20260301T090000", "dtend:20260301T093000", "end:vevent", "end:vcalendar",
        ])
        let event = try #require(try ICalendarParser.parse(text).events.first)
        #expect(event["DTEND"] == "20260301T093000")
        #expect(event.date("DTEND") == CairnTestSupport.Fixture.date("2026-03-01"))
    }

    struct Malformed: Sendable, CustomTestStringConvertible {
        var label: String
        var text: String
        var kind: ICalendarParseError.Kind
        var testDescription: String { label }

        init(_ label: String, _ text: String, _ kind: ICalendarParseError.Kind) {
            self.label = label
            self.text = text
            self.kind = kind
        }
    }

    static let malformed: [Malformed] = {
        let valid = ICalendarParserTests.valid
        func calendar(_ body: [String]) -> String { ICalendarParserTests.calendar(body) }
        func event(uid: String? = "a@test", stamp: String? = "DTSTAMP:20260101T000000Z",
                   start: String? = "DTSTART;VALUE=DATE:20260301", end: String? = "DTEND;VALUE=DATE:20260302",
                   extra: [String] = [], alarm: [String] = []) -> String {
            calendar(ICalendarParserTests.event(uid: uid, stamp: stamp, start: start, end: end, extra: extra, alarm: alarm))
        }
        func alarm(without name: String) -> [String] { ICalendarParserTests.alarm.filter { !$0.hasPrefix(name) } }
        let lines = ICalendarParserTests.lines
        return [
            Malformed("a bare LF", valid.replacing("\r\nVERSION", with: "\nVERSION"), .bareLineBreak),
            Malformed("a bare CR", valid.replacing("\r\nVERSION", with: "\rVERSION"), .bareLineBreak),
            Malformed("a LF inside a value", event(extra: ["SUMMARY:a\nb"]), .bareLineBreak),
            Malformed("no CRLF after the last line", String(valid.dropLast()), .missingFinalLineBreak),
            Malformed("an empty line", event(extra: [""]), .emptyLine),
            Malformed("a line of 76 octets", event(extra: ["SUMMARY:" + String(repeating: "x", count: 68)]), .lineTooLong),
            Malformed("a line of 76 octets in 42 characters",
                      event(extra: ["SUMMARY:" + String(repeating: "é", count: 34)]), .lineTooLong),
            Malformed("a continuation with two spaces", event(extra: ["SUMMARY:Renew", "  now"]), .badContinuation),
            Malformed("a continuation with a space and a tab", event(extra: ["SUMMARY:Renew", " \tnow"]), .badContinuation),
            Malformed("a continuation first", " " + valid, .badContinuation),
            Malformed("an empty continuation", event(extra: ["SUMMARY:Renew", " "]), .badContinuation),
            Malformed("a control character", event(extra: ["SUMMARY:bell\u{07}"]), .controlCharacter),
            Malformed("a line without a colon", event(extra: ["SUMMARY Renew"]), .malformedLine),
            Malformed("a line without a name", event(extra: [":Renew"]), .malformedLine),
            Malformed("an unterminated quote", event(extra: [#"ATTENDEE;CN="Ada:mailto:a@example.com"#]), .malformedLine),
            Malformed("a parameter without a value", event(extra: ["ATTENDEE;CN:mailto:a@example.com"]), .malformedLine),
            Malformed("END without BEGIN", lines(["END:VCALENDAR"]), .unbalanced),
            Malformed("BEGIN without END", lines(["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:x"]), .unbalanced),
            Malformed("an END closing another component",
                      calendar(["BEGIN:VEVENT", "UID:a", "DTSTAMP:20260101T000000Z", "DTSTART;VALUE=DATE:20260301", "END:VTODO"]),
                      .unbalanced),
            Malformed("a property before VCALENDAR", lines(["VERSION:2.0"]) + valid, .unbalanced),
            Malformed("a second VCALENDAR", valid + valid, .unbalanced),
            Malformed("an empty text", "", .unbalanced),
            Malformed("a VEVENT at the top level", lines(ICalendarParserTests.event()), .unexpectedComponent),
            Malformed("a VALARM in VCALENDAR", calendar(ICalendarParserTests.alarm), .unexpectedComponent),
            Malformed("a VEVENT in a VEVENT", event(extra: ICalendarParserTests.event(uid: "b@test")), .unexpectedComponent),
            Malformed("an unknown component", calendar(["BEGIN:X-THING", "END:X-THING"]), .unexpectedComponent),
            Malformed("no VERSION", ICalendarParserTests.calendar(ICalendarParserTests.event(), header: ["PRODID:x"]),
                      .missingProperty),
            Malformed("VERSION 1.0", ICalendarParserTests.calendar(ICalendarParserTests.event(), header: ["VERSION:1.0", "PRODID:x"]),
                      .invalidValue),
            Malformed("no PRODID", ICalendarParserTests.calendar(ICalendarParserTests.event(), header: ["VERSION:2.0"]),
                      .missingProperty),
            Malformed("CALSCALE other than GREGORIAN",
                      ICalendarParserTests.calendar([], header: ["VERSION:2.0", "PRODID:x", "CALSCALE:JULIAN"]), .invalidValue),
            Malformed("a VEVENT without UID", event(uid: nil), .missingProperty),
            Malformed("a VEVENT without DTSTAMP", event(stamp: nil), .missingProperty),
            Malformed("a VEVENT without DTSTART", event(start: nil), .missingProperty),
            Malformed("a VEVENT with two UIDs", event(extra: ["UID:b@test"]), .duplicateProperty),
            Malformed("a VEVENT with two DTSTARTs", event(extra: ["DTSTART;VALUE=DATE:20260301"]), .duplicateProperty),
            Malformed("two events with one UID",
                      calendar(ICalendarParserTests.event() + ICalendarParserTests.event(start: "DTSTART;VALUE=DATE:20260401",
                                                                                          end: "DTEND;VALUE=DATE:20260402")),
                      .duplicateUID),
            Malformed("an 8-digit DTSTART without VALUE=DATE", event(start: "DTSTART:20260301"), .invalidValue),
            Malformed("an 8-digit DTEND without VALUE=DATE", event(end: "DTEND:20260302"), .invalidValue),
            Malformed("VALUE=DATE on a date-time", event(start: "DTSTART;VALUE=DATE:20260301T000000"), .invalidValue),
            Malformed("a DATE of 30 February", event(start: "DTSTART;VALUE=DATE:20260230"), .invalidValue),
            Malformed("a dashed date", event(start: "DTSTART;VALUE=DATE:2026-03-01"), .invalidValue),
            Malformed("a DTSTAMP not in UTC", event(stamp: "DTSTAMP:20260101T000000"), .invalidValue),
            Malformed("a DTSTAMP that is a date", event(stamp: "DTSTAMP;VALUE=DATE:20260101"), .invalidValue),
            Malformed("a DTEND of another type than DTSTART", event(end: "DTEND:20260302T000000"), .invalidValue),
            Malformed("both DTEND and DURATION", event(extra: ["DURATION:P1D"]), .invalidValue),
            Malformed("DTEND equal to DTSTART", event(end: "DTEND;VALUE=DATE:20260301"), .endNotAfterStart),
            Malformed("DTEND before DTSTART", event(end: "DTEND;VALUE=DATE:20251231"), .endNotAfterStart),
            Malformed("a VALARM without ACTION", event(alarm: alarm(without: "ACTION")), .missingProperty),
            Malformed("a VALARM without TRIGGER", event(alarm: alarm(without: "TRIGGER")), .missingProperty),
            Malformed("a display VALARM without DESCRIPTION", event(alarm: alarm(without: "DESCRIPTION")), .missingProperty),
            Malformed("a TRIGGER that is not a duration",
                      event(alarm: ICalendarParserTests.alarm.map { $0.hasPrefix("TRIGGER") ? "TRIGGER:-P60" : $0 }),
                      .invalidValue),
            Malformed("an unknown escape", event(extra: [#"SUMMARY:Renew \x now"#]), .badEscape),
            Malformed("an escaped colon", event(extra: [#"SUMMARY:Renew\: now"#]), .badEscape),
            Malformed("a backslash at the end", event(extra: [#"SUMMARY:Renew \"#]), .badEscape),
            Malformed("an unescaped semicolon", event(extra: ["SUMMARY:Renew; now"]), .badEscape),
            Malformed("an unescaped comma", event(extra: ["DESCRIPTION:Renew, now"]), .badEscape),
            Malformed("a bad escape in CATEGORIES", event(extra: [#"CATEGORIES:a,b\tc"#]), .badEscape),
            Malformed("an unescaped semicolon in UID", event(uid: "a;b@test"), .badEscape),
        ]
    }()

    @Test("Malformed text is rejected for the right reason", arguments: malformed)
    func rejects(_ malformed: Malformed) {
        do {
            let parsed = try ICalendarParser.parse(malformed.text)
            Issue.record("accepted: \(parsed)")
        } catch let error as ICalendarParseError {
            #expect(error.kind == malformed.kind, "\(error)")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test("A line of exactly 75 octets is accepted")
    func longestLine() throws {
        let text = ICalendarParserTests.calendar(ICalendarParserTests.event(extra: ["SUMMARY:" + String(repeating: "é", count: 33) + "x"]))
        #expect(try ICalendarParser.parse(text).events.first?["SUMMARY"] == String(repeating: "é", count: 33) + "x")
    }

    @Test("A fold that splits a character's UTF-8 bytes is rejected")
    func splitCharacter() throws {
        let lines = ICalendarParserTests.valid.split(separator: "END:VEVENT")
        let split = Array(lines[0].utf8) + Array("COMMENT:caf".utf8) + [0xC3, 0x0D, 0x0A, 0x20, 0xA9, 0x0D, 0x0A]
            + Array(("END:VEVENT" + lines[1]).utf8)
        #expect {
            try ICalendarParser.parse(bytes: split)
        } throws: { error in
            (error as? ICalendarParseError)?.kind == .invalidUTF8
        }
        let whole = Array(lines[0].utf8) + Array("COMMENT:caf".utf8) + [0xC3, 0xA9, 0x0D, 0x0A]
            + Array(("END:VEVENT" + lines[1]).utf8)
        #expect(try ICalendarParser.parse(bytes: whole).events.first?["COMMENT"] == "café")
    }
}
