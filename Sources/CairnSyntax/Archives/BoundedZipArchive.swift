package import CairnCore
import CZlib

/// A zip archive held in memory whose named entries are read into memory within limits — how
/// Cairn opens an Office Open XML file (`.xlsx`), which is a zip of XML parts.
///
/// Nothing is ever written to disk, so entry names cannot escape a folder; what a stranger's
/// archive can still try is to list too many entries, to inflate into gigabytes, or to point
/// outside itself. All are bounded: the entry count the end record declares is checked before
/// the central directory is walked (and the walk stops at the limit too); an entry is refused
/// by the size its header declares before any of it is inflated, and inflating stops at the
/// limit when the header lies (``ZlibInflate`` counts every chunk); every entry read counts
/// toward a total for the archive; every offset and length is checked against the bytes there
/// are. An entry whose deflate data is cut short, runs past its compressed size, or does not
/// match its CRC-32 is refused as damaged. Entries are stored or deflated (methods 0 and 8);
/// encrypted entries, other methods, archives split over disks and ZIP64 archives (needed only
/// past 4 GiB or 65,535 entries) are refused by name.
///
/// Entry names are matched ignoring case, as the Open Packaging Conventions match part names.
///
/// (ZIPFoundation was tried first: on Linux, 0.9.20 inflates an entry until the deflate stream
/// says it ends, reading past the entry's compressed size, and loops for ever when the archive
/// ends first — one crafted entry of ten bytes stops the reader.)
package struct BoundedZipArchive {
    /// How much an archive may hold and inflate.
    package struct Limits: Sendable, Hashable {
        /// The most entries the central directory may list.
        package var entries: Int
        /// The most bytes one entry may inflate to.
        package var entryBytes: Int
        /// The most bytes all the entries read may inflate to together.
        package var totalBytes: Int

        package init(entries: Int, entryBytes: Int, totalBytes: Int) {
            self.entries = entries
            self.entryBytes = entryBytes
            self.totalBytes = totalBytes
        }
    }

    /// One entry as the central directory describes it.
    private struct Entry {
        var name: String
        var flags: UInt16
        var method: UInt16
        var crc: UInt32
        var compressedSize: Int
        var size: Int
        var localHeader: Int
    }

    /// How errors name the archive (its path).
    package let file: String
    package let limits: Limits
    /// The entries' names, in the order of the central directory.
    package let names: [String]
    private let bytes: [UInt8]
    private let entries: [String: Entry]
    /// Bytes inflated so far, by every entry read.
    private var inflated = 0

    /// Whether `bytes` start as a zip archive does: a local file header (`PK\3\4`), or the end
    /// record of an empty archive (`PK\5\6`).
    package static func hasSignature(_ bytes: some Collection<UInt8>) -> Bool {
        let start = Array(bytes.prefix(4))
        return start == [0x50, 0x4B, 0x03, 0x04] || start == [0x50, 0x4B, 0x05, 0x06]
    }

    /// Opens the archive in `bytes` and lists its entries.
    ///
    /// - Parameter file: How errors name the archive.
    /// - Throws: ``FormatError`` located at `file` when the bytes are not a zip archive, its
    ///   directory is damaged, lists more entries than ``Limits/entries``, or names one entry twice.
    package init(bytes: [UInt8], file: String, limits: Limits) throws(FormatError) {
        func refuse(_ message: String) -> FormatError { FormatError(location: SourceLocation(file: file), message: message) }
        guard Self.hasSignature(bytes) else {
            throw refuse("not a zip archive: it does not start with a zip header (PK)")
        }
        // The end record is the last 22 bytes, or comes before a comment of at most 64 KiB.
        guard let end = Self.endRecord(in: bytes) else {
            throw refuse("not a zip archive, or a truncated one: no end-of-central-directory record in its last 64 KiB")
        }
        let declared = Self.uint16(bytes, end + 10)
        let directorySize = Int(Self.uint32(bytes, end + 12)), directoryStart = Int(Self.uint32(bytes, end + 16))
        guard Self.uint16(bytes, end + 4) == 0, Self.uint16(bytes, end + 6) == 0 else {
            throw refuse("the archive is split over several disks; such archives are not read")
        }
        guard declared != 0xFFFF, directoryStart != 0xFFFF_FFFF, directorySize != 0xFFFF_FFFF else {
            throw refuse("the archive is a ZIP64 archive; those (needed only past 4 GiB or 65,535 entries) are not read")
        }
        guard Int(declared) <= limits.entries else {
            throw refuse("the archive lists \(Int(declared).groupedDigits) entries; archives with more than "
                + "\(limits.entries.groupedDigits) are refused")
        }
        guard directoryStart + directorySize <= end else {
            throw refuse("the archive's central directory (\(directorySize.groupedDigits) bytes at "
                + "\(directoryStart.groupedDigits)) runs past its end record at \(end.groupedDigits): the archive is damaged")
        }
        var names: [String] = []
        var entries: [String: Entry] = [:]
        var offset = directoryStart
        while offset < directoryStart + directorySize {
            guard names.count < limits.entries else {
                throw refuse("the archive lists more than \(limits.entries.groupedDigits) entries; archives with more are refused")
            }
            guard offset + 46 <= directoryStart + directorySize, Self.uint32(bytes, offset) == 0x0201_4B50 else {
                throw refuse("the central directory is damaged at byte \(offset.groupedDigits): expected an entry's header")
            }
            let nameLength = Int(Self.uint16(bytes, offset + 28))
            let next = offset + 46 + nameLength + Int(Self.uint16(bytes, offset + 30)) + Int(Self.uint16(bytes, offset + 32))
            guard next <= directoryStart + directorySize else {
                throw refuse("the central directory is damaged at byte \(offset.groupedDigits): an entry runs past its end")
            }
            let name = String(decoding: bytes[(offset + 46)..<(offset + 46 + nameLength)], as: UTF8.self)
            let entry = Entry(name: name, flags: Self.uint16(bytes, offset + 8), method: Self.uint16(bytes, offset + 10),
                              crc: Self.uint32(bytes, offset + 16), compressedSize: Int(Self.uint32(bytes, offset + 20)),
                              size: Int(Self.uint32(bytes, offset + 24)), localHeader: Int(Self.uint32(bytes, offset + 42)))
            guard entries.updateValue(entry, forKey: name.lowercased()) == nil else {
                throw refuse("the archive holds two entries named \(quoted(name))")
            }
            names.append(name)
            offset = next
        }
        self.file = file
        self.limits = limits
        self.names = names
        self.bytes = bytes
        self.entries = entries
    }

    /// Whether the archive has an entry named `name` (ignoring case).
    package func contains(_ name: String) -> Bool {
        entries[name.lowercased()] != nil
    }

    /// How errors name an entry: `book.xlsx(xl/workbook.xml)`, as `ar` names an archive member.
    package func place(of name: String) -> String {
        "\(file)(\(name))"
    }

    /// The inflated bytes of the entry named `name` (ignoring case), or nil when there is none.
    ///
    /// - Throws: ``FormatError`` located at the entry when it is a folder, encrypted, stored in
    ///   a way not read, would inflate past ``Limits/entryBytes`` or take the archive's total
    ///   past ``Limits/totalBytes``, or is damaged.
    package mutating func read(_ name: String) throws(FormatError) -> [UInt8]? {
        guard let entry = entries[name.lowercased()] else { return nil }
        func refuse(_ message: String) -> FormatError {
            FormatError(location: SourceLocation(file: place(of: entry.name)), message: message)
        }
        guard !entry.name.hasSuffix("/") else { throw refuse("the entry is a folder, not a file") }
        guard entry.flags & 1 == 0 else { throw refuse("the entry is encrypted; encrypted entries are not read") }
        guard entry.method == 0 || entry.method == 8 else {
            throw refuse("the entry is compressed with method \(entry.method); only stored (0) and deflated (8) entries are read")
        }
        let entryLimit = min(limits.entryBytes, limits.totalBytes - inflated)
        guard entry.size <= entryLimit else {
            throw refuse(tooLarge("declares \(entry.size.groupedDigits) bytes"))
        }
        let header = entry.localHeader
        guard header + 30 <= bytes.count, Self.uint32(bytes, header) == 0x0403_4B50 else {
            throw refuse("the entry is damaged: no local header at byte \(header.groupedDigits)")
        }
        let start = header + 30 + Int(Self.uint16(bytes, header + 26)) + Int(Self.uint16(bytes, header + 28))
        guard start + entry.compressedSize <= bytes.count else {
            throw refuse("the entry is damaged: its \(entry.compressedSize.groupedDigits) bytes run past the end of the archive")
        }
        let stored = Array(bytes[start..<(start + entry.compressedSize)])
        let output: [UInt8]
        if entry.method == 0 {
            guard stored.count == entry.size else {
                throw refuse("the entry is damaged: it is stored, but its sizes differ (\(stored.count.groupedDigits) "
                    + "and \(entry.size.groupedDigits) bytes)")
            }
            output = stored
        } else {
            do {
                output = try ZlibInflate.inflate(stored, wrapper: .raw, limit: entryLimit)
            } catch {
                switch error {
                case .tooLarge:
                    throw refuse(tooLarge("inflates to more than \(entryLimit.groupedDigits) bytes (its header declares "
                                              + "\(entry.size.groupedDigits))"))
                case .truncated:
                    throw refuse("the entry is damaged: its deflate data ends before the stream does")
                case .trailingBytes:
                    throw refuse("the entry is damaged: bytes follow the end of its deflate data")
                case .corrupt(let reason):
                    throw refuse("the entry is damaged: \(reason)")
                }
            }
        }
        let crc = UInt32(truncatingIfNeeded: output.withUnsafeBufferPointer { crc32(0, $0.baseAddress, uInt($0.count)) })
        guard crc == entry.crc, output.count == entry.size else {
            throw refuse("the entry is damaged: its CRC-32 or size does not match its contents")
        }
        inflated += output.count
        return output
    }

    /// The refusal of an entry too large to read: which limit it passes.
    private func tooLarge(_ size: String) -> String {
        let limit = limits.entryBytes <= limits.totalBytes - inflated
            ? "entries over \(BoundedFile.describe(bytes: limits.entryBytes)) are refused"
            : "the entries read from one archive may inflate to \(BoundedFile.describe(bytes: limits.totalBytes)) in all"
        return "the entry \(size); \(limit) (a zip bomb?)"
    }

    /// Where the end-of-central-directory record starts: the last `PK\5\6` in the last 65,557
    /// bytes whose comment ends where the archive does.
    private static func endRecord(in bytes: [UInt8]) -> Int? {
        guard bytes.count >= 22 else { return nil }
        var index = bytes.count - 22
        let lowest = max(0, bytes.count - 22 - 0xFFFF)
        while index >= lowest {
            if uint32(bytes, index) == 0x0605_4B50, index + 22 + Int(uint16(bytes, index + 20)) == bytes.count {
                return index
            }
            index -= 1
        }
        return nil
    }

    private static func uint16(_ bytes: [UInt8], _ offset: Int) -> UInt16 {
        UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8
    }

    private static func uint32(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        UInt32(uint16(bytes, offset)) | UInt32(uint16(bytes, offset + 2)) << 16
    }
}
