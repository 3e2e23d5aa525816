import Cairn
import Foundation
import FuzzSupport

/// Badgr pathway exports: elements, junctions, required numbers, cycles; a pathway read is
/// written back as YAML and must read again.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzBadgrPathway(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let catalog = Catalog()
    if let imported = try? BadgrPathwayReader.read(json: FuzzInput(data, size).bytes, file: "fuzz.json", catalog: catalog) {
        let text = PathwayYAML.text(imported.pathway)
        guard (try? Pathway(definition: text, file: "fuzz.yaml")) != nil else {
            fatalError("an imported pathway did not read back:\n\(text)")
        }
    }
    return 0
}

@_cdecl("FuzzBadgrPathway_main")
public func fuzzBadgrPathwayMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzzBadgrPathway)
}
