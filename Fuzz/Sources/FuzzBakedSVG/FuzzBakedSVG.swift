import Cairn
import FuzzSupport

/// Baked SVG badges: the XML reader finding `openbadges:assertion` (attribute, text or CDATA),
/// then the baked text read as a credential.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzBakedSVG(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    bakedImage(FuzzInput(data, size).bytes, file: "fuzz.svg")
}

@_cdecl("FuzzBakedSVG_main")
public func fuzzBakedSVGMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzzBakedSVG)
}
