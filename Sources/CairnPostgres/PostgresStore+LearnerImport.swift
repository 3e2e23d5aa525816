public import CairnStore
import CairnCore
import Foundation
import PostgresNIO

extension PostgresStore {
    /// The same contract as ``SQLiteStore/importEarnings(_:replacing:)``, done the way a shared
    /// database does it best: every row goes to a staging table with `COPY`, and the merge is a
    /// few set-based statements in the same transaction. Imports are serialised by an advisory
    /// lock, so the same file imported from two processes at once is imported once: the second
    /// finds every earning there and changes nothing.
    public func importEarnings(_ batches: [EarningBatch], replacing: Set<EarningOrigin>) throws -> LearnerImportReport {
        try writing { session in
            let staging = try LearnerStaging(session: session)
            for batch in batches { try staging.add(batch) }
            return try staging.merge(replacing: replacing)
        }
    }

    public func importEarnings(from stream: EarningStream) throws -> LearnerImportReport {
        do {
            return try writing { session in
                let staging = try LearnerStaging(session: session)
                while let segment = try stream.receive() {
                    let conflicts = segment.conflicts()
                    guard conflicts.isEmpty else { throw EarningConflicts(conflicts: conflicts) }
                    try staging.add(segment)
                }
                return try staging.merge(replacing: [])
            }
        } catch {
            stream.cancel()
            throw error
        }
    }
}

/// One import's work: learners are written batch by batch; the earnings of learners who have none
/// yet (a first import, or new learners) go straight into the earnings table with `COPY`; the
/// rest go to a staging table, merged set by set at the end so that changes are found and reported.
final class LearnerStaging {
    let session: PostgresSession
    private var nextEarning: Int64 = 0
    private var staged = false
    private var report = LearnerImportReport()
    private var files: [String: Int32] = [:]

    init(session: PostgresSession) throws {
        self.session = session
        try session.execute("SELECT pg_advisory_xact_lock(\(PostgresSchema.learnerImportLock))")
        try session.execute("""
            CREATE TEMPORARY TABLE import_learner (seq bigint, id text, name text, email text, file text, row integer,
                catalogue_year integer, enrolled integer) ON COMMIT DROP
            """)
        try session.execute("""
            CREATE TEMPORARY TABLE import_earning (seq bigint, learner text, badge text, issued integer, expires integer,
                revoked boolean, result text, result_is_number boolean, evidence text, credential_sha256 text,
                verification text, origin text, file text, row integer, credential_id text, status text) ON COMMIT DROP
            """)
    }

    /// Writes a batch's learners, then its earnings: straight into the store when none of its
    /// learners has earnings already and it states no earning twice, else into the staging table.
    func add(_ batch: EarningBatch) throws {
        let keys = try writeLearners(batch)
        let badges = try badgeKeys(batch.badgeClassIDs)
        let file = try fileKey(batch.file)
        if !keys.anyHasEarnings && !batch.hasRepeatedEarnings {
            report.added += try copyEarnings(batch, learners: keys.byID, badges: badges, file: file)
        } else {
            try stage(batch)
        }
    }

