/// Why an audit could not be run at all (as opposed to a pathway that is not complete).
public enum AuditError: Error, Hashable, Sendable, CustomStringConvertible {
    case unknownPathway(String)
    /// Pathways that contain each other; the ids in order, the first repeated at the end.
    case pathwayCycle([String])
    /// A `credits` requirement over badges whose unit has no declared conversion.
    case missingConversion(from: CreditUnit, to: CreditUnit, badge: String, at: SourceLocation?)

    public var description: String {
        switch self {
        case .unknownPathway(let id):
            "unknown pathway \"\(id)\""
        case .pathwayCycle(let ids):
            "pathways contain each other: \(ids.joined(separator: " → "))"
        case .missingConversion(let from, let to, let badge, let location):
            (location.map { "\($0): " } ?? "")
                + "no conversion from \(from) to \(to) is declared (needed for badge \(badge)); declare one under `conversions`"
        }
    }
}
