public import CairnCore
public import CairnSyntax
import Yams

extension Pathway {
    /// The keys a pathway may have at its top level.
    static let definitionKeys = ["id", "title", "version", "awards", "credits", "validity", "conversions", "externalIds",
                                        "requires", "maxShared", "destinations", "milestones"]
        + ["effective"]

    /// Reads a pathway (as the README's pathway language defines it) from YAML or JSON text.
    ///
    /// ```yaml
    /// id: data-analysis-foundations                # required
    /// title: "Data Analysis: Foundations"          # required
    /// version: "2026.1"                            # kept as written, even unquoted
    /// effective: { from: 2026-01-01, until: 2027-01-01 }  # the days this version applies (until exclusive)
    /// awards: data-analysis-foundations
    /// credits: { value: 6, unit: ECTS }
    /// validity: { duration: P5Y }
    /// conversions: [{ from: US-semester-hours, to: ECTS, ratio: 2 }]
    /// externalIds: ["https://credentialengineregistry.org/resources/ce-…"]   # its ids elsewhere
/// maxShared: 1                                 # at most 1 badge counts twice through alsoCountsFor
    /// requires:                                    # required: one requirement node
    ///   all:
    ///     - badge: spreadsheet-analysis
    ///     - { count: 2, of: [{ tag: statistics }, { pathway: research-methods }] }
    ///     - { credits: { atLeast: 3, unit: ECTS }, from: { tag: elective } }
    /// ```
    ///
    /// A requirement node has exactly one shape — `badge`, `tag`, `skill`, `pathway`, `all`,
    /// `any`, `count` + `of`, `count` + `from`, or `credits` + `from` — and may carry `id`,
    /// `label`, `earnedWithin`, `earnedAfter`, `minResult`, `shared`, `alsoCountsFor` and `atMost`. Every node's `source`
    /// is the position of its mapping.
    ///
    /// - Parameters:
    ///   - definition: The file's text.
    ///   - file: The path used in ``FormatError`` locations and in the `source` of each value.
    /// - Throws: ``FormatErrors`` listing every problem found, each with its line and column.
    public init(definition: String, file: String) throws(FormatErrors) {
        self = try DefinitionReader.read(definition, file: file,
                                         expected: "a pathway (a mapping with id, title and requires)") {
            $0.pathway($1)
        }
    }
}

extension DefinitionReader {
    func pathway(_ root: Node) -> Pathway? {
        guard var fields = fields(root, "the pathway", allowed: Pathway.definitionKeys,
                                  required: ["id", "title"]) else { return nil }
        let id = fields.read("id", string)
        let title = fields.read("title", string)
        let version = fields.read("version", string)
        let awards = fields.read("awards", string)
        let credits = fields.read("credits", credits)
        let validity = fields.read("validity", validity)
        let conversions = fields["conversions"].map(conversions) ?? []
        let externalIDs = fields.read("externalIds", strings) ?? []
        let maxShared = fields.read("maxShared") { wholeNumber($0, atLeast: 0) }
        let effective = fields.read("effective", effectivePeriod)
        let destinations = fields.read("destinations", destinations) ?? []
        let milestones = fields.read("milestones", milestones) ?? []
        let requires = fields.read("requires", requirement)
            ?? (destinations.isEmpty ? nil : Pathway.requirement(reachingOneOf: destinations))
        checkRequiresOrDestinations(fields)
        if let requires { checkMilestones(milestones, in: requires) }
        guard fields.isValid, let id, let title, let requires else { return nil }
        return Pathway(id: id, title: title, version: version, awards: awards, credits: credits,
                       validity: validity, conversions: conversions, externalIDs: externalIDs, effective: effective,
                       maxShared: maxShared, destinations: destinations, milestones: milestones, requires: requires,
                       source: fields.location)
    }
}

extension DefinitionReader {
    /// `effective: {from: DATE, until: DATE}`: the days a version of a pathway is in effect,
    /// `until` exclusive; either end may be left open, not both.
    func effectivePeriod(_ node: Node) -> EffectivePeriod? {
        guard var fields = fields(node, "the effective period", allowed: ["from", "until"]) else { return nil }
        let from = fields.read("from", date)
        let until = fields.read("until", date)
        guard fields.isValid else { return nil }
        guard from != nil || until != nil else {
            fail("the effective period needs \"from\", \"until\" or both", at: node)
            return nil
        }
        if let from, let until, until <= from {
            fail("\"until\" (\(until)) must be after \"from\" (\(from)): until is the first day it no longer applies",
                 at: fields["until"] ?? node)
            return nil
        }
        return EffectivePeriod(from: from, until: until)
    }
}
