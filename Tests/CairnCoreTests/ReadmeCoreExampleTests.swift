import CairnCore
import Testing

/// The README's engine-only example, compiled in a file that imports `CairnCore` alone: the
/// engine embeds without the readers, the store or any of their dependencies. The code between
/// the markers is the README's block, character for character (`ReadmeTests` compares them).
@Suite("The README's CairnCore example")
struct ReadmeCoreExampleTests {
    @Test("a catalogue, a pathway and a record built in code, audited exactly with import CairnCore alone")
    func engineAlone() throws {
        var printed: [String] = []
        func print(_ items: Any...) { printed.append(items.map { "\($0)" }.joined(separator: " ")) }
        // README: begin CairnCore example
        let issuer = Issuer(id: "https://example.edu", name: "Example University")
        let twoYears = ValidityRule(duration: ISODuration(iso8601: "P2Y"))
        let catalog = Catalog(
            badgeCatalogs: [BadgeCatalog(issuer: issuer, badges: [
                BadgeClass(id: "sql", name: "SQL Querying", issuer: issuer, validity: twoYears),
                BadgeClass(id: "python", name: "Python for Data", issuer: issuer, tags: ["programming"]),
                BadgeClass(id: "r", name: "R for Data", issuer: issuer, tags: ["programming"]),
            ])],
            pathways: [Pathway(id: "data-basics", title: "Data Basics", requires: Requirement(.all([
                Requirement(.badge("sql"), label: "SQL"),
                Requirement(.countOf(1, [Requirement(.tag("programming"))]), label: "A programming language"),
            ])))])
        let record = LearnerRecord(learner: "chen", badges: [
            EarnedBadge(badgeClassID: "sql", issued: CalendarDate(year: 2023, month: 3, day: 1)!),
            EarnedBadge(badgeClassID: "python", issued: CalendarDate(year: 2025, month: 6, day: 1)!),
        ])

        let pathway = try CompiledPathway(pathway: "data-basics", catalog: catalog)
        let audit = pathway.audit(record, asOf: CalendarDate(year: 2026, month: 11, day: 29)!)
        print(audit.isComplete, audit.progress)          // false 0.5
        audit.root.forEachNode { node in
            for rejected in node.rejected { print(node.label, rejected.badge, rejected.reason) }
        }                                                // SQL sql lapsed: expired on 2025-03-01
        // README: end CairnCore example
        #expect(printed.first == "false 0.5")
        #expect(Array(printed.dropFirst()) == ["SQL sql lapsed: expired on 2025-03-01"], "\(printed)")
    }
}
