public import CairnCore
public import CairnStore
import NIOConcurrencyHelpers
import PostgresNIO

extension PostgresStore {
    /// The frameworks in the store, by id.
    public func frameworks() throws -> [FrameworkSummary] {
        try withSession { session in
            try session.query("""
                SELECT id, name, version, source, imported_at, skill_count, occupation_count, relation_count,
                    label_count, broader_count
                FROM framework ORDER BY id
                """).map { row in
                let (id, name, version, source, importedAt, skills, occupations, relations, labels, broader) =
                    try row.decode((String, String, String?, String?, String?, Int, Int, Int, Int, Int).self)
                return FrameworkSummary(id: id, name: name, version: version, source: source, importedAt: importedAt,
                                        skills: skills, occupations: occupations, relations: relations, labels: labels,
                                        broaderLinks: broader)
            }
        }
    }

    /// Skills whose labels contain words starting with the words of `text` (all of them, in any
    /// order; case and diacritics do not matter), one hit per skill, best first: skills matched
    /// by a preferred label before those matched by an alternative (then hidden) label, and by
    /// `ts_rank` within each (shorter labels first, as bm25 has them on SQLite). The words are
    /// folded as labels were when imported and searched as prefixes in each label's `words`;
    /// punctuation in `text` only separates words, so `C++` or a stray quote is safe.
    public func searchSkills(_ text: String, framework: String?, language: String?, limit: Int) throws -> [SkillSearchHit] {
        guard let query = Self.tsquery(SkillSearchQuery.foldedWords(in: text)), limit > 0,
              Self.storable(framework, language) else { return [] }
        let language = language?.lowercased()
        let framework = framework?.lowercased()
        return try reading { session in
            let rows = try session.query("""
                WITH matches AS MATERIALIZED (
                    SELECT l.id, l.concept, l.kind, l.language, l.text, ts_rank(l.words, q.query, 1)::float8 AS score
                    FROM label l, (SELECT \(query)::tsquery AS query) q
                    WHERE l.words @@ q.query
                    AND (\(language)::text IS NULL OR l.language = \(language) OR starts_with(l.language, \(language) || '-'))
                ),
                hits AS (
                    SELECT s.key, s.framework, s.id, m.text, m.kind, m.language, m.score,
                        row_number() OVER (PARTITION BY s.key ORDER BY m.kind, m.score DESC, m.id) AS position
                    FROM matches m JOIN skill s ON s.key = m.concept
                    WHERE (\(framework)::text IS NULL OR s.framework = \(framework))
                )
                SELECT key, framework, id, text, kind, language, score FROM hits WHERE position = 1
                ORDER BY kind, score DESC, framework, id LIMIT \(limit)
                """)
            let hits = try rows.map { try $0.decode((Int64, String, String, String, Int, String, Double).self) }
            let labels = try preferredLabels(of: hits.map(\.0), session)
            return hits.map { key, framework, id, text, kind, matchedLanguage, score in
                SkillSearchHit(framework: framework, id: id, preferredLabels: labels[key] ?? [:], language: language,
                               matchedLabel: text, matchedKindCode: kind, matchedLanguage: matchedLanguage, score: score)
            }
        }
    }

    /// The stored id of the skill `code` names in `framework`: the id itself, an ESCO skill URI
    /// with either `http` or `https`, a bare ESCO UUID, or a code such as SFIA's `PROG` in any
    /// case (or a URI ending in the UUID or code). `nil` when no skill matches.
    public func skillID(for code: String, framework: String) throws -> String? {
        guard Self.storable(code, framework) else { return nil }
        return try reading { session in try skillKey(for: code, framework: framework.lowercased(), session)?.id }
    }

    /// A skill with its labels, broader and narrower skills and the occupations that need it;
    /// `id` is resolved as ``skillID(for:framework:)`` does, in `framework` or else in every
    /// framework of the store (by framework id).
    public func skill(id: String, framework: String?) throws -> SkillDetail? {
        guard Self.storable(id, framework) else { return nil }
        return try reading { session in
            let frameworks = try framework.map { [$0.lowercased()] }
                ?? session.query("SELECT id FROM framework ORDER BY id").map { try $0.decode(String.self) }
            for framework in frameworks {
                if let (key, _) = try skillKey(for: id, framework: framework, session) {
                    return try skillDetail(key: key, session)
                }
            }
            return nil
        }
    }

