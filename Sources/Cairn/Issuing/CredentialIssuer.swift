public import CairnCore
public import CairnCredentials
public import CairnIssuing
public import CairnStore
import CairnSyntax
import Foundation

/// Issues the credential a completed pathway awards: audits the learner, refuses with the audit
/// when the pathway is not complete, and otherwise writes a signed Open Badges 3.0
/// `OpenBadgeCredential`, recorded in the store so that each learner gets one credential per
/// pathway however often issuing runs.
///
/// The store reserves the credential's id and its status-list index before anything is signed,
/// and keeps the signed document once written: a run that stops between the two is finished by
/// the next one with the same id and index, and a run that finds the document written reports
/// the credential as already issued.
public struct CredentialIssuer: Sendable {
    /// One learner's outcome.
    public enum Outcome: Sendable {
        /// Issued now.
        case issued(IssuedCredential)
        /// Issued by an earlier run (or process): the store's record of it.
        case alreadyIssued(IssuedCredentialRecord)
    }

    public let workspace: Workspace
    public let key: SigningKey
    public let format: IssuedCredentialFormat
    /// The URL of a status list in the store that issued credentials get an entry in.
    public let statusList: String?
    /// The contexts a Data Integrity proof is computed with.
    public var contexts: JSONLDContextLibrary = .bundled

    /// An issuer signing with `key` in `format`.
    ///
    /// - Throws: ``IssuingFailure/refused(_:)`` when the key cannot sign that format (a Data
    ///   Integrity `eddsa-rdfc-2022` proof needs an Ed25519 key).
    public init(workspace: Workspace, key: SigningKey, format: IssuedCredentialFormat,
                statusList: String? = nil) throws(IssuingFailure) {
        if format == .openBadgesJSON, key.publicKey.kind != .ed25519 {
            throw .refused("an ob3-json credential carries an eddsa-rdfc-2022 proof, which needs an Ed25519 key; "
                           + "\(key.id) is \(key.publicKey.kindDescription): use --format vc-jwt (ES256) or an Ed25519 key")
        }
        self.workspace = workspace
        self.key = key
        self.format = format
        self.statusList = statusList
    }

    /// Issues `pathway`'s credential to the learner of `record`, when the audit on `asOf` proves
    /// the pathway complete.
    ///
    /// - Parameters:
    ///   - exceptions: registrar exceptions, applied as audits apply them.
    ///   - result: the learner's result on the awarded class's scale, if the issuer gives one.
    ///   - issuedAt: the moment of issuing (`2026-12-06T10:00:00Z`): the credential's
    ///     `awardedDate`, the proof's `created`, the store's record.
    ///   - store: where the credential is recorded, and the status list kept.
    /// - Throws: ``IssuingFailure/incomplete(_:)`` with the audit when the pathway is not
    ///   complete; ``IssuingFailure/refused(_:)`` for a request that cannot be met.
    public func issue(pathway: String, for record: LearnerRecord, asOf: CalendarDate,
                      exceptions: [RegistrarException] = [], result: String? = nil, issuedAt: String,
                      store: any Store) throws(IssuingFailure) -> Outcome {
        let (definition, awarded) = try awardedClass(of: pathway)
        try checkResult(result, for: awarded)
        let audit: Audit
        do {
            audit = try workspace.audit(pathway: pathway, for: record, exceptions: exceptions, asOf: asOf)
        } catch {
            throw .workspace(error)
        }
        let completion: StackCompletion
        do {
            completion = try StackCompletion(audit: audit, pathway: definition, record: record,
                                             catalog: workspace.catalog(for: record))
        } catch {
            switch error {
            case .incomplete(let audit): throw .incomplete(audit)
            case .awardsNothing, .unknownAwardedClass: throw .refused("\(error)")
            }
        }
        let reservation: IssuanceReservation
        do {
            reservation = try store.reserveIssuance(
                pathway: pathway, learner: record.learner, badgeClass: awarded.id,
                validFrom: completion.completedOn.description, issuedAt: issuedAt, format: format.rawValue,
                credentialID: "urn:uuid:" + UUID().uuidString.lowercased(), statusList: statusList)
        } catch {
            throw .store("\(error)")
        }
        let reserved: IssuedCredentialRecord
        switch reservation {
        case .alreadyIssued(let earlier): return .alreadyIssued(earlier)
        case .reserved(let record): reserved = record
        }
        var builder = OpenBadgeCredentialBuilder(issuer: awarded.issuer)
        if let list = reserved.statusList, let index = reserved.statusIndex { builder.status = (list, index) }
        let unsigned = builder.credential(for: completion, id: reserved.credentialID,
                                          recipient: CredentialRecipient(record: record, salt: Self.salt()),
                                          awardedAt: issuedAt, result: result, catalog: workspace.catalog(for: record))
        let text = try sign(unsigned, created: issuedAt)
        do {
            try store.completeIssuance(credentialID: reserved.credentialID, document: text)
        } catch {
            throw .store("\(error)")
        }
        return .issued(IssuedCredential(id: reserved.credentialID, learner: record.learner, pathway: pathway,
                                        badgeClass: awarded.id, format: format, text: text,
                                        statusList: reserved.statusList, statusIndex: reserved.statusIndex,
                                        completion: completion))
    }

