/// The exact search for one group of items linked through binding caps.
///
/// Values and limits are scaled by their common denominator to integers, so every sum is exact.
/// The search is depth-first over the items in priority order, trying "include" before
/// "exclude". Leaves are therefore met in decreasing lexicographic order of the chosen vector,
/// and since only strictly better totals replace the best so far, the answer is the
/// lexicographically greatest optimum. What keeps the tree small:
///
/// - **A bound** (see ``HomeBound``; the least of a few is used): a branch whose bound does
///   not beat the best total is cut. Bounds never increase with depth.
/// - **A target first**: the root bound is often the optimum, so a first phase (with half the
///   budget) explores only branches whose bound reaches it; the first leaf that does is the
///   answer. Otherwise the greatest bound among the cut branches is a proven ceiling, and the
///   plain branch and bound runs, seeded by ``localSearch(weight:caps:limit:)`` and stopping as
///   soon as it meets the ceiling.
/// - **Dead items**: an undecided item larger than what remains of one of its caps can no
///   longer count; it is dropped from the bounds until backtracking revives it.
/// - **Forced inclusion**: when every cap of the next item has room for all of its undecided
///   items, including the item is better than excluding it in every completion, so the
///   exclude branch is skipped.
/// - **Symmetry**: of identical items (same value, same caps) the lexicographically greatest
///   optimum chooses a prefix, since swapping a later chosen copy for an earlier unchosen one
///   keeps the total and every cap's use and makes the vector greater. So once one copy is
///   excluded, the later copies are excluded too.
struct CapSearch {
    /// Values in units of the group's common denominator, in priority order.
    private let weight: [Int]
    /// The caps (local indices) of each item.
    private let capsOf: [[Int]]
    /// Per cap: its items, heaviest first.
    private let byWeight: [[Int]]
    /// Per cap: the sum of its items at position k or later, for k in 0...count.
    private let capSuffix: [[Int]]
    /// Per item: the index of its class of identical items.
    private let copyClass: [Int]
    private let budget: Int

    private var bounds: [HomeBound]
    private var remaining: [Int]
    private var total = 0
    private var current: [Bool]
    /// Per cap: how many of `byWeight[cap]` are heavier than what remains of the cap.
    private var tooLarge: [Int]
    /// Per item: whether it stopped fitting some cap while undecided.
    private var dead: [Bool]
    /// The items that died, most recent last, so that backtracking can revive them.
    private var killed: [Int] = []
    /// Per class of identical items: the item whose exclusion closed it, or -1 while open.
    private var closedBy: [Int]

    /// Only branches whose bound reaches this total are explored (0 when not in the target phase).
    private var target = 0
    /// The greatest bound among branches cut for falling short of `target`.
    private var bestCut = -1
    /// A proven upper bound on the optimum.
    private var ceiling = Int.max
    /// Whether a selection worth `ceiling` was found.
    private var finished = false
    /// The step count at which the current phase stops.
    private var stepLimit = 0
    /// Whether the current phase reached its step limit.
    private var stopped = false
    private var bestTotal = -1

    /// The best selection found, one flag per item.
    private(set) var best: [Bool]
    /// Search nodes explored.
    private(set) var steps = 0
    /// Whether the search finished, so that ``best`` is the lexicographically greatest optimum.
    private(set) var isExact = false

    /// The most words of subset-sum sets kept for one cap in one bound (256 KiB).
    static let defaultSubsetSumWords = 1 << 15
    /// How many partition bounds are maintained together (those least at the root).
    static let boundsKept = 3

