/// A cell's place in a worksheet, written as SpreadsheetML writes it: `A1`, `XFD1048576`.
///
/// Columns and rows count from 1. The largest sheet Excel makes has 16,384 columns (`XFD`) and
/// 1,048,576 rows; references past those are refused, so a hostile sheet cannot name a cell a
/// reader would have to reach by counting.
struct XLSXCellReference: Hashable, Sendable, CustomStringConvertible {
    static let maximumColumn = 16_384
    static let maximumRow = 1_048_576

    var column: Int
    var row: Int

    init(column: Int, row: Int) {
        self.column = column
        self.row = row
    }

    /// Reads `C12`: letters for the column, then digits for the row; nil for anything else,
    /// or a place past the largest sheet.
    init?(_ text: String) {
        var column = 0, row = 0
        var sawLetter = false, sawDigit = false
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"):
                guard !sawDigit else { return nil }
                sawLetter = true
                column = column * 26 + Int((byte & 0xDF) - UInt8(ascii: "A")) + 1
                guard column <= Self.maximumColumn else { return nil }
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                guard sawLetter, sawDigit || byte != UInt8(ascii: "0") else { return nil }
                sawDigit = true
                row = row * 10 + Int(byte - UInt8(ascii: "0"))
                guard row <= Self.maximumRow else { return nil }
            default:
                return nil
            }
        }
        guard sawLetter, sawDigit else { return nil }
        self.init(column: column, row: row)
    }

    /// The column's letters: 1 → `A`, 27 → `AA`.
    static func letters(ofColumn column: Int) -> String {
        var number = column
        var letters: [Character] = []
        while number > 0 {
            let remainder = (number - 1) % 26
            letters.append(Character(Unicode.Scalar(UInt8(ascii: "A") + UInt8(remainder))))
            number = (number - 1) / 26
        }
        return String(letters.reversed())
    }

    var description: String { Self.letters(ofColumn: column) + String(row) }
}
