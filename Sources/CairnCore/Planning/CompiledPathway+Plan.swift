extension CompiledPathway {
    /// The cheapest set of further badge classes of `catalog` that, with the learner's badges,
    /// completes the pathway (see ``Plan``).
    ///
    /// Exact by branch and bound: the bound fills every requirement on its own from the cheapest
    /// badges that fit it, letting a badge serve several requirements; when the cheapest such
    /// filling uses no badge twice, it is a real plan and the best one below that branch;
    /// otherwise the search branches on the badge used twice (it does not count at one of the
    /// two requirements, or not at the other). Held badges count for free; those that lapse
    /// before `reliesUntil` are not relied on. A plan assumes each new badge is earned with a
    /// result that meets the requirement it fills, after the badges its `earnedAfter` names.
    /// Badges that a pathway awards are not offered (they come from completing it).
    ///
    /// - Throws: ``PlanError`` when the measure cannot be applied (costs in several currencies).
    public func plan(for record: LearnerRecord, catalog: Catalog, measure: Plan.Measure, asOf: CalendarDate,
                     reliesUntil: CalendarDate, limits: SolverLimits = .default) throws(PlanError) -> Plan {
        var planner = try Planner(pathway: self, record: record, catalog: catalog, measure: measure, asOf: asOf,
                                  reliesUntil: reliesUntil)
        return planner.run(stepLimit: limits.maxPlanNodes)
    }
}

/// Why a plan cannot be made as asked.
public enum PlanError: Error, Hashable, Sendable, CustomStringConvertible {
    case mixedCurrencies([String])

    public var description: String {
        switch self {
        case .mixedCurrencies(let currencies):
            "the badges on offer cost in several currencies (\(currencies.joined(separator: ", "))); "
                + "plan by count or hours, or give one currency"
        }
    }
}

/// The search behind ``CompiledPathway/plan(for:catalog:measure:asOf:reliesUntil:limits:)``.
struct Planner {
    /// Something that can fill a leaf: a held badge (free) or a badge class to earn.
    enum Item: Hashable {
        case held(Int)
        case earn(Int)

        var isEarn: Bool { if case .earn = self { true } else { false } }
    }

    struct Option {
        var item: Item
        var cost: Rational
        var credit: Rational
    }

    let pathway: CompiledPathway
    let record: LearnerRecord
    let measure: Plan.Measure
    let asOf: CalendarDate
    let reliesUntil: CalendarDate
    var currency: String?
    /// Per leaf: what can fill it, cheapest first.
    var options: [[Option]] = []
    var notReliedOn: [String] = []
    var notes: [String] = []
    var relevant: [CompiledPathway.RelevantBadge] = []

    init(pathway: CompiledPathway, record: LearnerRecord, catalog: Catalog, measure: Plan.Measure, asOf: CalendarDate,
         reliesUntil: CalendarDate) throws(PlanError) {
        self.pathway = pathway
        self.record = record.applyingRenewals(asOf: asOf) { catalog.badgeClasses[$0] }
        self.measure = measure
        self.asOf = asOf
        self.reliesUntil = reliesUntil
        relevant = pathway.relevantBadges(self.record.badges)
        let screening = pathway.screen(relevant, of: self.record, asOf: asOf)
        // Held badges that count now and still count on `reliesUntil`.
        var usable = [Bool](repeating: false, count: relevant.count)
        for (index, item) in relevant.enumerated() {
            let badgeClass = pathway.classes[item.classPosition]
            guard item.badge.standing(on: asOf, under: badgeClass).counts else { continue }
            if let expires = item.badge.expiry(under: badgeClass), expires <= reliesUntil {
                notReliedOn.append("\(item.badge.badgeClassID) (lapses \(expires))")
                continue
            }
            usable[index] = true
        }
        let awarded = Set(catalog.pathways.values.compactMap(\.awards))
        var currencies: Set<String> = []
        var leafOptions: [[Option]] = Array(repeating: [], count: pathway.leaves.count)
        for (leafIndex, leaf) in pathway.leaves.enumerated() {
            for match in screening.matches[leafIndex] where match.reason == nil && usable[match.badge] {
                let position = relevant[match.badge].classPosition
                leafOptions[leafIndex].append(Option(item: .held(match.badge), cost: .zero,
                                                     credit: leaf.creditValues[position] ?? .zero))
            }
        }
        var unmeasured: [String] = []
        for (position, badgeClass) in pathway.classes.enumerated() {
            guard let badgeClass, !awarded.contains(badgeClass.id), !pathway.leavesByClass[position].isEmpty else { continue }
            let cost: Rational
            switch measure {
            case .count: cost = .one
            case .hours:
                guard let hours = badgeClass.effortHours else { unmeasured.append(badgeClass.id); continue }
                cost = hours
            case .cost:
                guard let money = badgeClass.cost else { unmeasured.append(badgeClass.id); continue }
                currencies.insert(money.currency)
                cost = money.amount
            }
            // Earning a class again is a new badge, as in audits; on equal cost, classes the
            // learner does not hold come first (see the ordering below).
            for leafIndex in pathway.leavesByClass[position] {
                let leaf = pathway.leaves[leafIndex]
                if case .credits = leaf.demand, (leaf.creditValues[position] ?? .zero) <= .zero { continue }
                leafOptions[leafIndex].append(Option(item: .earn(position), cost: cost,
                                                     credit: leaf.creditValues[position] ?? .zero))
            }
        }
        guard currencies.count <= 1 else { throw .mixedCurrencies(currencies.sorted()) }
        currency = currencies.first
        if !unmeasured.isEmpty {
            notes.append("not offered, since they declare no \(measure == .hours ? "effort hours" : "cost"): "
                         + unmeasured.sorted().joined(separator: ", "))
        }
        let heldClasses = Set(relevant.indices.filter { usable[$0] }.map { relevant[$0].classPosition })
        let planner = self
        options = leafOptions.map { list in
            list.sorted { lhs, rhs in
                if lhs.cost != rhs.cost { return lhs.cost < rhs.cost }
                if lhs.credit != rhs.credit { return lhs.credit > rhs.credit }
                let lhsAgain = lhs.item.isEarn && heldClasses.contains(planner.classPosition(of: lhs.item))
                let rhsAgain = rhs.item.isEarn && heldClasses.contains(planner.classPosition(of: rhs.item))
                if lhsAgain != rhsAgain { return !lhsAgain }
                return Planner.order(lhs.item) < Planner.order(rhs.item)
            }
        }
    }

