extension CompiledPathway.Builder {
    /// The pathway's counting rules on the expanded tree, or `nil` when it uses none of
    /// `alsoCountsFor`, `maxShared` and `atMost` (a nested pathway's nodes included).
    ///
    /// A name that is no requirement id of its pathway, or that names the node itself, an
    /// ancestor or a descendant, allows nothing (the validator reports it): a badge never
    /// counts twice within one requirement's own subtree.
    /// - Throws: ``AuditError/missingConversion(from:to:badge:at:)`` for a credit limit over
    ///   badges whose unit has no declared conversion.
    func countingRules(maxShared: Int?) throws(AuditError) -> CountingRules? {
        guard !alsoCountsFor.isEmpty || !atMost.isEmpty || maxShared != nil else { return nil }
        var partners: [Set<Int>] = Array(repeating: [], count: leaves.count)
        var places: [[Int: Int]] = Array(repeating: [:], count: leaves.count)
        for (node, names, scope) in alsoCountsFor {
            let here = leafIndices(under: node).filter { !leaves[$0].shared }
            for name in names {
                guard let other = nodeIDs["\(scope)/\(name)"], !isAncestor(node, of: other),
                      !isAncestor(other, of: node) else { continue }
                let there = leafIndices(under: other).filter { !leaves[$0].shared }
                for a in here {
                    for b in there where a != b {
                        partners[a].insert(b)
                        partners[b].insert(a)
                        if places[a][b] == nil { places[a][b] = other }
                        if places[b][a] == nil { places[b][a] = node }
                    }
                }
            }
        }
        var limits: [CompiledLimit] = []
        for (node, nodeLimits) in atMost {
            var covers = Array(repeating: false, count: leaves.count)
            for leaf in leafIndices(under: node) { covers[leaf] = true }
            for limit in nodeLimits {
                let matches = classes.map { badgeClass in badgeClass.map { catalog.matches(limit.filter, $0) } ?? false }
                var compiled = CompiledLimit(node: node, covers: covers, measure: .count(0), matches: matches, summary: "")
                switch limit.measure {
                case .count(let count):
                    compiled.measure = .count(count)
                    compiled.summary = "at most \(count) \(count == 1 ? "badge" : "badges") matching \(limit.filter.summary)"
                case .credits(let amount):
                    compiled.measure = .credits(amount.value, amount.unit)
                    compiled.summary = "at most \(amount) from badges matching \(limit.filter.summary)"
                    for (position, badgeClass) in classes.enumerated() where matches[position] {
                        guard let declared = badgeClass?.credits else { continue }
                        guard let ratio = catalog.conversions.ratio(from: declared.unit, to: amount.unit) else {
                            throw .missingConversion(from: declared.unit, to: amount.unit, badge: badgeClass?.id ?? "",
                                                     at: badgeClass?.source)
                        }
                        compiled.creditValues[position] = declared.value * ratio
                    }
                }
                limits.append(compiled)
            }
        }
        return CountingRules(partners: partners.map { $0.sorted() }, places: places, maxShared: maxShared, limits: limits)
    }

    /// The leaves at or below `node`.
    private func leafIndices(under node: Int) -> [Int] {
        switch nodes[node].combine {
        case .leaf(let leaf): [leaf]
        default: nodes[node].children.flatMap { leafIndices(under: $0) }
        }
    }

    /// Whether `ancestor` is `node` or above it (parents have smaller indices than children).
    private func isAncestor(_ ancestor: Int, of node: Int) -> Bool {
        var current = node
        while current > ancestor { current = nodes[current].parent }
        return current == ancestor
    }
}
