import CairnCore
import CairnSyntax

/// Reading the JSON-LD that other systems publish: places for messages, language maps, and
/// values that are one thing or a list of things.
extension JSONNode {
    /// Where the node starts in `file` (the file alone for nodes built in code).
    func location(in file: String) -> SourceLocation {
        line > 0 ? SourceLocation(file: file, line: line, column: column) : SourceLocation(file: file)
    }

    /// A text as JSON-LD writes it: a string, a language map (`{"en-US": "…"}`, English first),
    /// a value object (`{"@value": "…"}`), or a list of those (the first that has text).
    var text: String? {
        switch value {
        case .string(let string): return string
        case .array(let elements): return elements.lazy.compactMap(\.text).first
        case .object(let members):
            if let literal = self["@value"]?.string { return literal }
            for preferred in ["en", "en-US", "en-GB"] {
                if let text = self[preferred]?.text { return text }
            }
            return members.lazy.compactMap { $0.key.hasPrefix("@") ? nil : $0.value.text }.first
        default: return nil
        }
    }

    /// The node's `@type` values (a string or a list of strings).
    var types: [String] {
        self["@type"].map { $0.asList.compactMap(\.string) } ?? []
    }

    /// The value of the first of `keys` the object has (CTDL publishes some properties under
    /// two prefixes, `ceasn:hasChild` and `ceterms:hasChild`).
    func first(_ keys: [String]) -> JSONNode? {
        keys.lazy.compactMap { self[$0] }.first
    }
}
