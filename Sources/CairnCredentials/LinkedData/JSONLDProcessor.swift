package import CairnRDF
package import CairnSyntax
// Hand-written: no Swift JSON-LD package is in the mirror; this one is offline, bounded (nesting, context depth) and run on the W3C JSON-LD 1.1 suite.

/// A JSON-LD 1.1 processor that works offline: expansion and deserialization to RDF.
///
/// It follows the W3C JSON-LD 1.1 Processing Algorithms and API (active contexts with `@vocab`,
/// `@base`, terms, compact IRIs, type coercion, `@container` `@set`/`@list`/`@graph`/`@language`/
/// `@index`/`@id`/`@type`, `@protected`, type- and property-scoped contexts, `@propagate`, `@nest`,
/// `@json`, `@import`, `@included`, `@reverse`). Remote contexts come only from ``contexts``;
/// a URL that is not there is a ``JSONLDError`` naming it. Nothing is fetched.
package struct JSONLDProcessor: Sendable {
    /// Where context URLs are resolved.
    package var contexts: JSONLDContextLibrary

    /// A processor that resolves contexts from `contexts` (by default the bundled ones).
    package init(contexts: JSONLDContextLibrary = .bundled) {
        self.contexts = contexts
    }

    /// The expanded form of `document` (always an array of node objects), as the JSON-LD 1.1
    /// Expansion algorithm produces it. `base` is the document's URL, if it has one; relative
    /// IRIs stay relative without one. `expandContext` (a context, or an object with `@context`)
    /// applies before the document's own, as the API's `expandContext` option says.
    package func expand(_ document: JSONNode, base: String? = nil,
                       expandContext: JSONNode? = nil) throws(JSONLDError) -> JSONNode {
        var active = JSONLDActiveContext(base: base)
        if let expandContext {
            active = try processContext(active, local: expandContext["@context"] ?? expandContext, base: base)
        }
        var result = try expandElement(active, property: nil, element: document, base: base)
        if let members = result?.members, members.count == 1, let graph = result?["@graph"] {
            result = graph
        }
        guard let result else { return JSONNode(.array([])) }
        return JSONNode(.array(result.asList))
    }

    /// How a string's base direction (`@direction`) is written in RDF (the API's `rdfDirection`
    /// option). Without one the direction is dropped, as Data Integrity proofs expect.
    package enum RDFDirection: String, Sendable {
        /// A literal whose datatype IRI names language and direction: `https://www.w3.org/ns/i18n#en-us_rtl`.
        case i18nDatatype = "i18n-datatype"
        /// A blank node with `rdf:value`, `rdf:language` and `rdf:direction`.
        case compoundLiteral = "compound-literal"
    }

    /// The RDF dataset of `document` (JSON-LD 1.1 Deserialize JSON-LD to RDF), with fresh blank
    /// node labels `_:b0`, `_:b1`, …. Triples whose subject, predicate or object is not an
    /// absolute IRI (a relative IRI with no base) are left out, as the algorithm says.
    /// `base` and `expandContext` are as for ``expand(_:base:expandContext:)``; `rdfDirection`
    /// says how to write strings with a base direction.
    package func quads(of document: JSONNode, base: String? = nil, expandContext: JSONNode? = nil,
                      rdfDirection: RDFDirection? = nil) throws(JSONLDError) -> [RDFQuad] {
        var writer = JSONLDRDFWriter(rdfDirection: rdfDirection)
        for node in try expand(document, base: base, expandContext: expandContext).asList {
            writer.add(node: node, graph: nil)
        }
        return writer.quads
    }
}
