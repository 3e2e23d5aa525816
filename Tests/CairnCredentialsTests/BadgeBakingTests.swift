import CairnCore
import CairnCredentials
import CairnSyntax
import CairnTestSupport
import Foundation
import Testing

/// The baker against Cairn's own readers: what `BadgeBaker` writes, `BakedBadge` and
/// `OpenBadgesFile` read back exactly, and nothing else of the image changes.
@Suite("Baking credentials into PNG and SVG images")
struct BadgeBakingTests {
    static let folder = CairnProcess.packageRoot.appendingPathComponent("Pathways/learners/credentials/amara")
    static let credentials = ["sql-querying.json", "research-design.jwt"]

    static func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: folder.appendingPathComponent(name)))
    }

    static func text(_ name: String) throws -> String {
        String(decoding: try bytes(name), as: UTF8.self)
    }

    static func trimmed(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func decoded(_ bytes: [UInt8], file: String) throws -> OpenBadgesCredential {
        try OpenBadgesFile.read(bytes, file: file, documents: LocalDocuments(folders: [folder])).credential
    }

    /// One chunk of a PNG, parsed here independently of the reader and the baker.
    struct Chunk: Equatable {
        var type: String
        var data: [UInt8]
        /// The whole chunk: length, type, data and CRC.
        var raw: [UInt8]

        /// The keyword of a text chunk.
        var keyword: String? {
            guard ["iTXt", "tEXt", "zTXt"].contains(type), let end = data.firstIndex(of: 0) else { return nil }
            return String(decoding: data[..<end], as: UTF8.self)
        }
    }

    static func chunks(_ png: [UInt8]) -> [Chunk] {
        var result: [Chunk] = []
        var offset = 8
        while offset + 12 <= png.count {
            let length = png[offset..<(offset + 4)].reduce(0) { $0 << 8 | Int($1) }
            let end = offset + 12 + length
            guard end <= png.count else { break }
            result.append(Chunk(type: String(decoding: png[(offset + 4)..<(offset + 8)], as: UTF8.self),
                                data: Array(png[(offset + 8)..<(end - 4)]), raw: Array(png[offset..<end])))
            offset = end
        }
        return result
    }

    /// A 1×1 PNG with a comment and a physical-size chunk besides IHDR, IDAT and IEND.
    static let plainPNG = BakedImageBuilder.png(
        BakedImageBuilder.chunk("tEXt", Array("Comment".utf8) + [0] + Array("made for Cairn".utf8)),
        BakedImageBuilder.chunk("pHYs", [0, 0, 0x0B, 0x13, 0, 0, 0x0B, 0x13, 1]))

    static let plainSVG = """
        <?xml version="1.0" encoding="UTF-8"?>
        <!-- <svg> in a comment is not the root -->
        <svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" data-note="a > b">
          <title>SQL &amp; more</title>
          <circle cx="32" cy="32" r="30" fill="#0a5"/>
        </svg>

        """

    // MARK: PNG

    @Test("bakes a credential into a PNG that Cairn reads back, keeping every other chunk", arguments: credentials)
    func png(name: String) throws {
        let credential = try Self.text(name)
        let baked = try BadgeBaker.bakePNG(Self.plainPNG, credential: credential, file: "badge.png")

        let read = try BakedBadge.extract(from: baked, file: "badge.png")
        #expect(read.content.text == Self.trimmed(credential))
        #expect(read.content == (name.hasSuffix(".jwt") ? .jwt(Self.trimmed(credential)) : .json(Self.trimmed(credential))))
        #expect(read.format == .png)
        #expect(read.place.hasPrefix("iTXt chunk \"openbadgecredential\""))

        let original = try Self.decoded(try Self.bytes(name), file: name)
        let file = try OpenBadgesFile.read(baked, file: "badge.png", documents: LocalDocuments(folders: [Self.folder]))
        #expect(file.envelope == .png)
        #expect(file.credential.id == original.id)
        #expect(file.credential.id != nil)
        #expect(file.credential.achievement?.id == original.achievement?.id)
        #expect(file.credential.achievement != nil)

        let before = Self.chunks(Self.plainPNG), after = Self.chunks(baked)
        #expect(after.map(\.type) == ["IHDR", "tEXt", "pHYs", "IDAT", "iTXt", "IEND"])
        #expect(Array(after.prefix(4)) == Array(before.prefix(4)), "chunks before the badge are byte-identical")
        #expect(after.last == before.last)
        #expect(baked.count == Self.plainPNG.count + after[4].raw.count)
        // The OB 3.0 layout: keyword, NUL, flag 0, method 0, empty language tag, empty translated keyword, UTF-8 text.
        #expect(after[4].data == Array("openbadgecredential".utf8) + [0, 0, 0, 0, 0] + Array(Self.trimmed(credential).utf8))
        // The CRC agrees with a bitwise CRC-32 written independently (the test support's).
        #expect(Array(after[4].raw.suffix(4)) == BakedImageBuilder.bigEndian(BakedImageBuilder.crc(Array(after[4].raw.dropFirst(4).dropLast(4)))))
    }

    @Test("the CRC-32 of the IEND chunk is the known AE 42 60 82")
    func knownCRC() throws {
        let baked = try BadgeBaker.bakePNG(Self.plainPNG, credential: #"{"id":"urn:x"}"#, file: "b.png")
        #expect(Array(baked.suffix(8)) == Array("IEND".utf8) + [0xAE, 0x42, 0x60, 0x82])
        #expect(BakedImageBuilder.crc(Array("IEND".utf8)) == 0xAE42_6082)
        // The CRC-32 check value: "123456789" → CBF43926.
        #expect(BakedImageBuilder.crc(Array("123456789".utf8)) == 0xCBF4_3926)
    }

    @Test("re-baking the bundled research-ethics.png replaces its credential, leaving exactly one", arguments: credentials)
    func rebake(name: String) throws {
        let image = try Self.bytes("research-ethics.png")
        let credential = try Self.text(name)
        let baked = try BadgeBaker.bakePNG(image, credential: credential, file: "research-ethics.png")

        let before = Self.chunks(image), after = Self.chunks(baked)
        let badgeKeywords: Set<String> = ["openbadges", "openbadgecredential"]
        #expect(before.filter { $0.keyword.map(badgeKeywords.contains) == true }.count == 1)
        #expect(after.filter { $0.keyword.map(badgeKeywords.contains) == true }.count == 1)
        let kept = before.filter { $0.keyword.map(badgeKeywords.contains) != true }
        #expect(after.filter { $0.keyword.map(badgeKeywords.contains) != true } == kept, "the other chunks, in order")
        #expect(after.suffix(2).map(\.type) == ["iTXt", "IEND"])

        #expect(try BakedBadge.extract(from: baked, file: "r.png").content.text == Self.trimmed(credential))
        let original = try Self.decoded(try Self.bytes(name), file: name)
        let read = try Self.decoded(baked, file: "r.png")
        #expect(read.id == original.id)
        #expect(read.achievement?.id == original.achievement?.id)
        let replaced = try Self.decoded(image, file: "research-ethics.png")
        #expect(read.id != replaced.id)
        // Baking again is idempotent.
        #expect(try BadgeBaker.bakePNG(baked, credential: credential, file: "r.png") == baked)
    }

    @Test("removes every OB 2.0 and OB 3.0 text chunk: tEXt, zTXt and compressed iTXt")
    func removesAllBadgeChunks() throws {
        let image = BakedImageBuilder.png(
            BakedImageBuilder.chunk("tEXt", Array("openbadges".utf8) + [0] + Array("https://example.org/a/1".utf8)),
            BakedImageBuilder.iTXt(keyword: "openbadgecredential", text: #"{"id":"old"}"#, compressed: true),
            BakedImageBuilder.chunk("zTXt", Array("openbadges".utf8) + [0, 0] + BakedImageBuilder.deflate(Array("{}".utf8))),
            BakedImageBuilder.iTXt(keyword: "openbadgesX", text: "kept"))
        let baked = try BadgeBaker.bakePNG(image, credential: #"{"id":"new"}"#, file: "b.png")
        #expect(Self.chunks(baked).map(\.type) == ["IHDR", "iTXt", "IDAT", "iTXt", "IEND"])
        #expect(Self.chunks(baked)[1].keyword == "openbadgesX")
        #expect(try BakedBadge.extract(from: baked, file: "b.png").content == .json(#"{"id":"new"}"#))
    }

    @Test("keeps bytes after IEND")
    func trailingBytes() throws {
        let image = Self.plainPNG + Array("trailer".utf8)
        let baked = try BadgeBaker.bakePNG(image, credential: #"{"id":"x"}"#, file: "b.png")
        #expect(baked.suffix(19) == ArraySlice(BakedImageBuilder.chunk("IEND", []) + Array("trailer".utf8)))
    }

    static let python3: Bool = {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import zlib"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }()

    @Test("python3's zlib.crc32 agrees with every chunk CRC of the baked PNGs",
          .enabled(if: python3, "python3 with zlib is not available: the independent CRC check is skipped"))
    func pythonCRC() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cairn-bake-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var paths: [String] = []
        for (index, name) in Self.credentials.enumerated() {
            for (imageIndex, image) in [Self.plainPNG, try Self.bytes("research-ethics.png")].enumerated() {
                let baked = try BadgeBaker.bakePNG(image, credential: try Self.text(name), file: "b.png")
                let url = directory.appendingPathComponent("baked-\(index)-\(imageIndex).png")
                try Data(baked).write(to: url)
                paths.append(url.path)
            }
        }
        let script = """
            import sys, zlib, struct
            for path in sys.argv[1:]:
                data = open(path, "rb").read()
                assert data[:8] == b"\\x89PNG\\r\\n\\x1a\\n", path
                offset, count, types = 8, 0, []
                while offset < len(data):
                    length, = struct.unpack(">I", data[offset:offset + 4])
                    body = data[offset + 4:offset + 8 + length]
                    stored, = struct.unpack(">I", data[offset + 8 + length:offset + 12 + length])
                    if zlib.crc32(body) & 0xFFFFFFFF != stored:
                        print("bad CRC in", body[:4], "of", path); sys.exit(1)
                    types.append(body[:4].decode()); count += 1; offset += 12 + length
                assert types[-2:] == ["iTXt", "IEND"], types
                print(path, count)
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + paths
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(printed)")
        #expect(printed.split(separator: "\n").count == paths.count, "\(printed)")
    }

    // MARK: SVG

    @Test("bakes a JSON credential into an SVG in CDATA: the document is otherwise unchanged")
    func svgJSON() throws {
        let credential = try Self.text("sql-querying.json")
        let baked = try BadgeBaker.bakeSVG(Self.plainSVG, credential: credential, file: "badge.svg")
        let root = #"<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" data-note="a > b">"#
        let expected = Self.plainSVG.replacingOccurrences(
            of: root,
            with: #"<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" data-note="a > b" "#
                + #"xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0">"#
                + "<openbadges:credential><![CDATA[\(Self.trimmed(credential))]]></openbadges:credential>")
        #expect(baked == expected)

        let read = try BakedBadge.extract(from: Array(baked.utf8), file: "badge.svg")
        #expect(read.content == .json(Self.trimmed(credential)))
        let original = try Self.decoded(try Self.bytes("sql-querying.json"), file: "sql-querying.json")
        let file = try OpenBadgesFile.read(Array(baked.utf8), file: "badge.svg", documents: LocalDocuments(folders: [Self.folder]))
        #expect(file.envelope == .svg)
        #expect(file.credential.id == original.id)
        #expect(file.credential.achievement?.id == original.achievement?.id)
    }

    @Test("bakes a VC-JWT into an SVG's verify attribute")
    func svgJWT() throws {
        let credential = try Self.text("research-design.jwt")
        let token = Self.trimmed(credential)
        let baked = try BadgeBaker.bakeSVG(Array(Self.plainSVG.utf8), credential: credential, file: "badge.svg")
        let text = String(decoding: baked, as: UTF8.self)
        #expect(text.contains(#"<openbadges:credential verify="\#(token)"></openbadges:credential>"#))
        let read = try BakedBadge.extract(from: baked, file: "badge.svg")
        #expect(read.content == .jwt(token))
        #expect(read.place.hasSuffix("(verify attribute)"))
        let original = try Self.decoded(try Self.bytes("research-design.jwt"), file: "research-design.jwt")
        let decoded = try Self.decoded(baked, file: "badge.svg")
        #expect(decoded.id == original.id)
        #expect(decoded.achievement?.id == original.achievement?.id)
    }

    @Test("re-baking the bundled stakeholder-communication.svg replaces its credential and its line", arguments: credentials)
    func svgRebake(name: String) throws {
        let image = try Self.text("stakeholder-communication.svg")
        let credential = Self.trimmed(try Self.text(name))
        let baked = try BadgeBaker.bakeSVG(image, credential: credential, file: "s.svg")
        #expect(baked.components(separatedBy: "<openbadges:credential").count == 2, "exactly one element")

        // The expected document: the old element's line gone, the new element right after the root start tag.
        var lines = image.components(separatedBy: "\n")
        lines.removeAll { $0.trimmingCharacters(in: .whitespaces).hasPrefix("<openbadges:credential") }
        let element = name.hasSuffix(".jwt")
            ? #"<openbadges:credential verify="\#(credential)"></openbadges:credential>"#
            : "<openbadges:credential><![CDATA[\(credential)]]></openbadges:credential>"
        lines[0] += element
        #expect(baked == lines.joined(separator: "\n"))

        #expect(try BakedBadge.extract(from: Array(baked.utf8), file: "s.svg").content.text == credential)
        let original = try Self.decoded(try Self.bytes(name), file: name)
        #expect(try Self.decoded(Array(baked.utf8), file: "s.svg").id == original.id)
        #expect(try BadgeBaker.bakeSVG(baked, credential: credential, file: "s.svg") == baked, "idempotent")
    }

    @Test("removes OB 2.0 and differently prefixed OB 3.0 elements; declares the namespace where the prefix is taken")
    func svgOtherPrefixes() throws {
        // The builder binds openbadges: to the OB 2.0 namespace and ob3: to OB 3.0.
        let image = String(decoding: BakedImageBuilder.svg("""
            <openbadges:assertion verify="https://example.org/a/1"/>
              <g><ob3:credential><![CDATA[{"id":"old"}]]></ob3:credential></g>
            """), as: UTF8.self)
        let baked = try BadgeBaker.bakeSVG(image, credential: #"{"id":"new"}"#, file: "b.svg")
        #expect(!baked.contains("openbadges:assertion"))
        #expect(!baked.contains("ob3:credential"))
        #expect(baked.contains("<g></g>"))
        #expect(baked.contains(#"<openbadges:credential xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"><![CDATA["#))
        #expect(try BakedBadge.extract(from: Array(baked.utf8), file: "b.svg").content == .json(#"{"id":"new"}"#))
    }

    @Test("bakes into a self-closing root and keeps a byte-order mark")
    func svgSelfClosing() throws {
        let image = "\u{FEFF}<svg xmlns='http://www.w3.org/2000/svg'/>\n"
        let baked = try BadgeBaker.bakeSVG(image, credential: #"{"id":"x"}"#, file: "b.svg")
        #expect(baked == "\u{FEFF}<svg xmlns='http://www.w3.org/2000/svg' xmlns:openbadges=\"https://purl.imsglobal.org/ob/v3p0\">"
                + #"<openbadges:credential><![CDATA[{"id":"x"}]]></openbadges:credential></svg>"# + "\n")
        #expect(try BakedBadge.extract(from: Array(baked.utf8), file: "b.svg").content == .json(#"{"id":"x"}"#))
    }

    static let awkwardJSON = [
        #"{"note":"a]]>b","more":"]]]>]]>>","end":"]]"}"#,
        "{\"a\": 1,\r\n \"b\": \"]]>\"\r}",
        #"{"x":"ü → ✓ 😀 <not markup> &amp;"}"#,
    ]

    @Test("JSON holding ]]>, carriage returns or markup round-trips exactly through SVG", arguments: awkwardJSON)
    func cdataSplit(json: String) throws {
        let baked = try BadgeBaker.bakeSVG(Self.plainSVG, credential: json, file: "b.svg")
        #expect(try BakedBadge.extract(from: Array(baked.utf8), file: "b.svg").content == .json(json))
    }

    @Test("a credential whose name holds ]]> reads back with that name")
    func cdataCredential() throws {
        let json = try Self.text("sql-querying.json").replacingOccurrences(
            of: #""name": "SQL Querying","#, with: #""name": "SQL ]]> Querying","#)
        #expect(json.contains("]]>"))
        let baked = try BadgeBaker.bakeSVG(Self.plainSVG, credential: json, file: "b.svg")
        #expect(baked.contains("]]]]><![CDATA[>"))
        #expect(try BakedBadge.extract(from: Array(baked.utf8), file: "b.svg").content.text == Self.trimmed(json))
        #expect(try Self.decoded(Array(baked.utf8), file: "b.svg").name == "SQL ]]> Querying")
    }

    // MARK: Refusals

    static func damagedPNGs() -> [(String, [UInt8], String)] {
        let good = plainPNG
        var badCRC = good
        badCRC[29] ^= 0x01  // in IHDR's CRC
        var badType = good
        badType[37] = 0x31
        return [
            ("not a PNG", Array("GIF89a not a png".utf8), "not a PNG image: it does not start with the PNG signature"),
            ("damaged signature", [0x89, 0x50, 0x4E, 0x47, 0x0A, 0x1A, 0x0A, 0], "the PNG signature is damaged"),
            ("signature only", BakedImageBuilder.signature, "the PNG has a signature but no chunks"),
            ("truncated header", Array(good.prefix(12)), "PNG chunk header at byte 8 is truncated (4 bytes left, 8 needed)"),
            ("truncated chunk", Array(good.prefix(50)), "PNG chunk tEXt at byte 33 is truncated: it declares 22 bytes"),
            ("missing IEND", Array(good.dropLast(12)), "the PNG ends without an IEND chunk"),
            ("bad CRC", badCRC, "PNG chunk IHDR at byte 8 has a bad CRC"),
            ("bad type", badType, "PNG chunk at byte 33 has an invalid type"),
            ("first chunk", BakedImageBuilder.signature + BakedImageBuilder.chunk("IEND", []), "the PNG's first chunk is IEND, not IHDR"),
        ]
    }

    @Test("refuses damaged PNGs, naming the file and the byte", arguments: damagedPNGs())
    func refusesPNG(name: String, bytes: [UInt8], expected: String) {
        do {
            _ = try BadgeBaker.bakePNG(bytes, credential: #"{"id":"x"}"#, file: "bad.png")
            Issue.record("\(name): baked")
        } catch {
            #expect(error.message.contains(expected), "\(name): \(error.message)")
            #expect(error.location.file == "bad.png")
        }
    }

    static let damagedSVGs: [(String, [UInt8], String, Int?)] = [
        ("no root", Array("<?xml version=\"1.0\"?>\n<!-- nothing here -->\n".utf8), "the SVG has no root element", nil),
        ("empty", [], "the SVG has no root element", nil),
        ("text", Array("hello, world".utf8), "the SVG has text before its root element", 1),
        ("not svg", Array("<?xml version=\"1.0\"?>\n<html><body/></html>".utf8), "the root element is <html>, not <svg>", 2),
        ("not well-formed", Array("<svg xmlns=\"http://www.w3.org/2000/svg\">\n<g>\n</svg>".utf8), "the SVG is not well-formed XML", 3),
        ("unclosed comment", Array("<svg xmlns=\"http://www.w3.org/2000/svg\">\n  <!-- open".utf8), "the comment is not closed", 2),
        ("second root", Array("<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n<svg/>".utf8), "a second root element", 2),
        ("entity", Array("<!DOCTYPE svg [<!ENTITY x \"y\">]>\n<svg xmlns=\"http://www.w3.org/2000/svg\">&x;</svg>".utf8),
         "declares the entity \"x\"", nil),
        ("Latin-1", Array("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<svg/>".utf8),
         "the SVG declares the encoding ISO-8859-1; only UTF-8 SVGs are baked", 1),
        ("not UTF-8", Array("<svg xmlns=\"http://www.w3.org/2000/svg\">\n<title>".utf8) + [0xE9] + Array("</title></svg>".utf8),
         "the SVG is not UTF-8 (byte 48", 2),
        ("gzip", [0x1F, 0x8B, 0x08, 0x00], "gzip-compressed", nil),
    ]

    @Test("refuses SVGs that are not well-formed, UTF-8 SVG documents", arguments: damagedSVGs)
    func refusesSVG(name: String, bytes: [UInt8], expected: String, line: Int?) {
        do {
            _ = try BadgeBaker.bakeSVG(bytes, credential: #"{"id":"x"}"#, file: "bad.svg")
            Issue.record("\(name): baked")
        } catch {
            #expect(error.message.contains(expected), "\(name): \(error.message)")
            #expect(error.location.file == "bad.svg")
            if let line { #expect(error.location.line == line, "\(name): \(error.location)") }
        }
    }

    static let badCredentials: [(String, String)] = [
        ("", "the credential to bake is empty"),
        (" \n ", "the credential to bake is empty"),
        ("{oops", "the credential to bake is not valid JSON"),
        ("https://example.org/assertions/1", "neither a JSON object nor a compact JWS"),
        ("[1, 2]", "neither a JSON object nor a compact JWS"),
        ("{\"a\":\"\u{FFFF}\"}", "holds U+FFFF"),
    ]

    @Test("refuses credentials that are neither JSON nor a compact JWS, in both formats", arguments: badCredentials)
    func refusesCredential(credential: String, expected: String) {
        for format in ["png", "svg"] {
            do {
                if format == "png" {
                    _ = try BadgeBaker.bakePNG(Self.plainPNG, credential: credential, file: "b.png")
                } else {
                    _ = try BadgeBaker.bakeSVG(Self.plainSVG, credential: credential, file: "b.svg")
                }
                Issue.record("\(format): baked \(credential)")
            } catch {
                #expect(error.message.contains(expected), "\(format): \(error.message)")
            }
        }
    }

    @Test("refuses images over the readers' 64 MiB limit")
    func sizeLimit() {
        let large = Self.plainPNG + [UInt8](repeating: 0, count: BakedBadge.maximumImageBytes)
        let messages = [
            formatErrorMessage { _ = try BadgeBaker.bakePNG(large, credential: "{}", file: "big.png") },
            formatErrorMessage { _ = try BadgeBaker.bakeSVG(large, credential: "{}", file: "big.svg") },
        ]
        for message in messages {
            #expect(message.contains("images over 64 MiB are refused"), "\(message)")
        }
    }
}
