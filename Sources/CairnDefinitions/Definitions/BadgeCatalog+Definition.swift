public import CairnCore
public import CairnSyntax
import Yams

extension BadgeCatalog {
    /// The keys a badge catalogue may have at its top level.
    static let definitionKeys = ["issuer", "results", "conversions", "creditUnit", "badges"]
    /// The keys a badge class entry may have.
    static let badgeKeys = ["id", "name", "type", "description", "tags", "credits", "effort", "cost",
                            "alignments", "validity", "achievementIds", "image", "criteria"]

    /// Reads a badge catalogue (`badges.yaml`, see the README's file formats) from YAML or JSON text.
    ///
    /// ```yaml
    /// issuer: { id: "https://example.edu", name: Example University }
    /// results: [participated, meets, exceeds]      # lowest first
    /// conversions: [{ from: CATS, to: ECTS, ratio: 1/2 }]
    /// creditUnit: ECTS                             # the unit of this issuer's Open Badges credits
    /// badges:
    ///   - id: sql-querying                         # required
    ///     name: SQL Querying                       # required
    ///     type: skill                              # default "skill"
    ///     description: Writing SQL queries.
    ///     criteria: Pass the assessed query project.  # what earns it (Open Badges criteria)
    ///     tags: [data, elective]
    ///     credits: { value: 2, unit: ECTS }
    ///     effort: { hours: 20 }
    ///     cost: { amount: 150, currency: EUR }
    ///     alignments: [{ framework: sfia, code: DTAN, level: 3 }]
    ///     validity: { duration: P2Y, renewalWindow: P60D, grace: P30D }
    ///     achievementIds: ["https://example.edu/achievements/sql"]  # its Open Badges ids
    /// ```
    ///
    /// Every badge class gets the catalogue's issuer and, as its result scale, `results`.
    /// Numbers are read from their text, so `0.1` is exactly one tenth. Unknown keys, missing
    /// required keys and values of the wrong kind are errors; all of them in the file are reported.
    ///
    /// - Parameters:
    ///   - definition: The file's text.
    ///   - file: The path used in ``FormatError`` locations and in the `source` of each value.
    /// - Throws: ``FormatErrors`` listing every problem found, each with its line and column.
    public init(definition: String, file: String) throws(FormatErrors) {
        self = try DefinitionReader.read(definition, file: file,
                                         expected: "a badge catalogue (a mapping with issuer and badges)") {
            $0.badgeCatalog($1)
        }
    }
}

extension DefinitionReader {
    func badgeCatalog(_ root: Node) -> BadgeCatalog? {
        guard let fields = fields(root, "the badge catalogue", allowed: BadgeCatalog.definitionKeys,
                                  required: ["issuer", "badges"]) else { return nil }
        var issuer: Issuer?
        var trustedKeys: [TrustedKey] = []
        if let node = fields["issuer"],
           let issuerFields = self.fields(node, "the issuer", allowed: ["id", "name", "keys"], required: ["id", "name"]),
           let idNode = issuerFields["id"], let nameNode = issuerFields["name"] {
            let id = string(idNode)
            let name = string(nameNode)
            if let id, let name { issuer = Issuer(id: id, name: name) }
            if let keysNode = issuerFields["keys"], let entries = list(keysNode) {
                trustedKeys = entries.compactMap(trustedKey)
            }
        }
        let results = fields["results"].flatMap { node in list(node).map { $0.compactMap(string) } } ?? []
        let conversions = fields["conversions"].map(conversions) ?? []
        let creditUnit = fields["creditUnit"].flatMap(string).map { CreditUnit($0) }
        let resolvedIssuer = issuer ?? Issuer(id: "", name: "")
        var badges: [BadgeClass] = []
        if let node = fields["badges"], let entries = list(node) {
            badges = entries.compactMap { badgeClass($0, issuer: resolvedIssuer, results: results) }
        }
        guard let issuer else { return nil }
        return BadgeCatalog(issuer: issuer, results: results, badges: badges, conversions: conversions,
                            creditUnit: creditUnit, trustedKeys: trustedKeys, source: fields.location)
    }

    private func badgeClass(_ node: Node, issuer: Issuer, results: [String]) -> BadgeClass? {
        guard var fields = fields(node, "a badge", allowed: BadgeCatalog.badgeKeys, required: ["id", "name"])
        else { return nil }
        let id = fields.read("id", string)
        let name = fields.read("name", string)
        let type = fields.read("type", string)
        let description = fields.read("description", string)
        let tags = fields.read("tags", strings)
        let credits = fields.read("credits", credits)
        let effort = fields.read("effort") { node -> Rational? in
            guard let effort = self.fields(node, "effort", allowed: ["hours"], required: ["hours"]),
                  let hours = effort["hours"] else { return nil }
            return rational(hours, nonNegative: true)
        }
        let cost = fields.read("cost") { node -> Money? in
            guard let cost = self.fields(node, "cost", allowed: ["amount", "currency"],
                                         required: ["amount", "currency"]),
                  let amountNode = cost["amount"], let currencyNode = cost["currency"] else { return nil }
            let amount = rational(amountNode, nonNegative: true)
            let currency = string(currencyNode)
            guard let amount, let currency else { return nil }
            return Money(amount: amount, currency: currency)
        }
        let alignments = fields.read("alignments") { node -> [SkillReference]? in
            guard let entries = list(node) else { return nil }
            let references = entries.compactMap { skillReference($0, "an alignment") }
            return references.count == entries.count ? references : nil
        }
        let validity = fields.read("validity", validity)
        let achievementIDs = fields.read("achievementIds", strings)
        let image = fields.read("image", string)
        let criteria = fields.read("criteria", string)
        guard fields.isValid, let id, let name else { return nil }
        var badge = BadgeClass(id: id, name: name, issuer: issuer, type: type ?? "skill", tags: tags ?? [],
                          alignments: alignments ?? [], credits: credits, effortHours: effort, cost: cost,
                          validity: validity, description: description, resultScale: results,
                          source: fields.location)
        badge.achievementIDs = achievementIDs ?? []
        badge.image = image
        badge.criteria = criteria
        return badge
    }
}

extension DefinitionReader {
    /// A trusted key: a key id or DID as text, or `{id, file}` with a key file beside the catalogue.
    func trustedKey(_ node: Node) -> TrustedKey? {
        if case .scalar = node { return string(node).map { TrustedKey(id: $0) } }
        guard var entry = fields(node, "a trusted key", allowed: ["id", "file"], required: ["id", "file"]) else { return nil }
        let id = entry.read("id", string)
        let file = entry.read("file", string)
        guard entry.isValid, let id, let file else { return nil }
        return TrustedKey(id: id, file: file)
    }
}
