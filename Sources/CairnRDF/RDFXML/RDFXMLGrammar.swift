import CLibXML2
import CairnSyntax
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
            checkLiteralSize()
            return
        }
        let key = RDFNameKey(local: localname, prefix: prefix, uri: uri)
        let name = elementName(key)
        if top < 0 {
            if elementNames.role(name) == .rdfRDF {
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
            checkLiteralSize()
            literalDepth -= 1
            return
        }
        let top = stack.count - 1
        guard top >= 0 else { return }
        // The frame is read in place and only then removed, so it is never copied.
        switch stack[top].kind {
        case .root, .node, .resourceProperty:
            break
        case .property:
            endProperty(top)
        case .collection:
            if let last = stack[top].object {
                emit(last, RDFVocabulary.rest, .iri(RDFVocabulary.nil_))
            } else {
                let object = RDFTerm.iri(RDFVocabulary.nil_)
                let subject = stack[top - 1].subject, predicate = predicateOf(top)
                emit(subject, predicate, object)
                reify(stack[top].reification, subject, predicate, object)
            }
        case .literalProperty:
            let object = RDFTerm.literal(literal.text, language: nil, datatype: RDFVocabulary.xmlLiteral)
            literal.reset()
            let subject = stack[top - 1].subject, predicate = predicateOf(top)
            emit(subject, predicate, object)
            reify(stack[top].reification, subject, predicate, object)
        }
        stack.removeLast()
    }

    mutating func characters(_ characters: UnsafeBufferPointer<UInt8>) {
        guard failure == nil else { return }
        let top = stack.count - 1
        guard top >= 0 else { return }
        switch stack[top].kind {
        case .literalProperty:
            literal.characters(characters)
            checkLiteralSize()
        case .property where !stack[top].hasNode:
            text.append(characters)
            if text.count > RDFXMLParser.maximumLiteralBytes { literalTooLong() }
        default:
            if !Self.isWhitespace(characters) {
                fail("text \(Self.quoted(characters)) is not allowed here: "
                     + "\(describeContext(stack[top])) holds only elements")
            }
        }
    }

    mutating func comment(_ value: UnsafePointer<xmlChar>) {
        guard failure == nil, !stack.isEmpty, stack[stack.count - 1].kind == .literalProperty else { return }
        literal.comment(value)
        checkLiteralSize()
    }

    mutating func processingInstruction(target: UnsafePointer<xmlChar>, data: UnsafePointer<xmlChar>?) {
        guard failure == nil, !stack.isEmpty, stack[stack.count - 1].kind == .literalProperty else { return }
        literal.processingInstruction(target: target, data: data)
        checkLiteralSize()
    }

    /// An XML literal is capped by the bytes it writes, markup included: empty elements that
    /// each re-declare a long namespace write far more than the text they hold.
    private mutating func checkLiteralSize() {
        if literal.output.count > RDFXMLParser.maximumLiteralBytes { literalTooLong() }
    }

    private mutating func literalTooLong() {
        fail("a literal is longer than \(BoundedFile.describe(bytes: RDFXMLParser.maximumLiteralBytes))")
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
        var frame = RDFXMLFrame(kind: .root, name: key, predicateName: -1)
        let top = Int32(stack.count)
        frame.ownBase = documentBase
        frame.baseOwner = top
        frame.languageOwner = top
        for index in 0..<attributeCount {
            let name = attributeName(attributes, index)
            switch name.role {
            case .xmlBase: frame.ownBase = newBase(attributes, index, frame.ownBase)
            case .xmlLang: frame.ownLanguage = language(attributes, index)
            case .xmlIgnored: continue
            default:
                fail("rdf:RDF cannot carry the attribute \(name.written)")
                return
            }
        }
        stack.append(frame)
    }

    // MARK: Node elements

    private mutating func startNode(_ nameIndex: Int, _ key: RDFNameKey, attributeCount: Int, attributes: Attributes?) {
        let role = elementNames.role(nameIndex)
        switch role {
        case .rdfRDF, .rdfID, .rdfAbout, .rdfParseType, .rdfResource, .rdfNodeID, .rdfDatatype, .rdfLi,
             .rdfAboutEach, .rdfAboutEachPrefix, .rdfBagID:
            fail("\(elementNames.names[nameIndex].written) cannot be used as a node element")
            return
        case .unqualified:
            fail("the element \(elementNames.names[nameIndex].written) has no namespace, so it names no IRI")
            return
        default:
            break
        }
        let parent = stack.count - 1
        var scan = AttributeScan()
        var ownBase: IRIBase?, ownLanguage: String?
        guard scanAttributes(attributes, count: attributeCount, of: nameIndex, element: "node element",
                             allowed: Self.nodeAttributes, parent: parent, into: &scan,
                             base: &ownBase, language: &ownLanguage)
        else { return }
        let base = scan.hasBase ? ownBase : baseAt(parent)
        let idIndex = scan.id, aboutIndex = scan.about, nodeIDIndex = scan.nodeID
        let hasProperties = scan.hasProperties
        if (idIndex >= 0 ? 1 : 0) + (aboutIndex >= 0 ? 1 : 0) + (nodeIDIndex >= 0 ? 1 : 0) > 1 {
            fail("the node element \(elementNames.names[nameIndex].written) can carry only one of rdf:ID, rdf:about and rdf:nodeID")
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
                if stack[parent].hasObject || stack[parent].hasAttributes || stack[parent].datatype != nil {
                    fail("the property element \(written(stack[parent].name)) has rdf:resource, rdf:nodeID, rdf:datatype "
                         + "or property attributes, so it cannot hold a node element")
                    return
                }
                if !text.withUnsafeBufferPointer(Self.isWhitespace) {
                    fail("the property element \(written(stack[parent].name)) holds both text and a node element")
                    return
                }
                text.removeAll()
                stack[parent].hasNode = true
                let parentSubject = stack[parent - 1].subject, predicate = predicateOf(parent)
                emit(parentSubject, predicate, subject)
                reify(stack[parent].reification, parentSubject, predicate, subject)
            case .collection:
                let cell = newBlank()
                if let last = stack[parent].object {
                    emit(last, RDFVocabulary.rest, cell)
                } else {
                    let parentSubject = stack[parent - 1].subject, predicate = predicateOf(parent)
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
        if role != .rdfDescription {
            emit(subject, RDFVocabulary.type, .iri(elementNames.iri(nameIndex)))
        }
        if hasProperties {
            let language = scan.hasLanguage ? ownLanguage : languageAt(parent)
            for index in 0..<attributeCount {
                let attribute = attributeIndex(attributes, index)
                switch attributeNames.role(attribute) {
                case .rdfType:
                    emit(subject, RDFVocabulary.type, .iri(resolveRepeated(attributes, index, base)))
                case .other:
                    emit(subject, attributeNames.iri(attribute),
                         .literal(string(attributes, index), language: language, datatype: nil))
                default:
                    continue
                }
            }
        }
        let top = stack.push(kind: .node, name: key, predicateName: -1)
        stack[top].subject = subject
        setScope(top, parent: parent, scan, ownBase, ownLanguage)
    }

    // MARK: Property elements

    private mutating func startProperty(_ nameIndex: Int, _ key: RDFNameKey, attributeCount: Int, attributes: Attributes?) {
        let role = elementNames.role(nameIndex)
        switch role {
        case .rdfRDF, .rdfID, .rdfAbout, .rdfParseType, .rdfResource, .rdfNodeID, .rdfDatatype, .rdfDescription,
             .rdfAboutEach, .rdfAboutEachPrefix, .rdfBagID:
            fail("\(elementNames.names[nameIndex].written) cannot be used as a property element")
            return
        case .unqualified:
            fail("the element \(elementNames.names[nameIndex].written) has no namespace, so it names no property")
            return
        default:
            break
        }
        let parent = stack.count - 1
        // The predicate is kept as the element name's index (its IRI is shared by the name
        // table); only `rdf:li` gets a string of its own, `rdf:_n`.
        var liName: String?
        if role == .rdfLi {
            stack[parent].liCounter += 1
            liName = liPredicate(Int(stack[parent].liCounter))
        }
        let predicateName = liName == nil ? Int32(nameIndex) : -1
        var scan = AttributeScan()
        var ownBase: IRIBase?, ownLanguage: String?
        guard scanAttributes(attributes, count: attributeCount, of: nameIndex, element: "property element",
                             allowed: Self.propertyAttributes, parent: parent, into: &scan,
                             base: &ownBase, language: &ownLanguage)
        else { return }
        var reification: String?
        if scan.id >= 0 {
            guard let iri = idIRI(attributes, scan.id, scan.hasBase ? ownBase : baseAt(parent)) else { return }
            reification = iri
        }
        text.removeAll()

        if scan.parseType >= 0 {
            if scan.resource >= 0 || scan.nodeID >= 0 || scan.datatype >= 0 || scan.hasProperties {
                fail("the property element \(elementNames.names[nameIndex].written) has rdf:parseType, so it can carry "
                     + "no attributes other than rdf:ID")
                return
            }
            let parseType = string(attributes, scan.parseType)
            // The frame is built in place on the stack, never copied.
            let top = stack.push(kind: .property, name: key, predicateName: predicateName)
            if let liName { stack[top].predicate = liName }
            setScope(top, parent: parent, scan, ownBase, ownLanguage)
            if let reification {
                let extras = RDFXMLPropertyExtras()
                extras.reification = reification
                stack[top].extras = extras
            }
            switch parseType {
            case "Resource":
                let node = newBlank()
                let predicate = liName ?? elementNames.iri(nameIndex)
                let subject = stack[parent].subject
                emit(subject, predicate, node)
                reify(reification, subject, predicate, node)
                stack[top].kind = .resourceProperty
                stack[top].subject = node
            case "Collection":
                stack[top].kind = .collection
            default:
                stack[top].kind = .literalProperty
                literal.reset()
            }
            return
        }
        if scan.resource >= 0 && scan.nodeID >= 0 {
            fail("the property element \(elementNames.names[nameIndex].written) cannot carry both rdf:resource and "
                 + "rdf:nodeID")
            return
        }
        let top = stack.push(kind: .property, name: key, predicateName: predicateName)
        if let liName { stack[top].predicate = liName }
        setScope(top, parent: parent, scan, ownBase, ownLanguage)
        if scan.resource >= 0 {
            let object = resolveRepeated(attributes, scan.resource, scan.hasBase ? ownBase : baseAt(parent))
            stack[top].object = .iri(object)
        } else if scan.nodeID >= 0 {
            guard let label = nodeID(attributes, scan.nodeID) else { return }
            stack[top].object = .blank(label)
        }
        if reification == nil && scan.datatype < 0 && !scan.hasProperties { return }
        let base = scan.hasBase ? ownBase : baseAt(parent)
        let language = scan.hasLanguage ? ownLanguage : languageAt(parent)
        let extras = RDFXMLPropertyExtras()
        extras.reification = reification
        stack[top].extras = extras
        if scan.datatype >= 0 {
            extras.datatype = resolveRepeated(attributes, scan.datatype, base)
        }
        if scan.hasProperties {
            for index in 0..<attributeCount {
                let attribute = attributeIndex(attributes, index)
                switch attributeNames.role(attribute) {
                case .rdfType:
                    extras.attributes.append((RDFVocabulary.type, .iri(resolve(attributes, index, base))))
                case .other:
                    extras.attributes.append(
                        (attributeNames.iri(attribute), .literal(string(attributes, index), language: language, datatype: nil)))
                default:
                    continue
                }
            }
        }
    }

    /// Ends the property element at `stack[top]` (which the caller then removes).
    private mutating func endProperty(_ top: Int) {
        if stack[top].hasNode { return }  // The statement was made when the node element started.
        let object: RDFTerm
        let extras = stack[top].extras
        if !text.isEmpty {
            if stack[top].hasObject || stack[top].hasAttributes {
                fail("the property element \(written(stack[top].name)) has rdf:resource, rdf:nodeID or property "
                     + "attributes, so it must be empty, but it holds text")
                return
            }
            let value = text.string
            text.removeAll()
            if let datatype = extras?.datatype {
                object = .literal(value, language: nil, datatype: datatype)
            } else {
                object = .literal(value, language: languageAt(top), datatype: nil)
            }
        } else if let datatype = extras?.datatype {
            if stack[top].hasObject || stack[top].hasAttributes {
                fail("the property element \(written(stack[top].name)) has rdf:datatype, so it cannot carry "
                     + "rdf:resource, rdf:nodeID or property attributes")
                return
            }
            object = .literal("", language: nil, datatype: datatype)
        } else if let given = stack[top].object {
            object = given
        } else if stack[top].hasAttributes {
            object = newBlank()
        } else {
            object = .literal("", language: languageAt(top), datatype: nil)
        }
        let subject = stack[top - 1].subject
        let predicate = predicateOf(top)
        emit(subject, predicate, object)
        guard let extras else { return }
        reify(extras.reification, subject, predicate, object)
        for (predicate, value) in extras.attributes {
            emit(object, predicate, value)
        }
    }

    // MARK: Triples

    @inline(__always) mutating func emit(_ subject: consuming RDFTerm, _ predicate: consuming String,
                                         _ object: consuming RDFTerm) {
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
        return .blank(Self.blankLabel(blankCount))
    }

    /// `b` followed by `number` in decimal, without string interpolation.
    static func blankLabel(_ number: Int) -> String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 24) { buffer in
            var value = UInt(number)
            var index = 24
            repeat {
                index -= 1
                buffer[index] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: value % 10)
                value /= 10
            } while value != 0
            index -= 1
            buffer[index] = UInt8(ascii: "b")
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[index..<24]), as: UTF8.self)
        }
    }

    private mutating func liPredicate(_ number: Int) -> String {
        while liPredicates.count < min(number, 1024) {
            liPredicates.append(RDFVocabulary.namespace + "_\(liPredicates.count + 1)")
        }
        return number <= liPredicates.count ? liPredicates[number - 1] : RDFVocabulary.namespace + "_\(number)"
    }

    // MARK: Names

    /// The index in `elementNames` of the element name `key`, classifying it the first time.
    @inline(__always) mutating func elementName(_ key: RDFNameKey) -> Int {
        if let index = elementNames.index(of: key) { return index }
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
        return elementNames.insert(name, for: key)
    }

    @inline(__always) mutating func attributeName(_ attributes: Attributes?, _ index: Int) -> RDFName {
        let found = attributeIndex(attributes, index)
        return attributeNames.names[found]
    }

    /// The `rdf:` attributes a node element may carry, as ``RDFNameRole/bit``s.
    static let nodeAttributes = RDFNameRole.rdfID.bit | RDFNameRole.rdfAbout.bit | RDFNameRole.rdfNodeID.bit
    /// The `rdf:` attributes a property element may carry.
    static let propertyAttributes = RDFNameRole.rdfID.bit | RDFNameRole.rdfDatatype.bit | RDFNameRole.rdfParseType.bit
        | RDFNameRole.rdfResource.bit | RDFNameRole.rdfNodeID.bit

    /// An element's attributes sorted by role: the positions of the `rdf:` ones, the base and
    /// language in force, and whether any attribute is a property.
    private struct AttributeScan {
        var hasBase = false, hasLanguage = false
        var id = -1, about = -1, nodeID = -1, datatype = -1, parseType = -1, resource = -1
        var hasProperties = false
    }

    /// The predicate IRI of the property element at `index`.
    @inline(__always) func predicateOf(_ index: Int) -> String {
        let name = Int(stack[index].predicateName)
        return name >= 0 ? elementNames.iri(name) : stack[index].predicate
    }

    /// Sets the base and language in force in the new frame at `top`: its own when it carries
    /// `xml:base` or `xml:lang`, else its parent's.
    @inline(__always) private mutating func setScope(_ top: Int, parent: Int, _ scan: AttributeScan,
                                                     _ base: IRIBase?, _ language: String?) {
        if scan.hasBase {
            stack[top].ownBase = base
            stack[top].baseOwner = Int32(top)
        } else {
            stack[top].baseOwner = parent >= 0 ? stack[parent].baseOwner : -1
        }
        if scan.hasLanguage {
            stack[top].ownLanguage = language
            stack[top].languageOwner = Int32(top)
        } else {
            stack[top].languageOwner = parent >= 0 ? stack[parent].languageOwner : -1
        }
    }

    /// Sorts an element's attributes by role into `scan`, updating `base` and `language` (those
    /// of the parent) from `xml:base` and `xml:lang`; fails (and returns false) on an attribute
    /// `allowed` does not list.
    private mutating func scanAttributes(_ attributes: Attributes?, count: Int, of nameIndex: Int, element: String,
                                         allowed: UInt32, parent: Int, into scan: inout AttributeScan,
                                         base: inout IRIBase?, language: inout String?) -> Bool {
        for index in 0..<count {
            let role = attributeRole(attributes, index)
            switch role {
            case .xmlBase:
                base = newBase(attributes, index, scan.hasBase ? base : baseAt(parent))
                scan.hasBase = true
                continue
            case .xmlLang:
                language = self.language(attributes, index)
                scan.hasLanguage = true
                continue
            case .xmlIgnored: continue
            case .rdfType, .other: scan.hasProperties = true; continue
            case .unqualified:
                fail("the attribute \(attributeName(attributes, index).written) on \(elementNames.names[nameIndex].written) has no namespace")
                return false
            default:
                break
            }
            guard allowed & role.bit != 0 else {
                fail("\(attributeName(attributes, index).written) is not allowed on the \(element) \(elementNames.names[nameIndex].written)")
                return false
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
        return true
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
        if memchr(start, Int32(UInt8(ascii: "&")), end - start) != nil {
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

    /// `resolve` for values that often repeat (`rdf:resource`, `rdf:datatype`, `rdf:type`):
    /// an absolute IRI written as it resolves (the usual case) is looked up in a small cache of
    /// earlier ones, so repeats share one String instead of each building its own. With a
    /// scheme, the result does not depend on the base, so the cache holds for any base.
    private mutating func resolveRepeated(_ attributes: Attributes?, _ index: Int, _ base: IRIBase?) -> String {
        guard let start = attributes![index * 5 + 3], let end = attributes![index * 5 + 4], end - start >= 16,
              IRIParts.isAlpha(start[0]) else {
            return resolve(attributes, index, base)
        }
        let count = end - start
        let head = UnsafeRawPointer(start).loadUnaligned(as: UInt64.self)
        let tail = UnsafeRawPointer(end - 8).loadUnaligned(as: UInt64.self)
        let middle = UnsafeRawPointer(start + count / 2 - 4).loadUnaligned(as: UInt64.self)
        let hash = (head ^ (tail &* 0x9E37_79B9_7F4A_7C15) ^ (middle &* 0xC2B2_AE3D_27D4_EB4F) ^ UInt64(count))
            &* 0x1656_67B1_9E37_79F9
        let slot = Int(truncatingIfNeeded: hash >> 56)
        if iriCache.isEmpty { iriCache = Array(repeating: "", count: 256) }
        if Self.equals(iriCache[slot], start, count) { return iriCache[slot] }
        let value = resolve(attributes, index, base)
        // Keep it only when it has a scheme and is exactly the bytes written (no entity, no dot
        // segments), so a later hit on the same bytes gives the same IRI whatever the base.
        if Self.hasScheme(start, count) && Self.equals(value, start, count) {
            iriCache[slot] = value
        }
        return value
    }

    private static func hasScheme(_ start: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        guard count > 0, IRIParts.isAlpha(start[0]) else { return false }
        var index = 1
        while index < count, IRIParts.isSchemeByte(start[index]) { index += 1 }
        return index < count && start[index] == UInt8(ascii: ":")
    }

    @inline(__always) private static func equals(_ string: String, _ start: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        guard string.utf8.count == count else { return false }
        return string.utf8.withContiguousStorageIfAvailable { memcmp($0.baseAddress!, start, count) == 0 } ?? false
    }

    private mutating func newBase(_ attributes: Attributes?, _ index: Int, _ base: IRIBase?) -> IRIBase {
        IRIBase(resolve(attributes, index, base))
    }

    /// The `xml:lang` value at `index` (lowercased, nil when empty), shared with earlier elements
    /// that wrote the same tag.
    private mutating func language(_ attributes: Attributes?, _ index: Int) -> String? {
        guard let start = attributes![index * 5 + 3], let end = attributes![index * 5 + 4], end > start else {
            return nil
        }
        let count = end - start
        guard count <= 16 else { return makeLanguage(attributes, index) }
        // Pack the bytes as written into two words (zero-padded); `&` (an entity or character
        // reference) is left to the slow path, which decodes it.
        var low: UInt64 = 0, high: UInt64 = 0
        for offset in 0..<count {
            let byte = start[offset]
            if byte == UInt8(ascii: "&") { return makeLanguage(attributes, index) }
            if offset < 8 {
                low |= UInt64(byte) << UInt64(offset * 8)
            } else {
                high |= UInt64(byte) << UInt64((offset - 8) * 8)
            }
        }
        // Open addressing over 512 slots holding indices into `languageKeys` (+1; 0 is empty).
        if languageSlots.isEmpty { languageSlots = Array(repeating: 0, count: 512) }
        var slot = Int(truncatingIfNeeded: ((low ^ (high &* 0x9E37_79B9_7F4A_7C15)) &* 0xC2B2_AE3D_27D4_EB4F) >> 55)
        while true {
            let entry = Int(languageSlots[slot])
            if entry == 0 { break }
            let key = languageKeys[entry - 1]
            if key.0 == low && key.1 == high && key.2 == count { return languageValues[entry - 1] }
            slot = (slot + 1) & 511
        }
        let value = makeLanguage(attributes, index)
        if languageKeys.count < 256 {
            languageKeys.append((low, high, count))
            languageValues.append(value)
            languageSlots[slot] = Int16(languageKeys.count)
        }
        return value
    }

    private func makeLanguage(_ attributes: Attributes?, _ index: Int) -> String? {
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