    static func order(_ item: Item) -> Int {
        switch item {
        case .held(let index): index
        case .earn(let position): 1_000_000 + position
        }
    }

    // MARK: The relaxation

    /// A filling of the tree in which each leaf picks its own cheapest items.
    struct Filling {
        var cost: Rational
        var picks: [Int: [Item]]        // leaf → items
    }

    /// The cheapest filling with `forbidden` items kept out of their leaves; `nil` when none exists.
    func relax(_ forbidden: Set<LeafItem>) -> Filling? {
        var used: Set<Item> = []
        return fill(node: 0, forbidden: forbidden, used: &used)
    }

    struct LeafItem: Hashable {
        var leaf: Int
        var item: Item
    }

    /// `used` holds the items taken so far: among equally cheap items a leaf takes unused ones,
    /// which leaves the bound unchanged and avoids needless clashes.
    private func fill(node index: Int, forbidden: Set<LeafItem>, used: inout Set<Item>) -> Filling? {
        let node = pathway.nodes[index]
        switch node.combine {
        case .leaf(let leafIndex):
            let filling = fillLeaf(leafIndex, forbidden: forbidden, used: used)
            if let filling { used.formUnion(filling.picks[leafIndex] ?? []) }
            return filling
        case .all:
            var total = Filling(cost: .zero, picks: [:])
            for child in node.children {
                guard let filling = fill(node: child, forbidden: forbidden, used: &used) else { return nil }
                total.cost += filling.cost
                total.picks.merge(filling.picks) { $0 + $1 }
            }
            return total
        case .atLeast(let needed):
            let fillings = node.children.compactMap { child -> Filling? in
                var trial = used
                return fill(node: child, forbidden: forbidden, used: &trial)
            }
            guard fillings.count >= needed else { return nil }
            // The `needed` cheapest children (stable: earlier children first on ties).
            let chosen = fillings.enumerated().sorted { ($0.element.cost, $0.offset) < ($1.element.cost, $1.offset) }.prefix(needed)
            var total = Filling(cost: .zero, picks: [:])
            for entry in chosen {
                total.cost += entry.element.cost
                total.picks.merge(entry.element.picks) { $0 + $1 }
                for items in entry.element.picks.values { used.formUnion(items) }
            }
            return total
        }
    }

    private func fillLeaf(_ leafIndex: Int, forbidden: Set<LeafItem>, used: Set<Item>) -> Filling? {
        let allowed = options[leafIndex].filter { !forbidden.contains(LeafItem(leaf: leafIndex, item: $0.item)) }
        switch pathway.leaves[leafIndex].demand {
        case .slots(let count):
            guard allowed.count >= count else { return nil }
            // The cheapest `count` (the bound); among those of the k-th cost, unused items first.
            let cutoff = allowed[count - 1].cost
            let below = allowed.filter { $0.cost < cutoff }
            let tied = allowed.filter { $0.cost == cutoff }
            let ordered = tied.filter { !used.contains($0.item) } + tied.filter { used.contains($0.item) }
            let chosen = below + ordered.prefix(count - below.count)
            return Filling(cost: chosen.reduce(.zero) { $0 + $1.cost }, picks: [leafIndex: chosen.map(\.item)])
        case .credits(let amount, _):
            let free = allowed.filter { $0.cost == .zero }
            var have = Rational.zero
            var items: [Item] = []
            for option in free where have < amount {
                have += option.credit
                items.append(option.item)
            }
            if have >= amount { return Filling(cost: .zero, picks: [leafIndex: items]) }
            let paid = allowed.filter { $0.cost > .zero }
            guard let cover = Planner.cheapestCover(paid, need: amount - have) else { return nil }
            return Filling(cost: cover.cost, picks: [leafIndex: items + cover.items])
        }
    }