    /// Prepares the search; `nil` when the values cannot be scaled to integers without overflow.
    ///
    /// - Parameters:
    ///   - values: The items' values (all positive), in priority order.
    ///   - caps: For each item, the local indices of its caps (at least one, no repeats).
    ///   - limits: The caps' limits, each no smaller than any of its items' values.
    ///   - budget: The most search nodes to explore.
    ///   - subsetSumWords: The most 64-bit words of subset-sum sets to keep for one cap; a cap
    ///     that would need more uses the plainer bound.
    init?(values: [Rational], caps: [[Int]], limits: [Rational], budget: Int, subsetSumWords: Int) {
        // Scale everything by the common denominator, checking for overflow.
        var scale = 1
        for value in values + limits {
            // A value beyond machine integers leaves the exact search without the bound.
            guard let (_, denominator) = value.smallParts else { return nil }
            let (product, overflow) = scale.multipliedReportingOverflow(by: denominator / Rational.gcd(scale, denominator))
            if overflow { return nil }
            scale = product
        }
        func scaled(_ value: Rational) -> Int? {
            guard let (numerator, denominator) = value.smallParts else { return nil }
            let (product, overflow) = numerator.multipliedReportingOverflow(by: scale / denominator)
            return overflow ? nil : product
        }
        var weight: [Int] = []
        var sum = 0
        for value in values {
            guard let scaledValue = scaled(value) else { return nil }
            let (newSum, overflow) = sum.addingReportingOverflow(scaledValue)
            // Headroom: sums of a few dozen limits, each at most `sum`, must not overflow.
            if overflow || newSum > Int.max >> 8 { return nil }
            sum = newSum
            weight.append(scaledValue)
        }
        // A cap at least as large as all values together never binds; clamp it there.
        let limit = limits.map { $0 >= Rational(sum, scale) ? sum : scaled($0) ?? sum }

        let count = values.count
        let capCount = limits.count
        let members = (0..<capCount).map { cap in (0..<count).filter { caps[$0].contains(cap) } }
        capSuffix = members.map { items in
            var suffix = [Int](repeating: 0, count: count + 1)
            var next = items.count - 1
            for item in stride(from: count - 1, through: 0, by: -1) {
                suffix[item] = suffix[item + 1]
                if next >= 0, items[next] == item {
                    suffix[item] += weight[item]
                    next -= 1
                }
            }
            return suffix
        }
        byWeight = members.map { items in items.sorted { (weight[$1], $0) < (weight[$0], $1) } }
        var classes: [CopyKey: Int] = [:]
        copyClass = (0..<count).map { item in
            let key = CopyKey(weight: weight[item], caps: caps[item])
            if let known = classes[key] { return known }
            classes[key] = classes.count
            return classes.count - 1
        }

        // Candidate partitions: every item at its most oversubscribed cap (least limit /
        // demand); every item at a cap of a cheap cover (see `cheapCovers`); and for each cap,
        // its items there and the others at their most oversubscribed cap. Keep the few with
        // the least bound at the root.
        let demand = capSuffix.map { $0[0] }
        func tighter(_ a: Int, _ b: Int) -> Bool {
            limit[a].multipliedFullWidth(by: demand[b]) < limit[b].multipliedFullWidth(by: demand[a])
        }
        func tightestCap(_ candidates: [Int]) -> Int {
            candidates.dropFirst().reduce(candidates[0]) { tighter($1, $0) ? $1 : $0 }
        }
        let tightest = caps.map(tightestCap)
        var partitions = [tightest]
        for cover in Self.cheapCovers(weight: weight, caps: caps, limit: limit) {
            let homes = caps.indices.map { item in
                let covering = caps[item].filter { cover[$0] }
                return covering.isEmpty ? tightest[item] : tightestCap(covering)
            }
            if !partitions.contains(homes) { partitions.append(homes) }
        }
        for cap in 0..<capCount {
            let homes = (0..<count).map { caps[$0].contains(cap) ? cap : tightest[$0] }
            if !partitions.contains(homes) { partitions.append(homes) }
        }
        let kept = partitions.enumerated()
            .map { (index: $0.offset, home: $0.element,
                    root: HomeBound.rootValue(home: $0.element, weight: weight, limit: limit, subsetSumWords: subsetSumWords)) }
            .sorted { ($0.root, $0.index) < ($1.root, $1.index) }
            .prefix(Self.boundsKept)
        bounds = kept.map { HomeBound(home: $0.home, weight: weight, limit: limit, subsetSumWords: subsetSumWords) }

        self.weight = weight
        self.capsOf = caps
        self.budget = budget
        remaining = limit
        current = [Bool](repeating: false, count: count)
        tooLarge = [Int](repeating: 0, count: capCount)
        dead = [Bool](repeating: false, count: count)
        closedBy = [Int](repeating: -1, count: classes.count)
        best = current
    }

