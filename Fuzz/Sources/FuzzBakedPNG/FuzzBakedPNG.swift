import Cairn
import FuzzSupport

/// Baked PNG badges: chunk walking, CRCs, `iTXt`/`tEXt` with compressed text (zlib), then the
/// baked text read as a credential.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzBakedPNG(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    bakedImage(FuzzInput(data, size).bytes, file: "fuzz.png")
}

@_cdecl("FuzzBakedPNG_main")
public func fuzzBakedPNGMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzzBakedPNG)
}
