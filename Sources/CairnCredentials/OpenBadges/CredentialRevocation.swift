import CairnCore
import CairnSyntax

/// Whether a credential has been revoked, from the lists available offline.
///
/// - OB 2.0: `revoked: true` in the assertion, or the issuer's `revocationList` document
///   (`revokedAssertions`: ids, or objects with `id`/`uid` and `revocationReason`).
/// - OB 3.0 `credentialStatus` of type `1EdTechRevocationList`: the list at the entry's `id`
///   (`revokedCredential`: objects with `id` and `revoked`, which counts when true or absent).
/// - `BitstringStatusListEntry` (and its predecessor `StatusList2021Entry`): the bit at
///   `statusListIndex` of the list credential at `statusListCredential`, for the purposes
///   `revocation` and `suspension`.
///
/// A list that is not available locally is not guessed at: the answer is ``unknown(_:)``.
public enum CredentialRevocation: Sendable, Hashable {
    case notRevoked
    case revoked(reason: String)
    /// A status could not be checked; the text says which list was missing or unreadable.
    case unknown(String)

    /// The longest status list bitstring (after inflating its `encodedList`) that is read.
    public static let maximumStatusListBytes = 16 << 20

    /// Checks `credential` against the lists in `lists` (status lists, revocation lists).
    public static func check(_ credential: OpenBadgesCredential, lists: LocalDocuments) -> [CredentialRevocation] {
        var findings: [CredentialRevocation] = []
        if credential.revokedInDocument {
            findings.append(.revoked(reason: "the assertion says it is revoked"
                                     + (credential.revocationReason.map { ": \($0)" } ?? "")))
        }
        if credential.format == .openBadges2Assertion, let url = credential.issuer.revocationList {
            findings.append(openBadges2(credential, listURL: url, lists: lists))
        }
        for entry in credential.statusEntries {
            findings.append(statusEntry(entry, credential: credential, lists: lists))
        }
        return findings
    }

    private static func openBadges2(_ credential: OpenBadgesCredential, listURL: String,
                                    lists: LocalDocuments) -> CredentialRevocation {
        guard let list = lists.document(for: listURL) else {
            return .unknown("the issuer's revocation list \(listURL) is not available locally")
        }
        guard let id = credential.id else { return .unknown("the assertion has no id to look up in \(listURL)") }
        for entry in list.json["revokedAssertions"]?.asList ?? [] {
            if entry.string == id || entry["id"]?.string == id || entry["uid"]?.string == id {
                return .revoked(reason: "listed in the issuer's revocation list \(listURL)"
                                + (entry["revocationReason"]?.string.map { ": \($0)" } ?? ""))
            }
        }
        return .notRevoked
    }

    private static func statusEntry(_ entry: CredentialStatusEntry, credential: OpenBadgesCredential,
                                    lists: LocalDocuments) -> CredentialRevocation {
        switch entry.type {
        case "1EdTechRevocationList":
            guard let url = entry.id else { return .unknown("the 1EdTechRevocationList status has no id") }
            guard let list = lists.document(for: url) else {
                return .unknown("the revocation list \(url) is not available locally (give --status-lists DIR)")
            }
            guard let id = credential.id else { return .unknown("the credential has no id to look up in \(url)") }
            for item in list.json["revokedCredential"]?.asList ?? [] where item["id"]?.string == id {
                if item["revoked"]?.bool == false { return .notRevoked }
                return .revoked(reason: "listed in the revocation list \(url)"
                                + (item["revocationReason"]?.string.map { ": \($0)" } ?? ""))
            }
            return .notRevoked
        case "BitstringStatusListEntry", "StatusList2021Entry":
            guard let url = entry.statusListCredential, let index = entry.statusListIndex else {
                return .unknown("the \(entry.type) needs statusListCredential and statusListIndex")
            }
            guard let list = lists.document(for: url) else {
                return .unknown("the status list \(url) is not available locally (give --status-lists DIR)")
            }
            let purpose = entry.statusPurpose ?? "revocation"
            guard purpose == "revocation" || purpose == "suspension" else { return .notRevoked }
            switch StatusBitstring.bit(at: index, in: list.json) {
            case .success(true):
                return .revoked(reason: purpose == "suspension"
                                ? "suspended: bit \(index) is set in the status list \(url)"
                                : "bit \(index) is set in the status list \(url)")
            case .success(false): return .notRevoked
            case .failure(let problem): return .unknown("the status list \(url) cannot be read: \(problem.message)")
            }
        default:
            return .unknown("the credential status type \"\(entry.type)\" is not one Cairn reads")
        }
    }
}
