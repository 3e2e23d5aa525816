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
    /// How strings with a base direction become RDF; `nil`: the direction is dropped.
    var rdfDirection: JSONLDProcessor.RDFDirection?
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

    init(rdfDirection: JSONLDProcessor.RDFDirection? = nil) {
        self.rdfDirection = rdfDirection
    }

    /// The term for an `@id` value; `nil` for a relative or malformed IRI that cannot be an RDF term.
    private mutating func resource(_ id: String) -> RDFTerm? {
        if JSONLDKeyword.isBlankNode(id) { return blank(id) }
        return Self.isWellFormedIRI(id) ? .iri(id) : nil
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
        if let idNode = node["@id"] {
            // `@id: null` (an identifier that expanded to nothing) names no RDF term.
            if let id = idNode.string { subject = resource(id) } else { subject = nil }
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
            let predicate = Self.isPredicate(reverse.key)
            for item in reverse.value.asList {
                let other = add(node: item, graph: graph)
                if predicate { emit(other, reverse.key, subject, graph) }
            }
        }
        for member in node.members ?? [] where !member.key.hasPrefix("@") {
            let isPredicate = Self.isPredicate(member.key)
            for item in member.value.asList {
                let object = term(for: item, graph: graph)
                if isPredicate { emit(subject, member.key, object, graph) }
            }
        }
        return subject
    }

    /// The object term for an expanded value: a literal, a list head or a node.
    private mutating func term(for item: JSONNode, graph: RDFTerm?) -> RDFTerm? {
        if item["@value"] != nil {
            if rdfDirection == .compoundLiteral, let direction = item["@direction"]?.string,
               let value = item["@value"]?.string {
                return compoundLiteral(value, language: item["@language"]?.string, direction: direction, graph: graph)
            }
            return Self.literal(item, rdfDirection: rdfDirection)
        }
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

    /// A string with a base direction as the `compound-literal` option writes it: a blank node
    /// with `rdf:value`, `rdf:language` (if any) and `rdf:direction`.
    private mutating func compoundLiteral(_ value: String, language: String?, direction: String, graph: RDFTerm?) -> RDFTerm? {
        if let language, !Self.isWellFormedLanguageTag(language) { return nil }
        func plain(_ text: String) -> RDFTerm { .literal(text, language: nil, datatype: LinkedDataVocabulary.xsdString) }
        let node = freshBlank()
        emit(node, LinkedDataVocabulary.value, plain(value), graph)
        if let language { emit(node, LinkedDataVocabulary.language, plain(language), graph) }
        emit(node, LinkedDataVocabulary.direction, plain(direction), graph)
        return node
    }

    /// Object to RDF for a value object; `nil` when its datatype is not an IRI or its language
    /// tag is not well-formed (such literals are left out, as the algorithm says).
    static func literal(_ item: JSONNode, rdfDirection: JSONLDProcessor.RDFDirection? = nil) -> RDFTerm? {
        guard let value = item["@value"] else { return nil }
        var datatype = item["@type"]?.string
        if let type = datatype, type != "@json", !isWellFormedIRI(type) { return nil }
        let language = item["@language"]?.string
        if let language, !isWellFormedLanguageTag(language) { return nil }
        if rdfDirection == .i18nDatatype, let direction = item["@direction"]?.string, let string = value.string {
            return .literal(string, language: nil,
                            datatype: LinkedDataVocabulary.i18n + (language ?? "") + "_" + direction)
        }
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

    /// A property IRI that can be an RDF predicate: well-formed, and not a blank node (that would
    /// be generalized RDF, which RDF datasets and Data Integrity proofs do not use).
    static func isPredicate(_ iri: String) -> Bool {
        !JSONLDKeyword.isBlankNode(iri) && isWellFormedIRI(iri)
    }

    /// An absolute IRI with none of the characters that RFC 3987 never allows (spaces, controls,
    /// `<>"{}|\^` and the backquote) and at most one `#`. JSON-LD to RDF leaves out statements
    /// with any other IRI rather than write N-Quads that do not parse.
    static func isWellFormedIRI(_ value: String) -> Bool {
        guard JSONLDKeyword.isAbsoluteIRI(value) else { return false }
        var fragments = 0
        for scalar in value.unicodeScalars {
            if scalar == "#" { fragments += 1 }
            if scalar.value <= 0x20 || scalar.value == 0x7F || "<>\"{}|\\^`".unicodeScalars.contains(scalar) {
                return false
            }
        }
        return fragments <= 1
    }

    /// A language tag of the BCP 47 shape: letters, then `-`-separated groups of 1 to 8 letters or digits.
    static func isWellFormedLanguageTag(_ tag: String) -> Bool {
        let groups = tag.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = groups.first, (1...8).contains(first.count),
              first.unicodeScalars.allSatisfy({ $0.isASCII && $0.properties.isAlphabetic })
        else { return false }
        return groups.dropFirst().allSatisfy { group in
            (1...8).contains(group.count)
                && group.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || $0.properties.numericType != nil) }
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
