public import CairnCore
public import CairnSyntax
import Yams

extension Pathway {
    /// The keys a pathway may have at its top level.
    static let definitionKeys = ["id", "title", "version", "awards", "credits", "validity", "conversions", "externalIds",
                                        "requires", "destinations", "milestones"]

    /// Reads a pathway (as the README's pathway language defines it) from YAML or JSON text.
    ///
    /// ```yaml
    /// id: data-analysis-foundations                # required
    /// title: "Data Analysis: Foundations"          # required
    /// version: "2026.1"                            # kept as written, even unquoted
    /// awards: data-analysis-foundations
    /// credits: { value: 6, unit: ECTS }
    /// validity: { duration: P5Y }
    /// conversions: [{ from: US-semester-hours, to: ECTS, ratio: 2 }]
    /// externalIds: ["https://credentialengineregistry.org/resources/ce-…"]   # its ids elsewhere
    /// requires:                                    # required: one requirement node
    ///   all:
    ///     - badge: spreadsheet-analysis
    ///     - { count: 2, of: [{ tag: statistics }, { pathway: research-methods }] }
    ///     - { credits: { atLeast: 3, unit: ECTS }, from: { tag: elective } }
    /// ```
    ///
    /// A requirement node has exactly one shape — `badge`, `tag`, `skill`, `pathway`, `all`,
    /// `any`, `count` + `of`, `count` + `from`, or `credits` + `from` — and may carry `id`,
    /// `label`, `earnedWithin`, `earnedAfter`, `minResult` and `shared`. Every node's `source`
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
        let destinations = fields.read("destinations", destinations) ?? []
        let milestones = fields.read("milestones", milestones) ?? []
        let requires = fields.read("requires", requirement)
            ?? (destinations.isEmpty ? nil : Pathway.requirement(reachingOneOf: destinations))
        checkRequiresOrDestinations(fields)
        if let requires { checkMilestones(milestones, in: requires) }
        guard fields.isValid, let id, let title, let requires else { return nil }
        return Pathway(id: id, title: title, version: version, awards: awards, credits: credits,
                       validity: validity, conversions: conversions, externalIDs: externalIDs,
                       destinations: destinations, milestones: milestones, requires: requires, source: fields.location)
    }
}
