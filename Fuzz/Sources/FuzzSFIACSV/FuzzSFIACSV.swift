import Cairn
import FuzzSupport

/// SFIA's skills CSV: the CSV reader (quotes, line breaks in fields, header lookup) and the SFIA
/// mapping of codes, levels and categories.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSFIACSV(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    var collector = FrameworkCollector()
    _ = try? SFIACSV.read(csv: FuzzInput(data, size).text, file: "sfia-9-fuzz.csv", into: &collector)
    return 0
}

@_cdecl("FuzzSFIACSV_main")
public func fuzzSFIACSVMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzzSFIACSV)
}
