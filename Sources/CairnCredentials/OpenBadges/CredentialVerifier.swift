public import CairnCore
import CairnSyntax
public import Foundation

/// Checks Open Badges files offline: that they are well formed, that their proofs match,
/// that they are in date on the as-of date, and that no local list revokes them.
///
/// Everything it needs is local: keys (`--keys`), status and revocation lists
/// (`--status-lists`), the documents an OB 2.0 assertion refers to (its own folder and
/// `--resolve` folders), and JSON-LD contexts (bundled, plus `--contexts`).
public struct CredentialVerifier: Sendable {
    public var keys: KeyRing
    public var statusLists: LocalDocuments
    public var resolveFolders: [URL]
    public var contexts: JSONLDContextLibrary
    /// Whether a learner record's credential with no proof that could be checked (status
    /// `unverified`) counts anyway — only when the user asks (`--accept unverified`), and then
    /// every report names the credentials it counted so; likewise a verified one whose
    /// revocation status cannot be checked. Never for a proof that fails, a self-signed one, a
    /// revoked or an expired credential.
    public var acceptsUnverified: Bool
    /// The keys a workspace trusts, by issuer id (badge catalogues' `issuer: {keys: …}`). A
    /// proof checked with one of them counts as verified only for a credential of that issuer.
    /// A key given with ``keys`` (`--keys`) proves only the issuers it is bound to: by its id
    /// (the issuer's id or under it), its `owner`, or this list (see ``IssuerKeyBinding``); any
    /// other issuer's credential it checks is reported as not checked, with the reason.
    public var trustedKeys: [String: [TrustedKey]] = [:]
    /// Public keys of ``trustedKeys`` entries that name a key file, by key id.
    public var trustedKeyMaterial: KeyRing = KeyRing()

    public init(keys: KeyRing = KeyRing(), statusLists: LocalDocuments = LocalDocuments(),
                resolveFolders: [URL] = [], contexts: JSONLDContextLibrary = .bundled,
                acceptsUnverified: Bool = false) {
        self.acceptsUnverified = acceptsUnverified
        self.keys = keys
        self.statusLists = statusLists
        self.resolveFolders = resolveFolders
        self.contexts = contexts
    }

    /// The documents references are resolved from for a file: its own folder first, then `--resolve` folders.
    public func documents(for url: URL) -> LocalDocuments {
        LocalDocuments(folders: [url.deletingLastPathComponent()] + resolveFolders)
    }

    /// Reads and checks the file at `url` on `asOf`; without a date, only the proofs, the shape
    /// and revocation are checked (how learner records read their credentials: audits apply
    /// the dates themselves).
    public func verify(fileAt url: URL, asOf: CalendarDate?) -> (file: OpenBadgesFile?, verification: CredentialVerification) {
        let documents = documents(for: url)
        let name = DisplayPath.of(url)
        do {
            let file = try OpenBadgesFile.read(at: url, documents: documents)
            return (file, verify(file.credential, file: name, documents: documents, asOf: asOf))
        } catch {
            let first = error.errors.first
            let reason = first.map { $0.location.line == nil ? $0.message : $0.description } ?? "unreadable"
            let missing = first?.message == "no such file"
            return (nil, CredentialVerification(file: name, status: .invalid, reason: missing ? "no such file" : reason))
        }
    }

