import Crypto
import Foundation

extension OpenBadgesCredential {
    /// Whether `identity` — an e-mail address, a URL, a DID or an institution's id — is this
    /// credential's recipient: the same text (an e-mail compared ignoring case), or, for a hashed
    /// recipient (`sha256$…`, `md5$…`), the same hash of the identity and the credential's salt.
    /// Open Badges hash the e-mail as written with the salt appended; both the address as given
    /// and in lower case are tried, since issuers differ.
    public func recipientMatches(_ identity: String) -> Bool {
        guard let recipient else { return false }
        guard let dollar = recipient.firstIndex(of: "$") else {
            return recipient == identity || (identity.contains("@") && recipient.lowercased() == identity.lowercased())
        }
        let algorithm = recipient[..<dollar].lowercased()
        let expected = recipient[recipient.index(after: dollar)...].lowercased()
        let salt = recipientSalt ?? ""
        for candidate in Set([identity, identity.lowercased()]) {
            let bytes = Data((candidate + salt).utf8)
            let digest: String
            switch algorithm {
            case "sha256": digest = SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
            case "md5": digest = Insecure.MD5.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
            default: return false
            }
            if digest == expected { return true }
        }
        return false
    }

    /// Whether the recipient is hashed, so that only a known identity can be matched to it.
    public var recipientIsHashed: Bool {
        guard let recipient, let dollar = recipient.firstIndex(of: "$") else { return false }
        return ["sha256", "md5"].contains(recipient[..<dollar].lowercased())
    }
}
