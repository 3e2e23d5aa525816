package import CairnRDF
package import CairnSyntax
import Crypto

/// The hashing the RDFC-based Data Integrity suites share (`eddsa-rdfc-2022`,
/// `Ed25519Signature2020`), for the verifier and the signer alike, so both hash the same way.
///
/// The proof options (the proof without `proofValue`, under the `@context` the suite
/// prescribes) and the document (without `proof`) are each expanded as JSON-LD, canonicalized
/// with RDFC-1.0 and hashed with SHA-256. The bytes an Ed25519 signature covers are the options
/// hash followed by the document hash.
package struct DataIntegrityHashing: Sendable {
    /// Where JSON-LD context URLs are resolved.
    package var contexts: JSONLDContextLibrary
    /// The canonicalizer, with its work limit.
    package var canonicalizer: RDFCanonicalizer

    package init(contexts: JSONLDContextLibrary = .bundled, canonicalizer: RDFCanonicalizer = RDFCanonicalizer()) {
        self.contexts = contexts
        self.canonicalizer = canonicalizer
    }

    /// Why hashing failed: unchecked (a context that is not available, too much work) or
    /// failed (invalid JSON-LD).
    package struct Failure: Error, Sendable, Hashable {
        /// Whether the document may be fine but could not be processed here (a missing context).
        package var isUnchecked: Bool
        package var reason: String
    }

    /// The proof options that are hashed: `proof` without `proofValue` and without its own
    /// `@context`, with `context` as its first member.
    package static func proofOptions(_ proof: JSONNode, context: JSONNode) -> JSONNode {
        let options = proof.removing("proofValue").removing("@context")
        guard case .object(let members) = options.value else { return options }
        return JSONNode(.object([JSONNode.Member(key: "@context", value: context)] + members))
    }

    /// SHA-256 of the canonical N-Quads of a JSON-LD document.
    package func canonicalHash(_ node: JSONNode) throws(Failure) -> [UInt8] {
        let quads: [RDFQuad]
        do {
            quads = try JSONLDProcessor(contexts: contexts).quads(of: node)
        } catch {
            if error.contextURL != nil {
                throw Failure(isUnchecked: true, reason: error.message)
            }
            throw Failure(isUnchecked: false, reason: "the credential is not valid JSON-LD (\(error))")
        }
        do {
            let text = try canonicalizer.canonicalNQuads(quads)
            return Array(SHA256.hash(data: Array(text.utf8)))
        } catch {
            // Fails closed: a credential built so that canonicalization runs out of work (a
            // blank-node clique) must not turn a signature that would not match into an
            // "unchecked" proof that looks no worse than a missing key.
            throw Failure(isUnchecked: false,
                          reason: "\(error.description); a credential that needs more work than that is refused")
        }
    }

    /// The bytes a signature covers: the hash of `options` (already made by
    /// ``proofOptions(_:context:)``) followed by the hash of `document` (without its proof).
    package func signedBytes(options: JSONNode, document: JSONNode) throws(Failure) -> [UInt8] {
        try canonicalHash(options) + canonicalHash(document)
    }
}
