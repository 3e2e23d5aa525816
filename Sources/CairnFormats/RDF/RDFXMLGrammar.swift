import CLibXML2

/// The RDF 1.1 XML Syntax grammar (W3C Recommendation, 25 February 2014, §7), applied to
/// SAX2 events as they arrive; each triple goes to the sink as soon as it is known.
extension RDFXMLState {
    typealias Attributes = UnsafeMutablePointer<UnsafePointer<xmlChar>?>

    // MARK: Events

    mutating func startElement(
        localname: UnsafePointer<xmlChar>, prefix: UnsafePointer<xmlChar>?, uri: UnsafePointer<xmlChar>?,
        attributeCount: Int, attributes: Attributes?
    ) {
        guard failure == nil else { return }
        if stack.count + literalDepth >= RDFXMLParser.maximumDepth {
            fail("elements are nested more than \(RDFXMLParser.maximumDepth) deep")
            return
        }
        let top = stack.count - 1
        if top >= 0 && stack[top].kind == .literalProperty {
            literalDepth += 1
            literal.startElement(
                localname: localname, prefix: prefix, uri: uri, attributeCount: attributeCount, attributes: attributes)
            return
        }
        let key = RDFNameKey(local: localname, prefix: prefix, uri: uri)
        let name = elementName(key)
        if top < 0 {
            if name.role == .rdfRDF {
                startRoot(key, attributeCount: attributeCount, attributes: attributes)
            } else {
                startNode(name, key, attributeCount: attributeCount, attributes: attributes)
            }
            return
        }
        switch stack[top].kind {
        case .node, .resourceProperty:
            startProperty(name, key, attributeCount: attributeCount, attributes: attributes)
        case .root, .property, .collection, .literalProperty:
            startNode(name, key, attributeCount: attributeCount, attributes: attributes)
        }
    }

    mutating func endElement() {
        guard failure == nil else { return }
        if literalDepth > 0 {
            literal.endElement()
            literalDepth -= 1
            return
        }
        guard let frame = stack.popLast() else { return }
        switch frame.kind {
        case .root, .node, .resourceProperty:
            break
        case .property:
            endProperty(frame)
        case .collection:
            if let last = frame.object {
                emit(last, RDFVocabulary.rest, .iri(RDFVocabulary.nil_))
            } else {
                let object = RDFTerm.iri(RDFVocabulary.nil_)
                let subject = stack[stack.count - 1].subject
                emit(subject, frame.predicate, object)
                reify(frame.reification, subject, frame.predicate, object)
            }
        case .literalProperty:
            let object = RDFTerm.literal(literal.text, language: nil, datatype: RDFVocabulary.xmlLiteral)
            literal.reset()
            let subject = stack[stack.count - 1].subject
            emit(subject, frame.predicate, object)
            reify(frame.reification, subject, frame.predicate, object)
        }
    }

    mutating func characters(_ characters: UnsafeBufferPointer<UInt8>) {
        guard failure == nil else { return }
        let top = stack.count - 1
        guard top >= 0 else { return }
        switch stack[top].kind {
        case .literalProperty:
            literal.characters(characters)
            if literal.output.count > RDFXMLParser.maximumLiteralBytes { literalTooLong() }
        case .property where !stack[top].hasNode:
            text.append(contentsOf: characters)
            if text.count > RDFXMLParser.maximumLiteralBytes { literalTooLong() }
        default:
            if !Self.isWhitespace(characters) {
                fail("text \(Self.quoted(characters)) is not allowed here: "
                     + "\(describeContext(stack[top])) holds only elements")
            }
        }
    }

    mutating func comment(_ value: UnsafePointer<xmlChar>) {
        guard failure == nil, let last = stack.last, last.kind == .literalProperty else { return }
        literal.comment(value)
    }

    mutating func processingInstruction(target: UnsafePointer<xmlChar>, data: UnsafePointer<xmlChar>?) {
        guard failure == nil, let last = stack.last, last.kind == .literalProperty else { return }
        literal.processingInstruction(target: target, data: data)
    }

