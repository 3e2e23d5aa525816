import CLibXML2
import CairnSyntax

/// The RDF and XML namespaces and the RDF vocabulary the grammar emits.
package enum RDFVocabulary {
    package static let namespace = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    static let xmlNamespace = "http://www.w3.org/XML/1998/namespace"
    package static let type = namespace + "type"
    package static let first = namespace + "first"
    package static let rest = namespace + "rest"
    static let nil_ = namespace + "nil"
    static let subject = namespace + "subject"
    static let predicate = namespace + "predicate"
    static let object = namespace + "object"
    static let statement = namespace + "Statement"
    static let xmlLiteral = namespace + "XMLLiteral"
}

/// What an element or attribute name means to the RDF/XML grammar.
enum RDFNameRole: UInt8 {
    case other
    case rdfRDF, rdfID, rdfAbout, rdfParseType, rdfResource, rdfNodeID, rdfDatatype
    case rdfDescription, rdfLi, rdfAboutEach, rdfAboutEachPrefix, rdfBagID, rdfType
    case xmlLang, xmlBase, xmlIgnored
    /// An element, or an attribute other than the few RDF/XML allows, without a namespace.
    case unqualified

    /// This role as a bit of a ``RDFNameRole/Set``.
    @inline(__always) var bit: UInt32 { 1 << UInt32(rawValue) }

    init(rdfLocalName name: String) {
        switch name {
        case "RDF": self = .rdfRDF
        case "ID": self = .rdfID
        case "about": self = .rdfAbout
        case "parseType": self = .rdfParseType
        case "resource": self = .rdfResource
        case "nodeID": self = .rdfNodeID
        case "datatype": self = .rdfDatatype
        case "Description": self = .rdfDescription
        case "li": self = .rdfLi
        case "aboutEach": self = .rdfAboutEach
        case "aboutEachPrefix": self = .rdfAboutEachPrefix
        case "bagID": self = .rdfBagID
        case "type": self = .rdfType
        default: self = .other
        }
    }
}

/// A name as the grammar sees it: its IRI, its role and how it was written (for messages).
struct RDFName {
    let iri: String
    let role: RDFNameRole
    let written: String
}

/// The pointers libxml2 hands over for a name; they come from the parser's dictionary, so equal
/// names have equal pointers for the whole parse.
struct RDFNameKey: Equatable {
    let local: UnsafePointer<xmlChar>
    let prefix: UnsafePointer<xmlChar>?
    let uri: UnsafePointer<xmlChar>?

    @inline(__always) var hash: UInt {
        let a = UInt(bitPattern: local), b = UInt(bitPattern: prefix), c = UInt(bitPattern: uri)
        return (a &* 0x9E37_79B9_7F4A_7C15) ^ (b &* 0xC2B2_AE3D_27D4_EB4F) ^ (c &* 0x1656_67B1_9E37_79F9)
    }
}

/// Names already classified, found by their dictionary pointers (open addressing, linear probing).
struct RDFNameTable {
    private var keys: [RDFNameKey?] = Array(repeating: nil, count: 64)
    private var slots: [Int32] = Array(repeating: -1, count: 64)
    private(set) var names: [RDFName] = []
    private var roles: [RDFNameRole] = []
    private var iris: [String] = []

    /// The role of the name at `index`, without copying its strings.
    @inline(__always) func role(_ index: Int) -> RDFNameRole { roles[index] }
    /// The IRI of the name at `index`, shared by every use of the name.
    @inline(__always) func iri(_ index: Int) -> String { iris[index] }

    @inline(__always) func index(of key: RDFNameKey) -> Int? {
        let mask = keys.count - 1
        var slot = Int(truncatingIfNeeded: key.hash >> 7) & mask
        while let candidate = keys[slot] {
            if candidate == key { return Int(slots[slot]) }
            slot = (slot + 1) & mask
        }
        return nil
    }

    mutating func insert(_ name: RDFName, for key: RDFNameKey) -> Int {
        if (names.count + 1) * 2 > keys.count { grow() }
        names.append(name)
        roles.append(name.role)
        iris.append(name.iri)
        place(key, Int32(names.count - 1))
        return names.count - 1
    }

    private mutating func place(_ key: RDFNameKey, _ value: Int32) {
        let mask = keys.count - 1
        var slot = Int(truncatingIfNeeded: key.hash >> 7) & mask
        while keys[slot] != nil { slot = (slot + 1) & mask }
        keys[slot] = key
        slots[slot] = value
    }

