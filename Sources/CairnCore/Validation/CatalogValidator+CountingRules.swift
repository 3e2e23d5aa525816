extension CatalogValidator {
    /// Problems with `alsoCountsFor`, `maxShared` and `atMost`: names that are no requirement
    /// of the pathway (or name the node itself, its ancestor or descendant, where a badge
    /// would count twice within one subtree), a cap nothing uses, and limits that cannot be
    /// applied.
    func countingRuleProblems(in pathway: Pathway) -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        var allIDs: Set<String> = []
        pathway.requires.forEachNode { node in if let id = node.id { allIDs.insert(id) } }
        func ids(below node: Requirement) -> Set<String> {
            var ids: Set<String> = []
            for child in node.children {
                child.forEachNode { if let id = $0.id { ids.insert(id) } }
            }
            return ids
        }
        var namesAny = false
        func check(_ node: Requirement, ancestors: [String]) {
            let location = node.source ?? pathway.source
            let below = node.alsoCountsFor.isEmpty ? [] : ids(below: node)
            for name in node.alsoCountsFor {
                namesAny = true
                if name == node.id {
                    issues.append(ValidationIssue("alsoCountsFor names \"\(name)\", this requirement itself: "
                                                  + "a badge never counts twice within one requirement", at: location))
                } else if ancestors.contains(name) {
                    issues.append(ValidationIssue("alsoCountsFor names \"\(name)\", which contains this requirement: "
                                                  + "a badge never counts twice within one requirement", at: location))
                } else if below.contains(name) {
                    issues.append(ValidationIssue("alsoCountsFor names \"\(name)\", which this requirement contains: "
                                                  + "a badge never counts twice within one requirement", at: location))
                } else if !allIDs.contains(name) {
                    issues.append(ValidationIssue("alsoCountsFor names \"\(name)\", which is no requirement id of pathway \(pathway.id)"
                                                  + ClosestIDs.hint(for: name, among: allIDs.sorted()), at: location))
                }
            }
            for limit in node.atMost { issues += limitProblems(limit, at: limit.source ?? location) }
            let own = ancestors + (node.id.map { [$0] } ?? [])
            for child in node.children { check(child, ancestors: own) }
        }
        check(pathway.requires, ancestors: [])
        if let cap = pathway.maxShared {
            if cap < 0 {
                issues.append(ValidationIssue("maxShared is \(cap): it must be 0 or more", at: pathway.source))
            } else if !namesAny {
                issues.append(ValidationIssue("maxShared has no effect: no requirement of pathway \(pathway.id) names "
                                              + "alsoCountsFor (remove it, or name where badges may also count)", at: pathway.source))
            }
        }
        return issues
    }

    private func limitProblems(_ limit: RequirementLimit, at location: SourceLocation?) -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        if limit.filter.isEmpty {
            issues.append(ValidationIssue("an atMost limit needs a filter (from:) that names what it limits", at: location))
        }
        let named = filterProblems(limit.filter, tags: catalog.tags, at: location)
        issues += named
        let matching = catalog.badgeClasses.values.filter { catalog.matches(limit.filter, $0) }
        if !limit.filter.isEmpty && matching.isEmpty && named.isEmpty {
            issues.append(ValidationIssue("no badge class matches \(limit.filter.summary): the atMost limit never applies",
                                          at: location, unresolved: .badgeClass))
        }
        switch limit.measure {
        case .count(let count) where count < 0:
            issues.append(ValidationIssue("atMost count is \(count): it must be 0 or more", at: location))
        case .count:
            break
        case .credits(let amount):
            if amount.value < .zero {
                issues.append(ValidationIssue("atMost credits is \(amount): it must be 0 or more", at: location))
            }
            if !catalog.knownUnits.contains(amount.unit) {
                let known = catalog.knownUnits.map(\.name).sorted().joined(separator: ", ")
                issues.append(ValidationIssue("unknown credit unit \"\(amount.unit)\" in atMost; known units are \(known), "
                                              + "or declare a conversion", at: location))
            }
            let missing = Set(matching.compactMap { badge -> CreditUnit? in
                guard let unit = badge.credits?.unit, catalog.conversions.ratio(from: unit, to: amount.unit) == nil else { return nil }
                return unit
            })
            for unit in missing.sorted(by: { $0.key < $1.key }) {
                issues.append(ValidationIssue("no conversion from \(unit) to \(amount.unit) is declared, and badges matching "
                                              + "\(limit.filter.summary) carry \(unit)", at: location))
            }
        }
        return issues
    }
}
