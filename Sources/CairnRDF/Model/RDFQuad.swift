import CairnSyntax
/// One statement of an RDF dataset: a triple and the graph it belongs to (`nil`: the default graph).
public struct RDFQuad: Hashable, Sendable {
    /// An IRI or a blank node.
    public var subject: RDFTerm
    /// The predicate IRI.
    public var predicate: String
    /// An IRI, a blank node or a literal.
    public var object: RDFTerm
    /// The graph name, an IRI or a blank node; `nil` for the default graph.
    public var graph: RDFTerm?

    /// A quad in `graph` (the default graph when `nil`).
    public init(subject: RDFTerm, predicate: String, object: RDFTerm, graph: RDFTerm? = nil) {
        self.subject = subject
        self.predicate = predicate
        self.object = object
        self.graph = graph
    }

    /// The quad as one canonical N-Quads line, without the line feed (RDFC-1.0 §4.6 escaping).
    public var nQuad: String {
        var line = Self.nQuadsTerm(subject) + " <" + predicate + "> " + Self.nQuadsTerm(object)
        if let graph { line += " " + Self.nQuadsTerm(graph) }
        return line + " ."
    }

    /// A term in canonical N-Quads syntax.
    public static func nQuadsTerm(_ term: RDFTerm) -> String {
        switch term {
        case .iri(let iri): return "<" + iri + ">"
        case .blank(let label): return "_:" + label
        case .literal(let lexical, let language, let datatype):
            var text = "\"" + escape(lexical) + "\""
            if let language {
                text += "@" + language
            } else if let datatype, datatype != LinkedDataVocabulary.xsdString {
                text += "^^<" + datatype + ">"
            }
            return text
        }
    }

    /// Canonical N-Quads string escaping: `\b \t \n \f \r \" \\` and `\uXXXX` for other controls.
    static func escape(_ value: String) -> String {
        var out = ""
        out.unicodeScalars.reserveCapacity(value.unicodeScalars.count)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\u{08}": out += "\\b"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\u{0C}": out += "\\f"
            case "\r": out += "\\r"
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}

/// IRIs of the RDF and XML Schema vocabularies that JSON-LD to RDF uses.
package enum LinkedDataVocabulary {
    package static let rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    package static let type = rdf + "type"
    package static let first = rdf + "first"
    package static let rest = rdf + "rest"
    package static let nilList = rdf + "nil"
    package static let value = rdf + "value"
    package static let language = rdf + "language"
    package static let direction = rdf + "direction"
    /// The namespace of `i18n-datatype` datatypes: `…#en-us_rtl`.
    package static let i18n = "https://www.w3.org/ns/i18n#"
    package static let json = rdf + "JSON"
    package static let langString = rdf + "langString"
    package static let xsd = "http://www.w3.org/2001/XMLSchema#"
    package static let xsdString = xsd + "string"
    package static let xsdBoolean = xsd + "boolean"
    package static let xsdInteger = xsd + "integer"
    package static let xsdDouble = xsd + "double"
}
