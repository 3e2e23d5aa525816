/// The exact search behind plans: a branch and bound over which badge fills which requirement,
/// bounded by a Lagrangian relaxation.
///
/// The relaxation lets every requirement take its own cheapest badges, and every `count`/`any`
/// take its own cheapest children, independently — that is cheap to solve exactly. The rule
/// "a badge counts once" is priced instead of enforced: a badge wanted by two requirements gets
/// a surcharge, which subgradient steps raise until the requirements stop competing for it.
/// Any surcharges give a lower bound, so the bound is sound whatever the steps; good steps make
/// it tight. A `shared` requirement may reuse a badge bought for another, so a badge's cost is
/// split between the shared requirements and the rest, with the shares tuned the same way.
///
/// The search branches on one badge at one requirement (it fills it, or it does not) and
/// explores the lowest bound first. Plans' totals are exact rationals; only the bounds are
/// floating point, compared with a margin, and a branch is cut when its bound shows it cannot
/// beat the best plan by at least the smallest step between two totals.
struct PlanSearch {
    enum Demand {
        /// This many distinct items.
        case slots(Int)
        /// Items whose credits reach the amount.
        case credits(Rational)
    }

    struct Leaf {
        var demand: Demand
        var shared: Bool
        /// The items that can fill it, in order of preference on equal cost, with their credits.
        var items: [Int]
        var credits: [Rational]
    }

    struct Outcome {
        /// Per leaf: the items it takes (empty for leaves the plan does not use).
        var picks: [[Int]]
        var cost: Rational
    }

    struct Result {
        var best: Outcome?
        /// `true` when the search finished: `best` is the cheapest, or no plan exists.
        var isExhaustive: Bool
        var branches: Int
    }

    // MARK: The problem, flattened

    let nodes: [CompiledNode]
    let leafNodes: [Int]
    let costs: [Rational]
    let costValues: [Double]
    let demands: [Demand]
    let shared: [Bool]
    /// Options are (leaf, item) pairs, numbered leaf by leaf.
    let optionStart: [Int]
    let optionItem: [Int]
    let optionCredit: [Rational]
    /// Credits in whole units of the leaf's step, for the knapsack; `nil` for a leaf whose
    /// credits are too fine-grained, which uses an exact search instead.
    let optionUnits: [Int]
    let needUnits: [Int?]
    let optionLeaf: [Int]
    let optionsOfItem: [[Int]]
    /// Items that two non-shared leaves could both take: only these carry a surcharge.
    let contested: [Int]
    /// Options of shared leaves: only these carry a share.
    let sharedOptions: [Int]
    /// The smallest step between two plan totals (0 when it cannot be computed).
    let granularity: Double

    init(nodes: [CompiledNode], leafNodes: [Int], costs: [Rational], leaves: [Leaf]) {
        self.nodes = nodes
        self.leafNodes = leafNodes
        self.costs = costs
        costValues = costs.map(\.doubleValue)
        demands = leaves.map(\.demand)
        shared = leaves.map(\.shared)
        var start = [0]
        var items: [Int] = []
        var credits: [Rational] = []
        var units: [Int] = []
        var needs: [Int?] = []
        var ofItem = [[Int]](repeating: [], count: costs.count)
        var leafOfOption: [Int] = []
        for (leafIndex, leaf) in leaves.enumerated() {
            let first = items.count
            for (item, credit) in zip(leaf.items, leaf.credits) {
                ofItem[item].append(items.count)
                leafOfOption.append(leafIndex)
                items.append(item)
                credits.append(credit)
            }
            start.append(items.count)
            if case .credits(let amount) = leaf.demand, let scaled = Self.units(of: Array(credits[first...]), need: amount) {
                units += scaled.units
                needs.append(scaled.need)
            } else {
                units += [Int](repeating: 0, count: items.count - first)
                needs.append(nil)
            }
        }
        optionStart = start
        optionItem = items
        optionCredit = credits
        optionUnits = units
        needUnits = needs
        optionLeaf = leafOfOption
        optionsOfItem = ofItem
        contested = ofItem.indices.filter { item in ofItem[item].count { !leaves[leafOfOption[$0]].shared } >= 2 }
        sharedOptions = items.indices.filter { leaves[leafOfOption[$0]].shared }
        granularity = Self.step(of: costs)
    }

