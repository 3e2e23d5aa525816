import CairnCore
import CairnStore
import PostgresNIO

/// One framework import into PostgreSQL. The reader's pieces stream through one `COPY` into a
/// temporary staging table, one row a piece in arrival order; when the reader returns, a few
/// set-based statements replace the frameworks it named: concepts get their keys, repeated
/// skill and occupation records are merged, labels, relations and broader links that do not
/// belong to a skill or occupation are dropped — the rules of the SQLite store's import, applied
/// to whole tables rather than row by row. All of it runs in the caller's transaction.
enum PostgresFrameworkImport {
    /// The key of the advisory lock every framework import or removal holds until it commits:
    /// two imports of one framework replace it one after the other, as SQLite's single writer does.
    static let lock: Int64 = 0x6361_6972_6e5f_6677

    /// What a staging row is.
    enum Piece: Int {
        case skill = 0, occupation, label, broader, relation
    }

    static let staging = "cairn_framework_import"

    /// `concept` is the piece's subject (the skill, occupation, labelled concept, narrower skill
    /// or occupation); `other` the broader skill or the needed skill.
    static let columns = [
        "seq", "framework", "piece", "concept", "other", "kind", "language", "text", "words", "tail", "code",
        "skill_type", "reuse_level", "description", "category", "levels", "isco_group",
    ]

    static let createStaging = """
        CREATE TEMPORARY TABLE \(staging) (
            seq bigint NOT NULL,
            framework text COLLATE "C" NOT NULL,
            piece smallint NOT NULL,
            concept text COLLATE "C" NOT NULL,
            other text COLLATE "C",
            kind smallint,
            language text COLLATE "C",
            text text,
            words tsvector,
            tail text COLLATE "C",
            code text COLLATE "C",
            skill_type text,
            reuse_level text,
            description text,
            category text,
            levels text,
            isco_group text
        ) ON COMMIT DROP
        """

    /// Streams what `read` sends into the staging table, then writes the frameworks it named.
    static func run(_ session: PostgresSession, importedAt: String?,
                    _ read: (inout any FrameworkSink) throws -> Void) throws -> [ImportSummary] {
        try session.execute("SELECT pg_advisory_xact_lock(\(lock))")
        try session.execute(createStaging)
        let writer = PostgresFrameworkWriter()
        try session.copy(into: staging, columns: columns) { send in
            try withoutActuallyEscaping(send) { send in
                writer.open(send)
                // Closed whatever happens: a sink the reader kept refuses pieces from now on.
                defer { writer.close() }
                var sink: any FrameworkSink = writer
                try read(&sink)
            }
        }
        let progress = writer.progress
        guard !progress.order.isEmpty else { throw StoreError(path: session.location, reason: .noFrameworkHeader) }
        try session.execute("ANALYZE \(staging)")
        try remove(progress.order, session)
        for id in progress.order {
            let header = progress.headers[id] ?? FrameworkHeader(id: id, name: id)
            try session.query("""
                INSERT INTO framework (id, name, version, source, imported_at)
                VALUES (\(id), \(header.name), \(header.version), \(header.source), \(importedAt))
                """)
        }
        try writeConcepts(session)
        try writeLabels(session)
        return try count(progress.order, session)
    }

