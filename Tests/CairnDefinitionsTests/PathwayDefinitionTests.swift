import CairnCore
import CairnDefinitions
import CairnSyntax
import CairnTestSupport
import Foundation
import Testing

@Suite("Pathway definitions")
struct PathwayDefinitionTests {
    static let file = "Pathways/data-analysis/foundations.yaml"

    /// The requirement tree both `pathway.yaml` and `pathway.json` describe.
    static let expectedTree = Requirement(.all([
        Requirement(.badge("spreadsheet-analysis"), id: "core-sheets"),
        Requirement(.badge("sql-querying"), earnedWithin: ISODuration(years: 3)),
        Requirement(.any([Requirement(.badge("dataviz-python")), Requirement(.badge("dataviz-tableau"))]),
                    label: "One visualisation badge"),
        Requirement(.countOf(2, [
            Requirement(.tag("statistics")),
            Requirement(.skill(SkillReference(framework: "esco", code: "http://data.europa.eu/esco/skill/abc"))),
            Requirement(.skill(SkillReference(framework: "sfia", code: "DTAN", level: 3))),
            Requirement(.pathway("research-methods")),
        ]), label: "Two electives in statistics or data skills"),
        Requirement(.countFrom(2, BadgeFilter(tags: ["data", "analytics"], issuers: ["https://example.edu"])),
                    label: "Two badges from the data track", shared: true),
        Requirement(.credits(Credits(Rational(3), .ects),
                             BadgeFilter(badges: ["a", "b"], tags: ["elective"],
                                         skills: [SkillReference(framework: "sfia", code: "PROG")],
                                         types: ["skill"])),
                    label: "Three credits of electives"),
        Requirement(.badge("analysis-memo"), label: "Findings memo, after the core",
                    earnedAfter: ["core-sheets", "sql-querying"], minResult: .label("meets")),
        Requirement(.tag("ethics"), earnedAfter: ["data-protection"], minResult: .number(Rational(141, 2))),
    ]))

    @Test("reads every node kind and modifier from YAML and JSON", arguments: ["pathway.yaml", "pathway.json"])
    func readsGoodPathway(fixture: String) throws {
        let pathway = try Pathway(definition: FixtureFile.text(fixture), file: fixture)
        #expect(pathway.id == "data-analysis-foundations")
        #expect(pathway.title == "Data Analysis: Foundations")
        #expect(pathway.version == "2026.1")
        #expect(pathway.awards == "data-analysis-foundations")
        #expect(pathway.credits == Credits(Rational(6), .ects))
        #expect(pathway.validity == ValidityRule(duration: ISODuration(years: 5), renewalWindow: ISODuration(months: 6)))
        #expect(pathway.conversions == [UnitConversion(from: .cats, to: .ects, ratio: Rational(1, 2))])
        #expect(pathway.requires.withoutSources == Self.expectedTree)
        #expect(pathway.source?.file == fixture)
    }

    @Test("attaches the position of each node's mapping")
    func nodeSources() throws {
        let pathway = try Pathway(definition: FixtureFile.text("pathway.yaml"), file: Self.file)
        #expect(pathway.source == SourceLocation(file: Self.file, line: 1, column: 1))
        #expect(pathway.requires.source == SourceLocation(file: Self.file, line: 10, column: 3))
        let children = pathway.requires.children
        #expect(children.first?.source == SourceLocation(file: Self.file, line: 11, column: 7))
        #expect(children[2].children.first?.source == SourceLocation(file: Self.file, line: 17, column: 11))
        let json = try Pathway(definition: FixtureFile.text("pathway.json"), file: "p.json")
        #expect(json.requires.children.first?.source == SourceLocation(file: "p.json", line: 11, column: 7))
    }

    @Test("keeps an unquoted version number as written", arguments: ["2026.1", "2026.10", "1.0", "7", "\"2026.1\""])
    func versionText(version: String) throws {
        let pathway = try Pathway(definition: "id: p\ntitle: T\nversion: \(version)\nrequires: { badge: a }\n",
                                  file: "p.yaml")
        #expect(pathway.version == version.replacingOccurrences(of: "\"", with: ""))
    }

