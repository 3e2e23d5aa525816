@testable import CairnCore
import CairnTestSupport
import PropertyBased
import Testing

/// A hand-made cap problem and the answer a registrar would expect.
struct CapCase: CustomTestStringConvertible, Sendable {
    let name: String
    /// Values and the caps each item counts toward, in priority order.
    let items: [(value: Rational, caps: [Int])]
    let limits: [Rational]
    let chosen: [Bool]
    let total: Rational
    let cutBy: [Int: [Int]]

    var testDescription: String { name }

    var capItems: [CapSelection.Item] { items.map { CapSelection.Item(value: $0.value, caps: $0.caps) } }
    var caps: [CapSelection.Cap] { limits.map { CapSelection.Cap(limit: $0) } }
}

private func r(_ numerator: Int, _ denominator: Int = 1) -> Rational { Rational(numerator, denominator) }

@Suite("Choosing the badges that count under credit caps")
struct CapSelectionTests {
    static let cases: [CapCase] = [
        CapCase(name: "no cap binds: everything counts",
                items: [(r(3), [0]), (r(4), [0, 1]), (r(2), [1])], limits: [r(10), r(6)],
                chosen: [true, true, true], total: r(9), cutBy: [:]),
        CapCase(name: "no caps at all",
                items: [(r(3), []), (r(5, 2), [])], limits: [],
                chosen: [true, true], total: r(11, 2), cutBy: [:]),
        CapCase(name: "a total cap where greedy by priority is not optimal: 6, 5, 5 under 10",
                items: [(r(6), [0]), (r(5), [0]), (r(5), [0])], limits: [r(10)],
                chosen: [false, true, true], total: r(10), cutBy: [0: [0]]),
        CapCase(name: "overlapping tag caps",
                items: [(r(4), [0, 1]), (r(3), [0]), (r(3), [1])], limits: [r(5), r(5)],
                chosen: [false, true, true], total: r(6), cutBy: [0: [0, 1]]),
        CapCase(name: "a year cap and a total cap together",
                // cap 0: total 10; cap 1: 2024 at most 6; cap 2: 2025 at most 6.
                items: [(r(4), [0, 1]), (r(4), [0, 1]), (r(3), [0, 2]), (r(3), [0, 2]), (r(2), [0, 2])],
                limits: [r(10), r(6), r(6)],
                chosen: [true, false, true, true, false], total: r(10), cutBy: [1: [0, 1], 4: [0, 2]]),
        CapCase(name: "equal optima: the earliest items are kept",
                items: [(r(3), [0]), (r(2), [0]), (r(3), [0]), (r(2), [0])], limits: [r(5)],
                chosen: [true, true, false, false], total: r(5), cutBy: [2: [0], 3: [0]]),
        CapCase(name: "equal optima that greedy misses: 4+3 is preferred to 2+5 and 2+3+2",
                items: [(r(4), [0]), (r(2), [0]), (r(3), [0]), (r(5), [0]), (r(2), [0])], limits: [r(7)],
                chosen: [true, false, true, false, false], total: r(7),
                cutBy: [1: [0], 3: [0], 4: [0]]),
        CapCase(name: "thirds: 1, 4/3, 2/3 under 2 chooses 4/3 + 2/3",
                items: [(r(1), [0]), (r(4, 3), [0]), (r(2, 3), [0])], limits: [r(2)],
                chosen: [false, true, true], total: r(2), cutBy: [0: [0]]),
        CapCase(name: "thirds: 2/3, 2/3, 4/3, 2/3 under 2",
                items: [(r(2, 3), [0]), (r(2, 3), [0]), (r(4, 3), [0]), (r(2, 3), [0])], limits: [r(2)],
                chosen: [true, true, false, true], total: r(2), cutBy: [2: [0]]),
        CapCase(name: "an item larger than its cap never counts, and only that cap cuts it",
                items: [(r(7), [0, 1]), (r(3), [0])], limits: [r(4), r(100)],
                chosen: [false, true], total: r(3), cutBy: [0: [0]]),
        CapCase(name: "items in no cap and items worth zero always count",
                items: [(r(5), []), (r(0), [0]), (r(3), [0]), (r(1, 2), [0])], limits: [r(0)],
                chosen: [true, true, false, false], total: r(5), cutBy: [2: [0], 3: [0]]),
        CapCase(name: "cutBy names every cap the item would exceed, not only the first",
                items: [(r(2), [0, 1, 2]), (r(2), [0, 1]), (r(1), [2]), (r(2), [1, 2])],
                limits: [r(3), r(4), r(3)],
                // Greedy keeps 0 and 2 (3); the best is 1, 2 and 3 (5), and 0 would break all three caps.
                chosen: [false, true, true, true], total: r(5), cutBy: [0: [0, 1, 2]]),
        CapCase(name: "independent groups are solved separately",
                items: [(r(6), [0]), (r(5), [1]), (r(5), [0]), (r(5), [1]), (r(5), [0]), (r(1), [2])],
                limits: [r(10), r(8), r(1)],
                chosen: [false, true, true, false, true, true], total: r(16), cutBy: [0: [0], 3: [1]]),
        CapCase(name: "a cap listed twice by an item counts once",
                items: [(r(2), [0, 0]), (r(3), [0])], limits: [r(5)],
                chosen: [true, true], total: r(5), cutBy: [:]),
    ]

