import Foundation
import GRDB

/// Every write is one immediate transaction: SQLite has one writer at a time, so a reservation's
/// look-up, insert and index move cannot interleave with another process's.
extension SQLiteStore {
    @discardableResult
    public func createStatusList(id: String, issuer: String, purpose: String, size: Int) throws -> StatusListRecord {
        guard size > 0, size % 8 == 0 else { throw refused(IssuanceRefusal.badSize(size)) }
        let list = StatusListRecord(id: id, issuer: issuer, purpose: purpose, size: size,
                                    bits: [UInt8](repeating: 0, count: size / 8), nextIndex: 0)
        try writing { db in
            if try Self.statusList(db, id) != nil { throw refused(IssuanceRefusal.listExists(id)) }
            try db.execute(sql: """
                INSERT INTO status_list (id, issuer, purpose, size, bits, nextIndex) VALUES (?, ?, ?, ?, ?, 0)
                """, arguments: [id, issuer, purpose, size, Data(list.bits)])
        }
        return list
    }

    public func statusList(_ id: String) throws -> StatusListRecord? {
        try reading { db in try Self.statusList(db, id) }
    }

    public func statusLists() throws -> [StatusListRecord] {
        try reading { db in try Row.fetchAll(db, sql: "SELECT * FROM status_list ORDER BY id").map(Self.listRecord) }
    }

    public func reserveIssuance(pathway: String, learner: String, badgeClass: String, validFrom: String, issuedAt: String,
                                format: String, credentialID: String, statusList: String?) throws -> IssuanceReservation {
        try writing { db in
            if let existing = try Self.issued(db, pathway: pathway, learner: learner) {
                return existing.document == nil ? .reserved(existing) : .alreadyIssued(existing)
            }
            var index: Int?
            if let statusList {
                guard let list = try Self.statusList(db, statusList) else { throw refused(IssuanceRefusal.unknownList(statusList)) }
                guard !list.isFull else { throw refused(IssuanceRefusal.listFull(statusList, size: list.size)) }
                index = list.nextIndex
            }
            if try Self.issuedCredential(db, credentialID) != nil { throw refused(IssuanceRefusal.idTaken(credentialID)) }
            let record = IssuedCredentialRecord(credentialID: credentialID, pathway: pathway, learner: learner,
                                                badgeClass: badgeClass, validFrom: validFrom, issuedAt: issuedAt, format: format,
                                                statusList: statusList, statusIndex: index)
            try db.execute(sql: """
                INSERT INTO issued_credential (credentialID, pathway, learner, badgeClass, validFrom, issuedAt, format,
                                               statusList, statusIndex)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [credentialID, pathway, learner, badgeClass, validFrom, issuedAt, format, statusList, index])
            if let statusList {
                try db.execute(sql: "UPDATE status_list SET nextIndex = nextIndex + 1 WHERE id = ?", arguments: [statusList])
            }
            return .reserved(record)
        }
    }

    public func completeIssuance(credentialID: String, document: String) throws {
        try writing { db in
            guard let record = try Self.issuedCredential(db, credentialID) else {
                throw refused(IssuanceRefusal.unknownCredential(credentialID))
            }
            if let stored = record.document {
                guard stored == document else { throw refused(IssuanceRefusal.differentDocument(credentialID)) }
                return
            }
            try db.execute(sql: "UPDATE issued_credential SET document = ? WHERE credentialID = ? AND document IS NULL",
                           arguments: [document, credentialID])
        }
    }

    public func issuedCredential(_ id: String) throws -> IssuedCredentialRecord? {
        try reading { db in try Self.issuedCredential(db, id) }
    }

    public func issuedCredentials(pathway: String?, learner: String?) throws -> [IssuedCredentialRecord] {
        try reading { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM issued_credential WHERE (?1 IS NULL OR pathway = ?1) AND (?2 IS NULL OR learner = ?2)
                ORDER BY issuedAt, credentialID
                """, arguments: [pathway, learner]).map(Self.credentialRecord)
        }
    }

    @discardableResult
    public func revokeIssued(credentialID: String, reason: String?, updatedAt: String,
                             resign: (StatusListRecord) throws -> String) throws -> StatusListRecord {
        try writing { db in
            guard let record = try Self.issuedCredential(db, credentialID) else {
                throw refused(IssuanceRefusal.unknownCredential(credentialID))
            }
            guard record.document != nil else { throw refused(IssuanceRefusal.notIssued(credentialID)) }
            guard !record.revoked else { throw refused(IssuanceRefusal.alreadyRevoked(credentialID)) }
            guard let listID = record.statusList, let index = record.statusIndex,
                  var list = try Self.statusList(db, listID) else { throw refused(IssuanceRefusal.noStatusList(credentialID)) }
            list.setBit(at: index)
            // Signed inside the transaction: should it throw, the transaction rolls back and nothing changes.
            list.signedCredential = try resign(list)
            list.updatedAt = updatedAt
            try db.execute(sql: "UPDATE issued_credential SET revoked = 1, revocationReason = ? WHERE credentialID = ?",
                           arguments: [reason, credentialID])
            try db.execute(sql: "UPDATE status_list SET bits = ?, signedCredential = ?, updatedAt = ? WHERE id = ?",
                           arguments: [Data(list.bits), list.signedCredential, updatedAt, listID])
            return list
        }
    }

    public func storeSignedStatusList(id: String, signedCredential: String, updatedAt: String) throws {
        try writing { db in
            try db.execute(sql: "UPDATE status_list SET signedCredential = ?, updatedAt = ? WHERE id = ?",
                           arguments: [signedCredential, updatedAt, id])
            guard db.changesCount == 1 else { throw refused(IssuanceRefusal.unknownList(id)) }
        }
    }

    private func refused(_ why: String) -> StoreError {
        StoreError(path: path, reason: .refused(why))
    }

    private static func statusList(_ db: Database, _ id: String) throws -> StatusListRecord? {
        try Row.fetchOne(db, sql: "SELECT * FROM status_list WHERE id = ?", arguments: [id]).map(listRecord)
    }

    private static func issuedCredential(_ db: Database, _ id: String) throws -> IssuedCredentialRecord? {
        try Row.fetchOne(db, sql: "SELECT * FROM issued_credential WHERE credentialID = ?", arguments: [id]).map(credentialRecord)
    }

    private static func issued(_ db: Database, pathway: String, learner: String) throws -> IssuedCredentialRecord? {
        try Row.fetchOne(db, sql: "SELECT * FROM issued_credential WHERE pathway = ? AND learner = ?",
                         arguments: [pathway, learner]).map(credentialRecord)
    }

    private static func listRecord(_ row: Row) -> StatusListRecord {
        let bits: Data = row["bits"]
        return StatusListRecord(id: row["id"], issuer: row["issuer"], purpose: row["purpose"], size: row["size"],
                                bits: [UInt8](bits), nextIndex: row["nextIndex"], signedCredential: row["signedCredential"],
                                updatedAt: row["updatedAt"])
    }

    private static func credentialRecord(_ row: Row) -> IssuedCredentialRecord {
        IssuedCredentialRecord(credentialID: row["credentialID"], pathway: row["pathway"], learner: row["learner"],
                               badgeClass: row["badgeClass"], validFrom: row["validFrom"], issuedAt: row["issuedAt"],
                               format: row["format"], statusList: row["statusList"], statusIndex: row["statusIndex"],
                               document: row["document"], revoked: row["revoked"], revocationReason: row["revocationReason"])
    }
}