    private mutating func literalTooLong() {
        fail("a literal is longer than \(RDFXMLParser.maximumLiteralBytes) bytes")
    }

    private func describeContext(_ frame: RDFXMLFrame) -> String {
        let name = written(frame.name)
        switch frame.kind {
        case .root: return "rdf:RDF"
        case .node: return "the node element \(name)"
        case .property: return "the property element \(name), which already holds a node element,"
        case .resourceProperty: return "the property element \(name) with rdf:parseType=\"Resource\""
        case .collection: return "the property element \(name) with rdf:parseType=\"Collection\""
        case .literalProperty: return name
        }
    }

    // MARK: rdf:RDF

    private mutating func startRoot(_ key: RDFNameKey, attributeCount: Int, attributes: Attributes?) {
        var frame = RDFXMLFrame(kind: .root, name: key, base: documentBase, language: nil)
        for index in 0..<attributeCount {
            let name = attributeName(attributes, index)
            switch name.role {
            case .xmlBase: frame.base = newBase(attributes, index, frame.base)
            case .xmlLang: frame.language = language(attributes, index)
            case .xmlIgnored: continue
            default:
                fail("rdf:RDF cannot carry the attribute \(name.written)")
                return
            }
        }
        stack.append(frame)
    }

    // MARK: Node elements

    private mutating func startNode(_ name: RDFName, _ key: RDFNameKey, attributeCount: Int, attributes: Attributes?) {
        switch name.role {
        case .rdfRDF, .rdfID, .rdfAbout, .rdfParseType, .rdfResource, .rdfNodeID, .rdfDatatype, .rdfLi,
             .rdfAboutEach, .rdfAboutEachPrefix, .rdfBagID:
            fail("\(name.written) cannot be used as a node element")
            return
        case .unqualified:
            fail("the element \(name.written) has no namespace, so it names no IRI")
            return
        default:
            break
        }
        let parent = stack.count - 1
        guard let scan = scanAttributes(attributes, count: attributeCount, of: name, element: "node element",
                                        allowed: [.rdfID, .rdfAbout, .rdfNodeID],
                                        base: parent >= 0 ? stack[parent].base : documentBase,
                                        language: parent >= 0 ? stack[parent].language : nil) else { return }
        let base = scan.base
        let language = scan.language
        let idIndex = scan.id, aboutIndex = scan.about, nodeIDIndex = scan.nodeID
        let hasProperties = scan.hasProperties
        if (idIndex >= 0 ? 1 : 0) + (aboutIndex >= 0 ? 1 : 0) + (nodeIDIndex >= 0 ? 1 : 0) > 1 {
            fail("the node element \(name.written) can carry only one of rdf:ID, rdf:about and rdf:nodeID")
            return
        }
        let subject: RDFTerm
        if aboutIndex >= 0 {
            subject = .iri(resolve(attributes, aboutIndex, base))
        } else if idIndex >= 0 {
            guard let iri = idIRI(attributes, idIndex, base) else { return }
            subject = .iri(iri)
        } else if nodeIDIndex >= 0 {
            guard let label = nodeID(attributes, nodeIDIndex) else { return }
            subject = .blank(label)
        } else {
            subject = newBlank()
        }

        if parent >= 0 {
            switch stack[parent].kind {
            case .property:
                if stack[parent].hasNode {
                    fail("the property element \(written(stack[parent].name)) can hold only one node element")
                    return
                }
                if stack[parent].object != nil || stack[parent].hasAttributes || stack[parent].datatype != nil {
                    fail("the property element \(written(stack[parent].name)) has rdf:resource, rdf:nodeID, rdf:datatype "
                         + "or property attributes, so it cannot hold a node element")
                    return
                }
                if !text.withUnsafeBufferPointer(Self.isWhitespace) {
                    fail("the property element \(written(stack[parent].name)) holds both text and a node element")
                    return
                }
                text.removeAll(keepingCapacity: true)
                stack[parent].hasNode = true
                let parentSubject = stack[parent - 1].subject, predicate = stack[parent].predicate
                emit(parentSubject, predicate, subject)
                reify(stack[parent].reification, parentSubject, predicate, subject)
            case .collection:
                let cell = newBlank()
                if let last = stack[parent].object {
                    emit(last, RDFVocabulary.rest, cell)
                } else {
                    let parentSubject = stack[parent - 1].subject, predicate = stack[parent].predicate
                    emit(parentSubject, predicate, cell)
                    reify(stack[parent].reification, parentSubject, predicate, cell)
                }
                emit(cell, RDFVocabulary.first, subject)
                stack[parent].object = cell
                stack[parent].hasNode = true
            default:
                break
            }
        }
        if name.role != .rdfDescription {
            emit(subject, RDFVocabulary.type, .iri(name.iri))
        }
        if hasProperties {
            for index in 0..<attributeCount {
                let attribute = attributeName(attributes, index)
                switch attribute.role {
                case .rdfType:
                    emit(subject, RDFVocabulary.type, .iri(resolve(attributes, index, base)))
                case .other:
                    emit(subject, attribute.iri, .literal(string(attributes, index), language: language, datatype: nil))
                default:
                    continue
                }
            }
        }
        stack.append(RDFXMLFrame(kind: .node, name: key, base: base, language: language, subject: subject))
    }

