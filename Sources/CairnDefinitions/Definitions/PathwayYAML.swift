public import CairnCore

/// Writes a pathway as the YAML file Cairn reads, so a pathway made elsewhere (imported from
/// a Credential Registry document or a Badgr export, or built in code) can be kept, edited and
/// audited as a file, and reads back to the same pathway.
///
/// Strings are double-quoted and numbers written exactly, as every YAML writer of this module
/// writes them (a decimal when one is exact, else a fraction such as `"1/3"`; a numeric
/// `minResult` stays unquoted, `1/3`, since a quoted one is a label). Every node of the
/// pathway language is written: `badge`, `tag`, `skill`, `pathway`, `all`, `any`, `count` + `of`,
/// `count` + `from`, `credits` + `from`, and the modifiers `id`, `label`, `earnedWithin`,
/// `earnedAfter`, `minResult`, `shared`, `alsoCountsFor` and `atMost` (and the pathway's `maxShared`).
public enum PathwayYAML {
    /// The pathway as YAML; `header` becomes `#` lines at the top.
    public static func text(_ pathway: Pathway, header: String? = nil) -> String {
        var lines: [String] = []
        if let header { lines += header.split(separator: "\n", omittingEmptySubsequences: false).map { "# \($0)" } }
        lines.append("id: \(quoted(pathway.id))")
        lines.append("title: \(quoted(pathway.title))")
        if let version = pathway.version { lines.append("version: \(quoted(version))") }
        if let effective = pathway.effective {
            let ends = [effective.from.map { "from: \($0)" }, effective.until.map { "until: \($0)" }].compactMap(\.self)
            lines.append("effective: { " + ends.joined(separator: ", ") + " }")
        }
        if let awards = pathway.awards { lines.append("awards: \(quoted(awards))") }
        if let credits = pathway.credits { lines.append("credits: " + creditsValue(credits)) }
        if let validity = pathway.validity { lines.append("validity: " + validityValue(validity)) }
        if !pathway.conversions.isEmpty {
            lines.append("conversions:")
            for conversion in pathway.conversions {
                lines.append("  - { from: \(quoted(conversion.from.name)), to: \(quoted(conversion.to.name)), "
                             + "ratio: \(number(conversion.ratio)) }")
            }
        }
        if !pathway.externalIDs.isEmpty { lines.append("externalIds: " + list(pathway.externalIDs.map(quoted))) }
        if let maxShared = pathway.maxShared { lines.append("maxShared: \(maxShared)") }
        if pathway.destinations.isEmpty {
            lines.append("requires:")
            lines += mappingLines(entries(pathway.requires), indent: 2)
        } else {
            lines += destinationLines(pathway)
        }
        lines += milestoneLines(pathway)
        return lines.joined(separator: "\n") + "\n"
    }

    /// One requirement node alone, as the mapping a `requires:` would hold (no indentation):
    /// what the CTDL writer keeps in its Cairn extension.
    public static func text(_ requirement: Requirement) -> String {
        mappingLines(entries(requirement), indent: 0).joined(separator: "\n") + "\n"
    }

    /// A value in a mapping: a scalar (or flow collection) on the key's line, or a block list
    /// of requirement nodes below it.
    private enum Value {
        case inline(String)
        case nodes([Requirement])
    }

    private static func entries(_ node: Requirement) -> [(String, Value)] {
        var entries: [(String, Value)] = []
        if let id = node.id { entries.append(("id", .inline(quoted(id)))) }
        if let label = node.label { entries.append(("label", .inline(quoted(label)))) }
        switch node.kind {
        case .badge(let badge): entries.append(("badge", .inline(quoted(badge))))
        case .tag(let tag): entries.append(("tag", .inline(quoted(tag))))
        case .skill(let skill): entries.append(("skill", .inline(skillValue(skill))))
        case .pathway(let pathway): entries.append(("pathway", .inline(quoted(pathway))))
        case .all(let children): entries.append(("all", .nodes(children)))
        case .any(let children): entries.append(("any", .nodes(children)))
        case .countOf(let count, let children):
            entries.append(("count", .inline(String(count))))
            entries.append(("of", .nodes(children)))
        case .countFrom(let count, let filter):
            entries.append(("count", .inline(String(count))))
            entries.append(("from", .inline(filterValue(filter))))
        case .credits(let credits, let filter):
            entries.append(("credits", .inline("{ atLeast: \(number(credits.value)), unit: \(quoted(credits.unit.name)) }")))
            entries.append(("from", .inline(filterValue(filter))))
        }
        if let within = node.earnedWithin { entries.append(("earnedWithin", .inline(quoted(within.description)))) }
        if !node.earnedAfter.isEmpty { entries.append(("earnedAfter", .inline(list(node.earnedAfter.map(quoted))))) }
        switch node.minResult {
        case .number(let value)?: entries.append(("minResult", .inline(value.terminatingDecimal ?? value.description)))
        case .label(let label)?: entries.append(("minResult", .inline(quoted(label))))
        case nil: break
        }
        if node.shared { entries.append(("shared", .inline("true"))) }
        if !node.alsoCountsFor.isEmpty { entries.append(("alsoCountsFor", .inline(list(node.alsoCountsFor.map(quoted))))) }
        if !node.atMost.isEmpty { entries.append(("atMost", .inline(list(node.atMost.map(limitValue))))) }
        return entries
    }

