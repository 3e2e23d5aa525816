import CairnCore
import CairnSyntax
import Yams

/// The entries of one YAML mapping, by key, after its keys were checked against the
/// allowed and required ones. A key whose value is null (`~`, `null`, nothing) reads as absent.
struct DefinitionFields {
    /// The mapping node itself.
    let node: Node
    /// Where the mapping starts.
    let location: SourceLocation
    /// The keys with a non-null value, in document order.
    let keys: [String]
    private let values: [String: Node]

    init(node: Node, location: SourceLocation, entries: [(key: String, value: Node)]) {
        self.node = node
        self.location = location
        var values: [String: Node] = [:]
        var keys: [String] = []
        for entry in entries where !entry.value.isNull && values[entry.key] == nil {
            values[entry.key] = entry.value
            keys.append(entry.key)
        }
        self.values = values
        self.keys = keys
    }

    /// The value for `key`, or `nil` when it is absent or null.
    subscript(key: String) -> Node? { values[key] }

    /// Whether `key` has a non-null value.
    func has(_ key: String) -> Bool { values[key] != nil }

    /// False once any ``read(_:_:)`` failed; the reader then reports and drops the entry.
    var isValid = true

    /// Reads `key` with `body` (which reports its own problem and returns `nil` on failure);
    /// an absent key reads as `nil` without a problem.
    mutating func read<Value>(_ key: String, _ body: (Node) -> Value?) -> Value? {
        guard let node = values[key] else { return nil }
        let value = body(node)
        if value == nil { isValid = false }
        return value
    }
}

extension Node {
    /// Whether this is a plain null scalar: empty, `~` or `null`.
    var isNull: Bool {
        guard case .scalar(let scalar) = self, scalar.style == .plain || scalar.style == .any else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    /// What the node is, for messages: `"2 years"`, `a list`, `a mapping`, `nothing`.
    var foundDescription: String {
        if isNull { return "nothing" }
        switch self {
        case .scalar(let scalar): return quoted(scalar.string)
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    /// The text of a non-null scalar written without quotes.
    var plainText: String? {
        guard case .scalar(let scalar) = self, !isNull, scalar.style == .plain || scalar.style == .any
        else { return nil }
        return scalar.string
    }
}
