extension CompiledPathway {
    /// Audits one learner on `asOf`: which requirements their badges meet, with the assignment
    /// that completes the pathway if any does, and otherwise the one with the most progress.
    /// Renewed badges count until their chain's current expiry (see ``LearnerRecord/applyingRenewals(asOf:classFor:)``).
    public func audit(_ record: LearnerRecord, asOf: CalendarDate, limits: SolverLimits = .default) -> Audit {
        var (audit, pending) = auditNow(record, asOf: asOf, limits: limits)
        // A pathway with neither destinations nor milestones skips this: today's path, unchanged.
        if pathway.hasIntermediateAwards {
            audit = addingDestinationsAndMilestones(to: audit, record: record, asOf: asOf, limits: limits)
        }
        // A record with no pending earning the pathway can count takes no second solve.
        guard !pending.isEmpty else { return audit }
        // With several destinations the figure is the best destination's, each already audited.
        if !audit.destinations.isEmpty { return audit }
        return withPendingFigure(audit, record: record, pending: pending, limits: limits)
    }

    /// The audit of ``pathway``'s own requirement tree (for several destinations, the `any` over
    /// them), with pending earnings rejected.
    func auditTree(_ record: LearnerRecord, asOf: CalendarDate, limits: SolverLimits) -> Audit {
        auditNow(record, asOf: asOf, limits: limits).audit
    }

    /// The audit of what is complete now (pending earnings rejected), and the pending earnings
    /// some leaf matches.
    /// With `awardingPending`, pending earnings count as if awarded on their expected date.
    private func auditNow(_ record: LearnerRecord, asOf: CalendarDate, limits: SolverLimits, awardingPending: Bool = false)
        -> (audit: Audit, pending: [EarnedBadge]) {
        // Only the classes the pathway asks for (and those an `earnedAfter` names) can change the audit.
        let record = record.applyingRenewals(asOf: asOf) { id in
            guard let position = classIndex[id], !leavesByClass[position].isEmpty || predecessorClasses.contains(id) else {
                return nil
            }
            return classes[position]
        }
        let relevant = relevantBadges(record.badges)
        let earned = relevant.map(\.badge)
        let screening = screen(relevant, of: record, asOf: asOf, awardingPending: awardingPending)
        var isExact = true
        var notes: [String] = record.notes
        let orderCombinations = orderThresholdCombinations(earned, screening: screening)
        if orderCombinations.truncated {
            isExact = false
            notes.append("only the first \(limits.maxOrderCombinations) orderings of earnedAfter requirements were tried")
        }
        var chosen: (assigned: [[Int]], thresholds: [Int: CalendarDate?])?
        var chosenValue = Rational(-1)
        for thresholds in orderCombinations.combinations.prefix(limits.maxOrderCombinations) {
            let instance = makeInstance(earned, screening: screening, thresholds: thresholds)
            let solution: AssignmentSolver.Solution
            if let countingRules {
                var search = SharedCountingSearch(instance: instance, rules: countingRules, budget: limits.maxSearchNodes)
                let result = search.run()
                solution = AssignmentSolver.Solution(assigned: result.assigned, isExact: result.isExact, explored: result.steps)
            } else {
                var solver = AssignmentSolver(instance: instance, limits: limits)
                // An ordering after the first matters only if it beats the best one so far.
                if chosenValue >= .zero { solver.floor = chosenValue }
                solution = solver.solve()
            }
            if !solution.isExact {
                isExact = false
                notes.append("the search stopped after \(solution.explored) steps: the assignment shown is the best found, not proven optimal")
            }
            guard orderCombinations.combinations.count > 1 else {
                chosen = (solution.assigned, thresholds)
                break
            }
            let value = exactProgress(of: solution.assigned, earned: earned).root
            if value > chosenValue {
                chosen = (solution.assigned, thresholds)
                chosenValue = value
            }
            if value == .one { break }
        }
        let root = report(chosen?.assigned ?? Array(repeating: [], count: leaves.count), earned: earned,
                          screening: screening, thresholds: chosen?.thresholds ?? [:])
        let audit = Audit(pathway: pathway.id, pathwayTitle: pathway.title, learner: record.learner, asOf: asOf,
                          isComplete: root.isSatisfied, progress: root.progress, root: root,
                          isExact: isExact, notes: notes)
        // Nearly every record has no pending earning: one scan, no array made.
        return (audit, earned.contains { $0.status.isPending } ? earned.filter(\.status.isPending) : [])
    }

