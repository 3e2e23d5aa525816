extension CompiledPathway {
    /// Exact progress and satisfaction of every node for an assignment (as the README's pathway language defines it).
    func exactProgress(of assigned: [[Int]], earned: [EarnedBadge])
        -> (root: Rational, progress: [Rational], satisfied: [Bool], credits: [Rational]) {
        var progress = Array(repeating: Rational.zero, count: nodes.count)
        var satisfied = Array(repeating: false, count: nodes.count)
        var credits = Array(repeating: Rational.zero, count: leaves.count)
        for index in stride(from: nodes.count - 1, through: 0, by: -1) {
            let children = nodes[index].children
            switch nodes[index].combine {
            case .leaf(let leaf):
                switch leaves[leaf].demand {
                case .slots(let n):
                    let count = min(assigned[leaf].count, n)
                    progress[index] = Rational(count, max(n, 1))
                    satisfied[index] = assigned[leaf].count >= n
                case .credits(let target, _):
                    var sum = Rational.zero
                    for badge in assigned[leaf] {
                        let position = classIndex[earned[badge].badgeClassID] ?? -1
                        sum += leaves[leaf].creditValues[position] ?? .zero
                    }
                    credits[leaf] = sum
                    satisfied[index] = sum >= target
                    progress[index] = target <= .zero ? .one : min(sum / target, .one)
                }
            case .all:
                var sum = Rational.zero
                for child in children { sum += progress[child] }
                progress[index] = children.isEmpty ? .one : sum / Rational(children.count)
                satisfied[index] = children.allSatisfy { satisfied[$0] }
            case .atLeast(let n):
                let top = children.map { progress[$0] }.sorted(by: >).prefix(n)
                progress[index] = top.reduce(.zero, +) / Rational(max(n, 1))
                satisfied[index] = children.filter { satisfied[$0] }.count >= n
            }
        }
        return (progress.first ?? .zero, progress, satisfied, credits)
    }

    /// Builds the explanation tree for the chosen assignment.
    func report(_ solved: [[Int]], earned: [EarnedBadge], screening: Screening,
                thresholds: [Int: CalendarDate?]) -> AuditNode {
        let assigned = trimmingSurplusCredits(solved, earned: earned)
        let exact = exactProgress(of: assigned, earned: earned)
        var countedIn = Array(repeating: -1, count: earned.count)
        // Badges counted twice (through `alsoCountsFor`): the leaf each counts at first.
        var firstCountedIn = Array(repeating: -1, count: earned.count)
        for (leaf, badges) in assigned.enumerated() where !leaves[leaf].shared {
            for badge in badges {
                if countedIn[badge] >= 0 { firstCountedIn[badge] = countedIn[badge] }
                countedIn[badge] = leaf
            }
        }
        let limitUse = countingRules.map { limitUsage(of: assigned, earned: earned, rules: $0) }
        /// The other leaf a badge counted twice counts at, and the requirement that made the pair there.
        func elsewhere(_ badge: Int, from leaf: Int) -> (leaf: RequirementReference, within: RequirementReference?)? {
            guard firstCountedIn[badge] >= 0 else { return nil }
            let other = countedIn[badge] == leaf ? firstCountedIn[badge] : countedIn[badge]
            guard other != leaf else { return nil }
            let node = nodes[leaves[other].node]
            let place = countingRules?.places[leaf][other].flatMap { $0 == leaves[other].node ? nil : nodes[$0] }
            return (RequirementReference(id: node.id, label: node.label),
                    place.map { RequirementReference(id: $0.id, label: $0.label) })
        }
        func build(_ index: Int) -> AuditNode {
            let node = nodes[index]
            var result = AuditNode(kind: node.kind, id: node.id, label: node.label,
                                   isSatisfied: exact.satisfied[index], progress: exact.progress[index],
                                   children: node.children.map(build), isShared: node.shared)
            switch node.combine {
            case .all: result.needed = node.children.count
            case .atLeast(let count): result.needed = count
            case .leaf: break
            }
            guard case .leaf(let leafIndex) = node.combine else { return result }
            let leaf = leaves[leafIndex]
            var unit: CreditUnit?
            if case .credits(_, let creditUnit) = leaf.demand {
                unit = creditUnit
                result.countedCredits = Credits(exact.credits[leafIndex], creditUnit)
            }
            result.assigned = assigned[leafIndex].map { badge in
                let position = classIndex[earned[badge].badgeClassID] ?? -1
                let other = leaf.shared ? nil : elsewhere(badge, from: leafIndex)
                return CountedBadge(badge: earned[badge].badgeClassID, issued: earned[badge].issued,
                                    credits: unit.flatMap { unit in leaf.creditValues[position].map { Credits($0, unit) } },
                                    alsoCountedFor: other?.leaf, alsoCountedWithin: other?.within)
            }
            let here = Set(assigned[leafIndex])
            for match in screening.matches[leafIndex] where !here.contains(match.badge) {
                let badge = earned[match.badge]
                let reason = match.reason
                    ?? (thresholds.isEmpty ? nil : orderConflict(badge: badge, leaf: leafIndex, thresholds: thresholds))
                    ?? (countedIn[match.badge] >= 0 && countedIn[match.badge] != leafIndex && !leaf.shared
                        ? .usedElsewhere(requirement: nodes[leaves[countedIn[match.badge]].node].label) : nil)
                    ?? limitUse.flatMap { overLimit(match.badge, at: leafIndex, use: $0, earned: earned) }
                    ?? .notNeeded
                result.rejected.append(RejectedBadge(badge: badge.badgeClassID, issued: badge.issued, reason: reason))
            }
            return result
        }
        return build(0)
    }

    /// Drops, latest first, badges a credits leaf does not need to reach its amount, so the
    /// explanation lists only what counts.
    private func trimmingSurplusCredits(_ assigned: [[Int]], earned: [EarnedBadge]) -> [[Int]] {
        var trimmed = assigned
        for (leafIndex, leaf) in leaves.enumerated() {
            guard case .credits(let target, _) = leaf.demand else { continue }
            let value: (Int) -> Rational = { badge in
                leaf.creditValues[self.classIndex[earned[badge].badgeClassID] ?? -1] ?? .zero
            }
            var total = trimmed[leafIndex].reduce(Rational.zero) { $0 + value($1) }
            for badge in trimmed[leafIndex].reversed() where total - value(badge) >= target {
                total -= value(badge)
                trimmed[leafIndex].removeAll { $0 == badge }
            }
        }
        return trimmed
    }
}
