public import CairnCore
public import CairnSyntax

/// What a workspace defines, for `cairn pathways`, `cairn badges` and `cairn roles list`: each
/// kind as a table a person reads and as JSON a program reads.
public enum CatalogListing {
    // MARK: Pathways

    public static func pathwaysText(_ pathways: [Pathway], badgeNames: [String: String]) -> String {
        guard !pathways.isEmpty else { return "No pathways in this workspace (Pathways/**/*.yaml with `requires`).\n" }
        return TextTable(header: ["ID", "TITLE", "AWARDS", "BLOCK CREDIT", "FILE"], rows: pathways.map { pathway in
            [pathway.id, pathway.title, awardsColumn(pathway, badgeNames: badgeNames),
             pathway.credits?.description ?? "-", pathway.source?.file ?? "-"]
        }).text
    }

    public static func pathwaysJSON(_ pathways: [Pathway]) -> JSONValue {
        .object([("pathways", .array(pathways.map { pathway in
            .object([("id", .string(pathway.id)), ("title", .string(pathway.title)),
                     ("awards", pathway.awards.map(JSONValue.string) ?? .null),
                     ("credits", pathway.credits.map { .string($0.description) } ?? .null),
                     ("file", pathway.source.map { .string($0.file) } ?? .null)])
        }))])
    }

    /// A pathway's requirements as a tree of what each asks (from an audit of no badges, whose
    /// nodes carry the labels the audit would print).
    public static func pathwayText(_ pathway: Pathway, outline: AuditNode, badgeNames: [String: String]) -> String {
        var lines = ["\(pathway.title) (\(pathway.id))"]
        if let awards = pathway.awards { lines.append("awards: \(badgeNames[awards].map { "\($0) [\(awards)]" } ?? awards)") }
        if let credits = pathway.credits { lines.append("block credit: \(credits)") }
        if let file = pathway.source?.file { lines.append("file: \(file)") }
        func named(_ badge: String) -> String { badgeNames[badge].map { "\($0) [\(badge)]" } ?? badge }
        for destination in pathway.destinations {
            lines.append("destination \(destination.id): \(destination.title)"
                         + (destination.awards.map { ", awards \(named($0))" } ?? ""))
        }
        for milestone in pathway.milestones {
            lines.append("milestone: requirement \(milestone.requirement) awards \(named(milestone.awards))")
        }
        lines.append("")
        lines += TreeText.lines(outline, children: \.children, line: { node in
            node.label + (node.isShared ? "  (shared)" : "")
        })
        return lines.joined(separator: "\n") + "\n"
    }

    /// The badge a pathway awards, or for one with several destinations, theirs.
    static func awardsColumn(_ pathway: Pathway, badgeNames: [String: String]) -> String {
        let awards = pathway.awards.map { [$0] } ?? pathway.destinations.compactMap(\.awards)
        return awards.isEmpty ? "-" : awards.map { badgeNames[$0] ?? $0 }.joined(separator: " or ")
    }

    public static func pathwayJSON(_ pathway: Pathway, outline: AuditNode) -> JSONValue {
        func tree(_ node: AuditNode) -> JSONValue {
            .object([("kind", .string(node.kind)), ("label", .string(node.label)), ("children", .array(node.children.map(tree)))])
        }
        return .object([("id", .string(pathway.id)), ("title", .string(pathway.title)),
                        ("awards", pathway.awards.map(JSONValue.string) ?? .null),
                        ("credits", pathway.credits.map { .string($0.description) } ?? .null),
                        ("file", pathway.source.map { .string($0.file) } ?? .null), ("requires", tree(outline))]
                        + destinationsJSON(pathway))
    }

    /// `destinations: [{id, title, awards}]` and `milestones: [{requirement, awards, title}]`, when the pathway has them.
    static func destinationsJSON(_ pathway: Pathway) -> [(String, JSONValue)] {
        var members: [(String, JSONValue)] = []
        if !pathway.destinations.isEmpty {
            members.append(("destinations", .array(pathway.destinations.map { destination in
                .object([("id", .string(destination.id)), ("title", .string(destination.title)),
                         ("awards", destination.awards.map(JSONValue.string) ?? .null)])
            })))
        }
        if !pathway.milestones.isEmpty {
            members.append(("milestones", .array(pathway.milestones.map { milestone in
                .object([("requirement", .string(milestone.requirement)), ("awards", .string(milestone.awards)),
                         ("title", milestone.title.map(JSONValue.string) ?? .null)])
            })))
        }
        return members
    }

