public import CairnStore
import Foundation
import PostgresNIO

/// Reservations and revocations lock their status list's row (`FOR UPDATE`) for their
/// transaction: processes reserving from one list at once take its indices in turn, and a
/// revocation's bits and re-signed credential are never overwritten by another's. A reservation
/// inserts with `ON CONFLICT (pathway, learner) DO NOTHING`, so two processes reserving the same
/// learner's credential at once — even from different lists — make one row, and the one that
/// lost the race answers with the winner's.
extension PostgresStore {
    @discardableResult
    public func createStatusList(id: String, issuer: String, purpose: String, size: Int) throws -> StatusListRecord {
        guard size > 0, size % 8 == 0 else { throw refused(IssuanceRefusal.badSize(size)) }
        let list = StatusListRecord(id: id, issuer: issuer, purpose: purpose, size: size,
                                    bits: [UInt8](repeating: 0, count: size / 8), nextIndex: 0)
        try writing { session in
            let inserted = try session.update("""
                INSERT INTO status_list (id, issuer, purpose, size, bits, next_index)
                VALUES (\(id), \(issuer), \(purpose), \(size), \(ByteBuffer(bytes: list.bits)), 0)
                ON CONFLICT (id) DO NOTHING
                """)
            guard inserted == 1 else { throw refused(IssuanceRefusal.listExists(id)) }
        }
        return list
    }

    public func statusList(_ id: String) throws -> StatusListRecord? {
        try withSession { session in try Self.statusList(session, id, locking: false) }
    }

    public func statusLists() throws -> [StatusListRecord] {
        try withSession { session in
            try session.query("SELECT \(unescaped: Self.listColumns) FROM status_list ORDER BY id").map(Self.listRecord)
        }
    }

    public func reserveIssuance(pathway: String, learner: String, badgeClass: String, validFrom: String, issuedAt: String,
                                format: String, credentialID: String, statusList: String?) throws -> IssuanceReservation {
        try writing { session in
            func existing() throws -> IssuanceReservation? {
                try session.query("""
                    SELECT \(unescaped: Self.credentialColumns) FROM issued_credential
                    WHERE pathway = \(pathway) AND learner = \(learner)
                    """).first.map(Self.credentialRecord).map { $0.document == nil ? .reserved($0) : .alreadyIssued($0) }
            }
            if let found = try existing() { return found }
            var index: Int?
            if let statusList {
                guard let list = try Self.statusList(session, statusList, locking: true) else {
                    throw refused(IssuanceRefusal.unknownList(statusList))
                }
                // Another process may have reserved this pair while this one waited for the lock.
                if let found = try existing() { return found }
                guard !list.isFull else { throw refused(IssuanceRefusal.listFull(statusList, size: list.size)) }
                index = list.nextIndex
            }
            if try !session.query("SELECT 1 FROM issued_credential WHERE credential_id = \(credentialID)").isEmpty {
                throw refused(IssuanceRefusal.idTaken(credentialID))
            }
            let inserted = try session.update("""
                INSERT INTO issued_credential (credential_id, pathway, learner, badge_class, valid_from, issued_at, format,
                                               status_list, status_index)
                VALUES (\(credentialID), \(pathway), \(learner), \(badgeClass), \(validFrom), \(issuedAt), \(format),
                        \(statusList), \(index))
                ON CONFLICT (pathway, learner) DO NOTHING
                """)
            guard inserted == 1 else {
                // The race was lost to a transaction that has committed since: its row is the pair's.
                guard let found = try existing() else {
                    throw StoreError(path: location, reason: .database("the credential of \(pathway) for \(learner) vanished"))
                }
                return found
            }
            if let statusList {
                try session.query("UPDATE status_list SET next_index = next_index + 1 WHERE id = \(statusList)")
            }
            return .reserved(IssuedCredentialRecord(credentialID: credentialID, pathway: pathway, learner: learner,
                                                    badgeClass: badgeClass, validFrom: validFrom, issuedAt: issuedAt,
                                                    format: format, statusList: statusList, statusIndex: index))
        }
    }

    public func completeIssuance(credentialID: String, document: String) throws {
        try writing { session in
            guard let record = try Self.issuedCredential(session, credentialID, locking: true) else {
                throw refused(IssuanceRefusal.unknownCredential(credentialID))
            }
            if let stored = record.document {
                guard stored == document else { throw refused(IssuanceRefusal.differentDocument(credentialID)) }
                return
            }
            try session.query("""
                UPDATE issued_credential SET document = \(document) WHERE credential_id = \(credentialID) AND document IS NULL
                """)
        }
    }

    public func issuedCredential(_ id: String) throws -> IssuedCredentialRecord? {
        try withSession { session in try Self.issuedCredential(session, id, locking: false) }
    }