    /// Searches until the answer is proved or the budget runs out.
    mutating func run() {
        ceiling = bounds.map(\.sum).min() ?? 0
        // First look only for a selection worth the root bound.
        target = ceiling
        stepLimit = budget / 2
        search(0)
        if finished {
            isExact = true
            return
        }
        if !stopped { ceiling = bestCut }
        // Then the plain branch and bound from a good selection. Its total less one is the bar,
        // so that a leaf worth as much still replaces it: that leaf comes first in the
        // tie-break order.
        best = Self.localSearch(weight: weight, caps: capsOf, limit: remaining)
        bestTotal = weight.indices.reduce(0) { best[$1] ? $0 + weight[$1] : $0 } - 1
        target = 0
        stepLimit = budget
        stopped = false
        search(0)
        isExact = !stopped
    }

    private mutating func search(_ item: Int) {
        steps += 1
        if steps > stepLimit {
            stopped = true
            return
        }
        var bound = Int.max
        for index in bounds.indices { bound = min(bound, bounds[index].sum) }
        if total + bound <= bestTotal { return }
        if total + bound < target {
            bestCut = max(bestCut, total + bound)
            return
        }
        if item == weight.count {
            bestTotal = total
            best = current
            finished = total >= ceiling
            return
        }
        let value = weight[item]
        let copies = copyClass[item]
        let alive = !dead[item]
        let fits = alive && closedBy[copies] < 0
        var forced = true
        for cap in capsOf[item] where remaining[cap] < capSuffix[cap][item] { forced = false }
        for index in bounds.indices { bounds[index].pass(item, alive: alive, remaining: remaining, dead: dead) }
        if fits {
            let mark = killed.count
            for cap in capsOf[item] {
                remaining[cap] -= value
                var next = tooLarge[cap]
                while next < byWeight[cap].count, weight[byWeight[cap][next]] > remaining[cap] {
                    let other = byWeight[cap][next]
                    if other > item, !dead[other] { kill(other) }
                    next += 1
                }
                tooLarge[cap] = next
            }
            refresh(capsOf[item])
            total += value
            current[item] = true
            search(item + 1)
            current[item] = false
            total -= value
            while killed.count > mark { revive(killed.removeLast()) }
            for cap in capsOf[item] {
                remaining[cap] += value
                var next = tooLarge[cap]
                while next > 0, weight[byWeight[cap][next - 1]] <= remaining[cap] { next -= 1 }
                tooLarge[cap] = next
            }
            refresh(capsOf[item])
        }
        if !stopped, !finished, !(fits && forced) {
            if closedBy[copies] < 0 { closedBy[copies] = item }
            search(item + 1)
            if closedBy[copies] == item { closedBy[copies] = -1 }
        }
        for index in bounds.indices { bounds[index].unpass(item, alive: alive, remaining: remaining, dead: dead) }
    }

    private mutating func kill(_ item: Int) {
        dead[item] = true
        killed.append(item)
        for index in bounds.indices { bounds[index].drop(item, remaining: remaining, dead: dead) }
    }

    private mutating func revive(_ item: Int) {
        dead[item] = false
        for index in bounds.indices { bounds[index].restore(item, remaining: remaining, dead: dead) }
    }

    private mutating func refresh(_ caps: [Int]) {
        for index in bounds.indices {
            for cap in caps { bounds[index].refresh(cap, remaining: remaining, dead: dead) }
        }
    }
}

/// What makes two items interchangeable.
private struct CopyKey: Hashable {
    var weight: Int
    var caps: [Int]
}

extension CapSearch {
    /// Up to this many caps, ``cheapCovers(weight:caps:limit:)`` tries every set.
    static let exactCoverCaps = 12
    /// The most rounds of swaps in ``localSearch(weight:caps:limit:)``.
    static let localSearchRounds = 20

