import CairnCore
import CairnSyntax
import Yams

/// Reads values out of a composed YAML tree for one file, collecting every problem it
/// meets instead of stopping at the first; the `read…` functions return `nil` after
/// recording a problem so that callers can carry on with the next entry.
final class DefinitionReader {
    let file: String
    private(set) var problems: [FormatError] = []

    init(file: String) {
        self.file = file
    }

    /// Parses `text` and hands the root to `build`, throwing every problem recorded.
    static func read<Value>(_ text: String, file: String, expected: String,
                            _ build: (DefinitionReader, Node) -> Value?) throws(FormatErrors) -> Value {
        let reader = DefinitionReader(file: file)
        guard let root = try YAMLDocument.root(of: text, file: file) else {
            throw FormatErrors(FormatError(location: SourceLocation(file: file, line: 1, column: 1),
                                           message: "the file is empty; expected \(expected)"))
        }
        let value = build(reader, root)
        if !reader.problems.isEmpty { throw FormatErrors(reader.problems) }
        guard let value else {
            throw FormatErrors(FormatError(location: reader.location(root), message: "expected \(expected)"))
        }
        return value
    }

    // MARK: Problems and positions

    func location(_ node: Node) -> SourceLocation {
        SourceLocation(file: file, line: node.mark?.line, column: node.mark?.column)
    }

    func fail(_ message: String, at node: Node) {
        problems.append(FormatError(location: location(node), message: message))
    }

    func fail(_ message: String, at location: SourceLocation) {
        problems.append(FormatError(location: location, message: message))
    }

    /// Records `expected <what>, found <node>` at the node.
    func expected(_ what: String, found node: Node) {
        fail("expected \(what), found \(node.foundDescription)", at: node)
    }

    // MARK: Mappings

    /// The entries of the mapping `node`, checking that every key is in `allowed` and every
    /// key in `required` has a value. `what` names the mapping in messages (`a badge`).
    func fields(_ node: Node, _ what: String, allowed: [String], required: [String] = []) -> DefinitionFields? {
        guard case .mapping(let mapping) = node else {
            expected("a mapping for \(what)", found: node)
            return nil
        }
        var entries: [(key: String, value: Node)] = []
        // Allowed keys that a misspelt key stands for: their absence is that one mistake, not a second.
        var misspelt: Set<String> = []
        let keysGiven = Set(mapping.keys.compactMap { node -> String? in
            guard case .scalar(let key) = node else { return nil }
            return key.string
        })
        for (keyNode, value) in mapping {
            guard case .scalar(let key) = keyNode, !keyNode.isNull else {
                expected("a key name in \(what)", found: keyNode)
                continue
            }
            guard allowed.contains(key.string) else {
                let meant = ClosestIDs.to(key.string, among: allowed.filter { !keysGiven.contains($0) }, limit: 1)
                misspelt.formUnion(meant)
                fail("unknown key \(quoted(key.string)) in \(what)"
                     + (meant.first.map { "; did you mean \(quoted($0))?" } ?? "; allowed keys: " + allowed.joined(separator: ", ")),
                     at: keyNode)
                continue
            }
            entries.append((key.string, value))
        }
        let fields = DefinitionFields(node: node, location: location(node), entries: entries)
        for key in required where !fields.has(key) && !misspelt.contains(key) {
            let given = entries.first { $0.key == key }
            if let given {
                fail("\(quoted(key)) in \(what) needs a value", at: given.value)
            } else {
                fail("missing required key \(quoted(key)) in \(what)", at: fields.location)
            }
        }
        return fields
    }

    /// The elements of a list.
    func list(_ node: Node) -> [Node]? {
        guard case .sequence(let sequence) = node else {
            expected("a list", found: node)
            return nil
        }
        return Array(sequence)
    }

    // MARK: Scalars

    /// Any non-null scalar's text: numbers and dates are taken as written.
    func string(_ node: Node) -> String? {
        guard case .scalar(let scalar) = node, !node.isNull else {
            expected("a string", found: node)
            return nil
        }
        return scalar.string
    }

    /// A string, or a list of strings.
    func strings(_ node: Node) -> [String]? {
        if case .sequence(let sequence) = node {
            var values: [String] = []
            var ok = true
            for element in sequence {
                if let value = string(element) { values.append(value) } else { ok = false }
            }
            return ok ? values : nil
        }
        guard case .scalar = node, !node.isNull else {
            expected("a string or a list of strings", found: node)
            return nil
        }
        return string(node).map { [$0] }
    }

    /// An exact number: an integer, a decimal (`0.1` stays 1/10) or a fraction `a/b`.
    func rational(_ node: Node, positive: Bool = false, nonNegative: Bool = false) -> Rational? {
        let what = positive ? "a positive number such as 2, 0.5 or 2/3"
            : nonNegative ? "a number of 0 or more, such as 2, 0.5 or 2/3" : "a number such as 2, 0.5 or 2/3"
        guard case .scalar(let scalar) = node, !node.isNull, let value = Rational(parsing: scalar.string) else {
            expected(what, found: node)
            return nil
        }
        if positive && value <= .zero || nonNegative && value < .zero {
            expected(what, found: node)
            return nil
        }
        return value
    }

    /// A whole number of at least `minimum`.
    func wholeNumber(_ node: Node, atLeast minimum: Int) -> Int? {
        let what = minimum == 1 ? "a positive whole number" : "a whole number of at least \(minimum)"
        guard case .scalar(let scalar) = node, !node.isNull,
              let value = Int(scalar.string), value >= minimum else {
            expected(what, found: node)
            return nil
        }
        return value
    }

    /// `true` or `false`.
    /// One of an enumeration's words (`down`, `half-even`); `expected` lists them for the message.
    func choice<Value: RawRepresentable>(_ node: Node, expected words: String) -> Value? where Value.RawValue == String {
        guard let text = string(node) else { return nil }
        guard let value = Value(rawValue: text) else {
            expected(words, found: node)
            return nil
        }
        return value
    }

    func bool(_ node: Node) -> Bool? {
        switch node.plainText {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        default:
            expected("true or false", found: node)
            return nil
        }
    }

    /// A calendar date `YYYY-MM-DD`, read from the text as written.
    func date(_ node: Node) -> CalendarDate? {
        guard case .scalar(let scalar) = node, let date = CalendarDate(iso8601: scalar.string) else {
            if case .scalar(let scalar) = node, let problem = CalendarDate.nonexistentDay(scalar.string) {
                fail(problem, at: node)
            } else {
                expected("a date in the form YYYY-MM-DD, such as 2025-03-01", found: node)
            }
            return nil
        }
        return date
    }

    /// An ISO 8601 duration in calendar units.
    func duration(_ node: Node) -> ISODuration? {
        guard case .scalar(let scalar) = node, let duration = ISODuration(iso8601: scalar.string) else {
            expected("an ISO 8601 duration such as P2Y", found: node)
            return nil
        }
        return duration
    }
}
