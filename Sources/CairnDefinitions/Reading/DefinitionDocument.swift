import CairnCore
public import CairnSyntax
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
    /// make a badge catalogue, `requires` (or `destinations`) a pathway, `learner` a learner record, `policy` and
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
        if keys.contains("requires") || keys.contains("destinations") { return .pathway }
        if keys.contains("learner") { return .learnerRecord }
        if keys.contains("policy") && keys.contains("rules") { return .creditPolicy }
        if keys.contains("role") && keys.contains("title") { return .roleProfile }
        return nil
    }

    /// The top-level keys that tell the kinds of definition apart, and the kind each marks.
    static let markerKeys: [(key: String, kind: String)] = [
        ("issuer", "a badge catalogue"), ("badges", "a badge catalogue or a learner record"), ("requires", "a pathway"),
        ("learner", "a learner record"), ("policy", "a credit policy"), ("rules", "a credit policy"),
        ("role", "a role profile"), ("title", "a pathway or a role profile"),
    ]

    /// For a document ``kind(of:file:)`` does not recognise: the first top-level key that looks
    /// like a misspelt marker key (`requries:`), as an error at that key saying which was meant.
    public static func misspeltMarker(in text: String, file: String) -> FormatError? {
        guard case .mapping(let mapping)? = try? YAMLDocument.root(of: text, file: file) else { return nil }
        let present = Set(mapping.keys.compactMap(\.string))
        let markers = markerKeys.map(\.key).filter { !present.contains($0) }
        for keyNode in mapping.keys {
            guard let key = keyNode.string, !markerKeys.contains(where: { $0.key == key }),
                  let meant = ClosestIDs.to(key, among: markers, limit: 1).first,
                  let kind = markerKeys.first(where: { $0.key == meant })?.kind else { continue }
            return FormatError(location: SourceLocation(file: file, line: keyNode.mark?.line, column: keyNode.mark?.column),
                               message: "unknown top-level key \"\(key)\"; did you mean \"\(meant)\" (which marks \(kind))?")
        }
        return nil
    }
}
