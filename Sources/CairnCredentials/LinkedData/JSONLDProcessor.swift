import CairnRDF
import CairnSyntax
/// A JSON-LD 1.1 processor that works offline: expansion and deserialization to RDF.
///
/// It follows the W3C JSON-LD 1.1 Processing Algorithms and API (active contexts with `@vocab`,
/// `@base`, terms, compact IRIs, type coercion, `@container` `@set`/`@list`/`@graph`/`@language`/
/// `@index`/`@id`/`@type`, `@protected`, type- and property-scoped contexts, `@propagate`, `@nest`,
/// `@json`, `@import`, `@included`, `@reverse`). Remote contexts come only from ``contexts``;
/// a URL that is not there is a ``JSONLDError`` naming it. Nothing is fetched.
public struct JSONLDProcessor: Sendable {
    /// Where context URLs are resolved.
    public var contexts: JSONLDContextLibrary

    /// A processor that resolves contexts from `contexts` (by default the bundled ones).
    public init(contexts: JSONLDContextLibrary = .bundled) {
        self.contexts = contexts
    }

    /// The expanded form of `document` (always an array of node objects), as the JSON-LD 1.1
    /// Expansion algorithm produces it. `base` is the document's URL, if it has one; relative
    /// IRIs stay relative without one.
    public func expand(_ document: JSONNode, base: String? = nil) throws(JSONLDError) -> JSONNode {
        let active = JSONLDActiveContext(base: base)
        var result = try expandElement(active, property: nil, element: document, base: base)
        if let members = result?.members, members.count == 1, let graph = result?["@graph"] {
            result = graph
        }
        guard let result else { return JSONNode(.array([])) }
        return JSONNode(.array(result.asList))
    }

    /// The RDF dataset of `document` (JSON-LD 1.1 Deserialize JSON-LD to RDF), with fresh blank
    /// node labels `_:b0`, `_:b1`, …. Triples whose subject, predicate or object is not an
    /// absolute IRI (a relative IRI with no base) are left out, as the algorithm says.
    public func quads(of document: JSONNode, base: String? = nil) throws(JSONLDError) -> [RDFQuad] {
        var writer = JSONLDRDFWriter()
        for node in try expand(document, base: base).asList {
            writer.add(node: node, graph: nil)
        }
        return writer.quads
    }
}
