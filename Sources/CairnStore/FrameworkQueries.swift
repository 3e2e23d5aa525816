public import CairnCore
import Foundation
import GRDB

/// A framework in the store, with what it holds.
public struct FrameworkSummary: Hashable, Sendable {
    public var id: String
    public var name: String
    public var version: String?
    /// The file it was read from, as the reader named it.
    public var source: String?
    /// As the importer gave it (the store does not read the clock).
    public var importedAt: String?
    public var skills: Int
    public var occupations: Int
    public var relations: Int
    public var labels: Int
    public var broaderLinks: Int

    public init(id: String, name: String, version: String?, source: String?, importedAt: String?, skills: Int,
                occupations: Int, relations: Int, labels: Int, broaderLinks: Int) {
        self.id = id
        self.name = name
        self.version = version
        self.source = source
        self.importedAt = importedAt
        self.skills = skills
        self.occupations = occupations
        self.relations = relations
        self.labels = labels
        self.broaderLinks = broaderLinks
    }
}

/// One skill found by ``FrameworkStore/searchSkills(_:framework:language:limit:)``.
public struct SkillSearchHit: Hashable, Sendable {
    public var framework: String
    /// The skill's id (a URI for ESCO, a code for SFIA).
    public var id: String
    /// The skill's preferred label in the requested language, else English, else any; the id
    /// when it has none.
    public var label: String
    /// The label that matched the search.
    public var matchedLabel: String
    public var matchedKind: ConceptLabel.Kind
    public var matchedLanguage: String
    /// Relevance, higher is better: SQLite FTS5's bm25 with its sign turned, PostgreSQL's
    /// `ts_rank` (so scores compare only within one store). Hits are ordered by the kind of label
    /// matched first (preferred, then alternative, then hidden), then by score.
    public var score: Double

    public init(framework: String, id: String, label: String, matchedLabel: String, matchedKind: ConceptLabel.Kind,
                matchedLanguage: String, score: Double) {
        self.framework = framework
        self.id = id
        self.label = label
        self.matchedLabel = matchedLabel
        self.matchedKind = matchedKind
        self.matchedLanguage = matchedLanguage
        self.score = score
    }
}

/// A skill or occupation linked to another, with its preferred labels.
public struct RelatedConcept: Hashable, Sendable {
    public var id: String
    /// Preferred label per language; empty for a concept the framework names but does not
    /// describe (an ESCO skill group, say).
    public var preferredLabels: [String: String]

    public init(id: String, preferredLabels: [String: String]) {
        self.id = id
        self.preferredLabels = preferredLabels
    }

    /// The label in `language`, else English, else any label, else the id.
    public func label(in language: String = "en") -> String {
        preferredLabels[language] ?? preferredLabels["en"] ?? preferredLabels.values.sorted().first ?? id
    }
}

/// Everything the store knows about one skill.
public struct SkillDetail: Hashable, Sendable {
    public var framework: String
    public var id: String
    public var code: String?
    public var skillType: String?
    public var reuseLevel: String?
    public var description: String?
    public var category: String?
    public var levels: [Int]
    /// The first preferred label per language.
    public var preferredLabels: [String: String]
    /// Alternative labels per language (and further preferred labels, as ``Skill`` files them).
    public var altLabels: [String: [String]]
    /// Hidden labels (misspellings, old names) per language: searchable, not shown.
    public var hiddenLabels: [String: [String]]
    public var broader: [RelatedConcept]
    public var narrower: [RelatedConcept]
    /// Occupations that need the skill essentially.
    public var essentialFor: [RelatedConcept]
    /// Occupations for which the skill is optional.
    public var optionalFor: [RelatedConcept]

    public init(framework: String, id: String, code: String? = nil, skillType: String? = nil,
                reuseLevel: String? = nil, description: String? = nil, category: String? = nil, levels: [Int] = [],
                preferredLabels: [String: String] = [:], altLabels: [String: [String]] = [:],
                hiddenLabels: [String: [String]] = [:], broader: [RelatedConcept] = [],
                narrower: [RelatedConcept] = [], essentialFor: [RelatedConcept] = [],
                optionalFor: [RelatedConcept] = []) {
        self.framework = framework
        self.id = id
        self.code = code
        self.skillType = skillType
        self.reuseLevel = reuseLevel
        self.description = description
        self.category = category
        self.levels = levels
        self.preferredLabels = preferredLabels
        self.altLabels = altLabels
        self.hiddenLabels = hiddenLabels
        self.broader = broader
        self.narrower = narrower
        self.essentialFor = essentialFor
        self.optionalFor = optionalFor
    }

    /// The label in `language`, else English, else any label, else the id.
    public func label(in language: String = "en") -> String {
        preferredLabels[language] ?? preferredLabels["en"] ?? preferredLabels.values.sorted().first ?? id
    }
}

