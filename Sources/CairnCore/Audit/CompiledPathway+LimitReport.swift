extension CompiledPathway {
    /// How full each `atMost` limit is under an assignment: the distinct matching badges
    /// counted below its node, and their credits in the limit's unit.
    struct LimitUsage {
        var counted: [Int]
        var credit: [Rational]
        /// Per badge: the leaves it counts at.
        var leavesOfBadge: [[Int]]
    }

    func limitUsage(of assigned: [[Int]], earned: [EarnedBadge], rules: CountingRules) -> LimitUsage {
        var leavesOfBadge: [[Int]] = Array(repeating: [], count: earned.count)
        for (leaf, badges) in assigned.enumerated() { for badge in badges { leavesOfBadge[badge].append(leaf) } }
        var counted = Array(repeating: 0, count: rules.limits.count)
        var credit = Array(repeating: Rational.zero, count: rules.limits.count)
        for (index, limit) in rules.limits.enumerated() {
            for (badge, places) in leavesOfBadge.enumerated() where places.contains(where: { limit.covers[$0] }) {
                guard let position = classIndex[earned[badge].badgeClassID], limit.matches[position] else { continue }
                counted[index] += 1
                credit[index] += limit.creditValues[position] ?? .zero
            }
        }
        return LimitUsage(counted: counted, credit: credit, leavesOfBadge: leavesOfBadge)
    }

    /// Why `badge`, counted nowhere else, does not count at `leaf`: a limit over the leaf
    /// already has all it allows (`nil` when no limit stands in the way).
    func overLimit(_ badge: Int, at leaf: Int, use: LimitUsage, earned: [EarnedBadge]) -> RejectionReason? {
        guard let rules = countingRules, let position = classIndex[earned[badge].badgeClassID] else { return nil }
        for (index, limit) in rules.limits.enumerated() where limit.covers[leaf] && limit.matches[position] {
            guard !use.leavesOfBadge[badge].contains(where: { limit.covers[$0] }) else { continue }
            let full: Bool = switch limit.measure {
            case .count(let most): use.counted[index] + 1 > most
            case .credits(let most, _): use.credit[index] + (limit.creditValues[position] ?? .zero) > most
            }
            if full { return .overLimit(limit: limit.summary, requirement: nodes[limit.node].label) }
        }
        return nil
    }
}
