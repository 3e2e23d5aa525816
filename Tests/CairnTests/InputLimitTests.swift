import Cairn
import CairnCredentials
import CairnFrameworks
import CairnSyntax
import CairnTestSupport
import Foundation
import Testing

/// Every documented input limit holds exactly: for inputs of random sizes around it, the reader
/// refuses one past the limit — naming the limit and the place — and reads one at it.
@Suite("Input limits: each refuses exactly what is past it, and the README lists each")
struct InputLimitTests {
    /// How to try one limit: the sizes to try, and what reading an input of size `n` says (an
    /// error message, or nil when it was read).
    struct Probe: Sendable {
        var sizes: @Sendable (_ limit: Int, _ random: inout SplitMix64) -> [Int]
        var read: @Sendable (_ folder: TemporaryFolder, _ n: Int) throws -> String?
        /// The name of the file or document the refusal must mention, if the reader has one.
        var place: String? = "probe"
    }

    @Test("each limit refuses an input one past it, naming the limit and the place, and reads one at it",
          arguments: InputLimit.all.filter { $0.id != "canonicalization-steps" })
    func limitHolds(_ limit: InputLimit) throws {
        let probe = try #require(Self.probes[limit.id], "no probe for the limit \(limit.id)")
        var random = SplitMix64(seed: UInt64(truncatingIfNeeded: limit.id.hashValue & 0xFFFF) &+ 0x5EED)
        for n in probe.sizes(limit.value, &random) {
            let folder = try TemporaryFolder()
            defer { folder.remove() }
            let message = try probe.read(folder, n)
            if n > limit.value {
                let refusal = try #require(message, "\(limit.id): \(n) was read, past the limit \(limit.value)")
                #expect(refusal.contains(limit.shownValue), "\(limit.id) at \(n): \(refusal)")
                if let place = probe.place { #expect(refusal.contains(place), "\(limit.id) at \(n): \(refusal)") }
            } else {
                #expect(!(message ?? "").contains(limit.shownValue), "\(limit.id) refused \(n) ≤ \(limit.value): \(message ?? "")")
            }
        }
    }

    @Test("every limit in the table has a probe (the canonicalization limit has its own test)")
    func everyLimitProbed() {
        let unprobed = InputLimit.all.map(\.id).filter { Self.probes[$0] == nil && $0 != "canonicalization-steps" }
        #expect(unprobed.isEmpty, "limits without a probe: \(unprobed)")
        #expect(Set(InputLimit.all.map(\.id)).count == InputLimit.all.count, "two limits share an id")
    }

    @Test("the README's limit table is InputLimit.all, row for row")
    func readmeTable() throws {
        let readme = try String(contentsOf: CairnProcess.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let expected = InputLimit.all.map { "| \($0.reader) | \($0.bound) | \($0.shownValue) |" }
        let section = readme.components(separatedBy: "### Limits\n").dropFirst().first ?? ""
        let rows = section.components(separatedBy: "\n## ").first?.split(separator: "\n")
            .map(String.init).filter { $0.hasPrefix("| ") && !$0.hasPrefix("| Reader ") } ?? []
        #expect(rows == expected, "the README's table should read:\n\(expected.joined(separator: "\n"))")
    }

    /// Canonicalization has no input size to set exactly: the work a dataset needs shows only in
    /// whether a limit refuses it. So: for random blank-node cliques and limits, a limit that
    /// refuses a dataset refuses it under every smaller limit, names itself, and a limit that
    /// accepts it accepts it under every larger one; the default reads ordinary credentials.
    @Test("canonicalization: refusal is monotone in the step limit and names it; the default reads real credentials")
    func canonicalizationLimit() throws {
        var random = SplitMix64(seed: 2026)
        for _ in 0..<12 {
            let size = 2 + random.below(6)
            let quads = try JSONLDProcessor(contexts: JSONLDContextLibrary()).quads(of: JSONParser.parse(
                Self.clique(size), file: "clique.json"))
            let limits = (0..<4).map { _ in 1 + random.below(4_000) }.sorted()
            let refused = limits.map { limit -> Bool in
                do {
                    _ = try RDFCanonicalizer(workLimit: limit).canonicalNQuads(quads)
                    return false
                } catch {
                    #expect("\(error)".contains(limit.groupedDigits), "\(error)")
                    return true
                }
            }
            // Once accepted at some limit, accepted at every larger one.
            if let firstAccepted = refused.firstIndex(of: false) {
                #expect(refused[firstAccepted...].allSatisfy { !$0 }, "clique of \(size): \(zip(limits, refused).map { "\($0)→\($1)" })")
            }
        }
        let signed = CairnProcess.packageRoot.appendingPathComponent("Pathways/learners/credentials/amara/sql-querying.json")
        let file = try OpenBadgesFile.read(at: signed, documents: LocalDocuments())
        _ = try RDFCanonicalizer().canonicalNQuads(JSONLDProcessor().quads(of: file.credential.document.removing("proof")))
    }

    /// A JSON-LD document whose `size` blank nodes all link to one another.
    static func clique(_ size: Int) -> String {
        let nodes = (0..<size).map { node in
            let links = (0..<size).filter { $0 != node }.map { #"{"@id": "_:c\#($0)"}"# }.joined(separator: ", ")
            return #"{"@id": "_:c\#(node)", "https://example.org/linked": [\#(links)]}"#
        }
        return #"{"@context": {"@vocab": "https://example.org/"}, "@graph": [\#(nodes.joined(separator: ", "))]}"#
    }
}

// MARK: - Probes

extension InputLimitTests {
    /// Sizes for a count: the limit, one past it, and random sizes from `minimum` to twice the limit.
    static func countSizes(minimum: Int = 1, samples: Int = 4) -> @Sendable (Int, inout SplitMix64) -> [Int] {
        { limit, random in [limit, limit + 1] + (0..<samples).map { _ in minimum + random.below(2 * limit) } }
    }

    /// Sizes for bytes held in memory: the limit, one past it, and two sizes within 4 KiB of it.
    static let byteSizes: @Sendable (Int, inout SplitMix64) -> [Int] = { limit, random in
        [limit, limit + 1, limit - 4_096 + random.below(8_192), limit - 4_096 + random.below(8_192)]
    }

    /// Sizes for a file: one past the limit, a random size past it, and a random small size no
    /// smaller than `content`; the limit itself when such a file is cheap to write (≤ 1 MiB).
    static func fileSizes(_ content: String, padded: Bool = true) -> @Sendable (Int, inout SplitMix64) -> [Int] {
        { limit, random in
            let small = content.utf8.count + (padded ? random.below(4_096) : 0)
            return [limit + 1, limit + 2 + random.below(1 << 20), small] + (limit <= 1 << 20 ? [limit] : [])
        }
    }

    /// Writes a file of exactly `size` bytes: `content` padded with `pad` when it is at most 1 MiB,
    /// else a sparse file of that size (readers refuse it by its size, before reading a byte).
    static func file(_ folder: TemporaryFolder, _ path: String, size: Int, content: String, pad: Character = " ") throws -> String {
        let url = folder.url.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        if size <= 1 << 20 {
            let text = content + String(repeating: pad, count: max(0, size - content.utf8.count))
            try Data(text.utf8).write(to: url)
        } else {
            FileManager.default.createFile(atPath: url.path, contents: nil)
            let handle = try FileHandle(forWritingTo: url)
            try handle.truncate(atOffset: UInt64(size))
            try handle.close()
        }
        return url.path
    }

    /// The message of whatever `body` throws, nil when it returns.
    static func message(_ body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch {
            return String(describing: error)
        }
    }

    static let sfiaSample = """
        Code,Skill,Category,Subcategory,Overall description,Guidance notes,Level 1 description
        PROG,Programming/software development,Development and implementation,Systems development,Writes code.,,

        """
    static let rdfDocument = """
        <?xml version="1.0"?>
        <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/ns#">
        <rdf:Description rdf:about="http://example.org/s"><ex:p>o</ex:p></rdf:Description>
        </rdf:RDF>

        """

    static let probes: [String: Probe] = fileProbes.merging(definitionProbes) { $1 }.merging(credentialProbes) { $1 }
        .merging(frameworkProbes) { $1 }.merging(interchangeProbes) { $1 }

    static let fileProbes: [String: Probe] = [
        "sis-export-bytes": Probe(sizes: fileSizes("learner,badge,issued\n")) { folder, n in
            let path = try file(folder, "probe.csv", size: n, content: "learner,badge,issued\n", pad: "\n")
            return message { try SISExportReader.read(path: path, display: "probe.csv", knownBadges: nil) { _ in } }
        },
        "definition-file-bytes": Probe(sizes: fileSizes("learner: lee\nbadges: []\n")) { folder, n in
            let path = try file(folder, "probe.yaml", size: n, content: "learner: lee\nbadges: []\n", pad: "\n")
            return message { _ = try Workspace(at: folder.url).learnerRecord(at: URL(fileURLWithPath: path)) }
        },
        "workspace-framework-bytes": Probe(sizes: fileSizes(sfiaSample, padded: false)) { folder, n in
            _ = try file(folder, "Frameworks/probe.csv", size: n, content: sfiaSample)
            return message { _ = try Workspace(at: folder.url) }
        },
        "csv-bytes": Probe(sizes: fileSizes(sfiaSample, padded: false)) { folder, n in
            let path = try file(folder, "probe.csv", size: n, content: sfiaSample)
            var collector = FrameworkCollector()
            return message { try FrameworkReader.read(path: path, format: .sfiaCSV, languages: nil, into: &collector) }
        },
        "case-bytes": Probe(sizes: fileSizes(#"{"CFDocument": {"identifier": "d", "title": "T"}, "CFItems": []}"#)) { folder, n in
            let path = try file(folder, "probe.json", size: n, content: #"{"CFDocument": {"identifier": "d", "title": "T"}, "CFItems": []}"#)
            var collector = FrameworkCollector()
            return message { try CASEPackage.read(path: path, into: &collector) }
        },
        "nquads-bytes": Probe(sizes: fileSizes("<http://example.org/s> <http://example.org/p> \"o\" .\n")) { folder, n in
            let path = try file(folder, "probe.nq", size: n, content: "<http://example.org/s> <http://example.org/p> \"o\" .\n",
                                pad: "\n")
            return message { _ = try NQuadsReader.quads(at: path) }
        },
        "rdf-bytes": Probe(sizes: fileSizes(rdfDocument)) { folder, n in
            let path = try file(folder, "probe.rdf", size: n, content: rdfDocument, pad: "\n")
            return message { try RDFXMLParser().parse(file: path) { _ in } }
        },
        "open-badges-file-bytes": Probe(sizes: fileSizes(signedCredential)) { folder, n in
            let path = try file(folder, "probe.json", size: n, content: signedCredential)
            return message { _ = try OpenBadgesFile.read(at: URL(fileURLWithPath: path), documents: LocalDocuments()) }
        },
        "local-document-bytes": Probe(sizes: fileSizes(#"{"id": "https://example.org/doc"}"#)) { folder, n in
            _ = try file(folder, "docs/probe.json", size: n, content: #"{"id": "https://example.org/doc"}"#)
            let documents = LocalDocuments(folders: [folder.url.appendingPathComponent("docs")])
            if let problem = documents.problems.first { return problem.description }
            return documents.document(for: "https://example.org/doc") == nil ? "not found" : nil
        },
        "context-file-bytes": Probe(sizes: fileSizes(#"{"@context": {}}"#)) { folder, n in
            _ = try folder.write("contexts/INDEX.tsv", "https://example.org/context\tprobe.json\n")
            _ = try file(folder, "contexts/probe.json", size: n, content: #"{"@context": {}}"#)
            return message { _ = try JSONLDContextLibrary().adding(folder: folder.url.appendingPathComponent("contexts")) }
        },
        "key-file-bytes": Probe(sizes: fileSizes(ed25519JWK)) { folder, n in
            _ = try file(folder, "keys/probe.jwk", size: n, content: ed25519JWK)
            let ring = try KeyRing.load(folder: folder.url.appendingPathComponent("keys").path)
            if let problem = ring.problems.first { return problem.description }
            return ring.entries.isEmpty ? "no key" : nil
        },
        "log-key-bytes": Probe(sizes: fileSizes(String(repeating: "k", count: 32))) { folder, n in
            let path = try file(folder, "probe.key", size: n, content: String(repeating: "k", count: 32), pad: "k")
            return message { _ = try DecisionLogKey(contentsOf: path) }
        },
    ]

    /// A bundled, signed Open Badges 3.0 credential, the content of the Open Badges file probes.
    static let signedCredential = (try? String(contentsOf: CairnProcess.packageRoot.appendingPathComponent(
        "Pathways/learners/credentials/amara/sql-querying.json"), encoding: .utf8)) ?? ""

    /// A public Ed25519 key as a JWK (RFC 8037's example key).
    static let ed25519JWK = #"{"kty": "OKP", "crv": "Ed25519", "kid": "probe", "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#

    static let definitionProbes: [String: Probe] = [
        "yaml-aliases": Probe(sizes: countSizes()) { _, n in
            let aliases = Array(repeating: "*x", count: n).joined(separator: ", ")
            return message { _ = try DefinitionDocument.kind(of: "a: &x 1\nl: [\(aliases)]\n", file: "probe.yaml") }
        },
        "yaml-aliased-nodes": Probe(sizes: countSizes(minimum: 2)) { _, n in
            // An alias of a list of n − 1 scalars adds n nodes: the list and its items.
            let items = Array(repeating: "1", count: n - 1).joined(separator: ", ")
            return message { _ = try DefinitionDocument.kind(of: "a: &x [\(items)]\nb: *x\n", file: "probe.yaml") }
        },
        "yaml-depth": Probe(sizes: countSizes()) { _, n in
            // The top-level mapping is the first level; each list inside it one more.
            let text = "a: " + String(repeating: "[", count: n - 1) + String(repeating: "]", count: n - 1) + "\n"
            return message { _ = try DefinitionDocument.kind(of: text, file: "probe.yaml") }
        },
        "learner-earnings": Probe(sizes: countSizes(minimum: 0, samples: 3)) { _, n in
            let text = "learner: lee\nbadges:\n" + String(repeating: "  - { badge: sql-querying, issued: 2025-01-01 }\n", count: n)
            return message { _ = try LearnerRecord(definition: text, file: "probe.yaml") }
        },
    ]

    static let frameworkProbes: [String: Probe] = [
        "xlsx-bytes": Probe(sizes: fileSizes("PK")) { folder, n in
            let path = try file(folder, "probe.xlsx", size: n, content: "PK")
            var collector = FrameworkCollector()
            return message { try SFIAWorkbook.read(path: path, into: &collector) }
        },
        "xlsx-entries": Probe(sizes: countSizes(samples: 2)) { _, n in
            var zip = ZipBuilder()
            for index in 0..<n { zip.add("x/\(index)", [], deflated: false) }
            var collector = FrameworkCollector()
            return message { try SFIAWorkbook.read(xlsx: Data(zip.bytes()), file: "probe.xlsx", into: &collector) }
        },
        "xlsx-part-bytes": Probe(sizes: byteSizes) { _, n in
            // A workbook part of n bytes: a workbook with no sheets, padded with spaces.
            let workbook = #"<workbook xmlns="\#(XLSXBuilder.spreadsheetML)"><sheets/></workbook>"#
            var zip = ZipBuilder()
            zip.add("xl/workbook.xml", Array(workbook.utf8) + Array(repeating: 0x20, count: n - workbook.utf8.count))
            var collector = FrameworkCollector()
            return message { try SFIAWorkbook.read(xlsx: Data(zip.bytes()), file: "probe.xlsx", into: &collector) }
        },
        "xlsx-inflated-bytes": Probe(sizes: byteSizes) { _, n in
            message { try readInflating(n) }
        },
        "rdf-depth": Probe(sizes: countSizes(minimum: 2)) { _, n in
            // rdf:RDF and the node element are two levels; each property element with
            // parseType="Resource" one more.
            let inner = String(repeating: #"<ex:p rdf:parseType="Resource">"#, count: n - 2)
                + String(repeating: "</ex:p>", count: n - 2)
            let xml = #"<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/ns#">"#
                + #"<rdf:Description rdf:about="http://example.org/s">\#(inner)</rdf:Description></rdf:RDF>"#
            return message { try RDFXMLParser().parse(data: Data(xml.utf8), documentName: "probe.rdf") { _ in } }
        },
        "rdf-literal-bytes": Probe(sizes: byteSizes) { _, n in
            let xml = #"<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/ns#">"#
                + #"<rdf:Description rdf:about="http://example.org/s"><ex:p>"# + String(repeating: "a", count: n)
                + "</ex:p></rdf:Description></rdf:RDF>"
            return message { try RDFXMLParser().parse(data: Data(xml.utf8), documentName: "probe.rdf") { _ in } }
        },
    ]

    /// A Europass credential whose `hasClaim` is `claims`.
    static func europass(claims: String) -> String {
        #"{"type": ["VerifiableCredential", "EuropeanDigitalCredential"], "issuer": "https://cpd.example.edu", "#
            + #""validFrom": "2026-07-01T00:00:00Z", "credentialSubject": {"id": "urn:p:1", "hasClaim": \#(claims)}}"#
    }

    /// Reads a workbook whose parts inflate to `n` bytes in all: the workbook, the shared strings
    /// and the Skills sheet padded with spaces, a third of the rest each (so no part alone passes
    /// its own limit).
    static func readInflating(_ n: Int) throws {
        let ml = XLSXBuilder.spreadsheetML, rel = XLSXBuilder.relationships
        let workbook = Array(#"<workbook xmlns="\#(ml)" xmlns:r="\#(rel)"><sheets><sheet name="Skills" sheetId="1" r:id="rId1"/></sheets></workbook>"#.utf8)
        let links = Array((#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
            + #"<Relationship Id="rId1" Type="\#(rel)/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#).utf8)
        let strings = Array(#"<sst xmlns="\#(ml)"></sst>"#.utf8), sheet = Array(#"<worksheet xmlns="\#(ml)"><sheetData/></worksheet>"#.utf8)
        let padding = n - workbook.count - links.count - strings.count - sheet.count
        let third = padding / 3
        var zip = ZipBuilder()
        zip.add("xl/workbook.xml", workbook + Array(repeating: 0x20, count: third))
        zip.add("xl/_rels/workbook.xml.rels", links)
        zip.add("xl/sharedStrings.xml", strings + Array(repeating: 0x20, count: third))
        zip.add("xl/worksheets/sheet1.xml", sheet + Array(repeating: 0x20, count: padding - 2 * third))
        var collector = FrameworkCollector()
        try SFIAWorkbook.read(xlsx: Data(zip.bytes()), file: "probe.xlsx", into: &collector)
    }

    static let credentialProbes: [String: Probe] = [
        "jwt-bytes": Probe(sizes: byteSizes) { _, n in
            let header = "eyJhbGciOiJFUzI1NiJ9."
            let token = header + String(repeating: "A", count: n - header.count - 5) + ".AAAA"
            return message { _ = try CompactJWS(token, file: "probe.jwt") }
        },
        "europass-achievements": Probe(sizes: countSizes(samples: 2)) { _, n in
            let claims = (0..<n).map { #"{"id": "urn:a:\#($0)", "type": "LearningAchievement"}"# }.joined(separator: ",")
            return message { _ = try OpenBadgesFile.read(Array(europass(claims: "[\(claims)]").utf8), file: "probe.jsonld",
                                                         documents: LocalDocuments()) }
        },
        "europass-part-depth": Probe(sizes: countSizes()) { _, n in
            // The claim is level 0; each hasPart inside it one more.
            var claim = #"{"id": "urn:a:\#(n)", "type": "LearningAchievement"}"#
            for level in stride(from: n - 1, through: 0, by: -1) {
                claim = #"{"id": "urn:a:\#(level)", "type": "LearningAchievement", "hasPart": \#(claim)}"#
            }
            return message { _ = try OpenBadgesFile.read(Array(europass(claims: claim).utf8), file: "probe.jsonld",
                                                         documents: LocalDocuments()) }
        },
        "json-depth": Probe(sizes: countSizes()) { _, n in
            message { _ = try JSONParser.parse(String(repeating: "[", count: n) + String(repeating: "]", count: n), file: "probe.json") }
        },
        "baked-text-bytes": Probe(sizes: byteSizes) { _, n in
            let text = Array(repeating: UInt8(ascii: " "), count: n)
            let image = BakedImageBuilder.png(BakedImageBuilder.chunk(
                "iTXt", Array("openbadges".utf8) + [0, 1, 0, 0, 0] + BakedImageBuilder.deflate(text)))
            return message { _ = try BakedBadge.extract(from: image, file: "probe.png") }
        },
        "png-chunks": Probe(sizes: countSizes(minimum: 4, samples: 2)) { _, n in
            // IHDR, the badge, IDAT and IEND, and comments up to n chunks.
            let comment = BakedImageBuilder.chunk("tEXt", Array("Comment".utf8) + [0] + Array("x".utf8))
            let image = BakedImageBuilder.png(BakedImageBuilder.iTXt(text: "https://example.org/a"),
                                              Array(Array(repeating: comment, count: n - 4).joined()))
            return message { _ = try BakedBadge.extract(from: image, file: "probe.png") }
        },
        "json-ld-context-depth": Probe(sizes: countSizes(), read: { _, n in
            // The document's context imports c1, which imports c2, … cn, which defines nothing more.
            var documents: [String: JSONNode] = [:]
            for level in 1...n {
                let next = level < n ? #""https://example.org/c\#(level + 1)""# : "{}"
                documents["https://example.org/c\(level)"] = try JSONParser.parse(#"{"@context": \#(next)}"#, file: "c\(level)")
            }
            let document = try JSONParser.parse(#"{"@context": "https://example.org/c1", "https://example.org/p": "v"}"#,
                                                file: "probe.json")
            return message { _ = try JSONLDProcessor(contexts: JSONLDContextLibrary(documents: documents)).expand(document) }
        }, place: nil),
        "json-ld-depth": Probe(sizes: countSizes(), read: { _, n in
            let text = String(repeating: #"{"https://example.org/p": "#, count: n) + #""v""# + String(repeating: "}", count: n)
            let document = try JSONParser.parse(text, file: "probe.json")
            return message { _ = try JSONLDProcessor(contexts: JSONLDContextLibrary()).expand(document) }
        }, place: nil),
        "status-list-bytes": Probe(sizes: byteSizes, read: { _, n in
            let credential = try OpenBadgesFile.read(Array("""
                {"@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
                 "id": "urn:uuid:probe", "type": ["VerifiableCredential", "OpenBadgeCredential"],
                 "issuer": {"id": "https://example.edu", "type": ["Profile"]}, "validFrom": "2025-01-01T00:00:00Z",
                 "credentialSubject": {"type": ["AchievementSubject"], "achievement": {"id": "https://example.edu/a",
                   "type": ["Achievement"], "name": "A", "criteria": {"narrative": "x"}, "description": "x"}},
                 "credentialStatus": {"type": "BitstringStatusListEntry", "statusPurpose": "revocation",
                   "statusListCredential": "https://example.edu/status/probe", "statusListIndex": "0"}}
                """.utf8), file: "probe.json", documents: LocalDocuments()).credential
            let encoded = "u" + Data(BakedImageBuilder.gzip(Array(repeating: 0, count: n))).base64EncodedString()
                .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
                .replacingOccurrences(of: "=", with: "")
            var lists = LocalDocuments()
            lists.add(try JSONParser.parse(#"{"id": "https://example.edu/status/probe", "credentialSubject": {"encodedList": "\#(encoded)"}}"#,
                                           file: "status.json"), file: "status.json")
            return CredentialRevocation.check(credential, lists: lists).compactMap(\.unknownReason).first
        }, place: "https://example.edu/status/probe"),
    ]
}
