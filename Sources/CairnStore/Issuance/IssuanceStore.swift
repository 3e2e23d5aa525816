/// Credentials Cairn issued and the status lists that can revoke them.
///
/// Issuing a pathway's credential to a cohort is done in bulk and may be run again after a
/// failure, by any number of processes sharing the store: so each credential is first *reserved*
/// — its id and its place in a status list fixed, once per pathway and learner — then signed
/// outside any transaction, then *completed* with the signed document. A run that dies between
/// the two leaves a reservation that the next run picks up with the same id and index, and a
/// learner never gets two credentials for one pathway. Issued credentials are never deleted:
/// a revocation marks them, and sets their bit in their list (a W3C Bitstring Status List),
/// whose signed credential is then signed again.
///
/// The store never reads the clock nor signs anything: callers pass the times and do the signing.
public protocol IssuanceStore: Sendable {
    /// Creates an empty status list of `size` bits (a positive multiple of 8), with its next index at 0.
    ///
    /// A list's id is the URL its credential is published at, so it is given, not made.
    /// - Throws: ``StoreError`` (``StoreError/Reason/refused(_:)``) when a list with that id
    ///   exists, or when `size` is not a positive multiple of 8.
    @discardableResult
    func createStatusList(id: String, issuer: String, purpose: String, size: Int) throws -> StatusListRecord

    /// The status list with this id, or nil: what a verifier's fetch of the list's URL is answered from.
    func statusList(_ id: String) throws -> StatusListRecord?

    /// Every status list, by id: for choosing one with room left, and for listing them.
    func statusLists() throws -> [StatusListRecord]

    /// Fixes the credential of `pathway` for `learner`, in one transaction, so that issuing it
    /// again, or from several processes at once, makes one credential.
    ///
    /// - When the pair already has a credential with its document, the answer is
    ///   ``IssuanceReservation/alreadyIssued(_:)`` with it, and nothing changes.
    /// - When it has a reservation without a document (an earlier run stopped before signing
    ///   it), the answer is ``IssuanceReservation/reserved(_:)`` with that reservation unchanged
    ///   — its id and status index are used again, whatever this call proposed.
    /// - Otherwise a reservation is made with `credentialID`, taking `statusList`'s next index
    ///   (and moving it on) when a list is given: indices are never handed out twice.
    ///
    /// - Throws: ``StoreError`` (``StoreError/Reason/refused(_:)``) when `statusList` is not in the
    ///   store, has no index left, or when `credentialID` is already another credential's.
    func reserveIssuance(pathway: String, learner: String, badgeClass: String, validFrom: String, issuedAt: String,
                         format: String, credentialID: String, statusList: String?) throws -> IssuanceReservation

    /// Stores the signed document of a reserved credential: from then on it is issued.
    ///
    /// The document is written once: completing again with the same text does nothing, so a
    /// retried call is harmless, but a different document would replace a credential already
    /// handed out, and is refused.
    /// - Throws: ``StoreError`` (``StoreError/Reason/refused(_:)``) for an unknown credential or a different document.
    func completeIssuance(credentialID: String, document: String) throws

    /// The credential with this id, issued or reserved, or nil.
    func issuedCredential(_ id: String) throws -> IssuedCredentialRecord?

    /// The credentials of one pathway, of one learner, of both or of all (nil matches any),
    /// ordered by when they were issued then by id: a stable order for listings and exports.
    func issuedCredentials(pathway: String?, learner: String?) throws -> [IssuedCredentialRecord]

    /// Revokes an issued credential, in one transaction: marks it revoked with `reason`, sets
    /// its bit in its status list, hands the updated list to `resign` — which returns the list's
    /// credential signed again, as JSON text — and stores that text with `updatedAt`. Verifiers
    /// see the revocation once the re-signed list is published, and never a list whose bits and
    /// signature disagree. Returns the updated list.
    ///
    /// If `resign` throws, nothing changes and its error is thrown.
    /// - Throws: ``StoreError`` (``StoreError/Reason/refused(_:)``) for an unknown credential, one
    ///   that is only reserved (it was never handed out), one already revoked, or one issued
    ///   without a status list (it cannot be revoked by list).
    @discardableResult
    func revokeIssued(credentialID: String, reason: String?, updatedAt: String,
                      resign: (StatusListRecord) throws -> String) throws -> StatusListRecord

    /// Stores a status list's newly signed credential: the list is signed again before its
    /// credential expires, without any bit changing.
    /// - Throws: ``StoreError`` (``StoreError/Reason/refused(_:)``) for an unknown list.
    func storeSignedStatusList(id: String, signedCredential: String, updatedAt: String) throws
}

extension IssuanceStore {
    /// Every credential issued or reserved, ordered by when it was issued then by id.
    public func issuedCredentials() throws -> [IssuedCredentialRecord] {
        try issuedCredentials(pathway: nil, learner: nil)
    }
}

/// A W3C Bitstring Status List as the store keeps it: its bits, the next index to hand out, and
/// its latest signed credential.
public struct StatusListRecord: Sendable, Hashable {
    /// The URL the list's credential is published at: credentials name it in their `credentialStatus`.
    public var id: String
    /// The issuer that signs the list (and the credentials that point to it).
    public var issuer: String
    /// The list's `statusPurpose` (`revocation`): a bit set means the credential is revoked.
    public var purpose: String
    /// How many bits the list has: how many credentials it can serve.
    public var size: Int
    /// The bits, `size / 8` bytes; bit 0 is the most significant bit of byte 0, as the
    /// Bitstring Status List's encoding has it, so the bytes are published as they are.
    public var bits: [UInt8]
    /// The index the next reserved credential takes; equal to `size` when the list is full.
    public var nextIndex: Int
    /// The latest signed credential of the list (JSON text), or nil before it is first signed.
    public var signedCredential: String?
    /// When ``signedCredential`` was stored, as the caller gave it.
    public var updatedAt: String?

