public import CairnCore
import CairnSyntax

/// Writes a badge catalogue as the `badges.yaml` file Cairn reads, so a catalogue made from
/// another format (Open Badges achievements, CTDL components) can be reviewed, edited and kept
/// beside the pathways that name it, and reads back as the same catalogue.
public enum BadgeCatalogYAML {
    /// The catalogue as YAML, one badge class per block in the order given.
    ///
    /// Strings are double-quoted (JSON escapes, which YAML reads), so no text an issuer wrote is
    /// taken for a number, a date or a YAML structure; numbers are exact (`2/3` is quoted).
    /// - Parameter header: written first as `#` comment lines (where the catalogue came from).
    public static func text(_ catalog: BadgeCatalog, header: String? = nil) -> String {
        var lines: [String] = []
        if let header { lines += header.split(separator: "\n", omittingEmptySubsequences: false).map { "# \($0)" } }
        lines.append("issuer:")
        lines.append("  id: \(YAMLScalar.string(catalog.issuer.id))")
        lines.append("  name: \(YAMLScalar.string(catalog.issuer.name))")
        if !catalog.trustedKeys.isEmpty {
            lines.append("  keys:")
            for key in catalog.trustedKeys {
                if let file = key.file {
                    lines.append("    - { id: \(YAMLScalar.string(key.id)), file: \(YAMLScalar.string(file)) }")
                } else {
                    lines.append("    - \(YAMLScalar.string(key.id))")
                }
            }
        }
        if !catalog.results.isEmpty { lines.append("results: \(YAMLScalar.strings(catalog.results))") }
        if let unit = catalog.creditUnit { lines.append("creditUnit: \(YAMLScalar.string(unit.name))") }
        if !catalog.conversions.isEmpty {
            lines.append("conversions:")
            for conversion in catalog.conversions {
                lines.append("  - { from: \(YAMLScalar.string(conversion.from.name)), to: \(YAMLScalar.string(conversion.to.name)), "
                             + "ratio: \(YAMLScalar.number(conversion.ratio)) }")
            }
        }
        guard !catalog.badges.isEmpty else { return (lines + ["badges: []"]).joined(separator: "\n") + "\n" }
        lines.append("badges:")
        for (index, badge) in catalog.badges.enumerated() {
            if index > 0 { lines.append("") }
            lines += badgeLines(badge)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func badgeLines(_ badge: BadgeClass) -> [String] {
        var lines = ["  - id: \(YAMLScalar.string(badge.id))"]
        func field(_ key: String, _ value: String) { lines.append("    \(key): \(value)") }
        if !badge.achievementIDs.isEmpty { field("achievementIds", YAMLScalar.strings(badge.achievementIDs)) }
        field("name", YAMLScalar.string(badge.name))
        field("type", YAMLScalar.string(badge.type))
        if let description = badge.description { field("description", YAMLScalar.string(description)) }
        if let criteria = badge.criteria { field("criteria", YAMLScalar.string(criteria)) }
        if !badge.tags.isEmpty { field("tags", YAMLScalar.strings(badge.tags)) }
        if let credits = badge.credits {
            field("credits", "{ value: \(YAMLScalar.number(credits.value)), unit: \(YAMLScalar.string(credits.unit.name)) }")
        }
        if let hours = badge.effortHours { field("effort", "{ hours: \(YAMLScalar.number(hours)) }") }
        if let cost = badge.cost {
            field("cost", "{ amount: \(YAMLScalar.number(cost.amount)), currency: \(YAMLScalar.string(cost.currency)) }")
        }
        if let image = badge.image { field("image", YAMLScalar.string(image)) }
        if !badge.alignments.isEmpty {
            lines.append("    alignments:")
            for alignment in badge.alignments {
                var parts = ["framework: \(YAMLScalar.string(alignment.framework))", "code: \(YAMLScalar.string(alignment.code))"]
                if let level = alignment.level { parts.append("level: \(level)") }
                if alignment.includeNarrower { parts.append("includeNarrower: true") }
                lines.append("      - { " + parts.joined(separator: ", ") + " }")
            }
        }
        if let validity = badge.validity { field("validity", validityText(validity)) }
        return lines
    }

    private static func validityText(_ rule: ValidityRule) -> String {
        var parts: [String] = []
        if let duration = rule.duration { parts.append("duration: \(duration)") }
        if rule.anchor != .issued { parts.append("anchor: \(rule.anchor.rawValue)") }
        if let window = rule.renewalWindow { parts.append("renewalWindow: \(window)") }
        if let grace = rule.grace { parts.append("grace: \(grace)") }
        if let renewal = rule.renewal {
            var renewalParts: [String] = []
            if !renewal.refreshers.isEmpty { renewalParts.append("badge: \(YAMLScalar.strings(renewal.refreshers))") }
            if let evidence = renewal.evidence { renewalParts.append("evidence: \(YAMLScalar.string(evidence))") }
            parts.append("renewal: { " + renewalParts.joined(separator: ", ") + " }")
        }
        if rule.followsComponents { parts.append("followsComponents: true") }
        return "{ " + parts.joined(separator: ", ") + " }"
    }
}
