import CairnCore
// Hand-written: nodes keep line and column for errors, numbers stay as written, duplicate keys are refused; Foundation's JSONSerialization does none of these.

/// A strict RFC 8259 JSON reader that builds ``JSONNode`` trees with positions.
///
/// It rejects what lenient readers accept silently and attackers rely on: duplicate keys,
/// trailing commas, comments, lone surrogates, control characters in strings, and nesting
/// deeper than ``maximumDepth``.
package struct JSONParser: Sendable {
    /// Nesting deeper than this is refused, so a hostile file cannot exhaust the stack.
    package static let maximumDepth = 512

    /// The problem and where it is, with `file` as given to ``parse(_:file:)``.
    package typealias Failure = FormatError

    /// Parses the whole of `text` as one JSON value.
    ///
    /// - Throws: ``FormatError`` at the line and column of the first problem.
    package static func parse(_ text: String, file: String) throws(FormatError) -> JSONNode {
        var parser = Scanner(scalars: Array(text.unicodeScalars), file: file)
        parser.skipWhitespace()
        let node = try parser.value(depth: 0)
        parser.skipWhitespace()
        if !parser.atEnd {
            throw parser.failure("expected the end of the JSON document, found \(parser.foundDescription)")
        }
        return node
    }

    /// Parses UTF-8 bytes (a leading byte-order mark is skipped).
    package static func parse(_ bytes: [UInt8], file: String) throws(FormatError) -> JSONNode {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        guard let text = String(validating: body, as: UTF8.self) else {
            throw FormatError(location: SourceLocation(file: file, line: 1, column: 1),
                              message: "the file is not UTF-8 text; expected JSON")
        }
        return try parse(text, file: file)
    }

    private struct Scanner {
        let scalars: [Unicode.Scalar]
        let file: String
        var index = 0
        var line = 1
        var lineStart = 0

        init(scalars: [Unicode.Scalar], file: String) {
            self.scalars = scalars
            self.file = file
        }

        var atEnd: Bool { index >= scalars.count }
        var current: Unicode.Scalar? { atEnd ? nil : scalars[index] }
        var column: Int { index - lineStart + 1 }

        var foundDescription: String {
            guard let current else { return "the end of the file" }
            return current.value < 0x20 || current.value == 0x7F
                ? "a control character U+\(String(current.value, radix: 16, uppercase: true))"
                : "\"\(current)\""
        }

        func failure(_ message: String) -> FormatError {
            FormatError(location: SourceLocation(file: file, line: line, column: column), message: message)
        }

        mutating func advance() {
            if scalars[index] == "\n" {
                line += 1
                lineStart = index + 1
            }
            index += 1
        }

        mutating func skipWhitespace() {
            while let scalar = current, scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" {
                advance()
            }
        }

        mutating func value(depth: Int) throws(FormatError) -> JSONNode {
            let (startLine, startColumn) = (line, column)
            guard let scalar = current else { throw failure("expected a JSON value, found the end of the file") }
            let value: JSONNode.Value
            switch scalar {
            case "{":
                guard depth < JSONParser.maximumDepth else {
                    throw failure("JSON nested deeper than \(JSONParser.maximumDepth) levels")
                }
                value = try object(depth: depth)
            case "[":
                guard depth < JSONParser.maximumDepth else {
                    throw failure("JSON nested deeper than \(JSONParser.maximumDepth) levels")
                }
                value = try array(depth: depth)
            case "\"": value = .string(try string())
            case "t": try literal("true"); value = .bool(true)
            case "f": try literal("false"); value = .bool(false)
            case "n": try literal("null"); value = .null
            case "-", "0"..."9": value = .number(try number())
            default: throw failure("expected a JSON value, found \(foundDescription)")
            }
            return JSONNode(value, line: startLine, column: startColumn)
        }

        private mutating func literal(_ word: String) throws(FormatError) {
            for expected in word.unicodeScalars {
                guard current == expected else { throw failure("expected \(word), found \(foundDescription)") }
                advance()
            }
        }

        private mutating func object(depth: Int) throws(FormatError) -> JSONNode.Value {
            advance()
            var members: [JSONNode.Member] = []
            var seen: Set<String> = []
            skipWhitespace()
            if current == "}" { advance(); return .object(members) }
            while true {
                skipWhitespace()
                guard current == "\"" else {
                    throw failure("expected a member name in double quotes, found \(foundDescription)")
                }
                let (keyLine, keyColumn) = (line, column)
                let key = try string()
                guard seen.insert(key).inserted else {
                    throw FormatError(location: SourceLocation(file: file, line: keyLine, column: keyColumn),
                                      message: "the key \"\(key)\" appears twice in one object")
                }
                skipWhitespace()
                guard current == ":" else { throw failure("expected \":\" after \"\(key)\", found \(foundDescription)") }
                advance()
                skipWhitespace()
                members.append(JSONNode.Member(key: key, value: try value(depth: depth + 1)))
                skipWhitespace()
                switch current {
                case ",": advance()
                case "}": advance(); return .object(members)
                default: throw failure("expected \",\" or \"}\" in an object, found \(foundDescription)")
                }
            }
        }

        private mutating func array(depth: Int) throws(FormatError) -> JSONNode.Value {
            advance()
            var elements: [JSONNode] = []
            skipWhitespace()
            if current == "]" { advance(); return .array(elements) }
            while true {
                skipWhitespace()
                elements.append(try value(depth: depth + 1))
                skipWhitespace()
                switch current {
                case ",": advance()
                case "]": advance(); return .array(elements)
                default: throw failure("expected \",\" or \"]\" in an array, found \(foundDescription)")
                }
            }
        }

        private mutating func number() throws(FormatError) -> String {
            let start = index
            if current == "-" { advance() }
            guard let first = current, ("0"..."9").contains(first) else {
                throw failure("expected a digit, found \(foundDescription)")
            }
            advance()
            if first != "0" { skipDigits() }
            if current == "." {
                advance()
                guard let digit = current, ("0"..."9").contains(digit) else {
                    throw failure("expected a digit after the decimal point, found \(foundDescription)")
                }
                skipDigits()
            }
            if current == "e" || current == "E" {
                advance()
                if current == "+" || current == "-" { advance() }
                guard let digit = current, ("0"..."9").contains(digit) else {
                    throw failure("expected a digit in the exponent, found \(foundDescription)")
                }
                skipDigits()
            }
            var text = ""
            text.unicodeScalars.append(contentsOf: scalars[start..<index])
            return text
        }

        private mutating func skipDigits() {
            while let scalar = current, ("0"..."9").contains(scalar) { advance() }
        }

        private mutating func string() throws(FormatError) -> String {
            advance()
            var result = String.UnicodeScalarView()
            while true {
                guard let scalar = current else { throw failure("the string is not closed before the end of the file") }
                switch scalar {
                case "\"":
                    advance()
                    return String(result)
                case "\\":
                    advance()
                    result.append(try escape())
                default:
                    guard scalar.value >= 0x20 else {
                        throw failure("a control character must be escaped inside a string, found \(foundDescription)")
                    }
                    result.append(scalar)
                    advance()
                }
            }
        }

        private mutating func escape() throws(FormatError) -> Unicode.Scalar {
            guard let scalar = current else { throw failure("the string is not closed before the end of the file") }
            advance()
            switch scalar {
            case "\"": return "\""
            case "\\": return "\\"
            case "/": return "/"
            case "b": return "\u{08}"
            case "f": return "\u{0C}"
            case "n": return "\n"
            case "r": return "\r"
            case "t": return "\t"
            case "u":
                let unit = try hexUnit()
                if (0xD800...0xDBFF).contains(unit) {
                    guard current == "\\", index + 1 < scalars.count, scalars[index + 1] == "u" else {
                        throw failure("a high surrogate \\u\(String(unit, radix: 16)) must be followed by a low surrogate")
                    }
                    advance(); advance()
                    let low = try hexUnit()
                    guard (0xDC00...0xDFFF).contains(low),
                          let combined = Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)) else {
                        throw failure("expected a low surrogate after \\u\(String(unit, radix: 16))")
                    }
                    return combined
                }
                guard let decoded = Unicode.Scalar(unit) else {
                    throw failure("a lone low surrogate \\u\(String(unit, radix: 16)) is not a character")
                }
                return decoded
            default:
                index -= 1
                throw failure("expected an escape (\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX), found \(foundDescription)")
            }
        }

        private mutating func hexUnit() throws(FormatError) -> UInt32 {
            var unit: UInt32 = 0
            for _ in 0..<4 {
                guard let scalar = current, scalar.isASCII, let digit = UInt32(String(scalar), radix: 16) else {
                    throw failure("expected four hexadecimal digits after \\u, found \(foundDescription)")
                }
                unit = unit * 16 + digit
                advance()
            }
            return unit
        }
    }
}
