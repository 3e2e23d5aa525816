import Cairn
import FuzzSupport

/// VC-JWT compact JWS: the token reader and signature check on their own, then the token read
/// as an Open Badges file and verified.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJWT(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = FuzzInput(data, size)
    let text = input.text
    if let jws = try? CompactJWS(text, file: "fuzz.jwt") {
        _ = JWSVerifier().verify(jws)
        _ = (jws.algorithm, jws.keyID, jws.signingInput)
    }
    let documents = LocalDocuments()
    if let file = try? OpenBadgesFile.read(input.bytes, file: "fuzz.jwt", documents: documents) {
        _ = CredentialVerifier().verify(file.credential, file: file.file, documents: documents, asOf: nil)
    }
    return 0
}

@_cdecl("FuzzJWT_main")
public func fuzzJWTMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzzJWT)
}
