/// One badge's validity for a learner over time: the earning that started it, the earnings that
/// renewed it (the same badge again, or a refresher, inside the renewal window or the grace
/// period), and the expiry that results.
public struct RenewalChain: Hashable, Sendable {
    /// One renewal: the day it was earned and the badge that renewed.
    public struct Renewal: Hashable, Sendable {
        public var date: CalendarDate
        public var badge: String
    }

    public var badge: String
    /// The issue date of the earning that started the chain.
    public var started: CalendarDate
    public var renewals: [Renewal]
    /// The current expiry: the first day it no longer counts; `nil` when it never expires.
    public var expires: CalendarDate?
    public var renewalOpens: CalendarDate?
    public var graceEnds: CalendarDate?
    public var revoked: Bool
    /// The position in the record's badges of the earning whose validity the chain carries.
    public var holder: Int
    /// Things the learner should know: an earning too early to renew, an explicit expiry.
    public var notes: [String]
}

extension LearnerRecord {
    /// Every earning's validity, with renewals applied, in the order of the record's badges
    /// (one chain per run of renewals; revoked earnings form chains of their own).
    ///
    /// Earnings issued after `asOf` are left out: the schedule is what the record says on that day.
    public func renewalChains(asOf: CalendarDate, classFor: (String) -> BadgeClass?) -> [RenewalChain] {
        var classes: [String] = []
        for badge in badges where badge.issued <= asOf && !classes.contains(badge.badgeClassID) {
            classes.append(badge.badgeClassID)
        }
        return classes.sorted().flatMap { chains(of: $0, asOf: asOf, classFor: classFor) }
            .sorted { ($0.holder, $0.started) < ($1.holder, $1.started) }
    }

    /// The chains of one badge class, following its own earnings and its refreshers'.
    private func chains(of classID: String, asOf: CalendarDate, classFor: (String) -> BadgeClass?) -> [RenewalChain] {
        var chains: [RenewalChain] = []
        let badgeClass = classFor(classID)
        let rule = badgeClass?.validity
        let refreshers = rule?.renewal?.refreshers ?? []
        var events: [(index: Int, same: Bool)] = []
        for (index, badge) in badges.enumerated() where badge.issued <= asOf {
            if badge.badgeClassID == classID {
                events.append((index, true))
            } else if refreshers.contains(badge.badgeClassID) {
                events.append((index, false))
            }
        }
        events.sort { lhs, rhs in
            (badges[lhs.index].issued, lhs.same ? 0 : 1, lhs.index) < (badges[rhs.index].issued, rhs.same ? 0 : 1, rhs.index)
        }
        var current: RenewalChain?
        for event in events {
            let earning = badges[event.index]
            // An unproven earning neither starts a chain nor renews one: the record may not say
            // it was ever earned. Nor does a blocked one: the registrar ruled it out for this
            // learner. Audits and credits say why it does not count. A pending one is not awarded yet.
            if earning.unproven != nil || earning.blocked != nil || earning.status.isPending { continue }
            if earning.revoked {
                guard event.same else { continue }
                chains.append(RenewalChain(badge: classID, started: earning.issued, renewals: [],
                                           expires: earning.expiry(under: badgeClass), renewalOpens: nil, graceEnds: nil,
                                           revoked: true, holder: event.index, notes: []))
                continue
            }
            guard var chain = current else {
                guard event.same else { continue }
                current = RenewalChain(starting: earning, at: event.index, rule: rule,
                                       notes: earning.expires.map { ["expiry \($0) set on the badge itself"] } ?? [])
                continue
            }
            // Taken out of `current` so that its notes and renewals are appended to in place, not
            // copied for every earning (which made many earnings of one badge quadratic).
            current = nil
            guard let expires = chain.expires else {               // never expires: a later earning changes nothing
                current = chain
                continue
            }
            let opens = chain.renewalOpens ?? expires
            let graceEnds = chain.graceEnds ?? expires
            if earning.issued < opens {
                chain.notes.append("\(event.same ? "earned again" : "\(earning.badgeClassID) earned") on \(earning.issued), "
                                   + "before the renewal window opened on \(opens): it does not renew")
                current = chain
            } else if earning.issued < graceEnds {
                let renewed: CalendarDate?
                if event.same, let explicit = earning.expires {
                    renewed = explicit
                } else if let duration = rule?.duration {
                    renewed = rule?.anchor == .lastRenewal ? earning.issued + duration : expires + duration
                } else {
                    renewed = expires
                }
                chain.renewals.append(RenewalChain.Renewal(date: earning.issued, badge: earning.badgeClassID))
                chain.expires = renewed
                if event.same { chain.holder = event.index }
                chain.setWindows(rule)
                current = chain
            } else {
                chains.append(chain)
                current = nil
                guard event.same else { continue }
                current = RenewalChain(starting: earning, at: event.index, rule: rule,
                                       notes: ["earned again on \(earning.issued), after the grace period ended on \(graceEnds): it starts over"])
            }
        }
        if let current { chains.append(current) }
        return chains
    }

    /// The record with each renewed earning carrying its chain's expiry, so that audits and
    /// credit count a renewed badge until its current expiry. Records without renewals come back unchanged.
    public func applyingRenewals(asOf: CalendarDate, classFor: (String) -> BadgeClass?) -> LearnerRecord {
        // Only a class earned more than once, or one with a refresher the learner holds, can
        // have been renewed; most records have neither, and audits run this on every record.
        var candidates: [String] = []
        for position in badges.indices {
            let badge = badges[position]
            guard badge.issued <= asOf, !candidates.contains(badge.badgeClassID),
                  let rule = classFor(badge.badgeClassID)?.validity, rule.duration != nil || rule.renewal != nil else { continue }
            let repeated = badges[(position + 1)...].contains { $0.badgeClassID == badge.badgeClassID && $0.issued <= asOf }
            let refreshed = !repeated && (rule.renewal?.refreshers.contains { refresher in
                badges.contains { $0.badgeClassID == refresher && $0.issued <= asOf }
            } ?? false)
            if repeated || refreshed { candidates.append(badge.badgeClassID) }
        }
        guard !candidates.isEmpty else { return self }
        var copy = self
        for classID in candidates {
            for chain in chains(of: classID, asOf: asOf, classFor: classFor) where !chain.revoked && !chain.renewals.isEmpty {
                copy.badges[chain.holder].expires = chain.expires
            }
        }
        return copy
    }
}

extension RenewalChain {
    init(starting earning: EarnedBadge, at index: Int, rule: ValidityRule?, notes: [String]) {
        self.init(badge: earning.badgeClassID, started: earning.issued, renewals: [],
                  expires: earning.expires ?? rule?.firstExpiry(issued: earning.issued), renewalOpens: nil, graceEnds: nil,
                  revoked: false, holder: index, notes: notes)
        setWindows(rule)
    }

    mutating func setWindows(_ rule: ValidityRule?) {
        guard let expires else {
            renewalOpens = nil
            graceEnds = nil
            return
        }
        renewalOpens = rule?.renewalWindow.map { expires - $0 } ?? expires
        graceEnds = rule?.grace.map { expires + $0 } ?? expires
    }
}
