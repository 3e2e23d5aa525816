/// Which version of a pathway applies to a learner.
///
/// A pathway id may be defined by several files, one per published version, each with its own
/// `version` and `effective: {from, until}`. The version that applies is chosen in this order:
///
/// 1. the version asked for by name (`--version V`), for the audited pathway only;
/// 2. the learner's `catalogueYear` Y: the latest version whose `effective.from` falls in year Y
///    or before (the catalogue published that year);
/// 3. the learner's `enrolled` date: the version in effect that day;
/// 4. the version in effect on the as-of date;
/// 5. when no version qualifies, the latest, with a note saying so.
///
/// Pathways a pathway names (`pathway:` requirements) are chosen by steps 2–5 for the same learner.
extension Catalog {
    /// Every version of a pathway id, sorted by `effective.from` (a version with no start first);
    /// one element for a pathway with a single definition, empty for an unknown id.
    public func pathwayVersions(_ id: String) -> [Pathway] {
        versionsByID[id] ?? pathways[id].map { [$0] } ?? []
    }

    /// Every version of every pathway, by id then start: what a copy of the catalog is built from.
    public var allPathwayVersions: [Pathway] {
        sortedPathways.flatMap { pathwayVersions($0.id) }
    }

    /// Whether any pathway id has more than one version: when none does, every learner audits
    /// the catalog as it is and nothing needs choosing.
    public var hasPathwayVersions: Bool { !versionsByID.isEmpty }

    /// The ids with more than one version, sorted.
    public var versionedPathwayIDs: [String] { versionsByID.keys.sorted() }

    /// The version of `id` that applies to `record` on `asOf` (see the rule above), or `nil` for
    /// an unknown id or a version name that `id` lacks.
    public func version(of id: String, for record: LearnerRecord, asOf: CalendarDate,
                        requested: String? = nil) -> PathwayVersionChoice? {
        let versions = pathwayVersions(id)
        guard !versions.isEmpty else { return nil }
        if let requested {
            return versions.last { $0.version == requested }.map { PathwayVersionChoice(pathway: $0, reason: .requested) }
        }
        guard versions.count > 1 else { return PathwayVersionChoice(pathway: versions[0], reason: .only) }
        if let year = record.catalogueYear {
            if let chosen = versions.last(where: { ($0.effective?.from?.year ?? Int.min) <= year }) {
                return PathwayVersionChoice(pathway: chosen, reason: .catalogueYear(year))
            }
            return PathwayVersionChoice(pathway: Self.latest(of: versions), reason: .latest(noneFor: "catalogue year \(year)"))
        }
        let (day, reason): (CalendarDate, PathwayVersionChoice.Reason) = record.enrolled.map { ($0, .enrolled($0)) }
            ?? (asOf, .inEffect(asOf))
        if let chosen = versions.last(where: { $0.effective?.contains(day) ?? true }) {
            return PathwayVersionChoice(pathway: chosen, reason: reason)
        }
        let what = record.enrolled.map { "enrolment on \($0)" } ?? "\(asOf)"
        return PathwayVersionChoice(pathway: Self.latest(of: versions), reason: .latest(noneFor: what))
    }

    /// This catalog with, for every pathway id that has several versions, the one that applies to
    /// `record` on `asOf` in ``pathways`` (`requested` names the version of `id`, if any), and
    /// the choice made for `id`. A catalog without versions comes back as it is.
    public func selectingVersions(of id: String, for record: LearnerRecord, asOf: CalendarDate,
                                  requested: String? = nil) -> (catalog: Catalog, choice: PathwayVersionChoice?) {
        let choice = version(of: id, for: record, asOf: asOf, requested: requested)
        guard hasPathwayVersions || requested != nil else { return (self, choice) }
        var chosen: [Pathway] = []
        for other in versionsByID.keys.sorted() where other != id {
            if let picked = version(of: other, for: record, asOf: asOf) { chosen.append(picked.pathway) }
        }
        if let choice { chosen.append(choice.pathway) }
        return (revised(pathways: chosen).withoutVersions, choice)
    }

    /// This catalog with every pathway in the version that applies to `record` on `asOf` (what
    /// credit policies' stacks are audited in).
    public func selectingVersions(for record: LearnerRecord, asOf: CalendarDate) -> Catalog {
        guard hasPathwayVersions else { return self }
        let chosen = versionsByID.keys.sorted().compactMap { version(of: $0, for: record, asOf: asOf)?.pathway }
        return revised(pathways: chosen).withoutVersions
    }

    /// The versions applying to `record` for every versioned id, as a key: learners with equal
    /// keys audit the same compiled pathways (a cohort compiles once per key).
    public func versionKey(for record: LearnerRecord, asOf: CalendarDate) -> [String] {
        versionedPathwayIDs.map { id in
            version(of: id, for: record, asOf: asOf).map { "\(id)@\($0.pathway.version ?? "")" } ?? id
        }
    }

    /// This catalog with `version` in place of its id's other versions, and no other choice made:
    /// a single version compiled on its own.
    public func selecting(_ version: Pathway) -> Catalog {
        revised(pathways: [version])
    }

    static func groupedVersions(_ pathways: [Pathway]) -> [String: [Pathway]] {
        var count: [String: Int] = [:]
        for pathway in pathways { count[pathway.id, default: 0] += 1 }
        guard count.values.contains(where: { $0 > 1 }) else { return [:] }
        var grouped: [String: [Pathway]] = [:]
        for pathway in pathways where (count[pathway.id] ?? 0) > 1 { grouped[pathway.id, default: []].append(pathway) }
        // Stable: versions starting the same day keep the order they were read in.
        return grouped.mapValues { versions in
            versions.enumerated().sorted { lhs, rhs in
                switch (lhs.element.effective?.from, rhs.element.effective?.from) {
                case let (left?, right?) where left != right: left < right
                case (nil, _?): true
                case (_?, nil): false
                default: lhs.offset < rhs.offset
                }
            }.map(\.element)
        }
    }

    /// The latest of some versions sorted by start: the last to start, the first read among equals.
    static func latest(of versions: [Pathway]) -> Pathway {
        let last = versions[versions.count - 1]
        return versions.first { $0.effective?.from == last.effective?.from } ?? last
    }
}

/// The version of a pathway an audit uses, and why that one.
public struct PathwayVersionChoice: Hashable, Sendable {
    public enum Reason: Hashable, Sendable, CustomStringConvertible {
        /// The pathway has a single version.
        case only
        /// Asked for by name.
        case requested
        /// The latest published by the learner's catalogue year.
        case catalogueYear(Int)
        /// In effect on the learner's enrolment date.
        case enrolled(CalendarDate)
        /// In effect on the as-of date.
        case inEffect(CalendarDate)
        /// No version qualified for what is named (`catalogue year 2019`, `2026-11-29`): the latest.
        case latest(noneFor: String)

        public var description: String {
            switch self {
            case .only: "the only version"
            case .requested: "requested"
            case .catalogueYear(let year): "catalogue year \(year)"
            case .enrolled(let day): "enrolled \(day)"
            case .inEffect(let day): "in effect on \(day)"
            case .latest(let what): "the latest: no version applies to \(what)"
            }
        }
    }

    public var pathway: Pathway
    public var reason: Reason

    public init(pathway: Pathway, reason: Reason) {
        self.pathway = pathway
        self.reason = reason
    }
}