    public func issuedCredentials(pathway: String?, learner: String?) throws -> [IssuedCredentialRecord] {
        try withSession { session in
            try session.query("""
                SELECT \(unescaped: Self.credentialColumns) FROM issued_credential
                WHERE (\(pathway)::text IS NULL OR pathway = \(pathway)) AND (\(learner)::text IS NULL OR learner = \(learner))
                ORDER BY issued_at, credential_id
                """).map(Self.credentialRecord)
        }
    }

    @discardableResult
    public func revokeIssued(credentialID: String, reason: String?, updatedAt: String,
                             resign: (StatusListRecord) throws -> String) throws -> StatusListRecord {
        try writing { session in
            guard let found = try Self.issuedCredential(session, credentialID, locking: false) else {
                throw refused(IssuanceRefusal.unknownCredential(credentialID))
            }
            guard found.document != nil else { throw refused(IssuanceRefusal.notIssued(credentialID)) }
            guard !found.revoked else { throw refused(IssuanceRefusal.alreadyRevoked(credentialID)) }
            guard let listID = found.statusList, found.statusIndex != nil else {
                throw refused(IssuanceRefusal.noStatusList(credentialID))
            }
            // The list first, then the credential: every writer that takes both takes them in this
            // order. Read again under the locks: another revocation may have committed meanwhile.
            guard var list = try Self.statusList(session, listID, locking: true),
                  let record = try Self.issuedCredential(session, credentialID, locking: true),
                  let index = record.statusIndex else { throw refused(IssuanceRefusal.noStatusList(credentialID)) }
            guard !record.revoked else { throw refused(IssuanceRefusal.alreadyRevoked(credentialID)) }
            list.setBit(at: index)
            // Signed inside the transaction: should it throw, the transaction rolls back and nothing changes.
            list.signedCredential = try resign(list)
            list.updatedAt = updatedAt
            try session.query("""
                UPDATE issued_credential SET revoked = true, revocation_reason = \(reason) WHERE credential_id = \(credentialID)
                """)
            try session.query("""
                UPDATE status_list SET bits = \(ByteBuffer(bytes: list.bits)), signed_credential = \(list.signedCredential),
                    updated_at = \(updatedAt)
                WHERE id = \(listID)
                """)
            return list
        }
    }

    public func storeSignedStatusList(id: String, signedCredential: String, updatedAt: String) throws {
        try writing { session in
            let changed = try session.update("""
                UPDATE status_list SET signed_credential = \(signedCredential), updated_at = \(updatedAt) WHERE id = \(id)
                """)
            guard changed == 1 else { throw refused(IssuanceRefusal.unknownList(id)) }
        }
    }

    private func refused(_ why: String) -> StoreError {
        StoreError(path: location, reason: .refused(why))
    }

    private static let listColumns = "id, issuer, purpose, size, bits, next_index, signed_credential, updated_at"

    private static let credentialColumns = """
        credential_id, pathway, learner, badge_class, valid_from, issued_at, format, status_list, status_index, document,
        revoked, revocation_reason
        """

    private static func statusList(_ session: PostgresSession, _ id: String, locking: Bool) throws -> StatusListRecord? {
        try session.query("""
            SELECT \(unescaped: listColumns) FROM status_list WHERE id = \(id)\(unescaped: locking ? " FOR UPDATE" : "")
            """).first.map(listRecord)
    }

    private static func issuedCredential(_ session: PostgresSession, _ id: String, locking: Bool) throws -> IssuedCredentialRecord? {
        try session.query("""
            SELECT \(unescaped: credentialColumns) FROM issued_credential
            WHERE credential_id = \(id)\(unescaped: locking ? " FOR UPDATE" : "")
            """).first.map(credentialRecord)
    }

    private static func listRecord(_ row: PostgresRow) throws -> StatusListRecord {
        let (id, issuer, purpose, size, bits, next, signed, updated) =
            try row.decode((String, String, String, Int32, ByteBuffer, Int32, String?, String?).self)
        return StatusListRecord(id: id, issuer: issuer, purpose: purpose, size: Int(size), bits: Array(bits.readableBytesView),
                                nextIndex: Int(next), signedCredential: signed, updatedAt: updated)
    }

    private static func credentialRecord(_ row: PostgresRow) throws -> IssuedCredentialRecord {
        let (id, pathway, learner, badgeClass, validFrom, issuedAt, format, list, index, document, revoked, reason) =
            try row.decode((String, String, String, String, String, String, String, String?, Int32?, String?, Bool, String?).self)
        return IssuedCredentialRecord(credentialID: id, pathway: pathway, learner: learner, badgeClass: badgeClass,
                                      validFrom: validFrom, issuedAt: issuedAt, format: format, statusList: list,
                                      statusIndex: index.map(Int.init), document: document, revoked: revoked,
                                      revocationReason: reason)
    }
}