    @Test("Hand-made cases", arguments: cases)
    func handMade(_ example: CapCase) {
        let result = CapSelection.solve(items: example.capItems, caps: example.caps)
        #expect(result.chosen == example.chosen)
        #expect(result.total == example.total)
        #expect(result.cutBy == example.cutBy)
        #expect(result.isExact)
        #expect(BruteForceCapSelection.solve(items: example.capItems, caps: example.caps) == result)
        // The plainer bound gives the same answer.
        let plain = CapSelection.solve(items: example.capItems, caps: example.caps, stepLimit: 2_000_000, subsetSumWords: 0)
        #expect(plain == result)
    }

    @Test("An exhausted budget still returns a feasible selection with nothing left that fits",
          arguments: [0, 1, 100, 10_000])
    func exhaustedBudget(stepLimit: Int) {
        // Twenty caps, each heavily oversubscribed, with random overlaps: far from realistic,
        // and too hard to prove optimal in a few thousand steps.
        let instance = RandomCapInstance.dense(seed: 1)
        let result = CapSelection.solve(items: instance.items, caps: instance.caps, stepLimit: stepLimit)
        #expect(!result.isExact)
        #expect(instance.isFeasible(result.chosen))
        #expect(result.total == instance.total(of: result.chosen))
        for (index, item) in instance.items.enumerated() where !result.chosen[index] && item.value > .zero {
            #expect(result.cutBy[index]?.isEmpty == false, "item \(index)")
        }
    }

    @Test("On 1,000 random small instances the solver matches brute force exactly",
          arguments: [CapSearch.defaultSubsetSumWords, 0], RandomCapInstance.Palette.allCases)
    func agreesWithBruteForce(subsetSumWords: Int, palette: RandomCapInstance.Palette) async {
        await propertyCheck(count: 1_000, input: Gen.uint64(in: 0...UInt64.max)) { seed in
            var random = SplitMix64(seed: seed)
            // Mostly up to 5 caps; sometimes more than 12, where covers are found by local search.
            let capCount = random.below(5) == 0 ? 13 + random.below(4) : random.below(6)
            let itemCount = random.below(capCount > 12 ? 13 : 15)
            let instance = RandomCapInstance(seed: random.next(), items: itemCount, caps: capCount, palette: palette)
            let result = CapSelection.solve(items: instance.items, caps: instance.caps, stepLimit: 2_000_000,
                                            subsetSumWords: subsetSumWords)
            let expected = BruteForceCapSelection.solve(items: instance.items, caps: instance.caps)
            #expect(result.total == expected.total, "seed \(seed)")
            #expect(result.chosen == expected.chosen, "seed \(seed)")
            #expect(result.cutBy == expected.cutBy, "seed \(seed)")
            #expect(result.isExact, "seed \(seed)")
        }
    }

    @Test("On 200 random medium instances the subset-sum bound and the plainer bound agree")
    func boundsAgree() async {
        await propertyCheck(count: 200, input: Gen.uint64(in: 0...UInt64.max)) { seed in
            var random = SplitMix64(seed: seed)
            let instance = RandomCapInstance(seed: random.next(), items: 15 + random.below(16), caps: 1 + random.below(16))
            let sharp = CapSelection.solve(items: instance.items, caps: instance.caps)
            let plain = CapSelection.solve(items: instance.items, caps: instance.caps, stepLimit: 2_000_000, subsetSumWords: 0)
            #expect(sharp.isExact && plain.isExact, "seed \(seed)")
            #expect(sharp == plain, "seed \(seed)")
            #expect(instance.isFeasible(sharp.chosen), "seed \(seed)")
        }
    }