    // MARK: Property elements

    private mutating func startProperty(_ name: RDFName, _ key: RDFNameKey, attributeCount: Int, attributes: Attributes?) {
        switch name.role {
        case .rdfRDF, .rdfID, .rdfAbout, .rdfParseType, .rdfResource, .rdfNodeID, .rdfDatatype, .rdfDescription,
             .rdfAboutEach, .rdfAboutEachPrefix, .rdfBagID:
            fail("\(name.written) cannot be used as a property element")
            return
        case .unqualified:
            fail("the element \(name.written) has no namespace, so it names no property")
            return
        default:
            break
        }
        let parent = stack.count - 1
        let predicate: String
        if name.role == .rdfLi {
            stack[parent].liCounter += 1
            predicate = liPredicate(stack[parent].liCounter)
        } else {
            predicate = name.iri
        }
        guard let scan = scanAttributes(attributes, count: attributeCount, of: name, element: "property element",
                                        allowed: [.rdfID, .rdfDatatype, .rdfParseType, .rdfResource, .rdfNodeID],
                                        base: stack[parent].base, language: stack[parent].language) else { return }
        let base = scan.base
        let language = scan.language
        let idIndex = scan.id, datatypeIndex = scan.datatype, parseTypeIndex = scan.parseType
        let resourceIndex = scan.resource, nodeIDIndex = scan.nodeID
        let hasProperties = scan.hasProperties
        var frame = RDFXMLFrame(kind: .property, name: key, base: base, language: language)
        frame.predicate = predicate
        var reification: String?
        if idIndex >= 0 {
            guard let iri = idIRI(attributes, idIndex, base) else { return }
            reification = iri
            frame.extras = RDFXMLPropertyExtras()
            frame.extras!.reification = iri
        }
        text.removeAll(keepingCapacity: true)

        if parseTypeIndex >= 0 {
            if resourceIndex >= 0 || nodeIDIndex >= 0 || datatypeIndex >= 0 || hasProperties {
                fail("the property element \(name.written) has rdf:parseType, so it can carry no attributes "
                     + "other than rdf:ID")
                return
            }
            let parseType = string(attributes, parseTypeIndex)
            switch parseType {
            case "Resource":
                let node = newBlank()
                let subject = stack[parent].subject
                emit(subject, predicate, node)
                reify(reification, subject, predicate, node)
                frame.kind = .resourceProperty
                frame.subject = node
            case "Collection":
                frame.kind = .collection
            default:
                frame.kind = .literalProperty
                literal.reset()
            }
            stack.append(frame)
            return
        }
        if resourceIndex >= 0 && nodeIDIndex >= 0 {
            fail("the property element \(name.written) cannot carry both rdf:resource and rdf:nodeID")
            return
        }
        if resourceIndex >= 0 {
            frame.object = .iri(resolve(attributes, resourceIndex, base))
        } else if nodeIDIndex >= 0 {
            guard let label = nodeID(attributes, nodeIDIndex) else { return }
            frame.object = .blank(label)
        }
        if datatypeIndex >= 0 || hasProperties {
            if frame.extras == nil { frame.extras = RDFXMLPropertyExtras() }
        }
        if datatypeIndex >= 0 {
            frame.extras!.datatype = resolve(attributes, datatypeIndex, base)
        }
        if hasProperties {
            for index in 0..<attributeCount {
                let attribute = attributeName(attributes, index)
                switch attribute.role {
                case .rdfType:
                    frame.extras!.attributes.append((RDFVocabulary.type, .iri(resolve(attributes, index, base))))
                case .other:
                    frame.extras!.attributes.append(
                        (attribute.iri, .literal(string(attributes, index), language: language, datatype: nil)))
                default:
                    continue
                }
            }
        }
        stack.append(frame)
    }