    /// Checks a credential already read.
    public func verify(_ credential: OpenBadgesCredential, file: String, documents: LocalDocuments,
                       asOf: CalendarDate?) -> CredentialVerification {
        var result = CredentialVerification(file: file, status: .unverified, reason: "", credential: credential)
        // Expiring the moment it is issued is odd but possible (it is simply expired); expiring
        // before it is issued is a contradiction.
        if let expires = credential.expires, expires < credential.issued {
            result.status = .invalid
            result.reason = "it expires (\(expires)) before it is issued (\(credential.issued))"
            return result
        }
        result.proofs = proofChecks(credential, documents: documents)
        result.nested = credential.format == .europeanDigitalCredential ? [] : credential.nested.map { nested in
            let name = "\(file)#\(nested.index + 1)"
            guard let inner = nested.credential else {
                return CredentialVerification(file: name, status: .invalid, reason: nested.problem ?? "unreadable")
            }
            return verify(inner, file: name, documents: documents, asOf: asOf)
        }
        let revocations = CredentialRevocation.check(credential, lists: statusLists.merging(documents))

        if case .failed(let method, let reason)? = result.proofs.first(where: \.isFailure) {
            result.status = .tampered
            result.reason = "the \(method) proof does not match: \(reason)"
        } else if let broken = result.nested.first(where: { $0.status == .invalid || $0.status == .tampered }) {
            result.status = broken.status
            result.reason = "nested credential \(broken.file): \(broken.reason)"
        } else if case .revoked(let reason)? = revocations.first(where: \.isRevoked) {
            result.status = .revoked
            result.reason = reason
        } else if let asOf, let expires = credential.expires, expires.date <= asOf {
            result.status = .expired
            result.reason = "expired \(expires) (no longer counts from \(expires.date))"
        } else if let asOf, credential.issued.date > asOf {
            result.status = .notYetValid
            result.reason = "valid from \(credential.issued), after \(asOf)"
        } else if !result.proofs.isEmpty, result.proofs.allSatisfy(\.isVerified) {
            result.status = .verified
            result.reason = result.proofs.map(\.summary).joined(separator: "; ")
        } else if !result.proofs.isEmpty, result.proofs.allSatisfy({ $0.isVerified || $0.isSelfSigned }) {
            result.status = .signedByEmbeddedKey
            result.reason = result.proofs.map(\.summary).joined(separator: "; ")
                + " (give the issuer's key with --keys, or list it under the issuer's keys in its badge catalogue)"
        } else {
            result.status = .unverified
            result.reason = unverifiedReason(credential, proofs: result.proofs)
        }
        let unknown = revocations.compactMap(\.unknownReason) + credential.unresolved.map { "\($0) is not available locally" }
        if [.verified, .unverified, .signedByEmbeddedKey].contains(result.status), !unknown.isEmpty {
            result.revocationUnchecked = unknown.joined(separator: "; ")
            result.reason += "; revocation not checked: " + unknown.joined(separator: "; ")
        }
        if credential.format == .europeanDigitalCredential {
            // A Europass credential's achievements have no proofs of their own: each stands or
            // falls with the seal over the whole credential.
            result.nested = credential.nested.map { nested in
                var outcome = CredentialVerification(file: "\(file)#\(nested.index + 1)", status: result.status,
                                                     reason: result.reason, credential: nested.credential)
                outcome.revocationUnchecked = result.revocationUnchecked
                return outcome
            }
        }
        return result
    }

    private func unverifiedReason(_ credential: OpenBadgesCredential, proofs: [ProofCheck]) -> String {
        if let unchecked = proofs.first(where: { !$0.isVerified }) { return unchecked.summary }
        switch credential.verification {
        case .hosted:
            return "hosted verification: only fetching \(credential.id ?? "the assertion's id") would confirm it, and Cairn never uses the network"
        case .none:
            return "the credential carries no proof"
        case .jws, .embeddedProof, .jwsJSON:
            return "no proof could be checked"
        }
    }

    func proofChecks(_ credential: OpenBadgesCredential, documents: LocalDocuments) -> [ProofCheck] {
        switch credential.verification {
        case .hosted, .none:
            return []
        case .jws(let token, let creator):
            return [jwsCheck(token, creator: creator, credential: credential, documents: documents)]
        case .jwsJSON(let jws):
            return jadesChecks(jws, credential: credential)
        case .embeddedProof:
            let ring = keys
            let binding = binding(for: credential)
            let checks = DataIntegrityVerifier(contexts: contexts).verify(credential.document, keyLookup: { id in
                guard let entry = ring.lookup(id: id), entry.key.kind == .ed25519,
                      binding.binds(entry, foundBy: id) else { return nil }
                return Array(entry.key.derRepresentation.suffix(32))
            }, trusts: { method in binding.listed.contains { $0.names(method) } })
            // A proof whose key is in --keys but bound to another issuer was not checked with a
            // trusted key: say so rather than "no key". (One check per proof entry, in order.)
            let methods = (credential.document["proof"]?.asList ?? []).map {
                $0["verificationMethod"]?.string ?? $0["verificationMethod"]?["id"]?.string ?? ""
            }
            return zip(checks, methods).map { check, method in
                guard case .unchecked(let name, _) = check, let entry = ring.lookup(id: method),
                      !binding.binds(entry, foundBy: method) else { return check }
                return .unchecked(method: name, reason: binding.refusal(entry, foundBy: method))
            }
        }
    }

