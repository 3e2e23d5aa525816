import Cairn
import CairnTestSupport
import Foundation
import Testing

/// The counting rules through CTDL: CTDL has no term for them yet, so the writer keeps them in
/// its Cairn extension, says so, and an import with extensions audits as before.
@Suite("alsoCountsFor, maxShared and atMost through CTDL")
struct CountingRulesInterchangeTests {
    @Test("exported to CTDL and imported with extensions, the rules come back and the audit is the same")
    func roundTrip() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        for file in ["Pathways/catalogue.yaml", "Pathways/data-ethics-dual.yaml", "Pathways/learners/sam.yaml"] {
            try folder.write(file, FixtureFile.text("counting-rules/\(file)"))
        }
        let workspace = try Workspace(at: folder.url)
        let exported = try workspace.exportPathway("data-ethics-dual")
        #expect(exported.notes.contains { $0.contains("requirement \"Data core\": alsoCountsFor (where else a badge counted here may count) has no CTDL term") }, "\(exported.notes)")
        #expect(exported.notes.contains { $0.contains("requirement \"Electives\": atMost limits cap what counts, which a CTDL constraint (met or failed) cannot say") }, "\(exported.notes)")
        #expect(exported.notes.contains { $0.contains("maxShared") }, "\(exported.notes)")
        let document = try folder.write("export/data-ethics-dual.json", exported.text)
        let imported = try workspace.importPathway(at: document, format: .ctdl, useExtensions: true)
        let original = try #require(workspace.catalog.pathways["data-ethics-dual"])
        #expect(imported.pathway.maxShared == 1)
        #expect(imported.pathway.requires.children.map(\.alsoCountsFor) == original.requires.children.map(\.alsoCountsFor))
        #expect(imported.pathway.requires.children.map { $0.atMost.map(\.measure) }
                == original.requires.children.map { $0.atMost.map(\.measure) })
        let file = try folder.write("export/\(imported.pathway.id).yaml", PathwayYAML.text(imported.pathway))
        let (reimported, id) = try workspace.addingPathway(at: file)
        let record = try workspace.learnerRecord(at: folder.url.appendingPathComponent("Pathways/learners/sam.yaml"))
        let before = try workspace.audit(pathway: "data-ethics-dual", for: record, asOf: Fixture.date("2026-01-15"))
        let after = try reimported.audit(pathway: id, for: record, asOf: Fixture.date("2026-01-15"))
        #expect(before.progress == Rational(5, 6))
        #expect(after.progress == before.progress)
        #expect(after.isComplete == before.isComplete)
    }
}