    /// Credits and need as whole multiples of their greatest common step, when the knapsack
    /// over them stays small.
    static func units(of credits: [Rational], need: Rational) -> (units: [Int], need: Int)? {
        let values = credits + [need]
        guard let step = Rational.commonStep(values), step > .zero else { return nil }
        var units: [Int] = []
        for value in credits {
            let ratio = value / step
            guard ratio.isInteger, let (unit, _) = ratio.smallParts else { return nil }
            units.append(unit)
        }
        let total = need / step
        guard total.isInteger, let (needed, _) = total.smallParts,
              needed <= 20_000, needed * max(credits.count, 1) <= 4_000_000 else { return nil }
        return (units.map { min($0, needed) }, needed)
    }

    static func step(of costs: [Rational]) -> Double {
        Rational.commonStep(costs.filter { $0 > .zero })?.doubleValue ?? 0
    }

    // MARK: Branches

    /// What a branch has decided: each option forced (the item fills that leaf), forbidden or
    /// open, and each node forced (chosen), forbidden (left out) or open.
    struct Branch {
        var fixed: [Int8]
        var nodeFixed: [Int8]
        var bound: Double
        var depth: Int
        /// Warm start for the prices.
        var prices: Prices
    }

    static let open: Int8 = 0
    static let forced: Int8 = 1
    static let forbidden: Int8 = -1

    /// Prices of the relaxation: a surcharge per item (the price of counting once) and, per
    /// option of a shared leaf, the part of the item's cost that leaf pays.
    struct Prices {
        var surcharge: [Double]
        /// Per option; only shared leaves' options are used.
        var shares: [Double]
        /// Per item: the sum of its shares, which the non-shared leaves do not pay.
        var itemShare: [Double]
    }

    /// Working memory reused across relaxations.
    struct Scratch {
        var leafValue: [Double]
        var leafPicks: [[Int]]       // option indices
        var nodeValue: [Double]
        var chosen: [Bool]           // per node
        var mandatory: [Bool]        // per node
        var paid: [Bool]             // per item: forced somewhere, so its cost is in the constant
        var constant: Double
        var uses: [Int]              // per item: chosen non-shared leaves that take it
        var buffer: [(Double, Int)]
        var dp: [Double]
        var take: [Bool]
        var from: [Int]
    }

    func makeScratch() -> Scratch {
        Scratch(leafValue: [Double](repeating: 0, count: leafNodes.count), leafPicks: [[Int]](repeating: [], count: leafNodes.count),
                nodeValue: [Double](repeating: 0, count: nodes.count), chosen: [Bool](repeating: false, count: nodes.count),
                mandatory: [Bool](repeating: false, count: nodes.count), paid: [Bool](repeating: false, count: costs.count),
                constant: 0, uses: [Int](repeating: 0, count: costs.count), buffer: [], dp: [], take: [], from: [])
    }

    /// Marks the items paid for and the nodes that must be chosen under a branch's decisions.
    func prepare(_ branch: Branch, _ scratch: inout Scratch) {
        let fixed = branch.fixed
        for index in scratch.mandatory.indices { scratch.mandatory[index] = false }
        for index in scratch.paid.indices { scratch.paid[index] = false }
        scratch.mandatory[0] = true
        for start in nodes.indices where branch.nodeFixed[start] == Self.forced {
            var node = start
            while node >= 0, !scratch.mandatory[node] {
                scratch.mandatory[node] = true
                node = nodes[node].parent
            }
        }
        var constant = 0.0
        for leaf in leafNodes.indices {
            for option in optionStart[leaf]..<optionStart[leaf + 1] where fixed[option] == Self.forced {
                let item = optionItem[option]
                if !scratch.paid[item] {
                    scratch.paid[item] = true
                    constant += costValues[item]
                }
                var node = leafNodes[leaf]
                while node >= 0, !scratch.mandatory[node] {
                    scratch.mandatory[node] = true
                    node = nodes[node].parent
                }
            }
        }
        scratch.constant = constant
    }

