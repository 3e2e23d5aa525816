public import CairnCore
public import CairnSyntax
import Foundation

extension RenewalSchedule {
    /// The JSON contract the README gives for `--format json`: `{"asOf", "items": [{"badge"|"pathway", "issued", "expires",
    /// "renewalOpens", "graceEnds", "status"}]}`, plus for each item the learner, its name, its
    /// renewals, what renews it, the badges that keep a stack alive, and notes.
    public var json: JSONValue {
        .object([("asOf", .string(asOf.description)), ("items", .array(items.map(\.json)))])
    }

    /// The CSV header: one row per item follows.
    public static let csvHeader = ["learner", "kind", "id", "name", "issued", "last_renewed", "renewal_opens", "expires",
                                   "grace_ends", "status", "renewal"]

    /// The header line, CRLF-terminated.
    public static var csvHeaderLine: String { CSVWriter(header: csvHeader).text }

    /// One row per item, for HR systems and spreadsheets (RFC 4180, CRLF).
    public var csv: String {
        Self.csvHeaderLine + items.map(\.csvLine).joined()
    }

    /// An RFC 5545 calendar: one all-day event on each expiry date still ahead or in grace, with
    /// a reminder the day the renewal window opens. UIDs depend only on the learner, the badge
    /// or stack and the day its chain started, so importing a newer schedule updates events
    /// instead of duplicating them.
    public func calendar(name: String?) -> ICalendar {
        let events = items.compactMap { item -> ICalendar.Event? in
            guard let expires = item.expires, item.status != .expired, item.status != .revoked else { return nil }
            let alarm = item.renewalOpens.flatMap { opens -> ICalendar.Alarm? in
                let days = expires.dayNumber - opens.dayNumber
                guard days > 0 else { return nil }
                return ICalendar.Alarm(daysBefore: days, description: "Renewal opens today for \(item.subject.name)")
            }
            var description = "\(item.subject.name) no longer counts from \(expires)."
            if let graceEnds = item.graceEnds, graceEnds > expires {
                description += " It may still be renewed until \(graceEnds.adding(days: -1)) without starting over."
            }
            description += " To renew: \(item.renewal)."
            let who = items.contains { $0.learner != item.learner } ? "\(item.learner): " : ""
            return ICalendar.Event(uid: item.uid, date: expires, summary: "\(who)\(item.subject.name) expires",
                                   description: description, categories: ["Cairn", item.kind == "pathway" ? "Stack" : "Badge"],
                                   alarm: alarm)
        }
        return ICalendar(name: name, stamp: asOf, events: events)
    }
}

extension RenewalSchedule.Item {
    /// The item's CSV row, CRLF-terminated (see ``RenewalSchedule/csvHeader``).
    public var csvLine: String {
        CSVWriter.line([learner, kind, subject.id, subject.name, issued.description, renewals.last?.date.description ?? "",
                        renewalOpens?.description ?? "", expires?.description ?? "", graceEnds?.description ?? "",
                        status.rawValue, renewal])
    }

    /// The item as a JSON object on one line, as a cohort's `--format jsonl` writes it.
    public var jsonLine: String {
        json.serialized(pretty: false) + "\n"
    }

    var kind: String {
        if case .pathway = subject { return "pathway" }
        return "badge"
    }

    /// A stable identifier: learner, kind, id and the day the chain started.
    var uid: String {
        let safe = { (text: String) in
            String(text.unicodeScalars.map { scalar -> Character in
                scalar.isASCII && (scalar.properties.isAlphabetic || scalar.properties.numericType != nil || scalar == "-" || scalar == ".")
                    ? Character(scalar) : "_"
            })
        }
        return "\(safe(learner))-\(kind)-\(safe(subject.id))-\(issued)@cairn"
    }

