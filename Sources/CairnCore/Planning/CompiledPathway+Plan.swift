extension CompiledPathway {
    /// The cheapest set of further badge classes of `catalog` that, with the learner's badges,
    /// completes the pathway (see ``Plan``).
    ///
    /// Exact by branch and bound over which badge fills which requirement, with a Lagrangian
    /// bound that prices "a badge counts once" (and splits costs with `shared` requirements);
    /// see the Plans article. Held badges count for free; those that lapse before
    /// `reliesUntil` are not relied on. A plan assumes each new badge is earned with a result
    /// that meets the requirement it fills, after the badges its `earnedAfter` names, and each
    /// class is earned at most once. Badges that a pathway awards are not offered (they come
    /// from completing it), nor are classes a registrar exception blocks for the learner. When
    /// `limits.maxPlanNodes` branches run out first, the best plan found comes back with
    /// ``Plan/isOptimal`` `false`.
    ///
    /// - Throws: ``PlanError`` when the measure cannot be applied (costs in several currencies).
    public func plan(for record: LearnerRecord, catalog: Catalog, measure: Plan.Measure, asOf: CalendarDate,
                     reliesUntil: CalendarDate, limits: SolverLimits = .default) throws(PlanError) -> Plan {
        let planner = try Planner(pathway: self, record: record, catalog: catalog, measure: measure, asOf: asOf,
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

/// Sets up the search behind ``CompiledPathway/plan(for:catalog:measure:asOf:reliesUntil:limits:)``
/// (what can fill each leaf, at what cost) and turns its answer into a ``Plan``.
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
        // A plan starts from the pending figure: pending earnings are taken as held from their
        // expected date (the plan's notes say which), never offered as badges still to earn.
        let screening = pathway.screen(relevant, of: self.record, asOf: asOf, awardingPending: true)
        // Held badges that count now and still count on `reliesUntil`.
        var usable = [Bool](repeating: false, count: relevant.count)
        var pending: [EarnedBadge] = []
        for (index, item) in relevant.enumerated() {
            let badgeClass = pathway.classes[item.classPosition]
            var badge = item.badge
            if badge.status.isPending {
                badge.status = .awarded
                guard badge.standing(on: max(asOf, badge.issued), under: badgeClass).counts else { continue }
                pending.append(item.badge)
            } else {
                guard badge.standing(on: asOf, under: badgeClass).counts else { continue }
            }
            if let expires = item.badge.expiry(under: badgeClass), expires <= reliesUntil {
                notReliedOn.append("\(item.badge.badgeClassID) (lapses \(expires))")
                continue
            }
            usable[index] = true
        }
        if !pending.isEmpty {
            notes.append("starts from the pending figure: "
                + pending.map { "\($0.badgeClassID) (\($0.status == .registered ? "registered" : "in progress"), expected \($0.issued))" }
                    .joined(separator: ", ") + " taken as held")
        }
        let awarded = Set(catalog.pathways.values.compactMap(\.awards))
        // A class the registrar blocked for this learner would not count if earned again.
        let blocked = self.record.blockedClasses.union(self.record.badges.filter { $0.blocked != nil }.map(\.badgeClassID))
        var blockedOffers: [String] = []
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
            if blocked.contains(badgeClass.id) {
                blockedOffers.append(badgeClass.id)
                continue
            }
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
        if !blockedOffers.isEmpty {
            notes.append("not offered, since the registrar blocked them for this learner: "
                         + blockedOffers.sorted().joined(separator: ", "))
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

    /// The plan the search settles on: the items each leaf takes, and the exact total.
    struct Filling {
        var cost: Rational
        var picks: [Int: [Item]]        // leaf → items
    }

    func classPosition(of item: Item) -> Int {
        switch item {
        case .held(let index): relevant[index].classPosition
        case .earn(let position): position
        }
    }

    // MARK: The search

    func run(stepLimit: Int) -> Plan {
        if pathway.countingRules != nil { return runUnderCountingRules(stepLimit: stepLimit) }
        let audit = pathway.audit(record, asOf: asOf)
        let progress = audit.progress
        var items: [Item] = []
        var itemIndex: [Item: Int] = [:]
        var costs: [Rational] = []
        let leaves = options.indices.map { leaf in
            let list = options[leaf]
            let indices = list.map { option in
                if let known = itemIndex[option.item] { return known }
                itemIndex[option.item] = items.count
                items.append(option.item)
                costs.append(option.cost)
                return items.count - 1
            }
            let demand: PlanSearch.Demand = switch pathway.leaves[leaf].demand {
            case .slots(let count): .slots(count)
            case .credits(let amount, _): .credits(amount)
            }
            return PlanSearch.Leaf(demand: demand, shared: pathway.leaves[leaf].shared, items: indices, credits: list.map(\.credit))
        }
        let search = PlanSearch(nodes: pathway.nodes, leafNodes: pathway.leaves.map(\.node), costs: costs, leaves: leaves)
        let result = search.run(branchLimit: stepLimit)
        let filling = result.best.map { outcome in
            Filling(cost: outcome.cost, picks: Dictionary(uniqueKeysWithValues: outcome.picks.enumerated().compactMap { leaf, picked in
                picked.isEmpty ? nil : (leaf, picked.map { items[$0] })
            }))
        }
        var plan = makePlan(filling: filling, optimal: result.isExhaustive, progress: progress)
        plan.branches = result.branches
        if !audit.isExact {
            plan.notes.append("today's progress is the best the audit found within its search limit, not proven the most")
        }
        if filling == nil {
            plan.unfillable = unfillable(node: 0)
            if plan.unfillable.isEmpty {
                plan.unfillable = [result.isExhaustive
                    ? "each requirement can be filled on its own, but not all at once: they compete for the same badges, and a badge counts once"
                    : "no plan was found within the search limit (\(stepLimit) branches)"]
            }
        }
        return plan
    }

    func makePlan(filling: Filling?, optimal: Bool, progress: Rational) -> Plan {
        var plan = Plan(pathway: pathway.pathway.id, pathwayTitle: pathway.pathway.title, learner: record.learner,
                        measure: measure, asOf: asOf, reliesUntil: reliesUntil, isComplete: filling != nil,
                        isOptimal: optimal, total: filling?.cost ?? .zero, currency: measure == .cost ? currency : nil,
                        steps: [], progress: progress, notReliedOn: notReliedOn, unfillable: [], notes: notes,
                        leafSteps: [:])
        guard let filling else { return plan }
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

    /// Why nothing completes the pathway: the requirements that cannot be filled even when
    /// badges may count twice, outermost failing ones named.
    func unfillable(node index: Int) -> [String] {
        guard !fillable(node: index) else { return [] }
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
            let possible = node.children.filter { fillable(node: $0) }.count
            return ["\(node.label): needs \(needed) of its \(node.children.count) parts; only \(possible) can be filled"]
                + node.children.flatMap { unfillable(node: $0) }
        }
    }

    /// Whether a node can be filled from what is on offer if a badge could count twice.
    private func fillable(node index: Int) -> Bool {
        let node = pathway.nodes[index]
        switch node.combine {
        case .leaf(let leafIndex):
            switch pathway.leaves[leafIndex].demand {
            case .slots(let count): return options[leafIndex].count >= count
            case .credits(let amount, _): return options[leafIndex].reduce(Rational.zero) { $0 + $1.credit } >= amount
            }
        case .all:
            return node.children.allSatisfy { fillable(node: $0) }
        case .atLeast(let needed):
            return node.children.count { fillable(node: $0) } >= needed
        }
    }
}
