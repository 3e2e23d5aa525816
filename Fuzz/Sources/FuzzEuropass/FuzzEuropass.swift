import Cairn
import FuzzSupport

/// Europass Digital Credentials (ELM 3): bare JSON-LD or sealed in a JWS JSON serialization
/// (JAdES, unencoded payload, x5c certificates): read, the seal checked with the certificate it
/// carries, and the micro-credential elements of each claim found.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEuropass(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let documents = LocalDocuments()
    guard let file = try? OpenBadgesFile.read(FuzzInput(data, size).bytes, file: "fuzz.jsonld", documents: documents) else {
        return 0
    }
    let verification = CredentialVerifier().verify(file.credential, file: file.file, documents: documents,
                                                   asOf: CalendarDate(iso8601: "2026-11-29"))
    _ = verification.proofs.map(\.summary)
    _ = file.credential.europass?.microCredentialElements.map(\.missing)
    _ = file.credential.nested.compactMap { $0.credential?.badgeClass() }
    return 0
}

@_cdecl("FuzzEuropass_main")
public func fuzzEuropassMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzzEuropass)
}
