import CairnSyntax
import CairnTestSupport
import Foundation
import Testing

/// A multipart/form-data body built the way a browser builds one: each part opened by
/// `--boundary` CRLF, its headers, a blank line, the content, CRLF; then `--boundary--` CRLF.
struct BrowserForm: CustomTestStringConvertible {
    var boundary = "----WebKitFormBoundary7MA4YWxkTrZu0gW"
    var bytes: [UInt8] = []

    var contentType: String { "multipart/form-data; boundary=\(boundary)" }

    var testDescription: String { "a form of \(bytes.count) bytes" }

    mutating func field(_ name: String, _ value: String) {
        part(["Content-Disposition: form-data; name=\"\(name)\""], Array(value.utf8))
    }

    mutating func file(_ name: String, filename: String, type: String = "application/octet-stream", _ content: [UInt8]) {
        part(["Content-Disposition: form-data; name=\"\(name)\"; filename=\"\(filename)\"", "Content-Type: \(type)"], content)
    }

    /// A part with these header lines, as written.
    mutating func part(_ headers: [String], _ content: [UInt8]) {
        bytes += Array("--\(boundary)\r\n".utf8)
        for header in headers { bytes += Array("\(header)\r\n".utf8) }
        bytes += Array("\r\n".utf8) + content + Array("\r\n".utf8)
    }

    /// The body with its closing boundary.
    var closed: [UInt8] { bytes + Array("--\(boundary)--\r\n".utf8) }
}

@Suite("Form bodies")
struct FormFieldsTests {
    /// What parsing gives: the fields, or the error thrown.
    static func outcome(_ parse: () throws(FormError) -> FormFields) -> Result<FormFields, FormError> {
        do { return .success(try parse()) } catch { return .failure(error) }
    }

    /// The error parsing throws; records an issue when it parses.
    static func failure(_ parse: () throws(FormError) -> FormFields,
                        sourceLocation: SourceLocation = #_sourceLocation) -> FormError? {
        switch outcome(parse) {
        case .success(let fields):
            Issue.record("expected a FormError, parsed \(fields.fields.count) fields", sourceLocation: sourceLocation)
            return nil
        case .failure(let error):
            return error
        }
    }

    static func multipart(_ body: [UInt8], _ contentType: String = BrowserForm().contentType,
                          limits: FormLimits = FormLimits()) -> Result<FormFields, FormError> {
        outcome { () throws(FormError) in try FormFields.parse(multipart: body, contentType: contentType, limits: limits) }
    }

    static func urlEncoded(_ body: String, limits: FormLimits = FormLimits()) -> Result<FormFields, FormError> {
        outcome { () throws(FormError) in try FormFields.parse(urlEncoded: Array(body.utf8), limits: limits) }
    }

    // MARK: - Multipart as browsers send it

