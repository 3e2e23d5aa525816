import CairnCore
import CairnSyntax
import CairnTestSupport
import Foundation
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

    /// What reading `text` gives: its records, or the errors it throws.
    static func outcome(_ read: () throws(FormatError) -> [CSVRecord]) -> Result<[CSVRecord], FormatError> {
        do { return .success(try read()) } catch { return .failure(error) }
    }

    /// The records of `text` read whole; the reader stops at its first error.
    static func records(ofText text: String) throws(FormatError) -> [CSVRecord] {
        do {
            return try CSVReader.records(in: text, file: "t.csv")
        } catch {
            throw error.errors.first ?? FormatError(location: SourceLocation(file: "t.csv"), message: "no error")
        }
    }

    static func records(ofFileAt path: String, display: String, chunkBytes: Int) throws(FormatError) -> [CSVRecord] {
        var reader = try CSVReader(path: path, display: display, limit: 1 << 20, subject: "test files", chunkBytes: chunkBytes)
        var records: [CSVRecord] = []
        while let record = try reader.next() { records.append(record) }
        return records
    }

    @Test("a file read in chunks of any size gives the records, lines and errors of its text read whole")
    func chunkedFileMatchesText() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        // Pieces that go wrong when a chunk ends inside them: CRLF, a doubled quote, a BOM, é.
        let pieces = ["a", "é", ",", "\"", "\"\"", "\n", "\r", "\r\n", " ", "x\"y", "\u{FEFF}"]
        var random = SplitMix64(seed: 4180)
        for round in 0..<300 {
            var text = round.isMultiple(of: 3) ? "\u{FEFF}" : ""
            for _ in 0..<random.below(40) { text += pieces[random.below(pieces.count)] }
            let url = try folder.write("round-\(round).csv", text)
            let whole = Self.outcome { () throws(FormatError) in try Self.records(ofText: text) }
            for chunkBytes in [1, 2, 3, 5, 64] {
                let chunked = Self.outcome { () throws(FormatError) in
                    try Self.records(ofFileAt: url.path, display: "t.csv", chunkBytes: chunkBytes)
                }
                #expect(chunked == whole, "\(String(reflecting: text)) in chunks of \(chunkBytes)")
            }
        }
    }

    @Test("a file that is not UTF-8 is refused at the file, as when it was read whole")
    func notUTF8() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let url = folder.url.appendingPathComponent("latin1.csv")
        try Data("a,b\n1,".utf8 + [0xE9] + Array("t\u{e9}\n".utf8)).write(to: url)
        #expect(Self.outcome { () throws(FormatError) in try Self.records(ofFileAt: url.path, display: "latin1.csv", chunkBytes: 2) }
                == .failure(FormatError(location: SourceLocation(file: "latin1.csv"), message: "the file is not UTF-8 text")))
    }
}