    /// Keys for what the frameworks keep: skills and occupations, and what relations and
    /// broader links of theirs point to. Then skills and occupations, each record merged with
    /// the ones sent before it for the same id (a later value wins, an absent one keeps the earlier).
    private static func writeConcepts(_ session: PostgresSession) throws {
        try session.execute("""
            INSERT INTO concept (framework, id)
            SELECT framework, concept FROM \(staging) WHERE piece IN (\(Piece.skill.rawValue), \(Piece.occupation.rawValue))
            UNION
            SELECT p.framework, p.other FROM \(staging) p
            WHERE p.piece = \(Piece.relation.rawValue) AND EXISTS (
                SELECT 1 FROM \(staging) o
                WHERE o.piece = \(Piece.occupation.rawValue) AND o.framework = p.framework AND o.concept = p.concept)
            UNION
            SELECT p.framework, p.other FROM \(staging) p
            WHERE p.piece = \(Piece.broader.rawValue) AND EXISTS (
                SELECT 1 FROM \(staging) s
                WHERE s.piece = \(Piece.skill.rawValue) AND s.framework = p.framework AND s.concept = p.concept)
            ORDER BY 1, 2
            """)
        func latest(_ column: String) -> String {
            "(array_agg(\(column) ORDER BY seq DESC) FILTER (WHERE \(column) IS NOT NULL))[1]"
        }
        try session.execute("""
            INSERT INTO skill (key, framework, id, code, skill_type, reuse_level, description, category, levels, tail)
            SELECT c.key, s.framework, s.concept, s.code, s.skill_type, s.reuse_level, s.description, s.category,
                s.levels, s.tail
            FROM (
                SELECT framework, concept, \(latest("code")) AS code, \(latest("skill_type")) AS skill_type,
                    \(latest("reuse_level")) AS reuse_level, \(latest("description")) AS description,
                    \(latest("category")) AS category,
                    coalesce((array_agg(levels ORDER BY seq DESC) FILTER (WHERE levels <> ''))[1], '') AS levels,
                    min(tail) AS tail
                FROM \(staging) WHERE piece = \(Piece.skill.rawValue) GROUP BY framework, concept
            ) s
            JOIN concept c ON c.framework = s.framework AND c.id = s.concept
            """)
        try session.execute("""
            INSERT INTO occupation (key, framework, id, isco_group, description)
            SELECT c.key, o.framework, o.concept, o.isco_group, o.description
            FROM (
                SELECT framework, concept, \(latest("isco_group")) AS isco_group, \(latest("description")) AS description
                FROM \(staging) WHERE piece = \(Piece.occupation.rawValue) GROUP BY framework, concept
            ) o
            JOIN concept c ON c.framework = o.framework AND c.id = o.concept
            """)
        // The joins that follow look concepts up by id: plan them on the tables as they are now,
        // not as they were before the import (empty, for a first import).
        try session.execute("ANALYZE concept, skill, occupation")
    }

    /// Labels of skills and occupations, in arrival order (so `id` order is import order, as
    /// reads expect); relations of occupations and broader links of skills, each once, in the
    /// order of its first arrival.
    private static func writeLabels(_ session: PostgresSession) throws {
        try session.execute("""
            INSERT INTO label (concept, kind, language, text, words)
            SELECT c.key, p.kind, p.language, p.text, p.words
            FROM \(staging) p JOIN concept c ON c.framework = p.framework AND c.id = p.concept
            WHERE p.piece = \(Piece.label.rawValue)
            AND (EXISTS (SELECT 1 FROM skill s WHERE s.key = c.key) OR EXISTS (SELECT 1 FROM occupation o WHERE o.key = c.key))
            ORDER BY p.seq
            """)
        try session.execute("""
            INSERT INTO relation (occupation, skill, kind)
            SELECT o.key, c.key, p.kind
            FROM \(staging) p
            JOIN concept o ON o.framework = p.framework AND o.id = p.concept
            JOIN concept c ON c.framework = p.framework AND c.id = p.other
            WHERE p.piece = \(Piece.relation.rawValue) AND EXISTS (SELECT 1 FROM occupation x WHERE x.key = o.key)
            GROUP BY o.key, c.key, p.kind ORDER BY min(p.seq)
            """)
        try session.execute("""
            INSERT INTO broader (narrower, broader)
            SELECT s.key, c.key
            FROM \(staging) p
            JOIN concept s ON s.framework = p.framework AND s.id = p.concept
            JOIN concept c ON c.framework = p.framework AND c.id = p.other
            WHERE p.piece = \(Piece.broader.rawValue) AND EXISTS (SELECT 1 FROM skill x WHERE x.key = s.key)
            GROUP BY s.key, c.key ORDER BY min(p.seq)
            """)
    }

    /// Records what each framework holds, and returns it in the order the reader began them.
    private static func count(_ order: [String], _ session: PostgresSession) throws -> [ImportSummary] {
        let rows = try session.query("""
            UPDATE framework f SET
                skill_count = (SELECT count(*) FROM skill s WHERE s.framework = f.id),
                occupation_count = (SELECT count(*) FROM occupation o WHERE o.framework = f.id),
                relation_count = (SELECT count(*) FROM relation r JOIN occupation o ON o.key = r.occupation
                                  WHERE o.framework = f.id),
                label_count = (SELECT count(*) FROM label l JOIN concept c ON c.key = l.concept WHERE c.framework = f.id),
                broader_count = (SELECT count(*) FROM broader b JOIN skill s ON s.key = b.narrower WHERE s.framework = f.id)
            WHERE f.id = ANY(\(order))
            RETURNING f.id, f.name, f.version, f.skill_count, f.occupation_count, f.relation_count, f.label_count,
                f.broader_count
            """)
        var summaries: [String: ImportSummary] = [:]
        for row in rows {
            let (id, name, version, skills, occupations, relations, labels, broader) =
                try row.decode((String, String, String?, Int, Int, Int, Int, Int).self)
            summaries[id] = ImportSummary(framework: id, name: name, version: version, skills: skills,
                                          occupations: occupations, relations: relations, labels: labels,
                                          broaderLinks: broader)
        }
        return order.compactMap { summaries[$0] }
    }

