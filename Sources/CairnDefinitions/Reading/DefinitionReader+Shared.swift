import CairnCore
import CairnSyntax
import Yams

/// Readers for the pieces several definition kinds share: credits, validity rules,
/// unit conversions and skill references.
extension DefinitionReader {
    /// `{value, unit}`.
    func credits(_ node: Node) -> Credits? {
        guard let fields = fields(node, "credits", allowed: ["value", "unit"], required: ["value", "unit"]),
              let valueNode = fields["value"], let unitNode = fields["unit"] else { return nil }
        let value = rational(valueNode, nonNegative: true)
        let unit = string(unitNode)
        guard let value, let unit else { return nil }
        return Credits(value, CreditUnit(unit))
    }

    /// `{duration, anchor, renewalWindow, grace, renewal: {badge, evidence}, followsComponents}`, each optional.
    func validity(_ node: Node) -> ValidityRule? {
        guard var fields = fields(node, "validity", allowed: ["duration", "anchor", "renewalWindow", "grace", "renewal",
                                                              "followsComponents"]) else {
            return nil
        }
        let length = fields.read("duration") { node -> ISODuration? in
            guard let length = self.duration(node) else { return nil }
            guard !length.isZero else {
                self.fail("a validity of \(length) would end the day it starts; leave out duration for a badge that never expires",
                     at: node)
                return nil
            }
            return length
        }
        let anchor = fields.read("anchor") { node -> ValidityRule.Anchor? in
            choice(node, expected: "issued, lastRenewal, endOfMonth or endOfYear")
        }
        let window = fields.read("renewalWindow") { node -> ISODuration? in
            guard let window = self.duration(node) else { return nil }
            // Compared on a common year; a window as long as the validity would open renewal on
            // the day of issue, and a longer one before it.
            if let length, ValidityRule.isLonger(window, than: length) {
                self.fail("the renewal window \(window) is longer than the validity \(length): renewal would open before the badge is earned",
                     at: node)
                return nil
            }
            return window
        }
        let grace = fields.read("grace") { self.duration($0) }
        let renewal = fields.read("renewal") { node -> RenewalRule? in
            guard var renewal = self.fields(node, "renewal", allowed: ["badge", "evidence"]) else { return nil }
            let badges = renewal.read("badge", strings)
            let evidence = renewal.read("evidence", string)
            guard renewal.isValid else { return nil }
            return RenewalRule(refreshers: badges ?? [], evidence: evidence)
        }
        let follows = fields.read("followsComponents", bool)
        guard fields.isValid else { return nil }
        return ValidityRule(duration: length, anchor: anchor ?? .issued, renewalWindow: window, grace: grace,
                            renewal: renewal, followsComponents: follows ?? false)
    }

    /// A list of `{from, to, ratio}`: one `from` is worth `ratio` `to`.
    func conversions(_ node: Node) -> [UnitConversion] {
        guard let entries = list(node) else { return [] }
        return entries.compactMap { entry in
            guard let fields = fields(entry, "a conversion", allowed: ["from", "to", "ratio"],
                                      required: ["from", "to", "ratio"]),
                  let fromNode = fields["from"], let toNode = fields["to"], let ratioNode = fields["ratio"]
            else { return nil }
            let from = string(fromNode)
            let to = string(toNode)
            let ratio = rational(ratioNode, positive: true)
            guard let from, let to, let ratio else { return nil }
            return UnitConversion(from: CreditUnit(from), to: CreditUnit(to), ratio: ratio)
        }
    }

    /// `{framework, code, level?}`; `what` names it in messages (`an alignment`, `a skill`).
    func skillReference(_ node: Node, _ what: String) -> SkillReference? {
        guard var fields = fields(node, what, allowed: ["framework", "code", "level", "includeNarrower"],
                                  required: ["framework", "code"]) else { return nil }
        let framework = fields.read("framework", string)
        let code = fields.read("code", string)
        let level = fields.read("level") { wholeNumber($0, atLeast: 0) }
        let includeNarrower = fields.read("includeNarrower", bool)
        guard fields.isValid, let framework, let code else { return nil }
        return SkillReference(framework: framework, code: code, level: level, includeNarrower: includeNarrower ?? false)
    }

    /// One skill reference, or a list of them.
    func skillReferences(_ node: Node, _ what: String) -> [SkillReference]? {
        if case .sequence(let sequence) = node {
            let references = sequence.compactMap { skillReference($0, what) }
            return references.count == sequence.count ? references : nil
        }
        return skillReference(node, what).map { [$0] }
    }

    /// A label (a string) or a number written without quotes.
    func resultValue(_ node: Node) -> (label: String?, number: Rational?)? {
        if let text = node.plainText, let number = Rational(parsing: text) {
            return (nil, number)
        }
        guard case .scalar = node, !node.isNull else {
            expected("a result label or a number", found: node)
            return nil
        }
        return string(node).map { ($0, nil) }
    }

    /// An earned badge's result: a number written without quotes, else a label.
    func badgeResult(_ node: Node) -> BadgeResult? {
        resultValue(node).flatMap { value in value.number.map(BadgeResult.number) ?? value.label.map(BadgeResult.label) }
    }

    /// A requirement's `minResult`: a number written without quotes, else a label.
    func resultThreshold(_ node: Node) -> ResultThreshold? {
        resultValue(node).flatMap { value in
            value.number.map(ResultThreshold.number) ?? value.label.map(ResultThreshold.label)
        }
    }
}