    private mutating func grow() {
        let old = zip(keys, slots).compactMap { key, value in key.map { ($0, value) } }
        keys = Array(repeating: nil, count: keys.count * 2)
        slots = Array(repeating: -1, count: slots.count * 2)
        for (key, value) in old { place(key, value) }
    }
}

/// The rarely used parts of a property element, kept apart so common frames stay small.
final class RDFXMLPropertyExtras {
    /// The statement IRI when the property element carries `rdf:ID`.
    var reification: String?
    var datatype: String?
    /// Property attributes, applied to the object when the element is empty.
    var attributes: [(predicate: String, value: RDFTerm)] = []
}

/// One open element of the RDF/XML grammar.
struct RDFXMLFrame {
    enum Kind: UInt8 {
        /// `rdf:RDF`: its children are node elements.
        case root
        /// A node element: its children are property elements.
        case node
        /// A property element without `rdf:parseType`: text, one node element, or nothing.
        case property
        /// `rdf:parseType="Resource"`: its children are property elements of a new blank node.
        case resourceProperty
        /// `rdf:parseType="Literal"` (or an unknown parse type): XML content.
        case literalProperty
        /// `rdf:parseType="Collection"`: its children are node elements, the list's members.
        case collection
    }

    var kind: Kind
    /// Whether a node element child was read (properties) or a member (collections).
    var hasNode = false
    /// Whether `subjectValue` is a blank node label (else an IRI).
    private var subjectIsBlank = true
    /// 0: no object; 1: `objectValue` is an IRI; 2: a blank node label.
    private var objectKind: UInt8 = 0
    /// The last `rdf:_n` number given to an `rdf:li` child.
    var liCounter: Int32 = 0
    /// The element's name, for messages.
    var name: RDFNameKey
    /// The frame whose `ownBase` is the base in force here (-1: the document's), and the one
    /// whose `ownLanguage` is the language in force (-1: none). Only elements carrying
    /// `xml:base` or `xml:lang` hold one, so opening an element copies no reference.
    var baseOwner: Int32 = -1
    var languageOwner: Int32 = -1
    var ownBase: IRIBase?
    var ownLanguage: String?
    /// The subject of node elements and of `parseType="Resource"` property elements (the new
    /// blank node); other property elements use their parent's. Terms are kept as plain
    /// strings (with their kind alongside) so frames stay small and cheap to move and destroy.
    private var subjectValue = ""
    /// The predicate's name in `elementNames` (-1: `predicate` holds it, for `rdf:li`).
    var predicateName: Int32 = -1
    var predicate = ""
    private var objectValue = ""
    var extras: RDFXMLPropertyExtras?

    @inline(__always) init(kind: Kind, name: RDFNameKey, predicateName: Int32) {
        self.kind = kind
        self.name = name
        self.predicateName = predicateName
    }

    /// Makes this (closed) frame a new one with these fields and the others empty.
    @inline(__always) mutating func reset(kind: Kind, name: RDFNameKey, predicateName: Int32) {
        self.kind = kind
        hasNode = false
        subjectIsBlank = true
        objectKind = 0
        liCounter = 0
        self.name = name
        baseOwner = -1
        languageOwner = -1
        if ownBase != nil { ownBase = nil }
        if ownLanguage != nil { ownLanguage = nil }
        if !subjectValue.isEmpty { subjectValue = "" }
        self.predicateName = predicateName
        if !predicate.isEmpty { predicate = "" }
        if !objectValue.isEmpty { objectValue = "" }
        if extras != nil { extras = nil }
    }

    var subject: RDFTerm {
        @inline(__always) get { subjectIsBlank ? .blank(subjectValue) : .iri(subjectValue) }
        @inline(__always) set {
            switch newValue {
            case .iri(let value): subjectValue = value; subjectIsBlank = false
            case .blank(let value): subjectValue = value; subjectIsBlank = true
            case .literal: preconditionFailure("a literal cannot be a subject")
            }
        }
    }

    /// The object given by `rdf:resource` or `rdf:nodeID`; for collections, the last list cell.
    var object: RDFTerm? {
        @inline(__always) get {
            switch objectKind {
            case 0: return nil
            case 1: return .iri(objectValue)
            default: return .blank(objectValue)
            }
        }
        @inline(__always) set {
            switch newValue {
            case nil: objectValue = ""; objectKind = 0
            case .iri(let value)?: objectValue = value; objectKind = 1
            case .blank(let value)?: objectValue = value; objectKind = 2
            case .literal?: preconditionFailure("a literal cannot be given by rdf:resource or rdf:nodeID")
            }
        }
    }

