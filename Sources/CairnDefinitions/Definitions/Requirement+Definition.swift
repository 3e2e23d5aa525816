import CairnCore
import CairnSyntax
import Yams

extension Requirement {
    /// The keys that give a requirement node its shape; a node has exactly one.
    static let shapeKeys = ["badge", "tag", "skill", "pathway", "all", "any", "count", "credits"]
    /// Keys that complete a shape: `count` + `of` or `from`, `credits` + `from`.
    static let companionKeys = ["of", "from"]
    /// Keys any node may carry.
    static let modifierKeys = ["id", "label", "earnedWithin", "earnedAfter", "minResult", "shared",
                               "alsoCountsFor", "atMost"]
    /// The keys a filter (`from`) may have.
    static let filterKeys = ["badge", "tag", "skill", "issuer", "type"]
}

extension DefinitionReader {
    /// Reads one node of the pathway language (as the README's pathway language defines it) and, recursively, its children.
    func requirement(_ node: Node) -> Requirement? {
        let allowed = Requirement.shapeKeys + Requirement.companionKeys + Requirement.modifierKeys
        guard var fields = fields(node, "a requirement", allowed: allowed) else { return nil }
        let kind = requirementKind(fields)
        if kind == nil { fields.isValid = false }
        let id = fields.read("id", string)
        let label = fields.read("label", string)
        let earnedWithin = fields.read("earnedWithin", duration)
        let earnedAfter = fields.read("earnedAfter", strings)
        let shared = fields.read("shared", bool)
        let minResult = fields.read("minResult", resultThreshold)
        let alsoCountsFor = fields.read("alsoCountsFor", strings)
        let atMost = fields.read("atMost", requirementLimits)
        guard fields.isValid, let kind else { return nil }
        return Requirement(kind, id: id, label: label, earnedWithin: earnedWithin, earnedAfter: earnedAfter ?? [],
                           minResult: minResult, shared: shared ?? false, alsoCountsFor: alsoCountsFor ?? [],
                           atMost: atMost ?? [], source: fields.location)
    }

    private func requirementKind(_ fields: DefinitionFields) -> Requirement.Kind? {
        let shapes = fields.keys.filter(Requirement.shapeKeys.contains)
        guard shapes.count == 1, let shape = shapes.first else {
            if shapes.count > 1 {
                fail("a requirement has exactly one shape, but this one has \(shapes.count): "
                     + shapes.joined(separator: ", "), at: fields.location)
            } else if fields.has("of") {
                fail("\"of\" needs \"count\" (count: N, of: [requirements])", at: fields.location)
            } else if fields.has("from") {
                fail("\"from\" needs \"count\" or \"credits\"", at: fields.location)
            } else {
                fail("a requirement needs one of: " + Requirement.shapeKeys.joined(separator: ", "),
                     at: fields.location)
            }
            return nil
        }
        // Companions are checked before the shape's own value so one mistake gives one message.
        switch shape {
        case "count":
            if fields.has("of") && fields.has("from") {
                fail("\"count\" takes either \"of\" (a list of requirements) or \"from\" (a filter), not both",
                     at: fields.location)
                return nil
            }
            if !fields.has("of") && !fields.has("from") {
                fail("\"count\" needs \"of\" (a list of requirements) or \"from\" (a filter)", at: fields.location)
                return nil
            }
        case "credits":
            if fields.has("of") {
                fail("\"of\" goes with \"count\", not \"credits\"; a credits requirement takes \"from\" (a filter)",
                     at: fields.location)
                return nil
            }
            if !fields.has("from") {
                fail("\"credits\" needs \"from\" (a filter of the badges whose credits count)", at: fields.location)
                return nil
            }
        default:
            for companion in Requirement.companionKeys where fields.has(companion) {
                let partner = companion == "of" ? "\"count\"" : "\"count\" or \"credits\""
                fail("\(quoted(companion)) goes with \(partner), not \(quoted(shape))", at: fields.location)
                return nil
            }
        }
        guard let value = fields[shape] else { return nil }
        switch shape {
        case "badge": return string(value).map { .badge($0) }
        case "tag": return string(value).map { .tag($0) }
        case "pathway": return string(value).map { .pathway($0) }
        case "skill": return skillReference(value, "a skill").map { .skill($0) }
        case "all": return children(value).map { .all($0) }
        case "any": return children(value).map { .any($0) }
        case "count":
            let count = wholeNumber(value, atLeast: 1)
            if let of = fields["of"] {
                let children = children(of)
                guard let count, let children else { return nil }
                return .countOf(count, children)
            }
            let filter = fields["from"].flatMap(filter)
            guard let count, let filter else { return nil }
            return .countFrom(count, filter)
        case "credits":
            let threshold = creditThreshold(value)
            let filter = fields["from"].flatMap(filter)
            guard let threshold, let filter else { return nil }
            return .credits(threshold, filter)
        default:
            return nil
        }
    }

    /// A non-empty list of requirement nodes; every child is read even after a bad one.
    private func children(_ node: Node) -> [Requirement]? {
        guard let entries = list(node) else { return nil }
        if entries.isEmpty {
            fail("expected at least one requirement in the list", at: node)
            return nil
        }
        let children = entries.compactMap(requirement)
        return children.count == entries.count ? children : nil
    }

    /// `{atLeast, unit}`.
    private func creditThreshold(_ node: Node) -> Credits? {
        guard let fields = fields(node, "a credits requirement", allowed: ["atLeast", "unit"],
                                  required: ["atLeast", "unit"]),
              let amountNode = fields["atLeast"], let unitNode = fields["unit"] else { return nil }
        let amount = rational(amountNode, positive: true)
        let unit = string(unitNode)
        guard let amount, let unit else { return nil }
        return Credits(amount, CreditUnit(unit))
    }

    /// A filter: any of `badge`, `tag`, `issuer`, `type` (a string or a list) and `skill`
    /// (a skill reference or a list); at least one value must be given.
    func filter(_ node: Node) -> BadgeFilter? {
        guard var fields = fields(node, "a filter", allowed: Requirement.filterKeys) else { return nil }
        var filter = BadgeFilter()
        filter.badges = fields.read("badge", strings) ?? []
        filter.tags = fields.read("tag", strings) ?? []
        filter.issuers = fields.read("issuer", strings) ?? []
        filter.types = fields.read("type", strings) ?? []
        filter.skills = fields.read("skill") { skillReferences($0, "a skill") } ?? []
        guard fields.isValid else { return nil }
        if filter.isEmpty {
            fail("an empty filter would match every badge; give at least one of: "
                 + Requirement.filterKeys.joined(separator: ", "), at: fields.location)
            return nil
        }
        return filter
    }
}