    /// `audit` with its ``Audit/pending`` figure: the record audited again on the same day, with
    /// every pending earning counting as if awarded on its expected date. Held badges stand as
    /// they do now, so the figure is never below what is complete now.
    private func withPendingFigure(_ audit: Audit, record: LearnerRecord, pending: [EarnedBadge],
                                   limits: SolverLimits) -> Audit {
        let figure = auditNow(record, asOf: audit.asOf, limits: limits, awardingPending: true).audit
        var audit = audit
        audit.pending = PendingFigure(isComplete: figure.isComplete, progress: figure.progress, isExact: figure.isExact,
                                      expectedBy: pending.map(\.issued).max() ?? audit.asOf, badges: pending)
        return audit
    }

    /// An earned badge some leaf of this pathway matches, with its class looked up once.
    struct RelevantBadge {
        var badge: EarnedBadge
        var classPosition: Int
    }

    /// The learner's badges that some leaf matches — usually a handful of a long record — in
    /// canonical order (issue date, then class id), so the answer does not depend on the order
    /// of the learner's file.
    func relevantBadges(_ badges: [EarnedBadge]) -> [RelevantBadge] {
        var relevant: [(offset: Int, item: RelevantBadge)] = []
        for (offset, badge) in badges.enumerated() {
            guard let position = classIndex[badge.badgeClassID], !leavesByClass[position].isEmpty else { continue }
            relevant.append((offset, RelevantBadge(badge: badge, classPosition: position)))
        }
        // Class positions follow class ids for catalogue classes; ids compare only across the rest.
        relevant.sort { lhs, rhs in
            let left = lhs.item
            let right = rhs.item
            if left.badge.issued != right.badge.issued { return left.badge.issued < right.badge.issued }
            if left.classPosition != right.classPosition {
                return left.badge.badgeClassID < right.badge.badgeClassID
            }
            return lhs.offset < rhs.offset
        }
        return relevant.map(\.item)
    }

    /// For each leaf, the earned badges its matcher accepts, each either a candidate (`nil`)
    /// or rejected with the first reason that applies.
    struct Screening {
        var matches: [[(badge: Int, reason: RejectionReason?)]]
    }

    func screen(_ relevant: [RelevantBadge], of record: LearnerRecord, asOf: CalendarDate,
                awardingPending: Bool = false) -> Screening {
        /// A badge's standing; with `awardingPending`, a pending one stands as it will once awarded.
        func standingOf(_ badge: EarnedBadge, _ badgeClass: BadgeClass?) -> BadgeStanding {
            let standing = badge.standing(on: asOf, under: badgeClass)
            guard awardingPending, case .pending = standing else { return standing }
            var awarded = badge
            awarded.status = .awarded
            return awarded.standing(on: max(asOf, badge.issued), under: badgeClass)
        }
        // Earliest counting issue date of each class that an `earnedAfter` names, over the whole record.
        var earliestCounting: [String: CalendarDate] = [:]
        if !predecessorClasses.isEmpty {
            for badge in record.badges where predecessorClasses.contains(badge.badgeClassID) {
                let badgeClass = classIndex[badge.badgeClassID].flatMap { classes[$0] }
                guard standingOf(badge, badgeClass).counts else { continue }
                if earliestCounting[badge.badgeClassID].map({ badge.issued < $0 }) ?? true {
                    earliestCounting[badge.badgeClassID] = badge.issued
                }
            }
        }
        var matches: [[(badge: Int, reason: RejectionReason?)]] = Array(repeating: [], count: leaves.count)
        for (badgeIndex, item) in relevant.enumerated() {
            let badge = item.badge
            let classPosition = item.classPosition
            let standing = standingOf(badge, classes[classPosition])
            for leafIndex in leavesByClass[classPosition] {
                let leaf = leaves[leafIndex]
                var reason: RejectionReason?
                switch standing {
                case .counts: break
                case .revoked: reason = .revoked
                case .unproven(let why): reason = .unproven(reason: why)
                case .blocked(let why): reason = .blocked(reason: why)
                case .notYetIssued(let issued): reason = .notYetIssued(issued: issued)
                case .lapsed(let expires): reason = .lapsed(expires: expires)
                case .pending(let status, let expected): reason = .pending(status: status, expected: expected)
                }
                if reason == nil {
                    for within in leaf.earnedWithin where badge.issued < asOf - within {
                        reason = .tooOld(earliest: asOf - within, within: within)
                        break
                    }
                }
                if reason == nil {
                    let scale = classes[classPosition]?.resultScale ?? []
                    for minimum in leaf.minResults where !minimum.isMet(by: badge.result, scale: scale) {
                        reason = .resultTooLow(required: minimum, actual: badge.result)
                        break
                    }
                }
                if reason == nil {
                    for predecessor in leaf.afterClasses
                    where !(earliestCounting[predecessor].map { $0 < badge.issued } ?? false) {
                        reason = .earnedTooEarly(mustFollow: predecessor, predecessor: earliestCounting[predecessor])
                        break
                    }
                }
                if reason == nil, case .credits = leaf.demand, leaf.creditValues[classPosition] == nil {
                    reason = .noCredits
                }
                matches[leafIndex].append((badgeIndex, reason))
            }
        }
        return Screening(matches: matches)
    }

