import CairnCore
import CairnCredentials
import CairnRDF
import CairnSyntax
import CairnTestSupport
import Foundation
import Testing

@Suite("Baked PNG badges")
struct BakedImagePNGTests {
    static let assertion = #"{"@context":"https://w3id.org/openbadges/v2","type":"Assertion","id":"https://example.org/a/1"}"#

    @Test("reads an uncompressed and a compressed iTXt chunk", arguments: [false, true])
    func iTXt(compressed: Bool) throws {
        let image = BakedImageBuilder.png(BakedImageBuilder.iTXt(text: Self.assertion, compressed: compressed,
                                                                 language: "en", translated: "Öffnen"))
        let baked = try BakedBadge.extract(from: image, file: "badge.png")
        #expect(baked.content == .json(Self.assertion))
        #expect(baked.format == .png)
        #expect(baked.place == "iTXt chunk \"openbadges\" at byte 33")
    }

    static let contents: [(String, String, BakedContent)] = [
        ("openbadgecredential", #"  {"type":["VerifiableCredential"]}"#, .json(#"{"type":["VerifiableCredential"]}"#)),
        ("openbadges", "https://example.org/assertions/1\n", .url("https://example.org/assertions/1")),
        ("openbadges", "eyJhbGciOiJSUzI1NiJ9.e30.c2ln", .jwt("eyJhbGciOiJSUzI1NiJ9.e30.c2ln")),
    ]

    @Test("tells JSON, a JWT and a URL apart", arguments: contents)
    func kinds(keyword: String, text: String, expected: BakedContent) throws {
        let image = BakedImageBuilder.png(BakedImageBuilder.iTXt(keyword: keyword, text: text))
        #expect(try BakedBadge.extract(from: image, file: "b.png").content == expected)
    }

    @Test("reads a tEXt chunk with keyword openbadges")
    func tEXt() throws {
        let image = BakedImageBuilder.png(BakedImageBuilder.chunk("tEXt", Array("openbadges".utf8) + [0] + Array("https://example.org/a".utf8)))
        #expect(try BakedBadge.extract(from: image, file: "b.png").content == .url("https://example.org/a"))
    }

    @Test("skips text chunks with other keywords")
    func otherKeywords() throws {
        let image = BakedImageBuilder.png(
            BakedImageBuilder.chunk("tEXt", Array("Comment".utf8) + [0] + Array("hello".utf8)),
            BakedImageBuilder.iTXt(keyword: "openbadgesX", text: "{}"),
            BakedImageBuilder.iTXt(text: Self.assertion))
        #expect(try BakedBadge.extract(from: image, file: "b.png").content == .json(Self.assertion))
    }

    static func damaged() -> [(String, [UInt8], String)] {
        let good = BakedImageBuilder.png(BakedImageBuilder.iTXt(text: assertion))
        var badCRC = good
        badCRC[40] ^= 0x20
        var bomb = BakedImageBuilder.signature + BakedImageBuilder.chunk("IHDR", BakedImageBuilder.header)
        let zeros = [UInt8](repeating: 0x20, count: 17 << 20)
        bomb += BakedImageBuilder.chunk("iTXt", Array("openbadges".utf8) + [0, 1, 0, 0, 0] + BakedImageBuilder.deflate(zeros))
        bomb += BakedImageBuilder.chunk("IEND", [])
        let corrupt = BakedImageBuilder.png(BakedImageBuilder.chunk("iTXt", Array("openbadges".utf8) + [0, 1, 0, 0, 0, 1, 2, 3, 4]))
        return [
            ("no chunk", BakedImageBuilder.png(), "PNG has no openbadges iTXt chunk"),
            ("bad CRC", badCRC, "has a bad CRC (stored"),
            ("truncated IHDR", Array(good.prefix(20)), "PNG chunk IHDR at byte 8 is truncated"),
            ("no IEND", Array(good.dropLast(12)), "the PNG ends without an IEND chunk"),
            ("first chunk", BakedImageBuilder.signature + BakedImageBuilder.chunk("IEND", []), "the PNG's first chunk is IEND, not IHDR"),
            ("two chunks", BakedImageBuilder.png(BakedImageBuilder.iTXt(text: assertion),
                                                 BakedImageBuilder.iTXt(keyword: "openbadgecredential", text: assertion)),
             "PNG has more than one Open Badges text chunk"),
            // The second chunk would fail to inflate: it is refused by its keyword before that.
            ("second chunk not inflated", BakedImageBuilder.png(
                BakedImageBuilder.iTXt(text: assertion),
                BakedImageBuilder.chunk("iTXt", Array("openbadges".utf8) + [0, 1, 0, 0, 0, 1, 2, 3, 4])),
             "PNG has more than one Open Badges text chunk (iTXt chunk \"openbadges\" at byte 33, and the iTXt chunk at byte"),
            ("inflate bomb", bomb, "inflates to more than 16 MiB; refused"),
            ("corrupt zlib", corrupt, "cannot be inflated"),
            ("not a badge", BakedImageBuilder.png(BakedImageBuilder.iTXt(text: "hello world")), "holds neither JSON, a JWT nor a URL"),
            ("not an image", Array("GIF89a".utf8), "not a PNG or SVG image"),
            ("text-mode PNG", [0x89, 0x50, 0x4E, 0x47, 0x0A, 0x1A, 0x0A], "the PNG signature is damaged"),
        ]
    }

    @Test("refuses damaged images with a clear reason", arguments: damaged())
    func refuses(name: String, bytes: [UInt8], expected: String) {
        let message = formatErrorMessage { _ = try BakedBadge.extract(from: bytes, file: "bad.png") }
        #expect(message.contains(expected), "\(name): \(message)")
    }

    @Test("reads the OB 2.0 and OB 3.0 sample PNGs", .enabled(if: OpenBadgesSamples.isPresent, OpenBadgesSamples.absent),
          arguments: [("ob20/simple-badge.png", "iTXt chunk \"openbadges\""), ("ob30/simple-json.png", "iTXt chunk \"openbadgecredential\"")])
    func samples(path: String, place: String) throws {
        let baked = try BakedBadge.extract(file: OpenBadgesSamples.folder.appendingPathComponent(path).path)
        guard case .json(let text) = baked.content else {
            Issue.record("\(path) yielded \(baked.content)")
            return
        }
        #expect(baked.place.hasPrefix(place))
        let json = try JSONParser.parse(text, file: path)
        #expect(json["type"] != nil)
    }
}

@Suite("Baked SVG badges")
struct BakedImageSVGTests {
    @Test("reads OB 2.0 assertion JSON from CDATA, keeping the verify URL")
    func ob20CDATA() throws {
        let image = BakedImageBuilder.svg("""
            <openbadges:assertion verify="https://example.org/a/1"><![CDATA[
              {"type": "Assertion", "id": "https://example.org/a/1"}
            ]]></openbadges:assertion>
            """)
        let baked = try BakedBadge.extract(from: image, file: "b.svg")
        #expect(baked.content == .json(#"{"type": "Assertion", "id": "https://example.org/a/1"}"#))
        #expect(baked.verifyAttribute == "https://example.org/a/1")
        #expect(baked.place == "<openbadges:assertion> at line 4")
    }

