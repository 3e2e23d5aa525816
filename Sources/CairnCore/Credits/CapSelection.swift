/// Chooses which whole badges count toward credit when caps limit how much may be granted.
///
/// A registrar grants credit for badges under caps: a total cap, caps per issuer, per tag, per
/// calendar year, a maximum share of a programme. Each badge (an ``Item``) counts whole or not
/// at all, toward every ``Cap`` it belongs to. ``solve(items:caps:stepLimit:)`` picks the
/// badges that count so that the credited total is as large as possible while every cap holds:
///
///     maximise Σ value(i) over chosen items i
///     subject to Σ value(i) over chosen items i in cap c ≤ limit(c) for every cap c
///
/// The answer is exact (every value is a ``Rational``) and deterministic.
///
/// ## Which optimum
///
/// Items are given in priority order, index 0 first. Among all selections with the maximal
/// total, the solver returns the one whose chosen-indicator vector is lexicographically
/// greatest: it keeps an earlier item whenever doing so costs nothing, whatever that means for
/// later items. So the order of items is the order of preference between equally good answers.
///
/// Some consequences: an item in no cap is always chosen, and so is an item worth zero; an
/// item worth more than one of its caps on its own is never chosen.
///
/// ## How
///
/// Most learners never reach a cap, so the solver first checks whether everything that can
/// count fits; then it returns at once. Otherwise it drops caps that cannot bind, splits the
/// rest into independent groups (items linked through shared binding caps) and solves each
/// with a depth-first branch and bound over the items in priority order, in exact integer
/// arithmetic (values scaled by their common denominator). Its bound charges every item to
/// one of its caps and adds up, per cap, the largest subset sum of the undecided items charged
/// there that fits what remains of the cap (see `CapSelection+Search.swift`). Realistic
/// learners (a few hundred badge lines, a score of caps) are solved in milliseconds; a
/// problem built to be hard (every cap oversubscribed many times, caps overlapping at random)
/// may use up the step budget, and then the result says so.
public struct CapSelection: Sendable {
    /// One badge line: what it is worth and which caps it counts toward.
    public struct Item: Sendable, Hashable {
        /// The credit the item is worth; must not be negative.
        public var value: Rational
        /// Indices into the `caps` passed to ``CapSelection/solve(items:caps:stepLimit:)``;
        /// listing a cap twice is the same as listing it once.
        public var caps: [Int]

        public init(value: Rational, caps: [Int]) {
            self.value = value
            self.caps = caps
        }
    }

    /// An upper limit on the credit granted for the items that count toward it.
    public struct Cap: Sendable, Hashable {
        /// The most credit the cap allows; must not be negative.
        public var limit: Rational

        public init(limit: Rational) {
            self.limit = limit
        }
    }

    /// The items that count, and why the others do not.
    public struct Result: Sendable, Hashable {
        /// For each item, in the order given, whether it counts.
        public var chosen: [Bool]
        /// The sum of the values of the chosen items.
        public var total: Rational
        /// Whether `chosen` is proved optimal. `false` only when the step budget ran out (or,
        /// in theory, when the values' common denominator is too large for exact search
        /// arithmetic); `chosen` is then the best selection found, with every item added that
        /// still fits.
        public var isExact: Bool
        /// For each item that is not chosen and is worth more than zero, the indices (ascending)
        /// of the caps that adding it to the chosen items would exceed. Never empty: an item
        /// that fits is always chosen.
        public var cutBy: [Int: [Int]]

        public init(chosen: [Bool], total: Rational, isExact: Bool, cutBy: [Int: [Int]]) {
            self.chosen = chosen
            self.total = total
            self.isExact = isExact
            self.cutBy = cutBy
        }
    }

    /// Chooses the items that count so that the credited total is maximal under every cap.
    ///
    /// - Parameters:
    ///   - items: The badge lines in priority order (index 0 is preferred when optima tie).
    ///   - caps: The caps the items refer to by index.
    ///   - stepLimit: The most search nodes explored over all groups of linked items (compare
    ///     ``SolverLimits/maxSearchNodes``). When it runs out the result is the best found,
    ///     with ``Result/isExact`` false.
    /// - Returns: The lexicographically greatest optimal selection (see the type's overview).
    public static func solve(items: [Item], caps: [Cap], stepLimit: Int = 2_000_000) -> Result {
        solve(items: items, caps: caps, stepLimit: stepLimit, subsetSumWords: CapSearch.defaultSubsetSumWords)
    }