    /// Sets of caps `C` with a small `Σ limit(c) over c in C + Σ value of the items in no cap of
    /// C` (which bounds the optimum, as the items in C's caps add at most C's limits), cheapest
    /// first. With a few caps every set is tried; with more, a local search (toggling one cap at
    /// a time) starts from nothing, from everything, and from each family of pairwise disjoint
    /// caps (all issuers, all years…), since a cover made of one such family is typical.
    static func cheapCovers(weight: [Int], caps: [[Int]], limit: [Int]) -> [[Bool]] {
        let capCount = limit.count
        let everything = weight.reduce(0, +)
        if capCount <= exactCoverCaps {
            // within[S] = Σ value of the items whose caps all lie in S (a sum over subsets).
            var within = [Int](repeating: 0, count: 1 << capCount)
            for item in weight.indices { within[caps[item].reduce(0) { $0 | 1 << $1 }] += weight[item] }
            for cap in 0..<capCount {
                for set in 0..<(1 << capCount) where set & (1 << cap) != 0 { within[set] += within[set ^ (1 << cap)] }
            }
            let full = (1 << capCount) - 1
            var best = (cost: everything, set: 0)
            for set in 1..<(1 << capCount) {
                var cost = within[full ^ set]
                for cap in 0..<capCount where set & (1 << cap) != 0 { cost += limit[cap] }
                if cost < best.cost { best = (cost, set) }
            }
            return [(0..<capCount).map { best.set & (1 << $0) != 0 }]
        }

        let members = (0..<capCount).map { cap in weight.indices.filter { caps[$0].contains(cap) } }
        var sharing = [[Bool]](repeating: [Bool](repeating: false, count: capCount), count: capCount)
        for itemCaps in caps {
            for a in itemCaps { for b in itemCaps { sharing[a][b] = true } }
        }
        var starts = [[Bool](repeating: false, count: capCount), [Bool](repeating: true, count: capCount)]
        for first in 0..<capCount {
            var family = [Bool](repeating: false, count: capCount)
            for offset in 0..<capCount {
                let cap = (first + offset) % capCount
                if !(0..<capCount).contains(where: { family[$0] && sharing[$0][cap] }) { family[cap] = true }
            }
            if !starts.contains(family) { starts.append(family) }
        }
        var found: [(cost: Int, cover: [Bool])] = []
        for start in starts {
            var cover = start
            // How many caps of the cover each item is in, and the cost, kept up to date.
            var covering = caps.map { $0.reduce(0) { cover[$1] ? $0 + 1 : $0 } }
            // (Saturated, so that many large limits cannot overflow; it only ranks the covers.)
            var cost = weight.indices.reduce(0) { covering[$1] == 0 ? $0 + weight[$1] : $0 }
            for cap in 0..<capCount where cover[cap] { cost = min(cost + limit[cap], Int.max >> 1) }
            func change(toggling cap: Int) -> Int {
                if cover[cap] {
                    return members[cap].reduce(-limit[cap]) { covering[$1] == 1 ? $0 + weight[$1] : $0 }
                }
                return members[cap].reduce(limit[cap]) { covering[$1] == 0 ? $0 - weight[$1] : $0 }
            }
            while true {
                var best = (change: 0, cap: -1)
                for cap in 0..<capCount {
                    let candidate = change(toggling: cap)
                    if candidate < best.change { best = (candidate, cap) }
                }
                if best.cap < 0 { break }
                cover[best.cap].toggle()
                for item in members[best.cap] { covering[item] += cover[best.cap] ? 1 : -1 }
                cost += best.change
            }
            if !found.contains(where: { $0.cover == cover }) { found.append((cost, cover)) }
        }
        return found.enumerated().sorted { ($0.element.cost, $0.offset) < ($1.element.cost, $1.offset) }
            .prefix(boundsKept).map(\.element.cover)
    }

