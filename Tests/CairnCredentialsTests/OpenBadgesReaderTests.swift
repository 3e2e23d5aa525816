import CairnCore
@testable import CairnCredentials
@testable import CairnRDF
@testable import CairnSyntax
import CairnTestSupport
import Foundation
import Testing

@Suite("Open Badges readers")
struct OpenBadgesReaderTests {
    static func read(_ text: String) throws(FormatErrors) -> OpenBadgesCredential {
        try OpenBadgesFile.read(Array(text.utf8), file: "c.json", documents: LocalDocuments()).credential
    }

    static let ob3 = """
        {
          "@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
          "id": "urn:uuid:1", "type": ["VerifiableCredential", "OpenBadgeCredential"],
          "issuer": {"id": "https://example.edu", "type": ["Profile"], "name": "Example University"},
          "validFrom": "2025-03-01T22:30:00-05:00", "validUntil": "2027-03-01T00:00:00Z",
          "credentialSubject": {
            "type": ["AchievementSubject"], "id": "did:example:alice",
            "creditsEarned": 2.5, "term": "Spring 2025",
            "result": [{"type": ["Result"], "value": "exceeds"}],
            "achievement": {
              "id": "https://example.edu/achievements/sql", "type": ["Achievement"], "name": "SQL Querying",
              "achievementType": "Competency", "creditsAvailable": 2.5, "tag": ["data", "elective"],
              "criteria": {"narrative": "Write five queries."},
              "alignment": [
                {"type": ["Alignment"], "targetName": "use databases", "targetType": "ceasn:Competency",
                 "targetUrl": "http://data.europa.eu/esco/skill/f4a9cba4-7f33-4e74-a4b3-7b4b9bd5eb2a"},
                {"type": ["Alignment"], "targetName": "Data modelling", "targetFramework": "SFIA 9",
                 "targetCode": "DTAN4", "targetUrl": "https://sfia-online.org/en/sfia-9/skills/DTAN"},
                {"type": ["Alignment"], "targetName": "Our rubric", "targetUrl": "https://rubrics.example.org/r/7"}
              ],
              "resultDescription": [{"id": "urn:rd", "type": ["ResultDescription"], "name": "Grade",
                                     "resultType": "RubricCriterionLevel", "allowedValue": ["meets", "exceeds"]}]
            }
          },
          "evidence": [{"id": "https://portfolio.example.org/alice/sql", "type": ["Evidence"], "name": "Queries"}]
        }
        """

