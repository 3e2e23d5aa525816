/// Where framework readers send what they read, piece by piece.
///
/// Readers of large frameworks (ESCO's RDF/XML holds millions of statements) must not build
/// the whole framework in memory first: they send labels as soon as they are read, and the
/// smaller structure (skills, occupations, relations) when it is complete. The store writes
/// each piece to disk as it arrives; ``FrameworkCollector`` gathers them into a ``Framework``
/// for small files and tests. Calls come in this order: ``begin(_:)`` once, then any mix of the
/// others, then ``finish()`` once.
public protocol FrameworkSink {
    mutating func begin(_ header: FrameworkHeader) throws
    /// A skill; its labels may come before or after it, or not at all.
    mutating func skill(_ skill: SkillRecord) throws
    mutating func occupation(_ occupation: OccupationRecord) throws
    /// A label of a skill or occupation (labels of anything else are dropped by the sink).
    mutating func label(_ label: ConceptLabel) throws
    /// `narrower` is a narrower skill than `broader`.
    mutating func broader(narrower: String, broader: String) throws
    /// An occupation needs a skill, essentially or optionally.
    mutating func relation(occupation: String, skill: String, kind: SkillRelationKind) throws
    mutating func finish() throws
}

/// What a framework is, before its content.
public struct FrameworkHeader: Hashable, Sendable {
    /// `esco`, `sfia`, a URI, or a custom name; lowercased.
    public var id: String
    public var name: String
    public var version: String?
    /// Where it was read from, for messages.
    public var source: String?

    public init(id: String, name: String, version: String? = nil, source: String? = nil) {
        self.id = id.lowercased()
        self.name = name
        self.version = version
        self.source = source
    }
}

/// A skill without its labels (they travel as ``ConceptLabel``s).
public struct SkillRecord: Hashable, Sendable {
    public var id: String
    public var skillType: String?
    public var reuseLevel: String?
    public var description: String?
    /// A short code (SFIA `PROG`), when the framework has one.
    public var code: String?
    public var category: String?
    /// The levels at which the skill is defined (SFIA 1–7).
    public var levels: [Int]

    public init(id: String, skillType: String? = nil, reuseLevel: String? = nil, description: String? = nil,
                code: String? = nil, category: String? = nil, levels: [Int] = []) {
        self.id = id
        self.skillType = skillType
        self.reuseLevel = reuseLevel
        self.description = description
        self.code = code
        self.category = category
        self.levels = levels
    }
}

/// An occupation without its labels and skill relations.
public struct OccupationRecord: Hashable, Sendable {
    public var id: String
    public var iscoGroup: String?
    public var description: String?

    public init(id: String, iscoGroup: String? = nil, description: String? = nil) {
        self.id = id
        self.iscoGroup = iscoGroup
        self.description = description
    }
}

/// One label of a concept in one language.
public struct ConceptLabel: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        case preferred, alternative, hidden
    }

    public var concept: String
    public var kind: Kind
    /// A BCP 47 language tag, lowercased (`en`, `pt-br`); empty when the literal has none.
    public var language: String
    public var text: String

    public init(concept: String, kind: Kind, language: String, text: String) {
        self.concept = concept
        self.kind = kind
        self.language = language.lowercased()
        self.text = text
    }
}

public enum SkillRelationKind: String, Hashable, Sendable, CaseIterable {
    case essential, optional
}
