/// The PostgreSQL store's schema, as numbered migrations. Each runs in one transaction with the
/// version it brings the database to, under an advisory lock, so several processes starting on
/// a new database at once migrate it once; a database migrated by a newer Cairn is refused.
///
/// The tables are the SQLite store's (`StoreSchema` in CairnStore), in PostgreSQL's types and
/// with snake_case names; the rules SQLite's triggers keep (the decision log is append-only and
/// numbered without gaps) are kept by PostgreSQL triggers here.
///
/// - Version 1: frameworks, learners and earnings, registrar exceptions, the credit decision
///   log, API tokens and server secrets, cohort jobs, and the change counter.
/// - Version 2: issued credentials and their status lists (see the SQLite store's v8), and the
///   id of the credential an earning was read from.
/// - Version 3: an earning's status (pending earnings), and a learner's catalogue year and
///   enrolment date (see the SQLite store's v9).
enum PostgresSchema {
    /// The schema version this Cairn writes and reads.
    static let version = 3

    /// The message the database gives when anything tries to change or remove a recorded decision.
    static let appendOnlyMessage = "the credit decision log is append-only"

    /// The key of the advisory lock migrations hold.
    static let migrationLock: Int64 = 0x6361_6972_6e5f_6d67
    /// The key of the advisory lock every decision-log append holds until it commits.
    static let decisionLogLock: Int64 = 0x6361_6972_6e5f_646c
    /// The key of the advisory lock every learner import holds until it commits.
    static let learnerImportLock: Int64 = 0x6361_6972_6e5f_6c69

    /// Each migration's statements, in order; migration `n` (from 1) brings the database to version `n`.
    static let migrations: [[String]] = [v1, v2, v3]

