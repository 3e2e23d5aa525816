public import CairnCore
public import CairnSyntax
import Yams

extension CreditPolicy {
    /// The keys a credit policy may have at its top level.
    static let definitionKeys = ["policy", "version", "title", "institution", "unit", "conversions", "openBadgesUnit",
                                 "programme", "rules", "caps", "stacks", "earnedWithin", "minResult", "grades", "rounding"]
    static let ruleKeys = ["id", "match", "credits", "equivalentTo", "earnedWithin", "minResult", "grades"]

    /// Reads a credit policy (`Pathways/**/policy*.yaml`) from YAML or JSON text.
    ///
    /// ```yaml
    /// policy: northbridge-ects                 # required: the id
    /// version: "2026.1"                        # required
    /// title: Northbridge University — credit for micro-credentials
    /// institution: { id: "https://northbridge.example.edu", name: Northbridge University }
    /// unit: ECTS                               # required: every line and the total are in it
    /// conversions: [{ from: US-semester-hours, to: ECTS, ratio: 2 }]
    /// openBadgesUnit: ECTS                     # what unit-less Open Badges credits mean
    /// programme: { credits: 180 }              # for caps given as a share
    /// earnedWithin: P5Y                        # defaults for every rule
    /// minResult: meets
    /// grades: { labels: { exceeds: A, meets: B }, numbers: [{ atLeast: 90, grade: A }] }
    /// rules:                                   # required; the first rule that matches decides
    ///   - id: data-core
    ///     match: { badge: [sql-querying, data-cleaning] }   # badge, tag, issuer, type, skill
    ///     credits: 5                           # a number (policy unit), { value, unit }, declared, or none
    ///     equivalentTo: DATA 101
    /// caps:
    ///   - { total: 30 }                        # or { share: 1/6 } of the programme
    ///   - { issuer: "https://partner.example.ac.uk", max: 10 }
    ///   - { tag: elective, max: 6 }
    ///   - { perYear: 20 }
    /// stacks:
    ///   - { pathway: data-analysis-foundations, credits: 15, mode: replace, equivalentTo: DATA 150 }
    /// rounding: { increment: 0.5, mode: down, apply: total }   # down | up | half-up | half-even; line | total
    /// ```
    ///
    /// - Throws: ``FormatErrors`` listing every problem found, each with its line and column.
    public init(definition: String, file: String) throws(FormatErrors) {
        self = try DefinitionReader.read(definition, file: file,
                                         expected: "a credit policy (a mapping with policy, version, unit and rules)") {
            $0.creditPolicy($1)
        }
    }
}