    private mutating func endProperty(_ frame: RDFXMLFrame) {
        if frame.hasNode { return }  // The statement was made when the node element started.
        let object: RDFTerm
        if !text.isEmpty {
            if frame.object != nil || frame.hasAttributes {
                fail("the property element \(written(frame.name)) has rdf:resource, rdf:nodeID or property attributes, "
                     + "so it must be empty, but it holds text")
                return
            }
            let value = String(decoding: text, as: UTF8.self)
            text.removeAll(keepingCapacity: true)
            object = .literal(value, language: frame.datatype == nil ? frame.language : nil, datatype: frame.datatype)
        } else if let datatype = frame.datatype {
            if frame.object != nil || frame.hasAttributes {
                fail("the property element \(written(frame.name)) has rdf:datatype, so it cannot carry rdf:resource, "
                     + "rdf:nodeID or property attributes")
                return
            }
            object = .literal("", language: nil, datatype: datatype)
        } else if let given = frame.object {
            object = given
        } else if frame.hasAttributes {
            object = newBlank()
        } else {
            object = .literal("", language: frame.language, datatype: nil)
        }
        let subject = stack[stack.count - 1].subject
        emit(subject, frame.predicate, object)
        guard let extras = frame.extras else { return }
        reify(extras.reification, subject, frame.predicate, object)
        for (predicate, value) in extras.attributes {
            emit(object, predicate, value)
        }
    }

    // MARK: Triples

    @inline(__always) mutating func emit(_ subject: RDFTerm, _ predicate: String, _ object: RDFTerm) {
        guard failure == nil else { return }
        do {
            try sink(RDFTriple(subject: subject, predicate: predicate, object: object))
        } catch {
            stop(error)
        }
    }

    private mutating func reify(_ statement: String?, _ subject: RDFTerm, _ predicate: String, _ object: RDFTerm) {
        guard let statement else { return }
        let node = RDFTerm.iri(statement)
        emit(node, RDFVocabulary.type, .iri(RDFVocabulary.statement))
        emit(node, RDFVocabulary.subject, subject)
        emit(node, RDFVocabulary.predicate, .iri(predicate))
        emit(node, RDFVocabulary.object, object)
    }

    private mutating func newBlank() -> RDFTerm {
        defer { blankCount += 1 }
        return .blank("b\(blankCount)")
    }

    private mutating func liPredicate(_ number: Int) -> String {
        while liPredicates.count < min(number, 1024) {
            liPredicates.append(RDFVocabulary.namespace + "_\(liPredicates.count + 1)")
        }
        return number <= liPredicates.count ? liPredicates[number - 1] : RDFVocabulary.namespace + "_\(number)"
    }

