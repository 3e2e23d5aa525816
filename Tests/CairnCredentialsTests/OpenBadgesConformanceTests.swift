import CairnCore
import CairnCredentials
import CairnRDF
import CairnSyntax
import CairnTestSupport
import Foundation
import Testing

/// The 1EdTech validator's Open Badges 2.0, 3.0 and CLR 2.0 samples in ../shared/conformance,
/// each with the outcome its EXPECTED.md gives (translated to the `verify` contract: the
/// validator's "valid" is `verified` where a proof was checked, `unverified` for a hosted
/// assertion or a token with no key to check it).
@Suite("Open Badges conformance samples")
struct OpenBadgesConformanceTests {
    static let folder = CairnProcess.sharedConformance?.appendingPathComponent("openbadges")
    static let isPresent = folder.map { FileManager.default.fileExists(atPath: $0.path) } ?? false
    static let asOf = CalendarDate(year: 2026, month: 11, day: 29)!

    struct Case: Sendable, CustomTestStringConvertible {
        var file: String
        var status: CredentialVerification.Status
        var reason: String
        var asOf: CalendarDate = OpenBadgesConformanceTests.asOf
        var testDescription: String { "\(file) → \(status.rawValue)" }
    }

    static let cases: [Case] = [
        Case(file: "ob20/basic-assertion.json", status: .unverified, reason: "hosted verification"),
        Case(file: "ob20/basic-assertion-expired.json", status: .expired, reason: "expired 2022-11-15T23:59:59Z"),
        Case(file: "ob20/basic-assertion-expired-before-issued.json", status: .invalid, reason: "before it is issued"),
        Case(file: "ob20/basic-assertion-in-future.json", status: .notYetValid, reason: "valid from 2100-12-31"),
        Case(file: "ob20/simple.jwt", status: .verified, reason: "RS256"),
        Case(file: "ob20/simple-not-revoked.jwt", status: .verified, reason: "RS256"),
        Case(file: "ob20/simple-revoked.jwt", status: .revoked, reason: "A good reason, for sure"),
        Case(file: "ob20/simple-badge.png", status: .unverified, reason: "hosted verification"),
        Case(file: "ob30/simple.json", status: .signedByEmbeddedKey, reason: "eddsa-rdfc-2022"),
        Case(file: "ob30/simple_v1.json", status: .signedByEmbeddedKey, reason: "Ed25519Signature2020"),
        Case(file: "ob30/simple-err-expired.json", status: .expired, reason: "2010-01-01"),
        Case(file: "ob30/simple-err-issued.json", status: .notYetValid, reason: "2040-01-01"),
        Case(file: "ob30/credential-status-revoked.json", status: .revoked, reason: "wellspring-portal/api/revocations"),
        Case(file: "ob30/simple.jwt", status: .unverified, reason: "RS256"),
        Case(file: "ob30/simple-json.png", status: .signedByEmbeddedKey, reason: "eddsa-rdfc-2022"),
        Case(file: "ob30/simple-jwt.svg", status: .signedByEmbeddedKey, reason: "embedded in the token header"),
        Case(file: "ob30/endorsement-valid.json", status: .signedByEmbeddedKey, reason: "proves no issuer"),
        Case(file: "ob30/endorsement-valid.json", status: .expired, reason: "2030-01-01",
             asOf: CalendarDate(year: 2030, month: 1, day: 1)!),
        Case(file: "ob30/simple-err-issued.json", status: .signedByEmbeddedKey, reason: "proves no issuer",
             asOf: CalendarDate(year: 2040, month: 1, day: 1)!),
        Case(file: "clr20/simple.json", status: .signedByEmbeddedKey, reason: "proves no issuer"),
        Case(file: "clr20/simple.jwt", status: .signedByEmbeddedKey, reason: "embedded in the token header"),
    ]