    @inline(__always) var hasObject: Bool { objectKind != 0 }

    var reification: String? { extras?.reification }
    var datatype: String? { extras?.datatype }
    var hasAttributes: Bool { !(extras?.attributes.isEmpty ?? true) }
}

/// The open elements, innermost last, in a buffer allocated once for the deepest nesting
/// allowed. Frames are read and changed where they lie (the subscript yields addresses), so
/// they are never copied; a closed element's slot stays initialized and is overwritten field by
/// field by the next element opened at that depth. The owner calls ``deallocate()`` once.
struct RDFXMLFrameStack {
    private let frames: UnsafeMutablePointer<RDFXMLFrame>
    private let capacity: Int
    private(set) var count = 0
    /// Slots holding a frame (open or closed): `count...initialized` are closed.
    private var initialized = 0

    init(capacity: Int) {
        frames = .allocate(capacity: capacity)
        self.capacity = capacity
    }

    var isEmpty: Bool { count == 0 }

    subscript(index: Int) -> RDFXMLFrame {
        @inline(__always) unsafeAddress {
            precondition(index >= 0 && index < count, "frame index out of range")
            return UnsafePointer(frames + index)
        }
        @inline(__always) unsafeMutableAddress {
            precondition(index >= 0 && index < count, "frame index out of range")
            return frames + index
        }
    }

    mutating func append(_ frame: RDFXMLFrame) {
        precondition(count < capacity, "elements nested too deep")
        if count < initialized {
            frames[count] = frame
        } else {
            (frames + count).initialize(to: frame)
            initialized += 1
        }
        count += 1
    }

    /// Opens a frame with these fields (the others empty) and returns its index.
    @inline(__always) mutating func push(kind: RDFXMLFrame.Kind, name: RDFNameKey, predicateName: Int32) -> Int {
        precondition(count < capacity, "elements nested too deep")
        let index = count
        if index < initialized {
            frames[index].reset(kind: kind, name: name, predicateName: predicateName)
        } else {
            (frames + index).initialize(to: RDFXMLFrame(kind: kind, name: name, predicateName: predicateName))
            initialized += 1
        }
        count += 1
        return index
    }

    @inline(__always) mutating func removeLast() {
        precondition(count > 0, "no open element")
        count -= 1
    }

    mutating func deallocate() {
        frames.deinitialize(count: initialized)
        count = 0
        initialized = 0
        frames.deallocate()
    }
}

/// The text of the innermost property element: a plain byte buffer, emptied by setting its
/// count (no per-element work); the owner calls ``deallocate()`` once.
struct RDFXMLTextBuffer {
    private var start: UnsafeMutableRawPointer
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int) {
        start = .allocate(byteCount: capacity, alignment: 16)
        self.capacity = capacity
    }

    var isEmpty: Bool { count == 0 }

    @inline(__always) mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, bytes.count > 0 else { return }
        if count + bytes.count > capacity { grow(to: count + bytes.count) }
        (start + count).copyMemory(from: source, byteCount: bytes.count)
        count += bytes.count
    }

    private mutating func grow(to needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let grown = UnsafeMutableRawPointer.allocate(byteCount: newCapacity, alignment: 16)
        grown.copyMemory(from: start, byteCount: count)
        start.deallocate()
        start = grown
        capacity = newCapacity
    }

    @inline(__always) mutating func removeAll() { count = 0 }

    @inline(__always) func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        body(UnsafeBufferPointer(start: start.assumingMemoryBound(to: UInt8.self), count: count))
    }

    var string: String {
        withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) }
    }

    mutating func deallocate() {
        start.deallocate()
        count = 0
        capacity = 0
    }
}

/// The grammar state of one parse. It lives at a fixed address (see ``RDFXMLReader``) that
/// libxml2 passes back to every callback.
struct RDFXMLState {
    let documentName: String
    let documentBase: IRIBase?
    let sink: (RDFTriple) throws -> Void
    var context: xmlParserCtxtPtr?
    /// The first problem (or the error `sink` threw); once set, every callback does nothing.
    var failure: (any Error)?

