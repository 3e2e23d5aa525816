package import CairnRDF
package import CairnSyntax
import Crypto

/// Checks the W3C Data Integrity proofs of a verifiable credential offline.
///
/// Two kinds are checked: `DataIntegrityProof` with cryptosuite `eddsa-rdfc-2022`, and
/// `Ed25519Signature2020`. For each, the credential without `proof` and the proof options (the
/// proof without `proofValue`, with the `@context` the suite prescribes) are expanded as JSON-LD,
/// canonicalized with RDFC-1.0 and hashed with SHA-256; the Ed25519 signature in `proofValue` must
/// match the two hashes, proof options first. Contexts come only from ``contexts``.
///
/// A proof is ``ProofCheck/verified(method:key:)`` only when that signature was checked.
package struct DataIntegrityVerifier: Sendable {
    /// Where JSON-LD context URLs are resolved.
    package var contexts: JSONLDContextLibrary
    /// Whether a verification method URL whose fragment is an Ed25519 multikey (`…#z6Mk…`) may be
    /// checked with that key, as the 1EdTech validator does. The key then proves only that the
    /// credential was not changed since signing, not who signed it: the ``ProofCheck`` says so.
    package var acceptsMultikeyFragments: Bool
    /// The canonicalizer, with its work limit.
    package var canonicalizer: RDFCanonicalizer

    /// A verifier using `contexts`, and whether multikey fragments are accepted.
    package init(
        contexts: JSONLDContextLibrary = .bundled, acceptsMultikeyFragments: Bool = true,
        canonicalizer: RDFCanonicalizer = RDFCanonicalizer()
    ) {
        self.contexts = contexts
        self.acceptsMultikeyFragments = acceptsMultikeyFragments
        self.canonicalizer = canonicalizer
    }

    /// The context Ed25519Signature2020 proof options are canonicalized with.
    package static let ed25519Signature2020Context = "https://w3id.org/security/suites/ed25519-2020/v1"

    /// One check per entry of the credential's `proof` (an object or an array); empty without a proof.
    /// Only did:key methods (and multikey fragments, if accepted) have a key.
    package func verify(_ credential: JSONNode) -> [ProofCheck] {
        verify(credential) { _ in nil }
    }

    /// One check per entry of the credential's `proof` (an object or an array); empty without a proof.
    ///
    /// - Parameter keyLookup: the raw 32-byte Ed25519 public key of a verification method id
    ///   (the CLI answers from `--keys`), or `nil` when it has none. It is asked first, before
    ///   did:key and multikey fragments.
    ///
    /// A proof checked with a key the credential carries itself (a multikey fragment, or a
    /// `did:key` that is not the credential's own `issuer`) is ``ProofCheck/selfSigned(method:key:)``.
    /// - Parameter trusts: whether the caller trusts a verification method (or its DID) for this
    ///   credential's issuer, so a proof it verifies is not merely self-signed.
    package func verify(_ credential: JSONNode, keyLookup: (String) -> [UInt8]?,
                       trusts: (String) -> Bool = { _ in false }) -> [ProofCheck] {
        guard let proofNode = credential["proof"] else { return [] }
        let document = credential.removing("proof")
        let issuer = credential["issuer"]?.string ?? credential["issuer"]?["id"]?.string
        var documentHash: Result<[UInt8], ProofFailure>?
        return proofNode.asList.map { proof in
            let check = check(proof, document: document, documentHash: &documentHash, keyLookup: keyLookup)
            guard case .verified(let method, let key) = check else { return check }
            let verificationMethod = proof["verificationMethod"]?.string ?? proof["verificationMethod"]?["id"]?.string ?? ""
            if keyLookup(verificationMethod) != nil { return check }
            let controller = verificationMethod.split(separator: "#", maxSplits: 1).first.map(String.init) ?? ""
            if controller.hasPrefix("did:key:"), controller == issuer { return check }
            if trusts(verificationMethod) { return check }
            return .selfSigned(method: method, key: key)
        }
    }

    /// Why hashing or finding a key failed: the proof is unchecked (a missing context, too much
    /// work, no key) or failed (invalid JSON-LD).
    typealias ProofFailure = DataIntegrityHashing.Failure

    /// The hashing shared with the signer, with this verifier's contexts and canonicalizer.
    private var hashing: DataIntegrityHashing {
        DataIntegrityHashing(contexts: contexts, canonicalizer: canonicalizer)
    }

    private func check(
        _ proof: JSONNode, document: JSONNode, documentHash: inout Result<[UInt8], ProofFailure>?,
        keyLookup: (String) -> [UInt8]?
    ) -> ProofCheck {
        guard proof.members != nil else {
            return .failed(method: "Data Integrity", reason: "the proof is \(proof.kindDescription), not an object")
        }
        let type = proof["type"]?.string ?? proof["type"]?.elements?.first?.string ?? ""
        let method: String
        let optionsContext: JSONNode
        switch type {
        case "DataIntegrityProof":
            let suite = proof["cryptosuite"]?.string ?? ""
            guard suite == "eddsa-rdfc-2022" else {
                return .unchecked(method: suite.isEmpty ? "DataIntegrityProof" : suite,
                                  reason: "the cryptosuite \(suite.isEmpty ? "(none given)" : suite) is not implemented")
            }
            method = suite
            optionsContext = document["@context"] ?? JSONNode(.null)
        case "Ed25519Signature2020":
            method = type
            optionsContext = JSONNode(.string(Self.ed25519Signature2020Context))
        default:
            let name = type.isEmpty ? "(no type)" : type
            return .unchecked(method: name, reason: "the proof type \(name) is not implemented")
        }
        let purpose = proof["proofPurpose"]?.string ?? ""
        guard purpose == "assertionMethod" else {
            return .failed(method: method,
                           reason: "proofPurpose is \(purpose.isEmpty ? "missing" : purpose), expected assertionMethod")
        }
        guard let proofValue = proof["proofValue"]?.string, let signature = Base58BTC.decodeMultibase(proofValue),
              signature.count == 64
        else {
            return .failed(method: method, reason: "proofValue is not a base58btc (z…) 64-byte Ed25519 signature")
        }
        let verificationMethod = proof["verificationMethod"]?.string
            ?? proof["verificationMethod"]?["id"]?.string ?? ""
        let key: (bytes: [UInt8], description: String)
        switch publicKey(for: verificationMethod, keyLookup: keyLookup) {
        case .success(let found): key = found
        case .failure(let problem):
            return problem.isUnchecked ? .unchecked(method: method, reason: problem.reason)
                : .failed(method: method, reason: problem.reason)
        }
        guard let publicKey = try? Curve25519.Signing.PublicKey(rawRepresentation: key.bytes) else {
            return .failed(method: method, reason: "the key of \(verificationMethod) is not an Ed25519 public key")
        }
        let options = DataIntegrityHashing.proofOptions(proof, context: optionsContext)
        let hashing = hashing
        let hashes: (options: [UInt8], document: [UInt8])
        do {
            let optionsHash = try hashing.canonicalHash(options)
            if documentHash == nil {
                documentHash = Result { () throws(ProofFailure) -> [UInt8] in try hashing.canonicalHash(document) }
            }
            hashes = (optionsHash, try documentHash?.get() ?? [])
        } catch {
            return error.isUnchecked ? .unchecked(method: method, reason: error.reason)
                : .failed(method: method, reason: error.reason)
        }
        guard publicKey.isValidSignature(signature, for: hashes.options + hashes.document) else {
            return .failed(method: method, reason: "the signature does not match the credential: it was changed "
                + "after signing or signed with another key than \(key.description)")
        }
        return .verified(method: method, key: key.description)
    }

    /// The Ed25519 key of a verification method, and where it came from.
    private func publicKey(
        for method: String, keyLookup: (String) -> [UInt8]?
    ) -> Result<(bytes: [UInt8], description: String), ProofFailure> {
        if let bytes = keyLookup(method) {
            guard bytes.count == 32 else {
                return .failure(ProofFailure(isUnchecked: true,
                                             reason: "the key given for \(method) is not a 32-byte Ed25519 key"))
            }
            return .success((bytes, "\(method) (from the supplied keys)"))
        }
        let parts = method.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        let fragment = parts.count > 1 ? String(parts[1]) : nil
        if method.hasPrefix("did:key:") {
            let identifier = String(parts[0].dropFirst("did:key:".count))
            if let fragment, fragment != identifier {
                return .failure(ProofFailure(isUnchecked: false,
                                             reason: "the did:key \(method) has a fragment that is not its key"))
            }
            guard let bytes = Self.ed25519Multikey(identifier) else {
                return .failure(ProofFailure(isUnchecked: true, reason: "the did:key \(method) is not an Ed25519 key"))
            }
            return .success((bytes, "\(identifier) (did:key)"))
        }
        if acceptsMultikeyFragments, let fragment, let bytes = Self.ed25519Multikey(fragment) {
            return .success((bytes, "\(fragment) (the Ed25519 multikey in the fragment of \(parts[0]); "
                + "not checked to belong to the issuer)"))
        }
        return .failure(ProofFailure(isUnchecked: true, reason: "key \(method) is not available offline"))
    }

    /// The 32 key bytes of a base58btc multikey with the Ed25519 multicodec prefix 0xed 0x01.
    package static func ed25519Multikey(_ text: String) -> [UInt8]? {
        guard let bytes = Base58BTC.decodeMultibase(text), bytes.count == 34, bytes[0] == 0xED, bytes[1] == 0x01
        else { return nil }
        return Array(bytes[2...])
    }
}
