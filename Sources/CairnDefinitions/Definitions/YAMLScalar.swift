import CairnCore
import CairnSyntax

/// How Cairn's YAML writers spell one value, so that what they write reads back the same.
enum YAMLScalar {
    /// A string, double-quoted with JSON escapes (which YAML reads): never taken for a number,
    /// a date, `null` or a flow collection whatever its text.
    static func string(_ text: String) -> String {
        var output = ""
        JSONString.write(text, to: &output)
        return output
    }

    /// A number as the definition reader reads it back exactly: a terminating decimal bare, any
    /// other fraction quoted (`"2/3"`).
    static func number(_ value: Rational) -> String {
        value.terminatingDecimal ?? string(value.description)
    }

    /// A flow list of strings: `["a", "b"]`.
    static func strings(_ values: [String]) -> String {
        "[" + values.map(string).joined(separator: ", ") + "]"
    }
}