    /// A good selection, not necessarily optimal: heaviest items first, then single swaps of a
    /// chosen item for a heavier one it makes room for (each followed by a refill), while they
    /// help, for a bounded number of rounds.
    static func localSearch(weight: [Int], caps: [[Int]], limit: [Int]) -> [Bool] {
        var chosen = [Bool](repeating: false, count: weight.count)
        var room = limit
        func fits(_ item: Int) -> Bool { caps[item].allSatisfy { room[$0] >= weight[item] } }
        func set(_ item: Int, _ value: Bool) {
            chosen[item] = value
            for cap in caps[item] { room[cap] += value ? -weight[item] : weight[item] }
        }
        let heaviestFirst = weight.indices.sorted { (weight[$1], $0) < (weight[$0], $1) }
        func refill() {
            for item in heaviestFirst where !chosen[item] && fits(item) { set(item, true) }
        }
        refill()
        for _ in 0..<localSearchRounds {
            var improved = false
            for incoming in heaviestFirst where !chosen[incoming] {
                let outgoing = heaviestFirst.reversed().first { item in
                    chosen[item] && weight[item] < weight[incoming] && caps[incoming].allSatisfy { cap in
                        room[cap] + (caps[item].contains(cap) ? weight[item] : 0) >= weight[incoming]
                    }
                }
                guard let outgoing else { continue }
                set(outgoing, false)
                set(incoming, true)
                refill()
                improved = true
            }
            if !improved { break }
        }
        return chosen
    }
}

/// An upper bound on what the undecided items can still add, from a partition of the items
/// among their caps.
///
/// Every item is charged to one of its caps, its *home*. Whatever undecided items end up
/// chosen, those charged to cap `c` all count toward `c`, so their sum is at most what
/// remains of `c`; it is also a subset sum of the undecided items charged to `c`, and at most
/// the sum of those that still fit every cap (the *live* ones). Hence
///
///     best completion ≤ Σ over caps c of  min( max { s ≤ remaining(c) : s a subset sum of
///                                                    the undecided items whose home is c },
///                                               Σ live undecided items whose home is c )
///
/// The subset sums are precomputed as bit sets for every suffix of each cap's home items (in
/// priority order), in units of the greatest common divisor of their values. When a cap's bit
/// sets would be too large, `remaining(c)` rounded down to that unit stands in for the first
/// term. Every term only decreases as items are decided, capacity is used or items die.
struct HomeBound {
    /// The cap each item is charged to.
    private let home: [Int]
    private let weight: [Int]
    /// Per cap: the greatest common divisor of its home items' weights (1 if none).
    private let grain: [Int]
    /// Per cap: the number of 64-bit words in one subset-sum set, or 0 when sets are not kept.
    private let wordsPerSet: [Int]
    /// Per cap: the subset sums (in grains, up to the limit) of its home items from the j-th on,
    /// for every j, one set after another.
    private let reach: [[UInt64]]
    /// Per cap: how many of its home items have been decided.
    private var decided: [Int]
    /// Per cap: its home items in priority order.
    private let homeItems: [[Int]]
    /// Per item: its weight in grains of its home.
    private let grains: [Int]
    private let limit: [Int]
    /// Per cap: the sum of its undecided home items that are not dead.
    private var live: [Int]
    /// Per cap: how many of its undecided home items are dead.
    private var deadHomes: [Int]
    /// Per cap, at `liveSetStart[cap]`: the subset sums of its live undecided home items (up
    /// to their sum or the limit, `liveSetBits[cap]` bits), recomputed when needed while some
    /// are dead.
    private var liveSets: [UInt64]
    private let liveSetStart: [Int]
    /// Per cap: the bits held in its live set, or 0 when the set is out of date.
    private var liveSetBits: [Int]
    /// Per cap: its current term of the bound.
    private var fill: [Int]
    /// The bound on what the undecided items can add.
    private(set) var sum = 0

