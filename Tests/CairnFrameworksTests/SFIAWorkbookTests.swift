import CairnCore
import CairnFrameworks
import CairnSyntax
import CairnTestSupport
import Foundation
import Testing

/// SFIA's spreadsheet read directly: the bundled sample (written by XlsxWriter, text in shared
/// strings) and a variant written by openpyxl (inline strings) give exactly what the CSV gives;
/// every malformed workbook is refused at its place.
@Suite("Framework files: SFIA spreadsheet (.xlsx)")
struct SFIAWorkbookTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
    static let sampleCSV = repository + "/Frameworks/sfia/sfia-sample.csv"
    static let sampleXLSX = repository + "/Frameworks/sfia/sfia-sample.xlsx"
    static var inlineStrings: String { FixtureFile.url("frameworks")?.appendingPathComponent("sfia-inline-strings.xlsx").path ?? "" }

    static func read(_ path: String) throws -> (Framework, FrameworkReadReport) {
        var collector = FrameworkCollector()
        let report = try SFIAWorkbook.read(path: path, into: &collector)
        return (collector.framework, report)
    }

    static func read(_ bytes: [UInt8], file: String = "book.xlsx") throws -> Framework {
        var collector = FrameworkCollector()
        try SFIAWorkbook.read(xlsx: Data(bytes), file: file, into: &collector)
        return collector.framework
    }

    /// The one error reading `bytes` gives, as `file:line:column: message`.
    static func refusal(_ bytes: [UInt8], file: String = "book.xlsx") -> String {
        let errors = formatErrors { _ = try read(bytes, file: file) }
        #expect(errors.count == 1, "\(errors)")
        return errors.first?.description ?? ""
    }

    @Test("the sample spreadsheet and the CSV give the same framework", arguments: [sampleXLSX, inlineStrings])
    func sameAsCSV(path: String) throws {
        var fromCSV = FrameworkCollector()
        let csvReport = try SFIACSV.read(path: Self.sampleCSV, into: &fromCSV)
        let (framework, report) = try Self.read(path)
        #expect(framework.id == "sfia")
        #expect(framework.name == fromCSV.framework.name)
        #expect(framework.version == fromCSV.framework.version)
        #expect(framework.skills == fromCSV.framework.skills)
        #expect(framework.skills.count == 8)
        #expect(report.skills == csvReport.skills)
        #expect(report.labels == csvReport.labels)
        #expect(report.files == [path])
        // The rich-text description (a bold first word) reads as one text.
        #expect(framework.skills["PROG"]?.description == "Designing, writing, testing and maintaining program code "
            + "that meets agreed specifications.")
        #expect(framework.skills["PRMG"]?.levels == [4, 5, 6, 7])
    }

    @Test("format detection: .xlsx, and a zip archive under another name, is sfia-xlsx")
    func detection() throws {
        #expect(try FrameworkFormat.detect(path: Self.sampleXLSX) == .sfiaXLSX)
        let folder = NSTemporaryDirectory() + "cairn-xlsx-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let renamed = folder + "/skills.download"
        try FileManager.default.copyItem(atPath: Self.sampleXLSX, toPath: renamed)
        #expect(try FrameworkFormat.detect(path: renamed) == .sfiaXLSX)
        var collector = FrameworkCollector()
        try FrameworkReader.read(path: renamed, format: .sfiaXLSX, languages: nil, into: &collector)
        #expect(collector.framework.skills.count == 8)
    }

    @Test("shared strings with rich-text runs, inline strings, numbers, and cells without references")
    func cellKinds() throws {
        let sheet = XLSXBuilder.row(1, ["Code", "Skill", "Levels", nil, nil, "Overall description"])
            // Shared strings (one in rich-text runs, one with a phonetic guide left out), a
            // number level in D, a cell with no reference (E), an escaped carriage return.
            + #"<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="s"><v>1</v></c><c r="D2"><v>4</v></c><c><v>5.0</v></c>"#
            + #"<c r="F2" t="inlineStr"><is><r><t>Two</t></r><r><rPr><b/></rPr><t xml:space="preserve"> runs_x000D_</t></r></is></c></row>"#
            // A row number left out follows the one before; a formula's saved string result.
            + #"<row><c r="A3" t="str"><f>LOWER("X")</f><v>dtan</v></c><c r="B3" t="s"><v>2</v></c></row>"#
        let strings = ["<t>PROG</t>", "<r><t>Program</t></r><r><rPr><i/></rPr><t>ming</t></r>",
                       "<t>Data &amp; AI</t><rPh sb=\"0\" eb=\"1\"><t>ignored</t></rPh>"]
        let framework = try Self.read(XLSXBuilder.workbook(sheets: [("Skills", sheet)], sharedStrings: strings))
        let prog = try #require(framework.skills["PROG"])
        #expect(prog.label() == "Programming")
        #expect(prog.levels == [4, 5])
        #expect(prog.description == "Two runs")
        #expect(framework.skills["DTAN"]?.label() == "Data & AI")
    }

    @Test("the sheet is found by name, ignoring case; the header is the first row that is not empty")
    func sheetByName() throws {
        let skills = XLSXBuilder.row(3, ["skill code", "SKILL"]) + XLSXBuilder.row(4, ["prog", "Programming"])
        let framework = try Self.read(XLSXBuilder.workbook(sheets: [("Notes", XLSXBuilder.row(1, ["x"])),
                                                                    (" skills ", skills)]))
        #expect(framework.skills.keys.sorted() == ["PROG"])
    }

    @Test("the CSV export of SFIA 9's layout: the Levels numbers are read by the same mapping, a bad one refused")
    func csvLevelNumbers() throws {
        let header = "#,Levels,,,,,,,Code,URL,Skill,Category,Subcategory,Overall description,Guidance notes,Level 4 description"
        let csv = header + "\r\n1,,,,4,5,,,ITSP,,Strategic planning,Strategy and architecture,,Plans.,,Works at 4.\r\n"
        var collector = FrameworkCollector()
        try SFIACSV.read(csv: csv, file: "sfia-9.csv", into: &collector)
        #expect(collector.framework.skills["ITSP"]?.levels == [4, 5])
        #expect(collector.framework.skills["ITSP"]?.category == "Strategy and architecture")
        #expect(collector.framework.version == "9")
        let errors = formatErrors {
            var sink = FrameworkCollector()
            try SFIACSV.read(csv: header + "\r\n1,,,,0,,,,ITSP,,S,,,,,\r\n", file: "s.csv", into: &sink)
        }
        #expect(errors.map(\.description) == [#"s.csv:2:1: the level "0" of ITSP is not an SFIA level (1 to 7)"#])
    }

    // MARK: - Malformed workbooks, each refused at its place

    static func skillsSheet(_ rows: String, strings: [String]? = nil, extra: [(name: String, content: String)] = [])
        -> [UInt8] {
        XLSXBuilder.workbook(sheets: [("Read me", ""), ("Skills", XLSXBuilder.row(1, ["Code", "Skill", "Levels"]) + rows)],
                             sharedStrings: strings, extra: extra)
    }

    @Test("not a zip archive, or a zip without a workbook")
    func notAWorkbook() {
        #expect(Self.refusal(Array("Code,Skill\r\nPROG,Programming\r\n".utf8))
            == "book.xlsx: not a zip archive: it does not start with a zip header (PK)")
        #expect(Self.refusal([0x50, 0x4B, 3, 4] + Array(repeating: 0, count: 100))
            == "book.xlsx: not a zip archive, or a truncated one: no end-of-central-directory record in its last 64 KiB")
        var zip = ZipBuilder()
        zip.add("word/document.xml", "<document/>")
        zip.add("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        #expect(Self.refusal(zip.bytes())
            == "book.xlsx: not an Excel workbook (.xlsx): the zip archive has no xl/workbook.xml; it holds word/document.xml, mimetype")
    }

    @Test("no Skills sheet: says which sheets there are and the closest name")
    func noSkillsSheet() {
        // "R&D" is written `R&amp;D` in the XML: attribute values come decoded.
        let book = XLSXBuilder.workbook(sheets: [("Read Me Notes", ""), ("Skils", ""), ("R&D", "")])
        #expect(Self.refusal(book) == #"book.xlsx: the workbook has no sheet named "Skills" (the closest is "Skils"); "#
            + #"its sheets: "Read Me Notes", "Skils", "R&D""#)
    }

    @Test("a missing required column names the closest header")
    func missingColumn() {
        let book = XLSXBuilder.workbook(sheets: [("Skills", XLSXBuilder.row(2, ["#", "Code", "Skil", "URL"]))])
        #expect(Self.refusal(book) == #"book.xlsx:2:1: Skills!A2: the header has no "Skill" column (the closest: "Skil"); "#
            + "found: #, Code, Skil, URL")
    }

    @Test("a shared string index out of range names the sheet and the cell")
    func sharedStringOutOfRange() {
        let rows = #"<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="s"><v>7</v></c></row>"#
        #expect(Self.refusal(Self.skillsSheet(rows, strings: ["<t>PROG</t>"]))
            == "book.xlsx:2:2: Skills!B2: the cell points at shared string 7, which does not exist; the workbook has 1 (0 to 0)")
        #expect(Self.refusal(Self.skillsSheet(rows))
            == "book.xlsx:2:1: Skills!A2: the cell points at shared string 0, which does not exist; the workbook has no shared strings")
    }

    @Test("a level that is not 1 to 7 names its cell; other row problems are reported together")
    func levels() {
        let rows = XLSXBuilder.row(2, ["PROG", "Programming", "8"]) + XLSXBuilder.row(3, ["DTAN", "Data", "three"])
            + XLSXBuilder.row(4, [nil, "No code"]) + XLSXBuilder.row(5, ["prog", "Again"])
        let errors = formatErrors { _ = try Self.read(Self.skillsSheet(rows)) }
        #expect(errors.map(\.description) == [
            #"book.xlsx:2:3: Skills!C2: the level "8" of PROG is not an SFIA level (1 to 7)"#,
            #"book.xlsx:3:3: Skills!C3: the level "three" of DTAN is not an SFIA level (1 to 7)"#,
            "book.xlsx:4:1: Skills!A4: expected a skill code, found nothing",
            "book.xlsx:5:1: Skills!A5: the skill code PROG appears twice; the first is kept",
        ])
    }

    @Test("malformed sheet XML and cell references are refused at their place in the part", arguments: [
        (#"<row r="2"><c r="B0"/></row>"#, #"the cell reference "B0" is not one such as C12"#),
        (#"<row r="2"><c r="A3"/></row>"#, "the cell A3 is inside row 2"),
        (#"<row r="2"><c r="C2"/><c r="B2"/></row>"#, "the cell B2 comes after C2; the cells of a row go left to right"),
        (#"<row r="1"/>"#, "row 1 comes after row 1; rows go downwards"),
        (#"<row r="2"><c r="XFE2"/></row>"#, #"the cell reference "XFE2" is not one such as C12"#),
        (#"<row r="2"><c r="A2"><v>1</c></row>"#, "the XML is not well-formed"),
    ])
    func malformedSheet(rows: String, message: String) {
        let refusal = Self.refusal(Self.skillsSheet(rows))
        #expect(refusal.hasPrefix("book.xlsx(xl/worksheets/sheet2.xml):1:"), "\(refusal)")
        #expect(refusal.contains(": " + message), "\(refusal)")
    }

    @Test("XML with a DOCTYPE or entities is refused; nothing expands (no billion laughs)", arguments: [
        "xl/workbook.xml", "xl/sharedStrings.xml", "xl/worksheets/sheet2.xml",
    ])
    func entities(part: String) throws {
        let laughs = #"<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">"#
            + #"<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>"#
        var bytes = Self.skillsSheet(XLSXBuilder.row(2, ["PROG", "P"]), strings: ["<t>x</t>"])
        // Put the DOCTYPE into the part, after its XML declaration, and use the entity.
        var zip = ZipBuilder()
        let archive = try Self.entries(of: bytes)
        for (name, content) in archive {
            var text = String(decoding: content, as: UTF8.self)
            if name == part {
                text = text.replacing("?>", with: "?>" + laughs, maxReplacements: 1)
            }
            zip.add(name, text)
        }
        bytes = zip.bytes()
        let refusal = Self.refusal(bytes)
        #expect(refusal.hasPrefix("book.xlsx(\(part)):1:"), "\(refusal)")
        #expect(refusal.contains("the document has a document type declaration <!DOCTYPE lolz>; documents with one are refused"),
                "\(refusal)")
    }

    @Test("a zip bomb entry stops at the limit: refused by its declared size, or while inflating when it lies")
    func zipBomb() {
        let huge = Array(repeating: UInt8(ascii: " "), count: SFIAWorkbook.maximumPartBytes + 1)
        let sheet = Array(#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>"#.utf8)
        let limit = SFIAWorkbook.maximumPartBytes.groupedDigits
        for declared in [nil, 100] as [Int?] {
            var zip = ZipBuilder()
            zip.add("xl/workbook.xml", #"<workbook xmlns="\#(XLSXBuilder.spreadsheetML)" xmlns:r="\#(XLSXBuilder.relationships)">"#
                        + #"<sheets><sheet name="Skills" sheetId="1" r:id="rId1"/></sheets></workbook>"#)
            zip.add("xl/_rels/workbook.xml.rels", #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
                        + #"<Relationship Id="rId1" Type="\#(XLSXBuilder.relationships)/worksheet" Target="worksheets/sheet1.xml"/>"#
                        + "</Relationships>")
            zip.add("xl/sharedStrings.xml", sheet + huge, declaredSize: declared)
            zip.add("xl/worksheets/sheet1.xml", sheet)
            let bytes = zip.bytes()
            #expect(bytes.count < 200_000, "a bomb is small: \(bytes.count)")
            let refusal = Self.refusal(bytes)
            let expected = declared == nil
                ? "book.xlsx(xl/sharedStrings.xml): the entry declares \((huge.count + sheet.count).groupedDigits) bytes; "
                : "book.xlsx(xl/sharedStrings.xml): the entry inflates to more than \(limit) bytes (its header declares 100); "
            #expect(refusal.hasPrefix(expected), "\(refusal)")
            #expect(refusal.contains("entries over 64 MiB are refused (a zip bomb?)"), "\(refusal)")
        }
    }

    @Test("too many entries are refused: by the count the end record declares, and as the directory is walked")
    func tooManyEntries() {
        var zip = ZipBuilder()
        for index in 0...SFIAWorkbook.maximumEntries { zip.add("x/\(index)", [], deflated: false) }
        var bytes = zip.bytes()
        let limit = SFIAWorkbook.maximumEntries.groupedDigits
        #expect(Self.refusal(bytes) == "book.xlsx: the archive lists \((SFIAWorkbook.maximumEntries + 1).groupedDigits) "
            + "entries; archives with more than \(limit) are refused")
        // An end record that understates the count: the walk stops at the limit all the same.
        bytes[bytes.count - 12] = 1
        bytes[bytes.count - 11] = 0
        #expect(Self.refusal(bytes) == "book.xlsx: the archive lists more than \(limit) entries; archives with more are refused")
    }

    @Test("a damaged entry is refused", arguments: [
        (false, "the entry is damaged: its CRC-32 or size does not match its contents"),
        (true, "the entry is damaged: "),
    ])
    func damaged(deflated: Bool, message: String) {
        let workbook = #"<workbook xmlns="\#(XLSXBuilder.spreadsheetML)"><sheets/></workbook>"#
        var zip = ZipBuilder()
        zip.add("xl/workbook.xml", Array(workbook.utf8), deflated: deflated)
        var bytes = zip.bytes()
        // A byte of the entry's data, after its 30-byte header and 15-byte name.
        bytes[30 + 15 + 3] ^= 0x55
        let refusal = Self.refusal(bytes)
        #expect(refusal.hasPrefix("book.xlsx(xl/workbook.xml): " + message), "\(refusal)")
    }

    @Test("deflate data cut short is refused, not read past its entry (nor waited on for ever)")
    func truncatedDeflate() {
        // A stored block that declares 65,535 bytes and holds five: the stream never ends.
        var zip = ZipBuilder()
        zip.add("xl/workbook.xml", [0x00, 0xFF, 0xFF, 0x00, 0x00, 1, 2, 3, 4, 5], deflated: false)
        var bytes = zip.bytes()
        // Mark it deflated (method 8) in both headers.
        bytes[8] = 8
        let central = bytes.count - 22 - (46 + 15)
        bytes[central + 10] = 8
        #expect(Self.refusal(bytes).hasPrefix("book.xlsx(xl/workbook.xml): the entry is damaged: its deflate data ends"))
    }

    /// The entries of a zip the tests built, through the reader's own archive type.
    static func entries(of bytes: [UInt8]) throws -> [(String, [UInt8])] {
        var archive = try BoundedZipArchive(bytes: bytes, file: "t.zip",
                                            limits: .init(entries: 100, entryBytes: 1 << 20, totalBytes: 1 << 24))
        return try archive.names.map { ($0, try archive.read($0) ?? []) }
    }
}
