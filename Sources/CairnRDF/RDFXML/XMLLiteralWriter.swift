import CLibXML2
import CairnSyntax

/// Writes the content of an `rdf:parseType="Literal"` property element as exclusive canonical
/// XML (W3C Exclusive XML Canonicalization 1.0, with comments, empty inclusive-namespace
/// list), the lexical form RDF/XML gives `rdf:XMLLiteral` values.
///
/// The rules applied: start and end tags are always written in full (`<br></br>`); a namespace
/// declaration is written on an element that uses its prefix (in its own name or in an
/// attribute name) unless the nearest written ancestor already declared that prefix with the
/// same value, and `xmlns=""` only to undo a default namespace written by an ancestor;
/// declarations come sorted by prefix, then attributes sorted by namespace IRI and local name;
/// text escapes `& < > CR`, attribute values `& < " TAB LF CR`; comments and processing
/// instructions are kept, the XML declaration and DOCTYPE never appear here.
struct XMLLiteralWriter {
    private(set) var output: [UInt8] = []
    /// Namespace declarations written so far, innermost last, with the depth that wrote them.
    private var rendered: [(prefix: [UInt8], uri: [UInt8], depth: Int)] = []
    private var depth = 0
    /// Qualified names of open elements, for the end tags.
    private var openNames: [[UInt8]] = []

    mutating func reset() {
        output.removeAll(keepingCapacity: true)
        rendered.removeAll(keepingCapacity: true)
        openNames.removeAll(keepingCapacity: true)
        depth = 0
    }

    package var text: String { String(decoding: output, as: UTF8.self) }

    mutating func startElement(
        localname: UnsafePointer<xmlChar>, prefix: UnsafePointer<xmlChar>?, uri: UnsafePointer<xmlChar>?,
        attributeCount: Int, attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    ) {
        depth += 1
        let local = bytes(localname)
        let elementPrefix = prefix.map(bytes) ?? []
        let elementURI = uri.map(bytes) ?? []
        var qname = elementPrefix
        if !qname.isEmpty { qname.append(UInt8(ascii: ":")) }
        qname.append(contentsOf: local)

        // Namespaces visibly used: the element's own, and those of prefixed attributes.
        var used: [(prefix: [UInt8], uri: [UInt8])] = [(elementPrefix, elementURI)]
        var attrs: [(uri: [UInt8], local: [UInt8], qname: [UInt8], value: [UInt8])] = []
        if let attributes {
            for index in 0..<attributeCount {
                let base = index * 5
                guard let attrLocal = attributes[base] else { continue }
                let attrPrefix = attributes[base + 1].map(bytes)
                let attrURI = attributes[base + 2].map(bytes) ?? []
                let value = RDFXMLAttributes.value(start: attributes[base + 3], end: attributes[base + 4])
                var attrQName: [UInt8] = []
                if let attrPrefix {
                    attrQName = attrPrefix
                    attrQName.append(UInt8(ascii: ":"))
                    if attrPrefix != Array("xml".utf8) && !used.contains(where: { $0.prefix == attrPrefix }) {
                        used.append((attrPrefix, attrURI))
                    }
                }
                let localBytes = bytes(attrLocal)
                attrQName.append(contentsOf: localBytes)
                attrs.append((attrURI, localBytes, attrQName, value))
            }
        }
        var declarations: [(prefix: [UInt8], uri: [UInt8])] = []
        for (usedPrefix, usedURI) in used {
            let current = rendered.last(where: { $0.prefix == usedPrefix })?.uri
            if let current {
                if current == usedURI { continue }
            } else if usedURI.isEmpty {
                continue  // No default namespace in force and none needed.
            }
            declarations.append((usedPrefix, usedURI))
        }
        declarations.sort { $0.prefix.lexicographicallyPrecedes($1.prefix) }
        attrs.sort {
            $0.uri == $1.uri ? $0.local.lexicographicallyPrecedes($1.local) : $0.uri.lexicographicallyPrecedes($1.uri)
        }

        output.append(UInt8(ascii: "<"))
        output.append(contentsOf: qname)
        for declaration in declarations {
            output.append(contentsOf: declaration.prefix.isEmpty ? Array(" xmlns=\"".utf8) : Array(" xmlns:".utf8))
            if !declaration.prefix.isEmpty {
                output.append(contentsOf: declaration.prefix)
                output.append(contentsOf: Array("=\"".utf8))
            }
            appendEscapedAttribute(declaration.uri)
            output.append(UInt8(ascii: "\""))
            rendered.append((declaration.prefix, declaration.uri, depth))
        }
        for attribute in attrs {
            output.append(UInt8(ascii: " "))
            output.append(contentsOf: attribute.qname)
            output.append(contentsOf: Array("=\"".utf8))
            appendEscapedAttribute(attribute.value)
            output.append(UInt8(ascii: "\""))
        }
        output.append(UInt8(ascii: ">"))
        openNames.append(qname)
    }

