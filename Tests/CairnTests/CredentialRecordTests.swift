import Cairn
import CairnTestSupport
import Foundation
import Testing

/// Learner records that list Open Badges files (DESIGN §4), read through the library.
@Suite("Learner records made of Open Badges files")
struct CredentialRecordTests {
    static let workspace: Workspace? = try? Workspace(at: CairnProcess.packageRoot)
    static let learners = CairnProcess.packageRoot.appendingPathComponent("Pathways/learners")

    func loaded() throws -> Workspace {
        try #require(Self.workspace, "the bundled workspace must load")
    }

    @Test("amara-credentials (11 Open Badges files) audits exactly like its YAML twin amara, its hosted assertion accepted",
          arguments: ["data-analysis-foundations", "research-methods", "applied-data-capstone", "certificate-applied-data-practice"],
          ["2024-06-30", "2025-10-19", "2026-11-29", "2026-11-30", "2029-01-01"])
    func twin(pathway: String, date: String) throws {
        let workspace = try loaded()
        let yaml = try workspace.learnerRecord(at: Self.learners.appendingPathComponent("amara.yaml"))
        // One of the eleven is a hosted OB 2.0 assertion, which cannot be proven offline: only
        // with unverified credentials accepted does the twin hold every badge amara does.
        let badges = try workspace.learnerRecord(at: Self.learners.appendingPathComponent("amara-credentials.yaml"),
                                                 verifier: CredentialVerifier(acceptsUnverified: true))
        #expect(badges.notes.count == 1 && badges.notes[0].contains("data-analysis-foundations"), "\(badges.notes)")
        let asOf = Fixture.date(date)
        let fromYAML = try workspace.audit(pathway: pathway, for: yaml, asOf: asOf)
        let fromBadges = try workspace.audit(pathway: pathway, for: badges, asOf: asOf)
        #expect(fromBadges.isComplete == fromYAML.isComplete)
        #expect(fromBadges.progress == fromYAML.progress)
        #expect(fromBadges.root == fromYAML.root)
    }

    @Test("each credential becomes the earned badge its YAML twin lists: class, date, result and evidence")
    func earnedBadges() throws {
        let workspace = try loaded()
        let yaml = try workspace.learnerRecord(at: Self.learners.appendingPathComponent("amara.yaml"))
        let badges = try workspace.learnerRecord(at: Self.learners.appendingPathComponent("amara-credentials.yaml"))
        func key(_ badge: EarnedBadge) -> String {
            "\(badge.badgeClassID) \(badge.issued) \(badge.expires.map(String.init(describing:)) ?? "-") "
                + "\(badge.revoked) \(badge.result.map(String.init(describing:)) ?? "-") \(badge.evidence)"
        }
        #expect(badges.badges.map(key).sorted() == yaml.badges.map(key).sorted())
        #expect(badges.credentialFiles.isEmpty)
        #expect(badges.heldClasses.isEmpty)
        // The bundled copy the workspace loaded is resolved the same way.
        let bundled = try #require(workspace.learners.first { $0.learner == "amara-credentials" })
        #expect(bundled.badges.map(key).sorted() == yaml.badges.map(key).sorted())
    }

    static let catalogue = """
        issuer: { id: "https://example.edu", name: Example University }
        creditUnit: ECTS
        badges:
          - { id: sql, name: SQL, tags: [data], achievementIds: ["https://example.edu/achievements/sql"] }
        """
    static let pathway = """
        id: team-data
        title: Team data
        requires:
          all:
            - badge: sql
            - { label: Teamwork, credits: { atLeast: 2, unit: ECTS }, from: { tag: teamwork } }
        """

    static func credential(achievement: String, name: String, tags: [String], credits: String? = nil,
                           status: String? = nil) -> String {
        """
        {
          "@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
          "id": "urn:uuid:\(name)", "type": ["VerifiableCredential", "OpenBadgeCredential"],
          "issuer": {"id": "https://example.edu", "type": ["Profile"], "name": "Example University"},
          "validFrom": "2025-01-10T12:00:00Z",
          \(status.map { "\"credentialStatus\": \($0)," } ?? "")
          "credentialSubject": {"type": ["AchievementSubject"], "achievement": {
            "id": "\(achievement)", "type": ["Achievement"], "name": "\(name)",
            "tag": [\(tags.map { "\"\($0)\"" }.joined(separator: ", "))]
            \(credits.map { ", \"creditsAvailable\": \($0)" } ?? "")
          }}
        }
        """
    }

    func scratch() throws -> (TemporaryFolder, Workspace) {
        let folder = try TemporaryFolder()
        _ = try folder.write("Pathways/badges.yaml", Self.catalogue)
        _ = try folder.write("Pathways/team-data.yaml", Self.pathway)
        _ = try folder.write("learner/credentials/sql.json",
                             Self.credential(achievement: "https://example.edu/achievements/sql", name: "sql", tags: []))
        _ = try folder.write("learner/credentials/teamwork.json",
                             Self.credential(achievement: "https://example.edu/achievements/teamwork", name: "teamwork",
                                             tags: ["teamwork"], credits: "2.5"))
        return (folder, try Workspace(at: folder.url))
    }