extension SQLiteStore {
    /// The frameworks in the store, by id.
    public func frameworks() throws -> [FrameworkSummary] {
        try reading { db in
            try Row.fetchAll(db, sql: "SELECT * FROM framework ORDER BY id").map { row in
                FrameworkSummary(id: row["id"], name: row["name"], version: row["version"], source: row["source"],
                                 importedAt: row["importedAt"], skills: row["skillCount"],
                                 occupations: row["occupationCount"], relations: row["relationCount"],
                                 labels: row["labelCount"], broaderLinks: row["broaderCount"])
            }
        }
    }

    /// Skills whose labels contain words starting with the words of `text` (all of them, in any
    /// order; case and diacritics do not matter), one hit per skill, best first: skills matched
    /// by a preferred label before those matched by an alternative (then hidden) label, and by
    /// FTS5 bm25 within each. Punctuation in `text` only separates words, so `C++` or a stray
    /// quote is safe.
    ///
    /// - Parameters:
    ///   - framework: only this framework's skills.
    ///   - language: only labels in this language (or its regional variants, `pt` → `pt-br`),
    ///     and the hit's ``SkillSearchHit/label`` in it.
    public func searchSkills(_ text: String, framework: String? = nil, language: String? = nil,
                             limit: Int = 20) throws -> [SkillSearchHit] {
        guard let query = SkillSearchQuery.ftsQuery(for: text), limit > 0 else { return [] }
        let language = language?.lowercased()
        return try reading { db in
            let rows = try Row.fetchAll(db, sql: """
                WITH matches AS MATERIALIZED (
                    SELECT rowid AS labelID, bm25(label_fts) AS score FROM label_fts WHERE label_fts MATCH :query
                ),
                hits AS (
                    SELECT s.key, s.framework, s.id, l.text, l.kind, l.language, m.score,
                        row_number() OVER (PARTITION BY s.key ORDER BY l.kind, m.score, l.id) AS position
                    FROM matches m
                    JOIN label l ON l.id = m.labelID
                    JOIN skill s ON s.key = l.concept
                    WHERE (:framework IS NULL OR s.framework = :framework)
                    AND (:language IS NULL OR l.language = :language
                        OR substr(l.language, 1, length(:language) + 1) = :language || '-')
                )
                SELECT * FROM hits WHERE position = 1 ORDER BY kind, score, framework, id LIMIT :limit
                """, arguments: ["query": query, "framework": framework?.lowercased(), "language": language,
                                 "limit": limit])
            return try rows.map { row in
                let score: Double = row["score"]
                return SkillSearchHit(
                    framework: row["framework"], id: row["id"], preferredLabels: try preferredLabels(of: row["key"], db),
                    language: language, matchedLabel: row["text"], matchedKindCode: row["kind"],
                    matchedLanguage: row["language"], score: score == 0 ? 0 : -score)
            }
        }
    }

    /// The stored id of the skill `code` names in `framework`: the id itself, an ESCO skill URI
    /// with either `http` or `https`, a bare ESCO UUID, or a code such as SFIA's `PROG` in any
    /// case (or a URI ending in the UUID or code). `nil` when no skill matches.
    public func skillID(for code: String, framework: String) throws -> String? {
        try reading { db in try skillKey(for: code, framework: framework.lowercased(), db)?.id }
    }

    /// A skill with its labels, broader and narrower skills and the occupations that need it;
    /// `id` is resolved as ``skillID(for:framework:)`` does, in `framework` or else in every
    /// framework of the store (by framework id).
    public func skill(id: String, framework: String? = nil) throws -> SkillDetail? {
        try reading { db in
            let frameworks = try framework.map { [$0.lowercased()] }
                ?? String.fetchAll(db, sql: "SELECT id FROM framework ORDER BY id")
            for framework in frameworks {
                if let (key, _) = try skillKey(for: id, framework: framework, db) {
                    return try skillDetail(key: key, db)
                }
            }
            return nil
        }
    }