    /// The cheapest subset of `options` whose credits reach `need` (ties: fewer, then earlier), exactly.
    static func cheapestCover(_ options: [Option], need: Rational) -> (cost: Rational, items: [Item])? {
        guard options.reduce(.zero, { $0 + $1.credit }) >= need else { return nil }
        // Best value per credit first, for a tight bound.
        let sorted = options.sorted { $0.cost * $1.credit < $1.cost * $0.credit }
        var best: (cost: Rational, items: [Item])?
        var chosen: [Item] = []
        var suffixCredit = [Rational](repeating: .zero, count: sorted.count + 1)
        for index in stride(from: sorted.count - 1, through: 0, by: -1) {
            suffixCredit[index] = suffixCredit[index + 1] + sorted[index].credit
        }
        func search(_ index: Int, have: Rational, cost: Rational) {
            if have >= need {
                if best.map({ cost < $0.cost }) ?? true { best = (cost, chosen) }
                return
            }
            guard index < sorted.count, have + suffixCredit[index] >= need else { return }
            // Bound: the rest at the best remaining price per credit.
            let option = sorted[index]
            if let best, option.credit > .zero, cost + (need - have) * option.cost / option.credit >= best.cost { return }
            chosen.append(option.item)
            search(index + 1, have: have + option.credit, cost: cost + option.cost)
            chosen.removeLast()
            search(index + 1, have: have, cost: cost)
        }
        search(0, have: .zero, cost: .zero)
        return best
    }

    /// Two leaves that use the same badge — a held one, or one to be earned — where that is
    /// not allowed (neither leaf is `shared`), if any: a badge counts once. (A held badge and a
    /// new earning of its class are two badges, as in audits.)
    func conflict(in filling: Filling) -> (first: LeafItem, second: LeafItem)? {
        var users: [Item: Int] = [:]
        for leaf in filling.picks.keys.sorted() {
            guard !pathway.leaves[leaf].shared else { continue }
            for item in filling.picks[leaf] ?? [] {
                if let other = users[item], other != leaf {
                    return (LeafItem(leaf: other, item: item), LeafItem(leaf: leaf, item: item))
                }
                users[item] = leaf
            }
        }
        return nil
    }

    func classPosition(of item: Item) -> Int {
        switch item {
        case .held(let index): relevant[index].classPosition
        case .earn(let position): position
        }
    }

    // MARK: The search

    mutating func run(stepLimit: Int) -> Plan {
        let progress = pathway.audit(record, asOf: asOf).progress
        var best: Filling?
        var optimal = true
        var steps = 0
        var stack: [Set<LeafItem>] = [[]]
        while let forbidden = stack.popLast() {
            steps += 1
            if steps > stepLimit {
                optimal = false
                break
            }
            guard let filling = relax(forbidden) else { continue }
            if let best, filling.cost >= best.cost { continue }
            guard let clash = conflict(in: filling) else {
                best = filling
                continue
            }
            // Explore "not at the second leaf" first: it keeps the earlier requirement's choice.
            stack.append(forbidden.union([clash.first]))
            stack.append(forbidden.union([clash.second]))
        }
        guard let best else {
            return makePlan(filling: nil, optimal: optimal, progress: progress)
        }
        return makePlan(filling: best, optimal: optimal, progress: progress)
    }

