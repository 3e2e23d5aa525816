// Hand-written: Data Integrity's multibase values (`z…`) need base58btc, and no package in the mirror has it.
/// Base58 with the Bitcoin alphabet, as multibase `z…` values (proof values, multikeys) use it.
package enum Base58BTC {
    private static let alphabet = Array("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".utf8)
    private static let values: [Int8] = {
        var table = [Int8](repeating: -1, count: 128)
        for (value, byte) in alphabet.enumerated() { table[Int(byte)] = Int8(value) }
        return table
    }()

    /// Longer input than this is refused (decoding is quadratic; keys and signatures are short).
    static let maximumLength = 512

    /// The bytes `text` encodes; `nil` for a character outside the alphabet or a too long text.
    static func decode(_ text: Substring) -> [UInt8]? {
        let input = Array(text.utf8)
        guard input.count <= maximumLength else { return nil }
        var zeros = 0
        while zeros < input.count, input[zeros] == UInt8(ascii: "1") { zeros += 1 }
        var bytes: [UInt8] = []  // little-endian big number
        for character in input[zeros...] {
            guard character < 128, values[Int(character)] >= 0 else { return nil }
            var carry = Int(values[Int(character)])
            for index in bytes.indices {
                carry += Int(bytes[index]) * 58
                bytes[index] = UInt8(carry & 0xFF)
                carry >>= 8
            }
            while carry > 0 {
                bytes.append(UInt8(carry & 0xFF))
                carry >>= 8
            }
        }
        return [UInt8](repeating: 0, count: zeros) + bytes.reversed()
    }

    /// `bytes` in base58: each leading zero byte as `1`, the rest as one big-endian number.
    package static func encode(_ bytes: [UInt8]) -> String {
        let zeros = bytes.prefix { $0 == 0 }.count
        var digits: [UInt8] = []  // little-endian base-58 digits
        for byte in bytes[zeros...] {
            var carry = Int(byte)
            for index in digits.indices {
                carry += Int(digits[index]) << 8
                digits[index] = UInt8(carry % 58)
                carry /= 58
            }
            while carry > 0 {
                digits.append(UInt8(carry % 58))
                carry /= 58
            }
        }
        let text = [UInt8](repeating: alphabet[0], count: zeros) + digits.reversed().map { alphabet[Int($0)] }
        return String(decoding: text, as: UTF8.self)
    }

    /// `bytes` as a multibase base58btc value: `z` then base58.
    package static func encodeMultibase(_ bytes: [UInt8]) -> String {
        "z" + encode(bytes)
    }

    /// The bytes of a multibase base58btc value (`z` then base58); `nil` for anything else.
    package static func decodeMultibase(_ text: String) -> [UInt8]? {
        guard text.hasPrefix("z") else { return nil }
        return decode(text.dropFirst())
    }
}
