/// When each of a learner's badges and completed stacks lapses, when its renewal window opens,
/// and where it stands on the as-of date (validity dates are half-open: see the README's Validity section).
public struct RenewalSchedule: Hashable, Sendable {
    /// Where an item stands on the as-of date.
    public enum Status: String, Hashable, Sendable, CaseIterable {
        case valid
        case renewalOpen = "renewal-open"
        case grace
        case expired
        case revoked
        case noExpiry = "no-expiry"
    }

    /// One badge (a renewal chain) or one completed stack.
    public struct Item: Hashable, Sendable {
        public enum Subject: Hashable, Sendable {
            case badge(id: String, name: String)
            case pathway(id: String, title: String)

            public var id: String {
                switch self {
                case .badge(let id, _), .pathway(let id, _): id
                }
            }

            public var name: String {
                switch self {
                case .badge(_, let name), .pathway(_, let name): name
                }
            }
        }

        public var learner: String
        public var subject: Subject
        /// For a badge, the issue date of the earning that started its chain; for a stack, the
        /// day it was complete (its latest completing badge's issue date).
        public var issued: CalendarDate
        public var renewals: [RenewalChain.Renewal]
        public var expires: CalendarDate?
        public var renewalOpens: CalendarDate?
        public var graceEnds: CalendarDate?
        public var status: Status
        /// What renews it, as an instruction: earn the badge again, earn a refresher, show
        /// evidence; for a stack, renew the components that keep it complete.
        public var renewal: String
        /// For a stack that follows its components: the badges whose lapse ends it.
        public var keptAliveBy: [String]
        public var notes: [String]

        /// The next date that matters on `asOf`: the window opening, the expiry, or the end of grace.
        public func nextDate(after asOf: CalendarDate) -> CalendarDate? {
            [renewalOpens, expires, graceEnds].compactMap { $0 }.filter { $0 > asOf }.min()
        }
    }

    public var asOf: CalendarDate
    /// Sorted by expiry (items that never expire last), then name.
    public var items: [Item]

    public init(asOf: CalendarDate, items: [Item]) {
        self.asOf = asOf
        self.items = items.sorted { lhs, rhs in
            let left = lhs.expires?.dayNumber ?? Int.max, right = rhs.expires?.dayNumber ?? Int.max
            return (left, lhs.learner, lhs.subject.name, lhs.issued) < (right, rhs.learner, rhs.subject.name, rhs.issued)
        }
    }

    /// The status of an item with these dates on `asOf`.
    public static func status(revoked: Bool, expires: CalendarDate?, renewalOpens: CalendarDate?, graceEnds: CalendarDate?,
                              asOf: CalendarDate) -> Status {
        if revoked { return .revoked }
        guard let expires else { return .noExpiry }
        if asOf < (renewalOpens ?? expires) { return .valid }
        if asOf < expires { return .renewalOpen }
        if asOf < (graceEnds ?? expires) { return .grace }
        return .expired
    }

    /// The items that need attention within `window` of the as-of date: renewal open or in grace
    /// now, or a window opening, an expiry or the end of grace before `asOf + window`. Items
    /// already expired past their grace, revoked or never expiring are left out.
    public func within(_ window: ISODuration) -> RenewalSchedule {
        let horizon = asOf + window
        return RenewalSchedule(asOf: asOf, items: items.filter { item in
            switch item.status {
            case .renewalOpen, .grace: return true
            case .expired, .revoked, .noExpiry: return false
            case .valid: return item.nextDate(after: asOf).map { $0 < horizon } ?? false
            }
        })
    }
}