    public var json: JSONValue {
        var members: [(String, JSONValue)] = [(kind, .string(subject.id)), ("name", .string(subject.name)),
                                              ("learner", .string(learner))]
        members += [
            ("issued", .string(issued.description)),
            ("expires", expires.map { .string($0.description) } ?? .null),
            ("renewalOpens", renewalOpens.map { .string($0.description) } ?? .null),
            ("graceEnds", graceEnds.map { .string($0.description) } ?? .null),
            ("status", .string(status.rawValue)),
            ("renewals", .array(renewals.map { .object([("date", .string($0.date.description)), ("badge", .string($0.badge))]) })),
            ("renewal", .string(renewal)),
        ]
        if !keptAliveBy.isEmpty { members.append(("keptAliveBy", .array(keptAliveBy.map(JSONValue.string)))) }
        if !notes.isEmpty { members.append(("notes", .array(notes.map(JSONValue.string)))) }
        return .object(members)
    }
}

/// The schedule as a table a person reads at a glance; for many learners, grouped by the month
/// each item expires in.
public struct RenewalTextReport: Sendable {
    public var schedule: RenewalSchedule
    public var title: String

    public init(schedule: RenewalSchedule, title: String) {
        self.schedule = schedule
        self.title = title
    }

    static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                             "October", "November", "December"]

    public var text: String {
        let items = schedule.items
        var out = ["\(title), as of \(schedule.asOf)", ""]
        guard !items.isEmpty else { return (out + ["Nothing to renew."]).joined(separator: "\n") + "\n" }
        let several = Set(items.map(\.learner)).count > 1
        let nameWidth = min(44, max(14, items.map { $0.subject.name.count + ($0.kind == "pathway" ? 8 : 0) }.max() ?? 0))
        let learnerWidth = several ? max(7, items.map(\.learner.count).max() ?? 0) : 0
        // Dates past 9999 are written with a sign and five digits: columns grow to fit them.
        let dateWidth = max(10, items.flatMap { item in
            [item.issued, item.renewalOpens, item.expires, item.graceEnds].compactMap { $0?.description.count }
        }.max() ?? 10)
        func row(_ fields: [String]) -> String {
            let widths = [13] + (several ? [learnerWidth] : []) + [nameWidth, dateWidth, max(13, dateWidth), dateWidth, dateWidth]
            return zip(fields, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }
                .joined(separator: "  ").trimmingTrailingSpaces
        }
        let header = row(["Status"] + (several ? ["Learner"] : []) + ["Badge or stack", "Issued", "Renewal opens",
                                                                     "Expires", "Grace ends"])
        func line(_ item: RenewalSchedule.Item) -> [String] {
            let name = item.kind == "pathway" ? "\(item.subject.name) (stack)" : item.subject.name
            var lines = [row([item.status.rawValue] + (several ? [item.learner] : []) + [
                String(name.prefix(nameWidth)), item.issued.description, item.renewalOpens?.description ?? "",
                item.expires?.description ?? "never", item.graceEnds.flatMap { $0 == item.expires ? nil : $0.description } ?? "",
            ])]
            if item.status == .renewalOpen || item.status == .grace || !item.keptAliveBy.isEmpty {
                lines.append("               → \(item.renewal)")
            }
            if !item.renewals.isEmpty {
                lines.append("               renewed " + item.renewals.map { "\($0.date) (\($0.badge))" }.joined(separator: ", "))
            }
            return lines
        }
        if several {
            var month: String?
            for item in items {
                let label = item.expires.map { "Expiring \(Self.monthNames[$0.month - 1]) \($0.year)" } ?? "No expiry"
                if label != month {
                    if month != nil { out.append("") }
                    out.append(label)
                    out.append(header)
                    month = label
                }
                out += line(item)
            }
        } else {
            out.append(header)
            for item in items { out += line(item) }
        }
        let counts = RenewalSchedule.Status.allCases.compactMap { status -> String? in
            let count = items.filter { $0.status == status }.count
            return count > 0 ? "\(count) \(status.rawValue)" : nil
        }
        out += ["", counts.joined(separator: ", ") + "."]
        return out.joined(separator: "\n") + "\n"
    }
}
