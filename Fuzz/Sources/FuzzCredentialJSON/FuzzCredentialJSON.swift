import Cairn
import FuzzSupport

/// JSON and JSON-LD credentials (Open Badges 2.0 and 3.0, CLR 2.0 with its nested
/// credentials): read, then verified offline: JSON-LD expansion, RDF canonicalisation and
/// Data Integrity proofs (`did:key` keys need no key ring), status and revocation lists; and the
/// same bytes as an issuer's private key file and as achievements for a badge catalogue.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCredentialJSON(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = FuzzInput(data, size)
    // An issuer's private key file is JSON too (a JWK): read, it must never fail but with a FormatError.
    _ = try? SigningKey.read(input.bytes, file: "fuzz.jwk")
    let documents = LocalDocuments()
    // The same bytes as an issuer's achievements (`cairn badges import`), made into a catalogue.
    if let achievements = try? AchievementDocument.read(input.bytes, file: "fuzz.json", documents: documents),
       let imported = try? BadgeCatalogImport.make(from: [achievements], creditUnit: nil) {
        // What the import writes must read back as a catalogue, whatever text the issuer wrote.
        if (try? BadgeCatalog(definition: imported.yaml(from: ["fuzz.json"]), file: "badges.yaml")) == nil {
            fatalError("an imported catalogue does not read back")
        }
    }
    guard let file = try? OpenBadgesFile.read(input.bytes, file: "fuzz.json", documents: documents) else { return 0 }
    let verification = CredentialVerifier().verify(file.credential, file: file.file, documents: documents,
                                                   asOf: CalendarDate(iso8601: "2025-06-01"))
    _ = verification.proofs.map(\.summary)
    return 0
}

@_cdecl("FuzzCredentialJSON_main")
public func fuzzCredentialJSONMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzzCredentialJSON)
}
