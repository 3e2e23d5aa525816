import CairnCore
import CairnTestSupport
import Testing

/// Catalogue-year versions: several definitions of one pathway id side by side, and the rule
/// that picks the one applying to a learner.
@Suite("Pathway versions")
struct PathwayVersionTests {
    static func version(_ name: String, from: String?, until: String?, requires: Requirement = .badge("a"),
                        file: String? = nil) -> Pathway {
        var pathway = Fixture.pathway("p", requires)
        pathway.version = name
        pathway.effective = EffectivePeriod(from: from.map(Fixture.date), until: until.map(Fixture.date))
        pathway.source = file.map { SourceLocation(file: $0, line: 1, column: 1) }
        return pathway
    }

    static let v2024 = version("2024", from: "2024-09-01", until: "2025-09-01")
    static let v2025 = version("2025", from: "2025-09-01", until: "2026-09-01")
    static let v2026 = version("2026", from: "2026-09-01", until: nil)
    // Read in an order that is not the versions' order.
    static let catalog = Fixture.catalog([Fixture.badge("a")], pathways: [v2025, v2026, v2024])

    @Test("the catalog keeps every version, sorted by start; pathways[id] is the latest")
    func keepsVersions() {
        #expect(Self.catalog.pathwayVersions("p").map(\.version) == ["2024", "2025", "2026"])
        #expect(Self.catalog.pathways["p"]?.version == "2026")
        #expect(Self.catalog.hasPathwayVersions)
        #expect(Self.catalog.pathwayVersions("nope").isEmpty)
    }

    struct Case: Sendable, CustomStringConvertible {
        var description: String
        var catalogueYear: Int?
        var enrolled: String?
        var requested: String?
        var asOf: String
        var expected: String?
        var reason: String
    }

    static let cases: [Case] = [
        Case(description: "--version wins over everything", catalogueYear: 2024, enrolled: "2026-10-01", requested: "2025",
             asOf: "2026-11-29", expected: "2025", reason: "requested"),
        Case(description: "catalogue year: the latest version starting that year or before", catalogueYear: 2025,
             asOf: "2026-11-29", expected: "2025", reason: "catalogue year 2025"),
        Case(description: "catalogue year after every start: the latest", catalogueYear: 2030, asOf: "2026-11-29",
             expected: "2026", reason: "catalogue year 2030"),
        Case(description: "catalogue year before every version: the latest, said so", catalogueYear: 2019,
             asOf: "2026-11-29", expected: "2026", reason: "the latest: no version applies to catalogue year 2019"),
        Case(description: "catalogue year wins over enrolment", catalogueYear: 2024, enrolled: "2026-10-01",
             asOf: "2026-11-29", expected: "2024", reason: "catalogue year 2024"),
        Case(description: "enrolment: the version in effect that day", enrolled: "2025-09-01", asOf: "2026-11-29",
             expected: "2025", reason: "enrolled 2025-09-01"),
        Case(description: "until is exclusive", enrolled: "2025-08-31", asOf: "2026-11-29",
             expected: "2024", reason: "enrolled 2025-08-31"),
        Case(description: "enrolment before every version: the latest, said so", enrolled: "2020-01-01",
             asOf: "2026-11-29", expected: "2026", reason: "the latest: no version applies to enrolment on 2020-01-01"),
        Case(description: "neither: the version in effect on the as-of date", asOf: "2025-10-01", expected: "2025",
             reason: "in effect on 2025-10-01"),
        Case(description: "unknown requested version: none", requested: "2023", asOf: "2026-11-29", expected: nil, reason: ""),
    ]

    @Test("the selection rule", arguments: cases)
    func selection(_ test: Case) {
        var record = Fixture.learner([])
        record.catalogueYear = test.catalogueYear
        record.enrolled = test.enrolled.map(Fixture.date)
        let choice = Self.catalog.version(of: "p", for: record, asOf: Fixture.date(test.asOf), requested: test.requested)
        #expect(choice?.pathway.version == test.expected)
        if test.expected != nil { #expect(choice?.reason.description == test.reason) }
    }

    @Test("nested pathways resolve with the same rule")
    func nested() throws {
        var outer = Fixture.pathway("outer", .pathway("p"))
        outer.version = "1"
        let catalog = Fixture.catalog([Fixture.badge("a"), Fixture.badge("b")],
                                      pathways: [outer, Self.version("2025", from: "2025-09-01", until: "2026-09-01"),
                                                 Self.version("2026", from: "2026-09-01", until: nil, requires: .badge("b"))])
        var record = Fixture.learner([Fixture.earned("a", "2025-10-01")])
        record.catalogueYear = 2025
        let resolved = catalog.selectingVersions(of: "outer", for: record, asOf: Fixture.date("2026-11-29")).catalog
        #expect(resolved.pathways["p"]?.version == "2025")
        let audit = try CompiledPathway(pathway: "outer", catalog: resolved).audit(record, asOf: Fixture.date("2026-11-29"))
        #expect(audit.isComplete)
        let latest = try CompiledPathway(pathway: "outer", catalog: catalog).audit(record, asOf: Fixture.date("2026-11-29"))
        #expect(!latest.isComplete)
    }

    @Test("a catalog without versions is kept as it is: the fast path")
    func noVersions() {
        let catalog = Fixture.catalog([Fixture.badge("a")], pathways: [Fixture.pathway("p", .badge("a"))])
        #expect(!catalog.hasPathwayVersions)
        let choice = catalog.version(of: "p", for: Fixture.learner([]), asOf: Fixture.date("2026-11-29"))
        #expect(choice?.reason == .only)
    }

    @Test("the validator accepts distinct versions with periods that do not overlap, and checks each version")
    func validVersions() {
        let badReference = Self.version("2024", from: "2024-09-01", until: "2025-09-01", requires: .badge("gone"),
                                        file: "p-2024.yaml")
        let catalog = Fixture.catalog([Fixture.badge("a")], pathways: [Self.v2025, Self.v2026, badReference])
        let issues = CatalogValidator(catalog: catalog).validate()
        #expect(issues.map(\.description) == [#"p-2024.yaml:1:1: unknown badge class "gone""#])
    }

    @Test("the validator refuses versions that collide, naming both places", arguments: [
        (version("2025", from: "2025-09-01", until: "2026-09-01", file: "a.yaml"),
         version("2026", from: "2026-03-01", until: nil, file: "b.yaml"),
         #"b.yaml:1:1: pathway "p" version "2026" is in effect from 2026-03-01, overlapping version "2025" (from 2025-09-01 until 2026-09-01) (defined at a.yaml:1:1)"#),
        (version("2025", from: "2025-09-01", until: "2026-09-01", file: "a.yaml"),
         version("2025", from: "2026-09-01", until: nil, file: "b.yaml"),
         #"b.yaml:1:1: pathway "p" version "2025" is defined twice (first defined at a.yaml:1:1)"#),
        (version("2025", from: "2025-09-01", until: nil, file: "a.yaml"),
         { var plain = Fixture.pathway("p", .badge("a")); plain.source = SourceLocation(file: "b.yaml", line: 1, column: 1); return plain }(),
         #"a.yaml:1:1: duplicate pathway id "p" (first defined at b.yaml:1:1); versions of one pathway each need "version" and "effective""#),
    ])
    func collisions(first: Pathway, second: Pathway, message: String) {
        let catalog = Fixture.catalog([Fixture.badge("a")], pathways: [first, second])
        let issues = CatalogValidator(catalog: catalog).validate()
        #expect(issues.map(\.description) == [message])
    }
}
