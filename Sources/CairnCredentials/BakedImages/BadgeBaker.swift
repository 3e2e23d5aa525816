import CairnCore
public import CairnSyntax

/// Bakes an Open Badges 3.0 credential into a PNG or SVG image (Open Badges Baking 3.0): the
/// writing counterpart of ``BakedBadge/extract(from:file:)``, which reads every image it bakes.
///
/// The credential is its JSON text (a credential object, possibly with an embedded proof) or a
/// compact JWS (a VC-JWT). It is baked without the white space around it, so the reader gives
/// back exactly the text baked. A badge holds one credential: any Open Badges chunk or element
/// the image already has, OB 2.0 or OB 3.0, is removed first. Nothing else of the image changes.
///
/// Images over ``BakedBadge/maximumImageBytes`` and credentials over
/// ``BakedBadge/maximumTextBytes`` are refused, as the reader refuses them.
public enum BadgeBaker {
    /// The keyword of the OB 3.0 `iTXt` chunk.
    static let keyword = "openbadgecredential"

    // MARK: PNG

    /// The PNG with `credential` in an `iTXt` chunk with keyword `openbadgecredential`
    /// (uncompressed, no language tag or translated keyword), placed just before `IEND`.
    ///
    /// The chunk structure is checked as the reader checks it (signature, lengths, CRCs, `IHDR`
    /// first, `IEND` present); every chunk other than an Open Badges text chunk (`iTXt`,
    /// `tEXt` or `zTXt` with keyword `openbadges` or `openbadgecredential`) is kept byte for
    /// byte and in order, and so is anything after `IEND`.
    ///
    /// - Throws: ``FormatError`` naming `file` and the byte offset of a damaged chunk, for
    ///   example `PNG chunk IDAT at byte 33 is truncated: …`.
    public static func bakePNG(_ png: [UInt8], credential: String, file: String) throws(FormatError) -> [UInt8] {
        func failure(_ message: String) -> FormatError {
            FormatError(location: SourceLocation(file: file), message: message)
        }
        try checkImageSize(png.count, file: file)
        let content = try bakeable(credential, file: file)
        let signature = PNGBadgeReader.signature
        guard png.starts(with: signature) else {
            if png.starts(with: signature.prefix(4)) {
                throw failure("the PNG signature is damaged (bytes 4–7 are not 0D 0A 1A 0A: a text-mode transfer?)")
            }
            throw failure("not a PNG image: it does not start with the PNG signature 89 50 4E 47 0D 0A 1A 0A")
        }
        let badgeChunk = iTXtChunk(text: content.text)
        var output = signature
        output.reserveCapacity(png.count + badgeChunk.count)
        var offset = signature.count
        var index = 0
        while true {
            guard offset < png.count else {
                throw failure(index == 0 ? "the PNG has a signature but no chunks"
                                         : "the PNG ends without an IEND chunk (is it truncated?)")
            }
            let chunk = try PNGBadgeReader.nextChunk(png, at: offset, index: index, file: file)
            let (type, end) = (chunk.type, chunk.end)
            if type == "IEND" {
                output += badgeChunk
                output += png[offset...]
                break
            }
            let isText = type == "iTXt" || type == "tEXt" || type == "zTXt"
            if !(isText && PNGBadgeReader.isBadgeChunk(png[chunk.data])) {
                output += png[offset..<end]
            }
            offset = end
            index += 1
            guard index <= PNGBadgeReader.maximumChunks else {
                throw failure("the PNG has more than \(PNGBadgeReader.maximumChunks.groupedDigits) chunks; refused")
            }
        }
        guard output.count <= BakedBadge.maximumImageBytes else {
            throw failure("the baked image would be \(output.count.groupedDigits) bytes; images over "
                          + "\(BoundedFile.describe(bytes: BakedBadge.maximumImageBytes)) are refused")
        }
        try checkReadBack(output, content: content, file: file)
        return output
    }

    /// An uncompressed `iTXt` chunk with keyword `openbadgecredential` holding `text`.
    static func iTXtChunk(text: String) -> [UInt8] {
        // Keyword, NUL, compression flag 0, method 0, empty language tag + NUL, empty translated keyword + NUL.
        let data = Array(keyword.utf8) + [0, 0, 0, 0, 0] + Array(text.utf8)
        var chunk = bigEndian(UInt32(data.count)) + Array("iTXt".utf8) + data
        chunk += bigEndian(PNGBadgeReader.crc(chunk, from: 4, count: chunk.count - 4))
        return chunk
    }

