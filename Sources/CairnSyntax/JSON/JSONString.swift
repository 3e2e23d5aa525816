/// Writes a JSON string literal the one way Cairn writes them everywhere: the escapes of RFC
/// 8785 (JSON Canonicalization Scheme) — `\"`, `\\`, `\b`, `\f`, `\n`, `\r`, `\t`, lower-case
/// `\u00XX` for other control characters, everything else as itself — so that reports and
/// canonical JSON agree byte for byte.
package enum JSONString {
    package static func write(_ value: String, to output: inout String) {
        output += "\""
        // Most strings need no escape: appended whole, not a scalar at a time.
        if !value.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
            output += value
            output += "\""
            return
        }
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output += "\""
    }
}
