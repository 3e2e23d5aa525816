import CairnCore
import CairnRDF
import CairnSyntax

/// An Office Open XML spreadsheet (`.xlsx`, as Excel, LibreOffice and openpyxl write it) read
/// in memory: its sheets by name, and a worksheet's rows with each cell's text.
///
/// The file is a zip archive (``BoundedZipArchive``, within ``archiveLimits``) of XML parts,
/// each read with ``XMLEventReader`` (no DTD, no entity, nothing fetched):
/// - `xl/workbook.xml` names the sheets, each with a relationship id;
/// - `xl/_rels/workbook.xml.rels` maps the ids to parts (`worksheets/sheet1.xml`) and names the
///   shared strings part;
/// - the shared strings (`xl/sharedStrings.xml`) hold the text most cells point at by index,
///   plain (`<t>`) or as rich-text runs (`<r><t>`), whose pieces are joined (phonetic guides,
///   `<rPh>`, are left out);
/// - a worksheet's `<sheetData>` holds rows of cells with A1-style references (a reference
///   left out means the next column or row). A cell's text is its shared string (`t="s"`), its
///   inline string (`t="inlineStr"`), `TRUE`/`FALSE` for a boolean, else its value as written
///   (numbers, formula results, error codes). `_x000D_`-style escapes are decoded.
///
/// Formulas are not evaluated (their saved results are read), and styles, dates and merged
/// cells mean nothing here: a reader of the text in cells needs none of them.
struct XLSXWorkbook {
    /// One sheet of the workbook, as `xl/workbook.xml` lists it.
    struct Sheet: Hashable, Sendable {
        /// The name on its tab.
        var name: String
        /// Its relationship id in the workbook (`rId1`).
        var relationship: String
    }

    /// One row of a worksheet: its number and the text of its cells that are not empty.
    struct Row: Sendable {
        var number: Int
        /// Text by column number (from 1); cells with no value are absent.
        var cells: [Int: String]
    }

    /// The largest `.xlsx` file read: SFIA's spreadsheet is under 2 MiB.
    static let maximumFileBytes = 64 << 20
    /// What one workbook may hold and inflate: an Excel file has a few dozen parts.
    static let archiveLimits = BoundedZipArchive.Limits(entries: 10_000, entryBytes: 64 << 20, totalBytes: 128 << 20)

    static let workbookPart = "xl/workbook.xml"
    static let workbookRelationshipsPart = "xl/_rels/workbook.xml.rels"

    /// The path errors name.
    let file: String
    /// The sheets in the order of their tabs.
    let sheets: [Sheet]
    private var archive: BoundedZipArchive
    /// Relationship ids of the workbook → (type, part name).
    private let relationships: [String: (type: String, part: String)]
    private var sharedStrings: [String]?

    /// Opens the workbook at `path`, refused before reading when over ``maximumFileBytes``.
    init(path: String) throws {
        let bytes = try BoundedFile.bytes(at: path, limit: Self.maximumFileBytes, subject: "spreadsheets (.xlsx)")
        try self.init(bytes: bytes, file: path)
    }

    /// Opens the workbook in `bytes`; `file` is how errors name it.
    ///
    /// - Throws: ``FormatError`` when the bytes are not a zip archive, the archive has no
    ///   `xl/workbook.xml`, or the workbook or its relationships are malformed.
    init(bytes: [UInt8], file: String) throws {
        var archive = try BoundedZipArchive(bytes: bytes, file: file, limits: Self.archiveLimits)
        guard let workbook = try archive.read(Self.workbookPart) else {
            let held = archive.names.prefix(12).joined(separator: ", ") + (archive.names.count > 12 ? ", …" : "")
            throw FormatError(location: SourceLocation(file: file), message: "not an Excel workbook (.xlsx): the zip "
                + "archive has no \(Self.workbookPart); it holds " + (held.isEmpty ? "nothing" : held))
        }
        self.sheets = try Self.sheets(in: workbook, document: archive.place(of: Self.workbookPart))
        var relationships: [String: (type: String, part: String)] = [:]
        if let bytes = try archive.read(Self.workbookRelationshipsPart) {
            relationships = try Self.relationships(in: bytes, document: archive.place(of: Self.workbookRelationshipsPart))
        }
        self.file = file
        self.archive = archive
        self.relationships = relationships
    }

