import CairnCore
import CairnSyntax

extension CredentialVerifier {
    /// The JAdES seal of a Europass credential, checked with a key the workspace trusts for the
    /// credential's issuer: the key of the header's certificate (`x5c`) when a key with the same
    /// public key is in `--keys` (bound to the issuer, ``IssuerKeyBinding``) or among the keys its
    /// issuer's catalogue lists; else, with no certificate, the key the header's `kid` names.
    func jadesChecks(_ jws: JSONSerializedJWS, credential: OpenBadgesCredential) -> [ProofCheck] {
        let binding = binding(for: credential)
        let listed = trustedKeys[credential.issuer.id] ?? []
        return JAdESVerifier().verify(jws) { certificate, kid in
            let matches: (KeyRing.Entry) -> Bool = { entry in
                if let certificate { return entry.key == certificate.key }
                return kid.map { entry.ids.contains($0) } ?? false
            }
            if let entry = trustedKeyMaterial.entries.first(where: { matches($0) && $0.ids.contains { id in listed.contains { $0.names(id) } } }) {
                return .trusted(entry.key, description: "key \(entry.ids.first ?? entry.file), trusted for "
                                + "\(credential.issuer.id) by the workspace (\(entry.file))")
            }
            guard let entry = keys.entries.first(where: matches) else { return .unknown }
            let id = entry.ids.first ?? entry.file
            guard binding.binds(entry, foundBy: id) else { return .refused(reason: binding.refusal(entry, foundBy: id)) }
            return .trusted(entry.key, description: "key \(id) from --keys folder file \(entry.file)")
        }
    }
}
