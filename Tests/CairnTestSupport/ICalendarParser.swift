public import CairnCore

/// A strict reader of RFC 5545 text, so tests can read a calendar back field by field and
/// fail on anything a careless writer might produce.
///
/// It rejects (each with an ``ICalendarParseError/Kind``):
/// - a CR or LF that is not part of CRLF, text not ending in CRLF, an empty line;
/// - a physical line over 75 octets, or one that is not valid UTF-8 on its own (a fold that
///   split a character);
/// - a continuation line first in the text, empty, or starting with more than one space or
///   tab, unless the line before ends with one too (stricter than the RFC, which allows a
///   value's blank right after the fold; Cairn's writer folds before a blank only inside a
///   run of blanks longer than a line, where nothing else is possible);
/// - a control character other than tab, a malformed `name;param=value:value` line;
/// - unbalanced `BEGIN`/`END`, content outside the one `VCALENDAR`, a component nested where
///   RFC 5545 does not allow it (`VALARM` only in `VEVENT`/`VTODO`, …), unknown components;
/// - a `VCALENDAR` without `VERSION:2.0` or `PRODID`, a `CALSCALE` other than `GREGORIAN`;
/// - a `VEVENT` without `UID`, `DTSTAMP` and `DTSTART`, or with one of them twice; two
///   events with the same `UID`;
/// - an 8-digit `DTSTART`/`DTEND` without `VALUE=DATE`, `VALUE=DATE` on a non-date, a day
///   that does not exist, a `DTSTAMP` not in UTC, a `DTEND` of another type than `DTSTART`
///   or not after it, both `DTEND` and `DURATION`;
/// - a `VALARM` without `ACTION` or `TRIGGER`, a display alarm without `DESCRIPTION`, a
///   `TRIGGER` that is not a duration (or a UTC date-time with `VALUE=DATE-TIME`);
/// - in TEXT values, a backslash followed by anything but `\` `;` `,` `n` `N`, and an
///   unescaped `;` (or `,`, except between the items of `CATEGORIES` and `RESOURCES`).
public enum ICalendarParser {
    /// The longest physical line, in octets, not counting its CRLF.
    public static let lineOctetLimit = 75

    /// Properties whose value is TEXT, unescaped into ``ParsedProperty/value``.
    public static let textProperties: Set<String> = [
        "SUMMARY", "DESCRIPTION", "LOCATION", "COMMENT", "UID", "PRODID", "CONTACT", "RELATED-TO",
        "TZID", "TZNAME", "NAME", "X-WR-CALNAME", "X-WR-CALDESC", "X-WR-TIMEZONE",
    ]
    /// Properties whose value is a comma-separated list of TEXT, split into ``ParsedProperty/values``.
    public static let textListProperties: Set<String> = ["CATEGORIES", "RESOURCES"]

    /// Reads `text`, or throws the first problem found.
    public static func parse(_ text: String) throws -> ParsedCalendar {
        try parse(bytes: Array(text.utf8))
    }

    /// Reads UTF-8 `bytes`, or throws the first problem found. Unlike a `String`, bytes can
    /// hold a physical line that is not valid UTF-8 on its own, which this rejects.
    public static func parse(bytes: [UInt8]) throws -> ParsedCalendar {
        var builder = ComponentBuilder()
        for line in try unfold(try physicalLines(bytes)) {
            try builder.read(try contentLine(line))
        }
        return ParsedCalendar(calendar: try builder.finish())
    }
}

/// Why ``ICalendarParser`` rejected a text, and where.
public struct ICalendarParseError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kinds of problem, so a test can check that the right rule fired.
    public enum Kind: String, Sendable, Hashable {
        case bareLineBreak, missingFinalLineBreak, emptyLine, lineTooLong, invalidUTF8, badContinuation
        case controlCharacter, malformedLine, unbalanced, unexpectedComponent
        case missingProperty, duplicateProperty, duplicateUID, invalidValue, endNotAfterStart, badEscape
    }

    public var kind: Kind
    /// The physical line (1-based) the problem is on or starts on.
    public var line: Int
    public var reason: String

    public init(_ kind: Kind, line: Int, _ reason: String) {
        self.kind = kind
        self.line = line
        self.reason = reason
    }

    /// `line 12: reason (kind)`.
    public var description: String { "line \(line): \(reason) (\(kind.rawValue))" }
}

