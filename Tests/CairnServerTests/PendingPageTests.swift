@testable import CairnServer
import CairnTestSupport
import Foundation
import Testing

/// The learner's pathway page shows the pending figure apart from today's, and the version used.
@Suite(.serialized) struct PendingPageTests {
    @Test func thePathwayPageShowsThePendingFigureAndTheVersion() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let page = try await server.send("GET", "/learner/hana/pathways/inclusive-assessment-design?asOf=2026-11-29", as: "admin")
        #expect(page.status == 200, "\(page.text)")
        // The store keeps hana's retake as in progress and her catalogue year, which picks version 2025.1.
        #expect(page.text.contains("<p class=\"pending\">Pending: complete with 1 in-progress badge, expected by 2027-01-15 "
                                   + "(not counted until awarded).</p>"), "\(page.text)")
        #expect(page.text.contains("<p class=\"version\">Version 2025.1 (catalogue year 2025).</p>"))
        #expect(page.text.contains("75% of the requirements met"))
        let api = try await server.send("GET", "/v1/learners/hana/audit?pathway=inclusive-assessment-design&asOf=2026-11-29",
                                        as: "admin")
        let pending = (api.json as? [String: Any])?["pending"] as? [String: Any]
        #expect(pending?["progressExact"] as? String == "1")
        #expect((api.json as? [String: Any])?["version"] as? String == "2025.1")
    }

    @Test func theProgrammePageNamesEachDestinationAndMilestone() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let page = try await server.send("GET", "/learner/elif/pathways/data-stewardship-programme?asOf=2026-11-29", as: "admin")
        #expect(page.status == 200, "\(page.text)")
        #expect(page.text.contains("<ul class=\"awards\"><li>Certificate in Data Stewardship: 50% of the requirements met</li>"
                                   + "<li>Diploma in Data Stewardship: 50% of the requirements met</li>"
                                   + "<li>Milestone Foundation in Data Stewardship: met</li></ul>"), "\(page.text)")
        // A pathway with one destination and no milestones has no such list.
        let single = try await server.send("GET", "/learner/hana/pathways/inclusive-assessment-design?asOf=2026-11-29", as: "admin")
        #expect(!single.text.contains("class=\"awards\""))
    }
}
