import CairnCore
import CairnSyntax

/// Checks the JAdES signatures (ETSI TS 119 182-1) of a JWS in JSON serialization, as the
/// European Commission's Europass tools seal credentials: RS256, PS256 or ES256 with the key of
/// the first certificate in the protected header's `x5c`, over ASCII(protected) `.` payload.
///
/// `crit` is honoured: every name it lists must be in the protected header and be one Cairn
/// understands (``understoodCritical``); otherwise the signature is not checked, with the reason.
/// Time-stamp tokens and signature policies are read as claims, not checked (they would need
/// the time-stamping authority's certificates); the signature itself is.
///
/// The certificate proves who signed only when the workspace trusts its key: the caller's
/// `keyChoice` says so. A signature that matches only the certificate it carries is
/// ``ProofCheck/selfSigned(method:key:)`` — anyone can make a certificate naming any issuer.
public struct JAdESVerifier: Sendable {
    /// The algorithms whose signatures are checked.
    public static let supportedAlgorithms: [String] = ["RS256", "PS256", "ES256"]

    /// The header parameters `crit` may list, with what Cairn does with each.
    public static let understoodCritical: [String: String] = [
        "b64": "the payload is signed as written (RFC 7797)",
        "sigT": "the claimed signing time, checked against the certificate's validity",
        "adoTst": "a time-stamp token over the signed data, read but not checked",
        "sigPId": "a signature policy identifier, read but not applied",
        "srCms": "the signer's commitments, read but not applied",
        "srAts": "the signer's attributes, read but not applied",
        "sigPl": "the signature production place, read but not applied",
        "x5t#o": "a certificate digest, read but not applied",
        "sigX5ts": "certificate digests, read but not applied",
    ]

    /// What the caller's trust says of a signature's key.
    public enum KeyChoice: Sendable {
        /// Check with this key, which the workspace trusts; the text says where it came from.
        case trusted(PublicKey, description: String)
        /// A key was found but may not prove this issuer; the reason says why.
        case refused(reason: String)
        /// The workspace trusts no key for it.
        case unknown
    }

    public init() {}

    /// One outcome per signature. `keyChoice` gets the header's leaf certificate (when `x5c`
    /// has one that reads) and `kid`.
    public func verify(_ jws: JSONSerializedJWS,
                       keyChoice: (SigningCertificate?, String?) -> KeyChoice) -> [ProofCheck] {
        jws.signatures.map { verify(jws, signature: $0, keyChoice: keyChoice) }
    }

    private func verify(_ jws: JSONSerializedJWS, signature: JSONSerializedJWS.Signature,
                        keyChoice: (SigningCertificate?, String?) -> KeyChoice) -> ProofCheck {
        let alg = signature.algorithm
        let method = "\(alg.count > 40 ? String(alg.prefix(40)) + "…" : alg) JAdES"
        guard Self.supportedAlgorithms.contains(alg) else {
            return .unchecked(method: method, reason: "the algorithm \(alg) is not supported (Cairn checks "
                              + Self.supportedAlgorithms.joined(separator: ", ") + " JAdES signatures)")
        }
        if let refusal = Self.criticalRefusal(signature.header) { return .unchecked(method: method, reason: refusal) }
        var certificate: SigningCertificate?
        if let chain = signature.header["x5c"] {
            guard let first = chain.elements?.first?.string else {
                return .failed(method: method, reason: "the header's x5c is not a list of base64 certificates")
            }
            do throws(FormatError) {
                let der: [UInt8]
                do { der = try Base64URL.decodeStandard(first) } catch {
                    throw FormatError(location: SourceLocation(file: "x5c"), message: "the first x5c certificate is not base64")
                }
                certificate = try SigningCertificate(der: der, file: "x5c")
            } catch {
                return .failed(method: method, reason: "the header's x5c certificate cannot be used: \(error.message)")
            }
        }
        if let certificate {
            if let pinned = signature.header["x5t#S256"]?.string, pinned != certificate.thumbprint {
                return .failed(method: method, reason: "the header's x5t#S256 is not the digest of its x5c certificate")
            }
            if let sigT = signature.header["sigT"] {
                guard let text = sigT.string, let time = OpenBadgesTimestamp(iso8601: text) else {
                    return .failed(method: method, reason: "the header's sigT is not a date-time")
                }
                guard time.epochSeconds >= certificate.notBefore, time.epochSeconds <= certificate.notAfter else {
                    return .failed(method: method, reason: "the signing time \(text) (sigT) is outside the certificate's validity")
                }
            }
        }
        let input = jws.signingInput(signature)
        switch keyChoice(certificate, signature.header["kid"]?.string) {
        case .trusted(let key, let description):
            return JWSVerifier.check(algorithm: alg, method: method, signature: signature.signature, over: input,
                                     with: key, describedAs: description)
        case .refused(let reason):
            return .unchecked(method: method, reason: reason)
        case .unknown:
            guard let certificate else {
                return .unchecked(method: method, reason: "the header carries no certificate (x5c) and its kid names no trusted key")
            }
            let description = "the certificate in the signature header (x5c: \(certificate.subject)), "
                + "whose key the workspace does not trust"
            let outcome = JWSVerifier.check(algorithm: alg, method: method, signature: signature.signature, over: input,
                                            with: certificate.key, describedAs: description)
            if case .verified = outcome { return .selfSigned(method: method, key: description) }
            return outcome
        }
    }

    /// Why `crit` cannot be honoured, or `nil` when every name it lists is understood and present.
    static func criticalRefusal(_ header: JSONNode) -> String? {
        let unencoded = header["b64"]?.bool == false
        guard let critical = header["crit"] else {
            return unencoded ? "the header sets b64 false without listing b64 in crit (RFC 7797 §6)" : nil
        }
        guard let names = critical.elements?.compactMap(\.string), names.count == critical.elements?.count, !names.isEmpty else {
            return "the header's crit must be a non-empty list of names, found \(critical.kindDescription)"
        }
        if let absent = names.first(where: { header[$0] == nil }) {
            return "the header's crit lists \(absent), which the header does not have"
        }
        let unknown = names.filter { understoodCritical[$0] == nil }
        if !unknown.isEmpty {
            return "the header marks extensions critical (\(unknown.joined(separator: ", "))), which Cairn does not implement"
        }
        if unencoded, !names.contains("b64") { return "the header sets b64 false without listing b64 in crit (RFC 7797 §6)" }
        return nil
    }
}