extension DefinitionReader {
    func creditPolicy(_ root: Node) -> CreditPolicy? {
        guard var fields = fields(root, "the credit policy", allowed: CreditPolicy.definitionKeys,
                                  required: ["policy", "version", "unit", "rules"]) else { return nil }
        let id = fields.read("policy", string)
        let version = fields.read("version", string)
        let title = fields.read("title", string)
        let institution = fields.read("institution") { node -> Issuer? in
            guard var issuer = self.fields(node, "the institution", allowed: ["id", "name"], required: ["id", "name"])
            else { return nil }
            let id = issuer.read("id", string)
            let name = issuer.read("name", string)
            guard let id, let name else { return nil }
            return Issuer(id: id, name: name)
        }
        let unit = fields.read("unit", string).map { CreditUnit($0) }
        let conversions = fields.read("conversions") { self.conversions($0) }
        let openBadgesUnit = fields.read("openBadgesUnit", string).map { CreditUnit($0) }
        let programme = fields.read("programme") { node -> Rational? in
            guard let programme = self.fields(node, "the programme", allowed: ["credits"], required: ["credits"]),
                  let credits = programme["credits"] else { return nil }
            return rational(credits, positive: true)
        }
        let earnedWithin = fields.read("earnedWithin", duration)
        let minResult = fields.read("minResult", resultThreshold)
        let grades = fields.read("grades", grades)
        let rules = fields.read("rules") { node -> [CreditRule]? in
            guard let entries = list(node) else { return nil }
            let rules = entries.enumerated().compactMap { creditRule($1, position: $0 + 1, unit: unit) }
            return rules.count == entries.count ? rules : nil
        }
        let caps = fields.read("caps") { node -> [CreditCap]? in
            guard let entries = list(node) else { return nil }
            let caps = entries.compactMap(creditCap)
            return caps.count == entries.count ? caps : nil
        }
        let stacks = fields.read("stacks") { node -> [StackRule]? in
            guard let entries = list(node) else { return nil }
            let stacks = entries.compactMap { stackRule($0, unit: unit) }
            return stacks.count == entries.count ? stacks : nil
        }
        let rounding = fields.read("rounding", rounding)
        guard fields.isValid, let id, let version, let unit, let rules else { return nil }
        if caps?.contains(where: { if case .shareOfProgramme = $0.limit { true } else { false } }) == true, programme == nil {
            fail("a cap given as a share needs programme: { credits: N }", at: fields.location)
            return nil
        }
        return CreditPolicy(id: id, version: version, title: title, institution: institution, unit: unit,
                            conversions: conversions ?? [], openBadgesUnit: openBadgesUnit, programmeCredits: programme,
                            rules: rules, caps: caps ?? [], stacks: stacks ?? [], earnedWithin: earnedWithin,
                            minResult: minResult, grades: grades, rounding: rounding, source: fields.location)
    }

    private func creditRule(_ node: Node, position: Int, unit: CreditUnit?) -> CreditRule? {
        guard var fields = fields(node, "a rule", allowed: CreditPolicy.ruleKeys, required: ["credits"]) else { return nil }
        let id = fields.read("id", string)
        let match = fields.read("match", filter)
        let credits = fields.read("credits") { creditAmount($0, unit: unit) }
        let equivalentTo = fields.read("equivalentTo", string)
        let earnedWithin = fields.read("earnedWithin", duration)
        let minResult = fields.read("minResult", resultThreshold)
        let grades = fields.read("grades", grades)
        guard fields.isValid, let credits else { return nil }
        return CreditRule(id: id ?? "rule \(position)", match: match ?? BadgeFilter(), credits: credits,
                          equivalentTo: equivalentTo, earnedWithin: earnedWithin, minResult: minResult, grades: grades,
                          source: fields.location)
    }

    /// A number (in the policy's unit), `{value, unit}`, `declared` or `none`.
    private func creditAmount(_ node: Node, unit: CreditUnit?) -> CreditAmount? {
        if case .scalar(let scalar) = node {
            if scalar.string == "declared" { return .declared }
            if scalar.string == "none" { return CreditAmount.none }
            guard Rational(parsing: scalar.string) != nil else {
                expected("a number, { value, unit }, declared or none", found: node)
                return nil
            }
            guard let value = rational(node, nonNegative: true) else { return nil }
            return unit.map { .fixed(Credits(value, $0)) }
        }
        if case .mapping = node { return credits(node).map(CreditAmount.fixed) }
        expected("a number, { value, unit }, declared or none", found: node)
        return nil
    }