    /// ``solve(items:caps:stepLimit:)`` with a chosen memory allowance for the bound's subset-sum
    /// sets (tests set it to 0 to exercise the plainer bound).
    static func solve(items: [Item], caps: [Cap], stepLimit: Int, subsetSumWords: Int) -> Result {
        for cap in caps { precondition(cap.limit >= .zero, "a cap limit must not be negative") }
        let capsOfItem: [[Int]] = items.map { item in
            precondition(item.value >= .zero, "an item's value must not be negative")
            for cap in item.caps { precondition(caps.indices.contains(cap), "cap index \(cap) out of range") }
            return Array(Set(item.caps)).sorted()
        }

        // Items worth zero or in no cap always count; items larger than one of their caps never
        // do. The rest are candidates.
        var chosen = [Bool](repeating: false, count: items.count)
        var candidates: [Int] = []
        for (index, item) in items.enumerated() {
            if item.value == .zero || capsOfItem[index].isEmpty {
                chosen[index] = true
            } else if capsOfItem[index].allSatisfy({ item.value <= caps[$0].limit }) {
                candidates.append(index)
            }
        }

        // A cap binds only if its candidates together exceed it; the others can be ignored.
        var demand = [Rational](repeating: .zero, count: caps.count)
        for index in candidates {
            for cap in capsOfItem[index] { demand[cap] += items[index].value }
        }
        let binding = caps.indices.map { demand[$0] > caps[$0].limit }

        // Group the candidates touched by binding caps into independent components.
        var groups = CapGroups(capCount: caps.count)
        var linked: [Int] = []
        for index in candidates {
            let capsThatBind = capsOfItem[index].filter { binding[$0] }
            if capsThatBind.isEmpty {
                chosen[index] = true
            } else {
                linked.append(index)
                for cap in capsThatBind.dropFirst() { groups.join(capsThatBind[0], cap) }
            }
        }

        var isExact = true
        if !linked.isEmpty {
            var members: [Int: [Int]] = [:]
            var order: [Int] = []
            for index in linked {
                let root = groups.root(of: capsOfItem[index].first { binding[$0] }!)
                if members[root] == nil { order.append(root) }
                members[root, default: []].append(index)
            }
            var stepsLeft = stepLimit
            for root in order {
                let memberItems = members[root]!
                var localCap: [Int: Int] = [:]
                var limits: [Rational] = []
                var localCaps: [[Int]] = []
                for index in memberItems {
                    localCaps.append(capsOfItem[index].filter { binding[$0] }.map { cap in
                        if let local = localCap[cap] { return local }
                        localCap[cap] = limits.count
                        limits.append(caps[cap].limit)
                        return limits.count - 1
                    })
                }
                guard var search = CapSearch(values: memberItems.map { items[$0].value }, caps: localCaps,
                                             limits: limits, budget: max(stepsLeft, 0),
                                             subsetSumWords: subsetSumWords) else {
                    isExact = false
                    continue
                }
                search.run()
                stepsLeft -= search.steps
                if !search.isExact { isExact = false }
                for (position, index) in memberItems.enumerated() where search.best[position] {
                    chosen[index] = true
                }
            }
        }

        // The chosen items' use of every cap.
        var used = [Rational](repeating: .zero, count: caps.count)
        for index in items.indices where chosen[index] {
            for cap in capsOfItem[index] { used[cap] += items[index].value }
        }
        if !isExact {
            // A search cut short may leave room: add, in priority order, every item that fits.
            for index in candidates where !chosen[index] {
                let value = items[index].value
                if capsOfItem[index].allSatisfy({ used[$0] + value <= caps[$0].limit }) {
                    chosen[index] = true
                    for cap in capsOfItem[index] { used[cap] += value }
                }
            }
        }

        var total = Rational.zero
        var cutBy: [Int: [Int]] = [:]
        for (index, item) in items.enumerated() {
            if chosen[index] {
                total += item.value
            } else if item.value > .zero {
                cutBy[index] = capsOfItem[index].filter { used[$0] + item.value > caps[$0].limit }
            }
        }
        return Result(chosen: chosen, total: total, isExact: isExact, cutBy: cutBy)
    }
}

/// Union–find over cap indices, to group caps that share items.
private struct CapGroups {
    private var parent: [Int]

    init(capCount: Int) { parent = Array(0..<capCount) }

    mutating func root(of cap: Int) -> Int {
        var node = cap
        while parent[node] != node {
            parent[node] = parent[parent[node]]
            node = parent[node]
        }
        return node
    }

    mutating func join(_ first: Int, _ second: Int) {
        let (a, b) = (root(of: first), root(of: second))
        if a != b { parent[max(a, b)] = min(a, b) }
    }
}