/// A parsed `VCALENDAR`.
public struct ParsedCalendar: Sendable, Hashable {
    /// The `VCALENDAR` component.
    public var calendar: ParsedComponent

    /// The calendar's properties (`VERSION`, `PRODID`, …).
    public var properties: [ParsedProperty] { calendar.properties }
    /// The `VEVENT` components, in order.
    public var events: [ParsedComponent] { calendar.components.filter { $0.name == "VEVENT" } }
    /// The value of the calendar's first property named `name`.
    public subscript(name: String) -> String? { calendar[name] }
}

/// A component (`VCALENDAR`, `VEVENT`, `VALARM`, …) with its properties and sub-components.
public struct ParsedComponent: Sendable, Hashable {
    /// The upper-cased name, `VEVENT`.
    public var name: String
    /// The physical line of its `BEGIN`.
    public var line: Int
    public var properties: [ParsedProperty]
    public var components: [ParsedComponent]

    /// The value of the first property named `name` (case-insensitive), see ``ParsedProperty/value``.
    public subscript(name: String) -> String? { property(name)?.value }

    /// The first property named `name` (case-insensitive).
    public func property(_ name: String) -> ParsedProperty? {
        let name = name.uppercased()
        return properties.first { $0.name == name }
    }

    /// Every property named `name` (case-insensitive), in order.
    public func properties(named name: String) -> [ParsedProperty] {
        let name = name.uppercased()
        return properties.filter { $0.name == name }
    }

    /// The items of every property named `name`, in order (`CATEGORIES` may appear more than once).
    public func values(_ name: String) -> [String] {
        properties(named: name).flatMap(\.values)
    }

    /// The date of a `DATE` or `DATE-TIME` property (`DTSTART`, `DTEND`, `DTSTAMP`), or `nil`.
    public func date(_ name: String) -> CalendarDate? {
        guard let raw = property(name)?.rawValue, raw.utf8.count >= 8 else { return nil }
        let digits = raw.prefix(8)
        guard digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return CalendarDate(iso8601: "\(digits.prefix(4))-\(digits.dropFirst(4).prefix(2))-\(digits.suffix(2))")
    }

    /// The `VALARM` sub-components, in order.
    public var alarms: [ParsedComponent] { components.filter { $0.name == "VALARM" } }
}

/// One property: `NAME;PARAM=value:value`.
public struct ParsedProperty: Sendable, Hashable {
    /// The upper-cased name, `DTSTART`.
    public var name: String
    /// The parameters in order, names upper-cased, quotes removed.
    public var parameters: [ParsedParameter]
    /// The value as written, after unfolding.
    public var rawValue: String
    /// For a TEXT property, the unescaped text; otherwise the value as written (for a TEXT
    /// list such as `CATEGORIES`, read ``values``).
    public var value: String
    /// For a TEXT list, its unescaped items; otherwise `[value]`.
    public var values: [String]
    /// The physical line the property starts on.
    public var line: Int

    /// The first value of the parameter `name` (case-insensitive), or `nil`.
    public func parameter(_ name: String) -> String? {
        let name = name.uppercased()
        return parameters.first { $0.name == name }?.values.first
    }
}

/// A property parameter: `CN="Doe, Jane"` has the name `CN` and the values `["Doe, Jane"]`.
public struct ParsedParameter: Sendable, Hashable {
    public var name: String
    public var values: [String]
}

// MARK: - Lines

extension ICalendarParser {
    private struct Line {
        var number: Int
        var bytes: [UInt8]
    }

    private static let carriageReturn: UInt8 = 0x0D, lineFeed: UInt8 = 0x0A
    private static let space: UInt8 = 0x20, tab: UInt8 = 0x09

