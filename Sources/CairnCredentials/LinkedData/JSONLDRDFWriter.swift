import CairnRDF
import CairnSyntax
import Foundation

/// Deserialize JSON-LD to RDF (JSON-LD 1.1 API §8.1) over an expanded document.
///
/// Instead of building the node map first, it walks the expanded tree and writes each node's
/// statements into the graph it is in; embedded nodes get the same statements the node map
/// would give them, and repeated statements are written once. Blank nodes are relabelled
/// `b0`, `b1`, … in the order they are met.
struct JSONLDRDFWriter {
    private(set) var quads: [RDFQuad] = []
    private var seen: Set<RDFQuad> = []
    private var labels: [String: String] = [:]
    private var counter = 0

    private mutating func freshBlank() -> RDFTerm {
        defer { counter += 1 }
        return .blank("b\(counter)")
    }

    private mutating func blank(_ label: String) -> RDFTerm {
        if let known = labels[label] { return .blank(known) }
        let fresh = "b\(counter)"
        counter += 1
        labels[label] = fresh
        return .blank(fresh)
    }

    /// The term for an `@id` value; `nil` for a relative IRI that cannot be an RDF term.
    private mutating func resource(_ id: String) -> RDFTerm? {
        if JSONLDKeyword.isBlankNode(id) { return blank(id) }
        return JSONLDKeyword.isAbsoluteIRI(id) ? .iri(id) : nil
    }

    private mutating func emit(_ subject: RDFTerm?, _ predicate: String, _ object: RDFTerm?, _ graph: RDFTerm?) {
        guard let subject, let object else { return }
        if case .literal = subject { return }
        let quad = RDFQuad(subject: subject, predicate: predicate, object: object, graph: graph)
        if seen.insert(quad).inserted { quads.append(quad) }
    }

    /// Writes the statements of a node object in `graph`; returns its subject term (`nil`: not an RDF term).
    @discardableResult
    mutating func add(node: JSONNode, graph: RDFTerm?) -> RDFTerm? {
        guard node.members != nil, node["@value"] == nil, node["@list"] == nil else { return nil }
        let subject: RDFTerm?
        if let id = node["@id"]?.string {
            subject = resource(id)
        } else {
            subject = freshBlank()
        }
        if let inner = node["@graph"] {
            if let subject {
                for item in inner.asList { add(node: item, graph: subject) }
            }
        }
        for type in node["@type"]?.asList ?? [] {
            guard let type = type.string else { continue }
            emit(subject, LinkedDataVocabulary.type, resource(type), graph)
        }
        for item in node["@included"]?.asList ?? [] { add(node: item, graph: graph) }
        for reverse in node["@reverse"]?.members ?? [] {
            let predicate = JSONLDKeyword.isAbsoluteIRI(reverse.key) && !JSONLDKeyword.isBlankNode(reverse.key)
            for item in reverse.value.asList {
                let other = add(node: item, graph: graph)
                if predicate { emit(other, reverse.key, subject, graph) }
            }
        }
        for member in node.members ?? [] where !member.key.hasPrefix("@") {
            let isPredicate = JSONLDKeyword.isAbsoluteIRI(member.key) && !JSONLDKeyword.isBlankNode(member.key)
            for item in member.value.asList {
                let object = term(for: item, graph: graph)
                if isPredicate { emit(subject, member.key, object, graph) }
            }
        }
        return subject
    }

    /// The object term for an expanded value: a literal, a list head or a node.
    private mutating func term(for item: JSONNode, graph: RDFTerm?) -> RDFTerm? {
        if item["@value"] != nil { return Self.literal(item) }
        if let list = item["@list"] {
            let elements = list.asList
            guard !elements.isEmpty else { return .iri(LinkedDataVocabulary.nilList) }
            let heads = elements.map { _ in freshBlank() }
            for (offset, element) in elements.enumerated() {
                let object = term(for: element, graph: graph)
                emit(heads[offset], LinkedDataVocabulary.first, object, graph)
                let rest = offset + 1 < heads.count ? heads[offset + 1] : .iri(LinkedDataVocabulary.nilList)
                emit(heads[offset], LinkedDataVocabulary.rest, rest, graph)
            }
            return heads[0]
        }
        return add(node: item, graph: graph)
    }

    /// Object to RDF for a value object; `nil` when its datatype is not an IRI.
    static func literal(_ item: JSONNode) -> RDFTerm? {
        guard let value = item["@value"] else { return nil }
        var datatype = item["@type"]?.string
        if let type = datatype, type != "@json", !JSONLDKeyword.isAbsoluteIRI(type) { return nil }
        let language = item["@language"]?.string
        if datatype == "@json" {
            return .literal(CanonicalJSON.text(value), language: nil, datatype: LinkedDataVocabulary.json)
        }
        switch value.value {
        case .bool(let flag):
            return .literal(flag ? "true" : "false", language: nil, datatype: datatype ?? LinkedDataVocabulary.xsdBoolean)
        case .number(let text):
            guard let number = Double(text), number.isFinite else { return nil }
            let isInteger = number.truncatingRemainder(dividingBy: 1) == 0 && abs(number) < 1e21
            if !isInteger || datatype == LinkedDataVocabulary.xsdDouble {
                return .literal(canonicalDouble(number), language: nil, datatype: datatype ?? LinkedDataVocabulary.xsdDouble)
            }
            return .literal(canonicalInteger(text: text, number: number), language: nil,
                            datatype: datatype ?? LinkedDataVocabulary.xsdInteger)
        case .string(let string):
            if let language {
                datatype = LinkedDataVocabulary.langString
                return .literal(string, language: language, datatype: datatype)
            }
            return .literal(string, language: nil, datatype: datatype ?? LinkedDataVocabulary.xsdString)
        default:
            return nil
        }
    }

    /// `5.3E0`: the canonical xsd:double form JSON-LD uses (`%1.15E` without trailing zeros).
    static func canonicalDouble(_ number: Double) -> String {
        let formatted = String(format: "%.15E", number)
        guard let exponentIndex = formatted.firstIndex(of: "E") else { return formatted }
        var mantissa = String(formatted[..<exponentIndex])
        let exponent = Int(formatted[formatted.index(after: exponentIndex)...]) ?? 0
        if mantissa.contains(".") {
            while mantissa.hasSuffix("0") { mantissa.removeLast() }
            if mantissa.hasSuffix(".") { mantissa += "0" }
        }
        return mantissa + "E" + String(exponent)
    }

    /// The integer a number with no fraction denotes, in decimal digits.
    static func canonicalInteger(text: String, number: Double) -> String {
        let digits = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
        if !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) {
            return digits.allSatisfy { $0 == "0" } ? "0" : text
        }
        return number == 0 ? "0" : String(format: "%.0f", number)
    }
}
