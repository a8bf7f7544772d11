"""The store's schema: every table, index, trigger and full-text index, in one place.

The schema is a list of migrations. Migration N takes a database at version N-1 to version N;
`store.db.open_db` applies the missing ones in order inside one transaction each. To change the
schema, append a migration: never edit one that has shipped.
"""

from __future__ import annotations

from collections.abc import Callable

import sqlite_utils

from store.names import name_key

Migration = Callable[[sqlite_utils.Database], None]

V1_TABLES = """
CREATE TABLE sources (
    name TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    base_url TEXT,
    kind TEXT NOT NULL DEFAULT 'bulletin' CHECK (kind IN ('bulletin', 'news')),
    enabled INTEGER NOT NULL DEFAULT 1,
    config_path TEXT
);

CREATE TABLE crawl_runs (
    id INTEGER PRIMARY KEY,
    site TEXT NOT NULL REFERENCES sources(name),
    started_at TEXT NOT NULL,
    finished_at TEXT,
    status TEXT NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'ok', 'failed', 'blocked', 'interrupted')),
    since TEXT,
    fetched INTEGER NOT NULL DEFAULT 0,
    new INTEGER NOT NULL DEFAULT 0,
    known INTEGER NOT NULL DEFAULT 0,
    failed INTEGER NOT NULL DEFAULT 0,
    blocked INTEGER NOT NULL DEFAULT 0,
    failures TEXT NOT NULL DEFAULT '{}',
    duration_s REAL
);

CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL UNIQUE,
    fingerprint TEXT NOT NULL UNIQUE,
    site TEXT REFERENCES sources(name),
    kind TEXT NOT NULL DEFAULT 'bulletin' CHECK (kind IN ('bulletin', 'news')),
    title TEXT,
    published TEXT,
    fetched_at TEXT,
    http_status INTEGER,
    content_type TEXT,
    encoding TEXT,
    content_hash TEXT,
    warc_file TEXT,
    warc_offset INTEGER,
    warc_record_id TEXT,
    clean_text TEXT,
    crawl_run_id INTEGER REFERENCES crawl_runs(id),
    analyzed_at TEXT,
    model_version TEXT,
    cluster_id TEXT
);
CREATE INDEX idx_documents_site_published ON documents(site, published);
CREATE INDEX idx_documents_analyzed ON documents(analyzed_at);
CREATE INDEX idx_documents_cluster ON documents(cluster_id);

CREATE TABLE attachments (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    url TEXT NOT NULL,
    name TEXT,
    content_type TEXT,
    content_hash TEXT,
    warc_file TEXT,
    warc_offset INTEGER,
    text TEXT,
    UNIQUE (document_id, url)
);

CREATE TABLE companies (
    id INTEGER PRIMARY KEY,
    legal_name TEXT NOT NULL UNIQUE,
    short_name TEXT,
    parent_id INTEGER REFERENCES companies(id),
    verified INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    note TEXT
);
CREATE INDEX idx_companies_parent ON companies(parent_id);

CREATE TABLE company_aliases (
    alias_key TEXT PRIMARY KEY,
    alias TEXT NOT NULL,
    company_id INTEGER NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('legal', 'former_legal', 'short', 'brand', 'member_entity', 'branch')),
    source TEXT
);
CREATE INDEX idx_company_aliases_company ON company_aliases(company_id);

CREATE TABLE name_candidates (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    company_id INTEGER NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
    score REAL NOT NULL,
    found_at TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'accepted', 'rejected')),
    UNIQUE (name, company_id)
);

CREATE TABLE licences (
    id INTEGER PRIMARY KEY,
    company_id INTEGER NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
    licence_type TEXT NOT NULL,
    issuer TEXT NOT NULL,
    licence_no TEXT,
    granted_on TEXT,
    expires_on TEXT,
    source TEXT,
    UNIQUE (company_id, licence_type, issuer)
);

CREATE TABLE licence_counts (
    issuer TEXT NOT NULL,
    licence_type TEXT NOT NULL,
    holders INTEGER NOT NULL,
    as_of TEXT NOT NULL,
    source TEXT,
    PRIMARY KEY (issuer, licence_type, as_of)
);

CREATE TABLE memberships (
    id INTEGER PRIMARY KEY,
    company_id INTEGER NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
    tier TEXT NOT NULL CHECK (tier IN ('model', 'escort', 'signer', 'aware')),
    valid_from TEXT NOT NULL,
    valid_to TEXT,
    source TEXT,
    entered_by TEXT NOT NULL DEFAULT 'reference',
    entered_at TEXT NOT NULL,
    UNIQUE (company_id, tier, valid_from)
);

CREATE TABLE participations (
    id INTEGER PRIMARY KEY,
    batch TEXT NOT NULL,
    company_id INTEGER NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
    entered_by TEXT NOT NULL DEFAULT 'reference',
    entered_at TEXT NOT NULL,
    note TEXT,
    UNIQUE (batch, company_id)
);

CREATE TABLE list_entries (
    id INTEGER PRIMARY KEY,
    company_id INTEGER NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
    list TEXT NOT NULL CHECK (list IN ('bad', 'dishonest', 'record')),
    date_in TEXT NOT NULL,
    date_out TEXT,
    business TEXT,
    cloud_related INTEGER NOT NULL DEFAULT 1,
    reason TEXT,
    source TEXT,
    entered_by TEXT NOT NULL DEFAULT 'reference',
    entered_at TEXT NOT NULL,
    UNIQUE (company_id, list, date_in, business)
);

CREATE TABLE list_facts (
    id INTEGER PRIMARY KEY,
    list TEXT NOT NULL,
    published_on TEXT NOT NULL,
    companies_listed INTEGER,
    cloud_licensed_listed INTEGER,
    reason TEXT,
    source TEXT,
    UNIQUE (list, published_on)
);

CREATE TABLE explanations (
    id INTEGER PRIMARY KEY,
    list_entry_id INTEGER NOT NULL REFERENCES list_entries(id) ON DELETE CASCADE,
    accepted INTEGER NOT NULL,
    decided_on TEXT NOT NULL,
    note TEXT NOT NULL,
    entered_by TEXT NOT NULL,
    entered_at TEXT NOT NULL
);

CREATE TABLE availability_zones (
    id INTEGER PRIMARY KEY,
    company_id INTEGER NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    location TEXT NOT NULL DEFAULT 'domestic' CHECK (location IN ('domestic', 'overseas', 'hong_kong', 'macao', 'taiwan')),
    source TEXT,
    entered_by TEXT NOT NULL DEFAULT 'reference',
    entered_at TEXT NOT NULL,
    UNIQUE (company_id, name)
);

CREATE TABLE gradings (
    id INTEGER PRIMARY KEY,
    company_id INTEGER NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
    az_id INTEGER NOT NULL REFERENCES availability_zones(id) ON DELETE CASCADE,
    scheme TEXT NOT NULL CHECK (scheme IN ('comprehensive', 'availability')),
    grade TEXT NOT NULL,
    grade_is_lower_bound INTEGER NOT NULL DEFAULT 0,
    graded_on TEXT NOT NULL,
    valid_to TEXT,
    source TEXT,
    note TEXT,
    UNIQUE (az_id, scheme, graded_on)
);

CREATE TABLE other_proofs (
    id INTEGER PRIMARY KEY,
    company_id INTEGER NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
    level TEXT NOT NULL,
    valid_from TEXT NOT NULL,
    valid_to TEXT,
    note TEXT NOT NULL,
    entered_by TEXT NOT NULL,
    entered_at TEXT NOT NULL
);

CREATE TABLE bulletin_facts (
    document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    notice_type TEXT NOT NULL CHECK (notice_type IN ('award', 'tender', 'cancelled', 'other')),
    title TEXT,
    project_code TEXT,
    buyer TEXT,
    buyer_company_id INTEGER REFERENCES companies(id),
    agency TEXT,
    published TEXT,
    budget_yuan REAL,
    label TEXT,
    score REAL,
    cloud_related INTEGER,
    model_version TEXT,
    extracted_at TEXT NOT NULL
);

CREATE TABLE lots (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    lot_no INTEGER NOT NULL,
    lot_name TEXT,
    winner TEXT,
    winner_company_id INTEGER REFERENCES companies(id),
    amount_yuan REAL,
    amount_raw TEXT,
    rate TEXT,
    UNIQUE (document_id, lot_no)
);
CREATE INDEX idx_lots_winner ON lots(winner_company_id);

CREATE TABLE evidence (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    company_id INTEGER REFERENCES companies(id),
    company_name TEXT,
    violation_type TEXT NOT NULL CHECK (violation_type IN ('zero_price_bid', 'abnormally_low_bid', 'license_lending')),
    score REAL NOT NULL,
    model_version TEXT NOT NULL,
    reason TEXT,
    triggers TEXT NOT NULL DEFAULT '[]',
    winner TEXT,
    amount_yuan REAL,
    budget_yuan REAL,
    buyer TEXT,
    cluster_id TEXT,
    occurred_on TEXT,
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'confirmed', 'rejected', 'duplicate')),
    reviewer TEXT,
    reviewed_at TEXT,
    note TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (document_id, violation_type)
);
CREATE INDEX idx_evidence_status_score ON evidence(status, score DESC);
CREATE INDEX idx_evidence_company ON evidence(company_id, status);
CREATE INDEX idx_evidence_cluster ON evidence(cluster_id);

CREATE TABLE review_log (
    id INTEGER PRIMARY KEY,
    evidence_id INTEGER NOT NULL REFERENCES evidence(id),
    actor TEXT NOT NULL,
    at TEXT NOT NULL,
    old_status TEXT NOT NULL,
    new_status TEXT NOT NULL,
    note TEXT
);
CREATE INDEX idx_review_log_evidence ON review_log(evidence_id);

CREATE TRIGGER review_log_no_update BEFORE UPDATE ON review_log
BEGIN SELECT RAISE(ABORT, 'review_log is append-only: add a new entry instead'); END;
CREATE TRIGGER review_log_no_delete BEFORE DELETE ON review_log
BEGIN SELECT RAISE(ABORT, 'review_log is append-only: entries cannot be deleted'); END;

CREATE TABLE expected_ratings (
    batch TEXT NOT NULL,
    company_id INTEGER NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
    grade TEXT NOT NULL,
    source TEXT,
    PRIMARY KEY (batch, company_id)
);

CREATE TABLE ratings (
    id INTEGER PRIMARY KEY,
    company_id INTEGER NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
    batch TEXT NOT NULL,
    as_of TEXT NOT NULL,
    rules_version TEXT NOT NULL,
    records REAL NOT NULL,
    self_discipline REAL NOT NULL,
    capability REAL NOT NULL,
    total REAL NOT NULL,
    grade TEXT NOT NULL,
    explanation TEXT NOT NULL,
    inputs_digest TEXT NOT NULL,
    pack_path TEXT,
    pack_digest TEXT,
    rated_at TEXT NOT NULL,
    UNIQUE (company_id, batch, as_of, rules_version)
);

CREATE TABLE discrepancies (
    id INTEGER PRIMARY KEY,
    subject TEXT NOT NULL UNIQUE,
    detail TEXT NOT NULL,
    source TEXT
);
"""