    /// Inserts the batch's new learners (in the order first seen) and updates the names, e-mails,
    /// catalogue years and enrolment dates it changes; returns every learner's key, and whether
    /// any already has earnings.
    private func writeLearners(_ batch: EarningBatch) throws -> (byID: [String: Int64], anyHasEarnings: Bool) {
        try session.execute("TRUNCATE import_learner")
        var seq: Int64 = 0
        try session.copy(into: "import_learner", columns: ["seq", "id", "name", "email", "file", "row",
                                                            "catalogue_year", "enrolled"]) { send in
            let file = CopyText.field(batch.file)
            for learner in batch.learnerValues {
                seq += 1
                try send("\(seq)\t\(CopyText.field(learner.id))\t\(CopyText.field(learner.name))\t"
                         + "\(CopyText.field(learner.email))\t\(file)\t\(CopyText.field(learner.line))\t"
                         + "\(CopyText.field(learner.catalogueYear))\t\(CopyText.field(learner.enrolled))\n")
            }
        }
        // What the batch says of each learner: the last name, e-mail, catalogue year and enrolment
        // date it gives, where it first names them.
        let folded = """
            SELECT id, min(seq) AS seq,
                (array_agg(name ORDER BY seq DESC) FILTER (WHERE name IS NOT NULL))[1] AS name,
                (array_agg(email ORDER BY seq DESC) FILTER (WHERE email IS NOT NULL))[1] AS email,
                (array_agg(catalogue_year ORDER BY seq DESC) FILTER (WHERE catalogue_year IS NOT NULL))[1] AS catalogue_year,
                (array_agg(enrolled ORDER BY seq DESC) FILTER (WHERE enrolled IS NOT NULL))[1] AS enrolled,
                (array_agg(file ORDER BY seq))[1] AS file, (array_agg(row ORDER BY seq))[1] AS row
            FROM import_learner GROUP BY id
            """
        report.learnersUpdated += try session.update("""
            UPDATE learner l SET name = coalesce(f.name, l.name), email = coalesce(f.email, l.email),
                catalogue_year = coalesce(f.catalogue_year, l.catalogue_year), enrolled = coalesce(f.enrolled, l.enrolled)
            FROM (\(unescaped: folded)) f
            WHERE l.id = f.id AND (coalesce(f.name, l.name), coalesce(f.email, l.email), coalesce(f.catalogue_year, l.catalogue_year),
                                   coalesce(f.enrolled, l.enrolled))
                IS DISTINCT FROM (l.name, l.email, l.catalogue_year, l.enrolled)
            """)
        report.learnersAdded += try session.update("""
            INSERT INTO learner (id, name, email, file, row, catalogue_year, enrolled)
            SELECT id, name, email, file, row, catalogue_year, enrolled FROM (\(unescaped: folded)) f ORDER BY seq
            ON CONFLICT (id) DO NOTHING
            """)
        var byID: [String: Int64] = [:]
        byID.reserveCapacity(Int(seq))
        var anyHasEarnings = false
        for row in try session.query("""
            SELECT l.id, l.key, EXISTS (SELECT 1 FROM earning e WHERE e.learner = l.key)
            FROM learner l WHERE l.id IN (SELECT id FROM import_learner)
            """) {
            let (id, key, hasEarnings) = try row.decode((String, Int64, Bool).self)
            byID[id] = key
            anyHasEarnings = anyHasEarnings || hasEarnings
        }
        return (byID, anyHasEarnings)
    }

    private func badgeKeys(_ ids: [String]) throws -> [Int32] {
        try session.query("INSERT INTO earning_badge (id) SELECT unnest(\(ids)::text[]) ON CONFLICT (id) DO NOTHING")
        var keys: [String: Int32] = [:]
        for row in try session.query("SELECT id, key FROM earning_badge WHERE id = ANY(\(ids)::text[])") {
            let (id, key) = try row.decode((String, Int32).self)
            keys[id] = key
        }
        return try ids.map { id in
            guard let key = keys[id] else { throw StoreError(path: session.location, reason: .database("badge class \(id) has no key")) }
            return key
        }
    }

    private func fileKey(_ path: String) throws -> Int32 {
        if let known = files[path] { return known }
        try session.query("INSERT INTO earning_file (path) VALUES (\(path)) ON CONFLICT (path) DO NOTHING")
        guard let key = try session.query("SELECT key FROM earning_file WHERE path = \(path)").first?.decode(Int32.self) else {
            throw StoreError(path: session.location, reason: .database("the file \(path) has no key"))
        }
        files[path] = key
        return key
    }

    /// COPYs a batch's earnings straight into the earnings table, keys resolved here: learners
    /// and classes by their places in the batch, the text written as bytes.
    private func copyEarnings(_ batch: EarningBatch, learners: [String: Int64], badges: [Int32], file: Int32) throws -> Int {
        let learnerKeys = try batch.learnerValues.map { learner in
            guard let key = learners[learner.id] else {
                throw StoreError(path: session.location, reason: .database("learner \(learner.id) has no key"))
            }
            return key
        }
        var count = 0
        try session.copyBytes(into: "earning", columns: ["learner", "badge", "issued", "expires", "revoked", "result",
                                                          "result_is_number", "evidence", "credential_sha256", "verification",
                                                          "origin", "file", "row", "credential_id", "status"]) { send in
            var buffer: [UInt8] = []
            buffer.reserveCapacity(1 << 16)
            let tab: UInt8 = 0x09
            for position in batch.positions {
                let values = batch.values(at: position)
                count += 1
                CopyText.append(learnerKeys[batch.learnerOrdinal(at: position)], to: &buffer)
                buffer.append(tab)
                CopyText.append(Int64(badges[batch.badgeOrdinal(at: position)]), to: &buffer)
                buffer.append(tab)
                CopyText.append(values.issued, to: &buffer)
                buffer.append(tab)
                CopyText.append(values.expires, to: &buffer)
                buffer.append(tab)
                buffer.append(values.revoked ? 0x74 : 0x66)
                buffer.append(tab)
                CopyText.append(values.result, to: &buffer)
                buffer.append(tab)
                buffer.append(values.resultIsNumber ? 0x74 : 0x66)
                buffer.append(tab)
                CopyText.append(values.evidence, to: &buffer)
                buffer.append(tab)
                CopyText.append(values.credentialSHA256, to: &buffer)
                buffer.append(tab)
                CopyText.append(values.verification, to: &buffer)
                buffer.append(tab)
                CopyText.append(values.origin, to: &buffer)
                buffer.append(tab)
                CopyText.append(Int64(file), to: &buffer)
                buffer.append(tab)
                CopyText.append(values.line, to: &buffer)
                buffer.append(tab)
                CopyText.append(values.credentialID, to: &buffer)
                buffer.append(tab)
                CopyText.append(values.status, to: &buffer)
                buffer.append(0x0A)
                if buffer.count >= 1 << 16 {
                    try send(buffer)
                    buffer.removeAll(keepingCapacity: true)
                }
            }
            try send(buffer)
        }
        return count
    }

