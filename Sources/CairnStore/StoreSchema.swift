import GRDB

/// The store's schema, managed by GRDB's migrator. Each migration bumps `PRAGMA user_version`
/// to its number, so a store written by a newer Cairn is recognised and refused.
enum StoreSchema {
    /// The schema version this Cairn writes and reads.
    static let version = 1

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-frameworks") { db in
            try db.execute(sql: v1)
            try db.execute(sql: "PRAGMA user_version = 1")
        }
        return migrator
    }

    /// Concepts (skills, occupations, and anything a skill or occupation links to) get an integer
    /// key once per framework; labels, relations and broader links refer to the key, so a
    /// concept's URI is stored once rather than once per label.
    static let v1 = """
        CREATE TABLE framework (
            id TEXT PRIMARY KEY NOT NULL,
            name TEXT NOT NULL,
            version TEXT,
            source TEXT,
            importedAt TEXT,
            skillCount INTEGER NOT NULL DEFAULT 0,
            occupationCount INTEGER NOT NULL DEFAULT 0,
            relationCount INTEGER NOT NULL DEFAULT 0,
            labelCount INTEGER NOT NULL DEFAULT 0,
            broaderCount INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE concept (
            key INTEGER PRIMARY KEY,
            framework TEXT NOT NULL,
            id TEXT NOT NULL,
            UNIQUE (framework, id)
        );
        CREATE TABLE skill (
            key INTEGER PRIMARY KEY,
            framework TEXT NOT NULL,
            id TEXT NOT NULL,
            code TEXT,
            skillType TEXT,
            reuseLevel TEXT,
            description TEXT,
            category TEXT,
            levels TEXT NOT NULL DEFAULT '',
            tail TEXT NOT NULL
        );
        CREATE INDEX skill_framework ON skill (framework);
        CREATE INDEX skill_tail ON skill (framework, tail);
        CREATE INDEX skill_code ON skill (framework, code COLLATE NOCASE);
        CREATE TABLE occupation (
            key INTEGER PRIMARY KEY,
            framework TEXT NOT NULL,
            id TEXT NOT NULL,
            iscoGroup TEXT,
            description TEXT
        );
        CREATE INDEX occupation_framework ON occupation (framework);
        CREATE TABLE label (
            id INTEGER PRIMARY KEY,
            concept INTEGER NOT NULL,
            kind INTEGER NOT NULL,
            language TEXT NOT NULL,
            text TEXT NOT NULL
        );
        CREATE INDEX label_concept ON label (concept);
        CREATE VIRTUAL TABLE label_fts USING fts5 (
            text, content = 'label', content_rowid = 'id',
            tokenize = 'unicode61 remove_diacritics 2'
        );
        CREATE TABLE relation (
            id INTEGER PRIMARY KEY,
            occupation INTEGER NOT NULL,
            skill INTEGER NOT NULL,
            kind INTEGER NOT NULL,
            UNIQUE (occupation, skill, kind)
        );
        CREATE INDEX relation_skill ON relation (skill);
        CREATE TABLE broader (
            id INTEGER PRIMARY KEY,
            narrower INTEGER NOT NULL,
            broader INTEGER NOT NULL,
            UNIQUE (narrower, broader)
        );
        CREATE INDEX broader_broader ON broader (broader);
        """
}
