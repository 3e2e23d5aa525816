import CairnCredentials
import CairnRDF
import CairnSyntax
import CairnTestSupport
import Foundation
import Testing

/// The Open Badges 3.0 and CLR 2.0 samples of the 1EdTech validator (../shared/conformance/openbadges):
/// every Data Integrity proof there verifies, and a one-character change makes it fail.
@Suite("Data Integrity proofs of the 1EdTech samples")
struct DataIntegrityConformanceTests {
    static let folder = CairnProcess.sharedConformance?.appendingPathComponent("openbadges")
    static let isPresent = folder.map { FileManager.default.fileExists(atPath: $0.appendingPathComponent("EXPECTED.md").path) }
        ?? false
    static let skipReason: Comment = "the 1EdTech samples (../shared/conformance/openbadges) are absent"

    /// The signed samples EXPECTED.md lists as valid signatures.
    static let samples = [
        "ob30/simple.json", "ob30/simple_v1.json", "ob30/simple-err-expired.json", "ob30/simple-err-issued.json",
        "ob30/credential-status-revoked.json", "ob30/endorsement-valid.json", "clr20/simple.json",
    ]

    static func load(_ path: String) throws -> JSONNode {
        let url = try #require(folder).appendingPathComponent(path)
        return try JSONParser.parse(Array(try Data(contentsOf: url)), file: path)
    }

    @Test("the signature matches (self-signed where the key is the credential's own)",
          .enabled(if: isPresent, skipReason), arguments: samples)
    func verifies(_ path: String) throws {
        let credential = try Self.load(path)
        let checks = DataIntegrityVerifier().verify(credential)
        #expect(checks.count == 1)
        for check in checks {
            switch check {
            case .verified, .selfSigned: continue
            default: Issue.record("\(path): \(check)")
            }
        }
    }

    /// `node` with the last character of its `name` changed (`a` becomes `b`, anything else `a`).
    static func renamed(_ node: JSONNode) -> JSONNode {
        guard case .object(let members) = node.value else { return node }
        return JSONNode(.object(members.map { member in
            guard member.key == "name", let name = member.value.string, let last = name.last else { return member }
            let changed = String(name.dropLast()) + (last == "a" ? "b" : "a")
            return JSONNode.Member(key: "name", value: JSONNode(.string(changed)))
        }))
    }

    @Test("a one-character change in the name makes the proof fail", .enabled(if: isPresent, skipReason),
          arguments: samples)
    func tamperedFails(_ path: String) throws {
        let credential = Self.renamed(try Self.load(path))
        #expect(credential != (try Self.load(path)))
        let checks = DataIntegrityVerifier().verify(credential)
        #expect(checks.count == 1)
        for check in checks {
            guard case .failed(_, let reason) = check else {
                Issue.record("\(path): \(check)")
                continue
            }
            #expect(reason.contains("does not match"))
        }
    }

    /// The OpenBadgeCredential inside the CLR's subject.
    static func nestedCredential() throws -> JSONNode {
        let clr = try load("clr20/simple.json")
        return try #require(clr["credentialSubject"]?["verifiableCredential"]?.elements?.first)
    }

    @Test("the credential nested in the CLR verifies on its own, and fails when changed",
          .enabled(if: isPresent, skipReason))
    func nestedCredentialInCLR() throws {
        let nested = try Self.nestedCredential()
        let checks = DataIntegrityVerifier().verify(nested)
        #expect(checks.count == 1)
        guard case .selfSigned(let method, let key)? = checks.first else {
            Issue.record("nested: \(checks)")
            return
        }
        #expect(method == "eddsa-rdfc-2022")
        #expect(key.contains("z6MkvREVgsHx7Ppae68vCoByy73ZD4aMSJiPML2cryVL8JAx"))
        guard case .failed? = DataIntegrityVerifier().verify(Self.renamed(nested)).first else {
            Issue.record("the changed nested credential did not fail")
            return
        }
    }

    @Test("the outer CLR proof covers the nested credential", .enabled(if: isPresent, skipReason))
    func outerProofCoversNested() throws {
        let clr = try Self.load("clr20/simple.json")
        guard case .object(let members) = clr.value else { return }
        let changed = JSONNode(.object(members.map { member in
            guard member.key == "credentialSubject", case .object(let subject) = member.value.value else { return member }
            return JSONNode.Member(key: member.key, value: JSONNode(.object(subject.map { entry in
                guard entry.key == "verifiableCredential", var list = entry.value.elements, !list.isEmpty else {
                    return entry
                }
                list[0] = Self.renamed(list[0])
                return JSONNode.Member(key: entry.key, value: JSONNode(.array(list)))
            })))
        }))
        guard case .failed? = DataIntegrityVerifier().verify(changed).first else {
            Issue.record("changing the nested credential did not break the outer proof")
            return
        }
    }

    @Test("the key in a verification method URL's fragment is used only when allowed",
          .enabled(if: isPresent, skipReason))
    func fragmentKeysCanBeRefused() throws {
        let credential = try Self.load("ob30/simple.json")
        let strict = DataIntegrityVerifier(acceptsMultikeyFragments: false)
        guard case .unchecked(_, let reason)? = strict.verify(credential).first else {
            Issue.record("a URL verification method was checked without a key")
            return
        }
        #expect(reason.contains("is not available offline"))
        #expect(reason.contains("https://example.com/issuers/876543#z6Mk"))
        guard case .verified(_, let key)? = DataIntegrityVerifier().verify(credential).first else { return }
        #expect(key.contains("not checked to belong to the issuer"))
    }

    @Test("timing: verifying simple.json", .enabled(if: isPresent, skipReason))
    func timing() throws {
        let credential = try Self.load("ob30/simple.json")
        let verifier = DataIntegrityVerifier()
        _ = verifier.verify(credential)
        let clock = ContinuousClock()
        let runs = 10
        let elapsed = clock.measure {
            for _ in 0..<runs { _ = verifier.verify(credential) }
        }
        print("verifying ob30/simple.json: \(elapsed / runs) per credential")
        #expect(elapsed / runs < .seconds(2))
    }
}