    /// The pathway and the class it awards, checked against the key.
    func awardedClass(of pathway: String) throws(IssuingFailure) -> (Pathway, BadgeClass) {
        guard let definition = workspace.catalog.pathways[pathway] else {
            throw .workspace(.unknownID(kind: "pathway", id: pathway, known: workspace.catalog.sortedPathways.map(\.id)))
        }
        guard let awardedID = definition.awards else {
            let parts = definition.destinations.compactMap(\.awards) + definition.milestones.map(\.awards)
            throw .refused("pathway \(pathway) awards no badge (it has no `awards`), so there is nothing to issue"
                           + (parts.isEmpty ? "" : "; its destinations and milestones award "
                              + parts.joined(separator: ", ") + ": issue one with --award BADGE"))
        }
        guard let awarded = workspace.catalog.badgeClasses[awardedID] else {
            throw .refused("pathway \(pathway) awards \(awardedID), which no badge catalogue defines")
        }
        guard Self.keyBelongs(key.id, to: awarded.issuer.id) else {
            throw .refused("the key \(key.id) is not \(awarded.issuer.name)'s: \(awardedID) is issued by "
                           + "\(awarded.issuer.id), and verifiers accept a key for an issuer only when its id is "
                           + "the issuer's id or under it (or a did:key the issuer's catalogue lists); "
                           + "make one with `cairn keys generate --issuer \(awarded.issuer.id)`")
        }
        return (definition, awarded)
    }

    /// Whether a key id names a key of `issuer`: the issuer's id itself, under it, or a did:key
    /// (which the issuer's catalogue must list for verifiers to trust it).
    static func keyBelongs(_ keyID: String, to issuer: String) -> Bool {
        if keyID.hasPrefix("did:key:") { return true }
        let base = issuer.hasSuffix("/") ? String(issuer.dropLast()) : issuer
        return keyID == base || keyID.hasPrefix(base + "/") || keyID.hasPrefix(base + "#")
    }

    private func checkResult(_ result: String?, for badgeClass: BadgeClass) throws(IssuingFailure) {
        guard let result else { return }
        guard !badgeClass.resultScale.isEmpty else {
            throw .refused("\(badgeClass.id) has no result scale in its catalogue (`results:`), so it cannot be issued with a result")
        }
        guard badgeClass.resultScale.contains(result) else {
            throw .refused("\"\(result)\" is not on \(badgeClass.id)'s result scale ("
                           + badgeClass.resultScale.joined(separator: ", ") + ")"
                           + ClosestIDs.hint(for: result, among: badgeClass.resultScale))
        }
    }

    /// `credential` signed in this issuer's format, as written: pretty JSON with its proof, or a
    /// compact JWS (each ending in a newline). ``issue(pathway:for:asOf:exceptions:result:issuedAt:store:)``
    /// signs with it; it is public for programs that build or change a credential themselves.
    ///
    /// - Parameter created: the proof's `created` time (`2026-12-06T10:00:00Z`).
    public func sign(_ credential: JSONValue, created: String) throws(IssuingFailure) -> String {
        let node: JSONNode
        do {
            node = try JSONParser.parse(Array(credential.serialized(pretty: false).utf8), file: "credential")
        } catch {
            throw .refused("the credential Cairn built does not read back as JSON: \(error)")
        }
        do {
            switch format {
            case .openBadgesJSON:
                let signed = try DataIntegritySigner(contexts: contexts).sign(node, with: key, created: created, asSet: true)
                return signed.serialized(pretty: true) + "\n"
            case .verifiableCredentialJWT:
                return try VCJWTSigner().sign(node, with: key) + "\n"
            }
        } catch {
            throw .refused("signing failed: \(error)")
        }
    }

    /// A fresh salt for a hashed recipient: 16 random bytes as hex.
    static func salt() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<16).map { _ in
            let byte = UInt8.random(in: 0...255, using: &generator)
            return (byte < 16 ? "0" : "") + String(byte, radix: 16)
        }.joined()
    }
}
