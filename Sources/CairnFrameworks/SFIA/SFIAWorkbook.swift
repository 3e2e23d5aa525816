public import CairnCore
import CairnSyntax
public import Foundation

/// Reads SFIA's official spreadsheet (`.xlsx`) into a ``FrameworkSink``: the sheet named
/// `Skills`, with the same columns as its CSV export and the same result as ``SFIACSV``.
///
/// The header is the sheet's first row that is not empty; the columns are found by the names
/// ``SFIACSV`` lists (`Code`, `Skill`, `Category`, `Subcategory`, `Overall description`,
/// `Level 1 description` … `Level 7 description`, and SFIA 9's `Levels` numbers), and every
/// row after it that is not empty is a skill. Cells may hold shared strings, rich text, inline
/// strings or numbers.
///
/// The workbook is read in memory within limits (``maximumFileBytes`` and the archive limits
/// below); its XML is read without a DTD, entities or network. Problems are located at the
/// file, the cell's row and column, and name the cell (`Skills!I5: …`); XML problems name the
/// part (`book.xlsx(xl/worksheets/sheet1.xml):3:7: …`). Rows with problems are reported
/// together, before the sink is finished.
public enum SFIAWorkbook {
    /// The sheet read.
    public static let sheetName = "Skills"
    /// The largest `.xlsx` file read.
    public static let maximumFileBytes = XLSXWorkbook.maximumFileBytes
    /// The most entries the workbook's zip archive may list.
    public static let maximumEntries = XLSXWorkbook.archiveLimits.entries
    /// The most bytes one part of the workbook may inflate to.
    public static let maximumPartBytes = XLSXWorkbook.archiveLimits.entryBytes
    /// The most bytes the parts read from one workbook may inflate to together.
    public static let maximumInflatedBytes = XLSXWorkbook.archiveLimits.totalBytes

    /// Reads the workbook at `path`.
    ///
    /// - Parameters:
    ///   - version: The SFIA version; nil looks for one in the file's name (`sfia-9.xlsx` → `9`).
    ///   - language: The language of the labels and descriptions.
    /// - Throws: ``FormatErrors`` for an unreadable or malformed workbook, and whatever the sink throws.
    @discardableResult
    public static func read<Sink: FrameworkSink>(path: String, version: String? = nil, language: String = "en",
                                                 into sink: inout Sink) throws -> FrameworkReadReport {
        let workbook: XLSXWorkbook
        do {
            workbook = try XLSXWorkbook(path: path)
        } catch let error as FormatError {
            throw FormatErrors(error)
        }
        return try read(workbook, version: version, language: language, into: &sink)
    }

    /// Reads the workbook in `xlsx`; `file` names it in errors and as the framework's source.
    @discardableResult
    public static func read<Sink: FrameworkSink>(xlsx: Data, file: String, version: String? = nil,
                                                 language: String = "en",
                                                 into sink: inout Sink) throws -> FrameworkReadReport {
        let workbook: XLSXWorkbook
        do {
            workbook = try XLSXWorkbook(bytes: Array(xlsx), file: file)
        } catch let error as FormatError {
            throw FormatErrors(error)
        }
        return try read(workbook, version: version, language: language, into: &sink)
    }

    private static func read<Sink: FrameworkSink>(_ workbook: XLSXWorkbook, version: String?, language: String,
                                                  into sink: inout Sink) throws -> FrameworkReadReport {
        var workbook = workbook
        let file = workbook.file
        guard let sheet = workbook.sheet(named: sheetName) else {
            let names = workbook.sheets.map(\.name)
            let closest = ClosestIDs.to(sheetName, among: names, limit: 1).first.map { " (the closest is \(quoted($0)))" } ?? ""
            throw FormatErrors(FormatError(location: SourceLocation(file: file), message: "the workbook has no sheet named "
                + "\(quoted(sheetName))\(closest); its sheets: "
                + (names.isEmpty ? "none" : names.map { quoted($0) }.joined(separator: ", "))))
        }
        var rows: SFIASkillRows<Sink>?
        do {
            try workbook.readRows(of: sheet) { row in
                let cells = row.cells.compactMapValues { text -> String? in
                    let trimmed = text.trimmed
                    return trimmed.isEmpty ? nil : trimmed
                }
                guard !cells.isEmpty else { return }
                guard let columns = rows?.columns else {
                    guard let columns = SFIAColumns(header: cells) else {
                        throw XLSXWorkbook.cellError(file: file, XLSXCellReference(column: 1, row: row.number), in: sheet,
                                                     SFIAColumns.missingColumns(in: cells))
                    }
                    rows = try SFIASkillRows(sink: sink, columns: columns, file: file,
                                             version: version ?? SFIACSV.sfiaVersion(in: URL(fileURLWithPath: file).lastPathComponent),
                                             language: language)
                    return
                }
                try rows?.add(value: { column in column.flatMap { cells[$0] } }, place: { column in
                    let reference = XLSXCellReference(column: column ?? columns.code, row: row.number)
                    return (SourceLocation(file: file, line: reference.row, column: reference.column),
                            XLSXWorkbook.cellName(reference, in: sheet) + ": ")
                })
            }
        } catch let error as FormatError {
            throw FormatErrors(error)
        }
        guard var reader = rows else {
            throw FormatErrors(FormatError(location: SourceLocation(file: file), message:
                "the sheet \(quoted(sheet.name)) is empty: expected a header row naming the columns (Code, Skill, …)"))
        }
        return try reader.close(into: &sink)
    }
}
