/// A JSON value read from a file, with the line and column where it starts.
///
/// Unlike ``JSONValue`` (which reports write), a node keeps what the reader needs: object
/// members in the order written, numbers as their exact source text (JSON-LD canonical forms
/// and credit values depend on it), and a position for every value so that an error about a
/// wrong type can point at it.
package struct JSONNode: Sendable, Hashable {
    /// The value itself.
    package enum Value: Sendable, Hashable {
        case null
        case bool(Bool)
        /// The number exactly as written (`2`, `-0.5`, `1e3`).
        case number(String)
        case string(String)
        case array([JSONNode])
        /// Members in the order written; keys are unique (the parser rejects duplicates).
        case object([Member])
    }

    /// One `"key": value` pair of an object.
    package struct Member: Sendable, Hashable {
        package var key: String
        package var value: JSONNode

        package init(key: String, value: JSONNode) {
            self.key = key
            self.value = value
        }
    }

    package var value: Value
    /// 1-based line of the value's first character (0 for values built in code).
    package var line: Int
    /// 1-based column, counted in Unicode scalars (0 for values built in code).
    package var column: Int

    package init(_ value: Value, line: Int = 0, column: Int = 0) {
        self.value = value
        self.line = line
        self.column = column
    }

    /// Two nodes are equal when their values are; positions do not matter.
    package static func == (lhs: JSONNode, rhs: JSONNode) -> Bool { lhs.value == rhs.value }
    package func hash(into hasher: inout Hasher) { hasher.combine(value) }
}

extension JSONNode {
    /// The member named `key` of an object; `nil` for a missing key or a node that is no object.
    package subscript(key: String) -> JSONNode? {
        guard case .object(let members) = value else { return nil }
        return members.first { $0.key == key }?.value
    }

    package var members: [Member]? {
        if case .object(let members) = value { return members }
        return nil
    }

    package var elements: [JSONNode]? {
        if case .array(let elements) = value { return elements }
        return nil
    }

    package var string: String? {
        if case .string(let string) = value { return string }
        return nil
    }

    package var bool: Bool? {
        if case .bool(let bool) = value { return bool }
        return nil
    }

    /// The exact source text of a number.
    package var numberText: String? {
        if case .number(let text) = value { return text }
        return nil
    }

    package var isNull: Bool { value == .null }

    /// The node as a list: an array's elements, or the node alone (JSON-LD and Open Badges
    /// allow one value where a list is expected).
    package var asList: [JSONNode] { elements ?? [self] }

    /// What the node is, for messages: `a string "abc"`, `a number 3`, `an object`.
    package var kindDescription: String {
        switch value {
        case .null: "null"
        case .bool(let bool): "\(bool)"
        case .number(let text):
            "a number \(text.excerpt(40))"
        case .string(let string):
            "a string \"\(string.count > 40 ? String(string.prefix(40)) + "…" : string)\""
        case .array: "an array"
        case .object: "an object"
        }
    }

    /// A copy of this object without the member `key` (no change for other values).
    package func removing(_ key: String) -> JSONNode {
        guard case .object(let members) = value else { return self }
        return JSONNode(.object(members.filter { $0.key != key }), line: line, column: column)
    }
}
