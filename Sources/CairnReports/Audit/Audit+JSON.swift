public import CairnCore
public import CairnSyntax

extension Audit {
    /// The audit in the JSON contract the README gives for `--format json`: `pathway`, `learner`, `asOf`, `complete`,
    /// `progress`, `root`, plus `title`, `progressExact` (the exact fraction as text), `exact` and `notes`;
    /// `version` and `versionReason` when the pathway has several versions, and `pending` (the figure with
    /// pending earnings awarded) only when the learner has pending earnings the pathway can count.
    public var json: JSONValue {
        var members: [(String, JSONValue)] = [
            ("pathway", .string(pathway)),
            ("title", .string(pathwayTitle)),
            ("learner", .string(learner)),
            ("asOf", .string(asOf.description)),
            ("complete", .bool(isComplete)),
            ("progress", .number(progress)),
            ("progressExact", .string(progress.description)),
            ("exact", .bool(isExact)),
            ("notes", .array(notes.map(JSONValue.string))),
            ("root", root.json),
        ]
        if let versionReason {
            let at = members.firstIndex { $0.0 == "asOf" }.map { $0 + 1 } ?? members.endIndex
            members.insert(contentsOf: [("version", version.map(JSONValue.string) ?? .null),
                                        ("versionReason", .string(versionReason))], at: at)
        }
        if let pending {
            let at = members.firstIndex { $0.0 == "exact" }.map { $0 + 1 } ?? members.endIndex
            members.insert(("pending", pending.json), at: at)
        }
        // A pathway with one destination and no milestones writes exactly what it always wrote.
        return .object(members + destinationsAndMilestonesJSON)
    }
}

extension PendingFigure {
    /// `complete`, `progress`, `progressExact`, `exact`, `expectedBy` and `badges` (each `badge`,
    /// `status`, `expected`).
    public var json: JSONValue {
        .object([
            ("complete", .bool(isComplete)),
            ("progress", .number(progress)),
            ("progressExact", .string(progress.description)),
            ("exact", .bool(isExact)),
            ("expectedBy", .string(expectedBy.description)),
            ("badges", .array(badges.map { badge in
                .object([("badge", .string(badge.badgeClassID)), ("status", .string(badge.status.rawValue)),
                         ("expected", .string(badge.issued.description))])
            })),
        ])
    }
}

extension Audit {
    /// `destinations: [{id, title, awards, complete, progress, progressExact, exact, pending?, root}]` and
    /// `milestones: [{requirement, awards, title, met, progress, progressExact}]`, each only when the pathway has them.
    var destinationsAndMilestonesJSON: [(String, JSONValue)] {
        var members: [(String, JSONValue)] = []
        if !destinations.isEmpty {
            members.append(("destinations", .array(destinations.map { destination in
                var fields: [(String, JSONValue)] = [
                    ("id", .string(destination.id)),
                    ("title", .string(destination.title)),
                    ("awards", destination.awards.map(JSONValue.string) ?? .null),
                    ("complete", .bool(destination.isComplete)),
                    ("progress", .number(destination.progress)),
                    ("progressExact", .string(destination.progress.description)),
                    ("exact", .bool(destination.isExact)),
                    ("root", destination.root.json),
                ]
                if let pending = destination.pending { fields.insert(("pending", pending.json), at: 7) }
                return .object(fields)
            })))
        }
        if !milestones.isEmpty {
            members.append(("milestones", .array(milestones.map { milestone in
                .object([
                    ("requirement", .string(milestone.requirement)),
                    ("awards", .string(milestone.awards)),
                    ("title", .string(milestone.title)),
                    ("met", .bool(milestone.isMet)),
                    ("progress", .number(milestone.progress)),
                    ("progressExact", .string(milestone.progress.description)),
                ])
            })))
        }
        return members
    }
}

extension AuditNode {
    /// A node: `kind`, `label`, `satisfied`, `progress`, `children`, and for leaves `assigned`
    /// (badge class ids), `alsoCounted` (only when some badge here also counts for another
    /// requirement through `alsoCountsFor`: `badge`, that requirement's `requirement` id and
    /// `label`, and `in`, the requirement that made the pair, when it is another) and `rejected` (`badge`, `reason`, plus `code` and `issued`).
    public var json: JSONValue {
        var members: [(String, JSONValue)] = [("kind", .string(kind))]
        if let id { members.append(("id", .string(id))) }
        members += [
            ("label", .string(label)),
            ("satisfied", .bool(isSatisfied)),
            ("progress", .number(progress)),
            ("progressExact", .string(progress.description)),
        ]
        if isShared { members.append(("shared", .bool(true))) }
        if let countedCredits {
            members.append(("credits", .object([("counted", .number(countedCredits.value)),
                                                ("unit", .string(countedCredits.unit.name))])))
        }
        members.append(("children", .array(children.map(\.json))))
        if isLeaf {
            members.append(("assigned", .array(assigned.map { .string($0.badge) })))
            let twice = assigned.filter { $0.alsoCountedFor != nil }
            if !twice.isEmpty {
                members.append(("alsoCounted", .array(twice.compactMap { badge in
                    guard let other = badge.alsoCountedFor else { return nil }
                    var entry: [(String, JSONValue)] = [("badge", .string(badge.badge))] + other.jsonMembers
                    if let within = badge.alsoCountedWithin { entry.append(("in", .object(within.jsonMembers))) }
                    return .object(entry)
                })))
            }
            members.append(("rejected", .array(rejected.map { rejection in
                .object([
                    ("badge", .string(rejection.badge)),
                    ("issued", .string(rejection.issued.description)),
                    ("code", .string(rejection.reason.code)),
                    ("reason", .string(rejection.reason.description)),
                ])
            })))
        }
        return .object(members)
    }
}

extension RequirementReference {
    /// `requirement` (the id, when there is one) and `label`.
    var jsonMembers: [(String, JSONValue)] {
        (id.map { [("requirement", JSONValue.string($0))] } ?? []) + [("label", .string(label))]
    }
}
