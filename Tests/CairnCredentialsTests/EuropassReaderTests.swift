import CairnCore
@testable import CairnCredentials
@testable import CairnSyntax
import CairnTestSupport
import Crypto
import Foundation
import SwiftASN1
import Testing
import X509

/// Europass Digital Credentials (ELM 3): the reader on the Commission's samples and on
/// malformed input, and the JAdES seal.
@Suite("Europass (ELM 3) credentials")
struct EuropassReaderTests {
    static let folder = CairnProcess.sharedConformance?.appendingPathComponent("elm-v3")
    static let isPresent = folder.map { FileManager.default.fileExists(atPath: $0.path) } ?? false

    static func read(_ text: String, file: String = "c.jsonld") throws(FormatErrors) -> OpenBadgesCredential {
        try OpenBadgesFile.read(Array(text.utf8), file: file, documents: LocalDocuments()).credential
    }

    static func sample(_ name: String) throws -> OpenBadgesFile {
        let url = try #require(folder).appendingPathComponent(name)
        return try OpenBadgesFile.read(at: url, documents: LocalDocuments())
    }

    /// A small credential in the samples' shape; `claim` replaces the hasClaim value.
    static func credential(claim: String = achievement(), issued: String = "2026-07-01T09:00:00Z") -> String {
        """
        {"id": "urn:credential:1", "type": ["VerifiableCredential", "EuropeanDigitalCredential"],
         "issuer": {"id": "https://cpd.example.edu", "type": "Organisation", "legalName": {"en": "CPD Centre"}},
         "validFrom": "\(issued)",
         "credentialSubject": {"id": "urn:epass:person:1", "type": "Person", "fullName": {"en": "Lena Novak"},
          "hasClaim": \(claim)}}
        """
    }

    static func achievement(id: String = "urn:a:1", credit: String = ectsCredit, parts: String = "") -> String {
        """
        {"id": "\(id)", "type": "LearningAchievement", "title": {"en": "Data Governance", "de": "Datenverwaltung"},
         "specifiedBy": {"id": "https://cpd.example.edu/spec/\(id)", "type": "LearningAchievementSpecification",
          "creditPoint": \(credit)}\(parts)}
        """
    }

    static let ectsCredit = """
        {"type": "CreditPoint", "framework": {"id": "http://data.europa.eu/snb/education-credit/6fcec5c5af"}, "point": "5"}
        """

    // MARK: - The Commission's samples