    @Test("an achievement no catalogue defines becomes a class of its own, in the unit its issuer's catalogue declares, and counts by tag")
    func heldClass() throws {
        let (folder, workspace) = try scratch()
        defer { folder.remove() }
        let record = try workspace.learnerRecord(at: try folder.write("learner/record.yaml", """
            learner: lee
            badges:
              - { credential: credentials/sql.json }
              - { credential: credentials/teamwork.json }
            """))
        #expect(record.badges.map(\.badgeClassID) == ["sql", "https://example.edu/achievements/teamwork"])
        let held = try #require(record.heldClasses.first)
        #expect(held.credits == Credits(Rational(5, 2), .ects))
        #expect(held.tags == ["teamwork"])
        // Neither credential carries a proof: both are kept, neither counts, and the audit says why.
        let strict = try workspace.audit(pathway: "team-data", for: record, asOf: Fixture.date("2025-02-01"))
        #expect(strict.progress == Rational(0))
        let reasons = strict.root.children.flatMap(\.rejected).map(\.reason)
        #expect(reasons == [.unproven(reason: "the credential carries no proof (--accept unverified counts it anyway)"),
                            .unproven(reason: "the credential carries no proof (--accept unverified counts it anyway)")])
        // Accepted explicitly, they count, and the audit's notes name each.
        let accepted = try workspace.learnerRecord(at: folder.url.appendingPathComponent("learner/record.yaml"),
                                                   verifier: CredentialVerifier(acceptsUnverified: true))
        let audit = try workspace.audit(pathway: "team-data", for: accepted, asOf: Fixture.date("2025-02-01"))
        #expect(audit.isComplete)
        #expect(audit.notes.count == 2 && audit.notes.allSatisfy { $0.contains("--accept unverified") }, "\(audit.notes)")
        // Before the credentials were issued, neither counts.
        let early = try workspace.audit(pathway: "team-data", for: accepted, asOf: Fixture.date("2025-01-09"))
        #expect(early.progress == Rational(0))
    }

    @Test("a revoked credential is kept as a revoked badge, so the audit says why it does not count")
    func revoked() throws {
        let (folder, workspace) = try scratch()
        defer { folder.remove() }
        _ = try folder.write("learner/credentials/revoked.json", Self.credential(
            achievement: "https://example.edu/achievements/sql", name: "revoked", tags: [],
            status: #"{"id": "https://example.edu/revocations", "type": "1EdTechRevocationList"}"#))
        _ = try folder.write("lists/INDEX.tsv", "https://example.edu/revocations\trevocations.json\n")
        _ = try folder.write("lists/revocations.json", #"{"revokedCredential": [{"id": "urn:uuid:revoked", "revoked": true}]}"#)
        let verifier = CredentialVerifier(statusLists: LocalDocuments(folders: [folder.url.appendingPathComponent("lists")]))
        let record = try workspace.learnerRecord(at: try folder.write("learner/record.yaml", """
            learner: lee
            badges:
              - { credential: credentials/revoked.json }
            """), verifier: verifier)
        #expect(record.badges.map(\.revoked) == [true])
        let audit = try workspace.audit(pathway: "team-data", for: record, asOf: Fixture.date("2025-02-01"))
        #expect(!audit.isComplete)
        #expect(audit.root.children.first?.rejected.first?.reason.description.contains("revoked") == true)
    }

    @Test("a tampered credential, a missing file or an endorsement in a record is an error naming the entry")
    func refused() throws {
        let (folder, workspace) = try scratch()
        defer { folder.remove() }
        let signed = try String(contentsOf: Self.learners.appendingPathComponent("credentials/amara/sql-querying.json"), encoding: .utf8)
        _ = try folder.write("learner/credentials/tampered.json",
                             signed.replacingOccurrences(of: "\"SQL Querying\"", with: "\"SQL Mastery\""))
        let record = try folder.write("learner/record.yaml", """
            learner: lee
            badges:
              - { badge: sql, issued: 2025-01-01 }
              - { credential: credentials/tampered.json }
            """)
        #expect {
            _ = try workspace.learnerRecord(at: record)
        } throws: { error in
            guard case .invalidInput(let issues)? = error as? WorkspaceError else { return false }
            return issues.count == 1 && issues[0].description.contains("record.yaml:4:")
                && issues[0].description.contains("is tampered")
        }
        let missing = try folder.write("learner/missing.yaml", "learner: lee\nbadges:\n  - { credential: nowhere.json }\n")
        #expect {
            _ = try workspace.learnerRecord(at: missing)
        } throws: { error in
            guard case .fileNotFound(let path)? = error as? WorkspaceError else { return false }
            return path.hasSuffix("learner/nowhere.json")
        }
    }
}
