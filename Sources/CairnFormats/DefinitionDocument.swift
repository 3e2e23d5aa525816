import CairnCore
import Yams

/// Recognises definition files before they are read in full.
public enum DefinitionDocument {
    /// The largest definition file read (YAML or JSON: catalogue, pathway, policy, role profile,
    /// learner record): far above any real one, and small enough that parsing it stays within
    /// memory.
    public static let maximumFileBytes = 64 << 20

    /// The largest framework file kept in a workspace (CSV or RDF/XML under `Frameworks/` or
    /// `Pathways/`, read whole on every run); larger ones belong in the store
    /// (`cairn frameworks import`).
    public static let maximumWorkspaceFrameworkBytes = 64 << 20

    /// The kind of definition `text` holds, from its top-level keys: `issuer` and `badges`
    /// make a badge catalogue, `requires` a pathway, `learner` a learner record, `policy` and
    /// `rules` a credit policy. Returns `nil`
    /// for an empty document, a document whose root is not a mapping, or one with none of those keys.
    ///
    /// - Throws: ``FormatErrors`` with one error when the text is not valid YAML or JSON, or
    ///   breaks ``YAMLLimits``.
    public static func kind(of text: String, file: String) throws(FormatErrors) -> DefinitionKind? {
        guard case .mapping(let mapping)? = try YAMLDocument.root(of: text, file: file) else { return nil }
        let keys = Set(mapping.keys.compactMap { node -> String? in
            guard case .scalar(let scalar) = node else { return nil }
            return scalar.string
        })
        if keys.contains("badges") && keys.contains("issuer") { return .badgeCatalog }
        if keys.contains("requires") { return .pathway }
        if keys.contains("learner") { return .learnerRecord }
        if keys.contains("policy") && keys.contains("rules") { return .creditPolicy }
        if keys.contains("role") && keys.contains("title") { return .roleProfile }
        return nil
    }
}
