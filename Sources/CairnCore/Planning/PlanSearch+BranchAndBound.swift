extension PlanSearch {
    /// How long the subgradient steps run on one branch.
    struct Effort {
        var rootIterations = 400
        var branchIterations = 60
    }

    /// Finds the cheapest plan, exploring at most `branchLimit` branches.
    func run(branchLimit: Int, effort: Effort = Effort()) -> Result {
        var state = SearchState(search: self)
        let items = costs.count
        var shares = [Double](repeating: 0, count: optionItem.count)
        var itemShare = [Double](repeating: 0, count: items)
        // Start with each item's cost split evenly between the shared leaves that may take it
        // and, together, the non-shared ones.
        for option in sharedOptions {
            let item = optionItem[option]
            let sharedTakers = optionsOfItem[item].count { shared[optionLeaf[$0]] }
            let others = optionsOfItem[item].contains { !shared[optionLeaf[$0]] } ? 1 : 0
            shares[option] = costValues[item] / Double(sharedTakers + others)
            itemShare[item] += shares[option]
        }
        let root = Branch(fixed: [Int8](repeating: Self.open, count: optionItem.count),
                          nodeFixed: [Int8](repeating: Self.open, count: nodes.count), bound: -.infinity, depth: 0,
                          prices: Prices(surcharge: [Double](repeating: 0, count: items), shares: shares, itemShare: itemShare))
        // Lowest bound first (deepest on ties), with plunges.
        var queue = BranchQueue(first: root) { lhs, rhs in
            lhs.bound < rhs.bound || (lhs.bound == rhs.bound && lhs.depth > rhs.depth)
        }
        var branches = 0
        while let branch = queue.next() {
            if state.cannotImprove(on: branch.bound) { continue }
            branches += 1
            if branches > branchLimit {
                return Result(best: state.best, isExhaustive: false, branches: branches - 1)
            }
            let iterations = branch.depth == 0 ? effort.rootIterations : effort.branchIterations
            guard let split = explore(branch, iterations: iterations, state: &state) else { continue }
            let other: Int8 = split.leaning == Self.forced ? Self.forbidden : Self.forced
            queue.push(child(of: branch, deciding: split.choice, to: other, bound: split.bound, prices: split.prices))
            queue.dive(into: child(of: branch, deciding: split.choice, to: split.leaning, bound: split.bound, prices: split.prices))
        }
        return Result(best: state.best, isExhaustive: true, branches: branches)
    }

    /// The best plan so far, and what the search needs to compare against it.
    struct SearchState {
        var best: Outcome?
        var bestValue = Double.infinity
        var scratch: Scratch
        var repairScratch: Scratch
        let granularity: Double
        /// More than any plan can cost (every item bought), for branches before a plan is known.
        let ceiling: Double

        init(search: PlanSearch) {
            scratch = search.makeScratch()
            repairScratch = search.makeScratch()
            granularity = search.granularity
            ceiling = search.costValues.reduce(0, +) + max(search.granularity, 1)
        }

        /// What the prices aim the bound at: the best plan, or, before one is known, above any
        /// plan, so that a branch with no plan at all shows it by a bound past the ceiling.
        var target: Double { best == nil ? ceiling + 1 : bestValue }

        /// Whether a branch whose plans all cost at least `bound` cannot hold a cheaper plan
        /// than the best: totals are multiples of `granularity`, so a bound above the best
        /// minus one step means "no cheaper". The margin covers floating-point error.
        func cannotImprove(on bound: Double) -> Bool {
            guard best != nil else { return bound > ceiling }
            let margin = 1e-9 * max(1, abs(bestValue))
            return granularity > 0 ? bound - margin > bestValue - granularity : bound - margin >= bestValue
        }

        mutating func offer(_ outcome: Outcome) {
            if let best, outcome.cost >= best.cost { return }
            best = outcome
            bestValue = outcome.cost.doubleValue
        }
    }

    /// What a branch splits on.
    enum Choice {
        /// Whether a node is chosen.
        case node(Int)
        /// Whether an item fills a leaf.
        case option(Int)
    }

    struct Split {
        var choice: Choice
        /// The side the relaxation mostly took.
        var leaning: Int8
        var bound: Double
        var prices: Prices
    }

    func child(of branch: Branch, deciding choice: Choice, to decision: Int8, bound: Double, prices: Prices) -> Branch {
        var fixed = branch.fixed
        var nodeFixed = branch.nodeFixed
        let option: Int
        switch choice {
        case .node(let node):
            nodeFixed[node] = decision
            return Branch(fixed: fixed, nodeFixed: nodeFixed, bound: bound, depth: branch.depth + 1, prices: prices)
        case .option(let decided):
            option = decided
        }
        fixed[option] = decision
        let leaf = optionLeaf[option]
        if decision == Self.forced, !shared[leaf] {
            // An item fills one non-shared leaf at most.
            for other in optionsOfItem[optionItem[option]] where other != option && !shared[optionLeaf[other]] {
                fixed[other] = Self.forbidden
            }
        }
        return Branch(fixed: fixed, nodeFixed: nodeFixed, bound: bound, depth: branch.depth + 1, prices: prices)
    }

    /// Tightens the bound of one branch by subgradient steps, offering every plan it meets on
    /// the way; returns where to split it, or `nil` when it is closed (cut or infeasible).
    func explore(_ branch: Branch, iterations: Int, state: inout SearchState) -> Split? {
        prepare(branch, &state.scratch)
        var prices = branch.prices
        var bestBound = -Double.infinity
        var bestPrices = prices
        var snapshot: (picks: [[Int]], chosen: [Bool], uses: [Int])?
        var sharedTaken = [Bool](repeating: false, count: optionItem.count)
        var step = 2.0
        var stalled = 0
        // How often each node and option is chosen over the later steps: an estimate of the
        // fractional solution the bound converges to, to split where it is most undecided.
        var nodeChosen = [Int](repeating: 0, count: nodes.count)
        var optionChosen = [Int](repeating: 0, count: optionItem.count)
        var counted = 0
        let countFrom = max(iterations, 1) / 3
        for iteration in 0..<max(iterations, 1) {
            let value = relax(branch.fixed, nodeFixed: branch.nodeFixed, prices: prices, &state.scratch)
            // Prices never make a part fillable or not: infinite at once means infeasible.
            guard value.isFinite else { return nil }
            countUses(&state.scratch, sharedTaken: &sharedTaken)
            if iteration >= countFrom {
                counted += 1
                for node in nodes.indices where state.scratch.chosen[node] {
                    nodeChosen[node] += 1
                    if case .leaf(let leaf) = nodes[node].combine {
                        for option in state.scratch.leafPicks[leaf] { optionChosen[option] += 1 }
                    }
                }
            }
            if value > bestBound {
                bestBound = value
                bestPrices = prices
                snapshot = (state.scratch.leafPicks, state.scratch.chosen, state.scratch.uses)
                stalled = 0
            } else {
                stalled += 1
                if stalled >= 5 {
                    step /= 2
                    stalled = 0
                }
            }
            offerPlan(from: state.scratch, fixed: branch.fixed, state: &state)
            if state.cannotImprove(on: bestBound) { return nil }
            // The subgradient: how far each priced rule is from holding.
            var norm = 0.0
            var surchargeMoves: [(Int, Double)] = []
            for item in contested {
                let move = Double(state.scratch.uses[item] - 1)
                if move < 0, prices.surcharge[item] <= 0 { continue }
                surchargeMoves.append((item, move))
                norm += move * move
            }
            var shareMoves: [(Int, Double)] = []
            for option in sharedOptions where !state.scratch.paid[optionItem[option]] {
                let move = (sharedTaken[option] ? 1.0 : 0) - Double(state.scratch.uses[optionItem[option]])
                if move == 0 || (move < 0 && prices.shares[option] <= 0) { continue }
                shareMoves.append((option, move))
                norm += move * move
            }
            if norm == 0 || step < 0.005 { break }
            let target = state.target
            let length = step * max(target - value, granularity > 0 ? granularity : 1e-6) / norm
            for (item, move) in surchargeMoves { prices.surcharge[item] = max(0, prices.surcharge[item] + length * move) }
            if !shareMoves.isEmpty {
                for (option, move) in shareMoves { prices.shares[option] = max(0, prices.shares[option] + length * move) }
                normaliseShares(&prices)
            }
        }
        guard let snapshot else { return nil }
        if counted > 0, let undecided = mostUndecided(branch, nodeChosen: nodeChosen, optionChosen: optionChosen, of: counted) {
            return Split(choice: undecided.choice, leaning: undecided.share >= 0.5 ? Self.forced : Self.forbidden,
                         bound: bestBound, prices: bestPrices)
        }
        guard let option = splitOption(snapshot, fixed: branch.fixed, prices: bestPrices, scratch: state.scratch) else { return nil }
        return Split(choice: .option(option), leaning: Self.forced, bound: bestBound, prices: bestPrices)
    }

    /// The open choice the relaxation takes most nearly half the time: a child of a `count` or
    /// `any` first (the shallowest), else an option.
    func mostUndecided(_ branch: Branch, nodeChosen: [Int], optionChosen: [Int], of total: Int) -> (choice: Choice, share: Double)? {
        func share(_ count: Int) -> Double { Double(count) / Double(total) }
        func undecided(_ count: Int) -> Double { min(share(count), 1 - share(count)) }
        var best: (node: Int, score: Double, depth: Int)?
        for index in nodes.indices where branch.nodeFixed[index] == Self.open && nodes[index].parent >= 0 {
            guard case .atLeast = nodes[nodes[index].parent].combine else { continue }
            let score = undecided(nodeChosen[index])
            guard score >= 0.05 else { continue }
            let depth = self.depth(of: index)
            if best.map({ depth < $0.depth || (depth == $0.depth && score > $0.score) }) ?? true {
                best = (index, score, depth)
            }
        }
        if let best { return (.node(best.node), share(nodeChosen[best.node])) }
        var option: (index: Int, score: Double)?
        for index in optionItem.indices where branch.fixed[index] == Self.open {
            let score = undecided(optionChosen[index])
            if score >= 0.05, option.map({ score > $0.score }) ?? true { option = (index, score) }
        }
        return option.map { (.option($0.index), share(optionChosen[$0.index])) }
    }

    func depth(of node: Int) -> Int {
        var depth = 0
        var current = nodes[node].parent
        while current >= 0 {
            depth += 1
            current = nodes[current].parent
        }
        return depth
    }

    /// Counts, per item, the chosen non-shared leaves that take it, and marks the shared
    /// leaves' picks.
    func countUses(_ scratch: inout Scratch, sharedTaken: inout [Bool]) {
        for index in scratch.uses.indices { scratch.uses[index] = 0 }
        for option in sharedOptions { sharedTaken[option] = false }
        for leaf in leafNodes.indices where scratch.chosen[leafNodes[leaf]] {
            for option in scratch.leafPicks[leaf] {
                if shared[leaf] { sharedTaken[option] = true } else { scratch.uses[optionItem[option]] += 1 }
            }
        }
    }

    /// Keeps each item's shares within its cost.
    func normaliseShares(_ prices: inout Prices) {
        for item in prices.itemShare.indices { prices.itemShare[item] = 0 }
        for option in sharedOptions { prices.itemShare[optionItem[option]] += prices.shares[option] }
        for option in sharedOptions {
            let item = optionItem[option]
            let total = prices.itemShare[item]
            if total > costValues[item], total > 0 { prices.shares[option] *= costValues[item] / total }
        }
        for item in prices.itemShare.indices { prices.itemShare[item] = 0 }
        for option in sharedOptions { prices.itemShare[optionItem[option]] += prices.shares[option] }
    }

    /// Where to split a branch whose bound did not close it: an item two leaves both take
    /// (the dearest such), else an item a shared leaf takes without paying it all, else any
    /// open pick. `nil` when every pick is already decided: then the relaxation's plan is the
    /// branch's cheapest, and it has been offered.
    func splitOption(_ snapshot: (picks: [[Int]], chosen: [Bool], uses: [Int]), fixed: [Int8], prices: Prices,
                     scratch: Scratch) -> Int? {
        var clash: (option: Int, cost: Double)?
        var partlyPaid: Int?
        var anyOpen: Int?
        for leaf in leafNodes.indices where snapshot.chosen[leafNodes[leaf]] {
            for option in snapshot.picks[leaf] where fixed[option] == Self.open {
                let item = optionItem[option]
                if anyOpen == nil { anyOpen = option }
                if shared[leaf] {
                    if partlyPaid == nil, !scratch.paid[item], snapshot.uses[item] == 0, prices.shares[option] < costValues[item] {
                        partlyPaid = option
                    }
                } else if snapshot.uses[item] >= 2, clash.map({ costValues[item] > $0.cost }) ?? true {
                    clash = (option, costValues[item])
                }
            }
        }
        return clash?.option ?? partlyPaid ?? anyOpen
    }

    /// Offers the relaxation's plan when no item fills two non-shared leaves; otherwise
    /// repairs it, keeping its choice of parts, and offers the repair.
    func offerPlan(from scratch: Scratch, fixed: [Int8], state: inout SearchState) {
        let chosenLeaves = leafNodes.indices.filter { scratch.chosen[leafNodes[$0]] }
        let clashes = chosenLeaves.contains { leaf in
            !shared[leaf] && scratch.leafPicks[leaf].contains { scratch.uses[optionItem[$0]] >= 2 }
        }
        if !clashes {
            state.offer(outcome(chosenLeaves.map { ($0, scratch.leafPicks[$0]) }))
            return
        }
        if let repaired = repair(chosenLeaves, fixed: fixed, scratch: &state.repairScratch) {
            state.offer(outcome(repaired))
        }
    }

    /// Fills the chosen leaves one at a time at true prices, each non-shared leaf from the
    /// items no other has taken; leaves with the fewest choices go first.
    func repair(_ chosenLeaves: [Int], fixed: [Int8], scratch: inout Scratch) -> [(Int, [Int])]? {
        var fixed = fixed
        var bought = [Bool](repeating: false, count: costs.count)
        let order = chosenLeaves.sorted { lhs, rhs in
            if shared[lhs] != shared[rhs] { return !shared[lhs] }
            let left = (optionStart[lhs]..<optionStart[lhs + 1]).count { fixed[$0] != Self.forbidden }
            let right = (optionStart[rhs]..<optionStart[rhs + 1]).count { fixed[$0] != Self.forbidden }
            return left != right ? left < right : lhs < rhs
        }
        var result: [(Int, [Int])] = []
        for leaf in order {
            let value = fillLeaf(leaf, fixed: fixed, scratch: &scratch) { option in
                bought[optionItem[option]] ? 0 : costValues[optionItem[option]]
            }
            guard value.isFinite else { return nil }
            let picks = scratch.leafPicks[leaf]
            for option in picks {
                let item = optionItem[option]
                bought[item] = true
                guard !shared[leaf] else { continue }
                for other in optionsOfItem[item] where other != option && !shared[optionLeaf[other]] {
                    fixed[other] = Self.forbidden
                }
            }
            result.append((leaf, picks))
        }
        return result
    }

    /// A plan from leaf picks (option indices), with its exact total: each item paid once.
    func outcome(_ leafPicks: [(Int, [Int])]) -> Outcome {
        var picks = [[Int]](repeating: [], count: leafNodes.count)
        var seen = Set<Int>()
        var cost = Rational.zero
        for (leaf, options) in leafPicks {
            picks[leaf] = options.map { optionItem[$0] }
            for option in options where seen.insert(optionItem[option]).inserted { cost += costs[optionItem[option]] }
        }
        return Outcome(picks: picks, cost: cost)
    }
}

