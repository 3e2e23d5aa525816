import CLibXML2
import CairnCore
import CairnRDF
import CairnSyntax

/// Finds the Open Badges element of an SVG image, streaming it through libxml2's SAX2 parser.
///
/// The element is `assertion` in the namespace `http://openbadges.org` (OB 2.0: the assertion
/// JSON in its text or CDATA, or a JWS or hosted URL in its `verify` attribute) or `credential`
/// in `https://purl.imsglobal.org/ob/v3p0` (OB 3.0: the credential JSON in CDATA, or a VC-JWT in
/// its text or `verify` attribute).
///
/// Safety, the same `HardenedXML` setup as RDF/XML: nothing is fetched, no DTD is loaded and no
/// entity substituted; a document that declares an entity is refused. A reference to the SVG
/// 1.1 DTD in the DOCTYPE is allowed (it is never read).
final class SVGBadgeReader {
    static let ob2Namespace = "http://openbadges.org"
    static let ob3Namespace = "https://purl.imsglobal.org/ob/v3p0"

    /// One Open Badges element found.
    struct Found {
        var name: String
        var line: Int
        var verify: String?
        var text: [UInt8] = []
    }

    let file: String
    var context: xmlParserCtxtPtr?
    var failure: FormatError?
    var depth = 0
    var sawRoot = false
    /// Depth of the Open Badges element being read (its text is collected), or 0.
    var insideDepth = 0
    var found: [Found] = []

    init(file: String) {
        self.file = file
    }

    deinit {
        if let context { HardenedXML.free(context) }
    }

    /// Whether the bytes start (after an optional byte-order mark and white space) with `<`.
    static func looksLikeXML(_ bytes: [UInt8]) -> Bool {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        let first = body.first { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }
        return first == UInt8(ascii: "<")
    }

    static func extract(_ bytes: [UInt8], file: String) throws(FormatError) -> BakedBadge {
        let reader = SVGBadgeReader(file: file)
        try reader.parse(bytes)
        return try reader.result()
    }

    // MARK: Driving libxml2

    /// Parses the whole document (well-formedness, the `<svg>` root, no entities), collecting ``found``.
    func parse(_ bytes: [UInt8]) throws(FormatError) {
        var handler = Self.saxHandler()
        let user = Unmanaged.passUnretained(self).toOpaque()
        guard let created = HardenedXML.pushParser(handler: &handler, user: user, documentName: file) else {
            throw FormatError(location: SourceLocation(file: file), message: "libxml2 could not create a parser")
        }
        context = created
        let problem = try HardenedXML.feed(bytes, to: created) { () throws(FormatError) in
            if let failure { throw failure }
        }
        if let problem {
            throw located("the SVG is not well-formed XML: \(problem.message)", line: problem.line, column: problem.column)
        }
        if let failure { throw failure }
    }

    private func result() throws(FormatError) -> BakedBadge {
        guard let element = found.first else {
            throw FormatError(location: SourceLocation(file: file),
                              message: "SVG has no openbadges:assertion (OB 2.0) or openbadges:credential (OB 3.0) element: "
                                  + "it is not a baked badge")
        }
        guard found.count == 1 else {
            let lines = found.map { "line \($0.line)" }.joined(separator: ", ")
            throw located("SVG has \(found.count) Open Badges elements (\(lines)); a baked badge has one", line: element.line)
        }
        let place = "<openbadges:\(element.name)> at line \(element.line)"
        guard let text = String(validating: element.text, as: UTF8.self) else {
            throw located("the text of \(place) is not UTF-8", line: element.line)
        }
        if !CompactJWS.trimmingWhitespace(text).isEmpty {
            guard let content = BakedContent(classifying: text) else {
                throw located("\(place) holds neither JSON, a JWT nor a URL: it starts with \"\(PNGBadgeReader.preview(text))\"",
                              line: element.line)
            }
            return BakedBadge(content: content, format: .svg, place: place, verifyAttribute: element.verify)
        }
        guard let verify = element.verify else {
            throw located("\(place) is empty and has no verify attribute", line: element.line)
        }
        guard let content = BakedContent(classifying: verify) else {
            throw located("the verify attribute of \(place) is neither a JWT nor a URL: \"\(PNGBadgeReader.preview(verify))\"",
                          line: element.line)
        }
        return BakedBadge(content: content, format: .svg, place: place + " (verify attribute)")
    }

    private func located(_ message: String, line: Int, column: Int? = nil) -> FormatError {
        FormatError(location: SourceLocation(file: file, line: line > 0 ? line : nil,
                                             column: line > 0 ? column.map { max($0, 1) } : nil),
                    message: message)
    }