    init(home: [Int], weight: [Int], limit: [Int], subsetSumWords: Int) {
        let capCount = limit.count
        var grain: [Int] = []
        var wordsPerSet: [Int] = []
        var reach: [[UInt64]] = []
        var live: [Int] = []
        for cap in 0..<capCount {
            let homeWeights = weight.indices.filter { home[$0] == cap }.map { weight[$0] }
            let shape = Self.shape(of: homeWeights, limit: limit[cap])
            grain.append(shape.unit)
            live.append(homeWeights.reduce(0, +))
            let (needed, overflow) = shape.words.multipliedReportingOverflow(by: homeWeights.count + 1)
            guard !homeWeights.isEmpty, !overflow, needed <= subsetSumWords else {
                wordsPerSet.append(0)
                reach.append([])
                continue
            }
            var sets = [UInt64](repeating: 0, count: needed)
            sets[homeWeights.count * shape.words] = 1
            for j in stride(from: homeWeights.count - 1, through: 0, by: -1) {
                Self.addItem(homeWeights[j] / shape.unit, from: (j + 1) * shape.words, to: j * shape.words,
                             words: shape.words, bits: shape.bits, in: &sets)
            }
            wordsPerSet.append(shape.words)
            reach.append(sets)
        }
        self.home = home
        self.weight = weight
        self.limit = limit
        homeItems = (0..<capCount).map { cap in weight.indices.filter { home[$0] == cap } }
        grains = weight.indices.map { weight[$0] / grain[home[$0]] }
        deadHomes = [Int](repeating: 0, count: capCount)
        liveSetStart = wordsPerSet.reduce(into: [0]) { $0.append($0.last! + $1) }
        liveSets = [UInt64](repeating: 0, count: liveSetStart.last!)
        liveSetBits = [Int](repeating: 0, count: capCount)
        self.grain = grain
        self.wordsPerSet = wordsPerSet
        self.reach = reach
        self.live = live
        decided = [Int](repeating: 0, count: capCount)
        fill = [Int](repeating: 0, count: capCount)
        let noneDead = [Bool](repeating: false, count: weight.count)
        for cap in 0..<capCount { refresh(cap, remaining: limit, dead: noneDead) }
    }

    /// The bound at the root for a partition, without keeping the sets of every suffix.
    static func rootValue(home: [Int], weight: [Int], limit: [Int], subsetSumWords: Int) -> Int {
        var value = 0
        for cap in limit.indices {
            let homeWeights = weight.indices.filter { home[$0] == cap }.map { weight[$0] }
            guard !homeWeights.isEmpty else { continue }
            let shape = shape(of: homeWeights, limit: limit[cap])
            let all = homeWeights.reduce(0, +)
            guard shape.words <= subsetSumWords else {
                value += min(limit[cap] / shape.unit * shape.unit, all)
                continue
            }
            var set = [UInt64](repeating: 0, count: shape.words)
            set[0] = 1
            for item in homeWeights {
                addItem(item / shape.unit, from: 0, to: 0, words: shape.words, bits: shape.bits, in: &set)
            }
            value += min(shape.unit * highestBit(in: set, from: 0, words: shape.words, atMost: limit[cap] / shape.unit), all)
        }
        return value
    }

    /// Marks an item decided, before its branches are explored.
    mutating func pass(_ item: Int, alive: Bool, remaining: [Int], dead: [Bool]) {
        let cap = home[item]
        decided[cap] += 1
        if alive {
            live[cap] -= weight[item]
            liveSetBits[cap] = 0
        } else {
            deadHomes[cap] -= 1
        }
        refresh(cap, remaining: remaining, dead: dead)
    }

    /// Undoes ``pass(_:alive:remaining:dead:)``.
    mutating func unpass(_ item: Int, alive: Bool, remaining: [Int], dead: [Bool]) {
        let cap = home[item]
        decided[cap] -= 1
        if alive {
            live[cap] += weight[item]
            liveSetBits[cap] = 0
        } else {
            deadHomes[cap] += 1
        }
        refresh(cap, remaining: remaining, dead: dead)
    }

    /// Leaves out an undecided item that no longer fits (already marked in `dead`).
    mutating func drop(_ item: Int, remaining: [Int], dead: [Bool]) {
        let cap = home[item]
        live[cap] -= weight[item]
        deadHomes[cap] += 1
        liveSetBits[cap] = 0
        refresh(cap, remaining: remaining, dead: dead)
    }

