import CairnSyntax
// Hand-written: each token gets an outcome and its reason (alg none, HS256, crit: unchecked); jwt-kit throws, ignores crit and needs swift-crypto 4.

/// Checks the signature of a compact JWS (a JWT, a VC-JWT, a signed Open Badges 2.0 assertion)
/// offline, with keys at hand: RS256 (RSASSA-PKCS1-v1_5 with SHA-256), ES256 (ECDSA P-256 with
/// SHA-256, the 64-byte `r‖s` signature of RFC 7518 §3.4) and EdDSA (Ed25519).
///
/// The key is, in this order: the one the caller gives; the header's `kid` found in the
/// ``keyRing``; the public key embedded in the header (`jwk`); for an Open Badges 2.0 assertion,
/// its `verification.creator` found in the ``keyRing``. The ``ProofCheck/verified(method:key:)``
/// text says which. Nothing is ever fetched.
///
/// `alg: none`, shared-secret algorithms (HS256…) and algorithms Cairn does not implement are
/// ``ProofCheck/unchecked(method:reason:)``; so is a token whose key is not at hand. A key of
/// the wrong type for `alg`, or a signature that does not match, is
/// ``ProofCheck/failed(method:reason:)``.
///
/// A key embedded in the token proves only that the token was not changed since it was signed
/// with that key, not who signed it; the text of the result says so by naming the source.
public struct JWSVerifier: Sendable {
    /// The algorithms whose signatures are checked.
    public static let supportedAlgorithms: [String] = ["RS256", "ES256", "EdDSA"]

    /// The keys the header's `kid` (or an assertion's `verification.creator`) is looked up in.
    public var keyRing: KeyRing

    public init(keyRing: KeyRing = KeyRing()) {
        self.keyRing = keyRing
    }

    /// Checks `jws` with the key this verifier finds for it (see the type's documentation).
    public func verify(_ jws: CompactJWS) -> ProofCheck {
        let method = Self.method(jws)
        if let unsupported = Self.unsupported(jws) { return .unchecked(method: method, reason: unsupported) }
        var notes: [String] = []
        if let kid = jws.keyID {
            if let entry = keyRing.lookup(id: kid) {
                return check(jws, with: entry.key, describedAs: "key kid=\(kid) from --keys folder file \(entry.file)")
            }
            notes.append(keyRing.isAmbiguous(id: kid)
                ? "two different keys in the --keys folder claim kid=\(kid)"
                : keyRing.entries.isEmpty && keyRing.folder.isEmpty
                    ? "the header names kid=\(kid) but no --keys folder was given"
                    : "no key with kid=\(kid) in the --keys folder")
        }
        if let embedded = jws.embeddedKey {
            do {
                let key = try PublicKey(jwk: embedded, file: "the token header")
                let description = "the public key embedded in the token header (jwk)"
                let outcome = check(jws, with: key, describedAs: description)
                if case .verified(let method, _) = outcome { return .selfSigned(method: method, key: description) }
                return outcome
            } catch {
                notes.append("the header's jwk cannot be used: \(error.message)")
            }
        }
        if let creator = jws.payloadJSON?["verification"]?["creator"]?.string {
            if let entry = keyRing.lookup(id: creator) {
                return check(jws, with: entry.key,
                             describedAs: "key \(creator) (the assertion's verification.creator) from --keys folder file \(entry.file)")
            }
            notes.append("the assertion's verification.creator \(creator) is not in the --keys folder"
                         + (keyRing.folder.isEmpty && keyRing.entries.isEmpty ? " (no --keys folder was given)" : ""))
        }
        if notes.isEmpty {
            notes.append("the token header names no key (no kid, no jwk) and no key was given")
        }
        return .unchecked(method: method, reason: notes.joined(separator: "; "))
    }

    /// Checks `jws` with `key`; `description` says in the result where the key came from.
    public func verify(_ jws: CompactJWS, with key: PublicKey, describedAs description: String) -> ProofCheck {
        if let unsupported = Self.unsupported(jws) { return .unchecked(method: Self.method(jws), reason: unsupported) }
        return check(jws, with: key, describedAs: description)
    }

    private func check(_ jws: CompactJWS, with key: PublicKey, describedAs description: String) -> ProofCheck {
        Self.check(algorithm: jws.algorithm, method: Self.method(jws), signature: jws.signature,
                   over: jws.signingInput, with: key, describedAs: description)
    }

    /// Checks `signature` over `input` with `key` for the JWS algorithm `algorithm` (`RS256`,
    /// `PS256`, `ES256`, `EdDSA`): a key of another kind, a signature of the wrong size or one
    /// that does not match is ``ProofCheck/failed(method:reason:)``. Shared by compact and
    /// JSON-serialized (JAdES) signatures.
    static func check(algorithm: String, method: String, signature: [UInt8], over input: [UInt8],
                      with key: PublicKey, describedAs description: String) -> ProofCheck {
        let alg = normalized(algorithm)
        guard key.jwsAlgorithm == alg || (alg == "PS256" && key.jwsAlgorithm == "RS256") else {
            return .failed(method: method, reason: "the header says \(algorithm) but the key (\(description)) is "
                           + "\(key.kindDescription), which signs \(key.jwsAlgorithm)")
        }
        if alg == "ES256" && signature.count != 64 {
            return .failed(method: method, reason: "the ES256 signature is \(signature.count) bytes; "
                           + "a JOSE ES256 signature is 64 bytes (r and s)")
        }
        if alg == "EdDSA" && signature.count != 64 {
            return .failed(method: method, reason: "the EdDSA signature is \(signature.count) bytes; an Ed25519 signature is 64")
        }
        guard key.isValidJWSSignature(signature, for: input, probabilisticPadding: alg == "PS256") else {
            return .failed(method: method, reason: "the \(algorithm) signature does not match the token (checked with \(description))")
        }
        return .verified(method: method, key: description)
    }

    /// `RS256 JWS`, `EdDSA JWS`, `alg-less JWS`.
    static func method(_ jws: CompactJWS) -> String {
        jws.algorithm.isEmpty ? "JWS" : "\(jws.algorithm.count > 40 ? String(jws.algorithm.prefix(40)) + "…" : jws.algorithm) JWS"
    }

    /// `Ed25519` (RFC 9864's fully specified name) is the same check as `EdDSA` with an Ed25519 key.
    static func normalized(_ alg: String) -> String { alg == "Ed25519" ? "EdDSA" : alg }

    /// Why the token's algorithm or header cannot be checked, or `nil` when it can.
    static func unsupported(_ jws: CompactJWS) -> String? {
        let alg = normalized(jws.algorithm)
        if alg == "none" { return "alg none: the token is not signed" }
        if alg.hasPrefix("HS") {
            return "\(jws.algorithm) is a shared-secret MAC, not a public-key signature; Cairn cannot check it "
                + "(it checks RS256, ES256 and EdDSA)"
        }
        guard supportedAlgorithms.contains(alg) else {
            return "the algorithm \(jws.algorithm) is not supported (Cairn checks RS256, ES256 and EdDSA)"
        }
        if let critical = jws.header["crit"] {
            let names = critical.elements?.compactMap(\.string).joined(separator: ", ") ?? critical.kindDescription
            return "the header marks extensions critical (\(names)), which Cairn does not implement"
        }
        return nil
    }
}
