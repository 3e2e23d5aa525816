import CairnCore
import CairnSyntax

/// Whether a key given with `--keys` may prove who issued a credential.
///
/// A key file says which key it holds, not whose key it is, so a key in the `--keys` folder
/// proves a credential's issuer only when something binds the two:
/// - one of the key's ids (the id the credential names it by, or any id its file or the
///   folder's index gives it) is the issuer's id or lies under it — `ISSUER#…` or `ISSUER/…`
///   (a `kid` of `https://example.edu/keys/2025` for the issuer `https://example.edu`);
/// - the key is an Open Badges 2.0 `CryptographicKey` whose `owner` is the issuer;
/// - the issuer's badge catalogue lists one of the key's ids under `issuer: {keys: …}`.
///
/// Without one of these, a forger who can get any key into the folder — their own, or another
/// issuer's — could sign in any issuer's name.
struct IssuerKeyBinding: Sendable {
    /// The credential's issuer id.
    var issuer: String
    /// The keys the workspace's catalogues list for this issuer.
    var listed: [TrustedKey]

    /// Whether `entry`, found by `id`, is bound to ``issuer``.
    func binds(_ entry: KeyRing.Entry, foundBy id: String) -> Bool {
        guard !issuer.isEmpty else { return false }
        let ids = [id] + entry.ids
        if let owner = entry.owner, Self.trimmed(owner) == Self.trimmed(issuer) { return true }
        if ids.contains(where: isUnderIssuer) { return true }
        return ids.contains { id in listed.contains { $0.names(id) } }
    }

    /// Why `entry`, found by `id`, does not prove ``issuer`` — for a proof reported as not checked.
    func refusal(_ entry: KeyRing.Entry, foundBy id: String) -> String {
        "the key \(id) (--keys folder file \(entry.file)) is not trusted for the issuer "
            + "\(issuer.isEmpty ? "(none named)" : issuer): its id is neither the issuer's id nor under it "
            + "(\(Self.trimmed(issuer))#…, \(Self.trimmed(issuer))/…) and the issuer's badge catalogue does not "
            + "list it under issuer keys"
    }

    private func isUnderIssuer(_ id: String) -> Bool {
        let base = Self.trimmed(issuer)
        return Self.trimmed(id) == base || id.hasPrefix(base + "#") || id.hasPrefix(base + "/")
    }

    /// The id without one trailing `/` (`https://example.edu/` and `https://example.edu` are one issuer).
    private static func trimmed(_ id: String) -> String { id.hasSuffix("/") ? String(id.dropLast()) : id }
}