    @Test("an OB 3.0 credential maps to a badge class and an earned badge with exact credits and UTC dates")
    func openBadges3() throws {
        let credential = try Self.read(Self.ob3)
        #expect(credential.format == .openBadges3Credential)
        // 22:30 at UTC−5 is 03:30 UTC the next day.
        #expect(credential.issued.date == CalendarDate(year: 2025, month: 3, day: 2))
        #expect(credential.expires?.date == CalendarDate(year: 2027, month: 3, day: 1))
        #expect(credential.creditsEarned == Rational(5, 2))
        #expect(credential.term == "Spring 2025")
        let badgeClass = try #require(credential.badgeClass(creditUnit: .ects))
        #expect(badgeClass.id == "https://example.edu/achievements/sql")
        #expect(badgeClass.type == "competency")
        #expect(badgeClass.tags == ["data", "elective"])
        #expect(badgeClass.credits == Credits(Rational(5, 2), .ects))
        #expect(badgeClass.resultScale == ["meets", "exceeds"])
        #expect(badgeClass.alignments == [
            SkillReference(framework: "esco", code: "http://data.europa.eu/esco/skill/f4a9cba4-7f33-4e74-a4b3-7b4b9bd5eb2a"),
            SkillReference(framework: "sfia", code: "DTAN", level: 4),
            SkillReference(framework: "rubrics.example.org", code: "https://rubrics.example.org/r/7"),
        ])
        #expect(credential.badgeClass()?.credits?.unit == .unspecified)
        let earned = credential.earnedBadge(classID: badgeClass.id, revoked: false, source: nil)
        #expect(earned.result == .label("exceeds"))
        #expect(earned.evidence == ["https://portfolio.example.org/alice/sql"])
        #expect(earned.expires == CalendarDate(year: 2027, month: 3, day: 1))
    }

    @Test("VC 1.1 dates are read as well as VC 2.0 ones")
    func verifiableCredentials11() throws {
        let text = Self.ob3.replacingOccurrences(of: "\"validFrom\"", with: "\"issuanceDate\"")
            .replacingOccurrences(of: "\"validUntil\"", with: "\"expirationDate\"")
            .replacingOccurrences(of: "https://www.w3.org/ns/credentials/v2", with: "https://www.w3.org/2018/credentials/v1")
        let credential = try Self.read(text)
        #expect(credential.issued.date == CalendarDate(year: 2025, month: 3, day: 2))
        #expect(credential.expires?.date == CalendarDate(year: 2027, month: 3, day: 1))
    }

    @Test("timestamps count on their UTC day", arguments: [
        ("2022-11-15T23:59:59Z", "2022-11-15"),
        ("2022-11-15T00:00:00Z", "2022-11-15"),
        ("2022-11-15T23:00:00-02:00", "2022-11-16"),
        ("2022-11-15T01:00:00+02:00", "2022-11-14"),
        ("2024-02-29T12:00:00.123456Z", "2024-02-29"),
        ("2024-02-29", "2024-02-29"),
    ])
    func timestamps(text: String, day: String) {
        #expect(OpenBadgesTimestamp(iso8601: text)?.date == CalendarDate(iso8601: day))
    }

    @Test("malformed timestamps are refused", arguments: [
        "2022-11-15T10:00:00", "2022-02-30T00:00:00Z", "2022-11-15T25:00:00Z", "15/11/2022", "2022-11-15T10:00Z", "",
    ])
    func badTimestamps(text: String) {
        #expect(OpenBadgesTimestamp(iso8601: text) == nil)
    }

    @Test("JWT NumericDates become UTC days")
    func numericDates() {
        #expect(OpenBadgesTimestamp(epochSeconds: 1_262_304_000)?.date == CalendarDate(year: 2010, month: 1, day: 1))
        #expect(OpenBadgesTimestamp(epochSeconds: -1)?.date == CalendarDate(year: 1969, month: 12, day: 31))
        #expect(OpenBadgesTimestamp(epochSeconds: Int64.max) == nil)
    }

    @Test("creditsAvailable in JSON's exponent form is read exactly", arguments: [
        ("1e6", Rational(1_000_000)), ("2.5E-1", Rational(1, 4)), ("25e-1", Rational(5, 2)), ("1E+2", Rational(100)),
    ])
    func exponentCredits(text: String, value: Rational) throws {
        let credential = try Self.read(Self.ob3.replacingOccurrences(of: #""creditsAvailable": 2.5"#,
                                                                     with: #""creditsAvailable": \#(text)"#))
        #expect(credential.achievement?.creditsAvailable == value)
    }

    @Test("a credits value out of range is refused without echoing all of it", arguments: [
        "1e99", String(repeating: "9", count: 1_000_000) + ".5",
    ])
    func hugeCredits(text: String) {
        do {
            _ = try Self.read(Self.ob3.replacingOccurrences(of: #""creditsAvailable": 2.5"#,
                                                            with: #""creditsAvailable": \#(text)"#))
            if text.count > 100 { return }  // a long exact number may be read; only its echo matters
            Issue.record("expected an error for \(text)")
        } catch {
            let message = error.errors.first?.description ?? ""
            #expect(message.contains("creditsAvailable"), "\(message.prefix(300))")
            #expect(message.count < 300, "the message echoes \(message.count) characters")
        }
    }

    @Test("a JWT date is shown as a UTC date-time, never as a count of seconds")
    func numericDatesAreShownAsDates() {
        #expect(OpenBadgesTimestamp(epochSeconds: 1_767_225_599)?.description == "2025-12-31T23:59:59Z")
        #expect(OpenBadgesTimestamp(epochSeconds: -1)?.description == "1969-12-31T23:59:59Z")
        #expect(OpenBadgesTimestamp(epochSeconds: 0)?.description == "1970-01-01T00:00:00Z")
    }

    @Test("a JSON credential after a UTF-8 byte-order mark is read like one without")
    func byteOrderMark() throws {
        let plain = try Self.read(Self.ob3)
        let marked = try OpenBadgesFile.read([0xEF, 0xBB, 0xBF] + Array(Self.ob3.utf8), file: "c.json",
                                             documents: LocalDocuments())
        #expect(marked.credential == plain)
        #expect(marked.envelope == .json)
    }

    @Test("bad input gets one clear error with its place", arguments: [
        (#"{"type": ["VerifiableCredential", "OpenBadgeCredential"], "issuer": "x""#, "c.json:1:72", "found the end of the file"),
        (#"{"type": ["VerifiableCredential", "OpenBadgeCredential"], "issuer": "x", "validFrom": 2025, "credentialSubject": {}}"#,
         "c.json:1:", "validFrom"),
        (#"{"type": ["VerifiableCredential", "OpenBadgeCredential"], "issuer": 7, "validFrom": "2025-01-01T00:00:00Z", "credentialSubject": {}}"#,
         "c.json:1:", "\"issuer\" must be an id or a profile object, found a number 7"),
        (#"{"type": ["VerifiableCredential", "OpenBadgeCredential"], "issuer": "x", "validFrom": "2025-01-01T00:00:00Z", "credentialSubject": {"achievement": {"id": "a", "name": ["x"]}}}"#,
         "c.json:1:", "achievement.name"),
        (#"{"type": "Thing"}"#, "c.json:1:", "expected a credential of type OpenBadgeCredential"),
        ("[1, 2]", "c.json:1:1", "expected an Open Badges credential (a JSON object), found an array"),
        ("e30.e30.e30.e30", "c.json", "not an Open Badges file"),
        ("eyJ.garbage.xx", "c.json", "JWT"),
        ("\u{89}PNG", "c.json", "not"),
    ])
    func badInput(text: String, place: String, message: String) {
        do {
            _ = try Self.read(text)
            Issue.record("expected an error for \(text)")
        } catch {
            let first = error.errors.first?.description ?? ""
            #expect(first.hasPrefix(place), "\(first)")
            #expect(first.contains(message), "\(first)")
            #expect(!first.contains("\n"))
        }
    }

    @Test("a PNG without a baked badge is refused with a clear reason")
    func pngWithoutChunk() throws {
        // A valid 1×1 PNG with no iTXt chunk.
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A,
                            0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0, 0x3A, 0x7E, 0x9B, 0x55,
                            0, 0, 0, 0, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82]
        do {
            _ = try OpenBadgesFile.read(png, file: "b.png", documents: LocalDocuments())
            Issue.record("expected an error")
        } catch {
            #expect(error.errors.first?.description.contains("openbadges") == true, "\(error)")
        }
    }

    @Test("a file over the size limit is refused before it is parsed")
    func hugeFile() {
        let bytes = [UInt8](repeating: 0x20, count: OpenBadgesFile.maximumFileSize + 1)
        #expect(throws: FormatErrors.self) {
            _ = try OpenBadgesFile.read(bytes, file: "huge.json", documents: LocalDocuments())
        }
    }
}

@Suite("Credential status lists")
struct CredentialStatusTests {
    static func lists() throws -> LocalDocuments {
        let url = try FixtureFile.existingURL("openbadges")
        return LocalDocuments(folders: [url])
    }

    static func credential(status: String) throws -> OpenBadgesCredential {
        try OpenBadgesReaderTests.read(OpenBadgesReaderTests.ob3.replacingOccurrences(
            of: #""evidence":"#, with: #""credentialStatus": \#(status), "evidence":"#))
    }

    static func entry(_ index: Int, purpose: String = "revocation") -> String {
        #"{"id": "https://example.edu/status/1#\#(index)", "type": "BitstringStatusListEntry", "statusPurpose": "\#(purpose)", "#
            + #""statusListIndex": "\#(index)", "statusListCredential": "https://example.edu/status/1"}"#
    }

    @Test("a Bitstring Status List: bits 42 and 1000 are set (GZIP, base64url multibase), the rest are not",
          arguments: [(42, true), (1000, true), (0, false), (43, false), (999, false), (131_071, false)])
    func bitstring(index: Int, revoked: Bool) throws {
        let findings = CredentialRevocation.check(try Self.credential(status: Self.entry(index)), lists: try Self.lists())
        #expect(findings.count == 1)
        #expect(findings.first?.isRevoked == revoked, "\(findings)")
    }

    @Test("suspension counts as revoked, with the word; another purpose is not revocation")
    func purposes() throws {
        let suspended = CredentialRevocation.check(try Self.credential(status: Self.entry(42, purpose: "suspension")),
                                                   lists: try Self.lists())
        guard case .revoked(let reason)? = suspended.first else { Issue.record("\(suspended)"); return }
        #expect(reason.hasPrefix("suspended: bit 42"))
        let message = CredentialRevocation.check(try Self.credential(status: Self.entry(42, purpose: "message")),
                                                 lists: try Self.lists())
        #expect(message == [.notRevoked])
    }

    @Test("an index past the list, or a list not at hand, is unknown with the reason — never 'not revoked'")
    func unknown() throws {
        let beyond = CredentialRevocation.check(try Self.credential(status: Self.entry(200_000)), lists: try Self.lists())
        guard case .unknown(let reason)? = beyond.first else { Issue.record("\(beyond)"); return }
        #expect(reason.contains("beyond the list's 131072 entries"))
        let absent = CredentialRevocation.check(try Self.credential(status: Self.entry(42)), lists: LocalDocuments())
        guard case .unknown(let missing)? = absent.first else { Issue.record("\(absent)"); return }
        #expect(missing.contains("not available locally (give --status-lists DIR)"))
    }
}

@Suite("VC-JWT claims")
struct VerifiableCredentialJWTTests {
    static func token(_ payload: String) -> String {
        [#"{"alg":"RS256","typ":"JWT"}"#, payload].map { Base64URL.encode(Array($0.utf8)) }.joined(separator: ".")
            + "." + Base64URL.encode([1, 2, 3])
    }

    @Test("nbf, exp and jti stand in for the credential's own dates and id; exp makes it expired")
    func claims() throws {
        let vc = OpenBadgesReaderTests.ob3
            .replacingOccurrences(of: #""validFrom": "2025-03-01T22:30:00-05:00", "validUntil": "2027-03-01T00:00:00Z","#, with: "")
            .replacingOccurrences(of: #""id": "urn:uuid:1", "#, with: "")
        // nbf 2025-01-01T00:00:00Z, exp 2026-01-01T00:00:00Z
        let text = Self.token(#"{"vc": \#(vc), "nbf": 1735689600, "exp": 1767225600, "jti": "urn:uuid:jwt", "iss": "https://example.edu"}"#)
        let file = try OpenBadgesFile.read(Array(text.utf8), file: "c.jwt", documents: LocalDocuments())
        #expect(file.envelope == .jwt)
        #expect(file.credential.id == "urn:uuid:jwt")
        #expect(file.credential.issued.date == CalendarDate(year: 2025, month: 1, day: 1))
        #expect(file.credential.expires?.date == CalendarDate(year: 2026, month: 1, day: 1))
        let verifier = CredentialVerifier()
        let before = verifier.verify(file.credential, file: "c.jwt", documents: LocalDocuments(),
                                     asOf: CalendarDate(year: 2025, month: 12, day: 31)!)
        #expect(before.status == .unverified)
        #expect(before.reason.contains("RS256"))
        let after = verifier.verify(file.credential, file: "c.jwt", documents: LocalDocuments(),
                                    asOf: CalendarDate(year: 2026, month: 1, day: 1)!)
        #expect(after.status == .expired)
    }

    @Test("a claim of the wrong type is an error naming it")
    func badClaim() {
        let text = Self.token(#"{"vc": \#(OpenBadgesReaderTests.ob3), "exp": "soon"}"#)
        #expect {
            _ = try OpenBadgesFile.read(Array(text.utf8), file: "c.jwt", documents: LocalDocuments())
        } throws: { error in
            (error as? FormatErrors)?.errors.first?.message.contains(#""exp" must be a whole number of seconds since 1970"#) == true
        }
    }
}