    /// A framework as the ``Framework`` value a reader would have produced — skills with their
    /// labels in `languages` (all when `nil`), broader links, occupations with their skills —
    /// for audits and role fit. `nil` when the store has no such framework.
    public func loadFramework(id: String, languages: Set<String>? = nil) throws -> Framework? {
        let id = id.lowercased()
        return try reading { (db: Database) -> Framework? in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM framework WHERE id = ?", arguments: [id]) else {
                return nil
            }
            var assembly = FrameworkAssembly()
            let rows1 = try Row.fetchCursor(db, sql: "SELECT * FROM skill WHERE framework = ?", arguments: [id])
            while let row = try rows1.next() {
                assembly.add(Skill(
                    id: row["id"], description: row["description"], skillType: row["skillType"],
                    levels: StoredKind.levels(row["levels"]), reuseLevel: row["reuseLevel"], code: row["code"],
                    category: row["category"]), key: row["key"])
            }
            let rows2 = try Row.fetchCursor(db, sql: "SELECT * FROM occupation WHERE framework = ?", arguments: [id])
            while let row = try rows2.next() {
                assembly.add(Occupation(id: row["id"], description: row["description"], iscoGroup: row["iscoGroup"]),
                             key: row["key"])
            }
            var labelSQL = """
                SELECT l.concept, l.kind, l.language, l.text FROM label l
                WHERE l.concept IN (SELECT key FROM concept WHERE framework = ?)
                """
            var arguments: StatementArguments = [id]
            if let languages {
                let wanted = Set(languages.map { $0.lowercased() }).sorted()
                if wanted.isEmpty {
                    labelSQL += " AND 0"
                } else {
                    labelSQL += " AND l.language IN (\(wanted.map { _ in "?" }.joined(separator: ", ")))"
                    arguments += StatementArguments(wanted)
                }
            }
            labelSQL += " ORDER BY l.id"
            let rows3 = try Row.fetchCursor(db, sql: labelSQL, arguments: arguments)
            while let row = try rows3.next() {
                assembly.addLabel(concept: row["concept"], kind: StoredKind.labelKind(row["kind"]),
                                  language: row["language"], text: row["text"])
            }
            let rows4 = try Row.fetchCursor(db, sql: """
                SELECT b.narrower, c.id FROM broader b JOIN skill s ON s.key = b.narrower
                JOIN concept c ON c.key = b.broader WHERE s.framework = ? ORDER BY b.id
                """, arguments: [id])
            while let row = try rows4.next() {
                assembly.addBroader(narrower: row["narrower"], broader: row["id"])
            }
            let rows5 = try Row.fetchCursor(db, sql: """
                SELECT r.occupation, r.kind, c.id FROM relation r JOIN occupation o ON o.key = r.occupation
                JOIN concept c ON c.key = r.skill WHERE o.framework = ? ORDER BY r.id
                """, arguments: [id])
            while let row = try rows5.next() {
                assembly.addRelation(occupation: row["occupation"], kindCode: row["kind"], skill: row["id"])
            }
            return assembly.framework(id: id, name: row["name"], version: row["version"], source: row["source"])
        }
    }

    // MARK: - Helpers

    private func skillKey(for code: String, framework: String, _ db: Database) throws -> (key: Int64, id: String)? {
        func lookUp(_ sql: String, _ value: String) throws -> (key: Int64, id: String)? {
            try Row.fetchOne(db, sql: sql, arguments: [framework, value]).map { ($0["key"], $0["id"]) }
        }
        return try SkillCodes.resolve(code, id: { id in
            try lookUp("SELECT s.key, s.id FROM concept c JOIN skill s ON s.key = c.key WHERE c.framework = ? AND c.id = ?", id)
        }, tail: { tail in
            try lookUp("SELECT key, id FROM skill WHERE framework = ? AND tail = ? ORDER BY id LIMIT 1", tail)
        }, code: { tail in
            try lookUp("SELECT key, id FROM skill WHERE framework = ? AND code = ? COLLATE NOCASE ORDER BY id LIMIT 1", tail)
        })
    }

    private func preferredLabels(of key: Int64, _ db: Database) throws -> [String: String] {
        var labels: [String: String] = [:]
        let statement = try db.cachedStatement(sql: "SELECT language, text FROM label WHERE concept = ? AND kind = 0 ORDER BY id")
        let rows6 = try Row.fetchCursor(statement, arguments: [key])
        while let row = try rows6.next() {
            let language: String = row["language"]
            if labels[language] == nil { labels[language] = row["text"] }
        }
        return labels
    }

    private func related(_ sql: String, key: Int64, _ db: Database) throws -> [RelatedConcept] {
        try Row.fetchAll(db, sql: sql, arguments: [key]).map { row in
            RelatedConcept(id: row["id"], preferredLabels: try preferredLabels(of: row["key"], db))
        }
    }

    private func skillDetail(key: Int64, _ db: Database) throws -> SkillDetail? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM skill WHERE key = ?", arguments: [key]) else {
            return nil
        }
        var detail = SkillDetail(framework: row["framework"], id: row["id"], code: row["code"],
                                 skillType: row["skillType"], reuseLevel: row["reuseLevel"],
                                 description: row["description"], category: row["category"],
                                 levels: StoredKind.levels(row["levels"]))
        for label in try Row.fetchAll(db, sql: "SELECT kind, language, text FROM label WHERE concept = ? ORDER BY id",
                                      arguments: [key]) {
            detail.addLabel(kind: StoredKind.labelKind(label["kind"]), language: label["language"], text: label["text"])
        }
        detail.broader = try related("""
            SELECT c.key, c.id FROM broader b JOIN concept c ON c.key = b.broader WHERE b.narrower = ? ORDER BY b.id
            """, key: key, db)
        detail.narrower = try related("""
            SELECT c.key, c.id FROM broader b JOIN concept c ON c.key = b.narrower WHERE b.broader = ? ORDER BY c.id
            """, key: key, db)
        detail.essentialFor = try related("""
            SELECT c.key, c.id FROM relation r JOIN concept c ON c.key = r.occupation
            WHERE r.skill = ? AND r.kind = 0 ORDER BY c.id
            """, key: key, db)
        detail.optionalFor = try related("""
            SELECT c.key, c.id FROM relation r JOIN concept c ON c.key = r.occupation
            WHERE r.skill = ? AND r.kind = 1 ORDER BY c.id
            """, key: key, db)
        return detail
    }
}
