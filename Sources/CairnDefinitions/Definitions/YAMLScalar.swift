import CairnCore
import CairnSyntax

/// How Cairn's YAML writers spell one value, so that what they write reads back the same.
enum YAMLScalar {
    /// A string, double-quoted with JSON escapes (which YAML reads): never taken for a number,
    /// a date, `null` or a flow collection whatever its text.
    static func string(_ text: String) -> String {
        var output = ""
        JSONString.write(text, to: &output)
        // JSON leaves DEL, the C1 controls and the non-characters as themselves, but YAML does
        // not allow them raw in a file (libyaml refuses it): they are written escaped, which
        // YAML reads back as the same characters.
        guard output.unicodeScalars.contains(where: isUnprintable) else { return output }
        var escaped = ""
        for scalar in output.unicodeScalars {
            if isUnprintable(scalar) {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                escaped += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            } else {
                escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    /// Outside YAML 1.2's printable set (beyond the C0 controls, which JSON escapes already);
    /// the byte-order mark too, which libyaml refuses inside a document.
    private static func isUnprintable(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x7F...0x9F, 0xFEFF, 0xFFFE, 0xFFFF: true
        default: false
        }
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