    var stack = RDFXMLFrameStack(capacity: RDFXMLParser.maximumDepth + 2)
    /// Depth of elements open inside a `parseType="Literal"` property element.
    var literalDepth = 0
    var literal = XMLLiteralWriter()
    /// Text of the innermost property element, until it ends or a node element child starts.
    package var text = RDFXMLTextBuffer(capacity: 4096)
    var elementNames = RDFNameTable()
    var attributeNames = RDFNameTable()
    var blankCount = 0
    var nodeIDs: [String: String] = [:]
    var usedIDs: Set<String> = []
    var liPredicates: [String] = []
    /// `xml:lang` values seen so far, by their bytes as written (up to 16, packed in two words),
    /// so each element carrying one shares a String instead of building its own.
    var languageKeys: [(UInt64, UInt64, Int)] = []
    var languageValues: [String?] = []
    var languageSlots: [Int16] = []
    /// IRIs from `rdf:resource`, `rdf:datatype` and `rdf:type` values, by a hash of their bytes
    /// (see `resolveRepeated`); empty until first used.
    var iriCache: [String] = []

    init(documentName: String, base: String?, sink: @escaping (RDFTriple) throws -> Void) {
        self.documentName = documentName
        self.documentBase = base.map(IRIBase.init)
        self.sink = sink
    }

    /// Records `message` at the parser's current position and stops the parse.
    mutating func fail(_ message: String) {
        guard failure == nil else { return }
        var line = 0, column = 0
        if let context {
            line = Int(xmlSAX2GetLineNumber(context))
            column = Int(xmlSAX2GetColumnNumber(context))
        }
        stop(RDFXMLError(file: documentName, line: line, column: column, message: message))
    }

    mutating func stop(_ error: any Error) {
        guard failure == nil else { return }
        failure = error
        if let context { xmlStopParser(context) }
    }

    /// The base in force in the frame at `index` (the document's when `index` is -1).
    @inline(__always) func baseAt(_ index: Int) -> IRIBase? {
        guard index >= 0 else { return documentBase }
        let owner = Int(stack[index].baseOwner)
        return owner < 0 ? documentBase : stack[owner].ownBase
    }

    /// The language in force in the frame at `index` (none when `index` is -1).
    @inline(__always) func languageAt(_ index: Int) -> String? {
        guard index >= 0 else { return nil }
        let owner = Int(stack[index].languageOwner)
        return owner < 0 ? nil : stack[owner].ownLanguage
    }

    /// How an element was written, for messages.
    func written(_ key: RDFNameKey) -> String {
        let local = String(cString: key.local)
        return key.prefix.map { String(cString: $0) + ":" + local } ?? local
    }
}

/// One parse of one document: the libxml2 push parser and the grammar state it calls back.
final class RDFXMLReader {
    let state: UnsafeMutablePointer<RDFXMLState>
    /// Whether anything but white space has been fed: libxml2 words an empty document as
    /// "Extra content at the end of the document", which helps nobody.
    private var sawContent = false

    init(documentName: String, base: String?, sink: @escaping (RDFTriple) throws -> Void) {
        state = .allocate(capacity: 1)
        state.initialize(to: RDFXMLState(documentName: documentName, base: base, sink: sink))
    }

    deinit {
        if let context = state.pointee.context { HardenedXML.free(context) }
        state.pointee.stack.deallocate()
        state.pointee.text.deallocate()
        state.deinitialize(count: 1)
        state.deallocate()
    }

    // MARK: Driving libxml2

    func feed(_ bytes: UnsafeRawBufferPointer, terminate: Bool = false) throws {
        if state.pointee.context == nil { try start() }
        guard let context = state.pointee.context else { return }
        if !sawContent {
            sawContent = bytes.contains { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }
        }
        var offset = 0
        repeat {
            let count = min(bytes.count - offset, 1 << 24)
            let pointer = bytes.baseAddress.map { $0.advanced(by: offset).assumingMemoryBound(to: CChar.self) }
            let isLast = terminate && offset + count == bytes.count
            let status = xmlParseChunk(context, pointer, Int32(count), isLast ? 1 : 0)
            try check(status)
            offset += count
        } while offset < bytes.count
    }

    func finish() throws {
        do {
            try feed(UnsafeRawBufferPointer(start: nil, count: 0), terminate: true)
        } catch let error as RDFXMLError where !sawContent {
            throw RDFXMLError(file: error.file, line: 1, column: 1,
                              message: "the file is empty: expected an RDF/XML document (an rdf:RDF root element)")
        } catch var error as RDFXMLError where !state.pointee.stack.isEmpty && state.pointee.context?.pointee.wellFormed == 0 {
            // libxml2 words a document cut short in odd ways ("Extra content at the end").
            let top = state.pointee.stack[state.pointee.stack.count - 1]
            let name = state.pointee.written(top.name)
            let open = state.pointee.literalDepth > 0 ? "the XML literal in \(name)" : name
            error.message = "the document ends before \(open) is closed (is it truncated?); libxml2: \(error.message)"
            throw error
        }
    }