    /// Splits at CRLF, rejecting a lone CR or LF, a missing final CRLF, a long line, a line
    /// that is not UTF-8 by itself.
    private static func physicalLines(_ bytes: [UInt8]) throws -> [Line] {
        guard !bytes.isEmpty else { throw ICalendarParseError(.unbalanced, line: 1, "the text is empty") }
        var lines: [Line] = []
        var start = 0
        var index = 0
        while index < bytes.count {
            switch bytes[index] {
            case carriageReturn:
                let number = lines.count + 1
                guard index + 1 < bytes.count, bytes[index + 1] == lineFeed else {
                    throw ICalendarParseError(.bareLineBreak, line: number, "a carriage return not followed by a line feed")
                }
                let line = Array(bytes[start..<index])
                guard line.count <= lineOctetLimit else {
                    throw ICalendarParseError(.lineTooLong, line: number,
                                              "\(line.count) octets; a line holds at most \(lineOctetLimit)")
                }
                guard Array(String(decoding: line, as: UTF8.self).utf8) == line else {
                    throw ICalendarParseError(.invalidUTF8, line: number,
                                              "the line is not valid UTF-8 by itself (a fold split a character)")
                }
                lines.append(Line(number: number, bytes: line))
                index += 2
                start = index
            case lineFeed:
                throw ICalendarParseError(.bareLineBreak, line: lines.count + 1, "a line feed not preceded by a carriage return")
            default:
                index += 1
            }
        }
        guard start == bytes.count else {
            throw ICalendarParseError(.missingFinalLineBreak, line: lines.count + 1, "the last line does not end with CRLF")
        }
        return lines
    }

    /// Joins continuation lines (one leading space or tab removed) to the line before.
    private static func unfold(_ physical: [Line]) throws -> [(number: Int, text: String)] {
        var logical: [Line] = []
        for line in physical {
            if let first = line.bytes.first, first == space || first == tab {
                guard !logical.isEmpty else {
                    throw ICalendarParseError(.badContinuation, line: line.number, "a continuation line before any content line")
                }
                guard line.bytes.count > 1 else {
                    throw ICalendarParseError(.badContinuation, line: line.number, "an empty continuation line")
                }
                let insideBlankRun = logical[logical.count - 1].bytes.last.map { $0 == space || $0 == tab } ?? false
                guard (line.bytes[1] != space && line.bytes[1] != tab) || insideBlankRun else {
                    throw ICalendarParseError(.badContinuation, line: line.number,
                                              "a continuation line starting with more than one space or tab")
                }
                logical[logical.count - 1].bytes += line.bytes.dropFirst()
            } else {
                guard !line.bytes.isEmpty else { throw ICalendarParseError(.emptyLine, line: line.number, "an empty line") }
                logical.append(line)
            }
        }
        return try logical.map { line in
            if let control = line.bytes.first(where: { ($0 < 0x20 && $0 != tab) || $0 == 0x7F }) {
                throw ICalendarParseError(.controlCharacter, line: line.number, "the control character 0x\(String(control, radix: 16))")
            }
            return (line.number, String(decoding: line.bytes, as: UTF8.self))
        }
    }

    /// Splits `name *(";" param) ":" value`; parameter values may be quoted.
    private static func contentLine(_ line: (number: Int, text: String)) throws -> ParsedProperty {
        let scalars = Array(line.text.unicodeScalars)
        var index = 0
        func fail(_ reason: String) -> ICalendarParseError { ICalendarParseError(.malformedLine, line: line.number, reason) }
        func name() -> String {
            let start = index
            while index < scalars.count, scalars[index].isASCII,
                  scalars[index].properties.isAlphabetic || ("0"..."9").contains(scalars[index]) || scalars[index] == "-" {
                index += 1
            }
            return String(String.UnicodeScalarView(scalars[start..<index])).uppercased()
        }
        let propertyName = name()
        guard !propertyName.isEmpty else { throw fail("expected a property name at the start of the line") }
        var parameters: [ParsedParameter] = []
        while index < scalars.count, scalars[index] == ";" {
            index += 1
            let parameterName = name()
            guard !parameterName.isEmpty, index < scalars.count, scalars[index] == "=" else {
                throw fail("expected NAME=value after ';' in \(propertyName)")
            }
            var values: [String] = []
            repeat {
                index += 1
                var value = String.UnicodeScalarView()
                if index < scalars.count, scalars[index] == "\"" {
                    index += 1
                    while index < scalars.count, scalars[index] != "\"" { value.append(scalars[index]); index += 1 }
                    guard index < scalars.count else { throw fail("an unterminated quoted value of \(parameterName)") }
                    index += 1
                } else {
                    while index < scalars.count, !";:,\"".unicodeScalars.contains(scalars[index]) {
                        value.append(scalars[index])
                        index += 1
                    }
                    if index < scalars.count, scalars[index] == "\"" { throw fail("a quote inside the value of \(parameterName)") }
                }
                values.append(String(value))
            } while index < scalars.count && scalars[index] == ","
            parameters.append(ParsedParameter(name: parameterName, values: values))
        }
        guard index < scalars.count, scalars[index] == ":" else {
            throw fail("expected ':' after the name and parameters of \(propertyName)")
        }
        let raw = String(String.UnicodeScalarView(scalars[(index + 1)...]))
        var property = ParsedProperty(name: propertyName, parameters: parameters, rawValue: raw, value: raw,
                                      values: [raw], line: line.number)
        let valueType = property.parameter("VALUE")?.uppercased()
        if textListProperties.contains(propertyName) {
            property.values = try unescape(raw, list: true, line: line.number)
        } else if textProperties.contains(propertyName) || valueType == "TEXT" {
            property.value = try unescape(raw, list: false, line: line.number)[0]
            property.values = [property.value]
        }
        return property
    }

