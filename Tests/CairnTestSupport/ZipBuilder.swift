import CZlib

/// Builds zip archives byte by byte — well-formed ones, and ones that lie (an entry whose
/// header declares fewer bytes than it inflates to, as a zip bomb's does).
public struct ZipBuilder {
    struct Entry {
        var name: String
        var stored: [UInt8]
        var method: UInt16
        var crc: UInt32
        var size: UInt32
        var declaredSize: UInt32
    }

    private var entries: [Entry] = []

    public init() {}

    /// Adds an entry holding `content`, deflated unless `deflated` is false; `declaredSize`
    /// replaces the uncompressed size written in its headers.
    public mutating func add(_ name: String, _ content: [UInt8], deflated: Bool = true, declaredSize: Int? = nil) {
        let crc = UInt32(truncatingIfNeeded: content.withUnsafeBufferPointer { crc32(0, $0.baseAddress, uInt($0.count)) })
        let stored = deflated ? Self.rawDeflate(content) : content
        entries.append(Entry(name: name, stored: stored, method: deflated ? 8 : 0, crc: crc,
                             size: UInt32(content.count), declaredSize: UInt32(declaredSize ?? content.count)))
    }

    public mutating func add(_ name: String, _ text: String, deflated: Bool = true) {
        add(name, Array(text.utf8), deflated: deflated)
    }

    /// The archive: local headers and data, the central directory, the end record.
    public func bytes() -> [UInt8] {
        var output: [UInt8] = []
        var directory: [UInt8] = []
        for entry in entries {
            let offset = UInt32(output.count)
            let name = Array(entry.name.utf8)
            // Version 2.0, flag 0x0800 (UTF-8 names), method, a fixed DOS time and date.
            let common = le16(20) + le16(0x0800) + le16(entry.method) + le16(0) + le16(0x5C21)
                + le32(entry.crc) + le32(UInt32(entry.stored.count)) + le32(entry.declaredSize) + le16(UInt16(name.count))
            output += le32(0x0403_4B50) + common + le16(0) + name + entry.stored
            directory += le32(0x0201_4B50) + le16(20) + common + le16(0) + le16(0) + le16(0) + le16(0) + le32(0)
                + le32(offset) + name
        }
        let directoryOffset = UInt32(output.count)
        output += directory
        output += le32(0x0605_4B50) + le16(0) + le16(0) + le16(UInt16(entries.count)) + le16(UInt16(entries.count))
            + le32(UInt32(directory.count)) + le32(directoryOffset) + le16(0)
        return output
    }

    /// Deflate data without zlib's header and checksum, as zip stores it.
    public static func rawDeflate(_ bytes: [UInt8]) -> [UInt8] {
        let zlib = BakedImageBuilder.deflate(bytes)
        return Array(zlib[2..<(zlib.count - 4)])
    }

    private func le16(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8)] }
    private func le32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
}
