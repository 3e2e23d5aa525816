import GRDB

/// The store's schema, managed by GRDB's migrator. Each migration bumps `PRAGMA user_version`
/// to its number, so a store written by a newer Cairn is recognised and refused, and a store
/// written by an older Cairn is brought up to date when opened (migrations only add).
///
/// - Version 1: imported frameworks.
/// - Version 2: the registrar's credit decision log (``DecisionLog``), append-only.
/// - Version 3: a keyed MAC beside each decision's chain link (``DecisionLogKey``). Decisions
///   recorded before have none, and their chain still verifies as it did.
/// - Version 4: who recorded each decision (`recordedBy`), covered by its chain link. Decisions
///   recorded before have none, and their links keep the form they were made with.
/// - Version 5: learners, their earnings (with where each came from) and registrar exceptions.
/// - Version 6: the server's API tokens (only their SHA-256 is kept) and its secrets (the key
///   that signs session cookies and learners' calendar feed addresses).
/// - Version 7: cohort jobs, their chunks and their results (``JobStore``).
/// - Version 8: issued credentials and their status lists (``IssuanceStore``), and the id of the
///   credential an earning was read from.
/// - Version 9: an earning's status (pending earnings), and a learner's catalogue year and
///   enrolment date.
enum StoreSchema {
    /// The schema version this Cairn writes and reads.
    static let version = 9

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-frameworks") { db in
            try db.execute(sql: v1)
            try db.execute(sql: "PRAGMA user_version = 1")
        }
        migrator.registerMigration("v2-credit-decisions") { db in
            try db.execute(sql: v2)
            try db.execute(sql: "PRAGMA user_version = 2")
        }
        migrator.registerMigration("v3-decision-macs") { db in
            try db.execute(sql: v3)
            try db.execute(sql: "PRAGMA user_version = 3")
        }
        migrator.registerMigration("v4-decision-recorders") { db in
            try db.execute(sql: v4)
            try db.execute(sql: "PRAGMA user_version = 4")
        }
        migrator.registerMigration("v5-learners") { db in
            try db.execute(sql: v5)
            try db.execute(sql: "PRAGMA user_version = 5")
        }
        migrator.registerMigration("v6-api-tokens") { db in
            try db.execute(sql: v6)
            try db.execute(sql: "PRAGMA user_version = 6")
        }
        migrator.registerMigration("v7-cohort-jobs") { db in
            try db.execute(sql: v7)
            try db.execute(sql: "PRAGMA user_version = 7")
        }
        migrator.registerMigration("v8-issuance") { db in
            try db.execute(sql: v8)
            try db.execute(sql: "PRAGMA user_version = 8")
        }
        migrator.registerMigration("v9-pending-earnings") { db in
            try db.execute(sql: v9)
            try db.execute(sql: "PRAGMA user_version = 9")
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

extension StoreSchema {
    /// The message SQLite gives when anything tries to change or remove a recorded decision.
    static let appendOnlyMessage = "the credit decision log is append-only"

    /// The credit decision log: one row per decision, numbered from 1 without gaps, and one row per
    /// input file of a decision. The triggers make the tables append-only inside SQLite itself,
    /// whoever writes to the file: no row can be updated or deleted, a decision must take the next
    /// number, and inputs can only be added to the newest decision, up to the count it declares
    /// (so `INSERT OR REPLACE`, which would delete without firing a delete trigger, has nothing to
    /// replace). `chain` links each decision to the one before it (see ``DecisionLog``), so an edit
    /// made to the file with the triggers out of the way is still detected.
    static let v2 = """
        CREATE TABLE credit_decision (
            sequence INTEGER PRIMARY KEY NOT NULL,
            learner TEXT NOT NULL,
            policyID TEXT NOT NULL,
            policyVersion TEXT NOT NULL,
            asOf TEXT NOT NULL,
            recordedAt TEXT NOT NULL,
            unit TEXT NOT NULL,
            total TEXT NOT NULL,
            transcript TEXT NOT NULL,
            inputCount INTEGER NOT NULL,
            digest TEXT NOT NULL,
            chain TEXT NOT NULL
        );
        CREATE INDEX credit_decision_learner ON credit_decision (learner, sequence);
        CREATE TABLE credit_decision_input (
            decision INTEGER NOT NULL REFERENCES credit_decision (sequence),
            position INTEGER NOT NULL,
            path TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            PRIMARY KEY (decision, position)
        ) WITHOUT ROWID;
        CREATE TRIGGER credit_decision_no_update BEFORE UPDATE ON credit_decision
        BEGIN SELECT RAISE(ABORT, '\(appendOnlyMessage)'); END;
        CREATE TRIGGER credit_decision_no_delete BEFORE DELETE ON credit_decision
        BEGIN SELECT RAISE(ABORT, '\(appendOnlyMessage)'); END;
        CREATE TRIGGER credit_decision_next_only BEFORE INSERT ON credit_decision
        WHEN NEW.sequence IS NOT (SELECT coalesce(max(sequence), 0) + 1 FROM credit_decision)
        BEGIN SELECT RAISE(ABORT, '\(appendOnlyMessage): a decision takes the next sequence number'); END;
        CREATE TRIGGER credit_decision_input_no_update BEFORE UPDATE ON credit_decision_input
        BEGIN SELECT RAISE(ABORT, '\(appendOnlyMessage)'); END;
        CREATE TRIGGER credit_decision_input_no_delete BEFORE DELETE ON credit_decision_input
        BEGIN SELECT RAISE(ABORT, '\(appendOnlyMessage)'); END;
        CREATE TRIGGER credit_decision_input_newest_only BEFORE INSERT ON credit_decision_input
        WHEN NEW.decision IS NOT (SELECT max(sequence) FROM credit_decision)
            OR EXISTS (SELECT 1 FROM credit_decision_input WHERE decision = NEW.decision AND position = NEW.position)
            OR (SELECT count(*) FROM credit_decision_input WHERE decision = NEW.decision)
                >= (SELECT inputCount FROM credit_decision WHERE sequence = NEW.decision)
        BEGIN SELECT RAISE(ABORT, '\(appendOnlyMessage): inputs are added only with their decision'); END;
        """
}

extension StoreSchema {
    /// The HMAC-SHA256 of each decision's chain link under the log's key, in lower-case hex, or
    /// `NULL` when the decision was recorded without a key. Adding a column fires no trigger and
    /// rewrites no row, so a version-2 log keeps every link and verifies as before.
    static let v3 = """
        ALTER TABLE credit_decision ADD COLUMN mac TEXT;
        """

    static let v4 = """
        ALTER TABLE credit_decision ADD COLUMN recordedBy TEXT;
        """
}

extension StoreSchema {
    /// Learners and their earnings. A learner, a badge class id and a source file each get an
    /// integer key once; earnings refer to them, keep dates as day numbers (days since
    /// 1970-01-01) and are clustered by learner (`WITHOUT ROWID`, keyed by learner, badge and
    /// issue date), so a cohort reads as one ordered scan of small rows. An earning is identified
    /// by learner, badge class and issue date: importing it again updates it in place, and a
    /// renewal (a later issue date) is a second earning. The view `earning_text` shows every
    /// earning with its ids, ISO dates and file path, for any SQLite tool.
    ///
    /// `verification` is `NULL` for an earning a registrar's file states (a SIS export or a
    /// learner record), `proven` for a credential whose proof was checked, and the reason
    /// otherwise (such an earning never counts). `origin` is `sis`, `record` or `credential`;
    /// `file` and `row` say where it came from.
    ///
    /// Registrar exceptions are decisions about one learner, kept by learner id (so a learner whose
    /// record lives in files can have them too); removing one keeps it with who removed it and why.
    static let v5 = """
        CREATE TABLE learner (
            key INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            name TEXT,
            email TEXT,
            file TEXT NOT NULL,
            row INTEGER
        );
        CREATE INDEX learner_email ON learner (email COLLATE NOCASE);
        CREATE TABLE earning_badge (
            key INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE
        );
        CREATE TABLE earning_file (
            key INTEGER PRIMARY KEY,
            path TEXT NOT NULL UNIQUE
        );
        CREATE TABLE earning (
            learner INTEGER NOT NULL,
            badge INTEGER NOT NULL,
            issued INTEGER NOT NULL,
            expires INTEGER,
            revoked INTEGER NOT NULL DEFAULT 0,
            result TEXT,
            resultIsNumber INTEGER NOT NULL DEFAULT 0,
            evidence TEXT,
            credentialSHA256 TEXT,
            verification TEXT,
            origin TEXT NOT NULL,
            file INTEGER NOT NULL,
            row INTEGER,
            PRIMARY KEY (learner, badge, issued)
        ) WITHOUT ROWID;
        CREATE VIEW earning_text AS
            SELECT l.id AS learner, b.id AS badge, date(e.issued * 86400, 'unixepoch') AS issued,
                   date(e.expires * 86400, 'unixepoch') AS expires, e.revoked, e.result, e.evidence,
                   e.credentialSHA256, e.verification, e.origin, f.path AS file, e.row
            FROM earning e JOIN learner l ON l.key = e.learner JOIN earning_badge b ON b.key = e.badge
            JOIN earning_file f ON f.key = e.file;
        CREATE TABLE registrar_exception (
            id INTEGER PRIMARY KEY,
            learner TEXT NOT NULL,
            pathway TEXT,
            kind TEXT NOT NULL,
            requirement TEXT,
            badge TEXT,
            title TEXT,
            institution TEXT,
            issued TEXT,
            credits TEXT,
            unit TEXT,
            tags TEXT,
            recordedBy TEXT NOT NULL,
            recordedOn TEXT NOT NULL,
            reason TEXT NOT NULL,
            removedBy TEXT,
            removedOn TEXT,
            removalReason TEXT,
            file TEXT,
            row INTEGER
        );
        CREATE INDEX registrar_exception_learner ON registrar_exception (learner);
        """

    /// Times are Unix seconds, so "active now" is one comparison.
    static let v6 = """
        CREATE TABLE api_token (
            id TEXT PRIMARY KEY NOT NULL,
            secretSHA256 BLOB NOT NULL UNIQUE,
            role TEXT NOT NULL,
            learner TEXT,
            label TEXT,
            createdAt INTEGER NOT NULL,
            expiresAt INTEGER,
            revokedAt INTEGER
        );
        CREATE TABLE server_secret (
            name TEXT PRIMARY KEY NOT NULL,
            value BLOB NOT NULL
        );
        """
}

extension StoreSchema {
    /// Cohort jobs. A chunk is `waiting` (never claimed, or given back when its lease ran out —
    /// which the claim query sees by time, without anyone writing it), `running` under a
    /// worker's lease, `done`, or `failed`. `attempt` counts claims: a completion names the
    /// attempt it belongs to, so a worker that lost its lease cannot complete the chunk. Results
    /// are keyed by job, chunk and place in the chunk — the order they are read in — so no
    /// result is stored twice (a chunk's learners are its own). Times are Unix seconds.
    static let v7 = """
        CREATE TABLE cohort_job (
            id TEXT PRIMARY KEY NOT NULL,
            kind TEXT NOT NULL,
            subject TEXT NOT NULL,
            asOf TEXT NOT NULL,
            definitions TEXT NOT NULL,
            header TEXT NOT NULL,
            submittedBy TEXT,
            submittedAt REAL NOT NULL,
            chunkCount INTEGER NOT NULL,
            learnerCount INTEGER NOT NULL
        );
        CREATE TABLE cohort_job_chunk (
            job TEXT NOT NULL REFERENCES cohort_job (id),
            number INTEGER NOT NULL,
            firstKey INTEGER NOT NULL,
            lastKey INTEGER NOT NULL,
            state TEXT NOT NULL DEFAULT 'waiting',
            worker TEXT,
            attempt INTEGER NOT NULL DEFAULT 0,
            leaseUntil REAL,
            finishedAt REAL,
            failure TEXT,
            PRIMARY KEY (job, number)
        ) WITHOUT ROWID;
        CREATE INDEX cohort_job_chunk_state ON cohort_job_chunk (state, job, number);
        CREATE TABLE cohort_job_result (
            job TEXT NOT NULL,
            learner TEXT NOT NULL,
            chunk INTEGER NOT NULL,
            position INTEGER NOT NULL,
            csv TEXT NOT NULL,
            json TEXT NOT NULL,
            PRIMARY KEY (job, chunk, position)
        ) WITHOUT ROWID;
        """
}

extension StoreSchema {
    /// Issued credentials and their status lists (``IssuanceStore``). A list's bits are a blob
    /// of `size / 8` bytes in the Bitstring Status List's order (bit 0 is the high bit of the
    /// first byte). A credential is one per pathway and learner (`UNIQUE`, so two processes
    /// issuing the same cohort cannot both insert it) and one per status list index; its
    /// `document` is `NULL` while it is only reserved. Rows are never deleted.
    ///
    /// `earning.credentialID` keeps the id of the Open Badges credential an earning was read
    /// from (`NULL` for earnings a registrar's file states, and for those imported before).
    static let v8 = """
        CREATE TABLE status_list (
            id TEXT PRIMARY KEY NOT NULL,
            issuer TEXT NOT NULL,
            purpose TEXT NOT NULL,
            size INTEGER NOT NULL CHECK (size > 0 AND size % 8 = 0),
            bits BLOB NOT NULL,
            nextIndex INTEGER NOT NULL DEFAULT 0,
            signedCredential TEXT,
            updatedAt TEXT
        );
        CREATE TABLE issued_credential (
            credentialID TEXT PRIMARY KEY NOT NULL,
            pathway TEXT NOT NULL,
            learner TEXT NOT NULL,
            badgeClass TEXT NOT NULL,
            validFrom TEXT NOT NULL,
            issuedAt TEXT NOT NULL,
            format TEXT NOT NULL,
            statusList TEXT REFERENCES status_list (id),
            statusIndex INTEGER,
            document TEXT,
            revoked INTEGER NOT NULL DEFAULT 0,
            revocationReason TEXT,
            UNIQUE (pathway, learner),
            UNIQUE (statusList, statusIndex)
        );
        CREATE INDEX issued_credential_learner ON issued_credential (learner);
        CREATE INDEX issued_credential_issued ON issued_credential (issuedAt, credentialID);
        ALTER TABLE earning ADD COLUMN credentialID TEXT;
        DROP VIEW earning_text;
        CREATE VIEW earning_text AS
            SELECT l.id AS learner, b.id AS badge, date(e.issued * 86400, 'unixepoch') AS issued,
                   date(e.expires * 86400, 'unixepoch') AS expires, e.revoked, e.result, e.evidence,
                   e.credentialSHA256, e.credentialID, e.verification, e.origin, f.path AS file, e.row
            FROM earning e JOIN learner l ON l.key = e.learner JOIN earning_badge b ON b.key = e.badge
            JOIN earning_file f ON f.key = e.file;
        """

    /// `earning.status` is `in-progress` or `registered` for an earning not yet awarded (`NULL`:
    /// awarded, as every earning imported before). `learner.catalogueYear` and `learner.enrolled`
    /// (a day number) pick the version of a versioned pathway the learner follows (`NULL`: not given).
    static let v9 = """
        ALTER TABLE earning ADD COLUMN status TEXT;
        ALTER TABLE learner ADD COLUMN catalogueYear INTEGER;
        ALTER TABLE learner ADD COLUMN enrolled INTEGER;
        DROP VIEW earning_text;
        CREATE VIEW earning_text AS
            SELECT l.id AS learner, b.id AS badge, date(e.issued * 86400, 'unixepoch') AS issued,
                   date(e.expires * 86400, 'unixepoch') AS expires, e.revoked, e.result, e.evidence,
                   e.credentialSHA256, e.credentialID, e.verification, e.origin, f.path AS file, e.row, e.status
            FROM earning e JOIN learner l ON l.key = e.learner JOIN earning_badge b ON b.key = e.badge
            JOIN earning_file f ON f.key = e.file;
        """
}
