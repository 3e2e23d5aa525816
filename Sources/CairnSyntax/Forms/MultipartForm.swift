// Hand-written: every count and size bounded, the byte offset in every refusal, linear on hostile bodies; Foundation reads no multipart, multipart-kit brings SwiftNIO.
extension FormFields {
    /// Reads a `multipart/form-data` body (RFC 7578, on RFC 2046's multipart syntax), as a
    /// browser sends a form with files.
    ///
    /// The boundary comes from `contentType`'s `boundary` parameter, quoted or bare: 1 to 70 of
    /// the characters RFC 2046 allows, not ending in a space. The body is an ignored preamble,
    /// then parts each opened by a line `--boundary`, and the line `--boundary--` that closes the
    /// form, then an ignored epilogue. Each part has headers, a blank line, and its content, which
    /// runs up to the CRLF before the next boundary line and is kept byte for byte (a file may hold
    /// CR, LF, `--` and NUL bytes freely). Header lines may end with a bare LF as well as CRLF.
    ///
    /// A part's `Content-Disposition: form-data; name="…"` names its field; with a `filename`
    /// parameter (even an empty one, as an empty file input sends) the part is a file, else a
    /// field whose content must be UTF-8. `Content-Type` is kept for files. A
    /// `Content-Transfer-Encoding` other than `7bit`, `8bit` or `binary` is refused (RFC 7578
    /// §4.7 deprecates it; reading base64 as raw bytes would be wrong). Other headers are ignored.
    ///
    /// Work is linear in the body's length whatever it holds: the boundary search never looks at
    /// a byte more than twice, and each part's headers and content are searched no further than
    /// their limits.
    ///
    /// - Parameters:
    ///   - body: The request body, whole.
    ///   - contentType: The request's Content-Type header, for example
    ///     `multipart/form-data; boundary=----WebKitFormBoundary7MA4YWxkTrZu0gW`.
    ///   - limits: How many fields and files, and how long a name, a value, a file and a part's
    ///     headers, to accept.
    /// - Throws: ``FormError`` saying where the body goes wrong (offset 0 for a problem with
    ///   `contentType`), with ``FormError/isTooLarge`` true when a limit is exceeded.
    public static func parse(multipart body: [UInt8], contentType: String,
                             limits: FormLimits = FormLimits()) throws(FormError) -> FormFields {
        var form = MultipartForm(body: body, boundary: try MultipartForm.boundary(in: contentType), limits: limits)
        return try form.read()
    }
}

/// The reader behind ``FormFields/parse(multipart:contentType:limits:)``.
struct MultipartForm {
    /// What a part's headers say, and where its content starts.
    private struct Part {
        var start: Int
        var name: String
        /// Nil for a field; the filename as sent (not yet sanitised) for a file.
        var filename: String?
        var contentType: String?
        var contentStart: Int
    }

    private let body: [UInt8]
    /// `--boundary`, which opens each part at the start of a line.
    private let dashBoundary: [UInt8]
    /// CRLF `--boundary`: what ends a part's content.
    private let delimiter: [UInt8]
    private let limits: FormLimits
    private var fields: [(name: String, value: String)] = []
    private var files: [FormFile] = []

    private static let carriageReturn = UInt8(ascii: "\r")
    private static let lineFeed = UInt8(ascii: "\n")
    private static let dash = UInt8(ascii: "-")

    init(body: [UInt8], boundary: [UInt8], limits: FormLimits) {
        self.body = body
        self.dashBoundary = Array("--".utf8) + boundary
        self.delimiter = [Self.carriageReturn, Self.lineFeed] + dashBoundary
        self.limits = limits
    }

    // MARK: - The boundary

