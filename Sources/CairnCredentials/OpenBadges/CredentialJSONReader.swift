import CairnCore
import CairnSyntax

/// Reads typed values out of a credential's JSON, recording every problem with its line and
/// column; the accessors return `nil` after recording one so that reading can go on.
final class CredentialJSONReader {
    let file: String
    private(set) var problems: [FormatError] = []

    init(file: String) {
        self.file = file
    }

    func fail(_ message: String, at node: JSONNode) {
        problems.append(FormatError(location: location(node), message: message))
    }

    func location(_ node: JSONNode) -> SourceLocation {
        node.line > 0 ? SourceLocation(file: file, line: node.line, column: node.column) : SourceLocation(file: file)
    }

    /// A required member; records "`what` needs `key`" when it is missing.
    func required(_ object: JSONNode, _ key: String, in what: String) -> JSONNode? {
        guard let value = object[key], !value.isNull else {
            fail("\(what) has no \"\(key)\"", at: object)
            return nil
        }
        return value
    }

    func string(_ node: JSONNode?, _ key: String) -> String? {
        guard let node, !node.isNull else { return nil }
        guard let string = node.string else {
            fail("\"\(key)\" must be a string, found \(node.kindDescription)", at: node)
            return nil
        }
        return string
    }

    /// A string, or the first string of an array (OB 3.0 allows both for language maps and types).
    func strings(_ node: JSONNode?, _ key: String) -> [String] {
        guard let node, !node.isNull else { return [] }
        var values: [String] = []
        for element in node.asList {
            guard let string = element.string else {
                fail("\"\(key)\" must be a string or a list of strings, found \(element.kindDescription)", at: element)
                continue
            }
            values.append(string)
        }
        return values
    }

    func bool(_ node: JSONNode?, _ key: String) -> Bool? {
        guard let node, !node.isNull else { return nil }
        guard let bool = node.bool else {
            fail("\"\(key)\" must be true or false, found \(node.kindDescription)", at: node)
            return nil
        }
        return bool
    }

    /// An exact non-negative number (credits). JSON's exponent form (`1e6`, `2.5E-1`) is read
    /// exactly, for exponents up to 15 either way; a larger one is refused as out of range.
    func credits(_ node: JSONNode?, _ key: String) -> Rational? {
        guard let node, !node.isNull else { return nil }
        let text = node.numberText ?? node.string
        if let text, text.contains(where: { $0 == "e" || $0 == "E" }) {
            guard let value = Self.exponentForm(text), value >= Rational(0) else {
                fail("\"\(key)\" must be a non-negative number with an exponent of at most 15 either way, "
                     + "found \(node.kindDescription)", at: node)
                return nil
            }
            return value
        }
        guard let text, let value = Rational(parsing: text), value >= Rational(0) else {
            fail("\"\(key)\" must be a non-negative number, found \(node.kindDescription)", at: node)
            return nil
        }
        return value
    }

    /// `mantissa e exponent` as an exact rational, or `nil` when malformed or |exponent| > 15.
    static func exponentForm(_ text: String) -> Rational? {
        guard let marker = text.firstIndex(where: { $0 == "e" || $0 == "E" }),
              let exponent = Int(text[text.index(after: marker)...]), abs(exponent) <= 15,
              let mantissa = Rational(parsing: text[..<marker]) else { return nil }
        let power = Rational((0..<abs(exponent)).reduce(1) { product, _ in product * 10 })
        return exponent >= 0 ? mantissa * power : mantissa / power
    }

    func integer(_ node: JSONNode?, _ key: String) -> Int? {
        guard let node, !node.isNull else { return nil }
        let text = node.numberText ?? node.string
        guard let text, let value = Int(text), value >= 0 else {
            fail("\"\(key)\" must be a whole number of at least 0, found \(node.kindDescription)", at: node)
            return nil
        }
        return value
    }

    /// A JWT NumericDate claim (`nbf`, `exp`): seconds since 1970 in UTC.
    func numericDate(_ node: JSONNode?, _ key: String) -> OpenBadgesTimestamp? {
        guard let node, !node.isNull else { return nil }
        if let text = node.numberText, let seconds = Int64(text) {
            guard let value = OpenBadgesTimestamp(epochSeconds: seconds) else {
                fail("\"\(key)\" is out of range: \(text)", at: node)
                return nil
            }
            return value
        }
        fail("\"\(key)\" must be a whole number of seconds since 1970, found \(node.kindDescription)", at: node)
        return nil
    }

    func timestamp(_ node: JSONNode?, _ key: String) -> OpenBadgesTimestamp? {
        guard let node, !node.isNull else { return nil }
        guard let text = node.string, let value = OpenBadgesTimestamp(iso8601: text) else {
            fail("\"\(key)\" must be an ISO 8601 date-time with a time zone such as 2025-03-01T00:00:00Z, found \(node.kindDescription)",
                 at: node)
            return nil
        }
        return value
    }

    /// An id written either as a string or as an object with an `id`.
    func identifier(_ node: JSONNode?, _ key: String) -> String? {
        guard let node, !node.isNull else { return nil }
        if let string = node.string { return string }
        if node.members != nil { return string(node["id"], "\(key).id") }
        fail("\"\(key)\" must be an id or an object with an id, found \(node.kindDescription)", at: node)
        return nil
    }

    /// Objects of a member that may hold one object or a list of them.
    func objects(_ node: JSONNode?, _ key: String) -> [JSONNode] {
        guard let node, !node.isNull else { return [] }
        var values: [JSONNode] = []
        for element in node.asList {
            guard element.members != nil else {
                fail("\"\(key)\" must be an object or a list of objects, found \(element.kindDescription)", at: element)
                continue
            }
            values.append(element)
        }
        return values
    }

    /// A language map or a string: the string, or the English (else first) value of the map.
    func text(_ node: JSONNode?, _ key: String) -> String? {
        guard let node, !node.isNull else { return nil }
        if let string = node.string { return string }
        if let members = node.members {
            let preferred = members.first { $0.key.lowercased().hasPrefix("en") } ?? members.first
            if let value = preferred?.value.string { return value }
        }
        fail("\"\(key)\" must be text, found \(node.kindDescription)", at: node)
        return nil
    }
}
