/// Takes typed values off the front of a fuzz input (like LLVM's FuzzedDataProvider), so a
/// target can build structured values (calendars, dates) from arbitrary bytes. When the bytes
/// run out every value is zero or empty, so each input gives one value deterministically.
public struct FuzzedData: Sendable {
    private var remaining: ArraySlice<UInt8>

    public init(_ bytes: [UInt8]) {
        remaining = bytes[...]
    }

    public var isEmpty: Bool { remaining.isEmpty }

    public mutating func byte() -> UInt8 {
        remaining.popFirst() ?? 0
    }

    public mutating func bool() -> Bool {
        byte() & 1 == 1
    }

    /// An integer in `range`, from as many bytes as the range needs.
    public mutating func int(in range: ClosedRange<Int>) -> Int {
        let span = UInt64(bitPattern: Int64(range.upperBound) &- Int64(range.lowerBound))
        var value: UInt64 = 0
        var covered: UInt64 = 0
        while covered < span, !remaining.isEmpty {
            value = value << 8 | UInt64(byte())
            covered = covered << 8 | 0xFF
        }
        let offset = span == .max ? value : value % (span + 1)
        return Int(truncatingIfNeeded: Int64(range.lowerBound) &+ Int64(bitPattern: offset))
    }

    /// A string of at most `maximumBytes` UTF-8 bytes: a length byte, then that many bytes
    /// (invalid UTF-8 replaced).
    public mutating func string(maximumBytes: Int = 255) -> String {
        let count = min(Int(byte()), maximumBytes, remaining.count)
        let bytes = remaining.prefix(count)
        remaining = remaining.dropFirst(count)
        return String(decoding: bytes, as: UTF8.self)
    }
}