    @Test("200 badge lines under 20 caps are solved exactly",
          arguments: RandomCapInstance.Shape.allCases, [1, 2, 3] as [UInt64])
    func realisticLargeInstance(shape: RandomCapInstance.Shape, seed: UInt64) {
        let instance = RandomCapInstance.learner(shape, seed: seed)
        #expect(instance.items.count == 200 && instance.caps.count == 20)
        let result = CapSelection.solve(items: instance.items, caps: instance.caps)
        #expect(result.isExact)
        #expect(instance.isFeasible(result.chosen))
        #expect(result.total == instance.total(of: result.chosen))
        #expect(result.total < instance.total(of: instance.items.map { _ in true }), "some cap binds")
        for (index, item) in instance.items.enumerated() where !result.chosen[index] && item.value > .zero {
            #expect(result.cutBy[index]?.isEmpty == false, "item \(index)")
        }
    }
}

/// A random cap problem, reproducible from a seed.
struct RandomCapInstance {
    var items: [CapSelection.Item]
    var caps: [CapSelection.Cap]

    /// The values random instances draw from.
    enum Palette: String, CaseIterable, Sendable, CustomTestStringConvertible {
        /// 0 to 6 over 1, 2 or 3: zeros, halves and thirds included.
        case varied
        /// 1 or 2 only, so that many items are identical.
        case repetitive

        var testDescription: String { rawValue }
    }

    /// Small values, random memberships, limits that often bind.
    init(seed: UInt64, items itemCount: Int, caps capCount: Int, palette: Palette = .varied) {
        var random = SplitMix64(seed: seed)
        let denominators = [1, 1, 2, 3]
        items = (0..<itemCount).map { _ in
            let value = palette == .varied
                ? Rational(random.below(7), denominators[random.below(denominators.count)])
                : Rational(1 + random.below(2))
            let caps = (0..<capCount).filter { _ in random.below(3) == 0 }
            return CapSelection.Item(value: value, caps: caps)
        }
        caps = (0..<capCount).map { _ in
            CapSelection.Cap(limit: Rational(random.below(13), denominators[random.below(denominators.count)]))
        }
    }

    init(items: [CapSelection.Item], caps: [CapSelection.Cap]) {
        self.items = items
        self.caps = caps
    }

    /// Kinds of learners with many badge lines, each under 20 caps that bind.
    enum Shape: String, CaseIterable, Sendable, CustomTestStringConvertible {
        /// Varied values (halves, thirds, 7.5, 10) under a total cap, issuer, year and tag caps.
        case mixed
        /// The same without a total cap: issuer and year caps cross.
        case crossing
        /// Many small badges of 1 to 5 credits, with many identical lines.
        case micro
        /// Few large badges' worth (5 to 15) per line.
        case lumpy

        var testDescription: String { rawValue }
    }

    /// 200 badge lines, each counting toward the total, its issuer (8) and its year (5), and a
    /// third of them toward one of 6 tags: 20 caps, each line in 2 to 4 of them.
    static func learner(_ shape: Shape, seed: UInt64) -> RandomCapInstance {
        var random = SplitMix64(seed: seed)
        let (issuers, years, tags) = (8, 5, 6)
        let values: [Rational]
        let total: Int
        let issuerCaps, yearCaps, tagCaps: ClosedRange<Int>
        switch shape {
        case .mixed:
            values = [1, 2, 3, 5, 6, 10].map { Rational($0) } + [Rational(15, 2), Rational(1, 2), Rational(4, 3)]
            (total, issuerCaps, yearCaps, tagCaps) = (120, 20...40, 30...45, 6...10)
        case .crossing:
            values = [1, 2, 3, 5, 6, 10].map { Rational($0) } + [Rational(15, 2), Rational(1, 2), Rational(4, 3)]
            (total, issuerCaps, yearCaps, tagCaps) = (1_000, 20...40, 30...45, 6...10)
        case .micro:
            values = [1, 2, 3, 5].map { Rational($0) }
            (total, issuerCaps, yearCaps, tagCaps) = (60, 6...15, 15...25, 5...12)
        case .lumpy:
            values = [Rational(5), Rational(15, 2), Rational(10), Rational(15)]
            (total, issuerCaps, yearCaps, tagCaps) = (1_000, 20...35, 25...40, 10...25)
        }
        var items: [CapSelection.Item] = []
        for _ in 0..<200 {
            var caps = [0, 1 + random.below(issuers), 1 + issuers + random.below(years)]
            if random.below(3) == 0 { caps.append(1 + issuers + years + random.below(tags)) }
            items.append(CapSelection.Item(value: values[random.below(values.count)], caps: caps))
        }
        func limit(_ range: ClosedRange<Int>) -> CapSelection.Cap {
            CapSelection.Cap(limit: Rational(range.lowerBound + random.below(range.count)))
        }
        let caps = [CapSelection.Cap(limit: Rational(total))]
            + (0..<issuers).map { _ in limit(issuerCaps) }
            + (0..<years).map { _ in limit(yearCaps) }
            + (0..<tags).map { _ in limit(tagCaps) }
        return RandomCapInstance(items: items, caps: caps)
    }