    private func creditCap(_ node: Node) -> CreditCap? {
        guard var fields = fields(node, "a cap", allowed: ["total", "share", "issuer", "tag", "perYear", "max"]) else {
            return nil
        }
        let location = fields.location
        let total = fields.read("total") { rational($0, nonNegative: true) }
        let share = fields.read("share") { node -> Rational? in
            guard let share = rational(node, positive: true) else { return nil }
            guard share <= .one else { fail("a share is at most 1, found \(share)", at: node); return nil }
            return share
        }
        let issuer = fields.read("issuer", string)
        let tag = fields.read("tag", string)
        let perYear = fields.read("perYear") { rational($0, nonNegative: true) }
        let max = fields.read("max") { rational($0, nonNegative: true) }
        guard fields.isValid else { return nil }
        switch (total, share, issuer, tag, perYear, max) {
        case (let total?, nil, nil, nil, nil, nil):
            return CreditCap(scope: .total, limit: .amount(total), source: location)
        case (nil, let share?, nil, nil, nil, nil):
            return CreditCap(scope: .total, limit: .shareOfProgramme(share), source: location)
        case (nil, nil, let issuer?, nil, nil, let max?):
            return CreditCap(scope: .issuer(issuer), limit: .amount(max), source: location)
        case (nil, nil, nil, let tag?, nil, let max?):
            return CreditCap(scope: .tag(tag), limit: .amount(max), source: location)
        case (nil, nil, nil, nil, let perYear?, nil):
            return CreditCap(scope: .perCalendarYear, limit: .amount(perYear), source: location)
        default:
            fail("a cap is one of { total: N }, { share: S }, { issuer: ID, max: N }, { tag: T, max: N }, { perYear: N }",
                 at: location)
            return nil
        }
    }

    private func stackRule(_ node: Node, unit: CreditUnit?) -> StackRule? {
        guard var fields = fields(node, "a stack rule", allowed: ["pathway", "credits", "mode", "equivalentTo"],
                                  required: ["pathway"]) else { return nil }
        let pathway = fields.read("pathway", string)
        let credits = fields.read("credits") { node -> Credits? in
            switch creditAmount(node, unit: unit) {
            case .fixed(let credits)?: return credits
            case nil: return nil
            default:
                fail("a stack's credits are a number or { value, unit }", at: node)
                return nil
            }
        }
        let mode = fields.read("mode") { node -> StackRule.Mode? in choice(node, expected: "replace or add") }
        let equivalentTo = fields.read("equivalentTo", string)
        guard fields.isValid, let pathway else { return nil }
        return StackRule(pathway: pathway, credits: credits, mode: mode ?? .replace, equivalentTo: equivalentTo,
                         source: fields.location)
    }

    private func grades(_ node: Node) -> GradeTranslation? {
        guard var fields = fields(node, "grades", allowed: ["labels", "numbers"]) else { return nil }
        let labels = fields.read("labels") { node -> [String: String]? in
            guard case .mapping(let mapping) = node else { expected("a mapping of result to grade", found: node); return nil }
            var labels: [String: String] = [:]
            for (key, value) in mapping {
                guard let result = string(key), let grade = string(value) else { return nil }
                labels[result] = grade
            }
            return labels
        }
        let numbers = fields.read("numbers") { node -> [(atLeast: Rational, grade: String)]? in
            guard let entries = list(node) else { return nil }
            let thresholds = entries.compactMap { entry -> (atLeast: Rational, grade: String)? in
                guard let threshold = self.fields(entry, "a grade threshold", allowed: ["atLeast", "grade"],
                                                  required: ["atLeast", "grade"]),
                      let atLeastNode = threshold["atLeast"], let gradeNode = threshold["grade"],
                      let atLeast = rational(atLeastNode), let grade = string(gradeNode) else { return nil }
                return (atLeast, grade)
            }
            return thresholds.count == entries.count ? thresholds : nil
        }
        guard fields.isValid else { return nil }
        return GradeTranslation(labels: labels ?? [:], thresholds: numbers ?? [])
    }

    private func rounding(_ node: Node) -> CreditRounding? {
        guard var fields = fields(node, "rounding", allowed: ["increment", "mode", "apply"],
                                  required: ["increment", "mode"]) else { return nil }
        let increment = fields.read("increment") { rational($0, positive: true) }
        let mode = fields.read("mode") { node -> CreditRounding.Mode? in
            choice(node, expected: "down, up, half-up or half-even")
        }
        let stage = fields.read("apply") { node -> CreditRounding.Stage? in choice(node, expected: "line or total") }
        guard fields.isValid, let increment, let mode else { return nil }
        return CreditRounding(increment: increment, mode: mode, stage: stage ?? .total)
    }
}
