extension CreditPolicy {
    /// Applies the policy to `record` on `asOf`, against the badge classes and pathways of `catalog`.
    ///
    /// 1. Each earned badge (in issue order) is checked: revoked, not yet issued or lapsed
    ///    badges do not count; the first rule that matches decides its credit (converted exactly
    ///    to the policy's unit), its recency and minimum result, and its grade. A second earning
    ///    of a badge already counted does not count again.
    /// 2. Each stack rule audits its pathway. A complete pathway grants block credit; with
    ///    `replace` the badges that complete it no longer count on their own. A badge completes at
    ///    most one granted stack, and the pathway's own awarded badge never counts beside its block.
    /// 3. Caps choose, among the lines still counting, the set with the largest total (whole
    ///    lines only; ties keep stacks, then earlier badges); every line left out names the caps
    ///    it would exceed. A stack the caps leave out replaces nothing: its badges are put back
    ///    and the caps choose again, until every stack still in the running counts.
    ///
    /// - Throws: ``CreditPolicyError`` when the policy cannot be applied as written (a missing
    ///   conversion, a share cap without programme credit, an unknown pathway).
    public func evaluate(_ record: LearnerRecord, catalog: Catalog, asOf: CalendarDate,
                         limits: SolverLimits = .default) throws(CreditPolicyError) -> CreditTranscript {
        var conversions = catalog.conversions
        for conversion in self.conversions { conversions.add(conversion) }
        let record = record.applyingRenewals(asOf: asOf) { catalog.badgeClasses[$0] }
        var evaluator = Evaluator(policy: self, catalog: catalog, conversions: conversions, asOf: asOf)
        var lines = try evaluator.badgeLines(record)
        lines += try evaluator.stackLines(record, badgeLines: &lines, limits: limits)
        let isExact = try evaluator.applyCaps(to: &lines)
        let unrounded = lines.filter(\.counted).reduce(Rational.zero) { $0 + $1.credits }
        let total = rounding.flatMap { $0.stage == .total ? $0.apply(unrounded) : nil } ?? unrounded
        return CreditTranscript(policy: id, policyVersion: version, policyTitle: title, institution: institution,
                                learner: record.learner, asOf: asOf, unit: unit, total: total, unroundedTotal: unrounded,
                                lines: lines, isExact: isExact)
    }
}

/// The working state of one evaluation.
private struct Evaluator {
    let policy: CreditPolicy
    let catalog: Catalog
    let conversions: UnitConversions
    let asOf: CalendarDate
    /// For each badge line, the earned badge it is about (same order as the lines).
    var earned: [EarnedBadge] = []

    init(policy: CreditPolicy, catalog: Catalog, conversions: UnitConversions, asOf: CalendarDate) {
        self.policy = policy
        self.catalog = catalog
        self.conversions = conversions
        self.asOf = asOf
    }

    // MARK: Badges

    mutating func badgeLines(_ record: LearnerRecord) throws(CreditPolicyError) -> [CreditLine] {
        earned = record.badges.sorted { ($0.issued, $0.badgeClassID) < ($1.issued, $1.badgeClassID) }
        var lines: [CreditLine] = []
        var counted: Set<String> = []
        for badge in earned {
            var line = try badgeLine(badge)
            if line.counted, !counted.insert(badge.badgeClassID).inserted {
                line.counted = false
                line.decision = .duplicate
                line.reason = "an earlier earning of this badge already counts; a badge counts once"
            }
            lines.append(line)
        }
        return lines
    }