    // MARK: Badges

    public static func badgesText(_ badges: [BadgeClass]) -> String {
        guard !badges.isEmpty else { return "No badge classes match.\n" }
        return TextTable(header: ["ID", "NAME", "ISSUER", "CREDITS", "TAGS"], rows: badges.map { badge in
            [badge.id, badge.name, badge.issuer.name, badge.credits?.description ?? "-",
             badge.tags.isEmpty ? "-" : badge.tags.joined(separator: ", ")]
        }).text
    }

    public static func badgesJSON(_ badges: [BadgeClass]) -> JSONValue {
        .object([("badges", .array(badges.map(badgeSummary)))])
    }

    private static func badgeSummary(_ badge: BadgeClass) -> JSONValue {
        .object([("id", .string(badge.id)), ("name", .string(badge.name)), ("issuer", .string(badge.issuer.id)),
                 ("issuerName", .string(badge.issuer.name)), ("type", .string(badge.type)),
                 ("credits", badge.credits.map { .string($0.description) } ?? .null),
                 ("tags", .array(badge.tags.map(JSONValue.string)))])
    }

    /// One badge class whole, with the pathways that name it (directly).
    public static func badgeText(_ badge: BadgeClass, usedBy pathways: [Pathway], skills: SkillNames) -> String {
        var rows: [[String]] = [["issuer", "\(badge.issuer.name) (\(badge.issuer.id))"], ["type", badge.type]]
        if let description = badge.description { rows.append(["description", description]) }
        if let criteria = badge.criteria { rows.append(["criteria", criteria]) }
        if let credits = badge.credits { rows.append(["credits", credits.description]) }
        if let hours = badge.effortHours { rows.append(["effort", "\(hours) h"]) }
        if let cost = badge.cost { rows.append(["cost", cost.description]) }
        if !badge.tags.isEmpty { rows.append(["tags", badge.tags.joined(separator: ", ")]) }
        for alignment in badge.alignments {
            let name = skills.name(alignment)
            rows.append(["aligns to", name == alignment.code ? alignment.description : "\(skills.describe(alignment)) (\(alignment.description))"])
        }
        if let validity = badge.validity?.duration { rows.append(["valid for", validity.description]) }
        for id in badge.achievementIDs { rows.append(["achievement", id]) }
        if !pathways.isEmpty { rows.append(["in pathways", pathways.map { "\($0.title) [\($0.id)]" }.joined(separator: ", ")]) }
        if let file = badge.source?.file { rows.append(["file", file]) }
        return "\(badge.name) [\(badge.id)]\n" + TextTable(header: [], rows: rows.map { ["  " + $0[0], $0[1]] }).text
    }

    public static func badgeJSON(_ badge: BadgeClass, usedBy pathways: [Pathway]) -> JSONValue {
        guard case .object(var members) = badgeSummary(badge) else { return .null }
        members += [("description", badge.description.map(JSONValue.string) ?? .null),
                    ("criteria", badge.criteria.map(JSONValue.string) ?? .null),
                    ("effortHours", badge.effortHours.map(JSONValue.number) ?? .null),
                    ("cost", badge.cost.map { .string($0.description) } ?? .null),
                    ("alignments", .array(badge.alignments.map { .string($0.description) })),
                    ("validFor", badge.validity?.duration.map { .string($0.description) } ?? .null),
                    ("achievementIds", .array(badge.achievementIDs.map(JSONValue.string))),
                    ("pathways", .array(pathways.map { .string($0.id) })),
                    ("file", badge.source.map { .string($0.file) } ?? .null)]
        return .object(members)
    }

    // MARK: Roles

    public static func rolesText(_ roles: [RoleProfile]) -> String {
        guard !roles.isEmpty else { return "No roles: import a framework with occupations, or add Frameworks/roles/*.yaml.\n" }
        return TextTable(header: ["TITLE", "ID", "ORIGIN", "ESSENTIAL", "OPTIONAL"], rows: roles.map { role in
            [role.title, role.id, role.origin.rawValue, "\(role.essential.count)", "\(role.optional.count)"]
        }, rightAligned: [3, 4]).text
    }

    public static func rolesJSON(_ roles: [RoleProfile]) -> JSONValue {
        .object([("roles", .array(roles.map { role in
            .object([("id", .string(role.id)), ("title", .string(role.title)), ("origin", .string(role.origin.rawValue)),
                     ("essential", .number(Rational(role.essential.count))), ("optional", .number(Rational(role.optional.count)))])
        }))])
    }
}