    @Test("reports a node with two shapes at the node")
    func twoShapes() throws {
        let errors = formatErrors { _ = try Pathway(definition: FixtureFile.text("two-shapes.yaml"), file: "two.yaml") }
        #expect(errors.map(\.description) == [
            "two.yaml:6:7: a requirement has exactly one shape, but this one has 2: badge, tag",
        ])
    }

    @Test("reports a count of zero at the count")
    func countOfZero() throws {
        let errors = formatErrors { _ = try Pathway(definition: FixtureFile.text("count-zero.yaml"), file: "zero.yaml") }
        #expect(errors.map(\.description) == [#"zero.yaml:4:10: expected a positive whole number, found "0""#])
    }

    @Test("reports every problem in a file, in order")
    func manyProblems() throws {
        let errors = formatErrors { _ = try Pathway(definition: FixtureFile.text("many-problems.yaml"), file: "m.yaml") }
        #expect(errors.map(\.description) == [
            #"m.yaml:7:21: expected an ISO 8601 duration such as P2Y, found "five years""#,
            #"m.yaml:8:7: "count" needs "of" (a list of requirements) or "from" (a filter)"#,
            #"m.yaml:10:15: expected true or false, found "maybe""#,
            "m.yaml:12:13: an empty filter would match every badge; give at least one of: badge, tag, skill, issuer, type",
            #"m.yaml:13:7: "of" needs "count" (count: N, of: [requirements])"#,
        ])
    }

    @Test("refuses malformed requirement nodes", arguments: [
        ("requires: {}", "a requirement needs one of: badge, tag, skill, pathway, all, any, count, credits"),
        ("requires: { count: 2, of: [{ badge: a }], from: { tag: t } }", "not both"),
        ("requires: { count: two, of: [{ badge: a }] }", #"expected a positive whole number, found "two""#),
        ("requires: { count: 1.5, from: { tag: t } }", #"expected a positive whole number, found "1.5""#),
        ("requires: { badge: a, from: { tag: t } }", #""from" goes with "count" or "credits", not "badge""#),
        ("requires: { credits: { atLeast: 3, unit: ECTS } }", #""credits" needs "from""#),
        ("requires: { credits: { atLeast: 0, unit: ECTS }, from: { tag: t } }", "expected a positive number"),
        ("requires: { credits: { atLeast: 3 }, from: { tag: t } }", #"missing required key "unit""#),
        ("requires: { all: [] }", "expected at least one requirement in the list"),
        ("requires: { all: [ badge ] }", #"expected a mapping for a requirement, found "badge""#),
        ("requires: { any: { badge: a } }", "expected a list, found a mapping"),
        ("requires: { tag: t, colour: red }", #"unknown key "colour" in a requirement"#),
        ("requires: { skill: { framework: sfia } }", #"missing required key "code" in a skill"#),
        ("requires: { skill: { framework: sfia, code: X, level: high } }", "whole number"),
        ("requires: { count: 1, from: { tag: t, level: 3 } }", #"unknown key "level" in a filter"#),
        ("requires: { tag: t, earnedAfter: { a: b } }", "expected a string or a list of strings, found a mapping"),
        ("requires: { tag: t, minResult: [a] }", "expected a result label or a number, found a list"),
    ])
    func malformedNodes(requires: String, message: String) {
        let errors = formatErrors { _ = try Pathway(definition: "id: p\ntitle: T\n\(requires)\n", file: "p.yaml") }
        #expect(errors.count == 1)
        #expect(errors.first?.location.line == 3)
        #expect(errors.first?.message.contains(message) == true, "\(errors)")
    }

    @Test("requires id, title and requires")
    func missingTopLevelKeys() {
        let errors = formatErrors { _ = try Pathway(definition: "version: 1\n", file: "p.yaml") }
        #expect(errors.map(\.message) == [
            #"missing required key "id" in the pathway"#,
            #"missing required key "title" in the pathway"#,
            #"missing required key "requires" in the pathway"#,
        ])
    }

    @Test("reports a YAML syntax error with its position")
    func syntaxError() throws {
        let errors = formatErrors { _ = try Pathway(definition: FixtureFile.text("syntax-error.yaml"), file: "s.yaml") }
        #expect(errors.count == 1)
        let error = try #require(errors.first)
        #expect(error.location == SourceLocation(file: "s.yaml", line: 5, column: 1))
        #expect(error.message.hasPrefix("invalid YAML: did not find expected ',' or ']'"))
    }

    @Test("reports JSON syntax errors with their position")
    func jsonSyntaxError() {
        let errors = formatErrors { _ = try Pathway(definition: "{\n  \"id\": \"p\",\n  \"title\": \"T\"\n  \"requires\": {}\n}",
                                                file: "p.json") }
        #expect(errors.count == 1)
        #expect(errors.first?.location.line == 4)
        #expect(errors.first?.message.hasPrefix("invalid YAML") == true)
    }

    @Test("reads JSON indented with tabs and using escapes")
    func jsonTabsAndEscapes() throws {
        let text = "{\n\t\"id\": \"p\",\n\t\"title\": \"A \\\"quoted\\\" \\/ \\u00e9 title\",\n"
            + "\t\"requires\": {\n\t\t\"badge\": \"a\"\n\t}\n}\n"
        let pathway = try Pathway(definition: text, file: "p.json")
        #expect(pathway.title == "A \"quoted\" / é title")
        #expect(pathway.requires.source == SourceLocation(file: "p.json", line: 4, column: 14))
    }

    @Test("reports an empty file")
    func emptyFile() {
        let errors = formatErrors { _ = try Pathway(definition: "# nothing here\n", file: "p.yaml") }
        #expect(errors.map(\.description) == [
            "p.yaml:1:1: the file is empty; expected a pathway (a mapping with id, title and requires)",
        ])
    }
}