    private static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }

    // MARK: SVG

    /// The SVG with `credential` in an `openbadges:credential` element (namespace
    /// `https://purl.imsglobal.org/ob/v3p0`) placed first inside the root `<svg>` element:
    /// JSON in CDATA, a compact JWS in the element's `verify` attribute.
    ///
    /// The root element gets `xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"` unless it
    /// declares it already (when it binds the prefix to another namespace, the element declares
    /// it instead). An `]]>` in the JSON is split across two CDATA sections, and a carriage
    /// return is written as `&#13;`, so the reader gets the JSON back exactly. Existing OB 2.0
    /// `assertion` and OB 3.0 `credential` elements, whatever their prefix, are removed (with
    /// their line when they stand alone on it); the rest of the document is unchanged.
    ///
    /// The SVG must be well-formed XML with an `<svg>` root, declare no entities, and be UTF-8.
    ///
    /// - Throws: ``FormatError`` naming `file` with the line and column where possible.
    public static func bakeSVG(_ svg: String, credential: String, file: String) throws(FormatError) -> String {
        String(decoding: try bakeSVG(bytes: Array(svg.utf8), credential: credential, file: file), as: UTF8.self)
    }

    /// ``bakeSVG(_:credential:file:)`` for an SVG file's bytes, which must be UTF-8.
    public static func bakeSVG(_ svg: [UInt8], credential: String, file: String) throws(FormatError) -> [UInt8] {
        try checkImageSize(svg.count, file: file)
        if svg.starts(with: [0x1F, 0x8B]) {
            throw FormatError(location: SourceLocation(file: file),
                              message: "the file is gzip-compressed (an .svgz?); decompress it first")
        }
        if String(validating: svg, as: UTF8.self) == nil {
            let markup = SVGMarkup(bytes: svg, file: file)
            let offset = SVGMarkup.firstInvalidUTF8(svg)
            throw markup.failure("the SVG is not UTF-8 (byte \(offset) is not part of a UTF-8 character); "
                                 + "only UTF-8 SVGs are baked", at: offset)
        }
        return try bakeSVG(bytes: svg, credential: credential, file: file)
    }

    private static func bakeSVG(bytes: [UInt8], credential: String, file: String) throws(FormatError) -> [UInt8] {
        try checkImageSize(bytes.count, file: file)
        let content = try bakeable(credential, file: file)
        let markup = SVGMarkup(bytes: bytes, file: file)
        let layout = try markup.layout()
        // Well-formedness and safety (no entities) by the reader's own parser, before anything is written.
        let reader = SVGBadgeReader(file: file)
        try reader.parse(bytes)
        guard reader.found.count == layout.badges.count else {
            throw FormatError(location: SourceLocation(file: file),
                              message: "the SVG's Open Badges elements could not be located (the reader finds "
                                  + "\(reader.found.count), the baker \(layout.badges.count)); nothing was baked")
        }
        let root = layout.root
        let prefix = "openbadges"
        let declaration = "xmlns:\(prefix)=\"\(SVGBadgeReader.ob3Namespace)\""
        var rootDeclaration: String?
        var elementDeclaration = ""
        switch root.namespaces[prefix] {
        case SVGBadgeReader.ob3Namespace: break
        case nil: rootDeclaration = declaration
        default: elementDeclaration = " " + declaration
        }
        let element: [UInt8]
        switch content {
        case .jwt(let token):
            element = Array("<\(prefix):credential\(elementDeclaration) verify=\"\(token)\"></\(prefix):credential>".utf8)
        default:
            element = Array("<\(prefix):credential\(elementDeclaration)>".utf8) + cdata(content.text)
                + Array("</\(prefix):credential>".utf8)
        }

        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + element.count + declaration.count + 16)
        output += bytes[..<root.attributesEnd]
        if let rootDeclaration { output += Array((" " + rootDeclaration).utf8) }
        if root.selfClosing {
            // `<svg …/>` becomes `<svg …>element</svg>`.
            output += bytes[root.attributesEnd..<(root.end - 2)]
            output.append(UInt8(ascii: ">"))
            output += element
            output += Array("</\(root.name)>".utf8)
            output += bytes[root.end...]
        } else {
            output += bytes[root.attributesEnd..<root.end]
            output += element
            var offset = root.end
            for range in layout.badges.map({ markup.removal(of: $0) }) {
                output += bytes[offset..<range.lowerBound]
                offset = range.upperBound
            }
            output += bytes[offset...]
        }
        guard output.count <= BakedBadge.maximumImageBytes else {
            throw FormatError(location: SourceLocation(file: file),
                              message: "the baked image would be \(output.count.groupedDigits) bytes; images over "
                                  + "\(BoundedFile.describe(bytes: BakedBadge.maximumImageBytes)) are refused")
        }
        try checkReadBack(output, content: content, file: file)
        return output
    }

    /// `text` as CDATA sections: `]]>` is split across two sections and a carriage return
    /// (which XML would read as a line feed) is written as a character reference between them.
    static func cdata(_ text: String) -> [UInt8] {
        let open = Array("<![CDATA[".utf8), close = Array("]]>".utf8)
        let bytes = Array(text.utf8)
        var output = open
        output.reserveCapacity(bytes.count + 32)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "]"), index + 2 < bytes.count, bytes[index + 1] == UInt8(ascii: "]"),
               bytes[index + 2] == UInt8(ascii: ">") {
                output += Array("]]]]><![CDATA[>".utf8)
                index += 3
            } else if bytes[index] == 0x0D {
                output += close + Array("&#13;".utf8) + open
                index += 1
            } else {
                output.append(bytes[index])
                index += 1
            }
        }
        return output + close
    }

    // MARK: Shared checks

    private static func checkImageSize(_ count: Int, file: String) throws(FormatError) {
        guard count <= BakedBadge.maximumImageBytes else {
            throw FormatError(location: SourceLocation(file: file),
                              message: "the image is \(count.groupedDigits) bytes; images over "
                                  + "\(BoundedFile.describe(bytes: BakedBadge.maximumImageBytes)) are refused")
        }
    }

    /// The credential as it is baked: JSON (an object that parses) or a compact JWS, trimmed.
    static func bakeable(_ credential: String, file: String) throws(FormatError) -> BakedContent {
        func failure(_ message: String) -> FormatError {
            FormatError(location: SourceLocation(file: file), message: message)
        }
        let text = CompactJWS.trimmingWhitespace(credential)
        guard !text.isEmpty else { throw failure("the credential to bake is empty") }
        guard text.utf8.count <= BakedBadge.maximumTextBytes else {
            throw failure("the credential to bake is \(text.utf8.count.groupedDigits) bytes; credentials over "
                          + "\(BoundedFile.describe(bytes: BakedBadge.maximumTextBytes)) are refused")
        }
        if let bad = text.unicodeScalars.first(where: { !isXMLCharacter($0) }) {
            let hex = String(bad.value, radix: 16, uppercase: true)
            throw failure("the credential to bake holds U+\(String(repeating: "0", count: max(0, 4 - hex.count)) + hex), "
                          + "a character images cannot carry")
        }
        if text.hasPrefix("{") {
            do {
                _ = try JSONParser.parse(text, file: file)
            } catch {
                throw failure("the credential to bake is not valid JSON: \(CompactJWS.positioned(error))")
            }
            return .json(text)
        }
        if CompactJWS.looksLikeCompactJWS(text) { return .jwt(text) }
        throw failure("the credential to bake is neither a JSON object nor a compact JWS: it starts with "
                      + "\"\(PNGBadgeReader.preview(text))\"")
    }

    /// Whether XML 1.0 allows the character (JSON text never needs the others).
    private static func isXMLCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    /// Reads the baked image back with Cairn's reader; it must give exactly the credential baked.
    private static func checkReadBack(_ image: [UInt8], content: BakedContent, file: String) throws(FormatError) {
        let baked: BakedBadge
        do {
            baked = try BakedBadge.extract(from: image, file: file)
        } catch {
            throw FormatError(location: error.location, message: "the baked image does not read back: \(error.message)")
        }
        guard baked.content == content else {
            throw FormatError(location: SourceLocation(file: file),
                              message: "the baked image reads back a different credential (\(baked.place)); nothing was baked")
        }
    }
}