    mutating func endElement() {
        guard let qname = openNames.popLast() else { return }
        output.append(contentsOf: Array("</".utf8))
        output.append(contentsOf: qname)
        output.append(UInt8(ascii: ">"))
        while let last = rendered.last, last.depth == depth { rendered.removeLast() }
        depth -= 1
    }

    mutating func characters(_ text: UnsafeBufferPointer<UInt8>) {
        for byte in text {
            switch byte {
            case UInt8(ascii: "&"): output.append(contentsOf: Array("&amp;".utf8))
            case UInt8(ascii: "<"): output.append(contentsOf: Array("&lt;".utf8))
            case UInt8(ascii: ">"): output.append(contentsOf: Array("&gt;".utf8))
            case 0x0D: output.append(contentsOf: Array("&#xD;".utf8))
            default: output.append(byte)
            }
        }
    }

    mutating func comment(_ text: UnsafePointer<xmlChar>) {
        output.append(contentsOf: Array("<!--".utf8))
        output.append(contentsOf: bytes(text))
        output.append(contentsOf: Array("-->".utf8))
    }

    mutating func processingInstruction(target: UnsafePointer<xmlChar>, data: UnsafePointer<xmlChar>?) {
        output.append(contentsOf: Array("<?".utf8))
        output.append(contentsOf: bytes(target))
        if let data, data.pointee != 0 {
            output.append(UInt8(ascii: " "))
            output.append(contentsOf: bytes(data))
        }
        output.append(contentsOf: Array("?>".utf8))
    }

    private mutating func appendEscapedAttribute(_ value: [UInt8]) {
        for byte in value {
            switch byte {
            case UInt8(ascii: "&"): output.append(contentsOf: Array("&amp;".utf8))
            case UInt8(ascii: "<"): output.append(contentsOf: Array("&lt;".utf8))
            case UInt8(ascii: "\""): output.append(contentsOf: Array("&quot;".utf8))
            case 0x09: output.append(contentsOf: Array("&#x9;".utf8))
            case 0x0A: output.append(contentsOf: Array("&#xA;".utf8))
            case 0x0D: output.append(contentsOf: Array("&#xD;".utf8))
            default: output.append(byte)
            }
        }
    }

    private func bytes(_ pointer: UnsafePointer<xmlChar>) -> [UInt8] {
        Array(UnsafeBufferPointer(start: pointer, count: Int(xmlStrlen(pointer))))
    }
}

/// Reading attribute values as libxml2's SAX2 interface hands them over.
enum RDFXMLAttributes {
    /// The value between `start` and `end`. Without entity substitution libxml2 passes an
    /// `&` written as `&amp;` or `&#38;` on as the five characters `&#38;`; a raw `&` cannot
    /// occur in a well-formed attribute value, so every `&#38;` is turned back into `&`.
    static func value(start: UnsafePointer<xmlChar>?, end: UnsafePointer<xmlChar>?) -> [UInt8] {
        guard let start, let end, end > start else { return [] }
        let buffer = UnsafeBufferPointer(start: start, count: end - start)
        guard buffer.contains(UInt8(ascii: "&")) else { return Array(buffer) }
        var out: [UInt8] = []
        out.reserveCapacity(buffer.count)
        var index = 0
        while index < buffer.count {
            if buffer[index] == UInt8(ascii: "&"), index + 4 < buffer.count, buffer[index + 1] == UInt8(ascii: "#"),
               buffer[index + 2] == UInt8(ascii: "3"), buffer[index + 3] == UInt8(ascii: "8"),
               buffer[index + 4] == UInt8(ascii: ";") {
                out.append(UInt8(ascii: "&"))
                index += 5
            } else {
                out.append(buffer[index])
                index += 1
            }
        }
        return out
    }
}
