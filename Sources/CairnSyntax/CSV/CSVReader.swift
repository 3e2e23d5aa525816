import CairnCore

/// Reads comma-separated values as RFC 4180 describes them.
///
/// - Fields are separated by commas; records end with CRLF, LF or a lone CR.
/// - A field that starts with `"` is quoted: it may hold commas and line breaks, and a
///   doubled quote `""` stands for one `"`. After the closing quote comes a comma, the
///   end of the record or the end of the text; anything else is an error.
/// - A `"` inside an unquoted field is kept as it is.
/// - A leading byte-order mark is skipped; empty lines are skipped; a final line break is optional.
///
/// Line breaks inside quoted fields are kept as written (CRLF stays CRLF).
package enum CSVReader {
    /// Every record of `text`, the header included, in order.
    ///
    /// - Parameter file: The path used in error locations.
    /// - Throws: ``FormatErrors`` for an unterminated quoted field (located at its opening
    ///   quote) or text after a closing quote (located at that text).
    package static func records(in text: String, file: String) throws(FormatErrors) -> [CSVRecord] {
        var parser = Parser(file: file)
        var problem: FormatError?
        text.utf8.withContiguousStorageIfAvailable { bytes in
            problem = parser.parse(bytes)
        } ?? {
            let bytes = Array(text.utf8)
            problem = bytes.withUnsafeBufferPointer { parser.parse($0) }
        }()
        if let problem { throw FormatErrors(problem) }
        return parser.records
    }

    private struct Parser {
        let file: String
        var records: [CSVRecord] = []

        private static let quote = UInt8(ascii: "\"")
        private static let comma = UInt8(ascii: ",")
        private static let lineFeed = UInt8(ascii: "\n")
        private static let carriageReturn = UInt8(ascii: "\r")

        init(file: String) {
            self.file = file
        }

        mutating func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> FormatError? {
            var index = 0
            if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }
            var line = 1
            var lineStart = index
            var fields: [String] = []
            var field: [UInt8] = []
            var recordLine = 1
            var fieldIsQuoted = false

            func column(_ position: Int, lineStart: Int) -> Int {
                // Columns count characters (Unicode scalars), not bytes.
                var count = 1
                var cursor = lineStart
                while cursor < position {
                    if bytes[cursor] & 0xC0 != 0x80 { count += 1 }
                    cursor += 1
                }
                return count
            }

            func endRecord() {
                fields.append(String(decoding: field, as: UTF8.self))
                if !(fields.count == 1 && fields[0].isEmpty && !fieldIsQuoted) {
                    records.append(CSVRecord(fields: fields, line: recordLine))
                }
                fields = []
                field = []
                fieldIsQuoted = false
            }

            var atFieldStart = true
            var recordStarted = false
            while index < bytes.count {
                let byte = bytes[index]
                if !recordStarted {
                    recordStarted = true
                    recordLine = line
                }
                if atFieldStart && byte == Self.quote {
                    // A quoted field: read to the closing quote.
                    let openLine = line
                    let openIndex = index
                    let openLineStart = lineStart
                    fieldIsQuoted = true
                    index += 1
                    var closed = false
                    while index < bytes.count {
                        let inner = bytes[index]
                        if inner == Self.quote {
                            if index + 1 < bytes.count && bytes[index + 1] == Self.quote {
                                field.append(Self.quote)
                                index += 2
                                continue
                            }
                            index += 1
                            closed = true
                            break
                        }
                        if inner == Self.lineFeed || (inner == Self.carriageReturn
                                                      && !(index + 1 < bytes.count && bytes[index + 1] == Self.lineFeed)) {
                            line += 1
                            lineStart = index + 1
                        }
                        field.append(inner)
                        index += 1
                    }
                    guard closed else {
                        return FormatError(location: SourceLocation(file: file, line: openLine,
                                                                   column: column(openIndex, lineStart: openLineStart)),
                                           message: "unterminated quoted field: no closing \" before the end of the file")
                    }
                    if index < bytes.count {
                        let next = bytes[index]
                        if next != Self.comma && next != Self.lineFeed && next != Self.carriageReturn {
                            return FormatError(
                                location: SourceLocation(file: file, line: line, column: column(index, lineStart: lineStart)),
                                message: "expected a comma or the end of the record after a closing quote, found "
                                    + quoted(String(decoding: [next], as: UTF8.self)))
                        }
                    }
                    atFieldStart = false
                    continue
                }
                atFieldStart = false
                switch byte {
                case Self.comma:
                    fields.append(String(decoding: field, as: UTF8.self))
                    field = []
                    fieldIsQuoted = false
                    atFieldStart = true
                    index += 1
                case Self.lineFeed, Self.carriageReturn:
                    if byte == Self.carriageReturn, index + 1 < bytes.count, bytes[index + 1] == Self.lineFeed {
                        index += 1
                    }
                    index += 1
                    endRecord()
                    line += 1
                    lineStart = index
                    atFieldStart = true
                    recordStarted = false
                default:
                    field.append(byte)
                    index += 1
                }
            }
            if recordStarted { endRecord() }
            return nil
        }
    }
}