    /// The leaves below a node (the node itself when it is a leaf).
    func leavesUnder(_ node: Int) -> [Int] {
        switch nodes[node].combine {
        case .leaf(let leaf): [leaf]
        default: nodes[node].children.flatMap(leavesUnder)
        }
    }

    /// Whether `leaf` is in the subtree of `node`: up its parents, which all have smaller
    /// indices than their children, without building the subtree (this is asked for every
    /// candidate under every combination of cut-offs).
    func isLeaf(_ leaf: Int, under node: Int) -> Bool {
        var current = leaves[leaf].node
        while current > node { current = nodes[current].parent }
        return current == node
    }

    /// Every combination of cut-off dates for `earnedAfter` requirements that name nodes: for a
    /// named node, badges counted under it are issued on or before the cut-off and badges that
    /// must follow it strictly after. Trying every cut-off that is an issue date (or none) is exact.
    func orderThresholdCombinations(_ earned: [EarnedBadge], screening: Screening)
        -> (combinations: [[Int: CalendarDate?]], truncated: Bool) {
        var combinations: [[Int: CalendarDate?]] = [[:]]
        guard !orderNodes.isEmpty else { return (combinations, false) }
        let named = orderNodes
        var truncated = false
        for node in named {
            var dates: Set<CalendarDate> = []
            for leaf in leavesUnder(node) {
                for match in screening.matches[leaf] where match.reason == nil { dates.insert(earned[match.badge].issued) }
            }
            let options: [CalendarDate?] = [nil] + dates.sorted().map { Optional($0) }
            var next: [[Int: CalendarDate?]] = []
            for combination in combinations {
                for option in options {
                    var extended = combination
                    extended[node] = option
                    next.append(extended)
                }
            }
            if next.count > 65_536 { truncated = true; next = Array(next.prefix(65_536)) }
            combinations = next
        }
        return (combinations, truncated)
    }

    /// Why a badge that passed screening may not count in `leaf` under the cut-offs, if it may not.
    func orderConflict(badge: EarnedBadge, leaf: Int, thresholds: [Int: CalendarDate?]) -> RejectionReason? {
        for (node, cutoff) in thresholds {
            if leaves[leaf].afterNodes.contains(node) {
                if let cutoff, !(badge.issued > cutoff) {
                    return .earnedTooEarly(mustFollow: "\"\(nodes[node].label)\"", predecessor: cutoff)
                }
            }
            if isLeaf(leaf, under: node) {
                guard let cutoff else { return .wouldBreakOrder(requirement: followerLabel(of: node)) }
                if badge.issued > cutoff { return .wouldBreakOrder(requirement: followerLabel(of: node)) }
            }
        }
        return nil
    }

    private func followerLabel(of node: Int) -> String {
        leaves.first { $0.afterNodes.contains(node) }.map { nodes[$0.node].label } ?? nodes[node].label
    }

    func makeInstance(_ earned: [EarnedBadge], screening: Screening, thresholds: [Int: CalendarDate?])
        -> AssignmentSolver.Instance {
        var candidates: [[Int]] = Array(repeating: [], count: leaves.count)
        var values: [[Double]] = Array(repeating: [], count: leaves.count)
        for (leafIndex, leaf) in leaves.enumerated() {
            for match in screening.matches[leafIndex] where match.reason == nil {
                if !thresholds.isEmpty,
                   orderConflict(badge: earned[match.badge], leaf: leafIndex, thresholds: thresholds) != nil {
                    continue
                }
                candidates[leafIndex].append(match.badge)
                if case .credits = leaf.demand {
                    let position = classIndex[earned[match.badge].badgeClassID] ?? -1
                    values[leafIndex].append(leaf.creditValues[position]?.doubleValue ?? 0)
                }
            }
        }
        return AssignmentSolver.Instance(nodes: nodes, leaves: leaves, candidates: candidates, values: values,
                                         badgeCount: earned.count, progressStep: progressStep,
                                         exactStep: exactProgressStep, earned: earned, classIndex: classIndex)
    }
}
