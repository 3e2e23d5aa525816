import Cairn
import FuzzSupport

/// YAML (and JSON) definition files: the kind sniffer, then the reader for that kind (badge
/// catalogue, pathway, learner record, credit policy, role profile), or all of them. Errors are
/// expected; crashes, hangs and runaway memory are findings.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDefinitions(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = FuzzInput(data, size).text
    let file = "fuzz.yaml"
    // The reader the workspace would pick; when the sniffer picks none, every reader, so that
    // mutations of one kind's keys still reach the others.
    switch try? DefinitionDocument.kind(of: text, file: file) {
    case .badgeCatalog: _ = try? BadgeCatalog(definition: text, file: file)
    case .pathway: _ = try? Pathway(definition: text, file: file)
    case .learnerRecord: _ = try? LearnerRecord(definition: text, file: file)
    case .creditPolicy: _ = try? CreditPolicy(definition: text, file: file)
    case .roleProfile: _ = try? RoleProfile(definition: text, file: file)
    case nil:
        _ = try? BadgeCatalog(definition: text, file: file)
        _ = try? Pathway(definition: text, file: file)
        _ = try? LearnerRecord(definition: text, file: file)
        _ = try? CreditPolicy(definition: text, file: file)
        _ = try? RoleProfile(definition: text, file: file)
    }
    return 0
}

@_cdecl("FuzzDefinitions_main")
public func fuzzDefinitionsMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzzDefinitions)
}
