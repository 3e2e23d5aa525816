/// The JSON Canonicalization Scheme (RFC 8785) text of a JSON value, as `@json` literals need it:
/// no white space, object members sorted by UTF-16 code units, numbers as ECMAScript prints them.
package enum CanonicalJSON {
    package static func text(_ node: JSONNode) -> String {
        var out = ""
        write(node, to: &out)
        return out
    }

    private static func write(_ node: JSONNode, to out: inout String) {
        switch node.value {
        case .null: out += "null"
        case .bool(let flag): out += flag ? "true" : "false"
        case .number(let text): out += number(Double(text) ?? 0)
        case .string(let string): JSONString.write(string, to: &out)
        case .array(let items):
            out += "["
            for (offset, item) in items.enumerated() {
                if offset > 0 { out += "," }
                write(item, to: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            let sorted = members.sorted { $0.key.utf16.lexicographicallyPrecedes($1.key.utf16) }
            for (offset, member) in sorted.enumerated() {
                if offset > 0 { out += "," }
                JSONString.write(member.key, to: &out)
                out += ":"
                write(member.value, to: &out)
            }
            out += "}"
        }
    }


    /// ECMAScript Number::toString: shortest round-trip digits, exponent form outside 1e-7…1e21.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == 0 { return "0" }
        let sign = value < 0 ? "-" : ""
        // Swift's description gives the shortest digits that round-trip; take its digits and exponent.
        let described = "\(abs(value))".lowercased()
        let parts = described.split(separator: "e", maxSplits: 1)
        let mantissa = String(parts[0])
        let exponent = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
        let pointOffset = mantissa.firstIndex(of: ".").map { mantissa.distance(from: mantissa.startIndex, to: $0) }
            ?? mantissa.count
        var digits = Array(mantissa.filter { $0 != "." })
        var n = pointOffset + exponent
        while digits.first == "0" {
            digits.removeFirst()
            n -= 1
        }
        while digits.last == "0" { digits.removeLast() }
        let k = digits.count
        let text = String(digits)
        if k <= n, n <= 21 { return sign + text + String(repeating: "0", count: n - k) }
        if 0 < n, n <= 21 { return sign + String(digits[..<n]) + "." + String(digits[n...]) }
        if -6 < n, n <= 0 { return sign + "0." + String(repeating: "0", count: -n) + text }
        let e = n - 1
        let exponentText = (e < 0 ? "-" : "+") + String(abs(e))
        if k == 1 { return sign + text + "e" + exponentText }
        return sign + String(digits[0]) + "." + String(digits[1...]) + "e" + exponentText
    }
}
