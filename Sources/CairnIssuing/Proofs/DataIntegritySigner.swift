public import CairnCredentials
public import CairnRDF
package import CairnSyntax

/// Adds a W3C Data Integrity proof, cryptosuite `eddsa-rdfc-2022`, to a credential.
///
/// The proof options and the credential are hashed exactly as `DataIntegrityVerifier`
/// hashes them (both call `DataIntegrityHashing`): each is expanded as JSON-LD with contexts
/// from ``contexts`` only, canonicalized with RDFC-1.0 and hashed with SHA-256; the Ed25519
/// signature of the options hash followed by the credential hash is the `proofValue`, base58btc
/// multibase (`z…`). Nothing is fetched.
public struct DataIntegritySigner: Sendable {
    /// The cryptosuite of the proofs made.
    public static let cryptosuite = "eddsa-rdfc-2022"

    /// Where JSON-LD context URLs are resolved.
    public var contexts: JSONLDContextLibrary
    /// The canonicalizer, with its work limit.
    public var canonicalizer: RDFCanonicalizer

    public init(contexts: JSONLDContextLibrary = .bundled, canonicalizer: RDFCanonicalizer = RDFCanonicalizer()) {
        self.contexts = contexts
        self.canonicalizer = canonicalizer
    }

    /// `document` with a `proof` member (last):
    /// `{type: DataIntegrityProof, cryptosuite: eddsa-rdfc-2022, created, verificationMethod,
    /// proofPurpose: assertionMethod, proofValue}`.
    ///
    /// - Parameters:
    ///   - created: the proof's `created`, an `xsd:dateTime` such as `2026-12-06T10:00:00Z`
    ///     (the caller reads the clock; signing does not).
    ///   - verificationMethod: the proof's `verificationMethod`; the key's ``SigningKey/id``
    ///     when `nil`.
    /// - Throws: ``SigningError`` for a P-256 key (this suite needs Ed25519), a document that
    ///   is not an object, has no `@context` or already has a `proof`, or is not valid JSON-LD
    ///   with the contexts at hand.
    ///   - asSet: write `proof` as an array of one proof, as the Open Badges 3.0 JSON Schema
    ///     requires (the Data Integrity signature is the same either way).
    package func sign(
        _ document: JSONNode, with key: SigningKey, created: String, verificationMethod: String? = nil,
        asSet: Bool = false
    ) throws(SigningError) -> JSONNode {
        guard key.kind == .ed25519 else {
            throw .unsuitableKey(key: key.description, reason: "\(Self.cryptosuite) needs an Ed25519 key; "
                                 + "sign a VC-JWT (\(key.jwsAlgorithm)) with this key instead")
        }
        guard case .object(let members) = document.value else {
            throw .unsignableCredential("it is \(document.kindDescription), not a JSON object")
        }
        guard let context = document["@context"] else {
            throw .unsignableCredential("it has no \"@context\", which \(Self.cryptosuite) signs under")
        }
        guard document["proof"] == nil else {
            throw .unsignableCredential("it already has a \"proof\"; sign the credential without it")
        }
        guard OpenBadgesTimestamp(iso8601: created) != nil else {
            throw .unsignableCredential("the proof's created time \"\(created)\" is not an xsd:dateTime "
                                        + "such as 2026-12-06T10:00:00Z")
        }
        let method = verificationMethod ?? key.id
        guard !method.isEmpty else {
            throw .unsuitableKey(key: key.description, reason: "the key has no id to name as the verification method")
        }
        func string(_ key: String, _ value: String) -> JSONNode.Member {
            JSONNode.Member(key: key, value: JSONNode(.string(value)))
        }
        let proofMembers = [
            string("type", "DataIntegrityProof"),
            string("cryptosuite", Self.cryptosuite),
            string("created", created),
            string("verificationMethod", method),
            string("proofPurpose", "assertionMethod"),
        ]
        let hashing = DataIntegrityHashing(contexts: contexts, canonicalizer: canonicalizer)
        let options = DataIntegrityHashing.proofOptions(JSONNode(.object(proofMembers)), context: context)
        let signed: [UInt8]
        do {
            signed = try hashing.signedBytes(options: options, document: document)
        } catch {
            throw .unsignableCredential(error.reason)
        }
        let signature = key.signature(for: signed)
        let proof = JSONNode(.object(proofMembers + [string("proofValue", Base58BTC.encodeMultibase(signature))]))
        return JSONNode(.object(members + [JSONNode.Member(key: "proof", value: asSet ? JSONNode(.array([proof])) : proof)]))
    }
}
