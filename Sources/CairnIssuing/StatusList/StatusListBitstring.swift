import CairnCredentials
import CairnSyntax

/// The bitstring of a W3C Bitstring Status List: one bit per issued credential, set when the
/// issuer revokes (or suspends) it.
///
/// Index 0 is the most significant bit of the first byte. ``encodedList`` is what the list
/// credential publishes: `u` (multibase base64url) and the base64url, without padding, of the
/// GZIP-compressed bytes. A list has at least ``minimumBits`` entries (16 KiB), so that one
/// credential's index tells little about who holds it.
public struct StatusListBitstring: Sendable, Hashable {
    /// The smallest list, in bits: 131,072 (16 KiB), as the W3C recommendation requires.
    public static let minimumBits = 131_072
    /// The largest list made or read, in bits: what `CredentialRevocation` still reads
    /// (16 MiB of bytes).
    public static let maximumBits = CredentialRevocation.maximumStatusListBytes * 8

    /// Why an `encodedList` could not be read back.
    public enum DecodingError: Error, Sendable, Hashable, CustomStringConvertible {
        /// The text after the optional `u` is not base64url.
        case notBase64URL(String)
        /// The bytes are not one complete GZIP member.
        case notGzip(String)
        /// The list inflates to more than ``StatusListBitstring/maximumBits`` bits.
        case tooLarge
        /// The list has fewer than ``StatusListBitstring/minimumBits`` bits.
        case tooShort(bits: Int)

        public var description: String {
            switch self {
            case .notBase64URL(let reason): "the encodedList is not base64url: \(reason)"
            case .notGzip(let reason): "the encodedList is not GZIP data: \(reason)"
            case .tooLarge: "the encodedList inflates to more than \(StatusListBitstring.maximumBits) bits"
            case .tooShort(let bits):
                "the encodedList holds \(bits) bits; a status list has at least \(StatusListBitstring.minimumBits)"
            }
        }
    }

    /// The number of entries (a multiple of 8).
    public var bits: Int { bytes.count * 8 }
    /// The bitstring, index 0 in the top bit of `bytes[0]`.
    public private(set) var bytes: [UInt8]

    /// A list of ``minimumBits`` entries, none set.
    public init() {
        bytes = [UInt8](repeating: 0, count: Self.minimumBits / 8)
    }

    /// A list of `bits` entries, none set; `nil` unless `bits` is a multiple of 8 from
    /// ``minimumBits`` to ``maximumBits``.
    public init?(bits: Int) {
        guard bits >= Self.minimumBits, bits <= Self.maximumBits, bits % 8 == 0 else { return nil }
        bytes = [UInt8](repeating: 0, count: bits / 8)
    }

    /// The list whose bitstring is `bytes` (as a store keeps it); `nil` unless its size is
    /// between ``minimumBits`` and ``maximumBits``.
    public init?(bytes: [UInt8]) {
        guard bytes.count * 8 >= Self.minimumBits, bytes.count * 8 <= Self.maximumBits else { return nil }
        self.bytes = bytes
    }

    /// Reads back an `encodedList`: with or without the `u` multibase prefix (StatusList2021
    /// lists have none).
    public init(encodedList: String) throws(DecodingError) {
        let text = encodedList.hasPrefix("u") ? encodedList.dropFirst() : Substring(encodedList)
        let compressed: [UInt8]
        do {
            compressed = try Base64URL.decode(text)
        } catch {
            throw .notBase64URL(error.description)
        }
        let inflated: [UInt8]
        do {
            inflated = try ZlibInflate.inflate(compressed, wrapper: .gzip, limit: Self.maximumBits / 8)
        } catch {
            switch error {
            case .tooLarge: throw .tooLarge
            case .corrupt(let reason): throw .notGzip(reason)
            case .truncated: throw .notGzip("it ends before the end of the compressed data")
            case .trailingBytes: throw .notGzip("bytes follow the end of the compressed data")
            }
        }
        guard inflated.count * 8 >= Self.minimumBits else { throw .tooShort(bits: inflated.count * 8) }
        bytes = inflated
    }

    /// Whether the entry at `index` is set. Like an array's subscript, an index outside
    /// `0..<bits` stops the program: callers hand out indices below ``bits``.
    public subscript(index: Int) -> Bool {
        get {
            precondition(index >= 0 && index < bits, "status list index \(index) is outside 0..<\(bits)")
            return bytes[index / 8] & Self.mask(index) != 0
        }
        set {
            precondition(index >= 0 && index < bits, "status list index \(index) is outside 0..<\(bits)")
            if newValue {
                bytes[index / 8] |= Self.mask(index)
            } else {
                bytes[index / 8] &= ~Self.mask(index)
            }
        }
    }

    /// The indices that are set, in increasing order.
    public var setIndices: [Int] {
        var indices: [Int] = []
        for (offset, byte) in bytes.enumerated() where byte != 0 {
            for bit in 0..<8 where byte & (0x80 >> UInt8(bit)) != 0 { indices.append(offset * 8 + bit) }
        }
        return indices
    }

    /// `u` and the unpadded base64url of the GZIP-compressed bytes, as a list credential's
    /// `credentialSubject.encodedList` holds them. The same bits always give the same text.
    public var encodedList: String {
        "u" + Base64URL.encode(ZlibDeflate.deflate(bytes, wrapper: .gzip))
    }

    /// The bit of `index` within its byte: the most significant first.
    private static func mask(_ index: Int) -> UInt8 { 0x80 >> UInt8(index % 8) }
}
