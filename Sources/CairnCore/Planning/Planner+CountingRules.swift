extension Planner {
    /// The cheapest plan on a pathway with `alsoCountsFor`, `maxShared` or `atMost`, whose rules
    /// the priced plan search does not know: a branch and bound over which offered classes to
    /// earn (cheapest first), asking ``SharedCountingSearch`` — exact under the rules — whether
    /// the held badges and the chosen classes complete the pathway.
    ///
    /// A branch is closed when it already costs as much as the best plan, or when even every
    /// class still undecided added to it could not complete the pathway (a limit only stops
    /// badges counting, so more badges never make completion harder). When `stepLimit`
    /// completion checks run out, the best plan found comes back not proven the cheapest.
    func runUnderCountingRules(stepLimit: Int) -> Plan {
        let audit = pathway.audit(record, asOf: asOf)
        var offered: [(position: Int, cost: Rational)] = []
        var seen: Set<Int> = []
        for list in options {
            for option in list {
                guard case .earn(let position) = option.item, seen.insert(position).inserted else { continue }
                offered.append((position, option.cost))
            }
        }
        offered.sort { ($0.cost, $0.position) < ($1.cost, $1.position) }
        var checks = 0
        var exact = true
        var best: (cost: Rational, picks: [Int: [Item]])?
        var chosen: [Int] = []

        /// Whether the held badges and `earning` complete the pathway, and how each leaf is filled.
        func completion(_ earning: [Int]) -> [Int: [Item]]? {
            checks += 1
            var earned = relevant.map(\.badge)
            var itemOfBadge: [Item] = relevant.indices.map { Item.held($0) }
            var badgeOfEarn: [Int: Int] = [:]
            for position in earning {
                badgeOfEarn[position] = earned.count
                earned.append(EarnedBadge(badgeClassID: pathway.classes[position]?.id ?? "", issued: asOf))
                itemOfBadge.append(.earn(position))
            }
            var candidates: [[Int]] = Array(repeating: [], count: pathway.leaves.count)
            var values: [[Double]] = Array(repeating: [], count: pathway.leaves.count)
            for (leaf, list) in options.enumerated() {
                var entries: [(badge: Int, value: Double)] = []
                for option in list {
                    switch option.item {
                    case .held(let index): entries.append((index, option.credit.doubleValue))
                    case .earn(let position):
                        if let badge = badgeOfEarn[position] { entries.append((badge, option.credit.doubleValue)) }
                    }
                }
                entries.sort { $0.badge < $1.badge }
                candidates[leaf] = entries.map(\.badge)
                if case .credits = pathway.leaves[leaf].demand { values[leaf] = entries.map(\.value) }
            }
            let instance = AssignmentSolver.Instance(nodes: pathway.nodes, leaves: pathway.leaves, candidates: candidates,
                                                     values: values, badgeCount: earned.count, earned: earned,
                                                     classIndex: pathway.classIndex)
            guard let rules = pathway.countingRules else { return nil }
            var search = SharedCountingSearch(instance: instance, rules: rules, budget: SolverLimits.default.maxSearchNodes)
            let result = search.run()
            if !result.isExact { exact = false }
            guard instance.exactProgress(of: result.assigned) == .one else { return nil }
            var picks: [Int: [Item]] = [:]
            for (leaf, badges) in result.assigned.enumerated() where !badges.isEmpty {
                picks[leaf] = badges.map { itemOfBadge[$0] }
            }
            return picks
        }

        func explore(_ index: Int, cost: Rational) {
            guard checks < stepLimit else { exact = false; return }
            if let best, cost >= best.cost { return }
            if let picks = completion(chosen) {
                best = (cost, picks)
                return
            }
            guard index < offered.count else { return }
            // Even every class still undecided would not complete it: nothing below can.
            guard completion(chosen + offered[index...].map(\.position)) != nil else { return }
            for next in index..<offered.count {
                let total = cost + offered[next].cost
                if let best, total >= best.cost { break }
                chosen.append(offered[next].position)
                explore(next + 1, cost: total)
                chosen.removeLast()
                if checks >= stepLimit { exact = false; return }
            }
        }
        explore(0, cost: .zero)
        let filling = best.map { Filling(cost: $0.cost, picks: $0.picks) }
        var plan = makePlan(filling: filling, optimal: exact, progress: audit.progress)
        plan.branches = checks
        if !audit.isExact {
            plan.notes.append("today's progress is the best the audit found within its search limit, not proven the most")
        }
        if filling == nil {
            plan.unfillable = unfillable(node: 0)
            if plan.unfillable.isEmpty {
                plan.unfillable = [exact
                    ? "each requirement can be filled on its own, but not all at once under the pathway's counting rules (alsoCountsFor, maxShared, atMost)"
                    : "no plan was found within the search limit (\(stepLimit) completion checks)"]
            }
        }
        return plan
    }
}