    private func badgeLine(_ badge: EarnedBadge) throws(CreditPolicyError) -> CreditLine {
        let badgeClass = catalog.badgeClasses[badge.badgeClassID]
        let subject = CreditLine.Subject.badge(id: badge.badgeClassID, name: badgeClass?.name ?? badge.badgeClassID,
                                               issued: badge.issued)
        func refuse(_ decision: CreditLine.Decision, _ reason: String, credits: Rational = .zero,
                    rule: CreditRule? = nil) -> CreditLine {
            CreditLine(subject: subject, credits: credits, counted: false, decision: decision, reason: reason,
                       rule: rule?.id, equivalentTo: rule?.equivalentTo, result: badge.result)
        }
        guard let badgeClass else { return refuse(.unknownBadge, "no catalogue defines this badge") }
        switch badge.standing(on: asOf, under: badgeClass) {
        case .revoked: return refuse(.revoked, "revoked by the issuer")
        case .unproven(let why): return refuse(.unproven, "not proven to come from its issuer: \(why)")
        case .blocked(let why): return refuse(.blocked, "blocked by the registrar: \(why)")
        case .notYetIssued(let issued): return refuse(.notYetIssued, "issued \(issued), after \(asOf)")
        case .lapsed(let expires): return refuse(.lapsed, "lapsed: no longer valid from \(expires)")
        case .pending(let status, let expected):
            return refuse(.pending, "\(status == .registered ? "registered" : "in progress"), expected \(expected): "
                          + "not awarded yet, so it earns no credit")
        case .counts: break
        }
        guard let rule = policy.rules.first(where: { catalog.matches($0.match, badgeClass) }) else {
            return refuse(.noMatchingRule, "no rule of the policy matches this badge")
        }
        let credits: Rational
        switch rule.credits {
        case .none:
            return refuse(.noCredit, "rule \(rule.id) grants no credit for it", rule: rule)
        case .fixed(let amount):
            credits = try convert(amount, badge: badgeClass.id, rule: rule)
        case .declared:
            guard let declared = badgeClass.credits else {
                return refuse(.noCredit, "rule \(rule.id) grants the badge's declared credits, and it declares none", rule: rule)
            }
            credits = try convert(declared, badge: badgeClass.id, rule: rule)
        }
        let rounded = policy.rounding.flatMap { $0.stage == .line ? $0.apply(credits) : nil } ?? credits
        if let window = rule.earnedWithin ?? policy.earnedWithin, asOf >= badge.issued + window {
            return refuse(.tooOld, "earned \(badge.issued), more than \(window) before \(asOf) (rule \(rule.id))",
                          credits: rounded, rule: rule)
        }
        if let minimum = rule.minResult ?? policy.minResult, !minimum.isMet(by: badge.result, scale: badgeClass.resultScale) {
            let reason = badge.result.map { "result \($0) is below the minimum \(minimum)" }
                ?? "no result recorded; the minimum is \(minimum)"
            return refuse(.belowMinimumResult, "\(reason) (rule \(rule.id))", credits: rounded, rule: rule)
        }
        var line = CreditLine(subject: subject, credits: rounded, counted: true, decision: .counted,
                              reason: "rule \(rule.id): \(rule.credits == .declared ? "the badge's declared credits" : "\(rule.credits)")"
                                  + (rounded != credits ? ", rounded from \(credits)" : ""),
                              rule: rule.id, equivalentTo: rule.equivalentTo, result: badge.result)
        line.grade = (rule.grades ?? policy.grades)?.grade(for: badge.result)
        return line
    }

    private func convert(_ credits: Credits, badge: String, rule: CreditRule) throws(CreditPolicyError) -> Rational {
        var unit = credits.unit
        if unit == .unspecified, let declared = policy.openBadgesUnit { unit = declared }
        guard let ratio = conversions.ratio(from: unit, to: policy.unit) else {
            throw .missingConversion(from: unit, to: policy.unit, badge: badge, rule: rule.id, at: rule.source ?? policy.source)
        }
        return credits.value * ratio
    }

    // MARK: Stacks

