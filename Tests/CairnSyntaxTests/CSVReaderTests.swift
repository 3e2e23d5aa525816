import CairnCore
import CairnSyntax
import CairnTestSupport
import Testing

@Suite("CSV reader")
struct CSVReaderTests {
    @Test("reads quoted fields, doubled quotes and line breaks", arguments: [
        ("a,b\n1,2\n", [["a", "b"], ["1", "2"]]),
        ("a,b\r\n1,2\r\n", [["a", "b"], ["1", "2"]]),
        ("a,b\r\n1,2", [["a", "b"], ["1", "2"]]),
        ("a,\"x, y\"\n", [["a", "x, y"]]),
        ("\"say \"\"hi\"\"\",b\n", [["say \"hi\"", "b"]]),
        ("\"line one\nline two\",b\nc,d\n", [["line one\nline two", "b"], ["c", "d"]]),
        ("\"line one\r\nline two\",b\r\nc,d\r\n", [["line one\r\nline two", "b"], ["c", "d"]]),
        (",,\n", [["", "", ""]]),
        ("\"\",x\n", [["", "x"]]),
        ("a\n\nb\n", [["a"], ["b"]]),
        ("\u{FEFF}h1,h2\nv1,v2\n", [["h1", "h2"], ["v1", "v2"]]),
        ("ab\"c,d\n", [["ab\"c", "d"]]),
        ("é,ü\n", [["é", "ü"]]),
    ])
    func reads(text: String, expected: [[String]]) throws {
        #expect(try CSVReader.records(in: text, file: "t.csv").map(\.fields) == expected)
    }

    @Test("records start lines, counting line breaks inside quotes")
    func recordLines() throws {
        let records = try CSVReader.records(in: "h\n\"a\nb\nc\"\nd\r\ne\n", file: "t.csv")
        #expect(records.map(\.line) == [1, 2, 5, 6])
    }

    @Test("reports an unterminated quote at the opening quote")
    func unterminatedQuote() {
        let errors = formatErrors { _ = try CSVReader.records(in: "a,b\n1,\"two\nthree\n", file: "t.csv") }
        #expect(errors.map(\.description) == [
            #"t.csv:2:3: unterminated quoted field: no closing " before the end of the file"#,
        ])
    }

    @Test("reports text after a closing quote")
    func textAfterQuote() {
        let errors = formatErrors { _ = try CSVReader.records(in: "a,b\n\"é\"x,2\n", file: "t.csv") }
        #expect(errors.map(\.description) == [
            #"t.csv:2:4: expected a comma or the end of the record after a closing quote, found "x""#,
        ])
    }
}
