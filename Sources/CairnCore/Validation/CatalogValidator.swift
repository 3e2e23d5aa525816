/// Checks a catalog (and optionally learner records) for every problem at once: references to
/// badges, pathways, tags and skills that do not exist, pathways that contain each other,
/// counts larger than their children, unknown credit units and missing conversions, duplicate
/// ids, and requirements nothing in the catalogue could ever satisfy.
///
/// Problems that readers find (malformed dates and durations, unknown keys) are reported by
/// the readers; this validator sees only well-formed definitions.
public struct CatalogValidator: Sendable {
    public let catalog: Catalog

    public init(catalog: Catalog) {
        self.catalog = catalog
    }

    public func validate(learners: [LearnerRecord] = []) -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        issues += duplicateIDs()
        issues += pathwayVersionProblems()
        issues += units()
        issues += alignments()
        // Every version of every pathway: each problem names its own version's file.
        for pathway in catalog.allPathwayVersions {
            issues += references(in: pathway)
            issues += countingRuleProblems(in: pathway)
        }
        issues += cycles()
        for record in learners { issues += problems(in: record) }
        return issues
    }

    /// The earnings of `record` whose badge class no catalogue defines (nor the record's own
    /// credentials describe): they could never count, and a typo should not pass for a gap.
    public func problems(in record: LearnerRecord) -> [ValidationIssue] {
        let held = Set(record.heldClasses.map(\.id))
        return record.badges.filter { catalog.badgeClasses[$0.badgeClassID] == nil && !held.contains($0.badgeClassID) }.map { badge in
            ValidationIssue("learner \(record.learner) holds unknown badge class \"\(badge.badgeClassID)\""
                            + badgeHint(badge.badgeClassID), at: badge.source ?? record.source, unresolved: .badgeClass)
        }
    }

    private func duplicateIDs() -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        var seenBadges: [String: SourceLocation?] = [:]
        for catalogue in catalog.badgeCatalogs {
            for badge in catalogue.badges {
                if let first = seenBadges[badge.id] {
                    issues.append(ValidationIssue("duplicate badge class id \"\(badge.id)\"" + (first.map { " (first defined at \($0))" } ?? ""),
                                                  at: badge.source))
                } else {
                    seenBadges[badge.id] = badge.source
                }
            }
        }
        return issues
    }

    private func units() -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        for badge in catalog.badgeClasses.values.sorted(by: { $0.id < $1.id }) {
            if let unit = badge.credits?.unit, !catalog.knownUnits.contains(unit) {
                issues.append(unknownUnit(unit, at: badge.source))
            }
        }
        for pathway in catalog.sortedPathways {
            if let unit = pathway.credits?.unit, !catalog.knownUnits.contains(unit) {
                issues.append(unknownUnit(unit, at: pathway.source))
            }
        }
        return issues
    }

    /// Alignments to skills that no loaded framework has: to a framework that is not imported
    /// at all, or to a code the framework does not know.
    private func alignments() -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        for badge in catalog.badgeClasses.values.sorted(by: { $0.id < $1.id }) {
            for alignment in badge.alignments {
                guard let framework = catalog.frameworks[alignment.framework] else {
                    issues.append(ValidationIssue("badge \(badge.id) aligns to \(alignment.framework):\(alignment.code), "
                        + "but no framework \"\(alignment.framework)\" is imported (cairn frameworks import …) or kept in Frameworks/",
                        at: badge.source))
                    continue
                }
                if framework.skills[alignment.code] == nil {
                    issues.append(ValidationIssue("badge \(badge.id) aligns to \(alignment.code), which framework "
                        + "\(alignment.framework) has no skill for", at: badge.source))
                }
            }
        }
        return issues
    }

    private func unknownUnit(_ unit: CreditUnit, at location: SourceLocation?) -> ValidationIssue {
        let known = catalog.knownUnits.map(\.name).sorted().joined(separator: ", ")
        return ValidationIssue("unknown credit unit \"\(unit)\"; known units are \(known), or declare a conversion", at: location)
    }

    private func references(in pathway: Pathway) -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        let tags = catalog.tags
        var nodeIDs: [String: SourceLocation?] = [:]
        var sharedNodes: [String: Requirement] = [:]
        pathway.requires.forEachNode { node in
            guard let id = node.id else { return }
            // Destinations share components (a YAML alias repeats a node, id and all): a repeat of
            // the same requirement is one requirement, not a duplicate.
            let shape = node.ignoringSources
            if sharedNodes[id] == shape { return }
            sharedNodes[id] = shape
            if let first = nodeIDs[id] {
                issues.append(ValidationIssue("duplicate requirement id \"\(id)\" in pathway \(pathway.id)"
                                              + (first.map { " (first at \($0))" } ?? ""), at: node.source))
            } else {
                nodeIDs[id] = node.source
            }
        }
        if let awards = pathway.awards, catalog.badgeClasses[awards] == nil {
            issues.append(ValidationIssue("pathway \(pathway.id) awards unknown badge class \"\(awards)\"" + badgeHint(awards),
                                          at: pathway.source, unresolved: .badgeClass))
        }
        issues += destinationAndMilestoneProblems(in: pathway)
        func check(_ node: Requirement, ancestors: [String]) {
            let location = node.source ?? pathway.source
            let ownIDs = ancestors + (node.id.map { [$0] } ?? [])
            for name in node.earnedAfter {
                if ownIDs.contains(name) {
                    issues.append(ValidationIssue("earnedAfter names \"\(name)\", which contains this requirement", at: location))
                } else if nodeIDs[name] == nil && catalog.badgeClasses[name] == nil {
                    issues.append(ValidationIssue("earnedAfter names \"\(name)\", which is neither a requirement id of this pathway nor a badge class"
                                                  + ClosestIDs.hint(for: name, among: Array(nodeIDs.keys) + Array(catalog.badgeClasses.keys)),
                                                  at: location, unresolved: .badgeClass))
                }
            }
            var scale: Set<String> = []
            switch node.kind {
            case .badge(let id):
                if let badge = catalog.badgeClasses[id] { scale.formUnion(badge.resultScale) } else {
                    issues.append(ValidationIssue("unknown badge class \"\(id)\"" + badgeHint(id), at: location, unresolved: .badgeClass))
                }
            case .tag(let tag):
                if !tags.contains(tag) {
                    issues.append(ValidationIssue("no badge class carries the tag \"\(tag)\": the requirement cannot be met"
                                                  + ClosestIDs.hint(for: tag, among: tags), at: location, unresolved: .badgeClass))
                }
                scale.formUnion(classes { $0.tags.contains(tag) }.flatMap(\.resultScale))
            case .skill(let skill):
                issues += skillProblems(skill, at: location)
                let aligned = classes { $0.alignments.contains { catalog.covers($0, required: skill) } }
                if aligned.isEmpty {
                    issues.append(ValidationIssue("no badge class aligns to \(skill): the requirement cannot be met", at: location, unresolved: .badgeClass))
                }
                scale.formUnion(aligned.flatMap(\.resultScale))
            case .pathway(let id):
                if catalog.pathways[id] == nil {
                    issues.append(ValidationIssue("unknown pathway \"\(id)\"" + ClosestIDs.hint(for: id, among: catalog.pathways.keys),
                                                  at: location, unresolved: .pathway))
                }
            case .countOf(let count, let children):
                if count > children.count {
                    issues.append(ValidationIssue("count \(count) is larger than its \(children.count) requirements: it can never be met", at: location))
                }
            case .countFrom(_, let filter), .credits(_, let filter):
                issues += filterProblems(filter, tags: tags, at: location)
                let matching = classes { catalog.matches(filter, $0) }
                if matching.isEmpty {
                    issues.append(ValidationIssue("no badge class matches \(filter.summary): the requirement cannot be met", at: location, unresolved: .badgeClass))
                }
                scale.formUnion(matching.flatMap(\.resultScale))
                if case .credits(let amount, _) = node.kind {
                    if !catalog.knownUnits.contains(amount.unit) {
                        issues.append(unknownUnit(amount.unit, at: location))
                    }
                    let missing = Set(matching.compactMap { badge -> CreditUnit? in
                        guard let unit = badge.credits?.unit,
                              catalog.conversions.ratio(from: unit, to: amount.unit) == nil else { return nil }
                        return unit
                    })
                    for unit in missing.sorted(by: { $0.key < $1.key }) {
                        issues.append(ValidationIssue("no conversion from \(unit) to \(amount.unit) is declared, and badges matching \(filter.summary) carry \(unit)", at: location))
                    }
                    if !matching.isEmpty && matching.allSatisfy({ $0.credits == nil }) {
                        issues.append(ValidationIssue("no badge class matching \(filter.summary) declares credits: the requirement cannot be met", at: location))
                    }
                }
            case .all, .any:
                break
            }
            if case .label(let minimum) = node.minResult, !scale.isEmpty, !scale.contains(minimum) {
                issues.append(ValidationIssue("minResult \"\(minimum)\" is not on the result scale (\(scale.sorted().joined(separator: ", "))) of the badges it applies to", at: location))
            }
            for child in node.children { check(child, ancestors: ownIDs) }
        }
        check(pathway.requires, ancestors: [])
        return issues
    }

    /// `; did you mean "…"?` for an unknown badge class id, when one is close.
    func badgeHint(_ id: String) -> String {
        ClosestIDs.hint(for: id, among: catalog.badgeClasses.keys)
    }

    private func classes(_ predicate: (BadgeClass) -> Bool) -> [BadgeClass] {
        catalog.badgeClasses.values.filter(predicate).sorted { $0.id < $1.id }
    }

    private func skillProblems(_ skill: SkillReference, at location: SourceLocation?) -> [ValidationIssue] {
        guard let framework = catalog.frameworks[skill.framework] else {
            return [ValidationIssue("no framework \"\(skill.framework)\" is imported (cairn frameworks import …) "
                                    + "or kept in Frameworks/, so \(skill.code) cannot be checked", at: location)]
        }
        guard framework.skills[skill.code] == nil else { return [] }
        return [ValidationIssue("framework \(skill.framework) has no skill \"\(skill.code)\"", at: location)]
    }

    func filterProblems(_ filter: BadgeFilter, tags: Set<String>, at location: SourceLocation?) -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        for id in filter.badges where catalog.badgeClasses[id] == nil {
            issues.append(ValidationIssue("unknown badge class \"\(id)\" in filter" + badgeHint(id), at: location, unresolved: .badgeClass))
        }
        for tag in filter.tags where !tags.contains(tag) {
            issues.append(ValidationIssue("no badge class carries the tag \"\(tag)\"" + ClosestIDs.hint(for: tag, among: tags), at: location, unresolved: .badgeClass))
        }
        for skill in filter.skills { issues += skillProblems(skill, at: location) }
        return issues
    }

    /// Pathways that contain each other, each cycle reported once.
    private func cycles() -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        var reported: Set<Set<String>> = []
        for pathway in catalog.allPathwayVersions {
            do {
                let scope = pathway == catalog.pathways[pathway.id] ? catalog : catalog.revised(pathways: [pathway])
                _ = try CompiledPathway(pathway: pathway.id, catalog: scope)
            } catch {
                guard case .pathwayCycle(let ids) = error, reported.insert(Set(ids)).inserted else { continue }
                issues.append(ValidationIssue("pathways contain each other: \(ids.joined(separator: " → "))", at: pathway.source))
            }
        }
        return issues
    }
}