    /// The first sheet whose name is `name`, ignoring case and surrounding spaces.
    func sheet(named name: String) -> Sheet? {
        let wanted = name.trimmed.lowercased()
        return sheets.first { $0.name.trimmed.lowercased() == wanted }
    }

    /// How a message names a cell, as a formula would: `Skills!C5`, `'Skill list'!C5`.
    static func cellName(_ reference: XLSXCellReference, in sheet: Sheet) -> String {
        let plain = sheet.name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }
        let name = plain ? sheet.name : "'" + sheet.name.replacing("'", with: "''") + "'"
        return "\(name)!\(reference)"
    }

    /// An error at a cell: located at the workbook's file, the cell's row and column, and
    /// naming the cell (`Skills!C5: …`).
    static func cellError(file: String, _ reference: XLSXCellReference, in sheet: Sheet, _ message: String) -> FormatError {
        FormatError(location: SourceLocation(file: file, line: reference.row, column: reference.column),
                    message: "\(cellName(reference, in: sheet)): \(message)")
    }

    /// Reads the rows of `sheet`, in order, handing each to `body` as soon as it ends.
    ///
    /// - Throws: ``FormatError``: the sheet's part is missing or not a worksheet, its XML is
    ///   malformed, a cell reference is not one or is out of order, a shared string index is
    ///   out of range (naming the cell); and whatever `body` throws.
    mutating func readRows(of sheet: Sheet, _ body: (Row) throws -> Void) throws {
        let part = try worksheetPart(of: sheet)
        guard let bytes = try archive.read(part) else {
            throw FormatError(location: SourceLocation(file: archive.place(of: Self.workbookRelationshipsPart)), message:
                "the sheet \(quoted(sheet.name)) is stored in \(part), which the archive does not hold")
        }
        let strings = try loadSharedStrings()
        var parser = XLSXSheetParser(file: file, sheet: sheet, sharedStrings: strings)
        try XMLEventReader.read(bytes, document: archive.place(of: part)) { (event, location) throws in
            if let row = try parser.consume(event, at: location) { try body(row) }
        }
    }

    // MARK: - Parts

    /// The part holding `sheet`, from the workbook's relationships.
    private func worksheetPart(of sheet: Sheet) throws -> String {
        let location = SourceLocation(file: archive.place(of: Self.workbookRelationshipsPart))
        guard let target = relationships[sheet.relationship] else {
            throw FormatError(location: location, message: "the sheet \(quoted(sheet.name)) refers to the relationship "
                + "\(quoted(sheet.relationship)), which is not there")
        }
        guard target.type.hasSuffix("/worksheet") else {
            let kind = target.type.split(separator: "/").last.map(String.init) ?? target.type
            throw FormatError(location: location, message: "the sheet \(quoted(sheet.name)) is a \(kind), not a worksheet")
        }
        return target.part
    }

    /// The shared strings, read once; none when the workbook has no such part.
    private mutating func loadSharedStrings() throws -> [String] {
        if let sharedStrings { return sharedStrings }
        let part = relationships.values.first { $0.type.hasSuffix("/sharedStrings") }?.part ?? "xl/sharedStrings.xml"
        var strings: [String] = []
        if let bytes = try archive.read(part) {
            var text = XLSXTextCollector()
            try XMLEventReader.read(bytes, document: archive.place(of: part)) { (event, _) throws in
                switch event {
                case .start(name: "si", _, _):
                    text = XLSXTextCollector()
                case .end(name: "si"):
                    strings.append(text.text)
                default:
                    text.consume(event)
                }
            }
        }
        sharedStrings = strings
        return strings
    }

    private static func sheets(in bytes: [UInt8], document: String) throws -> [Sheet] {
        var sheets: [Sheet] = []
        try XMLEventReader.read(bytes, document: document) { (event, location) throws in
            guard case .start(name: "sheet", _, let attributes) = event else { return }
            guard let name = attributes.first(where: { $0.name == "name" && $0.namespace == nil })?.value,
                  let id = attributes.first(where: { $0.name == "id" && $0.namespace?.hasSuffix("relationships") == true })?
                      .value else {
                throw FormatError(location: location, message: "a <sheet> without a name or an r:id")
            }
            sheets.append(Sheet(name: name, relationship: id))
        }
        return sheets
    }

    private static func relationships(in bytes: [UInt8], document: String) throws
        -> [String: (type: String, part: String)] {
        var found: [String: (type: String, part: String)] = [:]
        try XMLEventReader.read(bytes, document: document) { (event, location) throws in
            guard case .start(name: "Relationship", _, let attributes) = event else { return }
            func value(_ name: String) -> String? { attributes.first { $0.name == name && $0.namespace == nil }?.value }
            guard let id = value("Id"), let type = value("Type"), let target = value("Target") else {
                throw FormatError(location: location, message: "a <Relationship> without an Id, a Type or a Target")
            }
            guard value("TargetMode") != "External", let part = partName(target, from: "xl/") else { return }
            if found[id] == nil { found[id] = (type, part) }
        }
        return found
    }

    /// The part a relationship's target names: `worksheets/sheet1.xml` from `xl/` is
    /// `xl/worksheets/sheet1.xml`; `/xl/x.xml` is absolute; nil when `..` climbs out of the package.
    static func partName(_ target: String, from folder: String) -> String? {
        var segments: [Substring] = target.hasPrefix("/") ? [] : folder.split(separator: "/")
        for segment in target.split(separator: "/") {
            switch segment {
            case ".": continue
            case "..":
                guard !segments.isEmpty else { return nil }
                segments.removeLast()
            default: segments.append(segment)
            }
        }
        return segments.isEmpty ? nil : segments.joined(separator: "/")
    }
}