    /// The boundary named by a Content-Type header for `multipart/form-data`.
    static func boundary(in contentType: String) throws(FormError) -> [UInt8] {
        let header: HeaderValue
        do {
            header = try HeaderValue(parsing: Array(contentType.utf8)[...])
        } catch {
            throw FormError(offset: 0, reason: .badContentType, message: error.message)
        }
        guard header.hasType("multipart/form-data") else {
            throw FormError(offset: 0, reason: .badContentType,
                            message: "expected \"multipart/form-data\", found \(FormError.shown(bytes: header.type))")
        }
        guard let boundary = header.parameter("boundary") else {
            throw FormError(offset: 0, reason: .missingBoundary,
                            message: "\"multipart/form-data\" has no boundary parameter; expected \"; boundary=…\"")
        }
        let shown = FormError.shown(bytes: boundary)
        guard (1...70).contains(boundary.count) else {
            throw FormError(offset: 0, reason: .badBoundary,
                            message: "the boundary \(shown) has \(boundary.count) characters; expected 1 to 70 (RFC 2046)")
        }
        if let bad = boundary.first(where: { !isBoundaryCharacter($0) }) {
            throw FormError(offset: 0, reason: .badBoundary,
                            message: "the boundary \(shown) holds \(FormError.shown(bytes: [bad])), which RFC 2046 "
                                + "does not allow in one (letters, digits, space and '()+_,-./:=? only)")
        }
        // RFC 2046 also forbids a final space, which a reader could not tell from padding.
        guard boundary.last != UInt8(ascii: " ") else {
            throw FormError(offset: 0, reason: .badBoundary, message: "the boundary \(shown) ends with a space")
        }
        return Array(boundary)
    }