    // MARK: Names

    @inline(__always) mutating func elementName(_ key: RDFNameKey) -> RDFName {
        if let index = elementNames.index(of: key) { return elementNames.names[index] }
        let local = String(cString: key.local)
        let namespace = key.uri.map { String(cString: $0) }
        let written = key.prefix.map { String(cString: $0) + ":" + local } ?? local
        let role: RDFNameRole
        switch namespace {
        case nil: role = .unqualified
        case RDFVocabulary.namespace?: role = RDFNameRole(rdfLocalName: local)
        default: role = .other
        }
        let name = RDFName(iri: (namespace ?? "") + local, role: role, written: written)
        _ = elementNames.insert(name, for: key)
        return name
    }

    @inline(__always) mutating func attributeName(_ attributes: Attributes?, _ index: Int) -> RDFName {
        let found = attributeIndex(attributes, index)
        return attributeNames.names[found]
    }

    /// The role of an attribute's name, without copying strings.
    /// An element's attributes sorted by role: the positions of the `rdf:` ones, the base and
    /// language in force, and whether any attribute is a property.
    private struct AttributeScan {
        var base: IRIBase?
        var language: String?
        var id = -1, about = -1, nodeID = -1, datatype = -1, parseType = -1, resource = -1
        var hasProperties = false
    }

    /// Sorts an element's attributes by role; fails (and returns nil) on one `allowed` does not list.
    private mutating func scanAttributes(_ attributes: Attributes?, count: Int, of name: RDFName, element: String,
                                         allowed: Set<RDFNameRole>, base: IRIBase?, language: String?) -> AttributeScan? {
        var scan = AttributeScan(base: base, language: language)
        for index in 0..<count {
            let role = attributeRole(attributes, index)
            switch role {
            case .xmlBase: scan.base = newBase(attributes, index, scan.base); continue
            case .xmlLang: scan.language = self.language(attributes, index); continue
            case .xmlIgnored: continue
            case .rdfType, .other: scan.hasProperties = true; continue
            case .unqualified:
                fail("the attribute \(attributeName(attributes, index).written) on \(name.written) has no namespace")
                return nil
            default:
                break
            }
            guard allowed.contains(role) else {
                fail("\(attributeName(attributes, index).written) is not allowed on the \(element) \(name.written)")
                return nil
            }
            switch role {
            case .rdfID: scan.id = index
            case .rdfAbout: scan.about = index
            case .rdfNodeID: scan.nodeID = index
            case .rdfDatatype: scan.datatype = index
            case .rdfParseType: scan.parseType = index
            case .rdfResource: scan.resource = index
            default: break
            }
        }
        return scan
    }

    @inline(__always) mutating func attributeRole(_ attributes: Attributes?, _ index: Int) -> RDFNameRole {
        let found = attributeIndex(attributes, index)
        return attributeNames.role(found)
    }

    @inline(__always) mutating func attributeIndex(_ attributes: Attributes?, _ index: Int) -> Int {
        let base = index * 5
        let key = RDFNameKey(local: attributes![base]!, prefix: attributes![base + 1], uri: attributes![base + 2])
        if let index = attributeNames.index(of: key) { return index }
        return attributeNames.insert(Self.classifyAttribute(key), for: key)
    }

