// Hand-written: bad escapes and bytes are refused at their offset, names and values bounded; Foundation's URLComponents keeps "+" as "+" and has no limits.
extension FormFields {
    /// Reads an `application/x-www-form-urlencoded` body, as a browser sends a form without files.
    ///
    /// The body is `name=value` pairs joined by `&`, as the WHATWG URL standard describes: `+`
    /// stands for a space, `%XX` for the byte XX; a pair without `=` has an empty value, and empty
    /// pairs (`a=1&&b=2`) are passed over. Unlike a browser, which turns bad escapes and bytes
    /// into replacement characters, this refuses them: a server should not act on a form it read
    /// differently from what was sent.
    ///
    /// - Parameters:
    ///   - body: The request body, whole.
    ///   - limits: How many fields, and how long a name and a value, to accept.
    /// - Throws: ``FormError`` at the byte where the body goes wrong: a `%` not followed by two
    ///   hexadecimal digits (``FormError/Reason/badPercentEscape``), a name or value that is not
    ///   UTF-8 once decoded (``FormError/Reason/badEncoding``), or a limit exceeded
    ///   (``FormError/isTooLarge``).
    public static func parse(urlEncoded body: [UInt8], limits: FormLimits = FormLimits()) throws(FormError) -> FormFields {
        try URLEncodedForm(body: body, limits: limits).read()
    }
}

/// The reader behind ``FormFields/parse(urlEncoded:limits:)``: one pass over the body, each name
/// and value decoded no further than its limit.
struct URLEncodedForm {
    let body: [UInt8]
    let limits: FormLimits

    private static let ampersand = UInt8(ascii: "&")
    private static let equals = UInt8(ascii: "=")
    private static let plus = UInt8(ascii: "+")
    private static let percent = UInt8(ascii: "%")

    func read() throws(FormError) -> FormFields {
        var fields: [(name: String, value: String)] = []
        var start = 0
        while start < body.count {
            let end = body[start...].firstIndex(of: Self.ampersand) ?? body.count
            if end > start {
                guard fields.count < max(0, limits.maxFields) else {
                    throw FormError.tooManyFields(at: start, limit: max(0, limits.maxFields))
                }
                let separator = body[start..<end].firstIndex(of: Self.equals)
                let name = try decode(start..<(separator ?? end), valueOf: nil)
                var value = ""
                if let separator { value = try decode((separator + 1)..<end, valueOf: name) }
                fields.append((name, value))
            }
            start = end + 1
        }
        return FormFields(fields: fields)
    }

    /// The text of `range` with `+` and percent escapes decoded: a name when `field` is nil, else
    /// the value of `field`.
    private func decode(_ range: Range<Int>, valueOf field: String?) throws(FormError) -> String {
        let limit = max(0, field == nil ? limits.maxNameBytes : limits.maxFieldBytes)
        var decoded: [UInt8] = []
        decoded.reserveCapacity(min(range.count, limit))
        var index = range.lowerBound
        while index < range.upperBound {
            // Checked before each byte, so a value of a million escapes stops at the limit.
            guard decoded.count < limit else {
                if let field { throw FormError.fieldTooLarge(field, at: range.lowerBound, limit: limit) }
                throw FormError.nameTooLong(at: range.lowerBound, limit: limit)
            }
            switch body[index] {
            case Self.plus:
                decoded.append(UInt8(ascii: " "))
                index += 1
            case Self.percent:
                guard index + 2 < range.upperBound, let high = Self.hexDigit(body[index + 1]),
                      let low = Self.hexDigit(body[index + 2]) else {
                    let found = body[index..<min(index + 3, range.upperBound)]
                    throw FormError(offset: index, field: field, reason: .badPercentEscape,
                                    message: "\(FormError.shown(bytes: found)) is not a percent escape: "
                                        + "expected two hexadecimal digits after \"%\"")
                }
                decoded.append(high << 4 | low)
                index += 3
            case let byte:
                decoded.append(byte)
                index += 1
            }
        }
        guard let text = FormText.decode(decoded[...]) else {
            let what = field.map { "the value of the field \(FormError.shown($0))" } ?? "a field's name"
            let offset = sourceOffset(ofDecoded: FormText.firstInvalidByte(in: decoded[...]), in: range)
            throw FormError.notUTF8(what + " (percent escapes decoded)", field: field, at: offset)
        }
        return text
    }

    /// Where in the body the `decoded`-th decoded byte of `range` came from (every escape in it
    /// is known to be good: a `%` stands for three bytes, anything else for one).
    private func sourceOffset(ofDecoded decoded: Int, in range: Range<Int>) -> Int {
        var index = range.lowerBound
        for _ in 0..<decoded where index < range.upperBound {
            index += body[index] == Self.percent ? 3 : 1
        }
        return index
    }

    private static func hexDigit(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