    private func start() throws {
        var handler = RDFXMLReader.saxHandler()
        guard let created = HardenedXML.pushParser(handler: &handler, user: state, documentName: state.pointee.documentName) else {
            throw RDFXMLError(file: state.pointee.documentName, message: "libxml2 could not create a parser")
        }
        state.pointee.context = created
    }

    private func check(_ status: Int32) throws {
        if let failure = state.pointee.failure { throw failure }
        // A document that is not well-formed, or a parser that halted (input that does not
        // convert from its declared encoding stops libxml2 without marking the document
        // malformed): either way the rest of the document would be lost.
        guard status != 0, let context = state.pointee.context,
              context.pointee.wellFormed == 0 || context.pointee.instate == XML_PARSER_EOF else { return }
        let last = context.pointee.lastError
        if context.pointee.wellFormed != 0 {
            let encoding = context.pointee.encoding.map { " (\(String(cString: $0)))" } ?? ""
            let reason = status == Int32(XML_ERR_INVALID_ENCODING.rawValue) || status == Int32(XML_I18N_CONV_FAILED.rawValue)
                ? "the bytes do not match the document's declared encoding\(encoding)" : "libxml2 error \(status)"
            throw RDFXMLError(file: state.pointee.documentName, line: context.pointee.input.map { Int($0.pointee.line) },
                              column: nil, message: "reading stopped before the end: \(reason)")
        }
        throw RDFXMLError(
            file: state.pointee.documentName, line: Int(last.line), column: Int(last.int2),
            message: last.message.map { HardenedXML.trimmed(String(cString: $0)) } ?? "the XML is not well-formed")
    }

    @inline(__always) static func state(_ pointer: UnsafeMutableRawPointer?) -> UnsafeMutablePointer<RDFXMLState> {
        pointer!.assumingMemoryBound(to: RDFXMLState.self)
    }

    static func saxHandler() -> xmlSAXHandler {
        var handler = HardenedXML.saxHandler()
        handler.startElementNs = { ctx, localname, prefix, uri, _, _, attributeCount, _, attributes in
            guard let localname else { return }
            RDFXMLReader.state(ctx).pointee.startElement(
                localname: localname, prefix: prefix, uri: uri,
                attributeCount: Int(attributeCount), attributes: attributes)
        }
        handler.endElementNs = { ctx, _, _, _ in
            RDFXMLReader.state(ctx).pointee.endElement()
        }
        handler.characters = { ctx, characters, length in
            guard let characters, length > 0 else { return }
            RDFXMLReader.state(ctx).pointee.characters(UnsafeBufferPointer(start: characters, count: Int(length)))
        }
        handler.ignorableWhitespace = handler.characters
        handler.cdataBlock = handler.characters
        handler.comment = { ctx, value in
            guard let value else { return }
            RDFXMLReader.state(ctx).pointee.comment(value)
        }
        handler.processingInstruction = { ctx, target, data in
            guard let target else { return }
            RDFXMLReader.state(ctx).pointee.processingInstruction(target: target, data: data)
        }
        handler.internalSubset = { ctx, _, externalID, systemID in
            guard let refusal = HardenedXML.externalDTDRefusal(externalID: externalID, systemID: systemID) else { return }
            RDFXMLReader.state(ctx).pointee.fail(refusal)
        }
        handler.entityDecl = { ctx, name, _, _, systemID, _ in
            RDFXMLReader.state(ctx).pointee.fail(HardenedXML.entityRefusal(document: "document", name: name, systemID: systemID))
        }
        handler.unparsedEntityDecl = { ctx, name, _, _, _ in
            RDFXMLReader.state(ctx).pointee.fail(HardenedXML.entityRefusal(document: "document", name: name))
        }
        handler.serror = { userData, error in
            guard let error, let problem = HardenedXML.problem(error),
                  let pointer = HardenedXML.userData(of: error, default: userData) else { return }
            let state = RDFXMLReader.state(pointer)
            state.pointee.stop(RDFXMLError(file: state.pointee.documentName, line: problem.line, column: problem.column,
                                           message: problem.message))
        }
        return handler
    }
}
