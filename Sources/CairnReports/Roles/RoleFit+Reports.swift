public import CairnCore
public import CairnSyntax

/// Skill names for reports: the preferred label of each skill of the frameworks at hand.
public struct SkillNames: Sendable {
    private var labels: [String: String] = [:]

    public init(frameworks: [Framework], language: String = "en") {
        for framework in frameworks {
            for (code, skill) in framework.skills {
                labels["\(framework.id.lowercased())|\(code)"] = skill.preferredLabels[language]
                    ?? skill.preferredLabels.values.sorted().first
            }
        }
    }

    /// The skill's label, or its code when no framework at hand names it.
    public func name(_ skill: SkillReference) -> String {
        labels["\(skill.framework)|\(skill.code)"] ?? skill.code
    }

    /// `label [framework:code level N]`.
    public func describe(_ skill: SkillReference) -> String {
        let label = name(skill)
        let level = skill.level.map { " level \($0)+" } ?? ""
        return label == skill.code ? "\(skill.framework):\(skill.code)\(level)" : "\(label)\(level)"
    }
}

/// The role-fit report of one learner: `--format json|text|csv`.
public struct RoleFitReport: Sendable {
    public var learner: String
    public var asOf: CalendarDate
    public var fits: [RoleFit]
    public var recommendations: [String: BadgeRecommendation]
    public var names: SkillNames
    public var badgeNames: [String: String]

    public init(learner: String, asOf: CalendarDate, fits: [RoleFit], recommendations: [String: BadgeRecommendation],
                names: SkillNames, badgeNames: [String: String]) {
        self.learner = learner
        self.asOf = asOf
        self.fits = fits
        self.recommendations = recommendations
        self.names = names
        self.badgeNames = badgeNames
    }

    /// `{"learner", "asOf", "roles": [{"role", "title", "score", "essentialCoverage", "optionalCoverage",
    /// "missingEssential": [skill ids], …}]}` — the contract the README gives for `--format json`, plus the covered skills
    /// with their badges, lapsed skills, level shortfalls and recommended badges.
    public var json: JSONValue {
        .object([
            ("learner", .string(learner)),
            ("asOf", .string(asOf.description)),
            ("roles", .array(fits.map { fit in
                var members: [(String, JSONValue)] = [
                    ("role", .string(fit.role)), ("title", .string(fit.title)), ("score", .number(fit.score)),
                    ("essentialCoverage", .number(fit.essentialCoverage)), ("optionalCoverage", .number(fit.optionalCoverage)),
                    ("missingEssential", .array(fit.missingEssential.map { .string($0.skill.code) })),
                    ("covered", .array(fit.covered.map { covered in
                        .object([("skill", .string(covered.skill.skill.code)), ("name", .string(names.name(covered.skill.skill))),
                                 ("essential", .bool(covered.skill.isEssential)),
                                 ("badges", .array(covered.badges.map(JSONValue.string)))])
                    })),
                    ("missing", .array(fit.missing.map { skillJSON($0) })),
                    ("lapsed", .array(fit.lapsed.map { skillJSON($0) })),
                    ("levelShortfalls", .array(fit.levelShortfalls.map { shortfall in
                        .object([("skill", .string(shortfall.skill.skill.code)),
                                 ("required", shortfall.skill.skill.level.map { .number(Rational($0)) } ?? .null),
                                 ("held", .number(Rational(shortfall.heldLevel)))])
                    })),
                ]
                if let recommendation = recommendations[fit.role] {
                    members.append(("recommended", .object([
                        ("exact", .bool(recommendation.isExact)),
                        ("badges", .array(recommendation.badges.map { pick in
                            .object([("badge", .string(pick.badge)), ("closes", .array(pick.closes.map { .string($0.skill.code) }))])
                        })),
                        ("uncovered", .array(recommendation.uncovered.map { .string($0.skill.code) })),
                    ])))
                }
                return .object(members)
            })),
        ])
    }

