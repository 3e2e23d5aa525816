package import CLibXML2

/// Frees a libxml2 push parser and the stand-in document it may hold: libxml2 makes one to keep
/// the entities a DTD declares (even when the SAX callback refuses them), and
/// `xmlFreeParserCtxt` leaves it behind, about 12 KB per such file (found by the fuzz targets).
package func freeParserContext(_ context: xmlParserCtxtPtr) {
    if let document = context.pointee.myDoc {
        xmlFreeDoc(document)
        context.pointee.myDoc = nil
    }
    xmlFreeParserCtxt(context)
}
