import CairnTestSupport
import Foundation
import Testing

/// `cairn renewals` on the bundled learners; dates worked out by hand from Pathways/.
@Suite("cairn renewals")
struct RenewalsEndToEndTests {
    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    static func items(_ learner: String, _ extra: [String] = []) throws -> [[String: Any]] {
        let run = try CairnProcess.run(["renewals", "--learner", learner, "--as-of", "2026-11-29", "--format", "json"] + extra)
        #expect(run.status == 0, "\(run.stderr)")
        return try #require(try json(run.stdout)["items"] as? [[String: Any]])
    }

    @Test("amara: spreadsheet-analysis (P3Y from 2023-11-30, window P90D, grace P30D) is open for renewal; the foundations stack lapses with it")
    func amara() throws {
        let items = try Self.items("amara")
        let spreadsheet = try #require(items.first { $0["badge"] as? String == "spreadsheet-analysis" })
        #expect(spreadsheet["issued"] as? String == "2023-11-30")
        #expect(spreadsheet["expires"] as? String == "2026-11-30")
        #expect(spreadsheet["renewalOpens"] as? String == "2026-09-01")
        #expect(spreadsheet["graceEnds"] as? String == "2026-12-30")
        #expect(spreadsheet["status"] as? String == "renewal-open")
        let stack = try #require(items.first { $0["pathway"] as? String == "data-analysis-foundations" })
        #expect(stack["expires"] as? String == "2026-11-30")
        #expect(stack["keptAliveBy"] as? [String] == ["spreadsheet-analysis"])
        #expect(stack["status"] as? String == "renewal-open")
        // SQL querying: 2025-05-20 + P2Y = 2027-05-20, window P60D opens 2027-03-21.
        let sql = try #require(items.first { $0["badge"] as? String == "sql-querying" })
        #expect(sql["expires"] as? String == "2027-05-20")
        #expect(sql["renewalOpens"] as? String == "2027-03-21")
        #expect(sql["status"] as? String == "valid")
        // Sorted by date; never-expiring badges last.
        let expiries = items.compactMap { $0["expires"] as? String }
        #expect(expiries == expiries.sorted())
        #expect(items.last?["status"] as? String == "no-expiry")
    }

    @Test("chen: SQL Querying issued 29 Feb 2024 with P2Y expires 28 Feb 2026 and is past its grace")
    func leapDay() throws {
        let sql = try #require(try Self.items("chen").first { $0["badge"] as? String == "sql-querying" })
        #expect(sql["issued"] as? String == "2024-02-29")
        #expect(sql["expires"] as? String == "2026-02-28")
        #expect(sql["graceEnds"] as? String == "2026-03-30")
        #expect(sql["status"] as? String == "expired")
    }

    @Test("felix: the foundations stack lapses when SQL Querying does, on 2027-04-20, not before")
    func felixStack() throws {
        let stack = try #require(try Self.items("felix").first { $0["pathway"] as? String == "data-analysis-foundations" })
        #expect(stack["expires"] as? String == "2027-04-20")
        #expect(stack["keptAliveBy"] as? [String] == ["sql-querying"])
        #expect(stack["renewalOpens"] as? String == "2027-02-19")
    }

    @Test("--within P60D keeps only what needs attention by 2027-01-28")
    func within() throws {
        let items = try Self.items("chen", ["--within", "P60D"])
        #expect(items.map { $0["badge"] as? String } == ["dataviz-tableau", "spreadsheet-analysis"])
    }

    @Test("the HR view over a folder groups every learner's items by month; CSV has one row per item")
    func hrView() throws {
        let text = try CairnProcess.run(["renewals", "--learners", "Pathways/learners", "--as-of", "2026-11-29", "--within", "P60D"])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.hasPrefix("Renewals for 13 learners, as of 2026-11-29"))
        for month in ["Expiring November 2026", "Expiring January 2027", "Expiring March 2027"] {
            #expect(text.stdout.contains(month))
        }
        #expect(text.stdout.contains("grace          hana"))
        let csv = try CairnProcess.run(["renewals", "--learners", "Pathways/learners", "--as-of", "2026-11-29", "--format", "csv"])
        let rows = csv.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(rows.first == "learner,kind,id,name,issued,last_renewed,renewal_opens,expires,grace_ends,status,renewal")
        #expect(rows.contains { $0.hasPrefix("amara,badge,spreadsheet-analysis,Spreadsheet Analysis,2023-11-30,,2026-09-01,2026-11-30,2026-12-30,renewal-open,") })
    }

    @Test("--format ics passes a strict RFC 5545 parser, field by field")
    func ics() throws {
        let run = try CairnProcess.run(["renewals", "--learner", "amara", "--as-of", "2026-11-29", "--format", "ics"])
        #expect(run.status == 0, "\(run.stderr)")
        let calendar = try ICalendarParser.parse(run.stdout)
        let events = calendar.events
        // Every item with an expiry that is not past: 5 badges and 2 stacks (see `amara` above).
        let uids = events.compactMap { $0["UID"] }
        #expect(uids.contains("amara-badge-spreadsheet-analysis-2023-11-30@cairn"))
        let spreadsheet = try #require(events.first { $0["UID"] == "amara-badge-spreadsheet-analysis-2023-11-30@cairn" })
        #expect(spreadsheet["SUMMARY"] == "Spreadsheet Analysis expires")
        #expect(spreadsheet["DTSTART"] == "20261130")
        #expect(spreadsheet["DTEND"] == "20261201")
        #expect(spreadsheet["DESCRIPTION"]?.contains("may still be renewed until 2026-12-29") == true)
        #expect(spreadsheet.alarms.first?["TRIGGER"] == "-P90D")
        // The same command twice gives the same calendar (stable UIDs, DTSTAMP from the as-of date).
        #expect(try CairnProcess.run(["renewals", "--learner", "amara", "--as-of", "2026-11-29", "--format", "ics"]).stdout == run.stdout)
    }

    @Test("usage errors: neither or both of --learner and --learners, a malformed --within", arguments: [
        [String](), ["--learner", "amara", "--learners", "Pathways/learners"], ["--learner", "amara", "--within", "3 months"],
    ])
    func usage(arguments: [String]) throws {
        let run = try CairnProcess.run(["renewals"] + arguments)
        #expect(run.status == 64)
        #expect(run.stdout.isEmpty)
    }

    @Test("a row never contradicts itself: an earning with its own expiry date says how it is renewed, not that it never expires")
    func explicitExpiryRow() throws {
        let run = try CairnProcess.run(["renewals", "--learners", "Pathways/learners", "--as-of", "2026-11-29", "--format", "csv"])
        #expect(run.status == 0, "\(run.stderr)")
        let rows = run.stdout.split(whereSeparator: \.isNewline).map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = try #require(rows.first)
        let expires = try #require(header.firstIndex(of: "expires")), renewal = try #require(header.firstIndex(of: "renewal"))
        let status = try #require(header.firstIndex(of: "status"))
        let bruno = try #require(rows.first { $0.count > renewal && $0[0] == "bruno" && $0[2] == "data-cleaning" })
        #expect(bruno[status] == "expired")
        #expect(bruno[renewal] == "earn Data Cleaning again (this earning carries its own expiry date)")
        for row in rows.dropFirst() where row.count > renewal {
            #expect((row[expires].isEmpty) == (row[renewal] == "does not expire"), "\(row)")
        }
    }
}
