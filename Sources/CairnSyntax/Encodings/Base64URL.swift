// Hand-written: decoding is canonical, as JOSE needs (set unused bits are refused; Foundation's Data(base64Encoded:) reads "QR==" as "QQ==").
/// Base64url (RFC 4648 §5), the encoding of every part of a JWS, and plain base64 for PEM.
///
/// Decoding is strict: only the alphabet's characters, no spaces, no length that cannot come
/// from encoding (one character left over), and no set bits in the unused tail of the last
/// character, so each byte string has exactly one accepted text. Padding (`=`) is not needed
/// and, when present, must be correct.
package enum Base64URL {
    /// Why a text is not base64url (or base64).
    package enum DecodingError: Error, Sendable, Hashable, CustomStringConvertible {
        /// A character outside the alphabet, at a 0-based offset in characters.
        case invalidCharacter(Character, offset: Int)
        /// A length that no encoding produces (4n + 1 characters).
        case impossibleLength(Int)
        /// `=` padding that is not at the end or does not fit the length.
        case badPadding
        /// The last character carries bits that encoding leaves zero.
        case nonZeroTrailingBits

        package var description: String {
            switch self {
            case .invalidCharacter(let character, let offset):
                let shown = character.unicodeScalars.allSatisfy { $0.value >= 0x21 && $0.value < 0x7F }
                    ? "\"\(character)\""
                    : "U+" + String(character.unicodeScalars.first?.value ?? 0, radix: 16, uppercase: true)
                return "the character \(shown) at offset \(offset) is not in the alphabet"
            case .impossibleLength(let length):
                return "\(length) characters is not a possible length (one character too many or too few)"
            case .badPadding:
                return "the \"=\" padding is misplaced or of the wrong length"
            case .nonZeroTrailingBits:
                return "the last character has bits set that an encoder leaves zero"
            }
        }
    }

    /// Decodes base64url text (`A–Z a–z 0–9 - _`).
    package static func decode(_ text: some StringProtocol) throws(DecodingError) -> [UInt8] {
        try decode(text, urlSafe: true)
    }

    /// Encodes bytes as base64url without padding.
    package static func encode(_ bytes: some Collection<UInt8>) -> String {
        encode(bytes, alphabet: urlAlphabet, pad: false)
    }

    /// Decodes standard base64 (`+ /`), as in PEM bodies; the caller removes line breaks.
    package static func decodeStandard(_ text: some StringProtocol) throws(DecodingError) -> [UInt8] {
        try decode(text, urlSafe: false)
    }

    /// Encodes bytes as standard base64 with padding.
    package static func encodeStandard(_ bytes: some Collection<UInt8>) -> String {
        encode(bytes, alphabet: standardAlphabet, pad: true)
    }

    private static let urlAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
    private static let standardAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    private static func sextet(_ byte: UInt8, urlSafe: Bool) -> UInt8? {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): byte - UInt8(ascii: "A")
        case UInt8(ascii: "a")...UInt8(ascii: "z"): byte - UInt8(ascii: "a") + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0") + 52
        case UInt8(ascii: "-") where urlSafe, UInt8(ascii: "+") where !urlSafe: 62
        case UInt8(ascii: "_") where urlSafe, UInt8(ascii: "/") where !urlSafe: 63
        default: nil
        }
    }

    private static func decode(_ text: some StringProtocol, urlSafe: Bool) throws(DecodingError) -> [UInt8] {
        var characters = Array(text.utf8)
        var padding = 0
        while characters.last == UInt8(ascii: "=") {
            characters.removeLast()
            padding += 1
        }
        if padding > 0 && (padding > 2 || (characters.count + padding) % 4 != 0) { throw .badPadding }
        if characters.count % 4 == 1 { throw .impossibleLength(characters.count) }
        var output: [UInt8] = []
        output.reserveCapacity(characters.count * 3 / 4)
        var accumulator: UInt32 = 0
        var bits = 0
        for (offset, byte) in characters.enumerated() {
            guard let value = sextet(byte, urlSafe: urlSafe) else {
                if byte == UInt8(ascii: "=") { throw .badPadding }
                throw .invalidCharacter(character(at: offset, in: text), offset: characterOffset(offset, in: text))
            }
            accumulator = (accumulator << 6) | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                output.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
                accumulator &= (1 << UInt32(bits)) - 1
            }
        }
        if accumulator != 0 { throw .nonZeroTrailingBits }
        return output
    }

    /// The character containing the UTF-8 byte at `byteOffset` (for messages only).
    private static func character(at byteOffset: Int, in text: some StringProtocol) -> Character {
        var seen = 0
        for character in text {
            seen += character.utf8.count
            if seen > byteOffset { return character }
        }
        return "?"
    }

    private static func characterOffset(_ byteOffset: Int, in text: some StringProtocol) -> Int {
        var seen = 0
        for (index, character) in text.enumerated() {
            seen += character.utf8.count
            if seen > byteOffset { return index }
        }
        return byteOffset
    }

    private static func encode(_ bytes: some Collection<UInt8>, alphabet: [UInt8], pad: Bool) -> String {
        var output: [UInt8] = []
        output.reserveCapacity((bytes.count + 2) / 3 * 4)
        var iterator = bytes.makeIterator()
        while let first = iterator.next() {
            let second = iterator.next()
            let third = iterator.next()
            let word = UInt32(first) << 16 | UInt32(second ?? 0) << 8 | UInt32(third ?? 0)
            output.append(alphabet[Int(word >> 18 & 63)])
            output.append(alphabet[Int(word >> 12 & 63)])
            if second != nil { output.append(alphabet[Int(word >> 6 & 63)]) } else if pad { output.append(UInt8(ascii: "=")) }
            if third != nil { output.append(alphabet[Int(word & 63)]) } else if pad { output.append(UInt8(ascii: "=")) }
            if third == nil { break }
        }
        return String(decoding: output, as: UTF8.self)
    }
}
