import Cairn
import CairnCore
import CairnFrameworks
import Foundation
import CairnTestSupport
import Testing

/// Inputs the libFuzzer targets under Fuzz/ found trouble with (README, Fuzzing), kept so the
/// trouble stays fixed.
@Suite("Fuzzing regressions")
struct FuzzRegressionTests {
    /// Found by FuzzRDFXML (LeakSanitizer): libxml2 makes a stand-in document to hold the entities
    /// a DTD declares, even though the reader refuses them, and freeing the parser context left it
    /// behind — about 12 KB per refused file, without bound in a process that reads many.
    @Test("refusing a document that declares an entity does not leak memory",
          .enabled(if: ResidentMemory.bytes() != nil, "needs /proc/self/statm to measure the process"))
    func entityDeclarationDoesNotLeak() throws {
        let xml = Data(#"<!DOCTYPE r [<!ENTITY e "x">]><r/>"#.utf8)
        var refused = 0
        let grown = try ResidentMemory.growth(repeating: 40_000) {
            do { try RDFXMLParser().parse(data: xml, documentName: "entity.rdf") { _ in } } catch { refused += 1 }
        }
        #expect(refused == 120_000)
        // Leaking, 40 000 parses hold about 500 MB.
        #expect(grown < 200 << 20, "the process grew by \(grown >> 20) MB over 40 000 refused documents")
    }

    /// Found by FuzzBakedSVG (LeakSanitizer): the same stand-in document, left behind by the SVG reader.
    @Test("refusing an SVG image that declares an entity does not leak memory",
          .enabled(if: ResidentMemory.bytes() != nil, "needs /proc/self/statm to measure the process"))
    func svgEntityDeclarationDoesNotLeak() throws {
        let svg = Array(#"<!DOCTYPE svg [<!ENTITY e "x">]><svg xmlns="http://www.w3.org/2000/svg"/>"#.utf8)
        var refused = 0
        let grown = try ResidentMemory.growth(repeating: 40_000) {
            do { _ = try BakedBadge.extract(from: svg, file: "entity.svg") } catch { refused += 1 }
        }
        #expect(refused == 120_000)
        #expect(grown < 200 << 20, "the process grew by \(grown >> 20) MB over 40 000 refused images")
    }

    /// Found by FuzzESCOCSV (LeakSanitizer): Foundation's `String(contentsOfFile:)` leaks a
    /// read buffer for an empty file, so every empty CSV file in an ESCO package or given as SFIA leaked.
    @Test("reading an empty CSV file does not leak memory",
          .enabled(if: ResidentMemory.bytes() != nil, "needs /proc/self/statm to measure the process"))
    func emptyCSVFileDoesNotLeak() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cairn-empty-csv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let empty = folder.appendingPathComponent("sfia-9.csv").path
        #expect(FileManager.default.createFile(atPath: empty, contents: Data()))
        var refused = 0
        let grown = try ResidentMemory.growth(repeating: 30_000, rounds: 5) {
            var collector = FrameworkCollector()
            do { try SFIACSV.read(path: empty, into: &collector) } catch { refused += 1 }
        }
        #expect(refused == 180_000)
        // Leaking, 30 000 reads hold about 120 MB. Short rounds, the quietest counting: tests
        // running alongside have grown the process by hundreds of MB over a long one.
        #expect(grown < 64 << 20, "the process grew by \(grown >> 20) MB over 30 000 reads of an empty file")
    }
}

/// The resident memory of this process, where the platform says (Linux).
enum ResidentMemory {
    /// How much the process grows over `count` more runs of `body`, after `count` runs that warm
    /// up one-off allocations: the smallest growth of `rounds` such rounds. Freed memory is reused, so
    /// without a leak the process grows only by what tests running alongside add to their peak,
    /// which rarely happens in every round; a leak grows it in each.
    static func growth(repeating count: Int, rounds: Int = 2, _ body: () -> Void) throws -> Int {
        for _ in 0..<count { body() }
        var smallest = Int.max
        for _ in 0..<rounds {
            let before = try #require(bytes())
            for _ in 0..<count { body() }
            smallest = min(smallest, try #require(bytes()) - before)
        }
        return smallest
    }

    static func bytes() -> Int? {
        guard let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8),
              let pages = statm.split(separator: " ").dropFirst().first.flatMap({ Int($0) }) else { return nil }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }
}

extension FuzzRegressionTests {
    /// Found while reading FuzzRDFXML's logs: bytes that do not convert from the declared
    /// encoding stop libxml2 without marking the document malformed, so the reader reported
    /// success with every triple after that point lost (`frameworks triples` exited 0 with no output).
    @Test("bytes that do not match the declared encoding are an error, not a silently short graph")
    func undecodableBytesAreAnError() throws {
        let xml = #"<?xml version="1.0" encoding="ISO-2022-JP"?>"# + "\n"
            + #"<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/#">"#
            + #"<rdf:Description rdf:about="http://example.org/a"><ex:p>one</ex:p></rdf:Description>"#
            + #"<rdf:Description rdf:about="http://example.org/"#
        var bytes = Array(xml.utf8) + [0xFF, 0xFE, 0x80]
        bytes += Array(#""><ex:p>two</ex:p></rdf:Description></rdf:RDF>"#.utf8)
        var triples = 0
        let error = try #require(throws: RDFXMLError.self) {
            try RDFXMLParser().parse(data: Data(bytes), documentName: "encoding.rdf") { _ in triples += 1 }
        }
        #expect(error.message.contains("do not match the document's declared encoding (ISO-2022-JP)"), "\(error.message)")
        #expect(error.file == "encoding.rdf" && error.line == 2)
        #expect(triples <= 1)
    }

    /// Found by FuzzBadgrPathway: an id holding DEL (U+007F), which JSON writes as itself but
    /// YAML refuses raw, made a pathway file that did not read back. Every YAML writer now
    /// escapes it (and the C1 controls, U+FEFF, U+FFFE, U+FFFF).
    @Test("a Badgr pathway whose ids hold DEL or a C1 control is written as YAML that reads back the same")
    func unprintableCharactersInImportedIDs() throws {
        let fixture = CairnProcess.packageRoot.appendingPathComponent("Interop/badgr/data-skills-pathway.json")
        let text = try String(contentsOf: fixture, encoding: .utf8)
            .replacingOccurrences(of: "example-university/pathways/data-skills\"", with: "example-\u{7F}univ\u{85}ersity/pathways/data-skills\"")
        let imported = try BadgrPathwayReader.read(json: Array(text.utf8), file: "badgr.json", catalog: Catalog())
        #expect(imported.pathway.externalIDs.contains { $0.contains("\u{7F}") })
        let written = PathwayYAML.text(imported.pathway)
        #expect(!written.unicodeScalars.contains { $0.value == 0x7F || $0.value == 0x85 })
        let reread = try Pathway(definition: written, file: "reread.yaml")
        #expect(reread.externalIDs == imported.pathway.externalIDs)
    }
}
