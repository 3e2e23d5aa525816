/// A MIME header value with parameters, `type; name=value; name="quoted value"`, as the
/// Content-Type of a multipart body and each part's Content-Disposition are written.
///
/// Parameter names are matched ignoring ASCII case. A quoted value reads `\"` as `"` and `\\` as
/// `\`, and keeps any other backslash as written: browsers do not escape backslashes, and old ones
/// send Windows paths such as `C:\fakepath\badge.png` in filenames. A parameter given twice is an
/// error rather than a choice between the two, so this reader and any other in front of the
/// server cannot disagree about which one counts.
struct HeaderValue {
    /// Why a header value does not parse, and where (an index into the bytes parsed).
    struct Problem: Error {
        var index: Int
        var message: String
    }

    /// The value before the first `;`, without surrounding spaces.
    let type: ArraySlice<UInt8>
    /// The parameters, names lowercased, in order.
    let parameters: [(name: [UInt8], value: ArraySlice<UInt8>)]

    private static let semicolon = UInt8(ascii: ";")
    private static let equals = UInt8(ascii: "=")
    private static let quote = UInt8(ascii: "\"")
    private static let backslash = UInt8(ascii: "\\")

    /// Parses `bytes`; indices in problems are `bytes`' own.
    init(parsing bytes: ArraySlice<UInt8>) throws(Problem) {
        var index = Self.skipSpaces(bytes, from: bytes.startIndex)
        let typeStart = index
        while index < bytes.endIndex && bytes[index] != Self.semicolon { index += 1 }
        type = Self.trimmed(bytes[typeStart..<index])
        var parameters: [(name: [UInt8], value: ArraySlice<UInt8>)] = []
        // A set, so that a header of thousands of parameters costs no more than reading it.
        var seen: Set<[UInt8]> = []
        while index < bytes.endIndex {
            // At a ";". Empty parameters (";;", a trailing ";") are passed over, as mail readers do.
            index = Self.skipSpaces(bytes, from: index + 1)
            if index == bytes.endIndex || bytes[index] == Self.semicolon { continue }
            let nameStart = index
            while index < bytes.endIndex, !Self.endsName(bytes[index]) { index += 1 }
            let name = Self.lowercased(bytes[nameStart..<index])
            let shownName = String(decoding: bytes[nameStart..<index], as: UTF8.self)
            guard !name.isEmpty else {
                throw Problem(index: index, message: "expected a parameter name after \";\", found "
                                  + FormError.shown(bytes: bytes[index...].prefix(20)))
            }
            index = Self.skipSpaces(bytes, from: index)
            guard index < bytes.endIndex, bytes[index] == Self.equals else {
                throw Problem(index: index, message: "expected \"=\" after the parameter \(FormError.shown(shownName))")
            }
            index = Self.skipSpaces(bytes, from: index + 1)
            let value: ArraySlice<UInt8>
            if index < bytes.endIndex, bytes[index] == Self.quote {
                let quoted = try Self.quotedValue(bytes, from: index, parameter: shownName)
                value = quoted.value
                index = quoted.end
            } else {
                let valueStart = index
                while index < bytes.endIndex, bytes[index] != Self.semicolon, !Self.isSpace(bytes[index]) { index += 1 }
                value = bytes[valueStart..<index]
                guard !value.isEmpty else {
                    throw Problem(index: index, message: "expected a value after \"\(shownName)=\"")
                }
            }
            index = Self.skipSpaces(bytes, from: index)
            guard index == bytes.endIndex || bytes[index] == Self.semicolon else {
                throw Problem(index: index, message: "expected \";\" after the value of the parameter "
                                  + "\(FormError.shown(shownName)), found " + FormError.shown(bytes: bytes[index...].prefix(20)))
            }
            guard seen.insert(name).inserted else {
                throw Problem(index: nameStart, message: "the parameter \(FormError.shown(shownName)) is given twice")
            }
            parameters.append((name, value))
        }
        self.parameters = parameters
    }

    /// The value of the parameter `name` (lowercase ASCII), or nil when it is not given.
    func parameter(_ name: String) -> ArraySlice<UInt8>? {
        let wanted = Array(name.utf8)
        return parameters.first { $0.name == wanted }?.value
    }

    /// True when the type is `expected` (lowercase ASCII), ignoring case.
    func hasType(_ expected: String) -> Bool {
        Self.lowercased(type) == Array(expected.utf8)
    }

    /// The unescaped value of the quoted string starting at `start`, and the index after its
    /// closing quote.
    private static func quotedValue(_ bytes: ArraySlice<UInt8>, from start: Int,
                                    parameter: String) throws(Problem) -> (value: ArraySlice<UInt8>, end: Int) {
        var index = start + 1
        var value: [UInt8] = []
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == quote { return (value[...], index + 1) }
            if byte == backslash, index + 1 < bytes.endIndex, bytes[index + 1] == quote || bytes[index + 1] == backslash {
                value.append(bytes[index + 1])
                index += 2
            } else {
                value.append(byte)
                index += 1
            }
        }
        throw Problem(index: start, message: "the quoted value of the parameter \(FormError.shown(parameter)) has no closing quote")
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
    }

    private static func endsName(_ byte: UInt8) -> Bool {
        byte == equals || byte == semicolon || byte == quote || isSpace(byte)
    }

    private static func skipSpaces(_ bytes: ArraySlice<UInt8>, from start: Int) -> Int {
        var index = start
        while index < bytes.endIndex, isSpace(bytes[index]) { index += 1 }
        return index
    }

    /// `bytes` without spaces and tabs at either end.
    static func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var lower = bytes.startIndex
        var upper = bytes.endIndex
        while lower < upper, isSpace(bytes[lower]) { lower += 1 }
        while upper > lower, isSpace(bytes[upper - 1]) { upper -= 1 }
        return bytes[lower..<upper]
    }

    /// `bytes` with ASCII capitals made small (header and parameter names ignore case).
    static func lowercased(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        bytes.map { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") ? $0 + 32 : $0 }
    }
}