    @Test("the Annex I micro-credential: title, ECTS, ESCO skills, EQF level, workload, dates and issuer",
          .enabled(if: isPresent, "../shared/conformance/elm-v3 is absent"))
    func annexSample() throws {
        let file = try Self.sample("Sample-MC-Annex1-unsigned.jsonld")
        let credential = file.credential
        #expect(credential.format == .europeanDigitalCredential)
        #expect(file.envelope == .json)
        #expect(credential.id == "urn:credential:3ef0ac26-9a1f-41c6-871b-2b82e670907b")
        #expect(credential.issuer.id == "urn:epass:org:1" && credential.issuer.name == "University of Zed")
        #expect(credential.issued.text == "2022-12-31T23:00:00Z")
        #expect(credential.recipient == "ana.andromeda@email.com")
        #expect(credential.nested.count == 1)
        let badge = try #require(credential.nested.first?.credential)
        let achievement = try #require(badge.achievement)
        #expect(achievement.id == "urn:epass:qualification:1")
        #expect(achievement.name == "Digital micro-credential creation")
        #expect(achievement.creditsAvailable == Rational(2) && achievement.creditUnit == .ects)
        #expect(achievement.alignments.compactMap(\.targetURL) == [
            "http://data.europa.eu/esco/skill/ccdf3597-5c80-410f-896d-e1bdfa223de9",
            "http://data.europa.eu/esco/skill/80f308e6-0e09-404a-80cd-ec5f50f6f304",
            "http://data.europa.eu/esco/skill/326809fc-238d-40c2-881e-40042f7f2f0d",
            "http://data.europa.eu/esco/skill/5fd5c985-eaaa-47aa-8314-62359c54505a",
        ])
        #expect(achievement.alignments.first?.skillReference?.framework == "esco")
        #expect(achievement.alignments.last?.targetName == "develop digital content")
        #expect(badge.results.first?.value == "Pass")
        let specification = try #require(credential.europass?.achievements.first?.specification)
        #expect(specification.type == "Qualification" && specification.eqfLevel == 6)
        #expect(specification.volumeOfLearning == "PT60H")
        #expect(specification.learningOutcomes.compactMap(\.title) == ["Communication, collaboration and creativity",
                                                                       "Developing digital content"])
        let classified = try #require(badge.badgeClass())
        #expect(classified.credits == Credits(Rational(2), .ects))
        #expect(classified.alignments.count == 4)
    }

    @Test("the Annex I sample holds every mandatory element but the type of quality assurance", .enabled(if: isPresent, "../shared/conformance/elm-v3 is absent"))
    func annexElements() throws {
        let elements = try #require(try Self.sample("Sample-MC-Annex1-unsigned.jsonld").credential.europass?.microCredentialElements)
        #expect(elements.count == 1)
        #expect(elements[0].missing == ["Type of quality assurance"])
        let values = Dictionary(uniqueKeysWithValues: elements[0].elements.map { ($0.name, $0.value ?? "") })
        #expect(values["Identification of the learner"] == "Ana Andromeda")
        #expect(values["Country/region of the issuer"] == "Ireland")
        #expect(values["Awarding body"] == "University of Zed")
        #expect(values["Notional workload (ECTS)"] == "2 ECTS")
        #expect(values["Level (EQF)"] == "EQF level 6")
        #expect(values["Type of assessment"] == "artefact assessment")
        #expect(values["Form of participation"] == "Blended")
    }

    @Test("the certificate of participation claims a learning activity, no achievement", .enabled(if: isPresent, "../shared/conformance/elm-v3 is absent"))
    func certificateOfParticipation() throws {
        let credential = try Self.sample("Sample-CertOfPart-unsigned.jsonld").credential
        #expect(credential.nested.isEmpty)
        #expect(credential.europass?.otherClaims == ["LearningActivity"])
    }

    @Test("the signed sample: JAdES, b64 false, RS256 with its x5c certificate; verified only when its key is trusted",
          .enabled(if: isPresent, "../shared/conformance/elm-v3 is absent"))
    func signedSample() throws {
        let file = try Self.sample("Sample-MC-Annex1-signed.jsonld")
        #expect(file.envelope == .jwsJSON)
        #expect(file.credential.nested.first?.credential?.achievement?.creditsAvailable == Rational(2))
        guard case .jwsJSON(let jws) = file.credential.verification else {
            Issue.record("expected a JWS JSON serialization")
            return
        }
        #expect(jws.signatures.first?.unencodedPayload == true)
        let leaf = try Self.leafCertificate(jws)
        // Untrusted: the signature matches the certificate it carries, which proves no issuer.
        let untrusted = CredentialVerifier().verify(file.credential, file: file.file, documents: LocalDocuments(), asOf: nil)
        #expect(untrusted.status == .signedByEmbeddedKey, "\(untrusted.reason)")
        // Trusted: the workspace binds the seal's key to the issuer.
        let verifier = Self.trusting(leaf, for: file.credential.issuer.id)
        let trusted = verifier.verify(file.credential, file: file.file, documents: LocalDocuments(), asOf: nil)
        #expect(trusted.status == .verified, "\(trusted.reason)")
        #expect(trusted.reason.contains("RS256 JAdES proof verified"))
        #expect(trusted.nested.map(\.status) == [.verified])
        // Any change to the payload breaks the seal.
        let text = try String(contentsOf: try #require(Self.folder).appendingPathComponent("Sample-MC-Annex1-signed.jsonld"),
                              encoding: .utf8)
        let tampered = text.replacingOccurrences(of: "Digital micro-credential creation", with: "Digital micro-credential creatiom")
        #expect(tampered != text)
        let changed = try Self.read(tampered, file: "tampered.jsonld")
        let outcome = verifier.verify(changed, file: "tampered.jsonld", documents: LocalDocuments(), asOf: nil)
        #expect(outcome.status == .tampered, "\(outcome.reason)")
        #expect(outcome.nested.map(\.status) == [.tampered])
    }

    static func leafCertificate(_ jws: JSONSerializedJWS) throws -> SigningCertificate {
        let x5c = try #require(jws.signatures.first?.header["x5c"]?.elements?.first?.string)
        return try SigningCertificate(der: Base64URL.decodeStandard(x5c), file: "x5c")
    }

    static func trusting(_ certificate: SigningCertificate, for issuer: String) -> CredentialVerifier {
        CredentialVerifier(keys: KeyRing(entries: [KeyRing.Entry(key: certificate.key, ids: [issuer], file: "seal.pem", form: "PEM")]))
    }

    // MARK: - Reading

    @Test("a language map gives English, else its first language; a list of claims and hasPart give one badge each")
    func stackedAchievements() throws {
        let part = Self.achievement(id: "urn:a:2")
        let whole = Self.achievement(id: "urn:a:1", parts: #", "hasPart": [\#(part), "urn:a:3"]"#)
        let other = Self.achievement(id: "urn:a:4").replacingOccurrences(of: #""en": "Data Governance", "#, with: "")
        let credential = try Self.read(Self.credential(claim: "[\(whole), \(other)]"))
        let europass = try #require(credential.europass)
        #expect(europass.achievements.map(\.id) == ["urn:a:1", "urn:a:2", "urn:a:4"])
        #expect(europass.achievements.map(\.parts) == [["urn:a:2", "urn:a:3"], [], []])
        #expect(europass.claimIDs == ["urn:a:1", "urn:a:4"])
        #expect(credential.nested.compactMap(\.credential?.achievement?.name) == ["Data Governance", "Data Governance", "Datenverwaltung"])
        #expect(credential.associations == [OpenBadgesAssociation(type: "isPartOf", source: "urn:a:2", target: "urn:a:1")])
    }

    @Test("credit points outside ECTS are kept as a note with their place, and give no credits")
    func otherFramework() throws {
        let cats = #"{"type": "CreditPoint", "framework": {"id": "http://example.org/cats"}, "point": "10"}"#
        let credential = try Self.read(Self.credential(claim: Self.achievement(credit: cats)))
        #expect(credential.nested.first?.credential?.achievement?.creditsAvailable == nil)
        #expect(credential.notes.count == 1)
        #expect(credential.notes.first?.hasPrefix("c.jsonld:7:") == true, "\(credential.notes)")
        #expect(credential.notes.first?.contains("are not ECTS") == true)
    }

    struct Malformed: Sendable, CustomTestStringConvertible {
        var name: String
        var text: String
        var message: String
        var line: Int?
        var testDescription: String { name }
    }

    static let malformed: [Malformed] = [
        Malformed(name: "not JSON", text: #"{"type": ["EuropeanDigitalCredential"], "#, message: "expected a member name", line: 1),
        Malformed(name: "no hasClaim",
                  text: credential().replacingOccurrences(of: #""hasClaim""#, with: #""claims""#),
                  message: "the credentialSubject has no \"hasClaim\"", line: 4),
        Malformed(name: "a creditPoint without point",
                  text: credential(claim: achievement(credit: #"{"type": "CreditPoint", "framework": "http://data.europa.eu/snb/education-credit/6fcec5c5af"}"#)),
                  message: "the creditPoint has no \"point\"", line: 7),
        Malformed(name: "a point that is no number",
                  text: credential(claim: achievement(credit: #"{"framework": "x", "point": "five"}"#)),
                  message: "\"point\" must be a non-negative number", line: 7),
        Malformed(name: "a bad date", text: credential(issued: "1 July 2026"),
                  message: "\"validFrom\" must be an ISO 8601 date-time", line: 3),
        Malformed(name: "a cycle in hasPart",
                  text: credential(claim: achievement(id: "urn:a:1", parts: #", "hasPart": "#
                                                      + achievement(id: "urn:a:2", parts: #", "hasPart": {"id": "urn:a:1", "type": "LearningAchievement"}"#))),
                  message: "\"hasPart\" makes a cycle: urn:a:1 → urn:a:2 → urn:a:1", line: 9),
        Malformed(name: "an EQF level out of range",
                  text: credential(claim: achievement().replacingOccurrences(of: #""creditPoint""#,
                                                                           with: #""eqfLevel": "http://data.europa.eu/snb/eqf/9", "creditPoint""#)),
                  message: "the EQF level must be a concept", line: 7),
        Malformed(name: "a JWS whose payload is not a Europass credential",
                  text: #"{"payload": "{}", "signatures": [{"protected": "eyJhbGciOiJSUzI1NiIsImI2NCI6ZmFsc2UsImNyaXQiOlsiYjY0Il19", "signature": "AA"}]}"#,
                  message: "the JWS payload is not a EuropeanDigitalCredential", line: 1),
    ]

    @Test("malformed input is refused with its place", arguments: malformed)
    func refusesMalformed(_ sample: Malformed) {
        let errors = formatErrors { _ = try Self.read(sample.text) }
        let first = errors.first
        #expect(first?.message.contains(sample.message) == true, "\(errors)")
        #expect(first?.location.file.hasPrefix("c.jsonld") == true)
        if let line = sample.line { #expect(first?.location.line == line, "\(errors)") }
    }

    @Test("hasPart deeper than the limit is refused, not followed")
    func depthLimit() {
        var claim = #"{"id": "urn:a:deep", "type": "LearningAchievement"}"#
        for level in 0..<(EuropeanDigitalCredential.maximumPartDepth + 2) {
            claim = #"{"id": "urn:a:\#(level)", "type": "LearningAchievement", "hasPart": \#(claim)}"#
        }
        let errors = formatErrors { _ = try Self.read(Self.credential(claim: claim)) }
        #expect(errors.first?.message.contains("nested more than 32 levels deep") == true, "\(errors)")
        #expect(errors.first?.location.line == 5)
    }

    // MARK: - JAdES

    /// A P-256 key with a self-signed certificate, to seal test credentials.
    struct Seal {
        let key = P256.Signing.PrivateKey()
        let der: [UInt8]

        init() throws {
            let name = try DistinguishedName { CommonName("Cairn test seal") }
            let start = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01
            let certificate = try Certificate(
                version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: Certificate.PublicKey(key.publicKey),
                notValidBefore: start, notValidAfter: start.addingTimeInterval(5 * 365 * 86_400), issuer: name, subject: name,
                signatureAlgorithm: .ecdsaWithSHA256, extensions: Certificate.Extensions(), issuerPrivateKey: Certificate.PrivateKey(key))
            var serializer = DER.Serializer()
            try serializer.serialize(certificate)
            der = serializer.serializedBytes
        }

        /// `payload` sealed: header members beyond alg, x5c and b64 from `extra`.
        func seal(_ payload: String, alg: String = "ES256", extra: String = #", "crit": ["b64"]"#) throws -> String {
            let header = #"{"alg": "\#(alg)", "x5c": ["\#(Base64URL.encodeStandard(der))"], "b64": false\#(extra)}"#
            let protected = Base64URL.encode(Array(header.utf8))
            let signature = try key.signature(for: Data(Array(protected.utf8) + [UInt8(ascii: ".")] + Array(payload.utf8)))
            let envelope: [String: Any] = ["payload": payload,
                                           "signatures": [["protected": protected, "signature": Base64URL.encode(signature.rawRepresentation)]]]
            return String(decoding: try JSONSerialization.data(withJSONObject: envelope), as: UTF8.self)
        }

        var certificate: SigningCertificate { get throws { try SigningCertificate(der: der, file: "seal") } }
    }

    struct SealCase: Sendable, CustomTestStringConvertible {
        var name: String
        var alg = "ES256"
        var extra = #", "crit": ["b64"]"#
        var trusted = true
        var issuer = "https://cpd.example.edu"
        var tamper = false
        var status: CredentialVerification.Status
        var reason: String
        var testDescription: String { name }
    }

    static let sealCases: [SealCase] = [
        SealCase(name: "valid, with a trusted key", status: .verified, reason: "ES256 JAdES proof verified with key https://cpd.example.edu"),
        SealCase(name: "valid with sigT in the certificate's validity", extra: #", "sigT": "2026-07-01T09:00:00Z", "crit": ["b64", "sigT"]"#,
                 status: .verified, reason: "ES256 JAdES proof verified"),
        SealCase(name: "tampered payload", tamper: true, status: .tampered, reason: "signature does not match"),
        SealCase(name: "an untrusted key", trusted: false, status: .signedByEmbeddedKey, reason: "whose key the workspace does not trust"),
        SealCase(name: "a trusted key bound to another issuer", issuer: "https://other.example.org", status: .unverified,
                 reason: "is not trusted for the issuer"),
        SealCase(name: "an unsupported algorithm", alg: "ES512", status: .unverified, reason: "the algorithm ES512 is not supported"),
        SealCase(name: "crit naming an unknown extension", extra: #", "zzz": 1, "crit": ["b64", "zzz"]"#, status: .unverified,
                 reason: "marks extensions critical (zzz), which Cairn does not implement"),
        SealCase(name: "b64 false not listed in crit", extra: "", status: .unverified, reason: "without listing b64 in crit"),
        SealCase(name: "sigT outside the certificate's validity", extra: #", "sigT": "2020-01-01T00:00:00Z", "crit": ["b64", "sigT"]"#,
                 status: .tampered, reason: "outside the certificate's validity"),
    ]

    @Test("JAdES seals: each case gets its outcome and reason", arguments: sealCases)
    func seal(_ sample: SealCase) throws {
        let seal = try Seal()
        let payload = Self.credential().replacingOccurrences(of: "\n", with: "")
        var sealed = try seal.seal(payload, alg: sample.alg, extra: sample.extra)
        if sample.tamper { sealed = sealed.replacingOccurrences(of: "Lena Novak", with: "Lena Novac") }
        let credential = try Self.read(sealed)
        let verifier = sample.trusted ? Self.trusting(try seal.certificate, for: sample.issuer) : CredentialVerifier()
        let outcome = verifier.verify(credential, file: "c.jsonld", documents: LocalDocuments(), asOf: nil)
        #expect(outcome.status == sample.status, "\(outcome.reason)")
        #expect(outcome.reason.contains(sample.reason), "\(outcome.reason)")
        #expect(outcome.nested.map(\.status) == [sample.status])
    }

    @Test("a sealed credential's credentialStatus is checked: a list that cannot be read leaves it unchecked, a local list that names it revokes it")
    func credentialStatus() throws {
        let seal = try Seal()
        let status = #", "credentialStatus": {"id": "https://cpd.example.edu/revocations", "type": "1EdTechRevocationList"}"#
        let payload = Self.credential().replacingOccurrences(of: "\n", with: "").replacingOccurrences(
            of: #""validFrom""#, with: String(status.dropFirst(2)) + #", "validFrom""#)
        let credential = try Self.read(try seal.seal(payload))
        #expect(credential.statusEntries.map(\.type) == ["1EdTechRevocationList"])
        let verifier = Self.trusting(try seal.certificate, for: "https://cpd.example.edu")
        let unchecked = verifier.verify(credential, file: "c.jsonld", documents: LocalDocuments(), asOf: nil)
        #expect(unchecked.status == .verified)
        #expect(unchecked.revocationUnchecked?.contains("not available locally") == true, "\(unchecked.revocationUnchecked ?? "nil")")

        var lists = LocalDocuments()
        let list = try JSONParser.parse(#"{"id": "https://cpd.example.edu/revocations", "type": "1EdTechRevocationList", "#
                                        + #""revokedCredential": [{"id": "urn:credential:1", "revocationReason": "issued in error"}]}"#,
                                        file: "revocations.json")
        lists.add(list, file: "revocations.json")
        var listed = verifier
        listed.statusLists = lists
        let revoked = listed.verify(credential, file: "c.jsonld", documents: LocalDocuments(), asOf: nil)
        #expect(revoked.status == .revoked, "\(revoked.reason)")
        #expect(revoked.reason.contains("issued in error"))
    }

    @Test("an unsigned credential is unverified: kept, not counted")
    func unsigned() throws {
        let credential = try Self.read(Self.credential())
        let outcome = CredentialVerifier().verify(credential, file: "c.jsonld", documents: LocalDocuments(), asOf: nil)
        #expect(outcome.status == .unverified)
        #expect(outcome.reason == "the credential carries no proof")
    }
}