    /// Removes frameworks and everything of theirs.
    static func remove(_ ids: [String], _ session: PostgresSession) throws {
        try session.query("DELETE FROM label WHERE concept IN (SELECT key FROM concept WHERE framework = ANY(\(ids)))")
        try session.query("DELETE FROM relation WHERE occupation IN (SELECT key FROM concept WHERE framework = ANY(\(ids)))")
        try session.query("DELETE FROM broader WHERE narrower IN (SELECT key FROM concept WHERE framework = ANY(\(ids)))")
        try session.query("DELETE FROM skill WHERE framework = ANY(\(ids))")
        try session.query("DELETE FROM occupation WHERE framework = ANY(\(ids))")
        try session.query("DELETE FROM concept WHERE framework = ANY(\(ids))")
        try session.query("DELETE FROM framework WHERE id = ANY(\(ids))")
    }
}

/// The sink a PostgreSQL import hands its reader: turns each piece into a staging row in
/// `COPY`'s text format. Valid only while its import's `COPY` runs: it holds the `COPY`'s
/// sender until then, and refuses pieces after.
final class PostgresFrameworkWriter: FrameworkSink {
    private(set) var progress = FrameworkImportProgress()
    private var send: ((String) throws -> Void)?
    private var sequence: Int64 = 0
    private var line = ""

    func open(_ send: @escaping (String) throws -> Void) {
        self.send = send
    }

    func close() {
        send = nil
        progress.close()
    }

    func begin(_ header: FrameworkHeader) throws {
        _ = try progress.begin(header)
    }

    func skill(_ record: SkillRecord) throws {
        try write(.skill, record.id, tail: SkillCodes.tail(of: record.id), code: record.code, skillType: record.skillType,
                  reuseLevel: record.reuseLevel, description: record.description, category: record.category,
                  levels: StoredKind.levelsText(record.levels))
    }

    func occupation(_ record: OccupationRecord) throws {
        try write(.occupation, record.id, description: record.description, iscoGroup: record.iscoGroup)
    }

    func label(_ label: ConceptLabel) throws {
        try write(.label, label.concept, kind: StoredKind.code(label.kind), language: label.language, text: label.text,
                  words: Self.tsvector(SkillSearchQuery.foldedWords(in: label.text)))
    }

    func broader(narrower: String, broader: String) throws {
        try write(.broader, narrower, other: broader)
    }

    func relation(occupation: String, skill: String, kind: SkillRelationKind) throws {
        try write(.relation, occupation, other: skill, kind: StoredKind.code(kind))
    }

    /// Nothing to do: the import completes when the reader returns.
    func finish() throws {}

    /// One staging row; absent fields are NULL.
    private func write(_ piece: PostgresFrameworkImport.Piece, _ concept: String, other: String? = nil, kind: Int? = nil,
                       language: String? = nil, text: String? = nil, words: String? = nil, tail: String? = nil,
                       code: String? = nil, skillType: String? = nil, reuseLevel: String? = nil,
                       description: String? = nil, category: String? = nil, levels: String? = nil,
                       iscoGroup: String? = nil) throws {
        let framework = try progress.framework()
        // Never nil while the import is open: the writer is opened before the reader runs.
        guard let send else { return }
        sequence += 1
        line.removeAll(keepingCapacity: true)
        line += String(sequence)
        for field in [framework, String(piece.rawValue), concept, other, kind.map(String.init), language, text, words,
                      tail, code, skillType, reuseLevel, description, category, levels, iscoGroup] {
            line += "\t"
            line += CopyText.field(field)
        }
        line += "\n"
        try send(line)
    }

    /// The longest lexeme a `tsvector` holds, in bytes; a longer word is left out of the
    /// index, as PostgreSQL's own `to_tsvector` leaves it out.
    static let longestWord = 2046

    /// The largest position a `tsvector` records; later words share it.
    static let lastPosition = 16383

    /// `words` as a `tsvector` literal (`'cafe':1 'management':2`), so that the index holds
    /// exactly the words Cairn folded, with no parsing of PostgreSQL's own.
    static func tsvector(_ words: [String]) -> String {
        var literal = ""
        for (index, word) in words.enumerated() where word.utf8.count <= longestWord {
            if !literal.isEmpty { literal += " " }
            literal += "'"
            for character in word.unicodeScalars {
                if character == "'" || character == "\\" { literal += "\\" }
                literal.unicodeScalars.append(character)
            }
            literal += "':\(min(index + 1, lastPosition))"
        }
        return literal
    }
}