    private static func classifyAttribute(_ key: RDFNameKey) -> RDFName {
        let local = String(cString: key.local)
        let prefix = key.prefix.map { String(cString: $0) }
        let namespace = key.uri.map { String(cString: $0) }
        let written = prefix.map { $0 + ":" + local } ?? local
        func startsWithXML(_ text: String) -> Bool { text.lowercased().hasPrefix("xml") }
        if namespace == RDFVocabulary.xmlNamespace {
            let role: RDFNameRole = local == "lang" ? .xmlLang : local == "base" ? .xmlBase : .xmlIgnored
            return RDFName(iri: RDFVocabulary.xmlNamespace + local, role: role, written: written)
        }
        if let prefix, startsWithXML(prefix) {
            return RDFName(iri: (namespace ?? "") + local, role: .xmlIgnored, written: written)
        }
        guard let namespace else {
            if startsWithXML(local) { return RDFName(iri: local, role: .xmlIgnored, written: written) }
            // RDF/XML §6.1.4: these few may be written without the rdf: prefix.
            switch local {
            case "ID", "about", "resource", "parseType", "type":
                return RDFName(iri: RDFVocabulary.namespace + local, role: RDFNameRole(rdfLocalName: local),
                               written: written)
            default:
                return RDFName(iri: local, role: .unqualified, written: written)
            }
        }
        let role = namespace == RDFVocabulary.namespace ? RDFNameRole(rdfLocalName: local) : .other
        return RDFName(iri: namespace + local, role: role, written: written)
    }

    // MARK: Attribute values

    @inline(__always) func withValue<R>(
        _ attributes: Attributes?, _ index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R
    ) -> R {
        let start = attributes![index * 5 + 3], end = attributes![index * 5 + 4]
        guard let start, let end, end > start else {
            return body(UnsafeBufferPointer(start: nil, count: 0))
        }
        let buffer = UnsafeBufferPointer(start: start, count: end - start)
        if buffer.contains(UInt8(ascii: "&")) {
            return RDFXMLAttributes.value(start: start, end: end).withUnsafeBufferPointer(body)
        }
        return body(buffer)
    }

    func string(_ attributes: Attributes?, _ index: Int) -> String {
        withValue(attributes, index) { String(decoding: $0, as: UTF8.self) }
    }

    private mutating func resolve(_ attributes: Attributes?, _ index: Int, _ base: IRIBase?) -> String {
        withValue(attributes, index) { IRIResolver.resolve($0, against: base) }
    }

    private mutating func newBase(_ attributes: Attributes?, _ index: Int, _ base: IRIBase?) -> IRIBase {
        IRIBase(resolve(attributes, index, base))
    }

    private mutating func language(_ attributes: Attributes?, _ index: Int) -> String? {
        let value = string(attributes, index)
        if value.isEmpty { return nil }
        return value.utf8.contains(where: { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") })
            ? value.lowercased() : value
    }

    /// The IRI `rdf:ID` names, after checking it is an NCName used once for its base.
    private mutating func idIRI(_ attributes: Attributes?, _ index: Int, _ base: IRIBase?) -> String? {
        let value = string(attributes, index)
        guard XMLName.isNCName(value) else {
            fail("rdf:ID \"\(value)\" is not an XML NCName")
            return nil
        }
        let iri = base?.fragmentIRI(value) ?? "#" + value
        guard usedIDs.insert(iri).inserted else {
            fail("rdf:ID \"\(value)\" is used twice with the same base, naming <\(iri)> twice")
            return nil
        }
        return iri
    }

    /// The blank node label for an `rdf:nodeID` value, the same one for every use in the document.
    private mutating func nodeID(_ attributes: Attributes?, _ index: Int) -> String? {
        let value = string(attributes, index)
        guard XMLName.isNCName(value) else {
            fail("rdf:nodeID \"\(value)\" is not an XML NCName")
            return nil
        }
        if let label = nodeIDs[value] { return label }
        guard case .blank(let label) = newBlank() else { return nil }
        nodeIDs[value] = label
        return label
    }

    // MARK: Text

    static func isWhitespace(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for byte in bytes where byte != 0x20 && byte != 0x0A && byte != 0x09 && byte != 0x0D {
            return false
        }
        return true
    }

    static func quoted(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        var text = String(decoding: bytes, as: UTF8.self).trimmingWhitespace
        if text.count > 40 { text = String(text.prefix(40)) + "…" }
        return "\"\(text)\""
    }
}

extension String {
    fileprivate var trimmingWhitespace: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...last])
    }
}
