extension JSONNode {
    /// The node as JSON text, members in their order and numbers exactly as held: what a
    /// signer writes, so the bytes it signs are the ones the reader sees.
    ///
    /// One line when `pretty` is false (a JWT payload); otherwise two-space indentation, as
    /// ``JSONValue/serialized(pretty:)`` writes reports. Strings use ``JSONString``'s escapes.
    package func serialized(pretty: Bool = true) -> String {
        var output = ""
        write(to: &output, indent: pretty ? 0 : nil)
        return output
    }

    private func write(to output: inout String, indent: Int?) {
        let inner = indent.map { $0 + 1 }
        switch value {
        case .null: output += "null"
        case .bool(let flag): output += flag ? "true" : "false"
        case .number(let text): output += text
        case .string(let text): JSONString.write(text, to: &output)
        case .array(let elements):
            if elements.isEmpty { output += "[]"; return }
            output += "["
            for (index, element) in elements.enumerated() {
                if index > 0 { output += "," }
                Self.newline(&output, inner)
                element.write(to: &output, indent: inner)
            }
            Self.newline(&output, indent)
            output += "]"
        case .object(let members):
            if members.isEmpty { output += "{}"; return }
            output += "{"
            for (index, member) in members.enumerated() {
                if index > 0 { output += "," }
                Self.newline(&output, inner)
                JSONString.write(member.key, to: &output)
                output += indent == nil ? ":" : ": "
                member.value.write(to: &output, indent: inner)
            }
            Self.newline(&output, indent)
            output += "}"
        }
    }

    private static func newline(_ output: inout String, _ indent: Int?) {
        guard let indent else { return }
        output += "\n" + String(repeating: "  ", count: indent)
    }
}
