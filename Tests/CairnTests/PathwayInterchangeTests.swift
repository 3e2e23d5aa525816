import Cairn
import CairnTestSupport
import Foundation
import Testing

/// CTDL pathways in and out, and Badgr pathway exports in, through the library.
@Suite("CTDL and Badgr pathways")
struct PathwayInterchangeTests {
    static let workspace: Workspace? = try? Workspace(at: CairnProcess.packageRoot)
    static let pathwayIDs: [String] = workspace?.catalog.sortedPathways.map(\.id) ?? []
    static let learnerFiles: [URL] = {
        let folder = CairnProcess.packageRoot.appendingPathComponent("Pathways/learners")
        return ((try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? [])
            .filter { $0.pathExtension == "yaml" }.sorted { $0.path < $1.path }
    }()
    static let ctdlFixture = CairnProcess.packageRoot.appendingPathComponent("Interop/ctdl/applied-analytics-certificate.json")
    static let badgrFixture = CairnProcess.packageRoot.appendingPathComponent("Interop/badgr/data-skills-pathway.json")

    func loaded() throws -> Workspace {
        try #require(Self.workspace, "the bundled workspace must load")
    }

    /// Writes `text` to a new temporary file named `name` and returns its URL.
    func temporaryFile(_ name: String, _ text: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cairn-interchange-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url
    }

    @Test("there are bundled pathways and learners to check")
    func bundled() {
        #expect(Self.pathwayIDs.count >= 8)
        #expect(Self.learnerFiles.count >= 10)
    }

    @Test("every bundled pathway, exported to CTDL and imported, audits every bundled learner identically",
          arguments: pathwayIDs)
    func roundTripWithExtensions(pathway: String) throws {
        try roundTrip(pathway: pathway, useExtensions: true)
    }

    @Test("read from the CTDL terms alone, a pathway audits identically unless the export reported what CTDL could not carry",
          arguments: pathwayIDs)
    func roundTripCTDLAlone(pathway: String) throws {
        try roundTrip(pathway: pathway, useExtensions: false)
    }

    func roundTrip(pathway: String, useExtensions: Bool) throws {
        let workspace = try loaded()
        let exported = try workspace.exportPathway(pathway)
        let document = try temporaryFile("\(pathway).json", exported.text)
        let imported = try workspace.importPathway(at: document, format: .ctdl, useExtensions: useExtensions)
        #expect(imported.newBadges.isEmpty, "every badge of a workspace pathway is matched back: \(imported.newBadges.map(\.id))")
        let file = try temporaryFile("\(imported.pathway.id).yaml", PathwayYAML.text(imported.pathway))
        let (reimported, id) = try workspace.addingPathway(at: file)
        var differences: [String] = []
        for learnerFile in Self.learnerFiles {
            let record = try workspace.learnerRecord(at: learnerFile)
            for date in [BundledOutcome.asOf, "2025-06-01"] {
                // The export is of the latest version: compared with the learner audited in it.
                let exportedVersion = workspace.catalog.pathwayVersions(pathway).count > 1
                    ? workspace.catalog.pathways[pathway]?.version : nil
                let before = try workspace.audit(pathway: pathway, for: record, asOf: Fixture.date(date), version: exportedVersion)
                let after = try reimported.audit(pathway: id, for: record, asOf: Fixture.date(date))
                if before.isComplete != after.isComplete || before.progress != after.progress {
                    differences.append("\(record.learner) on \(date): \(before.progress) → \(after.progress)")
                }
                // Every destination and milestone too (for the programme with several).
                let destinations = { (audit: Audit) in audit.destinations.map { "\($0.id) \($0.isComplete) \($0.progress)" } }
                if destinations(before) != destinations(after) {
                    differences.append("\(record.learner) on \(date): \(destinations(before)) → \(destinations(after))")
                }
                let milestones = { (audit: Audit) in audit.milestones.map { "\($0.awards) \($0.isMet)" } }
                if useExtensions, milestones(before) != milestones(after) {
                    differences.append("\(record.learner) on \(date): \(milestones(before)) → \(milestones(after))")
                }
            }
        }
        // A unit without a CTDL concept is written by its name, which reads back: no loss to audits.
        let lossless = exported.notes.allSatisfy { $0.contains("has no creditUnit concept") }
        if useExtensions || lossless {
            #expect(differences.isEmpty, "\(differences)\n\(exported.text)")
        } else {
            // What CTDL alone could not carry was reported by the export.
            #expect(differences.isEmpty || !exported.notes.isEmpty)
        }
    }

    @Test("several destinations are several ceterms:hasDestinationComponent; milestones are kept in cairn:milestones")
    func destinationsAndMilestones() throws {
        let workspace = try loaded()
        let exported = try workspace.exportPathway("data-stewardship-programme")
        #expect(exported.text.contains("\"ceterms:hasDestinationComponent\": [\n        \"_:c2\",\n        \"_:c7\"\n      ]"),
                "\(exported.text)")
        #expect(exported.text.contains("\"cairn:destination\": \"diploma\""))
        #expect(exported.notes.contains { $0.contains("CTDL has no term for a milestone") }, "\(exported.notes)")
        let document = try temporaryFile("programme.json", exported.text)
        let imported = try workspace.importPathway(at: document, format: .ctdl, useExtensions: true)
        #expect(imported.pathway.destinations.map(\.id) == ["certificate", "diploma"])
        #expect(imported.pathway.destinations.map(\.awards) == ["dsp-exit-certificate", "dsp-diploma"])
        #expect(imported.pathway.destinations.map(\.title) == ["Certificate in Data Stewardship", "Diploma in Data Stewardship"])
        #expect(imported.pathway.milestones.map(\.requirement) == ["core"])
        let alone = try workspace.importPathway(at: document, format: .ctdl, useExtensions: false)
        #expect(alone.pathway.destinations.map(\.id) == ["certificate-in-data-stewardship", "diploma-in-data-stewardship"],
                "without extensions a destination's id is its name as a slug")
        #expect(alone.pathway.milestones.isEmpty)
    }

    @Test("what CTDL cannot express is reported and kept as a Cairn extension")
    func exportNotes() throws {
        let workspace = try loaded()
        let foundations = try workspace.exportPathway("data-analysis-foundations")
        #expect(foundations.notes.contains { $0.contains("minResult") && $0.contains("Cairn extension") }, "\(foundations.notes)")
        #expect(foundations.text.contains("\"cairn:requirement\""))
        #expect(foundations.text.contains("\"cairn\": \"urn:cairn:terms:\""))
        #expect(foundations.text.contains("\"ceterms:hasDestinationComponent\""))
        #expect(foundations.text.contains("\"ceterms:requiredNumber\": 2"))
    }

    @Test("the CTDL fixture: conditions, nested conditions, a credit constraint, prerequisites, matched and new badges")
    func ctdlFixture() throws {
        let workspace = try loaded()
        let imported = try workspace.importPathway(at: Self.ctdlFixture, format: .ctdl)
        let pathway = imported.pathway
        #expect(pathway.id == "applied-analytics-certificate")
        #expect(pathway.externalIDs == ["https://credentialengineregistry.org/resources/ce-8a1c44f0-2d7e-4f57-9a3e-5b1f0c6d2e11",
                                        "ce-8a1c44f0-2d7e-4f57-9a3e-5b1f0c6d2e11"])
        #expect(pathway.awards == "applied-analytics-certificate")
        #expect(pathway.credits == Credits(Rational(12), .semesterHours))
        #expect(imported.workspaceBadges == ["spreadsheet-analysis", "sql-querying"])
        #expect(imported.newBadges.map(\.id) == ["applied-analytics-certificate", "statistics-placement-assessment",
                                                 "design-a-dashboard-for-a-stated-audience", "explain-uncertainty-in-a-chart",
                                                 "data-240", "data-250", "data-260"])
        #expect(imported.newBadges.first { $0.id == "data-260" }?.credits == Credits(Rational(3, 2), .semesterHours))
        #expect(imported.newBadges.first { $0.id == "statistics-placement-assessment" }?.type == "assessment")
        let parts = pathway.requires.children
        #expect(parts.count == 3)
        #expect(parts.map(\.label) == ["Both core courses", "One analysis elective", "Six semester hours of electives"])
        guard parts.count == 3 else { return }
        #expect(parts[0].withoutSources.kind == .all([.badge("sql-querying"), .badge("spreadsheet-analysis")]))
        if case .any(let options) = parts[1].kind {
            #expect(options.count == 2)
            #expect(options.first?.earnedAfter == ["spreadsheet-analysis"])
            #expect(options.last?.label == "Both visualisation competencies")
        } else {
            Issue.record("expected any: \(parts[1].kind)")
        }
        #expect(parts[2].kind == .credits(Credits(Rational(6), .semesterHours), BadgeFilter(badges: ["data-240", "data-250", "data-260"])))
        #expect(imported.notes.count == 1, "\(imported.notes)")
        #expect(imported.notes.first?.message.contains("ceterms:precedes gives a suggested order") == true)
        #expect(imported.notes.first?.location.line == 114)
    }

    @Test("the imported CTDL fixture audits: amara holds the two core badges")
    func ctdlFixtureAudits() throws {
        let workspace = try loaded()
        let imported = try workspace.importPathway(at: Self.ctdlFixture, format: .ctdl)
        let core = Pathway(id: "core", title: "Core", requires: imported.pathway.requires.children[0])
        let file = try temporaryFile("core.yaml", PathwayYAML.text(core))
        let (withCore, id) = try workspace.addingPathway(at: file)
        let amara = try workspace.learnerRecord(at: try #require(Self.learnerFiles.first { $0.lastPathComponent == "amara.yaml" }))
        #expect(try withCore.audit(pathway: id, for: amara, asOf: Fixture.date("2026-11-29")).isComplete)
    }

    @Test("the Badgr fixture: junctions, required numbers, completion badges, http and https ids")
    func badgrFixture() throws {
        let workspace = try loaded()
        let imported = try workspace.importPathway(at: Self.badgrFixture, format: .badgr)
        let pathway = imported.pathway
        #expect(pathway.id == "data-skills")
        #expect(pathway.awards == "data-skills-pathway")
        #expect(pathway.externalIDs == ["https://api.badgr.io/v2/issuers/example-university/pathways/data-skills"])
        #expect(imported.newBadges.map(\.id) == ["data-skills-pathway", "dataviz-python-badgr", "data-electives"])
        #expect(imported.workspaceBadges == ["data-cleaning", "data-mining-intro", "dataviz-tableau", "descriptive-statistics",
                                             "spreadsheet-analysis", "sql-querying"])
        #expect(imported.notes.isEmpty, "\(imported.notes)")
        let expected = Requirement(.all([
            Requirement(.all([.badge("spreadsheet-analysis"), .badge("sql-querying")]), label: "Foundations"),
            Requirement(.any([.badge("dataviz-tableau"), .badge("dataviz-python-badgr")]), label: "One visualisation tool"),
            Requirement(.any([.badge("data-electives"),
                              Requirement(.countOf(2, [.badge("descriptive-statistics"), .badge("data-cleaning"),
                                                       .badge("data-mining-intro")]))]),
                        label: "Two of three electives"),
        ]), label: "Data Skills")
        #expect(pathway.requires.withoutSources == expected)
    }

    /// A malformed document, the message it must give, and where.
    struct BadFile: CustomStringConvertible, Sendable {
        var name: String
        var format: PathwayInterchangeFormat
        var json: String
        var message: String
        var line: Int
        var column: Int
        var description: String { name }
    }

    static let component = #""@type": "ceterms:CredentialComponent", "ceterms:name": "A""#

    static let badFiles: [BadFile] = [
        BadFile(name: "malformed JSON", format: .ctdl, json: "{\"@graph\": [\n  {\"@type\": }\n]}",
                message: "expected a JSON value", line: 2, column: 13),
        BadFile(name: "no pathway", format: .ctdl, json: "{\"@graph\": []}", message: "expected a ceterms:Pathway", line: 1, column: 1),
        BadFile(name: "missing destination", format: .ctdl,
                json: "{\"@graph\": [\n  {\"@type\": \"ceterms:Pathway\", \"ceterms:name\": \"P\"}\n]}",
                message: "no ceterms:hasDestinationComponent", line: 2, column: 3),
        BadFile(name: "dangling reference", format: .ctdl,
                json: "{\"@graph\": [\n  {\"@type\": \"ceterms:Pathway\", \"ceterms:name\": \"P\",\n   \"ceterms:hasDestinationComponent\": [\"urn:x:nowhere\"]}\n]}",
                message: "\"urn:x:nowhere\" names nothing in the document", line: 3, column: 40),
        BadFile(name: "cycle through conditions", format: .ctdl, json: """
            {"@graph": [
              {"@type": "ceterms:Pathway", "ceterms:name": "P", "ceterms:hasDestinationComponent": ["urn:a"]},
              {"@id": "urn:a", "@type": "ceterms:BasicComponent", "ceterms:name": "A",
               "ceterms:hasCondition": [{"@type": "ceterms:ComponentCondition", "ceterms:targetComponent": ["urn:b"]}]},
              {"@id": "urn:b", "@type": "ceterms:BasicComponent", "ceterms:name": "B",
               "ceterms:hasCondition": [{"@type": "ceterms:ComponentCondition", "ceterms:targetComponent": ["urn:a"]}]}
            ]}
            """, message: "a cycle: component urn:a contains itself", line: 3, column: 3),
        BadFile(name: "cycle through children", format: .ctdl, json: """
            {"@graph": [
              {"@type": "ceterms:Pathway", "ceterms:name": "P", "ceterms:hasDestinationComponent": ["urn:a"]},
              {"@id": "urn:a", "@type": "ceterms:BasicComponent", "ceterms:name": "A", "ceasn:hasChild": ["urn:a"]}
            ]}
            """, message: "a cycle", line: 3, column: 3),
        BadFile(name: "requiredNumber not whole", format: .ctdl, json: """
            {"@graph": [
              {"@type": "ceterms:Pathway", "ceterms:name": "P", "ceterms:hasDestinationComponent": ["urn:a"]},
              {"@id": "urn:a", "@type": "ceterms:BasicComponent", "ceterms:name": "A",
               "ceterms:hasCondition": [{"@type": "ceterms:ComponentCondition", "ceterms:requiredNumber": 1.5,
                                         "ceterms:targetComponent": ["urn:b"]}]},
              {"@id": "urn:b", \(component)}
            ]}
            """, message: "ceterms:requiredNumber must be a whole number", line: 4, column: 95),
        BadFile(name: "requiredNumber over the targets", format: .ctdl, json: """
            {"@graph": [
              {"@type": "ceterms:Pathway", "ceterms:name": "P", "ceterms:hasDestinationComponent": ["urn:a"]},
              {"@id": "urn:a", "@type": "ceterms:BasicComponent", "ceterms:name": "A",
               "ceterms:hasCondition": [{"@type": "ceterms:ComponentCondition", "ceterms:requiredNumber": 3,
                                         "ceterms:targetComponent": ["urn:b"]}]},
              {"@id": "urn:b", \(component)}
            ]}
            """, message: "ceterms:requiredNumber is 3 but the condition names only 1", line: 4, column: 95),
        BadFile(name: "unknown component kind", format: .ctdl, json: """
            {"@graph": [
              {"@type": "ceterms:Pathway", "ceterms:name": "P", "ceterms:hasDestinationComponent": ["urn:a"]},
              {"@id": "urn:a", "@type": "ceterms:CourseComponnt", "ceterms:name": "A"}
            ]}
            """, message: "did you mean \"ceterms:CourseComponent\"?", line: 3, column: 29),
        BadFile(name: "Badgr: malformed JSON", format: .badgr, json: "{\"elements\": [}", message: "expected", line: 1, column: 15),
        BadFile(name: "Badgr: no elements", format: .badgr, json: "{\"name\": \"P\"}",
                message: "expected a Badgr pathway with \"elements\"", line: 1, column: 1),
        BadFile(name: "Badgr: dangling element", format: .badgr, json: """
            {"rootElement": "urn:root", "elements": [
              {"@id": "urn:root", "name": "R", "requirements": {"@type": "ElementJunction",
                "junctionConfig": {"@type": "Conjunction"}, "elements": ["urn:gone"]}}
            ]}
            """, message: "\"urn:gone\" names no element", line: 3, column: 62),
        BadFile(name: "Badgr: cycle", format: .badgr, json: """
            {"rootElement": "urn:root", "elements": [
              {"@id": "urn:root", "name": "R", "requirements": {"@type": "ElementJunction",
                "junctionConfig": {"@type": "Conjunction"}, "elements": ["urn:root"]}}
            ]}
            """, message: "a cycle: element urn:root contains itself", line: 2, column: 3),
        BadFile(name: "Badgr: requiredNumber not whole", format: .badgr, json: """
            {"rootElement": "urn:root", "elements": [
              {"@id": "urn:root", "name": "R", "requirements": {"@type": "BadgeJunction",
                "junctionConfig": {"@type": "Disjunction", "requiredNumber": "two"}, "badges": ["urn:b"]}}
            ]}
            """, message: "requiredNumber must be a whole number", line: 3, column: 66),
        BadFile(name: "Badgr: requiredNumber over the badges", format: .badgr, json: """
            {"rootElement": "urn:root", "elements": [
              {"@id": "urn:root", "name": "R", "requirements": {"@type": "BadgeJunction",
                "junctionConfig": {"@type": "Disjunction", "requiredNumber": 2}, "badges": ["urn:b"]}}
            ]}
            """, message: "requiredNumber is 2 but the junction has only 1", line: 2, column: 52),
        BadFile(name: "Badgr: unknown junction", format: .badgr, json: """
            {"rootElement": "urn:root", "elements": [
              {"@id": "urn:root", "name": "R", "requirements": {"@type": "BadgeSet",
                "junctionConfig": {"@type": "Conjunction"}, "badges": ["urn:b"]}}
            ]}
            """, message: "BadgeJunction or ElementJunction", line: 2, column: 62),
    ]

    @Test("malformed files are refused with the problem and its place", arguments: badFiles)
    func badFile(_ bad: BadFile) throws {
        let workspace = try loaded()
        let file = try temporaryFile("bad.json", bad.json)
        do {
            _ = try workspace.importPathway(at: file, format: bad.format)
            Issue.record("expected \(bad.name) to be refused")
        } catch {
            guard case .invalidInput(let issues) = error else {
                Issue.record("expected invalid input, got \(error)")
                return
            }
            let issue = issues.first { $0.message.contains(bad.message) }
            #expect(issue != nil, "\(issues.map(\.description))")
            #expect(issue?.location?.line == bad.line && issue?.location?.column == bad.column, "\(issues.map(\.description))")
        }
    }

    @Test("a long chain of components is refused at the depth limit, not followed without end")
    func depthLimit() throws {
        var graph = [#"{"@type": "ceterms:Pathway", "ceterms:name": "P", "ceterms:hasDestinationComponent": ["urn:c0"]}"#]
        for index in 0..<200 {
            graph.append(#"{"@id": "urn:c\#(index)", "@type": "ceterms:BasicComponent", "ceterms:name": "C", "# +
                         #""ceterms:hasCondition": [{"@type": "ceterms:ComponentCondition", "ceterms:targetComponent": ["urn:c\#(index + 1)"]}]}"#)
        }
        graph.append(#"{"@id": "urn:c200", "@type": "ceterms:CredentialComponent", "ceterms:name": "End"}"#)
        let file = try temporaryFile("deep.json", "{\"@graph\": [\n" + graph.joined(separator: ",\n") + "\n]}")
        #expect {
            _ = try loaded().importPathway(at: file, format: .ctdl)
        } throws: { error in
            "\(error)".contains("nest more than \(CTDLPathwayReader.maximumDepth) levels")
        }
    }

    @Test("a component named by many conditions at many levels is refused past the node limit")
    func expansionLimit() throws {
        // Each level names the next twice: 2^40 requirements if followed.
        var graph = [#"{"@type": "ceterms:Pathway", "ceterms:name": "P", "ceterms:hasDestinationComponent": ["urn:c0"]}"#]
        for index in 0..<40 {
            graph.append(#"{"@id": "urn:c\#(index)", "@type": "ceterms:BasicComponent", "ceterms:name": "C", "# +
                         #""ceterms:hasCondition": [{"@type": "ceterms:ComponentCondition", "ceterms:targetComponent": ["urn:c\#(index + 1)", "urn:c\#(index + 1)"]}]}"#)
        }
        graph.append(#"{"@id": "urn:c40", "@type": "ceterms:CredentialComponent", "ceterms:name": "End"}"#)
        let file = try temporaryFile("wide.json", "{\"@graph\": [\n" + graph.joined(separator: ",\n") + "\n]}")
        #expect {
            _ = try loaded().importPathway(at: file, format: .ctdl)
        } throws: { error in
            "\(error)".contains("more than 100,000 requirements")
        }
    }
}

