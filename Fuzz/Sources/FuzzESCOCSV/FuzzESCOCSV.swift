import Cairn
import Foundation
import FuzzSupport

/// ESCO's CSV export. The whole input is read as one skills file in memory
/// (``ESCOSkillsCSV``); then it is split at lines `%%` into the files of a package folder —
/// skills, occupations, skill groups, broader relations, occupation–skill relations, in that
/// order — which ``ESCOCSVPackage`` reads as `frameworks import` does.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzESCOCSV(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = FuzzInput(data, size).text
    _ = try? ESCOSkillsCSV.framework(csv: text, file: "skills_en.csv")

    let folder = PackageFolder.shared
    let sections = text.components(separatedBy: PackageFolder.separator)
    for (index, name) in PackageFolder.fileNames.enumerated() {
        let path = folder.appendingPathComponent(name).path
        if index < sections.count {
            _ = FileManager.default.createFile(atPath: path, contents: Data(sections[index].utf8))
        } else {
            try? FileManager.default.removeItem(atPath: path)
        }
    }
    var collector = FrameworkCollector()
    _ = try? ESCOCSVPackage.read(path: folder.path, into: &collector)
    return 0
}

/// A folder of this process's own in the working directory (run.sh runs targets in
/// Fuzz/.build-fuzz and removes these folders after), rewritten for every input.
enum PackageFolder {
    static let separator = "\n%%\n"
    static let fileNames = ["skills_en.csv", "occupations_en.csv", "skillGroups_en.csv",
                            "broaderRelationsSkillPillar_en.csv", "occupationSkillRelations_en.csv"]
    static let shared: URL = {
        let folder = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            .appendingPathComponent("esco-package-\(ProcessInfo.processInfo.processIdentifier)/esco-v1.2.0-en")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }()
}

@_cdecl("FuzzESCOCSV_main")
public func fuzzESCOCSVMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzzESCOCSV)
}
