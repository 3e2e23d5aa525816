import CairnTestSupport
import Foundation
import Testing

/// The bundled credentials verify in an implementation Cairn did not write
/// (scripts/check_credentials.py: pyld, PyNaCl, jwcrypto, jsonschema), and that check can fail:
/// one character changed in a signed credential, or one bit of a JWT's signature, is refused.
/// Skipped, with the reason, where python3 or its modules are missing (.ci/run installs them).
@Suite("Independent check (Python) of the bundled credentials",
       .enabled(if: IndependentCredentialCheck.availability() == nil,
                Comment(rawValue: IndependentCredentialCheck.availability() ?? "")))
struct IndependentCheckTests {
    static let credentials = CairnProcess.packageRoot.appendingPathComponent("Pathways/learners/credentials")
    static let amara = credentials.appendingPathComponent("amara")
    static let keys = credentials.appendingPathComponent("keys")
    static let jwt = amara.appendingPathComponent("research-design.jwt")

    /// The samples with eddsa-rdfc-2022 proofs (those of them present).
    static let signedSamples: [URL] = ["sql-querying", "dataviz-tableau", "analysis-memo", "data-capstone-project",
                                       "descriptive-statistics", "spreadsheet-analysis"]
        .map { amara.appendingPathComponent("\($0).json") }
        .filter { FileManager.default.fileExists(atPath: $0.path) }

    @Test("the bundled eddsa-rdfc-2022 credentials verify")
    func dataIntegritySamplesVerify() throws {
        #expect(Self.signedSamples.count >= 5)
        let results = try IndependentCredentialCheck.run(files: Self.signedSamples, keys: nil, schema: false)
        for result in results {
            #expect(result.kind == "eddsa-rdfc-2022", "\(result)")
            #expect(result.isVerified, "\(result)")
        }
    }

    @Test("the bundled ES256 VC-JWT verifies with its key")
    func jwtSampleVerifies() throws {
        let results = try IndependentCredentialCheck.run(files: [Self.jwt], keys: Self.keys, schema: false)
        let result = try #require(results.first)
        #expect(result.kind == "vc-jwt", "\(result)")
        #expect(result.isVerified, "\(result)")
    }

    @Test("one character of the achievement's name changed: the proof fails")
    func tamperedCredentialFails() throws {
        let original = Self.amara.appendingPathComponent("sql-querying.json")
        var text = try String(contentsOf: original, encoding: .utf8)
        let credential = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let subject = try #require(credential["credentialSubject"] as? [String: Any])
        let name = try #require((subject["achievement"] as? [String: Any])?["name"] as? String)
        // The name's first letter, within the achievement (the credential's own name may come first).
        let achievement = try #require(text.range(of: "\"achievement\""))
        let quoted = try #require(text.range(of: "\"\(name)\"", range: achievement.upperBound..<text.endIndex))
        let letter = text.index(after: quoted.lowerBound)
        text.replaceSubrange(letter...letter, with: text[letter] == "X" ? "Y" : "X")

        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let tampered = try folder.write("sql-querying-tampered.json", text)
        let results = try IndependentCredentialCheck.run(files: [original, tampered], keys: nil, schema: false)
        try #require(results.count == 2)
        #expect(results[0].isVerified, "the untouched original: \(results[0])")
        #expect(results[1].kind == "eddsa-rdfc-2022")
        #expect(results[1].proof == "failed", "\(results[1])")
    }

    @Test("one bit of the JWT's signature flipped: the proof fails")
    func flippedJWTSignatureFails() throws {
        let token = try String(contentsOf: Self.jwt, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let parts = token.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        try #require(parts.count == 3)
        var signature = try #require(Self.base64URLDecode(parts[2]))
        signature[signature.count / 2] ^= 0x01
        let flipped = [parts[0], parts[1], Self.base64URLEncode(signature)].joined(separator: ".")

        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let file = try folder.write("research-design-flipped.jwt", flipped)
        let result = try #require(try IndependentCredentialCheck.run(files: [file], keys: Self.keys, schema: false).first)
        #expect(result.kind == "vc-jwt")
        #expect(result.proof == "failed", "\(result)")
    }

    @Test("a context that is not bundled is an error naming it, never fetched")
    func unknownContextIsAnError() throws {
        let original = Self.amara.appendingPathComponent("sql-querying.json")
        let text = try String(contentsOf: original, encoding: .utf8)
        let unknown = "https://example.org/not-bundled/context.json"
        let changed = text.replacingOccurrences(of: "\"https://www.w3.org/ns/credentials/v2\",",
                                                with: "\"https://www.w3.org/ns/credentials/v2\", \"\(unknown)\",")
        try #require(changed != text)
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let file = try folder.write("unknown-context.json", changed)
        let result = try #require(try IndependentCredentialCheck.run(files: [file], keys: nil, schema: false).first)
        #expect(result.proof == "error", "\(result)")
        #expect(result.reason.contains(unknown), "\(result)")
    }

    /// What the Open Badges 3.0 schema says about the samples: reported, not asserted (the samples
    /// were not written to it; credentials Cairn issues will be held to it).
    @Test("the Open Badges 3.0 schema's view of the samples (reported)")
    func schemaReport() throws {
        let results = try IndependentCredentialCheck.run(files: Self.signedSamples + [Self.jwt], keys: Self.keys, schema: true)
        for result in results {
            #expect(result.schema != "skipped", "the schema check ran: \(result)")
            print("independent check: \(result)")
        }
    }

    static func base64URLDecode(_ text: String) -> [UInt8]? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        return Data(base64Encoded: base64).map(Array.init)
    }

    static func base64URLEncode(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
