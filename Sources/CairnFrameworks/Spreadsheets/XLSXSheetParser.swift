import CairnCore
import CairnRDF
import CairnSyntax

/// Turns the XML events of one worksheet part into rows of cell text (see ``XLSXWorkbook``).
///
/// Rows and cells must come in order (rows downwards, cells of a row left to right), as every
/// spreadsheet writer puts them; a reference out of order, one past the largest sheet, or a
/// cell that names another row is refused at its place in the XML.
struct XLSXSheetParser {
    private let file: String
    private let sheet: XLSXWorkbook.Sheet
    private let sharedStrings: [String]

    private var inSheetData = false
    private var row: XLSXWorkbook.Row?
    private var lastRow = 0
    private var lastColumn = 0
    private var cell: (reference: XLSXCellReference, type: String)?
    private var value = ""
    private var inValue = false
    private var inline: XLSXTextCollector?
    private var inInline = false

    init(file: String, sheet: XLSXWorkbook.Sheet, sharedStrings: [String]) {
        self.file = file
        self.sheet = sheet
        self.sharedStrings = sharedStrings
    }

    /// Takes one event; returns a row when it ends.
    mutating func consume(_ event: XMLEvent, at location: SourceLocation) throws -> XLSXWorkbook.Row? {
        if inInline, var text = inline {
            if case .end(name: "is") = event {
                inInline = false
            } else {
                text.consume(event)
                inline = text
                return nil
            }
        }
        switch event {
        case .start(name: "sheetData", _, _):
            inSheetData = true
        case .end(name: "sheetData"):
            inSheetData = false
        case .start(name: "row", _, let attributes) where inSheetData:
            try startRow(attributes, at: location)
        case .end(name: "row"):
            guard let finished = row else { return nil }
            row = nil
            lastRow = finished.number
            return finished
        case .start(name: "c", _, let attributes) where row != nil:
            try startCell(attributes, at: location)
        case .start(name: "v", _, _) where cell != nil:
            inValue = true
            value = ""
        case .end(name: "v"):
            inValue = false
        case .start(name: "is", _, _) where cell != nil:
            inline = XLSXTextCollector()
            inInline = true
        case .text(let piece) where inValue:
            value += piece
        case .end(name: "c"):
            try endCell()
        default:
            break
        }
        return nil
    }

    private mutating func startRow(_ attributes: [XMLAttribute], at location: SourceLocation) throws {
        var number = lastRow + 1
        if let written = attribute("r", in: attributes) {
            guard let parsed = Int(written), parsed >= 1, parsed <= XLSXCellReference.maximumRow else {
                throw FormatError(location: location, message: "the row number \(quoted(written)) is not one from 1 to "
                    + XLSXCellReference.maximumRow.groupedDigits)
            }
            number = parsed
        }
        guard number > lastRow, number <= XLSXCellReference.maximumRow else {
            throw FormatError(location: location, message: "row \(number) comes after row \(lastRow); rows go downwards")
        }
        row = XLSXWorkbook.Row(number: number, cells: [:])
        lastColumn = 0
    }

    private mutating func startCell(_ attributes: [XMLAttribute], at location: SourceLocation) throws {
        guard let row else { return }
        let reference: XLSXCellReference
        if let written = attribute("r", in: attributes) {
            guard let parsed = XLSXCellReference(written) else {
                throw FormatError(location: location, message: "the cell reference \(quoted(written)) is not one such as "
                    + "C12 (columns A to XFD, rows 1 to \(XLSXCellReference.maximumRow.groupedDigits))")
            }
            guard parsed.row == row.number else {
                throw FormatError(location: location, message: "the cell \(parsed) is inside row \(row.number)")
            }
            reference = parsed
        } else {
            reference = XLSXCellReference(column: lastColumn + 1, row: row.number)
        }
        guard reference.column > lastColumn, reference.column <= XLSXCellReference.maximumColumn else {
            let previous = XLSXCellReference(column: lastColumn, row: row.number)
            throw FormatError(location: location, message: "the cell \(reference) comes after \(previous); "
                + "the cells of a row go left to right")
        }
        cell = (reference, attribute("t", in: attributes) ?? "n")
        value = ""
        inline = nil
    }

    private mutating func endCell() throws {
        guard let (reference, type) = cell else { return }
        cell = nil
        lastColumn = reference.column
        let text: String
        switch type {
        case "s":
            guard let index = Int(value.trimmed), index >= 0 else {
                throw XLSXWorkbook.cellError(file: file, reference, in: sheet,
                                             "expected the number of a shared string, found \(quoted(value))")
            }
            guard index < sharedStrings.count else {
                let held = sharedStrings.isEmpty ? "the workbook has no shared strings"
                    : "the workbook has \(sharedStrings.count.groupedDigits) (0 to \((sharedStrings.count - 1).groupedDigits))"
                throw XLSXWorkbook.cellError(file: file, reference, in: sheet,
                                             "the cell points at shared string \(index.groupedDigits), which does not exist; \(held)")
            }
            text = sharedStrings[index]
        case "inlineStr":
            text = inline?.text ?? ""
        case "b":
            text = value.trimmed == "1" ? "TRUE" : value.trimmed == "0" ? "FALSE" : value
        default:
            text = XLSXTextCollector.decodingEscapes(value)
        }
        inline = nil
        value = ""
        if !text.isEmpty { row?.cells[reference.column] = text }
    }

    private func attribute(_ name: String, in attributes: [XMLAttribute]) -> String? {
        attributes.first { $0.name == name && $0.namespace == nil }?.value
    }
}