    /// RFC 5545 §3.3.11: `\\` `\;` `\,` `\n` `\N`, nothing else; `;` and `,` only escaped
    /// (a `,` separates the items of a list).
    private static func unescape(_ raw: String, list: Bool, line: Int) throws -> [String] {
        var items: [String] = []
        var current = String.UnicodeScalarView()
        var scalars = raw.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            switch scalar {
            case "\\":
                guard let escaped = scalars.next() else {
                    throw ICalendarParseError(.badEscape, line: line, "a backslash at the end of a TEXT value")
                }
                switch escaped {
                case "\\", ";", ",": current.append(escaped)
                case "n", "N": current.append("\n")
                default: throw ICalendarParseError(.badEscape, line: line, "\\\(escaped) is not a TEXT escape (\\\\ \\; \\, \\n)")
                }
            case ";":
                throw ICalendarParseError(.badEscape, line: line, "an unescaped ';' in a TEXT value")
            case "," where list:
                items.append(String(current))
                current = String.UnicodeScalarView()
            case ",":
                throw ICalendarParseError(.badEscape, line: line, "an unescaped ',' in a TEXT value")
            default:
                current.append(scalar)
            }
        }
        items.append(String(current))
        return items
    }
}

// MARK: - Components

extension ICalendarParser {
    /// Which components may appear inside which (RFC 5545 §3.4, §3.6); `nil` is the top level.
    private static func allowedChildren(of parent: String?) -> Set<String> {
        switch parent {
        case nil: ["VCALENDAR"]
        case "VCALENDAR": ["VEVENT", "VTODO", "VJOURNAL", "VFREEBUSY", "VTIMEZONE"]
        case "VEVENT", "VTODO": ["VALARM"]
        case "VTIMEZONE": ["STANDARD", "DAYLIGHT"]
        default: []
        }
    }

    private struct OpenComponent {
        var name: String
        var line: Int
        var properties: [ParsedProperty] = []
        var components: [ParsedComponent] = []
    }

    private struct ComponentBuilder {
        var open: [OpenComponent] = []
        var calendar: ParsedComponent?

        mutating func read(_ property: ParsedProperty) throws {
            let line = property.line
            guard calendar == nil else {
                throw ICalendarParseError(.unbalanced, line: line, "\(property.name) after END:VCALENDAR")
            }
            switch property.name {
            case "BEGIN":
                let name = property.rawValue.uppercased()
                guard ICalendarParser.allowedChildren(of: open.last?.name).contains(name) else {
                    let place = open.last.map { "inside \($0.name)" } ?? "at the top level"
                    throw ICalendarParseError(.unexpectedComponent, line: line, "\(name) is not allowed \(place)")
                }
                open.append(OpenComponent(name: name, line: line))
            case "END":
                let name = property.rawValue.uppercased()
                guard let top = open.last else {
                    throw ICalendarParseError(.unbalanced, line: line, "END:\(name) without a BEGIN")
                }
                guard top.name == name else {
                    throw ICalendarParseError(.unbalanced, line: line, "END:\(name) closes BEGIN:\(top.name) of line \(top.line)")
                }
                open.removeLast()
                let component = ParsedComponent(name: top.name, line: top.line, properties: top.properties,
                                                components: top.components)
                try ICalendarParser.validate(component)
                if open.isEmpty { calendar = component } else { open[open.count - 1].components.append(component) }
            default:
                guard !open.isEmpty else {
                    throw ICalendarParseError(.unbalanced, line: line, "\(property.name) outside BEGIN:VCALENDAR")
                }
                open[open.count - 1].properties.append(property)
            }
        }

