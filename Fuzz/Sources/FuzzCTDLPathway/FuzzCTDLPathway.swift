import Cairn
import Foundation
import FuzzSupport

/// CTDL pathway documents (Credential Registry JSON-LD): the graph index, references, cycles
/// and limits, conditions and constraints, read against the bundled-like catalogue with and
/// without Cairn's extension terms; a pathway read is written back as YAML and must read again.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCTDLPathway(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = FuzzInput(data, size).bytes
    let catalog = Catalog(badgeCatalogs: [BadgeCatalog(issuer: Issuer(id: "https://example.edu", name: "Example"), badges: [
        BadgeClass(id: "sql-querying", name: "SQL", issuer: Issuer(id: "https://example.edu", name: "Example")),
    ])])
    for extensions in [true, false] {
        guard let imported = try? CTDLPathwayReader.read(json: bytes, file: "fuzz.json", catalog: catalog,
                                                         useExtensions: extensions) else { continue }
        let text = PathwayYAML.text(imported.pathway)
        guard (try? Pathway(definition: text, file: "fuzz.yaml")) != nil else {
            fatalError("an imported pathway did not read back:\n\(text)")
        }
        _ = CTDLPathwayWriter(catalog: catalog).write(imported.pathway)
    }
    return 0
}

@_cdecl("FuzzCTDLPathway_main")
public func fuzzCTDLPathwayMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzzCTDLPathway)
}