    /// Bytes a file may hold that look like the start of a boundary but are not one.
    static let trickyBytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x00, 0x00, 0x0D, 0x0A]
        + Array("\r\n--".utf8) + [0x00, 0xFF]
        + Array("\r\n------WebKitFormBoundary7MA4YWxkTrZu0g".utf8) // the boundary but its last character
        + Array("\r\n--\r\n\n--".utf8) + [0x00] + Array("----WebKitFormBoundary7MA4YWxkTrZu0gW".utf8) // not after CRLF
        + [0x0D, 0x0D, 0x0A, 0x00, 0x0D]

    @Test("a browser's body: a text field and a file whose bytes hold CR, LF, \"--\" and NUL that are not the boundary")
    func browserBody() throws {
        var form = BrowserForm()
        form.field("title", "Data badge")
        form.file("badge", filename: "badge.png", type: "image/png", Self.trickyBytes)
        form.field("note", "line one\r\nline two")
        let fields = try Self.multipart(form.closed).get()
        #expect(fields.fields.map(\.name) == ["title", "note"])
        #expect(fields["title"] == "Data badge")
        #expect(fields["note"] == "line one\r\nline two")
        let file = try #require(fields.file("badge"))
        #expect(file == FormFile(name: "badge", filename: "badge.png", contentType: "image/png", bytes: Self.trickyBytes))
        #expect(fields.file("title") == nil && fields["badge"] == nil && fields["missing"] == nil)
    }

    @Test("the preamble and epilogue are ignored, header lines may end in a bare LF, spaces may follow a boundary")
    func tolerated() throws {
        let body = Array(("This is the preamble.\r\n--xyz  \t\r\n"
            + "content-disposition: FORM-DATA; NAME=a\nX-Ignored: yes\n\n1\r\n"
            + "--xyz\nContent-Disposition: form-data; name=\"b\"\r\n\r\n\r\n"
            + "--xyz--\r\nThis is the epilogue, with --xyz in it.\r\n").utf8)
        let fields = try Self.multipart(body, "multipart/form-data; boundary=xyz").get()
        #expect(fields.fields.map(\.name) == ["a", "b"])
        #expect(fields.values("a") == ["1"] && fields.values("b") == [""])
    }

    @Test("a form with no fields is the closing boundary alone")
    func emptyForm() throws {
        let fields = try Self.multipart(Array("--xyz--\r\n".utf8), "multipart/form-data; boundary=xyz").get()
        #expect(fields.fields.isEmpty && fields.files.isEmpty)
    }

    @Test("the boundary is read quoted or bare, with other parameters and in any case", arguments: [
        "multipart/form-data; boundary=----WebKitFormBoundary7MA4YWxkTrZu0gW",
        "multipart/form-data; boundary=\"----WebKitFormBoundary7MA4YWxkTrZu0gW\"",
        "Multipart/Form-Data;BOUNDARY=----WebKitFormBoundary7MA4YWxkTrZu0gW",
        "multipart/form-data; charset=utf-8; boundary=\"----WebKitFormBoundary7MA4YWxkTrZu0gW\" ;",
        " multipart/form-data ; boundary = ----WebKitFormBoundary7MA4YWxkTrZu0gW",
    ])
    func boundaries(contentType: String) throws {
        var form = BrowserForm()
        form.field("a", "1")
        #expect(try Self.multipart(form.closed, contentType).get()["a"] == "1")
    }

    @Test("a quoted boundary may hold spaces and the characters a bare one may not")
    func quotedBoundary() throws {
        var form = BrowserForm(boundary: "a b:c=d?e'(f)+g_h,i-j.k/l")
        form.field("a", "1")
        #expect(try Self.multipart(form.closed, "multipart/form-data; boundary=\"\(form.boundary)\"").get()["a"] == "1")
    }

    @Test("a Content-Type that is not multipart/form-data with a good boundary is refused", arguments: [
        ("text/plain; boundary=x", FormError.Reason.badContentType,
         #"Content-Type: expected "multipart/form-data", found "text/plain""#),
        ("multipart/form-data", .missingBoundary,
         #"Content-Type: "multipart/form-data" has no boundary parameter; expected "; boundary=…""#),
        ("multipart/form-data; boundary=\"\"", .badBoundary,
         #"Content-Type: the boundary "" has 0 characters; expected 1 to 70 (RFC 2046)"#),
        ("multipart/form-data; boundary=" + String(repeating: "b", count: 71), .badBoundary,
         "Content-Type: the boundary \"\(String(repeating: "b", count: 40))…\" has 71 characters; expected 1 to 70 (RFC 2046)"),
        ("multipart/form-data; boundary=\"abc \"", .badBoundary, #"Content-Type: the boundary "abc " ends with a space"#),
        ("multipart/form-data; boundary=a@b", .badBoundary,
         #"Content-Type: the boundary "a@b" holds "@", which RFC 2046 does not allow in one (letters, digits, space and '()+_,-./:=? only)"#),
        ("multipart/form-data; boundary=\"a\\\rb\"", .badBoundary,
         #"Content-Type: the boundary "a\\\x0Db" holds "\\", which RFC 2046 does not allow in one (letters, digits, space and '()+_,-./:=? only)"#),
        ("multipart/form-data; boundary=a; boundary=b", .badContentType, #"Content-Type: the parameter "boundary" is given twice"#),
        ("multipart/form-data; boundary=\"abc", .badContentType,
         #"Content-Type: the quoted value of the parameter "boundary" has no closing quote"#),
        ("multipart/form-data; boundary=a b", .badContentType,
         #"Content-Type: expected ";" after the value of the parameter "boundary", found "b""#),
    ])
    func badContentType(contentType: String, reason: FormError.Reason, description: String) {
        let error = Self.failure { () throws(FormError) in
            try FormFields.parse(multipart: Array("--x--\r\n".utf8), contentType: contentType, limits: FormLimits())
        }
        #expect(error?.reason == reason)
        #expect(error?.description == description)
        #expect(error?.offset == 0 && error?.isTooLarge == false)
    }

    @Test("a filename keeps only its last path component, without control characters", arguments: [
        ("C:\\fakepath\\badge.png", "badge.png"),
        ("../../etc/passwd", "passwd"),
        ("/absolute/path/notes.txt", "notes.txt"),
        ("..", ""),
        ("a/..", ""),
        ("dir/", ""),
        ("", ""),
        ("bad\u{0}na\u{1B}[31mme\u{7F}.txt", "badna[31mme.txt"),
        ("..\u{0}/..\u{200F}", ""),
        ("\u{202E}gnp.exe", "gnp.exe"),
        ("x/\u{301}etc", "\u{301}etc"),
        ("résumé final.pdf", "résumé final.pdf"),
    ])
    func sanitisedFilenames(sent: String, kept: String) {
        #expect(FormFile.sanitizedFilename(sent) == kept)
    }

    @Test("a long filename is cut to at most 255 bytes at a character boundary")
    func longFilename() {
        // Two bytes each: 127 fit in 255 bytes, the 128th would not.
        let kept = FormFile.sanitizedFilename(String(repeating: "\u{E9}", count: 200) + ".png")
        #expect(kept == String(repeating: "\u{E9}", count: 127))
        #expect(FormFile.sanitizedFilename(String(repeating: "a", count: 300)).utf8.count == 255)
    }

    @Test("filenames sent with paths, as old browsers and hostile clients do, are sanitised", arguments: [
        ("C:\\fakepath\\badge.png", "badge.png"),
        ("C:\\\\fakepath\\\\badge.png", "badge.png"),
        ("../../etc/passwd", "passwd"),
        ("%22quoted%22.txt", "%22quoted%22.txt"),
        ("say \\\"hi\\\".txt", "say \"hi\".txt"),
    ])
    func filenamesInBodies(written: String, kept: String) throws {
        var form = BrowserForm()
        form.file("upload", filename: written, [1, 2, 3])
        let file = try #require(try Self.multipart(form.closed).get().file("upload"))
        #expect(file.filename == kept && file.bytes == [1, 2, 3])
    }

    @Test("an empty file input sends filename=\"\" and no bytes: a file with neither")
    func emptyFileField() throws {
        var form = BrowserForm()
        form.file("avatar", filename: "", [])
        form.field("name", "Ana")
        let fields = try Self.multipart(form.closed).get()
        #expect(fields.files == [FormFile(name: "avatar", filename: "", contentType: "application/octet-stream", bytes: [])])
        #expect(fields["name"] == "Ana")
    }

    @Test("UTF-8 names, values and filenames")
    func utf8() throws {
        var form = BrowserForm()
        form.field("prénom", "Zoë")
        form.field("名前", "山田 🌿")
        form.file("pièce", filename: "résumé.pdf", [0x25, 0x50, 0x44, 0x46])
        let fields = try Self.multipart(form.closed).get()
        #expect(fields["prénom"] == "Zoë" && fields["名前"] == "山田 🌿")
        #expect(fields.file("pièce")?.filename == "résumé.pdf")

        let encoded = try Self.urlEncoded("pr%C3%A9nom=Zo%C3%AB&%E5%90%8D%E5%89%8D=%E5%B1%B1%E7%94%B0+%F0%9F%8C%BF&raw=é").get()
        #expect(encoded["prénom"] == "Zoë" && encoded["名前"] == "山田 🌿" && encoded["raw"] == "é")
    }

    /// Python's own multipart writer and reader (`email`, standard library): the body it writes,
    /// and what it reads back from it, which this reader must agree with.
    static let pythonForm = #"""
    import base64, json
    from email import policy
    from email.charset import Charset
    from email.encoders import encode_noop
    from email.mime.application import MIMEApplication
    from email.mime.multipart import MIMEMultipart
    from email.mime.text import MIMEText
    from email.parser import BytesParser

    form = MIMEMultipart("form-data")
    utf8 = Charset("utf-8")
    utf8.body_encoding = None
    text = MIMEText("Grüße, Zoë\r\nzweite Zeile", "plain", utf8)
    text.add_header("Content-Disposition", "form-data", name="greeting")
    form.attach(text)
    upload = MIMEApplication(bytes(range(256)) + b"\r\n--not the boundary\r\n\x00", "octet-stream", encode_noop)
    upload.add_header("Content-Disposition", "form-data", name="upload", filename="report.bin")
    form.attach(upload)
    whole = form.as_bytes(policy=policy.HTTP)
    parts = BytesParser(policy=policy.HTTP).parsebytes(whole).get_payload()
    print(json.dumps({
        "contentType": form["Content-Type"],
        "body": base64.b64encode(whole.split(b"\r\n\r\n", 1)[1]).decode(),
        "greeting": parts[0].get_payload(decode=True).decode(),
        "filename": parts[1].get_filename(),
        "file": base64.b64encode(parts[1].get_payload(decode=True)).decode(),
    }))
    """#

    static var hasPython: Bool {
        (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").contains {
            FileManager.default.isExecutableFile(atPath: "\($0)/python3")
        }
    }

    @Test("a body written by Python's email package reads as Python reads it", .enabled(if: hasPython))
    func pythonBody() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", Self.pythonForm]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: output) as? [String: String])
        let body = try #require(json["body"].flatMap { Data(base64Encoded: $0) })
        let contentType = try #require(json["contentType"])
        #expect(contentType.contains("boundary=\"="), "Python quotes its boundary of = signs: \(contentType)")
        let fields = try Self.multipart(Array(body), contentType).get()
        #expect(fields["greeting"] == json["greeting"])
        let file = try #require(fields.file("upload"))
        #expect(file.filename == json["filename"])
        #expect(file.contentType == "application/octet-stream")
        #expect(Data(file.bytes) == json["file"].flatMap { Data(base64Encoded: $0) })
    }

    // MARK: - Malformed multipart bodies

    @Test("a malformed body is refused where it goes wrong", arguments: [
        ("no boundary at all", "just text", FormError.Reason.unterminated, 9,
         #"the body ends without a line "--xyz" to start the first part"#),
        ("the body ends after a boundary", "--xyz", .unterminated, 5,
         #"the body ends after a boundary; expected a line break and a part, or "--" to close the form"#),
        ("the boundary is followed by more", "--xyzzy\r\n", .badDelimiter, 5,
         #"expected a line break or "--" after the boundary "--xyz", found "zy\x0D\x0A""#),
        ("a boundary inside a part is followed by more", "--xyz\r\nContent-Disposition: form-data; name=a\r\n\r\nv\r\n--xyzw\r\n",
         .badDelimiter, 57, #"expected a line break or "--" after the boundary "--xyz", found "w\x0D\x0A""#),
        ("the headers end without a blank line", "--xyz\r\nContent-Disposition: form-data; name=a\r\n--xyz--\r\n",
         .badPartHeader, 47, "the part's headers end without a blank line"),
        ("the body ends inside the headers", "--xyz\r\nContent-Disposition: form-data", .unterminated, 37,
         "the body ends inside a part's headers; expected a blank line after them"),
        ("the body ends inside the content", "--xyz\r\nContent-Disposition: form-data; name=a\r\n\r\nvalue", .unterminated, 54,
         #"the body ends inside the part for the field "a"; expected a line "--xyz" after its content"#),
        ("the closing boundary is missing", "--xyz\r\nContent-Disposition: form-data; name=a\r\n\r\nv\r\n--xyz\r\n",
         .unterminated, 59, #"the body ends after a boundary line; expected a part's headers, or the closing "--xyz--""#),
        ("no Content-Disposition", "--xyz\r\nContent-Type: text/plain\r\n\r\nv\r\n--xyz--", .badPartHeader, 7,
         #"the part has no Content-Disposition header; expected "Content-Disposition: form-data; name=…""#),
        ("not form-data", "--xyz\r\nContent-Disposition: attachment; name=a\r\n\r\nv\r\n--xyz--", .badPartHeader, 7,
         #"expected Content-Disposition "form-data", found "attachment""#),
        ("no name", "--xyz\r\nContent-Disposition: form-data; filename=a.txt\r\n\r\nv\r\n--xyz--", .missingName, 7,
         #"the part's Content-Disposition has no name parameter; expected name="…""#),
        ("two names", "--xyz\r\nContent-Disposition: form-data; name=a; name=b\r\n\r\nv\r\n--xyz--", .badPartHeader, 47,
         #"in Content-Disposition, the parameter "name" is given twice"#),
        ("an unclosed quote", "--xyz\r\nContent-Disposition: form-data; name=\"a\r\n\r\nv\r\n--xyz--", .badPartHeader, 44,
         #"in Content-Disposition, the quoted value of the parameter "name" has no closing quote"#),
        ("two Content-Dispositions",
         "--xyz\r\nContent-Disposition: form-data; name=a\r\nContent-Disposition: form-data; name=b\r\n\r\nv\r\n--xyz--",
         .badPartHeader, 47, "the part has a second Content-Disposition header"),
        ("a line without a colon", "--xyz\r\nContent-Disposition form-data\r\n\r\nv\r\n--xyz--", .badPartHeader, 7,
         #"expected a header "Name: value", found "Content-Disposition form-data""#),
        ("a folded header", "--xyz\r\nContent-Disposition: form-data;\r\n name=a\r\n\r\nv\r\n--xyz--", .badPartHeader, 40,
         "a header line starts with a space; folded headers are not accepted in a form"),
        ("a lone CR in a header", "--xyz\r\nContent-Disposition: form-data; name=a\rb\r\n\r\nv\r\n--xyz--", .badPartHeader, 45,
         "a header holds a carriage return without a line feed"),
        ("a NUL in a header", "--xyz\r\nContent-Disposition: form-data; name=a\u{0}b\r\n\r\nv\r\n--xyz--", .badPartHeader, 45,
         "a header holds a NUL byte"),
        ("base64 content", "--xyz\r\nContent-Disposition: form-data; name=a\r\nContent-Transfer-Encoding: base64\r\n\r\ndg==\r\n--xyz--",
         .badPartHeader, 47, #"Content-Transfer-Encoding "base64" is not read; expected a part's bytes as they are (RFC 7578 §4.7)"#),
    ])
    func malformed(label: String, body: String, reason: FormError.Reason, offset: Int, message: String) {
        let error = Self.failure { () throws(FormError) in
            try FormFields.parse(multipart: Array(body.utf8), contentType: "multipart/form-data; boundary=xyz", limits: FormLimits())
        }
        #expect(error?.reason == reason, "\(label)")
        #expect(error?.description == "byte \(offset): \(message)", "\(label)")
        #expect(error?.isTooLarge == false, "\(label)")
    }

    @Test("text that is not UTF-8 is refused at the first byte that is not")
    func multipartNotUTF8() {
        let body = Array("--xyz\r\nContent-Disposition: form-data; name=a\r\n\r\nok".utf8) + [0xC3, 0x28]
            + Array("\r\n--xyz--".utf8)
        let error = Self.failure { () throws(FormError) in
            try FormFields.parse(multipart: body, contentType: "multipart/form-data; boundary=xyz", limits: FormLimits())
        }
        #expect(error == FormError(offset: 51, field: "a", reason: .badEncoding,
                                   message: #"the value of the field "a" is not UTF-8 text from this byte on"#))
        let name = Array("--xyz\r\nContent-Disposition: form-data; name=\"".utf8) + [0xFF] + Array("\"\r\n\r\nv\r\n--xyz--".utf8)
        let nameError = Self.failure { () throws(FormError) in
            try FormFields.parse(multipart: name, contentType: "multipart/form-data; boundary=xyz", limits: FormLimits())
        }
        #expect(nameError?.reason == .badEncoding && nameError?.offset == 7)
    }

    // MARK: - Limits

    /// A body of `fields` fields and `files` files, the values and files of the sizes given.
    static func sizedForm(fields: Int = 1, files: Int = 0, value: Int = 1, file: Int = 1, name: String = "f",
                          header: Int = 0) -> BrowserForm {
        var form = BrowserForm()
        for index in 0..<fields {
            let padding = header > 0 && index == 0 ? ["X-Padding: " + String(repeating: "p", count: header)] : []
            form.part(["Content-Disposition: form-data; name=\"\(name)\""] + padding, Array(repeating: UInt8(ascii: "v"), count: value))
        }
        for _ in 0..<files { form.file("up", filename: "u.bin", Array(repeating: 0, count: file)) }
        return form
    }

    static let small = FormLimits(maxFields: 3, maxFieldBytes: 10, maxFileBytes: 20, maxFiles: 2, maxHeaderBytes: 200, maxNameBytes: 5)

    /// Where the content of part `index` (0-based) of a `sizedForm` starts.
    static func contentStart(of form: BrowserForm, part index: Int) -> Int {
        var count = 0
        let separator = Array("\r\n\r\n".utf8)
        for offset in 0..<(form.bytes.count - 3) where Array(form.bytes[offset..<(offset + 4)]) == separator {
            if count == index { return offset + 4 }
            count += 1
        }
        return -1
    }

    @Test("at its limits a form parses; one over, it is refused as too large where it goes over", arguments: [
        ("fields", sizedForm(fields: 3), sizedForm(fields: 4), FormError.Reason.tooManyFields),
        ("a field's bytes", sizedForm(value: 10), sizedForm(value: 11), .fieldTooLarge),
        ("files", sizedForm(files: 2), sizedForm(files: 3), .tooManyFiles),
        ("a file's bytes", sizedForm(files: 1, file: 20), sizedForm(files: 1, file: 21), .fileTooLarge),
        ("a name's bytes", sizedForm(name: "abcde"), sizedForm(name: "abcdé"), .nameTooLong),
        // The headers: the Content-Disposition line (42 bytes), "X-Padding: " and the padding and CRLF
        // (13 more), and the blank line (2).
        ("a part's header bytes", sizedForm(header: 200 - 57), sizedForm(header: 201 - 57), .headerTooLarge),
    ])
    func multipartLimits(label: String, atLimit: BrowserForm, overLimit: BrowserForm, reason: FormError.Reason) throws {
        #expect(throws: Never.self, "\(label)") { try Self.multipart(atLimit.closed, limits: Self.small).get() }
        let error = try #require(Self.multipart(overLimit.closed, limits: Self.small).failure, "\(label)")
        #expect(error.reason == reason && error.isTooLarge, "\(label): \(error)")
        let partStart = { (index: Int) in
            let opening = Array("--\(overLimit.boundary)\r\n".utf8)
            return (0..<overLimit.bytes.count).filter { overLimit.bytes[$0...].starts(with: opening) }[index] + opening.count
        }
        let expected = switch reason {
        case .tooManyFields: partStart(3)
        case .tooManyFiles: partStart(3)
        case .fieldTooLarge: Self.contentStart(of: overLimit, part: 0)
        case .fileTooLarge: Self.contentStart(of: overLimit, part: 1)
        default: partStart(0)
        }
        #expect(error.offset == expected, "\(label): \(error)")
    }

    @Test("the limits' messages say which limit", arguments: [
        (sizedForm(fields: 4), "the form has more than 3 fields, the most allowed"),
        (sizedForm(value: 11), #"the value of the field "f" is longer than 10 bytes, the most allowed"#),
        (sizedForm(files: 3), "the form has more than 2 files, the most allowed"),
        (sizedForm(files: 1, file: 21), #"the file sent for the field "up" is longer than 20 bytes, the most allowed"#),
        (sizedForm(name: "abcdef"), "a field's name is longer than 5 bytes, the most allowed"),
        (sizedForm(header: 300), "the part's headers run past 200 bytes, the most allowed, without a blank line to end them"),
    ])
    func limitMessages(form: BrowserForm, message: String) throws {
        let error = try #require(Self.multipart(form.closed, limits: Self.small).failure)
        #expect(error.description == "byte \(error.offset): \(message)")
    }

    @Test("the default limits")
    func defaults() {
        let limits = FormLimits()
        let values: [Int] = [limits.maxFields, limits.maxFieldBytes, limits.maxFileBytes, limits.maxFiles,
                             limits.maxHeaderBytes, limits.maxNameBytes]
        #expect(values == [200, 65_536, 8_388_608, 8, 8_192, 256])
    }

    @Test("isTooLarge is true for exactly the limit reasons")
    func tooLargeReasons() {
        let limits = FormError.Reason.allCases.filter(\.isTooLarge)
        #expect(Set(limits) == [.nameTooLong, .headerTooLarge, .tooManyFields, .fieldTooLarge, .tooManyFiles, .fileTooLarge])
    }

    // MARK: - URL-encoded

    @Test("URL-encoded bodies: + is a space, %XX a byte, & separates pairs", arguments: [
        ("a=1&b=hello+world&c=%20x%2B", [("a", "1"), ("b", "hello world"), ("c", " x+")]),
        ("first+name=Ana%20Lu&first+name=Bo", [("first name", "Ana Lu"), ("first name", "Bo")]),
        ("flag&empty=&=anonymous", [("flag", ""), ("empty", ""), ("", "anonymous")]),
        ("&&a=1&&", [("a", "1")]),
        ("eq=a=b%3Dc", [("eq", "a=b=c")]),
        ("semi=a;b", [("semi", "a;b")]),
        ("hex=%e2%9c%93%E2%9C%93", [("hex", "✓✓")]),
        ("", []),
    ])
    func urlEncoded(body: String, expected: [(String, String)]) throws {
        let fields = try Self.urlEncoded(body).get()
        #expect(fields.fields.map(\.name) == expected.map(\.0))
        #expect(fields.fields.map(\.value) == expected.map(\.1))
        #expect(fields.files.isEmpty)
    }

    @Test("repeated names keep every value in order")
    func repeatedNames() throws {
        let fields = try Self.urlEncoded("tag=a&x=1&tag=b&tag=c").get()
        #expect(fields["tag"] == "a" && fields.values("tag") == ["a", "b", "c"] && fields.values("none") == [])
    }

    @Test("bad URL-encoded bodies are refused at the byte that is wrong", arguments: [
        ("a=%G1", FormError.Reason.badPercentEscape, 2, "a",
         #""%G1" is not a percent escape: expected two hexadecimal digits after "%""#),
        ("ok=1&a=x%4", .badPercentEscape, 8, "a", #""%4" is not a percent escape: expected two hexadecimal digits after "%""#),
        ("a%=1", .badPercentEscape, 1, nil, #""%" is not a percent escape: expected two hexadecimal digits after "%""#),
        ("a=%%41", .badPercentEscape, 2, "a", #""%%4" is not a percent escape: expected two hexadecimal digits after "%""#),
        ("a=ok%41%FF", .badEncoding, 7, "a", #"the value of the field "a" (percent escapes decoded) is not UTF-8 text from this byte on"#),
        ("x%C3%28=1", .badEncoding, 1, nil, "a field's name (percent escapes decoded) is not UTF-8 text from this byte on"),
    ] as [(String, FormError.Reason, Int, String?, String)])
    func badURLEncoded(body: String, reason: FormError.Reason, offset: Int, field: String?, message: String) throws {
        let error = try #require(Self.urlEncoded(body).failure)
        #expect(error == FormError(offset: offset, field: field, reason: reason, message: message))
        #expect(error.description == "byte \(offset): \(message)")
    }

    @Test("URL-encoded limits: names and values count decoded bytes", arguments: [
        ("a=1&b=2&c=3", nil, nil),
        ("a=1&b=2&c=3&d=4", FormError.Reason.tooManyFields, 12),
        ("a=0123456789", nil, nil),
        ("a=%30123456789", nil, nil),
        ("a=01234567890", .fieldTooLarge, 2),
        ("abcde=1", nil, nil),
        ("ab%63de=1", nil, nil),
        ("x=1&abcdef=1", .nameTooLong, 4),
    ] as [(String, FormError.Reason?, Int?)])
    func urlEncodedLimits(body: String, reason: FormError.Reason?, offset: Int?) {
        switch Self.urlEncoded(body, limits: Self.small) {
        case .success:
            #expect(reason == nil, "\(body) parsed")
        case .failure(let error):
            #expect(error.reason == reason && error.offset == offset && error.isTooLarge, "\(body): \(error)")
        }
    }

    // MARK: - Hostile input

    @Test("200 random byte strings never crash either parser: each parses or throws a FormError inside the body")
    func randomBodies() {
        var random = SplitMix64(seed: 7578)
        let pieces: [[UInt8]] = [
            Array("--xyz".utf8), Array("--xyz--".utf8), [0x0D, 0x0A], [0x0A], [0x0D], Array("--".utf8),
            Array("Content-Disposition: form-data; name=\"a\"".utf8), Array("; filename=\"../f\"".utf8),
            Array("Content-Type: text/plain".utf8), [0x00], [0xFF], [0xC3, 0xA9], Array("%4".utf8), Array("%41".utf8),
            Array("&".utf8), Array("=".utf8), Array("+".utf8), Array("x".utf8), Array("\"".utf8), Array(";".utf8),
        ]
        var parsed = (multipart: 0, urlEncoded: 0)
        for round in 0..<200 {
            var body: [UInt8] = round.isMultiple(of: 2) ? Array("--xyz\r\n".utf8) : []
            for _ in 0..<random.below(60) {
                if random.below(4) == 0 {
                    body.append(UInt8(truncatingIfNeeded: random.next()))
                } else {
                    body += pieces[random.below(pieces.count)]
                }
            }
            let text = String(decoding: body, as: UTF8.self)
            let results = [
                (body.count, Self.multipart(body, "multipart/form-data; boundary=xyz", limits: Self.small)),
                (body.count, Self.outcome { () throws(FormError) in try FormFields.parse(urlEncoded: body, limits: Self.small) }),
                (text.utf8.count, Self.urlEncoded(text, limits: Self.small)),
            ]
            for (index, (length, result)) in results.enumerated() {
                switch result {
                case .success(let fields):
                    if index == 0 { parsed.multipart += 1 } else { parsed.urlEncoded += 1 }
                    #expect(fields.fields.count <= 3 && fields.files.count <= 2)
                    #expect(fields.fields.allSatisfy { $0.name.utf8.count <= 5 && $0.value.utf8.count <= 10 })
                    #expect(fields.files.allSatisfy { $0.bytes.count <= 20 && !$0.filename.contains("/") })
                case .failure(let error):
                    #expect((0...length).contains(error.offset), "\(error)")
                    #expect(!error.description.isEmpty)
                }
            }
        }
        #expect(parsed.multipart > 0 && parsed.urlEncoded > 0, "\(parsed)")
    }

    /// A file of about 4 MB of `CRLF--boundar` again and again: each repetition is a boundary
    /// but for its last character, the worst case for a naive search.
    static func hostileFile() -> (form: BrowserForm, content: [UInt8]) {
        var form = BrowserForm(boundary: "boundary")
        let partial = Array("\r\n--boundar".utf8)
        var content: [UInt8] = []
        content.reserveCapacity(4 << 20)
        while content.count < 4 << 20 { content += partial }
        form.file("upload", filename: "hostile.bin", content)
        return (form, content)
    }

    @Test("4 MB of repeated partial boundaries: read whole when the form is closed, unterminated when it is not")
    func repeatedPartialBoundaries() throws {
        let (form, content) = Self.hostileFile()
        let file = try #require(try Self.multipart(form.closed, form.contentType).get().file("upload"))
        #expect(file.bytes == content)

        let unclosed = Array(form.bytes.dropLast(2))
        let error = try #require(Self.multipart(unclosed, form.contentType).failure)
        #expect(error.reason == .unterminated && error.offset == unclosed.count && error.field == "upload")

        let tooLarge = try #require(Self.multipart(form.closed, form.contentType, limits: FormLimits(maxFileBytes: 1 << 20)).failure)
        #expect(tooLarge.reason == .fileTooLarge && tooLarge.isTooLarge)
    }

    @Test("10 MB of \"-\" and of repeated \"--boundar\" finish in both parsers")
    func dashes() throws {
        let dashes = [UInt8](repeating: UInt8(ascii: "-"), count: 10 << 20)
        #expect(Self.multipart(dashes, "multipart/form-data; boundary=boundary").failure?.reason == .unterminated)
        // A boundary of dashes alone: the body opens and closes the form at once.
        #expect(try Self.multipart(dashes, "multipart/form-data; boundary=----").get().fields.isEmpty)
        let nameTooLong = Self.outcome { () throws(FormError) in try FormFields.parse(urlEncoded: dashes, limits: FormLimits()) }
        #expect(nameTooLong.failure?.reason == .nameTooLong)

        var partials: [UInt8] = Array("--boundary\r\nContent-Disposition: form-data; name=a\r\n\r\n".utf8)
        while partials.count < 4 << 20 { partials += Array("--boundar".utf8) }
        let field = try #require(Self.multipart(partials, "multipart/form-data; boundary=boundary").failure)
        #expect(field.reason == .fieldTooLarge && field.offset == 54 && field.field == "a")
        #expect(Self.multipart(partials, "multipart/form-data; boundary=boundary",
                               limits: FormLimits(maxFieldBytes: 8 << 20)).failure?.reason == .unterminated)
    }
}

extension Result {
    /// The error, or nil on success.
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
