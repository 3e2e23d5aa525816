import Cairn
import CairnTestSupport
import Foundation
import Testing

@Suite("Workspace: the bundled data, audited through the library")
struct WorkspaceTests {
    static let workspace: Workspace? = try? Workspace(at: CairnProcess.packageRoot)
    let asOf = Fixture.date(BundledOutcome.asOf)

    func loaded() throws -> Workspace {
        try #require(Self.workspace, "the bundled workspace must load")
    }

    @Test("The bundled workspace loads clean")
    func loadsClean() throws {
        let workspace = try loaded()
        #expect(workspace.issues.isEmpty, "\(workspace.issues)")
        #expect(workspace.learners.count >= 5)
        #expect(workspace.catalog.pathways.count >= 6)
        #expect(workspace.catalog.frameworks["esco"]?.skills.isEmpty == false)
        // Every ESCO alignment in the catalogues names a skill of the bundled sample.
        for badge in workspace.catalog.badgeClasses.values {
            for alignment in badge.alignments where alignment.framework == "esco" {
                #expect(workspace.catalog.skill(alignment) != nil, "\(badge.id) aligns to \(alignment.code)")
            }
        }
    }

    @Test("Each bundled learner gets the outcome worked out by hand", arguments: BundledOutcome.all)
    func bundledOutcome(_ expected: BundledOutcome) throws {
        let workspace = try loaded()
        let record = try #require(workspace.learners.first { $0.learner == expected.learner })
        let audit = try workspace.audit(pathway: expected.pathway, for: record, asOf: asOf)
        #expect(audit.isComplete == expected.complete, "\(expected.why)")
        #expect(audit.progress.description == expected.progress, "\(expected.why)")
        #expect(audit.isExact)
    }

    @Test("Pairs not in the table have no progress")
    func everythingElseIsZero() throws {
        let workspace = try loaded()
        let listed = Set(BundledOutcome.all.map { "\($0.learner)/\($0.pathway)" })
        for record in workspace.learners {
            for pathway in workspace.catalog.sortedPathways where !listed.contains("\(record.learner)/\(pathway.id)") {
                let audit = try workspace.audit(pathway: pathway.id, for: record, asOf: asOf)
                #expect(audit.progress == .zero, "\(record.learner) × \(pathway.id)")
            }
        }
    }

    @Test("Explanations name the reasons a registrar needs")
    func explanations() throws {
        let workspace = try loaded()
        func leaf(_ learner: String, _ pathway: String, _ id: String) throws -> AuditNode {
            let record = try #require(workspace.learners.first { $0.learner == learner })
            let audit = try workspace.audit(pathway: pathway, for: record, asOf: asOf)
            var found: AuditNode?
            audit.root.forEachNode { if $0.id == id { found = $0 } }
            return try #require(found)
        }
        let chenSQL = try leaf("chen", "data-analysis-foundations", "sql")
        #expect(chenSQL.rejected.map(\.reason) == [.lapsed(expires: Fixture.date("2026-02-28"))])
        let danaPlanning = try leaf("dana", "sprint-planning-practitioner", "planning")
        #expect(danaPlanning.rejected.map(\.reason.code) == ["revoked"])
        let kaiCommunication = try leaf("kai", "applied-data-capstone", "communication")
        #expect(kaiCommunication.rejected.map(\.reason.code) == ["too-old"])
        let jonasProject = try leaf("jonas", "applied-data-capstone", "project")
        #expect(jonasProject.rejected.map(\.reason.code) == ["earned-too-early"])
        let bruno = try leaf("bruno", "data-analysis-foundations", "memo")
        #expect(bruno.rejected.map(\.reason.code) == ["result-too-low"])
    }

    @Test("Batch audits over all cores give the same answers as one at a time")
    func batchMatchesSequential() async throws {
        let workspace = try loaded()
        let records = Array(repeating: workspace.learners, count: 20).flatMap { $0 }
        let batch = try await workspace.audits(pathway: "data-analysis-foundations", for: records, asOf: asOf)
        let sequential = try records.map { try workspace.audit(pathway: "data-analysis-foundations", for: $0, asOf: asOf) }
        #expect(batch == sequential)
    }

    @Test("An unknown pathway id is reported with the ids that exist")
    func unknownPathway() throws {
        let workspace = try loaded()
        #expect {
            try workspace.audit(pathway: "no-such-pathway", for: Fixture.learner([]), asOf: asOf)
        } throws: { error in
            guard case WorkspaceError.unknownID(_, "no-such-pathway", let known)? = error as? WorkspaceError else { return false }
            return known.contains("data-analysis-foundations")
        }
    }

    @Test("A malformed learner file is refused with its line and column")
    func malformedLearner() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let file = try folder.write("x.yaml", "learner: x\nbadges:\n  - { badge: sql-querying, issued: 2025-02-30 }\n")
        let workspace = try loaded()
        #expect {
            try workspace.learnerRecord(at: file)
        } throws: { error in
            guard case WorkspaceError.invalidInput(let issues)? = error as? WorkspaceError else { return false }
            return issues.count == 1 && issues[0].location?.line == 3 && issues[0].description.contains("2025-02-30")
        }
    }

    @Test("A pathway file given on the side is audited against the workspace's badges")
    func pathwayFromFile() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let file = try folder.write("mini.yaml", """
            id: mini
            title: Mini
            requires:
              count: 2
              from: { tag: elective }
            """)
        let (workspace, id) = try loaded().addingPathway(at: file)
        #expect(id == "mini")
        let amara = try #require(workspace.learners.first { $0.learner == "amara" })
        let audit = try workspace.audit(pathway: id, for: amara, asOf: asOf)
        #expect(audit.isComplete)
    }
}
