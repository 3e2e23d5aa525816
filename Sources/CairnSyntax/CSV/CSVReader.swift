import CairnCore
// Hand-written: errors name line and column, a BOM is skipped, a file is parsed in chunks; the mirror's SwiftCSV and CSV.swift give no positions.

/// Reads comma-separated values as RFC 4180 describes them, one record at a time.
///
/// - Fields are separated by commas; records end with CRLF, LF or a lone CR.
/// - A field that starts with `"` is quoted: it may hold commas and line breaks, and a
///   doubled quote `""` stands for one `"`. After the closing quote comes a comma, the
///   end of the record or the end of the text; anything else is an error.
/// - A `"` inside an unquoted field is kept as it is.
/// - A leading byte-order mark is skipped; empty lines are skipped; a final line break is optional.
///
/// Line breaks inside quoted fields are kept as written (CRLF stays CRLF).
///
/// A file is read a chunk at a time (``init(path:display:limit:subject:chunkBytes:)``), so
/// only the record being read is held, however large the file; text already in memory is read
/// with ``init(text:file:)`` or ``records(in:file:)``. Errors name the same line and column
/// either way. A reader of a file owns it, so it cannot be copied.
package struct CSVReader: ~Copyable {
    private enum State {
        /// At the start of a field (and perhaps of a record).
        case fieldStart
        case unquoted
        case quoted
        /// A quote inside a quoted field: the first of a doubled quote, or the closing one.
        case quoteInQuoted
        /// A CR inside a quoted field: a line break of its own unless an LF follows.
        case carriageReturnInQuoted
        /// A record ended with a CR: an LF right after it belongs to the same line break.
        case afterRecordCarriageReturn
    }

    private static let quote = UInt8(ascii: "\"")
    private static let comma = UInt8(ascii: ",")
    private static let lineFeed = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")

    /// The path used in error locations.
    private let file: String
    /// Where further chunks come from; nil for text in memory, or once the file is read.
    private var source: BoundedFileReader?
    private var chunk: [UInt8]
    private var position = 0
    private var atStart = true
    private var finished = false

    private var state = State.fieldStart
    /// The line and column of the next byte; columns count characters (Unicode scalars).
    private var line = 1
    private var column = 1

    private var fields: [String] = []
    /// The columns whose text the caller reads; the others are checked but kept as "" (an
    /// export's columns Cairn ignores cost no string each). nil: every column.
    package var keptColumns: Set<Int>?
    private var starts: [CSVRecord.FieldStart] = []
    private var fieldStart = CSVRecord.FieldStart(line: 1, column: 1)
    private var field: [UInt8] = []
    private var fieldIsQuoted = false
    private var recordStarted = false
    private var recordLine = 1
    private var openingQuote = (line: 1, column: 1)

    /// A reader of text held in memory; `file` names it in errors.
    package init(text: String, file: String) {
        self.file = file
        self.source = nil
        self.chunk = Array(text.utf8)
    }

    /// A reader of the file at `path`, opened with ``BoundedFileReader``'s checks.
    ///
    /// - Parameters:
    ///   - display: How errors name the file (defaults to `path`).
    ///   - limit: The most bytes the file may have.
    ///   - subject: What such files are, in the plural, for a refusal by size.
    ///   - chunkBytes: The most bytes read at once.
    /// - Throws: ``FormatError`` located at the file: no such file, not a regular file,
    ///   unreadable, or over the limit.
    package init(path: String, display: String? = nil, limit: Int, subject: String,
                chunkBytes: Int = BoundedFileReader.defaultChunkBytes) throws(FormatError) {
        self.file = display ?? path
        self.source = try BoundedFileReader(path: path, display: display, limit: limit, subject: subject,
                                            chunkBytes: chunkBytes)
        self.chunk = []
    }

    /// Every record of `text`, the header included, in order.
    ///
    /// - Parameter file: The path used in error locations.
    /// - Throws: ``FormatErrors`` for an unterminated quoted field (located at its opening
    ///   quote) or text after a closing quote (located at that text).
    package static func records(in text: String, file: String) throws(FormatErrors) -> [CSVRecord] {
        var reader = CSVReader(text: text, file: file)
        var records: [CSVRecord] = []
        do {
            while let record = try reader.next() { records.append(record) }
        } catch {
            throw FormatErrors(error)
        }
        return records
    }

    /// The next record (the header is the first), or nil after the last.
    ///
    /// - Throws: ``FormatError`` for an unterminated quoted field (located at its opening
    ///   quote), text after a closing quote (located at that text), a file whose bytes are not
    ///   UTF-8, or one that cannot be read or grows past its limit (located at the file).
    package mutating func next() throws(FormatError) -> CSVRecord? {
        if atStart {
            atStart = false
            try skipByteOrderMark()
        }
        while !finished {
            guard position < chunk.count else {
                if try !refill() {
                    finished = true
                    return try endOfText()
                }
                continue
            }
            if state == .quoted || state == .unquoted {
                takeOrdinaryRun()
                guard position < chunk.count else { continue }
            }
            let byte = chunk[position]
            position += 1
            if let record = try consume(byte) { return record }
        }
        return nil
    }

    /// Adds to the field, in one step, the bytes from `position` that neither end it nor
    /// start a line: most of a file is such runs, and byte by byte they cost several times more.
    private mutating func takeOrdinaryRun() {
        let inQuotes = state == .quoted
        let fieldEnd = inQuotes ? Self.quote : Self.comma
        var end = position
        var characters = 0
        chunk.withUnsafeBufferPointer { bytes in
            while end < bytes.count {
                let byte = bytes[end]
                if byte == fieldEnd || byte == Self.lineFeed || byte == Self.carriageReturn { break }
                if byte & 0xC0 != 0x80 { characters += 1 }
                end += 1
            }
        }
        field.append(contentsOf: chunk[position..<end])
        column += characters
        position = end
    }

    // MARK: - Bytes

    /// The next chunk of the file, or nil when there is none (or no file).
    private mutating func readChunk() throws(FormatError) -> [UInt8]? {
        guard var file = source.take() else { return nil }
        guard let next = try file.nextChunk() else { return nil }
        source = consume file
        return next
    }

    private mutating func refill() throws(FormatError) -> Bool {
        guard let next = try readChunk() else { return false }
        chunk = next
        position = 0
        return true
    }

    private mutating func skipByteOrderMark() throws(FormatError) {
        while chunk.count < 3, let more = try readChunk() { chunk += more }
        if chunk.count >= 3, chunk[0] == 0xEF, chunk[1] == 0xBB, chunk[2] == 0xBF { position = 3 }
    }

    // MARK: - Parsing

    private mutating func consume(_ byte: UInt8) throws(FormatError) -> CSVRecord? {
        switch state {
        case .afterRecordCarriageReturn:
            state = .fieldStart
            return byte == Self.lineFeed ? nil : try consume(byte)
        case .carriageReturnInQuoted:
            state = .quoted
            if byte != Self.lineFeed { startLine() }
            return try consume(byte)
        case .fieldStart:
            if !recordStarted {
                recordStarted = true
                recordLine = line
            }
            fieldStart = CSVRecord.FieldStart(line: line, column: column)
            if byte == Self.quote {
                fieldIsQuoted = true
                openingQuote = (line, column)
                state = .quoted
                advance(over: byte)
                return nil
            }
            state = .unquoted
            return try consumeUnquoted(byte)
        case .unquoted:
            return try consumeUnquoted(byte)
        case .quoted:
            switch byte {
            case Self.quote:
                state = .quoteInQuoted
                advance(over: byte)
            case Self.lineFeed:
                field.append(byte)
                startLine()
            case Self.carriageReturn:
                field.append(byte)
                state = .carriageReturnInQuoted
            default:
                field.append(byte)
                advance(over: byte)
            }
            return nil
        case .quoteInQuoted:
            if byte == Self.quote {
                field.append(byte)
                state = .quoted
                advance(over: byte)
                return nil
            }
            guard byte == Self.comma || byte == Self.lineFeed || byte == Self.carriageReturn else {
                throw FormatError(location: SourceLocation(file: file, line: line, column: column),
                                  message: "expected a comma or the end of the record after a closing quote, found "
                                      + quoted(String(decoding: [byte], as: UTF8.self)))
            }
            state = .unquoted
            return try consumeUnquoted(byte)
        }
    }

    private mutating func consumeUnquoted(_ byte: UInt8) throws(FormatError) -> CSVRecord? {
        switch byte {
        case Self.comma:
            try endField()
            state = .fieldStart
            advance(over: byte)
            return nil
        case Self.lineFeed, Self.carriageReturn:
            let record = try endRecord()
            startLine()
            state = byte == Self.carriageReturn ? .afterRecordCarriageReturn : .fieldStart
            return record
        default:
            field.append(byte)
            advance(over: byte)
            return nil
        }
    }

    private mutating func endOfText() throws(FormatError) -> CSVRecord? {
        switch state {
        case .quoted, .carriageReturnInQuoted:
            throw FormatError(location: SourceLocation(file: file, line: openingQuote.line, column: openingQuote.column),
                              message: "unterminated quoted field: no closing \" before the end of the file")
        default:
            return recordStarted ? try endRecord() : nil
        }
    }

    private mutating func endField() throws(FormatError) {
        // Every byte that is not a delimiter lands in a field, so checking fields checks the file.
        // ASCII (nearly every field of an export) is valid UTF-8 as it stands.
        let kept = keptColumns?.contains(fields.count) ?? true
        let text: String? = field.withUnsafeBufferPointer { bytes in
            var ascii = true
            for byte in bytes where byte >= 0x80 { ascii = false; break }
            if ascii { return kept ? String(decoding: bytes, as: UTF8.self) : "" }
            return String(validating: bytes, as: UTF8.self).map { kept ? $0 : "" }
        }
        guard let text else {
            throw FormatError(location: SourceLocation(file: file), message: "the file is not UTF-8 text")
        }
        fields.append(text)
        starts.append(fieldStart)
        field.removeAll(keepingCapacity: true)
        fieldIsQuoted = false
    }

    /// The record read, or nil for an empty line.
    private mutating func endRecord() throws(FormatError) -> CSVRecord? {
        let lastFieldIsQuoted = fieldIsQuoted
        try endField()
        defer {
            // The next record most likely has as many fields: room for them at once.
            let width = fields.count
            fields = []
            starts = []
            fields.reserveCapacity(width)
            starts.reserveCapacity(width)
            recordStarted = false
        }
        if fields.count == 1 && fields[0].isEmpty && !lastFieldIsQuoted { return nil }
        return CSVRecord(fields: fields, line: recordLine, starts: starts)
    }

    private mutating func startLine() {
        line += 1
        column = 1
    }

    private mutating func advance(over byte: UInt8) {
        // A UTF-8 continuation byte belongs to the character before it.
        if byte & 0xC0 != 0x80 { column += 1 }
    }
}
