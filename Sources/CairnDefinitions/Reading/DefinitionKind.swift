/// What a definition file describes, judged by its top-level keys.
public enum DefinitionKind: Hashable, Sendable {
    /// A badge catalogue: has `issuer` and `badges`.
    case badgeCatalog
    /// A pathway: has `requires` (or `destinations`).
    case pathway
    /// A learner record: has `learner`.
    case learnerRecord
    /// A credit policy: has `policy` and `rules`.
    case creditPolicy
    /// A role profile: has `role` and `title`.
    case roleProfile
}