    /// Solves the relaxation at `prices`: its value (`infinity` when some chosen part cannot
    /// be filled even with badges counted twice), with the chosen nodes and leaf picks in
    /// `scratch`.
    func relax(_ fixed: [Int8], nodeFixed: [Int8], prices: Prices, _ scratch: inout Scratch) -> Double {
        let paid = scratch.paid
        for leaf in leafNodes.indices {
            scratch.leafValue[leaf] = fillLeaf(leaf, fixed: fixed, scratch: &scratch) { option in
                let item = optionItem[option]
                if shared[leaf] { return paid[item] ? 0 : prices.shares[option] }
                return (paid[item] ? 0 : costValues[item] - prices.itemShare[item]) + prices.surcharge[item]
            }
        }
        for index in stride(from: nodes.count - 1, through: 0, by: -1) {
            let node = nodes[index]
            switch node.combine {
            case .leaf(let leaf):
                scratch.nodeValue[index] = scratch.leafValue[leaf]
            case .all:
                scratch.nodeValue[index] = node.children.reduce(0) { $0 + scratch.nodeValue[$1] }
            case .atLeast(let needed):
                scratch.nodeValue[index] = pickChildren(of: index, needed: needed, scratch: scratch).value
            }
            if nodeFixed[index] == Self.forbidden { scratch.nodeValue[index] = .infinity }
        }
        let value = scratch.nodeValue[0]
        guard value.isFinite else { return .infinity }
        for index in scratch.chosen.indices { scratch.chosen[index] = false }
        scratch.chosen[0] = true
        for index in nodes.indices where scratch.chosen[index] {
            switch nodes[index].combine {
            case .leaf: break
            case .all: for child in nodes[index].children { scratch.chosen[child] = true }
            case .atLeast(let needed):
                for child in pickChildren(of: index, needed: needed, scratch: scratch).children { scratch.chosen[child] = true }
            }
        }
        var surcharges = 0.0
        for item in contested { surcharges += prices.surcharge[item] }
        return scratch.constant + value - surcharges
    }

    /// The mandatory children and the cheapest others, `needed` in all (more when more are mandatory).
    func pickChildren(of index: Int, needed: Int, scratch: Scratch) -> (value: Double, children: [Int]) {
        let children = nodes[index].children
        var value = 0.0
        var picked: [Int] = []
        var others: [(Double, Int)] = []
        for child in children {
            if scratch.mandatory[child] {
                value += scratch.nodeValue[child]
                picked.append(child)
            } else if scratch.nodeValue[child].isFinite {
                others.append((scratch.nodeValue[child], child))
            }
        }
        let missing = needed - picked.count
        if missing > 0 {
            guard others.count >= missing else { return (.infinity, []) }
            others.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
            for entry in others.prefix(missing) {
                value += entry.0
                picked.append(entry.1)
            }
        }
        return (value, picked)
    }

    /// The cheapest way to fill one leaf at the given prices, honouring forced and forbidden
    /// options; the picks go to `scratch.leafPicks[leaf]`.
    func fillLeaf(_ leaf: Int, fixed: [Int8], scratch: inout Scratch, price: (Int) -> Double) -> Double {
        let range = optionStart[leaf]..<optionStart[leaf + 1]
        scratch.leafPicks[leaf].removeAll(keepingCapacity: true)
        var value = 0.0
        var forcedCount = 0
        var forcedCredit = Rational.zero
        var forcedUnits = 0
        for option in range where fixed[option] == Self.forced {
            value += price(option)
            forcedCount += 1
            forcedCredit += optionCredit[option]
            forcedUnits += optionUnits[option]
            scratch.leafPicks[leaf].append(option)
        }
        switch demands[leaf] {
        case .slots(let count):
            let missing = count - forcedCount
            guard missing >= 0 else { return .infinity }
            if missing == 0 { return value }
            if missing == 1 {
                var best = -1
                var bestPrice = Double.infinity
                for option in range where fixed[option] == Self.open {
                    let candidate = price(option)
                    if candidate < bestPrice {
                        bestPrice = candidate
                        best = option
                    }
                }
                guard best >= 0 else { return .infinity }
                scratch.leafPicks[leaf].append(best)
                return value + bestPrice
            }
            scratch.buffer.removeAll(keepingCapacity: true)
            for option in range where fixed[option] == Self.open { scratch.buffer.append((price(option), option)) }
            guard scratch.buffer.count >= missing else { return .infinity }
            scratch.buffer.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
            for entry in scratch.buffer.prefix(missing) {
                value += entry.0
                scratch.leafPicks[leaf].append(entry.1)
            }
            return value
        case .credits(let amount):
            if forcedCredit >= amount { return value }
            let open = range.filter { fixed[$0] == Self.open && optionCredit[$0] > .zero }
            let chosen: [Int]?
            if let need = needUnits[leaf] {
                chosen = cover(open, need: need - forcedUnits, price: price, scratch: &scratch)
            } else {
                chosen = Self.exactCover(open, credits: open.map { optionCredit[$0] }, prices: open.map(price),
                                         need: amount - forcedCredit)
            }
            guard let chosen else { return .infinity }
            for option in chosen {
                value += price(option)
                scratch.leafPicks[leaf].append(option)
            }
            return value
        }
    }

