import CairnCredentials
import CairnRDF
import CairnSyntax
import CairnTestSupport
import Foundation
import Testing

/// Mutation fuzzing of the Data Integrity verifier on the 1EdTech samples: damaged copies never
/// trap, and a copy is reported verified only when its canonical RDF is still the signed one.
/// Seeds are fixed, so a failure reproduces.
@Suite("Fuzzing the Data Integrity verifier")
struct DataIntegrityFuzzTests {
    /// One damaged copy of `bytes`: a few bytes replaced, removed or duplicated.
    static func mutate(_ bytes: [UInt8], seed: UInt64) -> [UInt8] {
        var random = SplitMix64(seed: seed &+ 0x5EED_1D)
        var copy = bytes
        let alphabet = Array("{}[]\":,@#/ 0123456789aez-_.".utf8) + [0xC3, 0xA9]
        for _ in 0..<(1 + random.below(3)) where !copy.isEmpty {
            let position = random.below(copy.count)
            switch random.below(3) {
            case 0: copy[position] = alphabet[random.below(alphabet.count)]
            case 1: copy.remove(at: position)
            default:
                let end = min(copy.count, position + 1 + random.below(12))
                copy.insert(contentsOf: copy[position..<end], at: position)
            }
        }
        return copy
    }

    static func canonical(_ node: JSONNode) -> String? {
        guard let quads = try? JSONLDProcessor().quads(of: node) else { return nil }
        return try? RDFCanonicalizer().canonicalNQuads(quads)
    }

    @Test("damaged samples never crash and never verify with changed content",
          .enabled(if: DataIntegrityConformanceTests.isPresent, DataIntegrityConformanceTests.skipReason),
          arguments: ["ob30/simple.json", "ob30/simple_v1.json", "clr20/simple.json"])
    func damagedSamples(_ path: String) throws {
        let url = try #require(DataIntegrityConformanceTests.folder).appendingPathComponent(path)
        let bytes = Array(try Data(contentsOf: url))
        let original = try JSONParser.parse(bytes, file: path)
        let originalDocument = Self.canonical(original.removing("proof"))
        var parsed = 0
        for seed in UInt64(0)..<120 {
            let damaged = Self.mutate(bytes, seed: seed)
            guard let node = try? JSONParser.parse(damaged, file: "fuzz.json") else { continue }
            parsed += 1
            for check in DataIntegrityVerifier().verify(node) {
                guard case .verified = check, node != original else { continue }
                // Verified although the JSON changed: only acceptable if the signed RDF did not.
                #expect(Self.canonical(node.removing("proof")) == originalDocument, "seed \(seed): \(check)")
            }
        }
        #expect(parsed > 20)
    }
}