    static func verifier(_ folder: URL) -> CredentialVerifier {
        CredentialVerifier(statusLists: LocalDocuments(folders: [folder.appendingPathComponent("status-lists")]),
                           resolveFolders: [folder.appendingPathComponent("ob20/assets")])
    }

    @Test("each sample gets its expected outcome", .enabled(if: isPresent, "../shared/conformance/openbadges is absent"),
          arguments: cases)
    func outcome(_ sample: Case) throws {
        let folder = try #require(Self.folder)
        let result = Self.verifier(folder).verify(fileAt: folder.appendingPathComponent(sample.file), asOf: sample.asOf)
        #expect(result.verification.status == sample.status, "\(result.verification.reason)")
        #expect(result.verification.reason.contains(sample.reason), "\(result.verification.reason)")
    }

    @Test("without the status lists, the revoked OB 3.0 credential is not called revoked, and the reason says the list was not checked",
          .enabled(if: isPresent, "../shared/conformance/openbadges is absent"))
    func revocationUnknownOffline() throws {
        let folder = try #require(Self.folder)
        let result = CredentialVerifier().verify(fileAt: folder.appendingPathComponent("ob30/credential-status-revoked.json"),
                                                 asOf: Self.asOf).verification
        #expect(result.status == .signedByEmbeddedKey)
        #expect(result.reason.contains("revocation not checked"))
    }

    @Test("an OB 2.0 assertion whose BadgeClass is not available locally says which reference is missing",
          .enabled(if: isPresent, "../shared/conformance/openbadges is absent"))
    func unresolvedReference() throws {
        let folder = try #require(Self.folder)
        let (file, result) = CredentialVerifier().verify(fileAt: folder.appendingPathComponent("ob20/basic-assertion.json"),
                                                         asOf: Self.asOf)
        #expect(file?.credential.achievement == nil)
        #expect(result.status == .unverified)
        #expect(result.reason.contains("the BadgeClass https://example.org/robotics-badge.json is not available locally"))
    }

    @Test("the OB 2.0 sample maps to a badge class and an earned badge",
          .enabled(if: isPresent, "../shared/conformance/openbadges is absent"))
    func openBadges2Mapping() throws {
        let folder = try #require(Self.folder)
        let file = try #require(Self.verifier(folder).verify(fileAt: folder.appendingPathComponent("ob20/basic-assertion.json"),
                                                             asOf: Self.asOf).file)
        let badgeClass = try #require(file.credential.badgeClass())
        #expect(badgeClass.id == "https://example.org/robotics-badge.json")
        #expect(badgeClass.name == "Awesome Robotics Badge")
        #expect(badgeClass.issuer == Issuer(id: "https://example.org/organization.json", name: "An Example Badge Issuer"))
        let earned = file.credential.earnedBadge(classID: badgeClass.id, revoked: false, source: nil)
        #expect(earned.issued == CalendarDate(year: 2016, month: 12, day: 31))
        #expect(earned.expires == nil)
        #expect(earned.evidence == ["https://example.org/beths-robot-work.html"])
    }

    @Test("a CLR's nested credentials and associations are read",
          .enabled(if: isPresent, "../shared/conformance/openbadges is absent"))
    func clrContents() throws {
        let folder = try #require(Self.folder)
        let (file, result) = CredentialVerifier().verify(fileAt: folder.appendingPathComponent("clr20/simple.json"), asOf: Self.asOf)
        let credential = try #require(file?.credential)
        #expect(credential.format == .clr2Credential)
        #expect(credential.nested.count == 1)
        #expect(credential.nested.first?.credential?.achievement?.name == "Teamwork")
        #expect(credential.associations == [OpenBadgesAssociation(
            type: "isParentOf", source: "urn:uuid:a7467ef6-56cb-11ec-bf63-0242ac130002",
            target: "urn:uuid:dd887f0a-56cb-11ec-bf63-0242ac130002")])
        #expect(result.nested.map(\.status) == [.signedByEmbeddedKey])
    }
}