    @Test("reads an OB 2.0 hosted URL or signed JWS from the verify attribute", arguments: [
        ("https://example.org/a/1", BakedContent.url("https://example.org/a/1")),
        ("eyJhbGciOiJSUzI1NiJ9.e30.c2ln", BakedContent.jwt("eyJhbGciOiJSUzI1NiJ9.e30.c2ln")),
    ])
    func verifyAttribute(value: String, expected: BakedContent) throws {
        let image = BakedImageBuilder.svg(#"<openbadges:assertion verify="\#(value)"/>"#)
        #expect(try BakedBadge.extract(from: image, file: "b.svg").content == expected)
    }

    @Test("reads an OB 3.0 credential from CDATA and a VC-JWT from text")
    func ob30() throws {
        let json = BakedImageBuilder.svg(#"<ob3:credential><![CDATA[{"type":["OpenBadgeCredential"]}]]></ob3:credential>"#)
        #expect(try BakedBadge.extract(from: json, file: "b.svg").content == .json(#"{"type":["OpenBadgeCredential"]}"#))
        let jwt = BakedImageBuilder.svg("<ob3:credential>\n eyJhbGciOiJSUzI1NiJ9.e30.c2ln\n</ob3:credential>")
        #expect(try BakedBadge.extract(from: jwt, file: "b.svg").content == .jwt("eyJhbGciOiJSUzI1NiJ9.e30.c2ln"))
    }

    @Test("does not mistake an element in another namespace for the badge")
    func otherNamespace() {
        let image = BakedImageBuilder.svg(#"<assertion xmlns="http://example.org/">{"a":1}</assertion>"#)
        let message = formatErrorMessage { _ = try BakedBadge.extract(from: image, file: "b.svg") }
        #expect(message.hasPrefix("SVG has no openbadges:assertion (OB 2.0) or openbadges:credential (OB 3.0) element"))
    }

    static let refused: [(String, [UInt8], String)] = [
        ("entity", BakedImageBuilder.svg(#"<openbadges:assertion verify="&x;"/>"#,
                                         prolog: "<!DOCTYPE svg [<!ENTITY x \"https://evil.example/\">]>\n"),
         "the SVG declares the entity \"x\"; documents that declare entities are refused"),
        ("external entity", BakedImageBuilder.svg("<openbadges:assertion>&x;</openbadges:assertion>",
                                                  prolog: "<!DOCTYPE svg [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"),
         "declares the entity \"x\""),
        ("not svg", Array("<html><body/></html>".utf8), "root element is <html>, not <svg>"),
        ("broken", Array("<svg xmlns=\"http://www.w3.org/2000/svg\"><g></svg>".utf8), "the SVG is not well-formed XML"),
        ("two", BakedImageBuilder.svg(#"<openbadges:assertion verify="https://a.example/"/><ob3:credential verify="https://b.example/"/>"#),
         "SVG has 2 Open Badges elements"),
        ("empty", BakedImageBuilder.svg("<openbadges:assertion/>"), "is empty and has no verify attribute"),
        ("gzip", [0x1F, 0x8B, 0x08, 0x00], "gzip-compressed"),
    ]

    @Test("refuses entity declarations and other bad SVGs", arguments: refused)
    func refuses(name: String, bytes: [UInt8], expected: String) {
        let message = formatErrorMessage { _ = try BakedBadge.extract(from: bytes, file: "bad.svg") }
        #expect(message.contains(expected), "\(name): \(message)")
    }

    @Test("allows a DOCTYPE naming the SVG 1.1 DTD, and never loads it")
    func externalDTD() throws {
        let image = BakedImageBuilder.svg(#"<openbadges:assertion verify="https://example.org/a"/>"#, prolog: """
            <!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://127.0.0.1:9/svg11.dtd">

            """)
        #expect(try BakedBadge.extract(from: image, file: "b.svg").content == .url("https://example.org/a"))
    }
}

/// Mutation fuzzing of the baked-image and JWS readers: every damaged input is read or refused
/// with a `FormatError`; nothing traps. Seeds are fixed, so a failure reproduces.
@Suite("Fuzzing the baked image and JWS readers")
struct BakedImageFuzzTests {
    static func mutate(_ bytes: [UInt8], seed: UInt64) -> [UInt8] {
        var random = SplitMix64(seed: seed &+ 0x5EED_0B)
        var copy = bytes
        let alphabet = Array("<>/=\"'&;:#.x{}[] \n!-_".utf8) + [0x00, 0x01, 0x78, 0x9C, 0xFF, 0x80]
        for _ in 0..<(1 + random.below(4)) where !copy.isEmpty {
            let position = random.below(copy.count)
            switch random.below(5) {
            case 0: copy[position] = alphabet[random.below(alphabet.count)]
            case 1: copy.remove(at: position)
            case 2:
                let end = min(copy.count, position + 1 + random.below(40))
                copy.insert(contentsOf: copy[position..<end], at: position)
            case 3: copy[position] ^= UInt8(truncatingIfNeeded: 1 << random.below(8))
            default: copy = Array(copy[..<position])
            }
        }
        return copy
    }

    static func samples() -> [(String, [UInt8])] {
        let assertion = BakedImagePNGTests.assertion
        let token = TestSigner.make(.ed25519).token(extraHeader: #""kid":"k""#)
        return [
            ("png", BakedImageBuilder.png(BakedImageBuilder.iTXt(text: assertion))),
            ("png-z", BakedImageBuilder.png(BakedImageBuilder.iTXt(text: assertion, compressed: true, language: "en"))),
            ("svg", BakedImageBuilder.svg("<openbadges:assertion verify=\"https://e.org/a\"><![CDATA[\(assertion)]]></openbadges:assertion>")),
            ("svg-jwt", BakedImageBuilder.svg("<ob3:credential verify=\"\(token)\"/>")),
            ("jwt", Array(token.utf8)),
        ]
    }

    @Test("400 damaged copies of each sample are read or refused", arguments: samples())
    func damaged(name: String, sample: [UInt8]) {
        let ring = KeyRing(entries: [KeyRing.Entry(key: TestSigner.make(.ed25519).publicKey, ids: ["k"], file: "k.jwk", form: "JWK")])
        for seed in UInt64(0)..<400 {
            let bytes = Self.mutate(sample, seed: seed)
            do {
                if name == "jwt" {
                    let jws = try CompactJWS(String(decoding: bytes, as: UTF8.self), file: "fuzz.jwt")
                    _ = JWSVerifier(keyRing: ring).verify(jws)
                } else {
                    let baked = try BakedBadge.extract(from: bytes, file: "fuzz")
                    if case .jwt(let token) = baked.content, let jws = try? CompactJWS(token, file: "fuzz") {
                        _ = JWSVerifier().verify(jws)
                    }
                }
            } catch {
                // Both readers throw only `FormatError` (typed throws), so any error names its place.
                #expect(!error.message.isEmpty, "\(name) seed \(seed)")
                #expect(error.location.file.hasPrefix("fuzz"), "\(name) seed \(seed)")
            }
        }
    }

    @Test("damaged key files are read or refused", arguments: 0..<2)
    func damagedKeys(batch: Int) {
        let key = TestSigner.make(.p256).publicKey
        let samples = [Array(key.jwkJSON(kid: "k").utf8), Array(key.pemRepresentation.utf8),
                       Array(#"{"keys":[\#(key.jwkJSON(kid: "a"))]}"#.utf8)]
        for (index, sample) in samples.enumerated() {
            for seed in UInt64(batch * 200)..<UInt64(batch * 200 + 200) {
                do {
                    _ = try KeyFile.keys(in: Self.mutate(sample, seed: seed), file: "fuzz.key")
                } catch {
                    #expect(!error.message.isEmpty, "sample \(index) seed \(seed)")
                }
            }
        }
    }
}
