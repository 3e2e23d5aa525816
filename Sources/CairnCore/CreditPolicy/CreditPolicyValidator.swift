/// Problems in credit policies that reading cannot see: rules and stacks that name badges,
/// pathways or units the workspace does not have, and duplicate policy ids.
public struct CreditPolicyValidator: Sendable {
    public let catalog: Catalog

    public init(catalog: Catalog) {
        self.catalog = catalog
    }

    /// Every problem, in policy order.
    public func validate(_ policies: [CreditPolicy]) -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        var seen: [String: SourceLocation?] = [:]
        for policy in policies {
            if let first = seen[policy.id] {
                issues.append(ValidationIssue("duplicate credit policy id \"\(policy.id)\""
                                              + (first.map { " (first defined at \($0))" } ?? ""), at: policy.source))
            } else {
                seen[policy.id] = policy.source
            }
            var conversions = catalog.conversions
            for conversion in policy.conversions { conversions.add(conversion) }
            for rule in policy.rules {
                for badge in rule.match.badges where catalog.badgeClasses[badge] == nil {
                    issues.append(ValidationIssue("rule \"\(rule.id)\" of policy \(policy.id) names unknown badge class \"\(badge)\""
                                                  + ClosestIDs.hint(for: badge, among: catalog.badgeClasses.keys), at: rule.source,
                                                  unresolved: .badgeClass))
                }
                if case .fixed(let credits) = rule.credits, conversions.ratio(from: credits.unit, to: policy.unit) == nil {
                    issues.append(ValidationIssue("rule \"\(rule.id)\" of policy \(policy.id) gives credit in \(credits.unit) "
                                                  + "and no conversion to \(policy.unit) is declared", at: rule.source))
                }
            }
            for stack in policy.stacks where catalog.pathways[stack.pathway] == nil {
                issues.append(ValidationIssue("a stack rule of policy \(policy.id) names unknown pathway \"\(stack.pathway)\""
                                              + ClosestIDs.hint(for: stack.pathway, among: catalog.pathways.keys), at: stack.source,
                                              unresolved: .pathway))
            }
        }
        return issues
    }
}