    private func skillJSON(_ skill: RoleSkill) -> JSONValue {
        .object([("skill", .string(skill.skill.code)), ("name", .string(names.name(skill.skill))),
                 ("essential", .bool(skill.isEssential))])
    }

    public var text: String {
        var out = ["Role fit for \(learner), as of \(asOf)", ""]
        if fits.isEmpty { out.append("No roles to compare with.") }
        for (rank, fit) in fits.enumerated() {
            let essential = fit.covered.filter(\.skill.isEssential).count
            let essentialTotal = essential + fit.missingEssential.count
            let optional = fit.covered.count - essential
            let optionalTotal = optional + fit.missing.filter { !$0.isEssential }.count
                + fit.lapsed.filter { !$0.isEssential }.count + fit.levelShortfalls.filter { !$0.skill.isEssential }.count
            out.append("\(rank + 1). \(fit.title)  score \(PercentText.of(fit.score))  essential \(essential)/\(essentialTotal)"
                       + (optionalTotal > 0 ? "  optional \(optional)/\(optionalTotal)" : ""))
            out.append("   \(fit.role)")
            if !fit.covered.isEmpty {
                out.append("   has: " + fit.covered.map { covered in
                    names.describe(covered.skill.skill) + " (" + covered.badges.map { badgeNames[$0] ?? $0 }.joined(separator: ", ") + ")"
                }.joined(separator: "; "))
            }
            let missingEssential = fit.missing.filter(\.isEssential)
            if !missingEssential.isEmpty {
                out.append("   missing: " + missingEssential.map { names.describe($0.skill) }.joined(separator: "; "))
            }
            if !fit.lapsed.isEmpty {
                out.append("   lapsed (renew to count again): " + fit.lapsed.map { names.describe($0.skill) }.joined(separator: "; "))
            }
            if !fit.levelShortfalls.isEmpty {
                out.append("   below the level asked: " + fit.levelShortfalls.map {
                    "\(names.describe($0.skill.skill)) (held at level \($0.heldLevel))"
                }.joined(separator: "; "))
            }
            if let recommendation = recommendations[fit.role], !recommendation.badges.isEmpty {
                out.append("   to close the essential gaps" + (recommendation.isExact ? "" : " (greedy choice)") + ": "
                           + recommendation.badges.map { badgeNames[$0.badge] ?? $0.badge }.joined(separator: ", ")
                           + (recommendation.uncovered.isEmpty ? "" : "; no badge on offer covers "
                              + recommendation.uncovered.map { names.describe($0.skill) }.joined(separator: "; ")))
            }
            out.append("")
        }
        return out.joined(separator: "\n")
    }

    /// One row per role: learner, role, title, score, coverages, missing essential skills (ids,
    /// then their names).
    public var csv: String {
        var writer = CSVWriter(header: ["learner", "role", "title", "score", "essential_coverage", "optional_coverage",
                                        "missing_essential", "missing_essential_names"])
        for fit in fits {
            writer.append([learner, fit.role, fit.title, JSONValue.format(fit.score), JSONValue.format(fit.essentialCoverage),
                           JSONValue.format(fit.optionalCoverage), fit.missingEssential.map(\.skill.code).joined(separator: " "),
                           fit.missingEssential.map { names.describe($0.skill) }.joined(separator: "; ")])
        }
        return writer.text
    }

}

/// The people of a folder ranked for one role: `cairn roles match`.
public struct RoleMatchReport: Sendable {
    public var role: RoleProfile
    public var asOf: CalendarDate
    /// Best first: score, then essential coverage, then learner id.
    public var ranked: [(learner: String, fit: RoleFit)]
    public var names: SkillNames
    /// How many people were ranked, before ``ranked`` was cut to the top few.
    public var considered: Int

