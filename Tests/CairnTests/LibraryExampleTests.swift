import Cairn
import CairnTestSupport
import Foundation
import Testing

/// The README's library example, run as written (from the package root).
@Suite("The README's library example")
struct LibraryExampleTests {
    @Test("Loads the workspace, audits chen, renders JSON and text, and batches over every core")
    func readmeExample() async throws {
        let root = CairnProcess.packageRoot
        let workspace = try Workspace(at: root)
        let record = try workspace.learnerRecord(at: root.appendingPathComponent("Pathways/learners/chen.yaml"))
        let asOf = try #require(CalendarDate(year: 2026, month: 11, day: 29))
        let audit = try workspace.audit(pathway: "data-analysis-foundations", for: record, asOf: asOf)
        #expect(!audit.isComplete)
        #expect(audit.progress == Rational(2, 3))
        var reasons: [String] = []
        audit.root.forEachNode { node in
            for rejected in node.rejected { reasons.append("\(node.label)|\(rejected.badge)|\(rejected.reason.code)") }
        }
        #expect(reasons.contains("SQL Querying|sql-querying|lapsed"))
        #expect(audit.json.serialized().contains("\"progressExact\": \"2/3\""))
        #expect(AuditTextReport(audit: audit).text.contains("lapsed: expired on 2026-02-28"))
        let compiled = try workspace.compiledPathway("data-analysis-foundations")
        let audits = await compiled.audits(workspace.learners, asOf: asOf)
        #expect(audits.count == workspace.learners.count)
    }
}