    /// A block mapping at `indent` spaces; a list of nodes goes two spaces deeper, each item's
    /// mapping two further still, its first key on the dash's line.
    private static func mappingLines(_ fields: [(String, Value)], indent: Int) -> [String] {
        let pad = String(repeating: " ", count: indent)
        var lines: [String] = []
        for (key, value) in fields {
            switch value {
            case .inline(let text):
                lines.append("\(pad)\(key): \(text)")
            case .nodes(let children):
                lines.append("\(pad)\(key):")
                for child in children {
                    var item = mappingLines(entries(child), indent: indent + 4)
                    if let first = item.first {
                        item[0] = pad + "  - " + first.dropFirst(indent + 4)
                    }
                    lines += item
                }
            }
        }
        return lines
    }

    /// `destinations:`, each with its own `requires` (a component shared by several is written
    /// in each; it reads back as the same requirement).
    private static func destinationLines(_ pathway: Pathway) -> [String] {
        var lines = ["destinations:"]
        for (destination, tree) in zip(pathway.destinations, pathway.destinations.map(\.requires)) {
            lines.append("  - id: \(quoted(destination.id))")
            lines.append("    title: \(quoted(destination.title))")
            if let awards = destination.awards { lines.append("    awards: \(quoted(awards))") }
            lines.append("    requires:")
            lines += mappingLines(entries(tree), indent: 6)
        }
        return lines
    }

    private static func milestoneLines(_ pathway: Pathway) -> [String] {
        guard !pathway.milestones.isEmpty else { return [] }
        return ["milestones:"] + pathway.milestones.map { milestone in
            "  - { requirement: \(quoted(milestone.requirement)), awards: \(quoted(milestone.awards))"
                + (milestone.title.map { ", title: \(quoted($0))" } ?? "") + " }"
        }
    }

    private static func filterValue(_ filter: BadgeFilter) -> String {
        var parts: [String] = []
        if !filter.badges.isEmpty { parts.append("badge: " + list(filter.badges.map(quoted))) }
        if !filter.tags.isEmpty { parts.append("tag: " + list(filter.tags.map(quoted))) }
        if !filter.skills.isEmpty { parts.append("skill: " + list(filter.skills.map(skillValue))) }
        if !filter.issuers.isEmpty { parts.append("issuer: " + list(filter.issuers.map(quoted))) }
        if !filter.types.isEmpty { parts.append("type: " + list(filter.types.map(quoted))) }
        return "{ " + parts.joined(separator: ", ") + " }"
    }

    private static func limitValue(_ limit: RequirementLimit) -> String {
        let measure = switch limit.measure {
        case .count(let count): "count: \(count)"
        case .credits(let credits): "credits: " + creditsValue(credits)
        }
        return "{ \(measure), from: \(filterValue(limit.filter)) }"
    }

    private static func skillValue(_ skill: SkillReference) -> String {
        var parts = ["framework: \(quoted(skill.framework))", "code: \(quoted(skill.code))"]
        if let level = skill.level { parts.append("level: \(level)") }
        if skill.includeNarrower { parts.append("includeNarrower: true") }
        return "{ " + parts.joined(separator: ", ") + " }"
    }

    private static func creditsValue(_ credits: Credits) -> String {
        "{ value: \(number(credits.value)), unit: \(quoted(credits.unit.name)) }"
    }

    private static func validityValue(_ rule: ValidityRule) -> String {
        var parts: [String] = []
        if let duration = rule.duration { parts.append("duration: \(quoted(duration.description))") }
        if rule.anchor != .issued { parts.append("anchor: \(quoted(rule.anchor.rawValue))") }
        if let window = rule.renewalWindow { parts.append("renewalWindow: \(quoted(window.description))") }
        if let grace = rule.grace { parts.append("grace: \(quoted(grace.description))") }
        if let renewal = rule.renewal {
            var renewalParts: [String] = []
            if !renewal.refreshers.isEmpty { renewalParts.append("badge: " + list(renewal.refreshers.map(quoted))) }
            if let evidence = renewal.evidence { renewalParts.append("evidence: \(quoted(evidence))") }
            parts.append("renewal: { " + renewalParts.joined(separator: ", ") + " }")
        }
        if rule.followsComponents { parts.append("followsComponents: true") }
        return "{ " + parts.joined(separator: ", ") + " }"
    }

    private static func number(_ value: Rational) -> String {
        YAMLScalar.number(value)
    }

    private static func list(_ items: [String]) -> String {
        "[" + items.joined(separator: ", ") + "]"
    }

    private static func quoted(_ text: String) -> String {
        YAMLScalar.string(text)
    }
}