def _v1(db: sqlite_utils.Database) -> None:
    db.executescript(V1_TABLES)
    db["documents"].enable_fts(["title", "clean_text"], tokenize="trigram", create_triggers=True)
    db["evidence"].enable_fts(
        ["company_name", "winner", "buyer", "reason", "note"], tokenize="trigram", create_triggers=True
    )


EVIDENCE_REVIEW_TRIGGERS = (
    """CREATE TRIGGER evidence_decision_needs_reviewer BEFORE UPDATE OF status ON evidence
    WHEN NEW.status IS NOT OLD.status AND COALESCE(TRIM(NEW.reviewer), '') = ''
    BEGIN SELECT RAISE(ABORT, 'a review decision needs a reviewer'); END""",
    """CREATE TRIGGER evidence_review_logged AFTER UPDATE OF status, reviewer, reviewed_at, note ON evidence
    WHEN COALESCE(TRIM(NEW.reviewer), '') != ''
    BEGIN
        INSERT INTO review_log (evidence_id, actor, at, old_status, new_status, note)
        VALUES (NEW.id, NEW.reviewer, COALESCE(NEW.reviewed_at, strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now')),
                OLD.status, NEW.status, NEW.note);
    END""",
)


def _v2_evidence_review_triggers(db: sqlite_utils.Database) -> None:
    """Every analyst decision on evidence (Python or a Datasette writable query) appends to review_log."""
    for statement in EVIDENCE_REVIEW_TRIGGERS:
        db.execute(statement)