        func finish() throws -> ParsedComponent {
            if let top = open.last {
                throw ICalendarParseError(.unbalanced, line: top.line, "BEGIN:\(top.name) has no END")
            }
            guard let calendar else { throw ICalendarParseError(.unbalanced, line: 1, "no VCALENDAR") }
            return calendar
        }
    }

    private static func validate(_ component: ParsedComponent) throws {
        switch component.name {
        case "VCALENDAR": try validateCalendar(component)
        case "VEVENT": try validateEvent(component)
        case "VALARM": try validateAlarm(component)
        default: break
        }
    }

    /// The one property named `name`; throws when it is missing or repeated.
    @discardableResult
    private static func required(_ name: String, in component: ParsedComponent) throws -> ParsedProperty {
        guard let property = try optional(name, in: component) else {
            throw ICalendarParseError(.missingProperty, line: component.line,
                                      "\(component.name) of line \(component.line) has no \(name)")
        }
        return property
    }

    /// The property named `name` if present; throws when it is repeated.
    @discardableResult
    private static func optional(_ name: String, in component: ParsedComponent) throws -> ParsedProperty? {
        let found = component.properties(named: name)
        if found.count > 1 {
            throw ICalendarParseError(.duplicateProperty, line: found[1].line,
                                      "\(name) appears twice in \(component.name) of line \(component.line)")
        }
        return found.first
    }

    private static func invalid(_ property: ParsedProperty, _ reason: String) -> ICalendarParseError {
        ICalendarParseError(.invalidValue, line: property.line, "\(property.name):\(property.rawValue): \(reason)")
    }

    private static func validateCalendar(_ calendar: ParsedComponent) throws {
        let version = try required("VERSION", in: calendar)
        guard version.rawValue == "2.0" else { throw invalid(version, "expected VERSION:2.0") }
        try required("PRODID", in: calendar)
        if let scale = try optional("CALSCALE", in: calendar), scale.rawValue.uppercased() != "GREGORIAN" {
            throw invalid(scale, "expected GREGORIAN")
        }
        try optional("METHOD", in: calendar)
        var seen: [String: Int] = [:]
        for component in calendar.components where ["VEVENT", "VTODO", "VJOURNAL"].contains(component.name) {
            guard let uid = component["UID"] else { continue }
            if let first = seen[uid] {
                throw ICalendarParseError(.duplicateUID, line: component.line, "UID \(uid) is already used by the component of line \(first)")
            }
            seen[uid] = component.line
        }
    }

    private static let singleEventProperties = [
        "DTEND", "DURATION", "SUMMARY", "DESCRIPTION", "LOCATION", "CLASS", "STATUS", "TRANSP", "SEQUENCE",
        "PRIORITY", "CREATED", "LAST-MODIFIED", "URL", "GEO", "ORGANIZER", "RECURRENCE-ID",
    ]

    private static func validateEvent(_ event: ParsedComponent) throws {
        let uid = try required("UID", in: event)
        guard !uid.value.isEmpty else { throw invalid(uid, "an empty UID") }
        let stamp = try required("DTSTAMP", in: event)
        guard case .dateTime(_, _, utc: true) = try dateValue(stamp) else { throw invalid(stamp, "DTSTAMP must be a UTC date-time") }
        let start = try dateValue(try required("DTSTART", in: event))
        for name in singleEventProperties { try optional(name, in: event) }
        if let endProperty = event.property("DTEND") {
            if let duration = event.property("DURATION") {
                throw invalid(duration, "a VEVENT has DTEND or DURATION, not both")
            }
            let end = try dateValue(endProperty)
            guard end.isDate == start.isDate else { throw invalid(endProperty, "DTEND must have the value type of DTSTART") }
            guard end.key > start.key else {
                throw ICalendarParseError(.endNotAfterStart, line: endProperty.line, "DTEND is not after DTSTART")
            }
        }
    }