    /// RFC 2046's `bchars`. None is a CR, which the delimiter search relies on.
    private static func isBoundaryCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "A")...UInt8(ascii: "Z"): true
        default: Array("'()+_,-./:=? ".utf8).contains(byte)
        }
    }

    // MARK: - The body

    mutating func read() throws(FormError) -> FormFields {
        // The first boundary line starts the body or follows the preamble's last line break.
        var position: Int
        if body.starts(with: dashBoundary) {
            position = dashBoundary.count
        } else if let found = findDelimiter(from: 0, before: body.count) {
            position = found + delimiter.count
        } else {
            throw FormError(offset: body.count, reason: .unterminated,
                            message: "the body ends without a line \(FormError.shown(bytes: dashBoundary[...])) "
                                + "to start the first part")
        }
        while true {
            // Just after a boundary: "--" closes the form (what follows is the epilogue).
            if body[position...].starts(with: [Self.dash, Self.dash]) {
                return FormFields(fields: fields, files: files)
            }
            let part = try readHeaders(from: try endOfBoundaryLine(from: position))
            position = try readContent(of: part)
        }
    }

    /// Where the part after the boundary ending at `position` starts: past optional spaces and
    /// tabs (RFC 2046's transport padding) and a line break.
    private func endOfBoundaryLine(from position: Int) throws(FormError) -> Int {
        var index = position
        while index < body.count, body[index] == UInt8(ascii: " ") || body[index] == UInt8(ascii: "\t") { index += 1 }
        if body[index...].starts(with: [Self.carriageReturn, Self.lineFeed]) { return index + 2 }
        if index < body.count, body[index] == Self.lineFeed { return index + 1 }
        guard index < body.count, body[index...] != [Self.carriageReturn] else {
            throw FormError(offset: body.count, reason: .unterminated,
                            message: "the body ends after a boundary; expected a line break and a part, "
                                + "or \"--\" to close the form")
        }
        // A boundary line must stand alone: "--boundaryX" in a part would otherwise read as
        // content to one parser and as a boundary to another.
        throw FormError(offset: index, reason: .badDelimiter,
                        message: "expected a line break or \"--\" after the boundary "
                            + "\(FormError.shown(bytes: dashBoundary[...])), found \(FormError.shown(bytes: body[index...].prefix(20)))")
    }

    /// The headers of the part starting at `start`, up to and including the blank line after them.
    private func readHeaders(from start: Int) throws(FormError) -> Part {
        let end = start + min(body.count - start, max(0, limits.maxHeaderBytes))
        var lineStart = start
        var disposition: (offset: Int, value: ArraySlice<UInt8>)?
        var contentType: String?
        while true {
            guard let lineFeed = body[lineStart..<end].firstIndex(of: Self.lineFeed) else {
                if end < body.count {
                    throw FormError(offset: start, reason: .headerTooLarge,
                                    message: "the part's headers run past \(max(0, limits.maxHeaderBytes).groupedDigits) "
                                        + "bytes, the most allowed, without a blank line to end them")
                }
                throw FormError(offset: body.count, reason: .unterminated, message: start == body.count
                                    ? "the body ends after a boundary line; expected a part's headers, or the closing "
                                        + FormError.shown(bytes: dashBoundary[...] + [Self.dash, Self.dash])
                                    : "the body ends inside a part's headers; expected a blank line after them")
            }
            var lineEnd = lineFeed
            if lineEnd > lineStart, body[lineEnd - 1] == Self.carriageReturn { lineEnd -= 1 }
            if lineEnd == lineStart {
                return try part(start: start, disposition: disposition, contentType: contentType,
                                contentStart: lineFeed + 1)
            }
            let line = body[lineStart..<lineEnd]
            if line.starts(with: dashBoundary) {
                throw FormError(offset: lineStart, reason: .badPartHeader,
                                message: "the part's headers end without a blank line")
            }
            let (name, value) = try header(line)
            switch HeaderValue.lowercased(name) {
            case Array("content-disposition".utf8):
                guard disposition == nil else {
                    throw FormError(offset: lineStart, reason: .badPartHeader,
                                    message: "the part has a second Content-Disposition header")
                }
                disposition = (lineStart, value)
            case Array("content-type".utf8):
                guard contentType == nil else {
                    throw FormError(offset: lineStart, reason: .badPartHeader, message: "the part has a second Content-Type header")
                }
                guard let text = FormText.decode(value) else {
                    throw FormError.notUTF8("the part's Content-Type", field: nil, at: FormText.firstInvalidByte(in: value))
                }
                contentType = text
            case Array("content-transfer-encoding".utf8):
                guard [Array("7bit".utf8), Array("8bit".utf8), Array("binary".utf8)].contains(HeaderValue.lowercased(value)) else {
                    throw FormError(offset: lineStart, reason: .badPartHeader,
                                    message: "Content-Transfer-Encoding \(FormError.shown(bytes: value)) is not read; "
                                        + "expected a part's bytes as they are (RFC 7578 §4.7)")
                }
            default:
                break // RFC 7578 parts carry no other header that changes what the content means.
            }
            lineStart = lineFeed + 1
        }
    }

    /// A header line's name and its value without surrounding spaces.
    private func header(_ line: ArraySlice<UInt8>) throws(FormError) -> (name: ArraySlice<UInt8>, value: ArraySlice<UInt8>) {
        if line.first == UInt8(ascii: " ") || line.first == UInt8(ascii: "\t") {
            throw FormError(offset: line.startIndex, reason: .badPartHeader,
                            message: "a header line starts with a space; folded headers are not accepted in a form")
        }
        // A lone CR or a NUL ends a line or a string for some readers: refused, so that every
        // reader of the body sees the same headers.
        if let bad = line.firstIndex(where: { $0 == Self.carriageReturn || $0 == 0 }) {
            throw FormError(offset: bad, reason: .badPartHeader,
                            message: "a header holds \(line[bad] == 0 ? "a NUL byte" : "a carriage return without a line feed")")
        }
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > line.startIndex,
              !line[..<colon].contains(where: { $0 <= 0x20 || $0 >= 0x7F }) else {
            throw FormError(offset: line.startIndex, reason: .badPartHeader,
                            message: "expected a header \"Name: value\", found \(FormError.shown(bytes: line))")
        }
        return (line[..<colon], HeaderValue.trimmed(line[(colon + 1)...]))
    }

    /// The part whose headers, starting at `start`, were read; checked against the limits on
    /// fields and files before its content is searched.
    private func part(start: Int, disposition: (offset: Int, value: ArraySlice<UInt8>)?, contentType: String?,
                      contentStart: Int) throws(FormError) -> Part {
        guard let (offset, value) = disposition else {
            throw FormError(offset: start, reason: .badPartHeader,
                            message: "the part has no Content-Disposition header; expected "
                                + "\"Content-Disposition: form-data; name=…\"")
        }
        let header: HeaderValue
        do {
            header = try HeaderValue(parsing: value)
        } catch {
            throw FormError(offset: error.index, reason: .badPartHeader, message: "in Content-Disposition, " + error.message)
        }
        guard header.hasType("form-data") else {
            throw FormError(offset: offset, reason: .badPartHeader,
                            message: "expected Content-Disposition \"form-data\", found \(FormError.shown(bytes: header.type))")
        }
        guard let nameBytes = header.parameter("name") else {
            throw FormError(offset: offset, reason: .missingName,
                            message: "the part's Content-Disposition has no name parameter; expected name=\"…\"")
        }
        guard nameBytes.count <= max(0, limits.maxNameBytes) else {
            throw FormError.nameTooLong(at: offset, limit: max(0, limits.maxNameBytes))
        }
        guard let name = FormText.decode(nameBytes) else {
            throw FormError.notUTF8("the part's field name", field: nil, at: offset)
        }
        var filename: String?
        if let filenameBytes = header.parameter("filename") {
            guard let text = FormText.decode(filenameBytes) else {
                throw FormError.notUTF8("the filename of the field \(FormError.shown(name))", field: name, at: offset)
            }
            filename = text
            guard files.count < max(0, limits.maxFiles) else {
                throw FormError(offset: start, field: name, reason: .tooManyFiles,
                                message: "the form has more than \(max(0, limits.maxFiles).groupedDigits) files, the most allowed")
            }
        } else if fields.count >= max(0, limits.maxFields) {
            var error = FormError.tooManyFields(at: start, limit: max(0, limits.maxFields))
            error.field = name
            throw error
        }
        return Part(start: start, name: name, filename: filename, contentType: contentType, contentStart: contentStart)
    }

    /// Reads the content of `part` up to the next boundary, keeps it, and returns the position
    /// just after that boundary.
    private mutating func readContent(of part: Part) throws(FormError) -> Int {
        let limit = max(0, part.filename == nil ? limits.maxFieldBytes : limits.maxFileBytes)
        // Searched no further than a delimiter that would end content of the largest size allowed.
        let room = body.count - part.contentStart
        let end = part.contentStart + min(room, min(room, limit) + delimiter.count)
        guard let found = findDelimiter(from: part.contentStart, before: end) else {
            if end < body.count {
                if part.filename == nil { throw FormError.fieldTooLarge(part.name, at: part.contentStart, limit: limit) }
                throw FormError(offset: part.contentStart, field: part.name, reason: .fileTooLarge,
                                message: "the file sent for the field \(FormError.shown(part.name)) is longer than "
                                    + "\(limit.groupedDigits) bytes, the most allowed")
            }
            throw FormError(offset: body.count, field: part.name, reason: .unterminated,
                            message: "the body ends inside the part for the field \(FormError.shown(part.name)); expected "
                                + "a line \(FormError.shown(bytes: dashBoundary[...])) after its content")
        }
        let content = body[part.contentStart..<found]
        if let filename = part.filename {
            files.append(FormFile(name: part.name, filename: filename, contentType: part.contentType, bytes: Array(content)))
        } else {
            guard let value = FormText.decode(content) else {
                throw FormError.notUTF8("the value of the field \(FormError.shown(part.name))", field: part.name,
                                        at: FormText.firstInvalidByte(in: content))
            }
            fields.append((part.name, value))
        }
        return found + delimiter.count
    }

    /// The offset of the first CRLF `--boundary` that starts at or after `start` and ends by `end`.
    ///
    /// Linear whatever the body holds: the delimiter's first byte, CR, appears nowhere else in it
    /// (no boundary character is a CR), so when a candidate fails after matching k bytes, none of
    /// the bytes it matched can start another, and the search resumes after them. A body of
    /// repeated partial delimiters costs at most two looks at each byte.
    private func findDelimiter(from start: Int, before end: Int) -> Int? {
        body.withUnsafeBufferPointer { bytes in
            delimiter.withUnsafeBufferPointer { pattern in
                var index = start
                let last = end - pattern.count
                while index <= last {
                    guard bytes[index] == Self.carriageReturn else {
                        index += 1
                        continue
                    }
                    var matched = 1
                    while matched < pattern.count, bytes[index + matched] == pattern[matched] { matched += 1 }
                    if matched == pattern.count { return index }
                    index += matched
                }
                return nil
            }
        }
    }
}
