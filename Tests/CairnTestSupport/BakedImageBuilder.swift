import CZlib

/// Builds small PNG and SVG images with a badge baked in.
public enum BakedImageBuilder {
    public static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    /// A 1×1 greyscale image: width 1, height 1, bit depth 8, colour type 0.
    public static let header: [UInt8] = [0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]

    public static func crc(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    public static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }

    public static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let body = Array(type.utf8) + data
        return bigEndian(UInt32(data.count)) + body + bigEndian(crc(body))
    }

    public static func deflate(_ bytes: [UInt8]) -> [UInt8] {
        var length = compressBound(uLong(bytes.count))
        var output = [UInt8](repeating: 0, count: Int(length))
        let status = compress2(&output, &length, bytes, uLong(bytes.count), 9)
        precondition(status == Z_OK)
        return Array(output[..<Int(length)])
    }

    public static func iTXt(keyword: String = "openbadges", text: String, compressed: Bool = false,
                     language: String = "", translated: String = "") -> [UInt8] {
        let body = compressed ? deflate(Array(text.utf8)) : Array(text.utf8)
        return chunk("iTXt", Array(keyword.utf8) + [0, compressed ? 1 : 0, 0] + Array(language.utf8) + [0]
                     + Array(translated.utf8) + [0] + body)
    }

    public static func png(_ chunks: [UInt8]...) -> [UInt8] {
        signature + chunk("IHDR", header) + chunks.flatMap { $0 } + chunk("IDAT", deflate([0, 0])) + chunk("IEND", [])
    }

    public static func svg(_ inner: String, prolog: String = "") -> [UInt8] {
        Array("""
            <?xml version="1.0" encoding="UTF-8"?>
            \(prolog)<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="http://openbadges.org" \
            xmlns:ob3="https://purl.imsglobal.org/ob/v3p0" width="10" height="10">
            <rect width="10" height="10"/>
            \(inner)
            </svg>
            """.utf8)
    }
}

extension BakedImageBuilder {
    /// `bytes` as a gzip member (RFC 1952), as status lists carry their bitstring.
    public static func gzip(_ bytes: [UInt8]) -> [UInt8] {
        let zlib = deflate(bytes)
        let checksum = UInt32(truncatingIfNeeded: bytes.withUnsafeBufferPointer { crc32(0, $0.baseAddress, uInt($0.count)) })
        func littleEndian(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
        return [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 0xFF] + zlib[2..<(zlib.count - 4)]
            + littleEndian(checksum) + littleEndian(UInt32(truncatingIfNeeded: bytes.count))
    }
}
