import Cairn
import Foundation
import FuzzSupport

/// CASE packages (1EdTech Competencies and Academic Standards Exchange JSON): documents, items,
/// associations, into a framework.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCASE(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    var collector = FrameworkCollector()
    _ = try? CASEPackage.read(json: Data(FuzzInput(data, size).bytes), file: "fuzz-case.json", into: &collector)
    return 0
}

@_cdecl("FuzzCASE_main")
public func fuzzCASEMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzzCASE)
}
