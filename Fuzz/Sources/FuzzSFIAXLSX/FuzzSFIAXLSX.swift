import Cairn
import FuzzSupport
import Foundation

/// SFIA's spreadsheet (.xlsx): the zip reader (end record, central directory, local headers,
/// inflating within limits, CRC-32), then the workbook, relationships, shared strings and sheet
/// XML, then the SFIA columns and rows.
///
/// Input that starts as a zip archive (`PK`) is read as it is. Any other input is split at lines
/// `%%` into the workbook, its relationships, the shared strings and the Skills sheet, stored
/// (not deflated) in a zip made here with correct CRCs: mutated XML then reaches the XML and
/// sheet readers instead of stopping at a checksum.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSFIAXLSX(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = FuzzInput(data, size)
    let bytes = input.bytes.starts(with: [0x50, 0x4B]) ? input.bytes : storedWorkbook(input.bytes)
    var collector = FrameworkCollector()
    _ = try? SFIAWorkbook.read(xlsx: Data(bytes), file: "sfia-9-fuzz.xlsx", into: &collector)
    return 0
}

@_cdecl("FuzzSFIAXLSX_main")
public func fuzzSFIAXLSXMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzzSFIAXLSX)
}

/// The parts of a workbook, split from `bytes` at lines `%%`, in a zip of stored entries.
func storedWorkbook(_ bytes: [UInt8]) -> [UInt8] {
    let names = ["xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/sharedStrings.xml", "xl/worksheets/sheet1.xml"]
    var parts: [[UInt8]] = [[]]
    var line: [UInt8] = []
    for byte in bytes + [0x0A] {
        guard byte == 0x0A else { line.append(byte); continue }
        if line == Array("%%".utf8), parts.count < names.count { parts.append([]) } else { parts[parts.count - 1] += line + [0x0A] }
        line = []
    }
    var output: [UInt8] = [], directory: [UInt8] = []
    func le16(_ value: Int) -> [UInt8] { [UInt8(value & 0xFF), UInt8((value >> 8) & 0xFF)] }
    func le32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
    for (name, content) in zip(names, parts) {
        let nameBytes = Array(name.utf8)
        let common = le16(20) + le16(0) + le16(0) + le16(0) + le16(0) + le32(crc32(content))
            + le32(UInt32(content.count)) + le32(UInt32(content.count)) + le16(nameBytes.count)
        let offset = UInt32(output.count)
        output += le32(0x0403_4B50) + common + le16(0) + nameBytes + content
        directory += le32(0x0201_4B50) + le16(20) + common + le16(0) + le16(0) + le16(0) + le16(0) + le32(0)
            + le32(offset) + nameBytes
    }
    let start = UInt32(output.count)
    return output + directory + le32(0x0605_4B50) + le16(0) + le16(0) + le16(parts.count) + le16(parts.count)
        + le32(UInt32(directory.count)) + le32(start) + le16(0)
}

/// The CRC-32 zip stores (bit by bit: inputs are small).
func crc32(_ bytes: [UInt8]) -> UInt32 {
    var crc: UInt32 = 0xFFFF_FFFF
    for byte in bytes {
        crc ^= UInt32(byte)
        for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
    }
    return ~crc
}