/// The text of a shared string item (`<si>`) or an inline string (`<is>`): the text of its
/// `<t>` elements, plain or in rich-text runs, without phonetic guides (`<rPh>`).
struct XLSXTextCollector {
    private(set) var raw = ""
    private var inText = false
    private var phoneticDepth = 0

    /// The text with `_xHHHH_` escapes decoded.
    var text: String { XLSXTextCollector.decodingEscapes(raw) }

    mutating func consume(_ event: XMLEvent) {
        switch event {
        case .start(name: "rPh", _, _): phoneticDepth += 1
        case .end(name: "rPh"): phoneticDepth -= 1
        case .start(name: "t", _, _): inText = phoneticDepth == 0
        case .end(name: "t"): inText = false
        case .text(let piece) where inText: raw += piece
        default: break
        }
    }

    /// Decodes SpreadsheetML's escapes for characters XML cannot hold: `_x000D_` is a carriage
    /// return, `_x005F_` an underscore (so `_x005F_x000D_` is the text `_x000D_`).
    static func decodingEscapes(_ text: String) -> String {
        guard text.contains("_x") else { return text }
        var result = ""
        var scalars = text.unicodeScalars[...]
        while let first = scalars.first {
            if first == "_", scalars.count >= 7 {
                let candidate = scalars.prefix(7)
                let hex = String(String.UnicodeScalarView(candidate.dropFirst(2).prefix(4)))
                if candidate.dropFirst().first == "x", candidate.last == "_", hex.count == 4, hex.allSatisfy(\.isHexDigit),
                   let value = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(value) {
                    result.unicodeScalars.append(scalar)
                    scalars = scalars.dropFirst(7)
                    continue
                }
            }
            result.unicodeScalars.append(first)
            scalars = scalars.dropFirst()
        }
        return result
    }
}