    /// Undoes ``drop(_:remaining:dead:)`` (already unmarked in `dead`).
    mutating func restore(_ item: Int, remaining: [Int], dead: [Bool]) {
        let cap = home[item]
        live[cap] += weight[item]
        deadHomes[cap] -= 1
        liveSetBits[cap] = 0
        refresh(cap, remaining: remaining, dead: dead)
    }

    /// Recomputes a cap's term from its remaining room and undecided home items.
    mutating func refresh(_ cap: Int, remaining: [Int], dead: [Bool]) {
        let unit = grain[cap]
        let room = min(remaining[cap], live[cap]) / unit
        let words = wordsPerSet[cap]
        let subsetSum: Int
        if words == 0 {
            subsetSum = room * unit
        } else if deadHomes[cap] == 0 || room == 0 {
            subsetSum = unit * Self.highestBit(in: reach[cap], from: decided[cap] * words, words: words, atMost: room)
        } else {
            // Some undecided home items are dead: the precomputed sets would count them, so
            // use the subset sums of the live ones, recomputed once per change of that set.
            let start = liveSetStart[cap]
            if liveSetBits[cap] == 0 {
                let bits = min(live[cap], limit[cap]) / unit + 1
                let liveWords = (bits + 63) / 64
                for word in 0..<liveWords { liveSets[start + word] = 0 }
                liveSets[start] = 1
                for item in homeItems[cap][decided[cap]...] where !dead[item] {
                    Self.addItem(grains[item], from: start, to: start, words: liveWords, bits: bits, in: &liveSets)
                }
                liveSetBits[cap] = bits
            }
            subsetSum = unit * Self.highestBit(in: liveSets, from: start, words: (liveSetBits[cap] + 63) / 64, atMost: room)
        }
        sum += subsetSum - fill[cap]
        fill[cap] = subsetSum
    }

    /// The unit (greatest common divisor), and the size in bits and words, of the subset-sum
    /// sets of some weights up to a limit.
    private static func shape(of weights: [Int], limit: Int) -> (unit: Int, bits: Int, words: Int) {
        let unit = max(weights.reduce(0) { Rational.gcd($0, $1) }, 1)
        let bits = limit / unit + 1
        return (unit, bits, (bits + 63) / 64)
    }

    /// Writes into the set at `to` the set at `from` together with each of its sums plus
    /// `shift`, keeping sums below `bits` (`from` and `to` may be the same set).
    private static func addItem(_ shift: Int, from: Int, to: Int, words: Int, bits: Int, in sets: inout [UInt64]) {
        let (wordShift, bitShift) = (shift >> 6, shift & 63)
        // From the top down, so that a set updated in place reads only words not yet written.
        for word in stride(from: words - 1, through: 0, by: -1) {
            var shifted: UInt64 = 0
            let source = word - wordShift
            if source >= 0 {
                shifted = sets[from + source] << UInt64(bitShift)
                if bitShift > 0, source >= 1 { shifted |= sets[from + source - 1] >> UInt64(64 - bitShift) }
            }
            sets[to + word] = sets[from + word] | shifted
        }
        if bits % 64 != 0 { sets[to + words - 1] &= (1 << UInt64(bits % 64)) - 1 }
    }

    /// The highest set bit at or below `limit` in the set of `words` words starting at `start`
    /// (bit 0, the empty sum, is always set).
    private static func highestBit(in sets: [UInt64], from start: Int, words: Int, atMost limit: Int) -> Int {
        var word = min(limit / 64, words - 1)
        var mask: UInt64 = word == limit / 64 && limit % 64 != 63 ? (1 << UInt64(limit % 64 + 1)) - 1 : ~0
        while true {
            let bits = sets[start + word] & mask
            if bits != 0 { return word * 64 + 63 - bits.leadingZeroBitCount }
            word -= 1
            mask = ~0
        }
    }
}