def _v3_scoring_inventory(db: sqlite_utils.Database) -> None:
    """AZs an analyst listed as the company's inventory (vs known only from a grading); who entered a grading."""
    db.execute("ALTER TABLE availability_zones ADD COLUMN inventory INTEGER NOT NULL DEFAULT 0")
    db.execute("ALTER TABLE gradings ADD COLUMN entered_by TEXT NOT NULL DEFAULT 'reference'")
    db.execute("ALTER TABLE gradings ADD COLUMN entered_at TEXT")


def _v4_document_minhash(db: sqlite_utils.Database) -> None:
    """MinHash signatures of analysed documents, so near-duplicates cluster across analyze runs."""
    db.execute(
        "CREATE TABLE document_minhash (document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,"
        " cluster_id TEXT NOT NULL, hashvalues BLOB NOT NULL)"
    )


SEARCH_AND_TRIAGE = (
    "CREATE VIRTUAL TABLE documents_seg_fts USING fts5(title, clean_text, tokenize = 'unicode61')",
    "CREATE VIRTUAL TABLE evidence_seg_fts USING fts5(company_name, winner, buyer, reason, note, tokenize = 'unicode61')",
    "CREATE TABLE search_queue (kind TEXT NOT NULL, row_id INTEGER NOT NULL, PRIMARY KEY (kind, row_id)) WITHOUT ROWID",
    """CREATE TRIGGER documents_seg_queue_insert AFTER INSERT ON documents
    BEGIN INSERT OR IGNORE INTO search_queue VALUES ('documents', NEW.id); END""",
    """CREATE TRIGGER documents_seg_queue_update AFTER UPDATE OF title, clean_text ON documents
    BEGIN INSERT OR IGNORE INTO search_queue VALUES ('documents', NEW.id); END""",
    """CREATE TRIGGER documents_seg_delete AFTER DELETE ON documents
    BEGIN
        DELETE FROM documents_seg_fts WHERE rowid = OLD.id;
        DELETE FROM search_queue WHERE kind = 'documents' AND row_id = OLD.id;
    END""",
    """CREATE TRIGGER evidence_seg_queue_insert AFTER INSERT ON evidence
    BEGIN INSERT OR IGNORE INTO search_queue VALUES ('evidence', NEW.id); END""",
    """CREATE TRIGGER evidence_seg_queue_update AFTER UPDATE OF company_name, winner, buyer, reason, note ON evidence
    BEGIN INSERT OR IGNORE INTO search_queue VALUES ('evidence', NEW.id); END""",
    """CREATE TRIGGER evidence_seg_delete AFTER DELETE ON evidence
    BEGIN
        DELETE FROM evidence_seg_fts WHERE rowid = OLD.id;
        DELETE FROM search_queue WHERE kind = 'evidence' AND row_id = OLD.id;
    END""",
    "INSERT OR IGNORE INTO search_queue SELECT 'documents', id FROM documents",
    "INSERT OR IGNORE INTO search_queue SELECT 'evidence', id FROM evidence",
    """CREATE INDEX idx_evidence_pending_cluster
    ON evidence(COALESCE(cluster_id, 'doc:' || document_id), score DESC) WHERE status = 'pending'""",
    "CREATE INDEX idx_evidence_reviewed ON evidence(reviewed_at) WHERE reviewed_at IS NOT NULL",
    "CREATE INDEX idx_evidence_created ON evidence(created_at)",
    "CREATE INDEX idx_gradings_company ON gradings(company_id)",
)