extension RenewalSchedule {
    /// The schedule of `record` on `asOf`: one item per renewal chain of its badges, and one per
    /// completed pathway of `catalog` whose validity sets a duration or follows its components.
    ///
    /// A stack that follows its components lapses on the first day no assignment of its
    /// still-valid badges completes it — found by auditing on each day a badge lapses — and names
    /// the badges whose renewal keeps it alive.
    public static func make(for record: LearnerRecord, catalog: Catalog, asOf: CalendarDate,
                            limits: SolverLimits = .default) -> RenewalSchedule {
        let classFor: (String) -> BadgeClass? = { catalog.badgeClasses[$0] }
        let chains = record.renewalChains(asOf: asOf, classFor: classFor)
        var items = chains.map { chain -> Item in
            let badgeClass = catalog.badgeClasses[chain.badge]
            return Item(learner: record.learner, subject: .badge(id: chain.badge, name: badgeClass?.name ?? chain.badge),
                        issued: chain.started, renewals: chain.renewals, expires: chain.expires,
                        renewalOpens: chain.renewalOpens, graceEnds: chain.graceEnds,
                        status: status(revoked: chain.revoked, expires: chain.expires, renewalOpens: chain.renewalOpens,
                                       graceEnds: chain.graceEnds, asOf: asOf),
                        renewal: renewalText(badgeClass, id: chain.badge, expires: chain.expires, catalog: catalog),
                        keptAliveBy: [],
                        notes: chain.notes)
        }
        for pathway in catalog.sortedPathways {
            guard let rule = pathway.validity, rule.duration != nil || rule.followsComponents,
                  let item = stackItem(pathway, rule: rule, record: record, chains: chains, catalog: catalog, asOf: asOf,
                                       limits: limits) else { continue }
            items.append(item)
        }
        return RenewalSchedule(asOf: asOf, items: items)
    }

    /// How the item is renewed. An earning that expires by a date of its own (an explicit
    /// `expires`, a credential's `validUntil`) under a class that sets no validity is renewed
    /// only by earning it again.
    private static func renewalText(_ badgeClass: BadgeClass?, id: String, expires: CalendarDate?,
                                    catalog: Catalog) -> String {
        let again = "earn \(badgeClass?.name ?? id) again"
        guard let rule = badgeClass?.validity, rule.duration != nil else {
            return expires == nil ? "does not expire" : again + " (this earning carries its own expiry date)"
        }
        var ways = [again]
        for refresher in rule.renewal?.refreshers ?? [] {
            ways.append("earn \(catalog.badgeClasses[refresher]?.name ?? refresher)")
        }
        if let evidence = rule.renewal?.evidence { ways.append("evidence: \(evidence)") }
        return ways.joined(separator: ", or ")
    }

    private static func stackItem(_ pathway: Pathway, rule: ValidityRule, record: LearnerRecord, chains: [RenewalChain],
                                  catalog: Catalog, asOf: CalendarDate, limits: SolverLimits) -> Item? {
        guard let compiled = try? CompiledPathway(pathway: pathway.id, catalog: catalog) else { return nil }
        let audit = compiled.audit(record, asOf: asOf, limits: limits)
        guard audit.isComplete else { return nil }
        let completing = audit.root.completingBadges
        let completed = completing.map(\.issued).max() ?? asOf
        var expires = rule.duration.map { completed + $0 }
        var keepers: [String] = []
        if rule.followsComponents {
            let effective = record.applyingRenewals(asOf: asOf) { catalog.badgeClasses[$0] }
            let lapses = Set(effective.badges.compactMap { $0.expiry(under: catalog.badgeClasses[$0.badgeClassID]) }
                .filter { $0 > asOf }).sorted()
            var lastComplete = audit
            for day in lapses where expires.map({ day < $0 }) ?? true {
                let later = compiled.audit(record, asOf: day, limits: limits)
                if !later.isComplete {
                    expires = day
                    keepers = lastComplete.root.completingBadges.filter { counted in
                        effective.badges.contains { badge in
                            badge.badgeClassID == counted.badge && badge.issued == counted.issued
                                && badge.expiry(under: catalog.badgeClasses[badge.badgeClassID]) == day
                        }
                    }.map(\.badge)
                    break
                }
                lastComplete = later
            }
        }
        let keeperChains = chains.filter { keepers.contains($0.badge) && $0.expires == expires }
        let opens = rule.renewalWindow.map { window in expires.map { $0 - window } }
            ?? keeperChains.compactMap(\.renewalOpens).min() ?? expires
        let graceEnds = expires.map { date in rule.grace.map { date + $0 } ?? date }
        let names = keepers.map { catalog.badgeClasses[$0]?.name ?? $0 }
        return Item(learner: record.learner, subject: .pathway(id: pathway.id, title: pathway.title), issued: completed,
                    renewals: [], expires: expires, renewalOpens: opens, graceEnds: graceEnds,
                    status: status(revoked: false, expires: expires, renewalOpens: opens, graceEnds: graceEnds,
                                   asOf: asOf),
                    renewal: names.isEmpty ? "complete the pathway again"
                        : "renew " + names.joined(separator: " and ") + " (it keeps the stack complete)",
                    keptAliveBy: keepers, notes: [])
    }
}