    static let v1: [String] = [
        // Frameworks (see the SQLite store's v1): concepts get an integer key once per framework.
        // Ids, codes and languages compare and sort byte by byte (COLLATE "C"), as SQLite's
        // BINARY does, whatever the database's locale: both stores list and resolve alike.
        // Relations and broader links keep their arrival order (`id`), as labels do.
        """
        CREATE TABLE framework (
            id text COLLATE "C" PRIMARY KEY,
            name text NOT NULL,
            version text,
            source text,
            imported_at text,
            skill_count integer NOT NULL DEFAULT 0,
            occupation_count integer NOT NULL DEFAULT 0,
            relation_count integer NOT NULL DEFAULT 0,
            label_count integer NOT NULL DEFAULT 0,
            broader_count integer NOT NULL DEFAULT 0
        )
        """,
        """
        CREATE TABLE concept (
            key bigserial PRIMARY KEY,
            framework text COLLATE "C" NOT NULL,
            id text COLLATE "C" NOT NULL,
            UNIQUE (framework, id)
        )
        """,
        """
        CREATE TABLE skill (
            key bigint PRIMARY KEY,
            framework text COLLATE "C" NOT NULL,
            id text COLLATE "C" NOT NULL,
            code text COLLATE "C",
            skill_type text,
            reuse_level text,
            description text,
            category text,
            levels text NOT NULL DEFAULT '',
            tail text COLLATE "C" NOT NULL
        )
        """,
        "CREATE INDEX skill_framework ON skill (framework)",
        "CREATE INDEX skill_tail ON skill (framework, tail)",
        // lower() under COLLATE "C" folds ASCII letters only, as SQLite's NOCASE does.
        "CREATE INDEX skill_code ON skill (framework, lower(code))",
        """
        CREATE TABLE occupation (
            key bigint PRIMARY KEY,
            framework text COLLATE "C" NOT NULL,
            id text COLLATE "C" NOT NULL,
            isco_group text,
            description text
        )
        """,
        "CREATE INDEX occupation_framework ON occupation (framework)",
        // `words` is the label's words folded for search (lower case, no diacritics), made by
        // Cairn when it imports the label, so PostgreSQL's full-text search matches as SQLite's
        // FTS5 does.
        """
        CREATE TABLE label (
            id bigserial PRIMARY KEY,
            concept bigint NOT NULL,
            kind smallint NOT NULL,
            language text COLLATE "C" NOT NULL,
            text text NOT NULL,
            words tsvector NOT NULL
        )
        """,
        "CREATE INDEX label_concept ON label (concept)",
        "CREATE INDEX label_words ON label USING gin (words)",
        """
        CREATE TABLE relation (
            id bigserial PRIMARY KEY,
            occupation bigint NOT NULL,
            skill bigint NOT NULL,
            kind smallint NOT NULL,
            UNIQUE (occupation, skill, kind)
        )
        """,
        "CREATE INDEX relation_skill ON relation (skill)",
        """
        CREATE TABLE broader (
            id bigserial PRIMARY KEY,
            narrower bigint NOT NULL,
            broader bigint NOT NULL,
            UNIQUE (narrower, broader)
        )
        """,
        "CREATE INDEX broader_broader ON broader (broader)",

        // The credit decision log (see the SQLite store's v2–v4).
        """
        CREATE TABLE credit_decision (
            sequence bigint PRIMARY KEY,
            learner text NOT NULL,
            policy_id text NOT NULL,
            policy_version text NOT NULL,
            as_of text NOT NULL,
            recorded_at text NOT NULL,
            unit text NOT NULL,
            total text NOT NULL,
            transcript text NOT NULL,
            input_count integer NOT NULL,
            digest text NOT NULL,
            chain text NOT NULL,
            mac text,
            recorded_by text
        )
        """,
        "CREATE INDEX credit_decision_learner ON credit_decision (learner, sequence)",
        "CREATE INDEX credit_decision_chain ON credit_decision (chain)",
        """
        CREATE TABLE credit_decision_input (
            decision bigint NOT NULL REFERENCES credit_decision (sequence),
            position integer NOT NULL,
            path text NOT NULL,
            sha256 text NOT NULL,
            PRIMARY KEY (decision, position)
        )
        """,
        """
        CREATE FUNCTION credit_decision_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION '\(appendOnlyMessage)';
        END $$
        """,
        """
        CREATE FUNCTION credit_decision_next_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF NEW.sequence IS DISTINCT FROM (SELECT coalesce(max(sequence), 0) + 1 FROM credit_decision) THEN
                RAISE EXCEPTION '\(appendOnlyMessage): a decision takes the next sequence number';
            END IF;
            RETURN NEW;
        END $$
        """,
        """
        CREATE FUNCTION credit_decision_input_newest_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF NEW.decision IS DISTINCT FROM (SELECT max(sequence) FROM credit_decision)
               OR (SELECT count(*) FROM credit_decision_input WHERE decision = NEW.decision)
                  >= (SELECT input_count FROM credit_decision WHERE sequence = NEW.decision) THEN
                RAISE EXCEPTION '\(appendOnlyMessage): inputs are added only with their decision';
            END IF;
            RETURN NEW;
        END $$
        """,
        "CREATE TRIGGER credit_decision_no_change BEFORE UPDATE OR DELETE ON credit_decision FOR EACH ROW EXECUTE FUNCTION credit_decision_refuse()",
        "CREATE TRIGGER credit_decision_no_truncate BEFORE TRUNCATE ON credit_decision FOR EACH STATEMENT EXECUTE FUNCTION credit_decision_refuse()",
        "CREATE TRIGGER credit_decision_next BEFORE INSERT ON credit_decision FOR EACH ROW EXECUTE FUNCTION credit_decision_next_only()",
        "CREATE TRIGGER credit_decision_input_no_change BEFORE UPDATE OR DELETE ON credit_decision_input FOR EACH ROW EXECUTE FUNCTION credit_decision_refuse()",
        "CREATE TRIGGER credit_decision_input_no_truncate BEFORE TRUNCATE ON credit_decision_input FOR EACH STATEMENT EXECUTE FUNCTION credit_decision_refuse()",
        "CREATE TRIGGER credit_decision_input_newest BEFORE INSERT ON credit_decision_input FOR EACH ROW EXECUTE FUNCTION credit_decision_input_newest_only()",

        // Learners and their earnings (see the SQLite store's v5); dates are day numbers.
        """
        CREATE TABLE learner (
            key bigserial PRIMARY KEY,
            id text NOT NULL UNIQUE,
            name text,
            email text,
            file text NOT NULL,
            row integer
        )
        """,
        "CREATE INDEX learner_email ON learner (lower(email))",
        "CREATE TABLE earning_badge (key serial PRIMARY KEY, id text NOT NULL UNIQUE)",
        "CREATE TABLE earning_file (key serial PRIMARY KEY, path text NOT NULL UNIQUE)",
        """
        CREATE TABLE earning (
            learner bigint NOT NULL,
            badge integer NOT NULL,
            issued integer NOT NULL,
            expires integer,
            revoked boolean NOT NULL DEFAULT false,
            result text,
            result_is_number boolean NOT NULL DEFAULT false,
            evidence text,
            credential_sha256 text,
            verification text,
            origin text NOT NULL,
            file integer NOT NULL,
            row integer,
            PRIMARY KEY (learner, badge, issued)
        )
        """,
        """
        CREATE TABLE registrar_exception (
            id bigserial PRIMARY KEY,
            learner text NOT NULL,
            pathway text,
            kind text NOT NULL,
            requirement text,
            badge text,
            title text,
            institution text,
            issued text,
            credits text,
            unit text,
            tags text,
            recorded_by text NOT NULL,
            recorded_on text NOT NULL,
            reason text NOT NULL,
            removed_by text,
            removed_on text,
            removal_reason text,
            file text,
            row integer
        )
        """,
        "CREATE INDEX registrar_exception_learner ON registrar_exception (learner)",

        // The server's tokens and secrets (see the SQLite store's v6).
        """
        CREATE TABLE api_token (
            id text PRIMARY KEY,
            secret_sha256 bytea NOT NULL UNIQUE,
            role text NOT NULL,
            learner text,
            label text,
            created_at bigint NOT NULL,
            expires_at bigint,
            revoked_at bigint
        )
        """,
        "CREATE TABLE server_secret (name text PRIMARY KEY, value bytea NOT NULL)",

        // Cohort jobs (see the SQLite store's v7). Times are Unix seconds.
        """
        CREATE TABLE cohort_job (
            id text PRIMARY KEY,
            kind text NOT NULL,
            subject text NOT NULL,
            as_of text NOT NULL,
            definitions text NOT NULL,
            header text NOT NULL,
            submitted_by text,
            submitted_at double precision NOT NULL,
            chunk_count integer NOT NULL,
            learner_count integer NOT NULL
        )
        """,
        """
        CREATE TABLE cohort_job_chunk (
            job text NOT NULL REFERENCES cohort_job (id),
            number integer NOT NULL,
            first_key bigint NOT NULL,
            last_key bigint NOT NULL,
            state text NOT NULL DEFAULT 'waiting',
            worker text,
            attempt integer NOT NULL DEFAULT 0,
            lease_until double precision,
            finished_at double precision,
            failure text,
            PRIMARY KEY (job, number)
        )
        """,
        "CREATE INDEX cohort_job_chunk_state ON cohort_job_chunk (state, job, number)",
        """
        CREATE TABLE cohort_job_result (
            job text NOT NULL,
            learner text NOT NULL,
            chunk integer NOT NULL,
            position integer NOT NULL,
            csv text NOT NULL,
            json text NOT NULL,
            PRIMARY KEY (job, chunk, position)
        )
        """,

        // The change counter: one row, moved by every statement that changes what answers are
        // computed from, and visible only when that statement's transaction commits — so a
        // server that keeps answers for a version never keeps one computed from uncommitted data.
        "CREATE TABLE store_change (one boolean PRIMARY KEY DEFAULT true CHECK (one), version bigint NOT NULL)",
        "INSERT INTO store_change (version) VALUES (0)",
        """
        CREATE FUNCTION store_change_bump() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            UPDATE store_change SET version = version + 1;
            RETURN NULL;
        END $$
        """,
    ] + ["framework", "skill", "label", "credit_decision", "learner", "earning", "registrar_exception", "api_token"].map {
        "CREATE TRIGGER \($0)_changes AFTER INSERT OR UPDATE OR DELETE ON \($0) FOR EACH STATEMENT EXECUTE FUNCTION store_change_bump()"
    }
}

