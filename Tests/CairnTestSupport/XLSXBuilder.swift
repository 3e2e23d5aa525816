/// Builds small `.xlsx` workbooks from XML written by hand: the parts a reader needs (workbook,
/// its relationships, shared strings, sheets) in a ``ZipBuilder``.
public enum XLSXBuilder {
    public static let spreadsheetML = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    public static let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    /// A workbook whose sheets have these names and `<sheetData>` contents, with these shared
    /// strings (`<si>` contents; nil: no shared strings part).
    public static func workbook(sheets: [(name: String, data: String)], sharedStrings: [String]? = nil,
                                extra: [(name: String, content: String)] = []) -> [UInt8] {
        var zip = ZipBuilder()
        zip.add("[Content_Types].xml", #"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#)
        let list = sheets.enumerated().map { index, sheet in
            #"<sheet name="\#(escaped(sheet.name))" sheetId="\#(index + 1)" r:id="rId\#(index + 1)"/>"#
        }.joined()
        zip.add("xl/workbook.xml", #"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="\#(spreadsheetML)" "#
                    + #"xmlns:r="\#(relationships)"><sheets>\#(list)</sheets></workbook>"#)
        var links = sheets.indices.map { index in
            #"<Relationship Id="rId\#(index + 1)" Type="\#(relationships)/worksheet" Target="worksheets/sheet\#(index + 1).xml"/>"#
        }
        if sharedStrings != nil {
            links.append(#"<Relationship Id="rIdS" Type="\#(relationships)/sharedStrings" Target="sharedStrings.xml"/>"#)
        }
        zip.add("xl/_rels/workbook.xml.rels", #"<?xml version="1.0" encoding="UTF-8"?><Relationships "#
                    + #"xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\#(links.joined())</Relationships>"#)
        if let sharedStrings {
            zip.add("xl/sharedStrings.xml", #"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="\#(spreadsheetML)">"#
                        + sharedStrings.map { "<si>\($0)</si>" }.joined() + "</sst>")
        }
        for (index, sheet) in sheets.enumerated() {
            zip.add("xl/worksheets/sheet\(index + 1).xml", #"<?xml version="1.0" encoding="UTF-8"?><worksheet "#
                        + #"xmlns="\#(spreadsheetML)"><sheetData>\#(sheet.data)</sheetData></worksheet>"#)
        }
        for part in extra { zip.add(part.name, part.content) }
        return zip.bytes()
    }

    /// A row of inline-string cells from column A: `row(2, ["PROG", "Programming"])`.
    public static func row(_ number: Int, _ texts: [String?]) -> String {
        let cells = texts.enumerated().compactMap { column, text in
            text.map { #"<c r="\#(columnLetters(column + 1))\#(number)" t="inlineStr"><is><t>\#(escaped($0))</t></is></c>"# }
        }
        return #"<row r="\#(number)">\#(cells.joined())</row>"#
    }

    public static func columnLetters(_ column: Int) -> String {
        var number = column, letters = ""
        while number > 0 {
            letters = String(UnicodeScalar(UInt8(65 + (number - 1) % 26))) + letters
            number = (number - 1) / 26
        }
        return letters
    }

    public static func escaped(_ text: String) -> String {
        text.replacing("&", with: "&amp;").replacing("<", with: "&lt;").replacing("\"", with: "&quot;")
    }
}
