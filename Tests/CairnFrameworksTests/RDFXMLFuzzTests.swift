import CairnCore
import CairnFrameworks
import CairnRDF
import CairnSyntax
import CairnTestSupport
import Foundation
import Testing

/// Mutation fuzzing of the RDF/XML reader and the ESCO mapper on their own inputs: every
/// damaged document either reads or is refused with an `RDFXMLError` that names its place.
/// Nothing traps, hangs or fails any other way. Seeds are fixed, so a failure reproduces.
@Suite("Fuzzing the RDF/XML reader")
struct RDFXMLFuzzTests {
    static let sample = CairnProcess.packageRoot.appendingPathComponent("Frameworks/esco/esco-sample.rdf")

    @Test("300 damaged copies of the ESCO sample read or fail with a located error", arguments: 0..<3)
    func damagedSample(batch: Int) throws {
        let bytes = Array(try Data(contentsOf: Self.sample))
        for seed in UInt64(batch * 100)..<UInt64(batch * 100 + 100) {
            let damaged = ByteMutation.damaged(bytes, seed: seed)
            var mapper = ESCOMapper(sink: FrameworkCollector())
            do {
                try RDFXMLParser(base: "http://example.org/fuzz").parse(data: Data(damaged), documentName: "fuzz.rdf") {
                    try mapper.consume($0)
                }
                try mapper.finish()
            } catch let error as RDFXMLError {
                #expect(error.file == "fuzz.rdf", "seed \(seed)")
                #expect(!error.message.isEmpty, "seed \(seed)")
            } catch {
                Issue.record("seed \(seed): unexpected \(type(of: error)): \(error)")
            }
        }
    }

    @Test("Damaged W3C inputs read or fail with a located error", .enabled(if: CairnProcess.sharedConformance != nil,
                                                                        "../shared/conformance is absent"))
    func damagedConformanceInputs() throws {
        let folder = try #require(CairnProcess.sharedConformance).appendingPathComponent("w3c-rdf-xml")
        let index = try String(contentsOf: folder.appendingPathComponent("INDEX.tsv"), encoding: .utf8)
        for (number, line) in index.split(separator: "\n").enumerated() {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count >= 3 else { continue }
            let bytes = Array(try Data(contentsOf: folder.appendingPathComponent(String(fields[2]))))
            for seed in 0..<UInt64(5) {
                let damaged = ByteMutation.damaged(bytes, seed: UInt64(number) * 31 + seed)
                do {
                    try RDFXMLParser(base: "http://example.org/").parse(data: Data(damaged), documentName: "w3c.rdf") { _ in }
                } catch let error as RDFXMLError {
                    #expect(error.file == "w3c.rdf")
                } catch {
                    Issue.record("\(fields[0]) seed \(seed): unexpected \(type(of: error))")
                }
            }
        }
    }
}

/// The same mutations on the other framework readers' own inputs: SFIA CSV, CASE JSON and
/// ESCO's single-file skills CSV either read or throw located ``FormatErrors``.
@Suite("Fuzzing the CSV and CASE framework readers")
struct FrameworkReaderFuzzTests {
    @Test("Damaged SFIA CSV, CASE and ESCO skills files read or fail with FormatErrors", arguments: [
        "frameworks/sfia-8-sample.csv", "frameworks/case-sample.json", "frameworks/esco-header.csv",
    ])
    func damagedFiles(fixture: String) throws {
        let bytes = Array(try FixtureFile.text(fixture).utf8)
        for seed in UInt64(0)..<200 {
            let damaged = ByteMutation.damaged(bytes, seed: seed)
            let text = String(decoding: damaged, as: UTF8.self)
            var collector = FrameworkCollector()
            do {
                if fixture.hasSuffix(".json") {
                    try CASEPackage.read(json: Data(damaged), file: "f.json", into: &collector)
                } else if fixture.contains("sfia") {
                    try SFIACSV.read(csv: text, file: "f.csv", into: &collector)
                } else {
                    _ = try ESCOSkillsCSV.framework(csv: text, file: "f.csv")
                }
            } catch let errors as FormatErrors {
                #expect(errors.errors.allSatisfy { $0.location.file.hasPrefix("f.") }, "seed \(seed)")
            } catch {
                Issue.record("\(fixture) seed \(seed): unexpected \(type(of: error)): \(error)")
            }
        }
    }
}

