import CairnCredentials
package import CairnSyntax

/// Signs a credential as a VC-JWT: a compact JWS (RFC 7515) whose payload carries the
/// credential in `vc` with the JWT registered claims, as Cairn's reader and the Open Badges 3.0
/// VC-JWT form expect.
///
/// The header is `{"alg": "EdDSA" | "ES256", "kid": key id, "typ": "JWT"}` (no `kid` for a key
/// without an id); the payload is
/// `{"vc": credential, "iss": issuer id, "jti": credential id, "sub": subject id, "nbf":
/// validFrom, "exp": validUntil}`, the dates as Unix seconds, claims without a value left out.
/// Both are written compactly, members in that order and the credential's own members in
/// theirs, so the same credential and key always give the same signing input.
public struct VCJWTSigner: Sendable {
    public init() {}

    /// The compact JWS `header.payload.signature` of `credential` signed with `key`.
    ///
    /// - Throws: ``SigningError`` when the credential is not an object, names no issuer id, or
    ///   has a `validFrom`/`validUntil` (or VC 1.1 `issuanceDate`/`expirationDate`) that is not
    ///   an ISO 8601 date-time.
    package func sign(_ credential: JSONNode, with key: SigningKey) throws(SigningError) -> String {
        guard credential.members != nil else {
            throw .unsignableCredential("it is \(credential.kindDescription), not a JSON object")
        }
        guard let issuer = credential["issuer"]?.string ?? credential["issuer"]?["id"]?.string, !issuer.isEmpty else {
            throw .unsignableCredential("it names no issuer id (\"issuer\" as a string, or an object with \"id\"), "
                                        + "which the JWT's \"iss\" must carry")
        }
        var claims: [JSONNode.Member] = [
            JSONNode.Member(key: "vc", value: credential),
            JSONNode.Member(key: "iss", value: JSONNode(.string(issuer))),
        ]
        if let id = credential["id"]?.string {
            claims.append(JSONNode.Member(key: "jti", value: JSONNode(.string(id))))
        }
        // `sub` names one subject; a credential about several has none.
        if let subjects = credential["credentialSubject"]?.asList, subjects.count == 1,
           let subject = subjects[0]["id"]?.string {
            claims.append(JSONNode.Member(key: "sub", value: JSONNode(.string(subject))))
        }
        for (claim, names) in [("nbf", ["validFrom", "issuanceDate"]), ("exp", ["validUntil", "expirationDate"])] {
            guard let name = names.first(where: { credential[$0] != nil }), let node = credential[name] else { continue }
            guard let text = node.string, let time = OpenBadgesTimestamp(iso8601: text) else {
                throw .unsignableCredential("its \"\(name)\" is \(node.kindDescription), not an ISO 8601 date-time "
                                            + "such as 2026-12-06T10:00:00Z")
            }
            claims.append(JSONNode.Member(key: claim, value: JSONNode(.number(String(time.epochSeconds)))))
        }
        var header = [JSONNode.Member(key: "alg", value: JSONNode(.string(key.jwsAlgorithm)))]
        if !key.id.isEmpty { header.append(JSONNode.Member(key: "kid", value: JSONNode(.string(key.id)))) }
        header.append(JSONNode.Member(key: "typ", value: JSONNode(.string("JWT"))))
        let signingInput = Base64URL.encode(Array(JSONNode(.object(header)).serialized(pretty: false).utf8)) + "."
            + Base64URL.encode(Array(JSONNode(.object(claims)).serialized(pretty: false).utf8))
        return signingInput + "." + Base64URL.encode(key.signature(for: Array(signingInput.utf8)))
    }
}
