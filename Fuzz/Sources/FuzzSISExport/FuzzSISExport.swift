import Cairn
import FuzzSupport

/// A student information system's export: the CSV reader, header matching, and every row check
/// (dates, revoked flags, results, known badge classes with their closest id).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSISExport(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    var batch = EarningBatch(file: "export-fuzz.csv", origin: .sis)
    _ = try? SISExportReader.read(text: FuzzInput(data, size).text, display: "export-fuzz.csv",
                                  knownBadges: ["sql-querying", "data-cleaning", "research-ethics"]) { row in
        batch.addLearner(row.learner, name: row.name, email: row.email, line: row.earning.source?.line)
        batch.add(row.earning, learner: row.learner)
    }
    _ = batch.conflicts()
    return 0
}

@_cdecl("FuzzSISExport_main")
public func fuzzSISExportMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzzSISExport)
}