def _v5_search_and_triage(db: sqlite_utils.Database) -> None:
    """Word-segmented (jieba) full-text indexes fed by a queue, and the indexes the triage pages need."""
    for statement in SEARCH_AND_TRIAGE:
        db.execute(statement)


EVIDENCE_VIEW = """CREATE VIEW evidence_view AS
SELECT e.id, e.status, e.violation_type, e.score, e.company_id, e.company_name, c.legal_name AS company,
       d.site, substr(COALESCE(e.occurred_on, d.published, e.created_at), 1, 7) AS month,
       e.winner, e.amount_yuan, e.budget_yuan, e.buyer, e.reason, e.cluster_id, e.occurred_on,
       e.reviewer, e.reviewed_at, e.note, e.model_version, e.created_at, e.document_id, d.title, d.url
FROM evidence e
JOIN documents d ON d.id = e.document_id
LEFT JOIN companies c ON c.id = e.company_id"""


def _v6_evidence_view(db: sqlite_utils.Database) -> None:
    """Evidence with its document's site, title and URL and a month column, for faceted browsing."""
    db.execute(EVIDENCE_VIEW)


def _v7_rating_evidence_index(db: sqlite_utils.Database) -> None:
    """A covering index for the rating's one query over confirmed evidence (all companies at once)."""
    db.execute(
        "CREATE INDEX idx_evidence_rating ON evidence(status, company_id, occurred_on, violation_type, document_id)"
    )


EVIDENCE_FACETS = (
    "ALTER TABLE evidence ADD COLUMN site TEXT",
    "ALTER TABLE evidence ADD COLUMN month TEXT GENERATED ALWAYS AS (substr(COALESCE(occurred_on, created_at), 1, 7)) VIRTUAL",
    "UPDATE evidence SET site = (SELECT site FROM documents WHERE documents.id = evidence.document_id)",
    """CREATE TRIGGER documents_site_to_evidence AFTER UPDATE OF site ON documents
    BEGIN UPDATE evidence SET site = NEW.site WHERE document_id = NEW.id; END""",
)