    public init(id: String, issuer: String, purpose: String, size: Int, bits: [UInt8], nextIndex: Int,
                signedCredential: String? = nil, updatedAt: String? = nil) {
        self.id = id
        self.issuer = issuer
        self.purpose = purpose
        self.size = size
        self.bits = bits
        self.nextIndex = nextIndex
        self.signedCredential = signedCredential
        self.updatedAt = updatedAt
    }

    /// Whether bit `index` is set (false outside the list): whether the credential at that index is revoked.
    public func bit(at index: Int) -> Bool {
        guard index >= 0, index / 8 < bits.count else { return false }
        return bits[index / 8] & (0x80 >> UInt8(index % 8)) != 0
    }

    /// Sets bit `index` (nothing outside the list).
    public mutating func setBit(at index: Int) {
        guard index >= 0, index / 8 < bits.count else { return }
        bits[index / 8] |= 0x80 >> UInt8(index % 8)
    }

    /// Whether every index has been handed out.
    public var isFull: Bool { nextIndex >= size }
}

/// A credential Cairn issued, or reserved and has not finished issuing.
public struct IssuedCredentialRecord: Sendable, Hashable {
    /// The credential's `id` (a URN or URL): fixed at reservation, so a retried issue signs the same id.
    public var credentialID: String
    /// The pathway whose completion the credential attests: one credential per pathway and learner.
    public var pathway: String
    /// The learner it was issued to.
    public var learner: String
    /// The badge class (achievement) the credential awards.
    public var badgeClass: String
    /// The credential's `validFrom` date, `YYYY-MM-DD`: the day the pathway was complete.
    public var validFrom: String
    /// When it was issued, as the caller gave it: listings are ordered by it.
    public var issuedAt: String
    /// How it is signed: `ob3-json` (a Data Integrity proof) or `vc-jwt`.
    public var format: String
    /// The status list that can revoke it, or nil for a credential issued without one.
    public var statusList: String?
    /// Its index in ``statusList``.
    public var statusIndex: Int?
    /// The signed credential as handed out (JSON or JWT text); nil while it is only reserved.
    public var document: String?
    /// Whether it was revoked.
    public var revoked: Bool
    /// Why, as the revoker said.
    public var revocationReason: String?

    public init(credentialID: String, pathway: String, learner: String, badgeClass: String, validFrom: String,
                issuedAt: String, format: String, statusList: String? = nil, statusIndex: Int? = nil,
                document: String? = nil, revoked: Bool = false, revocationReason: String? = nil) {
        self.credentialID = credentialID
        self.pathway = pathway
        self.learner = learner
        self.badgeClass = badgeClass
        self.validFrom = validFrom
        self.issuedAt = issuedAt
        self.format = format
        self.statusList = statusList
        self.statusIndex = statusIndex
        self.document = document
        self.revoked = revoked
        self.revocationReason = revocationReason
    }

    /// Whether its signed document was stored: a reservation only is not issued yet.
    public var isIssued: Bool { document != nil }
}

/// What ``IssuanceStore/reserveIssuance(pathway:learner:badgeClass:validFrom:issuedAt:format:credentialID:statusList:)``
/// found: a credential to sign, or one already issued.
public enum IssuanceReservation: Sendable, Hashable {
    /// A credential to sign and complete: a new reservation, or an earlier one whose document
    /// was never written (its id and index are used again).
    case reserved(IssuedCredentialRecord)
    /// The pair's credential, issued before: nothing is to be done.
    case alreadyIssued(IssuedCredentialRecord)

    /// The credential, reserved or issued.
    public var record: IssuedCredentialRecord {
        switch self {
        case .reserved(let record), .alreadyIssued(let record): record
        }
    }
}

/// The refusals both stores give, worded once.
package enum IssuanceRefusal {
    package static func listExists(_ id: String) -> String { "a status list with id \(id) exists already" }
    package static func badSize(_ size: Int) -> String {
        "a status list's size must be a positive multiple of 8 bits, not \(size)"
    }
    package static func unknownList(_ id: String) -> String { "there is no status list with id \(id)" }
    package static func listFull(_ id: String, size: Int) -> String {
        "the status list \(id) is full (all \(size) indices are taken); create another"
    }
    package static func idTaken(_ id: String) -> String { "the credential id \(id) is already another credential's" }
    package static func unknownCredential(_ id: String) -> String { "there is no issued credential with id \(id)" }
    package static func differentDocument(_ id: String) -> String {
        "the credential \(id) is issued already with another document; an issued credential is never replaced"
    }
    package static func notIssued(_ id: String) -> String {
        "the credential \(id) is only reserved (it was never issued), so there is nothing to revoke"
    }
    package static func alreadyRevoked(_ id: String) -> String { "the credential \(id) is already revoked" }
    package static func noStatusList(_ id: String) -> String {
        "the credential \(id) was issued without a status list, so it cannot be revoked by list"
    }
}