extension PostgresSchema {
    /// Issued credentials and their status lists (see the SQLite store's v8). One credential per
    /// pathway and learner, and per status list index, kept by unique constraints, so
    /// reservations racing in several processes make one row; rows are never deleted. Both
    /// tables move the change counter: a server answers status list fetches and credential
    /// listings from them.
    static let v2: [String] = [
        """
        CREATE TABLE status_list (
            id text COLLATE "C" PRIMARY KEY,
            issuer text NOT NULL,
            purpose text NOT NULL,
            size integer NOT NULL CHECK (size > 0 AND size % 8 = 0),
            bits bytea NOT NULL,
            next_index integer NOT NULL DEFAULT 0,
            signed_credential text,
            updated_at text
        )
        """,
        """
        CREATE TABLE issued_credential (
            credential_id text COLLATE "C" PRIMARY KEY,
            pathway text COLLATE "C" NOT NULL,
            learner text COLLATE "C" NOT NULL,
            badge_class text NOT NULL,
            valid_from text NOT NULL,
            issued_at text COLLATE "C" NOT NULL,
            format text NOT NULL,
            status_list text COLLATE "C" REFERENCES status_list (id),
            status_index integer,
            document text,
            revoked boolean NOT NULL DEFAULT false,
            revocation_reason text,
            UNIQUE (pathway, learner),
            UNIQUE (status_list, status_index)
        )
        """,
        "CREATE INDEX issued_credential_learner ON issued_credential (learner)",
        "CREATE INDEX issued_credential_issued ON issued_credential (issued_at, credential_id)",
        "ALTER TABLE earning ADD COLUMN credential_id text",
    ] + ["status_list", "issued_credential"].map {
        "CREATE TRIGGER \($0)_changes AFTER INSERT OR UPDATE OR DELETE ON \($0) FOR EACH STATEMENT EXECUTE FUNCTION store_change_bump()"
    }

    /// `earning.status` is `in-progress` or `registered` for an earning not yet awarded (`NULL`:
    /// awarded, as every earning imported before); `learner.catalogue_year` and `learner.enrolled`
    /// (a day number) pick the version of a versioned pathway the learner follows (`NULL`: not given).
    static let v3: [String] = [
        "ALTER TABLE earning ADD COLUMN status text",
        "ALTER TABLE learner ADD COLUMN catalogue_year integer",
        "ALTER TABLE learner ADD COLUMN enrolled integer",
    ]
}
