import CairnCredentials
import CairnRDF
import CairnSyntax
import Foundation

/// JSON-LD object comparison as the W3C JSON-LD test suite's README defines it: objects member
/// by member in any order, arrays in any order except the values of `@list`, numbers by value,
/// language tags without regard to case.
enum JSONLDObjectComparison {
    static func equivalent(_ lhs: JSONNode, _ rhs: JSONNode, ordered: Bool = false) -> Bool {
        switch (lhs.value, rhs.value) {
        case (.object(let left), .object(let right)):
            guard left.count == right.count else { return false }
            return left.allSatisfy { member in
                guard let other = rhs[member.key] else { return false }
                if member.key == "@language", let a = member.value.string, let b = other.string {
                    return a.lowercased() == b.lowercased()
                }
                return equivalent(member.value, other, ordered: member.key == "@list")
            }
        case (.array(let left), .array(let right)):
            guard left.count == right.count else { return false }
            if ordered { return zip(left, right).allSatisfy { equivalent($0, $1) } }
            // Equivalence is an equivalence relation, so matching greedily finds a pairing if one exists.
            var unmatched = right
            for item in left {
                guard let index = unmatched.firstIndex(where: { equivalent(item, $0) }) else { return false }
                unmatched.remove(at: index)
            }
            return true
        case (.number(let left), .number(let right)):
            return left == right || (Double(left) != nil && Double(left) == Double(right))
        default:
            return lhs.value == rhs.value
        }
    }

    /// Compact JSON text of `node`, for failure messages.
    static func text(_ node: JSONNode) -> String {
        switch node.value {
        case .null: "null"
        case .bool(let flag): flag ? "true" : "false"
        case .number(let text): text
        case .string(let string): "\"" + string.replacingOccurrences(of: "\"", with: "\\\"") + "\""
        case .array(let items): "[" + items.map(text).joined(separator: ",") + "]"
        case .object(let members):
            "{" + members.map { text(JSONNode(.string($0.key))) + ":" + text($0.value) }.joined(separator: ",") + "}"
        }
    }
}