/// A lexical view of an SVG document, enough to find the root start tag and the Open Badges
/// elements by byte offset (libxml2's SAX parser reports lines, not offsets). Namespaces are
/// resolved as XML does; comments, processing instructions, CDATA and the DOCTYPE (with an
/// internal subset) are skipped.
struct SVGMarkup {
    let bytes: [UInt8]
    let file: String

    /// The root element's start tag.
    struct RootTag {
        var name: String
        /// Where its attributes end (a declaration is inserted here).
        var attributesEnd: Int
        /// The offset after its `>`.
        var end: Int
        var selfClosing: Bool
        /// The prefixes bound on it (`""` for the default namespace).
        var namespaces: [String: String]
    }

    struct Layout {
        var root: RootTag
        /// The byte ranges of the outermost Open Badges elements, in document order.
        var badges: [Range<Int>]
    }

    private struct StartTag {
        var name: String
        var nameEnd: Int
        var attributes: [(name: String, value: String, end: Int)]
        var end: Int
        var selfClosing: Bool
    }

    func location(of offset: Int) -> SourceLocation {
        var line = 1, column = 1
        for byte in bytes[..<min(offset, bytes.count)] {
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return SourceLocation(file: file, line: line, column: column)
    }

    func failure(_ message: String, at offset: Int) -> FormatError {
        FormatError(location: location(of: offset), message: message)
    }

    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int {
        var offset = 0
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): offset += UTF8.width(scalar)
            case .emptyInput: return offset
            case .error: return offset
            }
        }
    }

    private func has(_ text: String, at offset: Int) -> Bool {
        var index = offset
        for byte in text.utf8 {
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
        }
        return true
    }

    private func find(_ text: String, from offset: Int) -> Int? {
        guard let first = text.utf8.first else { return offset }
        var index = offset
        while index < bytes.count {
            guard let next = bytes[index...].firstIndex(of: first) else { return nil }
            if has(text, at: next) { return next }
            index = next + 1
        }
        return nil
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// The root tag and the Open Badges elements.
    func layout() throws(FormatError) -> Layout {
        var offset = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var root: RootTag?
        var rootClosed = false
        var scopes: [[String: String]] = []
        var names: [String] = []
        var badgeDepth: Int?
        var badgeStart = 0
        var badges: [Range<Int>] = []
        while offset < bytes.count {
            if root == nil || rootClosed {
                // Outside the root only white space, comments, processing instructions and (before it) a DOCTYPE.
                guard let next = bytes[offset...].firstIndex(where: { !Self.isSpace($0) }) else { break }
                if bytes[next] != UInt8(ascii: "<") {
                    throw failure(root == nil
                                  ? "the SVG has text before its root element (it starts with \"\(preview(at: next))\"): expected <svg"
                                  : "the SVG has text after its root element ends", at: next)
                }
                offset = next
            } else {
                guard let next = bytes[offset...].firstIndex(of: UInt8(ascii: "<")) else { break }
                offset = next
            }
            let start = offset
            if has("<!--", at: start) {
                guard let close = find("-->", from: start + 4) else { throw failure("the comment is not closed", at: start) }
                offset = close + 3
            } else if has("<?", at: start) {
                guard let close = find("?>", from: start + 2) else {
                    throw failure("the processing instruction is not closed", at: start)
                }
                if start == (bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0) && has("<?xml", at: start)
                    && (start + 5 < bytes.count && Self.isSpace(bytes[start + 5])) {
                    try checkEncoding(declaration: start..<close)
                }
                offset = close + 2
            } else if has("<![CDATA[", at: start) {
                guard !scopes.isEmpty else { throw failure("CDATA outside the root element", at: start) }
                guard let close = find("]]>", from: start + 9) else { throw failure("the CDATA section is not closed", at: start) }
                offset = close + 3
            } else if has("<!DOCTYPE", at: start) {
                guard root == nil else { throw failure("a DOCTYPE after the root element starts", at: start) }
                offset = try skipDoctype(at: start)
            } else if has("</", at: start) {
                guard let close = bytes[start...].firstIndex(of: UInt8(ascii: ">")) else {
                    throw failure("the end tag is not closed", at: start)
                }
                guard !scopes.isEmpty else { throw failure("an end tag with no element to end", at: start) }
                scopes.removeLast()
                names.removeLast()
                offset = close + 1
                if badgeDepth == scopes.count + 1 {
                    badges.append(badgeStart..<offset)
                    badgeDepth = nil
                }
                if scopes.isEmpty { rootClosed = true }
            } else {
                guard !rootClosed else { throw failure("the SVG has a second root element after its <svg> ends", at: start) }
                let tag = try startTag(at: start)
                var namespaces = scopes.last ?? [:]
                for attribute in tag.attributes {
                    if attribute.name == "xmlns" {
                        namespaces[""] = attribute.value
                    } else if attribute.name.hasPrefix("xmlns:") {
                        namespaces[String(attribute.name.dropFirst(6))] = attribute.value
                    }
                }
                let (prefix, local) = Self.split(tag.name)
                let uri = namespaces[prefix].flatMap { $0.isEmpty ? nil : $0 }
                if root == nil {
                    guard local == "svg" else {
                        throw failure("the root element is <\(tag.name)>, not <svg>: not an SVG image", at: start)
                    }
                    root = RootTag(name: tag.name, attributesEnd: tag.attributes.last?.end ?? tag.nameEnd, end: tag.end,
                                   selfClosing: tag.selfClosing, namespaces: namespaces)
                } else if badgeDepth == nil
                    && ((local == "assertion" && uri == SVGBadgeReader.ob2Namespace)
                        || (local == "credential" && uri == SVGBadgeReader.ob3Namespace)) {
                    if tag.selfClosing {
                        badges.append(start..<tag.end)
                    } else {
                        badgeDepth = scopes.count + 1
                        badgeStart = start
                    }
                }
                offset = tag.end
                if tag.selfClosing {
                    if scopes.isEmpty { rootClosed = true }
                } else {
                    scopes.append(namespaces)
                    names.append(tag.name)
                }
            }
        }
        guard let root else {
            throw failure("the SVG has no root element: expected an <svg> start tag", at: bytes.count)
        }
        return Layout(root: root, badges: badges)
    }

    /// `prefix:local` split at its colon; the prefix is `""` when there is none.
    private static func split(_ name: String) -> (String, String) {
        guard let colon = name.firstIndex(of: ":") else { return ("", name) }
        return (String(name[..<colon]), String(name[name.index(after: colon)...]))
    }

    private func preview(at offset: Int) -> String {
        let end = min(bytes.count, offset + 20)
        let text = String(decoding: bytes[offset..<end], as: UTF8.self)
        return text.split(whereSeparator: \.isNewline).first.map(String.init) ?? text
    }

    /// A start tag from its `<`: its name and attributes (values with references replaced).
    private func startTag(at start: Int) throws(FormatError) -> StartTag {
        var index = start + 1
        func isNameEnd(_ byte: UInt8) -> Bool {
            Self.isSpace(byte) || byte == UInt8(ascii: "/") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "=")
        }
        while index < bytes.count, !isNameEnd(bytes[index]) { index += 1 }
        guard index > start + 1 else { throw failure("a start tag without a name", at: start) }
        let name = String(decoding: bytes[(start + 1)..<index], as: UTF8.self)
        let nameEnd = index
        var attributes: [(name: String, value: String, end: Int)] = []
        while true {
            while index < bytes.count, Self.isSpace(bytes[index]) { index += 1 }
            guard index < bytes.count else { throw failure("the start tag <\(name)> is not closed", at: start) }
            if bytes[index] == UInt8(ascii: ">") {
                return StartTag(name: name, nameEnd: nameEnd, attributes: attributes, end: index + 1, selfClosing: false)
            }
            if has("/>", at: index) {
                return StartTag(name: name, nameEnd: nameEnd, attributes: attributes, end: index + 2, selfClosing: true)
            }
            let nameStart = index
            while index < bytes.count, !isNameEnd(bytes[index]) { index += 1 }
            guard index > nameStart else { throw failure("the start tag <\(name)> is malformed", at: index) }
            let attribute = String(decoding: bytes[nameStart..<index], as: UTF8.self)
            while index < bytes.count, Self.isSpace(bytes[index]) { index += 1 }
            guard index < bytes.count, bytes[index] == UInt8(ascii: "=") else {
                throw failure("the attribute \(attribute) of <\(name)> has no value", at: nameStart)
            }
            index += 1
            while index < bytes.count, Self.isSpace(bytes[index]) { index += 1 }
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") else {
                throw failure("the value of the attribute \(attribute) of <\(name)> is not quoted", at: nameStart)
            }
            let quote = bytes[index]
            guard let close = bytes[(index + 1)...].firstIndex(of: quote) else {
                throw failure("the value of the attribute \(attribute) of <\(name)> is not closed", at: nameStart)
            }
            let value = Self.replacingReferences(String(decoding: bytes[(index + 1)..<close], as: UTF8.self))
            attributes.append((attribute, value, close + 1))
            index = close + 1
        }
    }

    /// An attribute value with its predefined entity and character references replaced
    /// (documents that declare entities are refused by the reader's parser).
    static func replacingReferences(_ value: String) -> String {
        guard value.contains("&") else { return value }
        var result = ""
        var rest = value[...]
        while let amp = rest.firstIndex(of: "&") {
            result += rest[..<amp]
            guard let semicolon = rest[amp...].firstIndex(of: ";") else { break }
            let name = rest[rest.index(after: amp)..<semicolon]
            let replacement: String? = switch name {
            case "amp": "&"
            case "lt": "<"
            case "gt": ">"
            case "quot": "\""
            case "apos": "'"
            default:
                if name.hasPrefix("#x") {
                    UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
                } else if name.hasPrefix("#") {
                    UInt32(name.dropFirst(1)).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
                } else {
                    nil
                }
            }
            result += replacement ?? String(rest[amp...semicolon])
            rest = rest[rest.index(after: semicolon)...]
        }
        return result + rest
    }

    /// The offset after a DOCTYPE declaration, skipping quoted strings and its internal subset.
    private func skipDoctype(at start: Int) throws(FormatError) -> Int {
        var index = start + 9
        var inSubset = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                guard let close = bytes[(index + 1)...].firstIndex(of: byte) else { break }
                index = close + 1
            } else if inSubset && has("<!--", at: index) {
                guard let close = find("-->", from: index + 4) else { break }
                index = close + 3
            } else if inSubset && has("<?", at: index) {
                guard let close = find("?>", from: index + 2) else { break }
                index = close + 2
            } else if byte == UInt8(ascii: "[") {
                inSubset = true
                index += 1
            } else if byte == UInt8(ascii: "]") {
                inSubset = false
                index += 1
            } else if byte == UInt8(ascii: ">") && !inSubset {
                return index + 1
            } else {
                index += 1
            }
        }
        throw failure("the DOCTYPE is not closed", at: start)
    }

    /// Refuses an XML declaration naming an encoding other than UTF-8.
    private func checkEncoding(declaration: Range<Int>) throws(FormatError) {
        let text = String(decoding: bytes[declaration], as: UTF8.self)
        guard let range = text.firstRange(of: "encoding") else { return }
        let after = text[range.upperBound...].drop { $0 == " " || $0 == "=" || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let quote = after.first, quote == "\"" || quote == "'" else { return }
        let name = after.dropFirst().prefix { $0 != quote }
        guard name.lowercased() == "utf-8" || name.lowercased() == "utf8" else {
            throw failure("the SVG declares the encoding \(name); only UTF-8 SVGs are baked", at: declaration.lowerBound)
        }
    }

    /// The bytes removed with an element: the element, and its line when nothing else is on it.
    func removal(of element: Range<Int>) -> Range<Int> {
        var lineStart = element.lowerBound
        while lineStart > 0, bytes[lineStart - 1] == 0x20 || bytes[lineStart - 1] == 0x09 { lineStart -= 1 }
        guard lineStart == 0 || bytes[lineStart - 1] == 0x0A else { return element }
        var lineEnd = element.upperBound
        while lineEnd < bytes.count, bytes[lineEnd] == 0x20 || bytes[lineEnd] == 0x09 { lineEnd += 1 }
        if lineEnd < bytes.count, bytes[lineEnd] == 0x0D { lineEnd += 1 }
        guard lineEnd < bytes.count, bytes[lineEnd] == 0x0A else { return element }
        return lineStart..<(lineEnd + 1)
    }
}
