public import CairnCore
import Crypto

/// Who an issued credential names as its recipient, as the learner's record says.
///
/// A DID is the subject's `id` itself. An e-mail address or a learner id is never written in
/// clear: the subject carries an Open Badges `IdentityObject` with the SHA-256 of the value and
/// a salt (`sha256$…`), so the credential proves whose it is to someone who knows the address,
/// without telling it to everyone who sees the credential.
public enum CredentialRecipient: Sendable, Hashable {
    /// The learner's decentralised identifier.
    case did(String)
    /// The learner's e-mail address, hashed with `salt`.
    case email(String, salt: String)
    /// The learner's id in the issuer's records (student number), hashed with `salt`.
    case learnerID(String, salt: String)

    /// The recipient the record names: its DID, else its e-mail address, else its id.
    public init(record: LearnerRecord, salt: String) {
        if let did = record.did {
            self = .did(did)
        } else if let email = record.email {
            self = .email(email, salt: salt)
        } else {
            self = .learnerID(record.learner, salt: salt)
        }
    }

    /// The Open Badges `identityType` of a hashed recipient.
    var identityType: String? {
        switch self {
        case .did: nil
        case .email: "emailAddress"
        case .learnerID: "sisSourcedId"
        }
    }

    /// `sha256$` and the lowercase hex SHA-256 of the value followed by the salt (Open Badges
    /// `IdentityHash`); e-mail addresses are compared case-insensitively, so they are hashed
    /// lowercased.
    var identityHash: String? {
        let text: String
        let salt: String
        switch self {
        case .did: return nil
        case .email(let email, let given): (text, salt) = (email.lowercased(), given)
        case .learnerID(let id, let given): (text, salt) = (id, given)
        }
        let digest = SHA256.hash(data: Array((text + salt).utf8))
        return "sha256$" + digest.map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    /// The salt of a hashed recipient.
    var salt: String? {
        switch self {
        case .did: nil
        case .email(_, let salt), .learnerID(_, let salt): salt
        }
    }
}