    public init(role: RoleProfile, asOf: CalendarDate, fits: [(learner: String, fit: RoleFit)], names: SkillNames) {
        self.role = role
        self.asOf = asOf
        self.names = names
        considered = fits.count
        ranked = fits.sorted { lhs, rhs in
            if lhs.fit.score != rhs.fit.score { return lhs.fit.score > rhs.fit.score }
            if lhs.fit.essentialCoverage != rhs.fit.essentialCoverage {
                return lhs.fit.essentialCoverage > rhs.fit.essentialCoverage
            }
            return lhs.learner < rhs.learner
        }
    }

    public var json: JSONValue {
        .object([
            ("role", .string(role.id)), ("title", .string(role.title)), ("asOf", .string(asOf.description)),
            ("learners", .array(ranked.map { entry in
                .object([("learner", .string(entry.learner)), ("score", .number(entry.fit.score)),
                         ("essentialCoverage", .number(entry.fit.essentialCoverage)),
                         ("optionalCoverage", .number(entry.fit.optionalCoverage)),
                         ("missingEssential", .array(entry.fit.missingEssential.map { .string($0.skill.code) }))])
            })),
        ])
    }

    public var csv: String {
        var writer = CSVWriter(header: ["rank", "learner", "role", "title", "score", "essential_coverage", "optional_coverage",
                                        "missing_essential", "missing_essential_names"])
        for (rank, entry) in ranked.enumerated() {
            writer.append(["\(rank + 1)", entry.learner, role.id, role.title, JSONValue.format(entry.fit.score),
                           JSONValue.format(entry.fit.essentialCoverage), JSONValue.format(entry.fit.optionalCoverage),
                           entry.fit.missingEssential.map(\.skill.code).joined(separator: " "),
                           entry.fit.missingEssential.map { names.describe($0.skill) }.joined(separator: "; ")])
        }
        return writer.text
    }

    public var text: String {
        let people = ranked.count < considered ? "top \(ranked.count) of \(considered.groupedDigits) people"
            : "\(considered.groupedDigits) \(considered == 1 ? "person" : "people")"
        var lines = ["\(role.title) (\(role.id)), as of \(asOf): \(people)", ""]
        for (rank, entry) in ranked.enumerated() {
            let missing = entry.fit.missingEssential.map { names.describe($0.skill) }
            lines.append("\(rank + 1). \(entry.learner)  score \(PercentText.of(entry.fit.score))"
                         + "  essential \(PercentText.of(entry.fit.essentialCoverage))"
                         + (missing.isEmpty ? "" : "  missing: " + missing.joined(separator: "; ")))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// The person × role matrix as CSV (`cairn roles matrix`): a header naming the roles, then one
/// row per learner with each score to 4 decimals (0 to 1). Formatting is done by hand in
/// integers, because a 10,000 × 3,000 matrix is 30 million numbers.
public enum RoleMatrixCSV {
    /// How the header names each role's column.
    public enum Header: String, Sendable, CaseIterable {
        /// `data analyst [http://data.europa.eu/esco/occupation/…]`: for people, id kept.
        case titles
        /// The bare id, for a system that joins on it.
        case ids
    }

    public static func header(roles: [RoleProfile], naming: Header = .titles) -> String {
        CSVWriter(header: ["learner"] + roles.map { naming == .ids ? $0.id : "\($0.title) [\($0.id)]" }).text
    }

    /// One CRLF-terminated row.
    public static func row(learner: String, scores: [Float]) -> String {
        var line = CSVWriter.escape(learner)
        line.reserveCapacity(learner.utf8.count + scores.count * 7)
        for score in scores {
            line += ","
            line += format(score)
        }
        line += "\r\n"
        return line
    }

    /// `0`, `1`, or `0.dddd` (rounded half up).
    public static func format(_ score: Float) -> String {
        let tenThousandths = Int((Double(score) * 10_000).rounded())
        if tenThousandths <= 0 { return "0" }
        if tenThousandths >= 10_000 { return "1" }
        let digits = String(tenThousandths)
        return "0." + String(repeating: "0", count: 4 - digits.count) + digits
    }
}