    /// Records the first problem at the parser's position and stops the parse.
    func fail(_ message: String) {
        guard failure == nil else { return }
        var line = 0, column = 0
        if let context {
            line = Int(xmlSAX2GetLineNumber(context))
            column = Int(xmlSAX2GetColumnNumber(context))
        }
        failure = located(message, line: line, column: column)
        if let context { xmlStopParser(context) }
    }

    // MARK: Events

    func startElement(localname: String, uri: String?, attributeCount: Int,
                      attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        guard failure == nil else { return }
        depth += 1
        if !sawRoot {
            sawRoot = true
            guard localname == "svg", uri == nil || uri == "http://www.w3.org/2000/svg" else {
                fail("the XML document's root element is <\(localname)>, not <svg>: not a PNG or SVG image")
                return
            }
        }
        if insideDepth > 0 { return }
        let isAssertion = localname == "assertion" && uri == Self.ob2Namespace
        let isCredential = localname == "credential" && uri == Self.ob3Namespace
        guard isAssertion || isCredential else { return }
        var verify: String?
        if let attributes {
            for index in 0..<attributeCount {
                let base = attributes + index * 5
                guard let name = base[0], let start = base[3], let end = base[4] else { continue }
                guard String(cString: name) == "verify" else { continue }
                let length = end - start
                guard length >= 0, length <= BakedBadge.maximumTextBytes else {
                    fail("the verify attribute is over \(BakedBadge.maximumTextBytes >> 20) MiB; refused")
                    return
                }
                verify = String(decoding: UnsafeBufferPointer(start: start, count: length), as: UTF8.self)
            }
        }
        let line = context.map { Int(xmlSAX2GetLineNumber($0)) } ?? 0
        found.append(Found(name: localname, line: line, verify: verify))
        insideDepth = depth
    }

    func endElement() {
        guard failure == nil else { return }
        if insideDepth == depth { insideDepth = 0 }
        depth -= 1
    }

    func characters(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard failure == nil, insideDepth > 0, !found.isEmpty else { return }
        guard found[found.count - 1].text.count + bytes.count <= BakedBadge.maximumTextBytes else {
            fail("the text of <openbadges:\(found[found.count - 1].name)> is over \(BakedBadge.maximumTextBytes >> 20) MiB; refused")
            return
        }
        found[found.count - 1].text.append(contentsOf: bytes)
    }

    // MARK: The SAX2 handler

    static func reader(_ pointer: UnsafeMutableRawPointer?) -> SVGBadgeReader? {
        guard let pointer else { return nil }
        return Unmanaged<SVGBadgeReader>.fromOpaque(pointer).takeUnretainedValue()
    }

    static func saxHandler() -> xmlSAXHandler {
        var handler = HardenedXML.saxHandler()
        handler.startElementNs = { ctx, localname, _, uri, _, _, attributeCount, _, attributes in
            guard let localname, let reader = SVGBadgeReader.reader(ctx) else { return }
            reader.startElement(localname: String(cString: localname), uri: uri.map { String(cString: $0) },
                                attributeCount: Int(attributeCount), attributes: attributes)
        }
        handler.endElementNs = { ctx, _, _, _ in
            SVGBadgeReader.reader(ctx)?.endElement()
        }
        handler.characters = { ctx, characters, length in
            guard let characters, length > 0, let reader = SVGBadgeReader.reader(ctx) else { return }
            reader.characters(UnsafeBufferPointer(start: characters, count: Int(length)))
        }
        handler.cdataBlock = handler.characters
        handler.ignorableWhitespace = handler.characters
        handler.entityDecl = { ctx, name, _, _, systemID, _ in
            SVGBadgeReader.reader(ctx)?.fail(HardenedXML.entityRefusal(document: "SVG", name: name, systemID: systemID))
        }
        handler.unparsedEntityDecl = { ctx, name, _, _, _ in
            SVGBadgeReader.reader(ctx)?.fail(HardenedXML.entityRefusal(document: "SVG", name: name))
        }
        handler.serror = { userData, error in
            guard let error, let problem = HardenedXML.problem(error),
                  let reader = SVGBadgeReader.reader(HardenedXML.userData(of: error, default: userData)),
                  reader.failure == nil else { return }
            reader.failure = reader.located("the SVG is not well-formed XML: \(problem.message)", line: problem.line,
                                            column: problem.column)
            if let context = reader.context { xmlStopParser(context) }
        }
        return handler
    }
}