def _v8_evidence_site_month(db: sqlite_utils.Database) -> None:
    """Evidence carries its document's site (set by evidence.records.record_flag, followed by a trigger when a
    document's site changes) and a month column, so the triage facets need no join."""
    for statement in EVIDENCE_FACETS:
        db.execute(statement)


EVIDENCE_FACET_INDEXES = (
    "CREATE INDEX idx_evidence_type ON evidence(violation_type)",
    "CREATE INDEX idx_evidence_site ON evidence(site)",
    "CREATE INDEX idx_evidence_month ON evidence(month)",
    "CREATE INDEX idx_evidence_score ON evidence(score DESC, id)",
)


def _v9_evidence_facet_indexes(db: sqlite_utils.Database) -> None:
    """Indexes for the evidence table's facets and default sort (the analysts' browsing page)."""
    for statement in EVIDENCE_FACET_INDEXES:
        db.execute(statement)


def _v10_minhash_bands(db: sqlite_utils.Database) -> None:
    """LSH band keys of document signatures, so near-duplicate candidates are found on disk across runs."""
    db.execute(
        "CREATE TABLE document_minhash_bands (band_key INTEGER NOT NULL,"
        " document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE)"
    )
    db.execute("CREATE INDEX idx_minhash_bands_key ON document_minhash_bands(band_key)")
    db.execute("CREATE INDEX idx_minhash_bands_document ON document_minhash_bands(document_id)")


def _changed(columns: tuple[str, ...]) -> str:
    return " OR ".join(f"old.[{name}] IS NOT new.[{name}]" for name in columns)


def _v11_reindex_changed_text_only(db: sqlite_utils.Database) -> None:
    """The full-text indexes and the segmentation queue follow a row only when its indexed text changes
    (re-analysing with a new model rewrites every text, mostly unchanged; an analyst's decision rewrites none)."""
    for table, columns in (("documents", ("title", "clean_text")),
                           ("evidence", ("company_name", "winner", "buyer", "reason", "note"))):
        names = ", ".join(f"[{name}]" for name in columns)
        olds = ", ".join(f"old.[{name}]" for name in columns)
        news = ", ".join(f"new.[{name}]" for name in columns)
        db.execute(f"DROP TRIGGER [{table}_au]")
        db.execute(
            f"CREATE TRIGGER [{table}_au] AFTER UPDATE ON [{table}] WHEN old.rowid != new.rowid OR {_changed(columns)} BEGIN"
            f" INSERT INTO [{table}_fts] ([{table}_fts], rowid, {names}) VALUES ('delete', old.rowid, {olds});"
            f" INSERT INTO [{table}_fts] (rowid, {names}) VALUES (new.rowid, {news}); END"
        )
        db.execute(f"DROP TRIGGER {table}_seg_queue_update")
        db.execute(
            f"CREATE TRIGGER {table}_seg_queue_update AFTER UPDATE OF {', '.join(columns)} ON {table}"
            f" WHEN {_changed(columns)} BEGIN INSERT OR IGNORE INTO search_queue VALUES ('{table}', NEW.id); END"
        )


def _v12_fold_alias_keys(db: sqlite_utils.Database) -> None:
    """Alias keys fold traditional characters to simplified (`store.names.name_key`: 蘭州 = 兰州), so a name written
    either way resolves to one company. Each alias is re-keyed; one whose new key another company's alias already
    has keeps its old key and becomes an open name candidate of that company, for an analyst to decide (nothing is
    merged or dropped)."""
    rows = db.execute("SELECT alias_key, alias, company_id FROM company_aliases ORDER BY rowid").fetchall()
    for old_key, alias, company_id in rows:
        key = name_key(alias)
        if key == old_key:
            continue
        holder = db.execute("SELECT company_id FROM company_aliases WHERE alias_key = ?", [key]).fetchone()
        if holder is None:
            db.execute("UPDATE company_aliases SET alias_key = ? WHERE alias_key = ?", [key, old_key])
        elif holder[0] != company_id:
            db.execute(
                "INSERT OR IGNORE INTO name_candidates (name, company_id, score, found_at)"
                " VALUES (?, ?, 100.0, strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now'))",
                [alias, holder[0]],
            )


MIGRATIONS: list[Migration] = [_v1, _v2_evidence_review_triggers, _v3_scoring_inventory, _v4_document_minhash, _v5_search_and_triage, _v6_evidence_view, _v7_rating_evidence_index, _v8_evidence_site_month, _v9_evidence_facet_indexes, _v10_minhash_bands, _v11_reindex_changed_text_only, _v12_fold_alias_keys]

SCHEMA_VERSION = len(MIGRATIONS)