    private func makePlan(filling: Filling?, optimal: Bool, progress: Rational) -> Plan {
        // With `shared` requirements one badge may fill two of them, which the bound does not
        // see: such plans are complete and correct but not proven the cheapest.
        let hasShared = pathway.leaves.contains(where: \.shared)
        var notes = notes
        if hasShared, filling != nil {
            notes.append("the pathway has shared requirements, where one badge may count twice; "
                         + "this plan is not proven the cheapest")
        }
        var plan = Plan(pathway: pathway.pathway.id, pathwayTitle: pathway.pathway.title, learner: record.learner,
                        measure: measure, asOf: asOf, reliesUntil: reliesUntil, isComplete: filling != nil,
                        isOptimal: optimal && !hasShared, total: filling.map(distinctCost) ?? .zero, currency: measure == .cost ? currency : nil,
                        steps: [], progress: progress, notReliedOn: notReliedOn, unfillable: [], notes: notes,
                        leafSteps: [:])
        guard let filling else {
            plan.unfillable = unfillable(node: 0)
            return plan
        }
        var fills: [Int: [String]] = [:]           // class position → requirement labels
        var leavesOf: [Int: [Int]] = [:]           // class position → leaves
        for (leaf, items) in filling.picks {
            for case .earn(let position) in items {
                fills[position, default: []].append(pathway.nodes[pathway.leaves[leaf].node].label)
                leavesOf[position, default: []].append(leaf)
                plan.leafSteps[pathway.leaves[leaf].node, default: []].append(pathway.classes[position]?.id ?? "")
            }
        }
        plan.steps = ordered(Array(fills.keys), leavesOf: leavesOf).map { position in
            let badgeClass = pathway.classes[position]
            let after = predecessors(of: position, among: Array(fills.keys), leavesOf: leavesOf)
                .compactMap { pathway.classes[$0]?.id }.sorted()
            return Plan.Step(badge: badgeClass?.id ?? "", name: badgeClass?.name ?? "", hours: badgeClass?.effortHours,
                             cost: badgeClass?.cost, fills: (fills[position] ?? []).sorted(), after: after)
        }
        return plan
    }

    /// What the filling really costs: each badge to earn once, however many requirements it fills.
    private func distinctCost(_ filling: Filling) -> Rational {
        var seen: Set<Int> = []
        var total = Rational.zero
        for items in filling.picks.values {
            for case .earn(let position) in items where seen.insert(position).inserted {
                total += options.lazy.flatMap { $0 }.first { $0.item == .earn(position) }?.cost ?? .zero
            }
        }
        return total
    }

    /// The planned classes that must come before `position`: those filling a leaf or node that
    /// an `earnedAfter` of one of its leaves names.
    private func predecessors(of position: Int, among planned: [Int], leavesOf: [Int: [Int]]) -> [Int] {
        var result: [Int] = []
        for leaf in leavesOf[position] ?? [] {
            let spec = pathway.leaves[leaf]
            for other in planned where other != position {
                let otherID = pathway.classes[other]?.id ?? ""
                if spec.afterClasses.contains(otherID) {
                    result.append(other)
                    continue
                }
                let underNamedNode = (leavesOf[other] ?? []).contains { otherLeaf in
                    spec.afterNodes.contains { isAncestor($0, of: pathway.leaves[otherLeaf].node) }
                }
                if underNamedNode { result.append(other) }
            }
        }
        return result
    }

    private func isAncestor(_ ancestor: Int, of node: Int) -> Bool {
        var current = node
        while current >= 0 {
            if current == ancestor { return true }
            current = pathway.nodes[current].parent
        }
        return false
    }

    /// A topological order of the planned classes (cheapest, then id, first among the free ones).
    private func ordered(_ planned: [Int], leavesOf: [Int: [Int]]) -> [Int] {
        var remaining = planned
        var result: [Int] = []
        while !remaining.isEmpty {
            let ready = remaining.filter { position in
                predecessors(of: position, among: remaining, leavesOf: leavesOf).isEmpty
            }
            // A cycle cannot be ordered; take the rest as they are (the audit reports the conflict).
            let next = (ready.isEmpty ? remaining : ready).min { lhs, rhs in
                (pathway.classes[lhs]?.id ?? "") < (pathway.classes[rhs]?.id ?? "")
            } ?? remaining[0]
            result.append(next)
            remaining.removeAll { $0 == next }
        }
        return result
    }

    /// Why nothing completes the pathway: the requirements that cannot be filled, outermost
    /// failing ones named.
    private func unfillable(node index: Int) -> [String] {
        var scratch: Set<Item> = []
        guard fill(node: index, forbidden: [], used: &scratch) == nil else { return [] }
        let node = pathway.nodes[index]
        switch node.combine {
        case .leaf(let leafIndex):
            let have = options[leafIndex].count
            switch pathway.leaves[leafIndex].demand {
            case .slots(let count):
                return ["\(node.label): needs \(count) badge\(count == 1 ? "" : "s"); your badges and the catalogues offer \(have)"]
            case .credits(let amount, let unit):
                let total = options[leafIndex].reduce(Rational.zero) { $0 + $1.credit }
                return ["\(node.label): needs \(amount) \(unit); your badges and the catalogues offer \(total)"]
            }
        case .all:
            return node.children.flatMap { unfillable(node: $0) }
        case .atLeast(let needed):
            let possible = node.children.filter { child in
                var scratch: Set<Item> = []
                return fill(node: child, forbidden: [], used: &scratch) != nil
            }.count
            return ["\(node.label): needs \(needed) of its \(node.children.count) parts; only \(possible) can be filled"]
                + node.children.flatMap { unfillable(node: $0) }
        }
    }
}