    /// COPYs a batch's earnings into the staging table, to be merged at the end.
    private func stage(_ batch: EarningBatch) throws {
        staged = true
        let file = CopyText.field(batch.file)
        var earningSeq = nextEarning
        try session.copy(into: "import_earning", columns: ["seq", "learner", "badge", "issued", "expires", "revoked", "result",
                                                            "result_is_number", "evidence", "credential_sha256", "verification",
                                                            "origin", "file", "row", "credential_id", "status"]) { send in
            var buffer = ""
            buffer.reserveCapacity(1 << 16)
            for position in batch.positions {
                let values = batch.values(at: position)
                earningSeq += 1
                buffer += "\(earningSeq)\t"
                buffer += CopyText.field(values.learner)
                buffer += "\t"
                buffer += CopyText.field(values.badge)
                buffer += "\t\(values.issued)\t\(CopyText.field(values.expires))\t\(values.revoked ? "t" : "f")\t"
                buffer += CopyText.field(values.result)
                buffer += values.resultIsNumber ? "\tt\t" : "\tf\t"
                buffer += CopyText.field(values.evidence)
                buffer += "\t"
                buffer += CopyText.field(values.credentialSHA256)
                buffer += "\t"
                buffer += CopyText.field(values.verification)
                buffer += "\t\(values.origin)\t\(file)\t\(CopyText.field(values.line))\t"
                buffer += CopyText.field(values.credentialID)
                buffer += "\t"
                buffer += CopyText.field(values.status)
                buffer += "\n"
                if buffer.utf8.count >= 1 << 16 {
                    try send(buffer)
                    buffer.removeAll(keepingCapacity: true)
                }
            }
            try send(buffer)
        }
        nextEarning = earningSeq
    }

