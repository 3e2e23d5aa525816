public import CairnCore

/// A JSON value whose objects keep their keys in the order written, so reports read in the
/// order the contract lists their fields, and the same input always gives the same bytes.
public enum JSONValue: Hashable, Sendable {
    case null
    case bool(Bool)
    /// An exact number, written as an integer or a decimal (a non-terminating fraction is
    /// written to 12 significant decimals; the exact value is in the text form of reports).
    case number(Rational)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        lhs.serialized() == rhs.serialized()
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(serialized())
    }

    /// The value as JSON text: two-space indentation when `pretty`, one line otherwise.
    public func serialized(pretty: Bool = true) -> String {
        var output = ""
        write(to: &output, indent: pretty ? 0 : nil)
        return output
    }

    private func write(to output: inout String, indent: Int?) {
        switch self {
        case .null: output += "null"
        case .bool(let value): output += value ? "true" : "false"
        case .number(let value): output += JSONValue.format(value)
        case .string(let value): JSONString.write(value, to: &output)
        case .array(let values):
            if values.isEmpty { output += "[]"; return }
            output += "["
            for (index, value) in values.enumerated() {
                if index > 0 { output += "," }
                JSONValue.newline(&output, indent.map { $0 + 1 })
                value.write(to: &output, indent: indent.map { $0 + 1 })
            }
            JSONValue.newline(&output, indent)
            output += "]"
        case .object(let members):
            if members.isEmpty { output += "{}"; return }
            output += "{"
            for (index, (key, value)) in members.enumerated() {
                if index > 0 { output += "," }
                JSONValue.newline(&output, indent.map { $0 + 1 })
                JSONString.write(key, to: &output)
                output += indent == nil ? ":" : ": "
                value.write(to: &output, indent: indent.map { $0 + 1 })
            }
            JSONValue.newline(&output, indent)
            output += "}"
        }
    }

    private static func newline(_ output: inout String, _ indent: Int?) {
        guard let indent else { return }
        output += "\n" + String(repeating: "  ", count: indent)
    }

    /// An exact number as JSON writes it: a terminating decimal as is, a repeating one to 12
    /// decimal places (rounded half away from zero).
    public static func format(_ value: Rational) -> String {
        if let decimal = value.terminatingDecimal { return decimal }
        // A repeating fraction: round half away from zero at 12 decimal places, exactly.
        let scale = Rational(1_000_000_000_000)
        let rounded = (value * scale).roundedHalfAwayFromZero / scale
        return rounded.terminatingDecimal ?? String(value.doubleValue)
    }

}