    /// The cheapest options whose units reach `need` (a 0/1 knapsack over whole units; on equal
    /// price, earlier options win).
    func cover(_ options: [Int], need: Int, price: (Int) -> Double, scratch: inout Scratch) -> [Int]? {
        let width = need + 1
        scratch.dp.removeAll(keepingCapacity: true)
        scratch.dp.append(0)
        scratch.dp.append(contentsOf: repeatElement(Double.infinity, count: need))
        let cells = options.count * width
        if scratch.take.count < cells {
            scratch.take = [Bool](repeating: false, count: cells)
            scratch.from = [Int](repeating: 0, count: cells)
        }
        for (row, option) in options.enumerated() {
            let units = min(optionUnits[option], need)
            let cost = price(option)
            let base = row * width
            for state in stride(from: need, through: 0, by: -1) {
                scratch.take[base + state] = false
            }
            for state in stride(from: need, through: 0, by: -1) where scratch.dp[state].isFinite {
                let target = min(need, state + units)
                let candidate = scratch.dp[state] + cost
                if candidate < scratch.dp[target] {
                    scratch.dp[target] = candidate
                    scratch.take[base + target] = true
                    scratch.from[base + target] = state
                }
            }
        }
        guard scratch.dp[need].isFinite else { return nil }
        var chosen: [Int] = []
        var state = need
        for row in stride(from: options.count - 1, through: 0, by: -1) where scratch.take[row * width + state] {
            chosen.append(options[row])
            state = scratch.from[row * width + state]
            if state == 0 { break }
        }
        return chosen.reversed()
    }

    /// The cheapest options whose credits reach `need`, by exhaustive search with a
    /// price-per-credit bound; for credits too fine-grained for the knapsack.
    static func exactCover(_ options: [Int], credits: [Rational], prices: [Double], need: Rational) -> [Int]? {
        guard credits.reduce(.zero, +) >= need else { return nil }
        let order = options.indices.sorted {
            prices[$0] * credits[$1].doubleValue < prices[$1] * credits[$0].doubleValue
        }
        var suffix = [Rational](repeating: .zero, count: order.count + 1)
        for index in stride(from: order.count - 1, through: 0, by: -1) { suffix[index] = suffix[index + 1] + credits[order[index]] }
        var best: (cost: Double, picks: [Int])?
        var picks: [Int] = []
        func search(_ index: Int, have: Rational, cost: Double) {
            if have >= need {
                if best.map({ cost < $0.cost }) ?? true { best = (cost, picks) }
                return
            }
            guard index < order.count, have + suffix[index] >= need else { return }
            let position = order[index]
            let perCredit = prices[position] / credits[position].doubleValue
            if let best, cost + (need - have).doubleValue * perCredit >= best.cost { return }
            picks.append(options[position])
            search(index + 1, have: have + credits[position], cost: cost + prices[position])
            picks.removeLast()
            search(index + 1, have: have, cost: cost)
        }
        search(0, have: .zero, cost: 0)
        return best.map { $0.picks.sorted() }
    }
}