    /// A framework as the ``Framework`` value a reader would have produced — skills with their
    /// labels in `languages` (all when `nil`), broader links, occupations with their skills —
    /// for audits and role fit. `nil` when the store has no such framework.
    public func loadFramework(id: String, languages: Set<String>?) throws -> Framework? {
        let id = id.lowercased()
        guard Self.storable(id) else { return nil }
        return try reading { session -> Framework? in
            guard let header = try session.query("SELECT name, version, source FROM framework WHERE id = \(id)").first
            else { return nil }
            let (name, version, source) = try header.decode((String, String?, String?).self)
            // Rows arrive on the connection's thread as they are read: the labels of a large
            // framework are never all held at once.
            let assembly = NIOLockedValueBox(FrameworkAssembly())
            try session.forEachRow("""
                SELECT key, id, description, skill_type, levels, reuse_level, code, category FROM skill WHERE framework = \(id)
                """) { row in
                let (key, skillID, description, skillType, levels, reuseLevel, code, category) =
                    try row.decode((Int64, String, String?, String?, String, String?, String?, String?).self)
                let skill = Skill(id: skillID, description: description, skillType: skillType,
                                  levels: StoredKind.levels(levels), reuseLevel: reuseLevel, code: code, category: category)
                assembly.withLockedValue { $0.add(skill, key: key) }
            }
            try session.forEachRow("SELECT key, id, description, isco_group FROM occupation WHERE framework = \(id)") { row in
                let (key, occupationID, description, iscoGroup) = try row.decode((Int64, String, String?, String?).self)
                let occupation = Occupation(id: occupationID, description: description, iscoGroup: iscoGroup)
                assembly.withLockedValue { $0.add(occupation, key: key) }
            }
            let wanted = languages.map { Set($0.map { $0.lowercased() }).sorted() }
            if wanted?.isEmpty != true {
                try session.forEachRow("""
                    SELECT l.concept, l.kind, l.language, l.text FROM label l
                    WHERE l.concept IN (SELECT key FROM concept WHERE framework = \(id))
                    AND (\(wanted)::text[] IS NULL OR l.language = ANY(\(wanted)::text[]))
                    ORDER BY l.id
                    """) { row in
                    let (key, kind, language, text) = try row.decode((Int64, Int, String, String).self)
                    assembly.withLockedValue {
                        $0.addLabel(concept: key, kind: StoredKind.labelKind(kind), language: language, text: text)
                    }
                }
            }
            try session.forEachRow("""
                SELECT b.narrower, c.id FROM broader b JOIN skill s ON s.key = b.narrower
                JOIN concept c ON c.key = b.broader WHERE s.framework = \(id) ORDER BY b.id
                """) { row in
                let (key, broader) = try row.decode((Int64, String).self)
                assembly.withLockedValue { $0.addBroader(narrower: key, broader: broader) }
            }
            try session.forEachRow("""
                SELECT r.occupation, r.kind, c.id FROM relation r JOIN occupation o ON o.key = r.occupation
                JOIN concept c ON c.key = r.skill WHERE o.framework = \(id) ORDER BY r.id
                """) { row in
                let (key, kind, skill) = try row.decode((Int64, Int, String).self)
                assembly.withLockedValue { $0.addRelation(occupation: key, kindCode: kind, skill: skill) }
            }
            return assembly.withLockedValue { $0.framework(id: id, name: name, version: version, source: source) }
        }
    }

    /// Imports what `read` sends in one transaction: streamed through `COPY`, then written with
    /// a few set-based statements (see ``PostgresFrameworkImport``). If `read` throws, nothing is
    /// written and its error is rethrown unchanged. A framework whose id is already in the store is replaced.
    public func importFrameworks(importedAt: String?, _ read: (inout any FrameworkSink) throws -> Void) throws -> [ImportSummary] {
        try writing { session in try PostgresFrameworkImport.run(session, importedAt: importedAt, read) }
    }

    /// Removes a framework and everything of it; whether there was one to remove.
    @discardableResult
    public func removeFramework(id: String) throws -> Bool {
        let id = id.lowercased()
        guard Self.storable(id) else { return false }
        return try writing { session in
            try session.execute("SELECT pg_advisory_xact_lock(\(PostgresFrameworkImport.lock))")
            let exists = try !session.query("SELECT 1 FROM framework WHERE id = \(id)").isEmpty
            try PostgresFrameworkImport.remove([id], session)
            return exists
        }
    }

    // MARK: - Helpers

    /// Whether PostgreSQL could hold these texts: its text never contains NUL, so an id or
    /// language with one names nothing in the store (and is not sent, which would be an error).
    static func storable(_ texts: String?...) -> Bool {
        texts.allSatisfy { $0?.utf8.contains(0) != true }
    }

