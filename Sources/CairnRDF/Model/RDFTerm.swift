/// A node of an RDF graph: an IRI, a blank node, or a literal.
public enum RDFTerm: Hashable, Sendable {
    case iri(String)
    /// A blank node, by its label within one document.
    case blank(String)
    /// A literal with its language tag (lowercased) or datatype IRI, at most one of the two.
    case literal(String, language: String?, datatype: String?)

    /// The IRI, when this is one.
    public var iri: String? {
        if case .iri(let value) = self { return value }
        return nil
    }

    /// The lexical form, when this is a literal.
    public var lexicalForm: String? {
        if case .literal(let value, _, _) = self { return value }
        return nil
    }
}

/// One statement: subject, predicate (always an IRI), object.
public struct RDFTriple: Hashable, Sendable {
    public var subject: RDFTerm
    public var predicate: String
    public var object: RDFTerm

    public init(subject: RDFTerm, predicate: String, object: RDFTerm) {
        self.subject = subject
        self.predicate = predicate
        self.object = object
    }
}