    /// Which `--keys` keys prove `credential`'s issuer (see ``IssuerKeyBinding``).
    func binding(for credential: OpenBadgesCredential) -> IssuerKeyBinding {
        IssuerKeyBinding(issuer: credential.issuer.id, listed: trustedKeys[credential.issuer.id] ?? [])
    }

    /// The `--keys` entry ``JWSVerifier`` would check `jws` with, and the id it finds it by: the
    /// header's `kid`, else (when the header embeds no key) the assertion's `verification.creator`.
    private func keysEntry(for jws: CompactJWS, creator: String?) -> (entry: KeyRing.Entry, id: String)? {
        if let kid = jws.keyID, let entry = keys.lookup(id: kid) { return (entry, kid) }
        guard jws.embeddedKey == nil,
              let creator = creator ?? jws.payloadJSON?["verification"]?["creator"]?.string,
              let entry = keys.lookup(id: creator) else { return nil }
        return (entry, creator)
    }

    private func jwsCheck(_ token: String, creator: String?, credential: OpenBadgesCredential,
                          documents: LocalDocuments) -> ProofCheck {
        let jws: CompactJWS
        do { jws = try CompactJWS(token, file: "") } catch {
            return .failed(method: "JWS", reason: error.message)
        }
        let verifier = JWSVerifier(keyRing: keys)
        let binding = binding(for: credential)
        if let (entry, id) = keysEntry(for: jws, creator: creator), !binding.binds(entry, foundBy: id) {
            return .unchecked(method: "\(jws.algorithm) JWS", reason: binding.refusal(entry, foundBy: id))
        }
        if let kid = jws.keyID, keys.lookup(id: kid) == nil,
           (trustedKeys[credential.issuer.id] ?? []).contains(where: { $0.names(kid) }),
           let entry = trustedKeyMaterial.lookup(id: kid) {
            return verifier.verify(jws, with: entry.key,
                                   describedAs: "key kid=\(kid), trusted for \(credential.issuer.id) by the workspace (\(entry.file))")
        }
        guard let creator else { return verifier.verify(jws) }
        // OB 2.0 signed: the key is named by verification.creator and must be one the issuer lists.
        if !credential.issuer.publicKeys.isEmpty, !credential.issuer.publicKeys.contains(creator) {
            return .failed(method: "\(jws.algorithm) JWS",
                           reason: "the signing key \(creator) is not one of the issuer's public keys")
        }
        if keys.lookup(id: creator) != nil { return verifier.verify(jws) }
        if let document = documents.document(for: creator) {
            do throws(FormatError) {
                let data = try BoundedFile.bytes(at: document.file, limit: KeyFile.maximumBytes, subject: "key files")
                let found = try KeyFile.keys(in: data, file: document.file)
                guard let key = found.first(where: { $0.ids.contains(creator) }) ?? found.first else {
                    throw FormatError(location: SourceLocation(file: document.file), message: "holds no key")
                }
                return verifier.verify(jws, with: key.key, describedAs: "key \(creator) from \(document.file)")
            } catch {
                return .unchecked(method: "\(jws.algorithm) JWS",
                                  reason: "the key \(creator) in \(document.file) cannot be read: \(error.message)")
            }
        }
        return .unchecked(method: "\(jws.algorithm) JWS",
                          reason: "the key \(creator) is not available locally (give --keys DIR or --resolve DIR)")
    }
}

extension ProofCheck {
    var isVerified: Bool { if case .verified = self { true } else { false } }
    var isSelfSigned: Bool { if case .selfSigned = self { true } else { false } }
    var isFailure: Bool { if case .failed = self { true } else { false } }

    /// One sentence: what was checked and what it found.
    public var summary: String {
        switch self {
        case .verified(let method, let key): "\(method) proof verified with \(key)"
        case .selfSigned(let method, let key): "\(method) proof matches only \(key), which proves no issuer"
        case .failed(let method, let reason): "\(method) proof does not match: \(reason)"
        case .unchecked(let method, let reason): "\(method) proof not checked: \(reason)"
        }
    }
}

extension CredentialRevocation {
    /// Whether a list says the credential is revoked (or suspended).
    public var isRevoked: Bool { if case .revoked = self { true } else { false } }
    /// Why the status could not be checked, for ``CredentialRevocation/unknown(_:)``.
    public var unknownReason: String? { if case .unknown(let reason) = self { reason } else { nil } }
}