    private static func validateAlarm(_ alarm: ParsedComponent) throws {
        let action = try required("ACTION", in: alarm)
        let trigger = try required("TRIGGER", in: alarm)
        if trigger.parameter("VALUE")?.uppercased() == "DATE-TIME" {
            guard case .dateTime(_, _, utc: true) = try dateValue(trigger) else {
                throw invalid(trigger, "an absolute TRIGGER must be a UTC date-time")
            }
        } else if !isDuration(trigger.rawValue) {
            throw invalid(trigger, "expected a duration such as -P60D")
        }
        switch action.rawValue.uppercased() {
        case "DISPLAY": try required("DESCRIPTION", in: alarm)
        case "EMAIL": try required("DESCRIPTION", in: alarm); try required("SUMMARY", in: alarm)
        default: break
        }
        let duration = try optional("DURATION", in: alarm), repeatCount = try optional("REPEAT", in: alarm)
        if (duration == nil) != (repeatCount == nil) {
            throw ICalendarParseError(.missingProperty, line: alarm.line, "DURATION and REPEAT of a VALARM go together")
        }
    }

    // MARK: - Values

    private enum DateValue {
        case date(CalendarDate)
        case dateTime(CalendarDate, seconds: Int, utc: Bool)

        var isDate: Bool { if case .date = self { true } else { false } }

        /// Day and second, for ordering values of the same type.
        var key: (day: Int, second: Int) {
            switch self {
            case let .date(date): (date.dayNumber, 0)
            case let .dateTime(date, seconds, _): (date.dayNumber, seconds)
            }
        }
    }

    /// `YYYYMMDD` with `VALUE=DATE`, or `YYYYMMDDTHHMMSS[Z]`.
    private static func dateValue(_ property: ParsedProperty) throws -> DateValue {
        let raw = Array(property.rawValue.utf8)
        let type = property.parameter("VALUE")?.uppercased()
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= raw.count, raw[range].allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
            return raw[range].reduce(0) { $0 * 10 + Int($1 - 0x30) }
        }
        func day() throws -> CalendarDate {
            guard let year = number(0..<4), let month = number(4..<6), let day = number(6..<8),
                  let date = CalendarDate(year: year, month: month, day: day) else {
                throw invalid(property, "not a calendar date YYYYMMDD")
            }
            return date
        }
        if raw.count == 8, number(0..<8) != nil {
            guard type == "DATE" else { throw invalid(property, "an 8-digit date needs the parameter VALUE=DATE") }
            return .date(try day())
        }
        guard type == nil || type == "DATE-TIME" else {
            throw invalid(property, type == "DATE" ? "VALUE=DATE needs a value YYYYMMDD" : "unexpected VALUE=\(type ?? "")")
        }
        let utc = raw.count == 16 && raw[15] == UInt8(ascii: "Z")
        guard raw.count == 15 || utc, raw[8] == UInt8(ascii: "T"),
              let hour = number(9..<11), let minute = number(11..<13), let second = number(13..<15),
              hour < 24, minute < 60, second <= 60 else {
            throw invalid(property, "expected YYYYMMDD with VALUE=DATE, or a date-time YYYYMMDDTHHMMSS[Z]")
        }
        return .dateTime(try day(), seconds: hour * 3600 + minute * 60 + second, utc: utc)
    }

    /// RFC 5545 §3.3.6: `[+-]P` then weeks, or days and/or a time part.
    private static func isDuration(_ text: String) -> Bool {
        let time = "T([0-9]+H([0-9]+M([0-9]+S)?)?|[0-9]+M([0-9]+S)?|[0-9]+S)"
        guard let pattern = try? Regex("[+-]?P([0-9]+W|[0-9]+D(\(time))?|\(time))") else { return false }
        return text.wholeMatch(of: pattern) != nil
    }
}
