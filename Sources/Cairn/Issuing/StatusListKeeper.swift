public import CairnCore
public import CairnCredentials
public import CairnIssuing
public import CairnStore
import CairnSyntax

/// Keeps an issuer's W3C Bitstring Status Lists in the store: creates them, flips a revoked
/// credential's bit and signs the list again, and hands out the signed list to publish.
///
/// A list is itself a credential, signed with an Ed25519 key (Data Integrity
/// `eddsa-rdfc-2022`); its `encodedList` is the GZIP-compressed bitstring, base64url-encoded
/// with the multibase prefix `u`. Revoking is one store transaction: the credential's record,
/// its bit and the re-signed list change together or not at all.
public struct StatusListKeeper: Sendable {
    public let store: any Store
    public let key: SigningKey
    /// The contexts the list's proof is computed with.
    public var contexts: JSONLDContextLibrary = .bundled

    /// A keeper signing with `key`.
    ///
    /// - Throws: ``IssuingFailure/refused(_:)`` for a key that is not Ed25519.
    public init(store: any Store, key: SigningKey) throws(IssuingFailure) {
        guard key.publicKey.kind == .ed25519 else {
            throw .refused("a status list is signed with an eddsa-rdfc-2022 proof, which needs an Ed25519 key; "
                           + "\(key.id) is \(key.publicKey.kindDescription)")
        }
        self.store = store
        self.key = key
    }

    /// Creates the list `url` of `size` entries (all clear) for `issuer`, signs it and keeps it.
    ///
    /// - Returns: the signed list credential, as JSON text.
    public func create(url: String, issuer: Issuer, size: Int = StatusListBitstring.minimumBits,
                       at moment: String) throws(IssuingFailure) -> String {
        guard url.hasPrefix("https://") || url.hasPrefix("http://") else {
            throw .refused("a status list's id is the https URL it will be published at, not \"\(url)\"")
        }
        guard size >= StatusListBitstring.minimumBits, size <= StatusListBitstring.maximumBits, size % 8 == 0 else {
            throw .refused("a status list holds between \(StatusListBitstring.minimumBits.groupedDigits) and "
                           + "\(StatusListBitstring.maximumBits.groupedDigits) entries, a multiple of 8 "
                           + "(the W3C minimum keeps a credential's index from telling who it belongs to); not \(size.groupedDigits)")
        }
        guard CredentialIssuer.keyBelongs(key.id, to: issuer.id) else {
            throw .refused("the key \(key.id) is not \(issuer.id)'s, so it cannot sign that issuer's status list")
        }
        let record: StatusListRecord
        do {
            record = try store.createStatusList(id: url, issuer: issuer.id, purpose: "revocation", size: size)
        } catch {
            throw .store("\(error)")
        }
        let signed = try sign(record, issuerName: issuer.name, at: moment)
        do {
            try store.storeSignedStatusList(id: url, signedCredential: signed, updatedAt: moment)
        } catch {
            throw .store("\(error)")
        }
        return signed
    }

    /// Revokes an issued credential: sets its bit and signs its list again, in one transaction.
    ///
    /// - Returns: the list as now kept, with its new signed credential.
    @discardableResult
    public func revoke(credentialID: String, reason: String?, issuerName: String? = nil,
                       at moment: String) throws(IssuingFailure) -> StatusListRecord {
        do {
            return try store.revokeIssued(credentialID: credentialID, reason: reason, updatedAt: moment) { list in
                try self.sign(list, issuerName: issuerName, at: moment)
            }
        } catch let failure as IssuingFailure {
            throw failure
        } catch {
            throw .store("\(error)")
        }
    }

    /// The list credential `record` describes, signed.
    func sign(_ record: StatusListRecord, issuerName: String?, at moment: String) throws(IssuingFailure) -> String {
        guard let bitstring = StatusListBitstring(bytes: record.bits) else {
            throw .store("the status list \(record.id) in the store holds \(record.bits.count) bytes, not a bitstring Cairn wrote")
        }
        guard let purpose = StatusListCredential.Purpose(rawValue: record.purpose) else {
            throw .store("the status list \(record.id) has the purpose \"\(record.purpose)\", which Cairn does not sign")
        }
        let unsigned = StatusListCredential(listURL: record.id, issuerID: record.issuer, issuerName: issuerName,
                                            validFrom: moment, purpose: purpose, bitstring: bitstring).json
        do {
            return try DataIntegritySigner(contexts: contexts).sign(unsigned, with: key, created: moment).serialized(pretty: true) + "\n"
        } catch {
            throw .refused("signing the status list failed: \(error)")
        }
    }
}
