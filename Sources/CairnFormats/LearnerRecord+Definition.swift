import CairnCore
import Yams

extension LearnerRecord {
    /// The keys a learner record may have at its top level.
    static let definitionKeys = ["learner", "badges"]
    /// The keys an earned-badge entry may have.
    static let earnedBadgeKeys = ["badge", "issued", "expires", "revoked", "result", "evidence"]

    /// Reads a learner record (DESIGN §4) from YAML or JSON text.
    ///
    /// ```yaml
    /// learner: alice                                  # required
    /// badges:
    ///   - { badge: sql-querying, issued: 2025-03-01 } # badge and issued are required
    ///   - { badge: dataviz-python, issued: 2025-06-10, expires: 2027-06-10, result: exceeds }
    ///   - { badge: data-cleaning, issued: 2024-01-15, revoked: true, evidence: [https://example.org/x] }
    /// ```
    ///
    /// Dates are `YYYY-MM-DD`, read from the text as written. A `result` written as a number
    /// is a numeric result; anything else is a label on the catalogue's scale. Entries of the
    /// form `{credential: path}` (Open Badges files) are not read yet and are reported as errors.
    ///
    /// - Parameters:
    ///   - definition: The file's text.
    ///   - file: The path used in ``FormatError`` locations and in the `source` of each value.
    /// - Throws: ``FormatErrors`` listing every problem found, each with its line and column.
    public init(definition: String, file: String) throws(FormatErrors) {
        self = try DefinitionReader.read(definition, file: file,
                                         expected: "a learner record (a mapping with learner and badges)") {
            $0.learnerRecord($1)
        }
    }
}

extension DefinitionReader {
    func learnerRecord(_ root: Node) -> LearnerRecord? {
        guard let fields = fields(root, "the learner record", allowed: LearnerRecord.definitionKeys,
                                  required: ["learner"]) else { return nil }
        let learner = fields["learner"].flatMap(string)
        var badges: [EarnedBadge] = []
        if let node = fields["badges"], let entries = list(node) {
            badges = entries.compactMap(earnedBadge)
        }
        guard let learner else { return nil }
        return LearnerRecord(learner: learner, badges: badges, source: fields.location)
    }

    private func earnedBadge(_ node: Node) -> EarnedBadge? {
        if case .mapping(let mapping) = node, let credential = mapping["credential"] {
            let path = credential.plainText ?? (credential.isNull ? nil : credential.string)
            fail("Open Badges credential files are not read yet"
                 + (path.map { " (credential \(quoted($0)))" } ?? "")
                 + "; list the badge as { badge, issued } instead", at: node)
            return nil
        }
        guard var fields = fields(node, "an earned badge", allowed: LearnerRecord.earnedBadgeKeys,
                                  required: ["badge", "issued"]) else { return nil }
        let badge = fields.read("badge", string)
        let issued = fields.read("issued", date)
        let expires = fields.read("expires", date)
        let revoked = fields.read("revoked", bool)
        let evidence = fields.read("evidence", strings)
        let result = fields.read("result", badgeResult)
        guard fields.isValid, let badge, let issued else { return nil }
        if let expires, expires <= issued {
            fail("\"expires\" (\(expires)) must be after \"issued\" (\(issued))", at: fields["expires"] ?? node)
            return nil
        }
        return EarnedBadge(badgeClassID: badge, issued: issued, expires: expires, revoked: revoked ?? false,
                           result: result, evidence: evidence ?? [], source: fields.location)
    }
}
