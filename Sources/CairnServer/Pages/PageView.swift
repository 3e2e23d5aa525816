import CairnCore
import CairnSyntax
import Foundation

/// Turns the API's JSON into what the page templates read: objects become dictionaries,
/// numbers their exact text, and null a value that is present but empty (so a template never
/// falls through to a same-named value of an enclosing object).
enum PageView {
    static func value(_ json: JSONValue) -> Any {
        switch json {
        case .null: NSNull()
        case .bool(let flag): flag
        case .number(let number): JSONValue.format(number)
        case .string(let text): text
        case .array(let items): items.map(value)
        case .object(let members): dictionary(members)
        }
    }

    static func dictionary(_ members: [(String, JSONValue)]) -> [String: Any] {
        var result: [String: Any] = [:]
        for (key, member) in members where result[key] == nil { result[key] = value(member) }
        return result
    }

    static func object(_ json: JSONValue) -> [String: Any] {
        if case .object(let members) = json { return dictionary(members) }
        return [:]
    }

    /// A progress fraction as a whole percentage (rounded down, so 99.9% never shows as 100).
    static func percent(_ progress: Rational) -> Int {
        Int((progress * Rational(100)).floor.doubleValue)
    }

    /// A standalone SVG document made fit to sit inside a page: without its XML declaration
    /// (a stray comment in HTML) and without its inline `style` attribute, which the pages'
    /// content security policy blocks (the stylesheet sizes `.tree svg` instead).
    static func inlineSVG(_ document: String) -> String {
        var svg = document
        if svg.hasPrefix("<?xml"), let end = svg.range(of: "?>") {
            svg = String(svg[end.upperBound...].drop { $0.isNewline })
        }
        if let open = svg.range(of: "<svg "), let close = svg[open.upperBound...].firstIndex(of: ">"),
           let style = svg.range(of: " style=\"max-width:100%;height:auto\"", range: open.upperBound..<close) {
            svg.removeSubrange(style)
        }
        return svg
    }

    /// An audit node for the requirement list: its status, the names of the badges that counted
    /// and why others did not, every key present at every level.
    static func node(_ json: JSONValue, names: [String: String]) -> [String: Any] {
        var node = object(json)
        let satisfied = json["satisfied"] == .bool(true)
        let progress = json["progressExact"]?.stringValue.flatMap(Rational.init(parsing:)) ?? .zero
        let status = satisfied ? "met" : progress > .zero ? "partly" : "unmet"
        node["statusClass"] = status
        node["statusText"] = satisfied ? "Met" : progress > .zero ? "Partly met" : "Not met"
        node["progressText"] = satisfied || progress == .zero ? NSNull() as Any : "\(percent(progress))%"
        let assigned = (json["assigned"]?.items ?? []).compactMap(\.stringValue)
        node["assignedNames"] = assigned.map { names[$0] ?? $0 }
        node["hasAssigned"] = !assigned.isEmpty
        var rejected: [[String: Any]] = []
        do {
            for item in json["rejected"]?.items ?? [] {
                var entry = object(item)
                entry["badgeName"] = item["badge"]?.stringValue.map { names[$0] ?? $0 } ?? ""
                rejected.append(entry)
            }
        }
        node["rejected"] = rejected
        node["hasRejected"] = !rejected.isEmpty
        var children: [[String: Any]] = []
        children = (json["children"]?.items ?? []).map { self.node($0, names: names) }
        node["children"] = children
        node["hasChildren"] = !children.isEmpty
        return node
    }
}

extension JSONValue {
    /// A member of an object, when this is one.
    subscript(_ member: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.0 == member }?.1
    }

    /// The elements of an array (none for anything else).
    var items: [JSONValue] {
        if case .array(let items) = self { return items }
        return []
    }

    var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }
}
