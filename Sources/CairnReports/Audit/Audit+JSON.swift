public import CairnCore
public import CairnSyntax

extension Audit {
    /// The audit in the JSON contract the README gives for `--format json`: `pathway`, `learner`, `asOf`, `complete`,
    /// `progress`, `root`, plus `title`, `progressExact` (the exact fraction as text), `exact` and `notes`.
    public var json: JSONValue {
        let members: [(String, JSONValue)] = [
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
        // A pathway with one destination and no milestones writes exactly what it always wrote.
        return .object(members + destinationsAndMilestonesJSON)
    }

    /// `destinations: [{id, title, awards, complete, progress, progressExact, exact, root}]` and
    /// `milestones: [{requirement, awards, title, met, progress, progressExact}]`, each only when the pathway has them.
    var destinationsAndMilestonesJSON: [(String, JSONValue)] {
        var members: [(String, JSONValue)] = []
        if !destinations.isEmpty {
            members.append(("destinations", .array(destinations.map { destination in
                .object([
                    ("id", .string(destination.id)),
                    ("title", .string(destination.title)),
                    ("awards", destination.awards.map(JSONValue.string) ?? .null),
                    ("complete", .bool(destination.isComplete)),
                    ("progress", .number(destination.progress)),
                    ("progressExact", .string(destination.progress.description)),
                    ("exact", .bool(destination.isExact)),
                    ("root", destination.root.json),
                ])
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
    /// (badge class ids) and `rejected` (`badge`, `reason`, plus `code` and `issued`).
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