    mutating func stackLines(_ record: LearnerRecord, badgeLines lines: inout [CreditLine],
                             limits: SolverLimits) throws(CreditPolicyError) -> [CreditLine] {
        var stackLines: [CreditLine] = []
        var consumedBy: [Int: String] = [:]          // badge line index → the stack it completes
        for stack in policy.stacks {
            guard let pathway = catalog.pathways[stack.pathway] else {
                throw .unknownPathway(stack.pathway, at: stack.source ?? policy.source)
            }
            let subject = CreditLine.Subject.pathway(id: pathway.id, title: pathway.title)
            let rule = "stack:\(pathway.id)"
            let audit: Audit
            do {
                audit = try CompiledPathway(pathway: pathway.id, catalog: catalog).audit(record, asOf: asOf, limits: limits)
            } catch {
                throw .audit(error)
            }
            guard let block = stack.credits ?? pathway.credits else {
                stackLines.append(CreditLine(subject: subject, credits: .zero, counted: false, decision: .noCredit,
                                             reason: "neither the stack rule nor the pathway gives block credit", rule: rule))
                continue
            }
            let credits = try convert(block, badge: pathway.id,
                                      rule: CreditRule(id: rule, match: BadgeFilter(), credits: .fixed(block), source: stack.source))
            guard audit.isComplete else {
                stackLines.append(CreditLine(subject: subject, credits: credits, counted: false, decision: .stackIncomplete,
                                             reason: "not complete on \(asOf) (progress \(audit.progress))", rule: rule,
                                             equivalentTo: stack.equivalentTo))
                continue
            }
            var components: [Int] = []
            for counted in audit.root.completingBadges {
                if let index = earned.indices.first(where: {
                    earned[$0].badgeClassID == counted.badge && earned[$0].issued == counted.issued
                }), !components.contains(index) {
                    components.append(index)
                }
            }
            if let shared = components.first(where: { consumedBy[$0] != nil }), let other = consumedBy[shared] {
                stackLines.append(CreditLine(
                    subject: subject, credits: credits, counted: false, decision: .stackSharesBadge,
                    reason: "\(lines[shared].subject.name) already completes the stack \(other); a badge counts once",
                    rule: rule, equivalentTo: stack.equivalentTo))
                continue
            }
            var displacedLines: [(index: Int, line: CreditLine)] = []
            for index in components {
                consumedBy[index] = pathway.id
                guard stack.mode == .replace, lines[index].counted else { continue }
                displacedLines.append((index, lines[index]))
                lines[index].counted = false
                lines[index].decision = .replacedByStack
                lines[index].reason = "replaced by the block credit of \(pathway.title) (\(pathway.id))"
            }
            if let awarded = pathway.awards {
                for index in lines.indices where lines[index].subject.id == awarded && lines[index].counted {
                    displacedLines.append((index, lines[index]))
                    lines[index].counted = false
                    lines[index].decision = .standsForStack
                    lines[index].reason = "stands for \(pathway.title), credited as a block"
                }
            }
            let latest = components.map { earned[$0].issued }.max()
            stackYears[stackLines.count] = latest?.year
            displaced[stackLines.count] = displacedLines
            stackLines.append(CreditLine(
                subject: subject, credits: credits, counted: true, decision: .counted,
                reason: "complete; block credit, \(stack.mode == .replace ? "replacing" : "added to") the credit of its "
                    + "\(components.count) badge\(components.count == 1 ? "" : "s")",
                rule: rule, equivalentTo: stack.equivalentTo))
        }
        stackOffset = lines.count
        return stackLines
    }

    /// The calendar year a stack line falls in (its latest component's), by stack-line index.
    var stackYears: [Int: Int] = [:]
    /// Where the stack lines start in the full list.
    var stackOffset = 0
    /// For each granted stack (by stack-line index), the badge lines its block took the place
    /// of, as they were before: they count again if the caps leave the stack out.
    var displaced: [Int: [(index: Int, line: CreditLine)]] = [:]

    // MARK: Caps

    /// Leaves counted only the lines that caps allow, choosing the largest total; returns
    /// whether that choice is proven best.
    ///
    /// A granted stack counts whenever the caps allow it, and then its block takes the place
    /// of its badges. A stack the caps leave out takes the place of nothing: its badges (and
    /// the badge its pathway awards) are put back among the lines, and the caps choose again —
    /// until every stack still in the running is chosen. Each round is an exact search, and
    /// each round can only raise the total (what the last one chose is still allowed), so a
    /// capped stack never costs the learner the credit of its badges.
    func applyCaps(to lines: inout [CreditLine]) throws(CreditPolicyError) -> Bool {
        guard !policy.caps.isEmpty else { return true }
        let original = lines
        var cutStacks: [Int: [String]] = [:]        // line index of a stack left out → the caps that cut it
        var isExact = true
        while true {
            var working = original
            for (stack, caps) in cutStacks.sorted(by: { $0.key < $1.key }) {
                release(stack, cutBy: caps, in: &working, stillCounted: { cutStacks[$0] == nil })
            }
            let round = try selectUnderCaps(&working)
            isExact = isExact && round.isExact
            let newlyCut = round.cut.filter { index, _ in
                index >= stackOffset && cutStacks[index] == nil && !(displaced[index - stackOffset] ?? []).isEmpty
            }
            guard !newlyCut.isEmpty else {
                lines = working
                return isExact
            }
            cutStacks.merge(newlyCut) { first, _ in first }
        }
    }

