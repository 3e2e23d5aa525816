import CLibXML2
package import CairnCore
package import CairnSyntax

/// What ``XMLEventReader`` hands over: an element starting or ending, or some of its text.
package enum XMLEvent: Sendable, Equatable {
    /// An element starts, with its local name, namespace IRI and attributes.
    case start(name: String, namespace: String?, attributes: [XMLAttribute])
    /// The element of this local name ends.
    case end(name: String)
    /// Character data (CDATA included), in one or more pieces per run of text.
    case text(String)
}

/// One attribute of an element: its local name, namespace IRI (nil without a prefix) and value.
package struct XMLAttribute: Sendable, Equatable {
    package var name: String
    package var namespace: String?
    package var value: String

    package init(name: String, namespace: String? = nil, value: String) {
        self.name = name
        self.namespace = namespace
        self.value = value
    }
}

/// Reads a small XML document held in memory as a stream of ``XMLEvent``s, on the same
/// ``HardenedXML`` setup as the RDF/XML reader: nothing is fetched, no DTD is loaded and no
/// entity substituted.
///
/// Stricter than the RDF/XML reader, it refuses any document type declaration (`<!DOCTYPE`)
/// at all, as the Open Packaging Conventions require of the XML parts of an Office file, so
/// neither an entity bomb nor an external DTD gets as far as a declaration. Elements nested
/// deeper than ``maximumDepth`` are refused. Each event comes with its place
/// (document, line, column); an error the handler throws stops the parse and is rethrown as
/// it is.
package final class XMLEventReader {
    /// The deepest element nesting accepted.
    package static let maximumDepth = 256

    private let document: String
    private let handle: (XMLEvent, SourceLocation) throws -> Void
    private var context: xmlParserCtxtPtr?
    private var failure: (any Error)?
    private var depth = 0

    private init(document: String, handle: @escaping (XMLEvent, SourceLocation) throws -> Void) {
        self.document = document
        self.handle = handle
    }

    deinit {
        if let context { HardenedXML.free(context) }
    }

    /// Parses `bytes` whole, handing every event to `handle` in document order.
    ///
    /// - Parameter document: How locations name the document.
    /// - Throws: what `handle` threw, else ``FormatError`` with the line and column: XML that is
    ///   not well-formed, a document type declaration, or nesting past ``maximumDepth``.
    package static func read(_ bytes: [UInt8], document: String,
                             handle: (XMLEvent, SourceLocation) throws -> Void) throws {
        // The handler is kept only for the parse: the reader does not outlive this call.
        let failure: (any Error)? = withoutActuallyEscaping(handle) { handle in
            let reader = XMLEventReader(document: document, handle: handle)
            do {
                try reader.parse(bytes)
                return nil
            } catch {
                return error
            }
        }
        if let failure { throw failure }
    }

    // MARK: Driving libxml2

    private func parse(_ bytes: [UInt8]) throws {
        guard bytes.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }) else {
            throw FormatError(location: SourceLocation(file: document, line: 1, column: 1),
                              message: "the XML document is empty")
        }
        var handler = Self.saxHandler()
        let user = Unmanaged.passUnretained(self).toOpaque()
        guard let created = HardenedXML.pushParser(handler: &handler, user: user, documentName: document) else {
            throw FormatError(location: SourceLocation(file: document), message: "libxml2 could not create a parser")
        }
        context = created
        let problem = try HardenedXML.feed(bytes, to: created) { () throws in
            if let failure { throw failure }
        }
        if let problem {
            throw located("the XML is not well-formed: \(problem.message)", line: problem.line, column: problem.column)
        }
        if let failure { throw failure }
    }

    private func located(_ message: String, line: Int, column: Int) -> FormatError {
        FormatError(location: SourceLocation(file: document, line: line > 0 ? line : nil,
                                             column: line > 0 ? max(column, 1) : nil),
                    message: message)
    }

    private var position: SourceLocation {
        guard let context else { return SourceLocation(file: document) }
        return SourceLocation(file: document, line: Int(xmlSAX2GetLineNumber(context)),
                              column: max(Int(xmlSAX2GetColumnNumber(context)), 1))
    }

    /// Records the first problem and stops the parse.
    private func stop(_ error: any Error) {
        guard failure == nil else { return }
        failure = error
        if let context { xmlStopParser(context) }
    }

    private func fail(_ message: String) {
        stop(FormatError(location: position, message: message))
    }

    private func send(_ event: XMLEvent) {
        guard failure == nil else { return }
        do {
            try handle(event, position)
        } catch {
            stop(error)
        }
    }

    // MARK: Events

    private func startElement(localname: String, uri: String?, attributeCount: Int,
                              attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        guard failure == nil else { return }
        depth += 1
        guard depth <= Self.maximumDepth else {
            fail("elements are nested more than \(Self.maximumDepth) levels deep; deeper documents are refused")
            return
        }
        var list: [XMLAttribute] = []
        if let attributes {
            // libxml2 hands five pointers per attribute: local name, prefix, URI, value start, value end.
            for index in 0..<attributeCount {
                let base = attributes + index * 5
                guard let name = base[0] else { continue }
                // An `&` comes as `&#38;` (see RDFXMLAttributes), which the value turns back.
                list.append(XMLAttribute(name: String(cString: name), namespace: base[2].map { String(cString: $0) },
                                         value: String(decoding: RDFXMLAttributes.value(start: base[3], end: base[4]),
                                                       as: UTF8.self)))
            }
        }
        send(.start(name: localname, namespace: uri, attributes: list))
    }

    private func endElement(localname: String) {
        guard failure == nil else { return }
        depth -= 1
        send(.end(name: localname))
    }

    // MARK: The SAX2 handler

    private static func reader(_ pointer: UnsafeMutableRawPointer?) -> XMLEventReader? {
        guard let pointer else { return nil }
        return Unmanaged<XMLEventReader>.fromOpaque(pointer).takeUnretainedValue()
    }

    private static func saxHandler() -> xmlSAXHandler {
        var handler = HardenedXML.saxHandler()
        handler.startElementNs = { ctx, localname, _, uri, _, _, attributeCount, _, attributes in
            guard let localname, let reader = XMLEventReader.reader(ctx) else { return }
            reader.startElement(localname: String(cString: localname), uri: uri.map { String(cString: $0) },
                                attributeCount: Int(attributeCount), attributes: attributes)
        }
        handler.endElementNs = { ctx, localname, _, _ in
            guard let localname, let reader = XMLEventReader.reader(ctx) else { return }
            reader.endElement(localname: String(cString: localname))
        }
        handler.characters = { ctx, characters, length in
            guard let characters, length > 0, let reader = XMLEventReader.reader(ctx) else { return }
            reader.send(.text(String(decoding: UnsafeBufferPointer(start: characters, count: Int(length)), as: UTF8.self)))
        }
        handler.cdataBlock = handler.characters
        handler.ignorableWhitespace = handler.characters
        handler.internalSubset = { ctx, name, _, _ in
            let root = name.map { " <!DOCTYPE \(String(cString: $0))>" } ?? ""
            XMLEventReader.reader(ctx)?.fail("the document has a document type declaration\(root); documents with "
                                                 + "one are refused (no DTD is read and no entity expanded)")
        }
        handler.entityDecl = { ctx, name, _, _, systemID, _ in
            XMLEventReader.reader(ctx)?.fail(HardenedXML.entityRefusal(document: "document", name: name, systemID: systemID))
        }
        handler.unparsedEntityDecl = { ctx, name, _, _, _ in
            XMLEventReader.reader(ctx)?.fail(HardenedXML.entityRefusal(document: "document", name: name))
        }
        handler.serror = { userData, error in
            guard let error, let problem = HardenedXML.problem(error),
                  let reader = XMLEventReader.reader(HardenedXML.userData(of: error, default: userData)),
                  reader.failure == nil else { return }
            reader.stop(reader.located("the XML is not well-formed: \(problem.message)", line: problem.line,
                                       column: problem.column))
        }
        return handler
    }
}
