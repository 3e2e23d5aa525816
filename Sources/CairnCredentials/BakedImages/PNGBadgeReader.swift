import CZlib
import CairnCore
import CairnSyntax

/// Finds the Open Badges text chunk of a PNG (Open Badges Baking 2.0 and 3.0).
///
/// Every chunk is bounds-checked and its CRC checked; the chunks must start with `IHDR` and end
/// with `IEND`. The badge is in an `iTXt` chunk with keyword `openbadges` (OB 2.0) or
/// `openbadgecredential` (OB 3.0); `tEXt` and `zTXt` chunks with those keywords are read too.
/// Compressed text is inflated up to ``BakedBadge/maximumTextBytes``.
enum PNGBadgeReader {
    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    static let keywords: Set<String> = ["openbadges", "openbadgecredential"]
    /// The most chunks a baked PNG may have (real badges have a few dozen).
    static let maximumChunks = BakedBadge.maximumPNGChunks

    static func extract(_ bytes: [UInt8], file: String) throws(FormatError) -> BakedBadge {
        func failure(_ message: String) -> FormatError {
            FormatError(location: SourceLocation(file: file), message: message)
        }
        var offset = signature.count
        var found: [(place: String, text: String)] = []
        var sawEnd = false
        var index = 0
        while offset < bytes.count {
            let chunk = try nextChunk(bytes, at: offset, index: index, file: file)
            let type = chunk.type
            let data = bytes[chunk.data]
            switch type {
            case "iTXt", "tEXt", "zTXt":
                // A second Open Badges chunk is refused by its keyword, before anything of it is
                // inflated: the inflated bytes of a file are bounded by one chunk's limit.
                if let first = found.first, isBadgeChunk(data) {
                    throw failure("PNG has more than one Open Badges text chunk (\(first.place), and the \(type) chunk "
                                  + "at byte \(offset)); a baked badge has one")
                }
                if let text = try badgeText(type: type, data: data, offset: offset, file: file) {
                    found.append(text)
                }
            case "IEND":
                sawEnd = true
            default:
                break
            }
            offset = chunk.end
            index += 1
            guard index <= maximumChunks else {
                throw failure("the PNG has more than \(maximumChunks.groupedDigits) chunks; refused")
            }
            if sawEnd { break }
        }
        guard index > 0 else { throw failure("the PNG has a signature but no chunks") }
        guard sawEnd else { throw failure("the PNG ends without an IEND chunk (is it truncated?)") }
        guard let first = found.first else {
            throw failure("PNG has no openbadges iTXt chunk (keyword openbadges or openbadgecredential): it is not a baked badge")
        }
        guard found.count == 1 else {
            throw failure("PNG has \(found.count) Open Badges text chunks (\(found.map(\.place).joined(separator: ", "))); "
                          + "a baked badge has one")
        }
        guard let content = BakedContent(classifying: first.text) else {
            throw failure("the \(first.place) holds neither JSON, a JWT nor a URL: it starts with \"\(preview(first.text))\"")
        }
        return BakedBadge(content: content, format: .png, place: first.place)
    }

    /// One chunk's place in the file.
    struct Chunk {
        var type: String
        /// Where its data lies.
        var data: Range<Int>
        /// Where the next chunk starts (after the CRC).
        var end: Int
    }