    /// 200 lines, each in 1 to 3 of 20 caps chosen at random, every cap heavily oversubscribed.
    static func dense(seed: UInt64) -> RandomCapInstance {
        var random = SplitMix64(seed: seed)
        let values = [1, 2, 3, 5, 6, 10].map { Rational($0) } + [Rational(15, 2), Rational(1, 2), Rational(4, 3)]
        let items = (0..<200).map { _ in
            var caps = Set<Int>()
            let wanted = 1 + random.below(3)
            while caps.count < wanted { caps.insert(random.below(20)) }
            return CapSelection.Item(value: values[random.below(values.count)], caps: caps.sorted())
        }
        let caps = (0..<20).map { _ in CapSelection.Cap(limit: Rational(1 + random.below(40), 1 + random.below(3))) }
        return RandomCapInstance(items: items, caps: caps)
    }

    func total(of chosen: [Bool]) -> Rational {
        items.indices.reduce(Rational.zero) { chosen[$1] ? $0 + items[$1].value : $0 }
    }

    func isFeasible(_ chosen: [Bool]) -> Bool {
        var used = [Rational](repeating: .zero, count: caps.count)
        for (index, item) in items.enumerated() where chosen[index] {
            for cap in Set(item.caps) { used[cap] += item.value }
        }
        return caps.indices.allSatisfy { used[$0] <= caps[$0].limit }
    }
}

/// The reference: every subset, the greatest total, ties to the lexicographically greatest
/// chosen vector (item 0 most significant).
enum BruteForceCapSelection {
    static func solve(items: [CapSelection.Item], caps: [CapSelection.Cap]) -> CapSelection.Result {
        let count = items.count
        precondition(count <= 20)
        let capsOf = items.map { Set($0.caps).sorted() }
        // Visit every subset (a mask, bit i for item i) in Gray-code order: one item in or out
        // per step, the total and the caps' use kept up to date.
        var use = [Rational](repeating: .zero, count: caps.count)
        var total = Rational.zero
        var overLimit = 0
        var mask = 0
        var best = (mask: 0, total: Rational.zero, key: 0)
        for step in 1..<(1 << count) {
            let item = step.trailingZeroBitCount
            mask ^= 1 << item
            let change = mask & (1 << item) != 0 ? items[item].value : -items[item].value
            total += change
            for cap in capsOf[item] {
                let wasOver = use[cap] > caps[cap].limit
                use[cap] += change
                overLimit += (use[cap] > caps[cap].limit ? 1 : 0) - (wasOver ? 1 : 0)
            }
            guard overLimit == 0, total >= best.total else { continue }
            let key = lexicographicKey(mask, count: count)
            if total > best.total || key > best.key { best = (mask, total, key) }
        }
        let chosen = (0..<count).map { best.mask & (1 << $0) != 0 }
        var used = [Rational](repeating: .zero, count: caps.count)
        for item in 0..<count where chosen[item] {
            for cap in capsOf[item] { used[cap] += items[item].value }
        }
        var cutBy: [Int: [Int]] = [:]
        for (index, item) in items.enumerated() where !chosen[index] && item.value > .zero {
            cutBy[index] = capsOf[index].filter { used[$0] + item.value > caps[$0].limit }
        }
        return CapSelection.Result(chosen: chosen, total: best.total, isExact: true, cutBy: cutBy)
    }

    /// The mask read with item 0 as the most significant bit.
    private static func lexicographicKey(_ mask: Int, count: Int) -> Int {
        (0..<count).reduce(0) { key, item in key << 1 | (mask >> item & 1) }
    }
}