    /// The words as a prefix query that needs all of them (`'cafe':* & 'manag':*`), or nil when
    /// there is none. The query is a `tsquery` literal, bound as a parameter: nothing of what the
    /// person typed reaches the SQL text, and PostgreSQL's parser does not split the words again.
    static func tsquery(_ words: [String]) -> String? {
        guard !words.isEmpty else { return nil }
        // A word longer than the index keeps cannot be the start of an indexed word.
        guard words.allSatisfy({ $0.utf8.count <= PostgresFrameworkWriter.longestWord }) else { return nil }
        return words.map { word in
            var quoted = "'"
            for character in word.unicodeScalars {
                if character == "'" || character == "\\" { quoted += "\\" }
                quoted.unicodeScalars.append(character)
            }
            return quoted + "':*"
        }.joined(separator: " & ")
    }

    private func skillKey(for code: String, framework: String, _ session: PostgresSession) throws -> (key: Int64, id: String)? {
        func lookUp(_ query: PostgresQuery) throws -> (key: Int64, id: String)? {
            try session.query(query).first.map { try $0.decode((Int64, String).self) }
        }
        return try SkillCodes.resolve(code, id: { id in
            try lookUp("""
                SELECT s.key, s.id FROM concept c JOIN skill s ON s.key = c.key WHERE c.framework = \(framework) AND c.id = \(id)
                """)
        }, tail: { tail in
            try lookUp("SELECT key, id FROM skill WHERE framework = \(framework) AND tail = \(tail) ORDER BY id LIMIT 1")
        }, code: { tail in
            try lookUp("SELECT key, id FROM skill WHERE framework = \(framework) AND lower(code) = \(tail) ORDER BY id LIMIT 1")
        })
    }

    /// The first preferred label per language of each concept.
    private func preferredLabels(of keys: [Int64], _ session: PostgresSession) throws -> [Int64: [String: String]] {
        guard !keys.isEmpty else { return [:] }
        var labels: [Int64: [String: String]] = [:]
        for row in try session.query("""
            SELECT concept, language, text FROM label WHERE concept = ANY(\(keys)) AND kind = 0 ORDER BY id
            """) {
            let (key, language, text) = try row.decode((Int64, String, String).self)
            if labels[key]?[language] == nil { labels[key, default: [:]][language] = text }
        }
        return labels
    }

    private func skillDetail(key: Int64, _ session: PostgresSession) throws -> SkillDetail? {
        guard let row = try session.query("""
            SELECT framework, id, code, skill_type, reuse_level, description, category, levels FROM skill WHERE key = \(key)
            """).first else { return nil }
        let (framework, id, code, skillType, reuseLevel, description, category, levels) =
            try row.decode((String, String, String?, String?, String?, String?, String?, String).self)
        var detail = SkillDetail(framework: framework, id: id, code: code, skillType: skillType, reuseLevel: reuseLevel,
                                 description: description, category: category, levels: StoredKind.levels(levels))
        for label in try session.query("SELECT kind, language, text FROM label WHERE concept = \(key) ORDER BY id") {
            let (kind, language, text) = try label.decode((Int, String, String).self)
            detail.addLabel(kind: StoredKind.labelKind(kind), language: language, text: text)
        }
        // Broader skills in import order; narrower skills and occupations by id.
        let related = try session.query("""
            SELECT 0 AS role, c.key, c.id, b.id AS position FROM broader b JOIN concept c ON c.key = b.broader
            WHERE b.narrower = \(key)
            UNION ALL
            SELECT 1, c.key, c.id, 0 FROM broader b JOIN concept c ON c.key = b.narrower WHERE b.broader = \(key)
            UNION ALL
            SELECT 2 + r.kind, c.key, c.id, 0 FROM relation r JOIN concept c ON c.key = r.occupation WHERE r.skill = \(key)
            ORDER BY role, position, id
            """).map { try $0.decode((Int, Int64, String, Int64).self) }
        let labels = try preferredLabels(of: related.map(\.1), session)
        for (role, relatedKey, relatedID, _) in related {
            let concept = RelatedConcept(id: relatedID, preferredLabels: labels[relatedKey] ?? [:])
            switch role {
            case 0: detail.broader.append(concept)
            case 1: detail.narrower.append(concept)
            case 2 + StoredKind.code(.essential): detail.essentialFor.append(concept)
            default: detail.optionalFor.append(concept)
            }
        }
        return detail
    }
}