    /// The chunk starting at `offset` (the `index`-th), checked: a whole header, a type of
    /// letters, a length within PNG's limit and the file, `IHDR` first, and a matching CRC.
    /// The reader and ``BadgeBaker`` walk chunks with it, so both refuse the same damage.
    static func nextChunk(_ bytes: [UInt8], at offset: Int, index: Int, file: String) throws(FormatError) -> Chunk {
        func failure(_ message: String) -> FormatError {
            FormatError(location: SourceLocation(file: file), message: message)
        }
        guard bytes.count - offset >= 8 else {
            throw failure("PNG chunk header at byte \(offset) is truncated (\(bytes.count - offset) bytes left, 8 needed)")
        }
        let length = Int(readUInt32(bytes, at: offset))
        let typeBytes = Array(bytes[(offset + 4)..<(offset + 8)])
        let type = chunkName(typeBytes)
        guard typeBytes.allSatisfy({ ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) }) else {
            throw failure("PNG chunk at byte \(offset) has an invalid type \(type) (the file is damaged)")
        }
        guard length <= 0x7FFF_FFFF else {
            throw failure("PNG chunk \(type) at byte \(offset) declares \(length) bytes, over the PNG limit of 2^31 - 1")
        }
        let dataStart = offset + 8
        guard bytes.count - dataStart >= length + 4 else {
            throw failure("PNG chunk \(type) at byte \(offset) is truncated: it declares \(length) bytes of data "
                          + "but the file ends \(max(0, bytes.count - dataStart)) bytes after its header")
        }
        if index == 0 && type != "IHDR" {
            throw failure("the PNG's first chunk is \(type), not IHDR")
        }
        let stored = readUInt32(bytes, at: dataStart + length)
        let computed = crc(bytes, from: offset + 4, count: length + 4)
        guard stored == computed else {
            throw failure("PNG chunk \(type) at byte \(offset) has a bad CRC (stored \(hex(stored)), "
                          + "computed \(hex(computed))): the file is damaged")
        }
        return Chunk(type: type, data: dataStart..<(dataStart + length), end: dataStart + length + 4)
    }

    /// Whether a text chunk's keyword is one of the Open Badges keywords.
    static func isBadgeChunk(_ data: ArraySlice<UInt8>) -> Bool {
        guard let keywordEnd = data.firstIndex(of: 0) else { return false }
        return keywords.contains(String(decoding: data[data.startIndex..<keywordEnd], as: UTF8.self))
    }

    /// The text of an Open Badges text chunk, or `nil` for a text chunk with another keyword.
    private static func badgeText(type: String, data: ArraySlice<UInt8>, offset: Int, file: String)
        throws(FormatError) -> (place: String, text: String)?
    {
        func failure(_ message: String) -> FormatError {
            FormatError(location: SourceLocation(file: file), message: message)
        }
        guard let keywordEnd = data.firstIndex(of: 0) else {
            // A text chunk without a keyword separator is damaged, but only ours matter.
            return nil
        }
        let keyword = String(decoding: data[data.startIndex..<keywordEnd], as: UTF8.self)
        guard keywords.contains(keyword) else { return nil }
        let place = "\(type) chunk \"\(keyword)\" at byte \(offset)"
        var rest = data[(keywordEnd + 1)...]
        var compressed = false
        switch type {
        case "tEXt":
            break
        case "zTXt":
            guard let method = rest.first else { throw failure("the \(place) is truncated after its keyword") }
            guard method == 0 else { throw failure("the \(place) uses compression method \(method); only 0 (zlib) exists") }
            rest = rest.dropFirst()
            compressed = true
        default:  // iTXt
            guard rest.count >= 2 else { throw failure("the \(place) is truncated after its keyword") }
            let flag = rest[rest.startIndex], method = rest[rest.startIndex + 1]
            guard flag <= 1 else { throw failure("the \(place) has compression flag \(flag); expected 0 or 1") }
            if flag == 1 && method != 0 {
                throw failure("the \(place) uses compression method \(method); only 0 (zlib) exists")
            }
            compressed = flag == 1
            rest = rest.dropFirst(2)
            guard let languageEnd = rest.firstIndex(of: 0) else {
                throw failure("the \(place) has no end to its language tag")
            }
            rest = rest[(languageEnd + 1)...]
            guard let translatedEnd = rest.firstIndex(of: 0) else {
                throw failure("the \(place) has no end to its translated keyword")
            }
            rest = rest[(translatedEnd + 1)...]
        }
        var textBytes = Array(rest)
        if compressed {
            do {
                textBytes = try ZlibInflate.inflate(textBytes, limit: BakedBadge.maximumTextBytes)
            } catch {
                switch error {
                case .tooLarge:
                    throw failure("the \(place) inflates to more than \(BoundedFile.describe(bytes: BakedBadge.maximumTextBytes)); refused")
                case .truncated:
                    throw failure("the compressed text of the \(place) is truncated")
                case .trailingBytes:
                    throw failure("the compressed text of the \(place) has bytes after its end")
                case .corrupt(let reason):
                    throw failure("the compressed text of the \(place) cannot be inflated: \(reason)")
                }
            }
        } else if textBytes.count > BakedBadge.maximumTextBytes {
            throw failure("the \(place) holds more than \(BakedBadge.maximumTextBytes >> 20) MiB of text; refused")
        }
        let text: String
        if type == "iTXt" {
            guard let decoded = String(validating: textBytes, as: UTF8.self) else {
                throw failure("the text of the \(place) is not UTF-8")
            }
            text = decoded
        } else {
            // tEXt and zTXt are Latin-1; a badge is ASCII JSON or a URL, but decode faithfully.
            text = String(String.UnicodeScalarView(textBytes.map { Unicode.Scalar($0) }))
        }
        return (place, text)
    }

    static func readUInt32(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16 | UInt32(bytes[offset + 2]) << 8 | UInt32(bytes[offset + 3])
    }

    /// CRC-32 (ISO 3309, as PNG uses) of `count` bytes from `start`, with zlib's `crc32`.
    static func crc(_ bytes: [UInt8], from start: Int, count: Int) -> UInt32 {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return 0 }
            return UInt32(truncatingIfNeeded: crc32(0, base + start, uInt(count)))
        }
    }

    static func chunkName(_ bytes: [UInt8]) -> String {
        bytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7F })
            ? String(decoding: bytes, as: UTF8.self)
            : bytes.map { hexByte($0) }.joined(separator: " ")
    }

    private static func hexByte(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16, uppercase: true)
        return digits.count == 1 ? "0" + digits : digits
    }

    static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return "0x" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
    }

    static func preview(_ text: String) -> String {
        let trimmed = CompactJWS.trimmingWhitespace(text)
        let head = trimmed.prefix(30).map { $0.isNewline ? " " : String($0) }.joined()
        return trimmed.count > 30 ? head + "…" : head
    }
}
