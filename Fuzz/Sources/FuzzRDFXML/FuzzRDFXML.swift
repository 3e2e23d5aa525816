import Cairn
import Foundation
import FuzzSupport

/// RDF/XML: the streaming parser (libxml2 underneath), with its triples fed to the ESCO, SFIA
/// and SKOS mappers as `frameworks import` does.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRDFXML(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = FuzzInput(data, size)
    let header = FrameworkHeader(id: "fuzz", name: "Fuzz")
    var esco = ESCOMapper(sink: FrameworkCollector(), header: header)
    var sfia = SFIAMapper(sink: FrameworkCollector(), header: header)
    var skos = SKOSMapper(sink: FrameworkCollector(), header: header)
    do {
        try RDFXMLParser(base: "http://example.org/fuzz.rdf").parse(data: Data(input.bytes), documentName: "fuzz.rdf") {
            try esco.consume($0)
            try sfia.consume($0)
            try skos.consume($0)
        }
        try esco.finish()
        try sfia.finish()
        try skos.finish()
    } catch {
        _ = "\(error)"
    }
    return 0
}

@_cdecl("FuzzRDFXML_main")
public func fuzzRDFXMLMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzzRDFXML)
}