    /// Marks the stack line at `stack` as left out by `caps`, and gives the lines its block
    /// displaced their own decision back (unless another stack that still counts displaced them too).
    private func release(_ stack: Int, cutBy caps: [String], in lines: inout [CreditLine],
                         stillCounted: (Int) -> Bool) {
        let returned = displaced[stack - stackOffset] ?? []
        lines[stack].counted = false
        lines[stack].decision = .cappedOut
        lines[stack].cutBy = caps
        lines[stack].reason = "cut by \(caps.joined(separator: " and ")): counting its block would exceed the limit, "
            + "so the \(returned.count) line\(returned.count == 1 ? "" : "s") it would replace count on their own"
        for (index, line) in returned {
            let heldElsewhere = displaced.contains { other, entries in
                other + stackOffset != stack && lines[other + stackOffset].counted && stillCounted(other + stackOffset)
                    && entries.contains { $0.index == index }
            }
            if !heldElsewhere { lines[index] = line }
        }
    }

    /// One exact cap search over the lines that count: leaves out what the caps do not allow
    /// and returns, for each line left out, the names of the caps it would exceed.
    private func selectUnderCaps(_ lines: inout [CreditLine]) throws(CreditPolicyError) -> (cut: [Int: [String]], isExact: Bool) {
        // Stacks first, then badges in issue order: the order ties are broken in.
        let candidates = (lines.indices.filter { $0 >= stackOffset } + lines.indices.filter { $0 < stackOffset })
            .filter { lines[$0].counted }
        var caps: [CapSelection.Cap] = []
        var capNames: [String] = []
        var members: [[Int]] = []
        for cap in policy.caps {
            let limit: Rational
            switch cap.limit {
            case .amount(let amount): limit = amount
            case .shareOfProgramme(let share):
                guard let programme = policy.programmeCredits else { throw .shareWithoutProgramme(at: cap.source ?? policy.source) }
                limit = share * programme
            }
            func add(_ name: String, _ indices: [Int]) {
                caps.append(CapSelection.Cap(limit: limit))
                capNames.append(name)
                members.append(indices)
            }
            switch cap.scope {
            case .total:
                add(cap.description, candidates)
            case .issuer(let issuer):
                add(cap.description, candidates.filter { index in
                    index < stackOffset && catalog.badgeClasses[lines[index].subject.id]?.issuer.id == issuer
                })
            case .tag(let tag):
                add(cap.description, candidates.filter { index in
                    index < stackOffset && catalog.badgeClasses[lines[index].subject.id]?.tags.contains(tag) == true
                })
            case .perCalendarYear:
                let years = Dictionary(grouping: candidates) { year(ofLine: $0, lines: lines) }
                for year in years.keys.compactMap({ $0 }).sorted() {
                    add("the cap of \(limit) for \(year)", years[year] ?? [])
                }
            }
        }
        let items = candidates.map { index in
            CapSelection.Item(value: lines[index].credits,
                              caps: members.indices.filter { members[$0].contains(index) })
        }
        let selection = CapSelection.solve(items: items, caps: caps)
        var cut: [Int: [String]] = [:]
        for (position, index) in candidates.enumerated() where !selection.chosen[position] {
            let names = (selection.cutBy[position] ?? []).map { capNames[$0] }
            lines[index].counted = false
            lines[index].decision = .cappedOut
            lines[index].cutBy = names
            lines[index].reason = "cut by \(names.joined(separator: " and ")): counting it would exceed the limit"
            cut[index] = names
        }
        return (cut, selection.isExact)
    }

    private func year(ofLine index: Int, lines: [CreditLine]) -> Int? {
        if index >= stackOffset { return stackYears[index - stackOffset] }
        if case .badge(_, _, let issued) = lines[index].subject { return issued.year }
        return nil
    }
}
