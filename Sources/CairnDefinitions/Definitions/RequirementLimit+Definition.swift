import CairnCore
import CairnSyntax
import Yams

extension RequirementLimit {
    /// The keys one `atMost` limit may have: exactly one measure and its filter.
    static let definitionKeys = ["count", "credits", "from"]
}

extension DefinitionReader {
    /// `atMost`: one limit `{count: N, from: FILTER}` or `{credits: {value, unit}, from: FILTER}`,
    /// or a list of them; every entry is read even after a bad one.
    func requirementLimits(_ node: Node) -> [RequirementLimit]? {
        if case .sequence(let sequence) = node {
            if sequence.isEmpty {
                fail("expected at least one limit in the list ({count: N, from: FILTER} or {credits: {value: X, unit: U}, from: FILTER})",
                     at: node)
                return nil
            }
            let limits = sequence.map(requirementLimit)
            let read = limits.compactMap { $0 }
            return read.count == limits.count ? read : nil
        }
        return requirementLimit(node).map { [$0] }
    }

    private func requirementLimit(_ node: Node) -> RequirementLimit? {
        guard let fields = fields(node, "an atMost limit", allowed: RequirementLimit.definitionKeys,
                                  required: ["from"]) else { return nil }
        let measures = ["count", "credits"].filter(fields.has)
        guard measures.count == 1, let measure = measures.first, let value = fields[measure] else {
            fail(measures.isEmpty ? "an atMost limit needs \"count\" (a number of badges) or \"credits\" ({value, unit})"
                                  : "an atMost limit takes either \"count\" or \"credits\", not both",
                 at: fields.location)
            return nil
        }
        let filter = fields["from"].flatMap(filter)
        let limit: RequirementLimit.Measure?
        if measure == "count" {
            limit = wholeNumber(value, atLeast: 0).map { .count($0) }
        } else {
            limit = limitCredits(value).map { .credits($0) }
        }
        guard let limit, let filter else { return nil }
        return RequirementLimit(limit, from: filter, source: fields.location)
    }

    /// `{value, unit}` with a value of 0 or more.
    private func limitCredits(_ node: Node) -> Credits? {
        guard let fields = fields(node, "an atMost credits amount", allowed: ["value", "unit"],
                                  required: ["value", "unit"]),
              let valueNode = fields["value"], let unitNode = fields["unit"] else { return nil }
        let value = rational(valueNode, nonNegative: true)
        let unit = string(unitNode)
        guard let value, let unit else { return nil }
        return Credits(value, CreditUnit(unit))
    }
}