    /// Merges the staged rows into the store and reports what changed (with what the batches
    /// written straight in added).
    func merge(replacing: Set<EarningOrigin>) throws -> LearnerImportReport {
        var report = self.report
        guard staged || !replacing.isEmpty else { return report }
        // Each earning once (an exact repeat inside the import: the first stands), with its keys.
        try session.execute("""
            CREATE TEMPORARY TABLE import_keyed ON COMMIT DROP AS
            SELECT DISTINCT ON (l.key, b.key, s.issued)
                l.key AS learner, b.key AS badge, s.issued, s.expires, s.revoked, s.result, s.result_is_number, s.evidence,
                s.credential_sha256, s.verification, s.origin, f.key AS file, s.row, s.credential_id, s.status, s.seq
            FROM import_earning s JOIN learner l ON l.id = s.learner JOIN earning_badge b ON b.id = s.badge
            JOIN earning_file f ON f.path = s.file
            ORDER BY l.key, b.key, s.issued, s.seq
            """)
        try session.execute("CREATE INDEX ON import_keyed (learner, badge, issued)")
        try session.execute("ANALYZE import_keyed")
        // What differs from the store (provenance aside), before and after, in the import's order.
        let differing = try session.query("""
            SELECT \(unescaped: Self.columns(prefix: "e.", learner: "l.id", badge: "b.id", file: "ef.path")),
                   \(unescaped: Self.columns(prefix: "k.", learner: "l.id", badge: "b.id", file: "kf.path"))
            FROM import_keyed k JOIN earning e ON e.learner = k.learner AND e.badge = k.badge AND e.issued = k.issued
            JOIN learner l ON l.key = k.learner JOIN earning_badge b ON b.key = k.badge
            JOIN earning_file ef ON ef.key = e.file JOIN earning_file kf ON kf.key = k.file
            WHERE (e.expires, e.revoked, e.result, e.result_is_number, e.evidence, e.credential_sha256, e.verification,
                   e.credential_id, e.status)
                IS DISTINCT FROM (k.expires, k.revoked, k.result, k.result_is_number, k.evidence, k.credential_sha256, k.verification,
                                  k.credential_id, k.status)
            ORDER BY k.seq
            """)
        for row in differing {
            let (before, after) = try Self.pair(row)
            if after.earning.revoked && !before.earning.revoked {
                report.revoked.append(after)
            } else {
                report.changed.append(EarningChange(before: before, after: after))
            }
        }
        let matched = try session.query("""
            SELECT count(*) FROM import_keyed k JOIN earning e ON e.learner = k.learner AND e.badge = k.badge AND e.issued = k.issued
            """).first?.decode(Int64.self) ?? 0
        report.unchanged = Int(matched) - differing.count
        try session.execute("""
            UPDATE earning e SET expires = k.expires, revoked = k.revoked, result = k.result, result_is_number = k.result_is_number,
                evidence = k.evidence, credential_sha256 = k.credential_sha256, verification = k.verification,
                origin = k.origin, file = k.file, row = k.row, credential_id = k.credential_id, status = k.status
            FROM import_keyed k
            WHERE e.learner = k.learner AND e.badge = k.badge AND e.issued = k.issued
              AND (e.expires, e.revoked, e.result, e.result_is_number, e.evidence, e.credential_sha256, e.verification,
                   e.credential_id, e.status)
                IS DISTINCT FROM (k.expires, k.revoked, k.result, k.result_is_number, k.evidence, k.credential_sha256, k.verification,
                                  k.credential_id, k.status)
            """)
        report.added += try session.update("""
            INSERT INTO earning (learner, badge, issued, expires, revoked, result, result_is_number, evidence, credential_sha256,
                                 verification, origin, file, row, credential_id, status)
            SELECT learner, badge, issued, expires, revoked, result, result_is_number, evidence, credential_sha256,
                   verification, origin, file, row, credential_id, status
            FROM import_keyed ORDER BY learner, badge, issued
            ON CONFLICT (learner, badge, issued) DO NOTHING
            """)
        if !replacing.isEmpty {
            let origins = replacing.map(\.rawValue).sorted()
            let removed = try session.query("""
                WITH gone AS (
                    DELETE FROM earning e WHERE e.origin = ANY(\(origins))
                      AND NOT EXISTS (SELECT 1 FROM import_keyed k WHERE k.learner = e.learner AND k.badge = e.badge AND k.issued = e.issued)
                    RETURNING e.*
                )
                SELECT \(unescaped: Self.columns(prefix: "g.", learner: "l.id", badge: "b.id", file: "f.path"))
                FROM gone g JOIN learner l ON l.key = g.learner JOIN earning_badge b ON b.key = g.badge JOIN earning_file f ON f.key = g.file
                ORDER BY g.learner, g.badge, g.issued
                """)
            report.removed = try removed.map { try PostgresStore.earning($0).stored }
        }
        return report
    }

    private static func columns(prefix: String, learner: String, badge: String, file: String) -> String {
        "\(learner), \(badge), \(prefix)issued, \(prefix)expires, \(prefix)revoked, \(prefix)result, \(prefix)result_is_number, "
            + "\(prefix)evidence, \(prefix)credential_sha256, \(prefix)verification, \(prefix)origin, \(file), \(prefix)row, "
            + "\(prefix)credential_id, \(prefix)status"
    }

    /// A row of two earnings' columns side by side.
    private static func pair(_ row: PostgresRow) throws -> (StoredEarning, StoredEarning) {
        let cells = PostgresRandomAccessRow(row)
        func values(_ offset: Int) throws -> EarningValues {
            func cell(_ index: Int) -> PostgresCell { cells[offset + index] }
            var values = EarningValues(
                learner: try cell(0).decode(String.self), badge: try cell(1).decode(String.self),
                issued: Int64(try cell(2).decode(Int32.self)), expires: try cell(3).decode(Int32?.self).map(Int64.init),
                revoked: try cell(4).decode(Bool.self), result: try cell(5).decode(String?.self),
                resultIsNumber: try cell(6).decode(Bool.self), evidence: try cell(7).decode(String?.self),
                credentialSHA256: try cell(8).decode(String?.self), verification: try cell(9).decode(String?.self),
                origin: try cell(10).decode(String.self), file: try cell(11).decode(String.self),
                line: try cell(12).decode(Int32?.self).map(Int64.init))
            values.credentialID = try cell(13).decode(String?.self)
            values.status = try cell(14).decode(String?.self)
            return values
        }
        return (try values(0).stored, try values(15).stored)
    }
}
