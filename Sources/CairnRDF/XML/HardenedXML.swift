package import CLibXML2

/// The one way Cairn drives libxml2, for RDF/XML and for SVG images alike: a push parser that
/// never touches the network, loads no DTD, substitutes no entity and adds no default
/// attributes, and the words both readers use to refuse what a stranger's file may try.
///
/// Each reader keeps its own SAX callbacks (they are C function pointers, so they cannot close
/// over a reader); what they share is here: creating and freeing the parser, the refusal of
/// entity declarations, and how a libxml2 error becomes a message with a line and column.
package enum HardenedXML {
    /// Never fetch anything (`XML_PARSE_NONET`). `XML_PARSE_NOENT` (substitute entities),
    /// `DTDLOAD` and `DTDATTR` stay off, so no DTD is read and no entity expands.
    package static let parserOptions = Int32(XML_PARSE_NONET.rawValue)

    /// A push parser over `handler` with ``parserOptions``; `user` is handed to every callback.
    package static func pushParser(handler: inout xmlSAXHandler, user: UnsafeMutableRawPointer?,
                                   documentName: String) -> xmlParserCtxtPtr? {
        xmlInitParser()
        guard let context = xmlCreatePushParserCtxt(&handler, user, nil, 0, documentName) else { return nil }
        xmlCtxtUseOptions(context, parserOptions)
        return context
    }

    /// A SAX2 handler with the namespace-aware callbacks switched on and nothing else set.
    package static func saxHandler() -> xmlSAXHandler {
        var handler = xmlSAXHandler()
        handler.initialized = 0xDEED_BEAF  // XML_SAX2_MAGIC: use the namespace-aware callbacks.
        return handler
    }

    /// Feeds a whole document held in memory to `context` in chunks of 1 MiB, the last one ending
    /// it. After each chunk `afterChunk` runs (a reader throws there the failure its callbacks
    /// recorded); a chunk that leaves the document not well-formed ends the feed.
    ///
    /// - Returns: libxml2's last error (message, line, column) when the document is not
    ///   well-formed, else nil.
    package static func feed<Failure: Error>(_ bytes: [UInt8], to context: xmlParserCtxtPtr,
                                             afterChunk: () throws(Failure) -> Void) throws(Failure)
        -> (message: String, line: Int, column: Int)? {
        let chunk = 1 << 20
        var offset = 0
        repeat {
            let count = min(chunk, bytes.count - offset)
            let isLast = offset + count == bytes.count
            let status = bytes.withUnsafeBufferPointer { buffer in
                let pointer = buffer.baseAddress.map { UnsafeRawPointer($0 + offset).assumingMemoryBound(to: CChar.self) }
                return xmlParseChunk(context, pointer, Int32(count), isLast ? 1 : 0)
            }
            try afterChunk()
            if status != 0 && context.pointee.wellFormed == 0 {
                let last = context.pointee.lastError
                let message = last.message.map { trimmed(String(cString: $0)) } ?? "the XML is not well-formed"
                return (message, Int(last.line), Int(last.int2))
            }
            offset += count
        } while offset < bytes.count
        return nil
    }

    /// Frees a push parser and the stand-in document it may hold: libxml2 makes one to keep
    /// the entities a DTD declares (even when the SAX callback refuses them), and
    /// `xmlFreeParserCtxt` leaves it behind, about 12 KB per such file (found by the fuzz targets).
    package static func free(_ context: xmlParserCtxtPtr) {
        if let document = context.pointee.myDoc {
            xmlFreeDoc(document)
            context.pointee.myDoc = nil
        }
        xmlFreeParserCtxt(context)
    }

    /// Why a document that declares an entity is refused: entities are how XML bombs and
    /// external-entity reads work, and neither RDF/XML frameworks nor baked badges need one.
    package static func entityRefusal(document: String, name: UnsafePointer<xmlChar>?,
                                      systemID: UnsafePointer<xmlChar>? = nil) -> String {
        let entity = name.map { String(cString: $0) } ?? "?"
        let external = systemID.map { " (external: \"\(String(cString: $0))\")" } ?? ""
        return "the \(document) declares the entity \"\(entity)\"\(external); documents that declare entities are refused"
    }

    /// Why a document type declaration naming an external DTD is refused, or nil when it names
    /// none (an external DTD is never loaded either way; refusing says so plainly).
    package static func externalDTDRefusal(externalID: UnsafePointer<xmlChar>?, systemID: UnsafePointer<xmlChar>?) -> String? {
        guard externalID != nil || systemID != nil else { return nil }
        let what = systemID.map { String(cString: $0) } ?? externalID.map { String(cString: $0) } ?? ""
        return "the document type declaration refers to an external DTD (\"\(what)\"); external DTDs are refused and never loaded"
    }

    /// A libxml2 error at error level or above, as a message with its line and column (0 when
    /// libxml2 does not know them); nil for warnings.
    package static func problem(_ error: UnsafePointer<xmlError>?) -> (message: String, line: Int, column: Int)? {
        guard let error, error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue else { return nil }
        let message = error.pointee.message.map { trimmed(String(cString: $0)) } ?? "the XML is not well-formed"
        return (message, Int(error.pointee.line), Int(error.pointee.int2))
    }

    /// The user data of the parser an error came from, else the handler's.
    package static func userData(of error: UnsafePointer<xmlError>, default userData: UnsafeMutableRawPointer?)
        -> UnsafeMutableRawPointer? {
        error.pointee.ctxt.map { $0.assumingMemoryBound(to: xmlParserCtxt.self).pointee.userData } ?? userData
    }

    /// libxml2's messages end with a line break; a Cairn message does not.
    package static func trimmed(_ message: String) -> String {
        var message = message
        while let last = message.last, last == "\n" || last == " " { message.removeLast() }
        return message
    }
}
