-- verify index metadata. Bump SCHEMA_VERSION in database.py when this changes.
CREATE TABLE IF NOT EXISTS meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY,
    title TEXT,
    source TEXT NOT NULL,
    outlet TEXT,
    date TEXT,
    url TEXT,
    language TEXT,
    dateline TEXT,
    credit TEXT,
    content_hash TEXT NOT NULL,
    text TEXT NOT NULL,
    original_text TEXT,
    offsets TEXT,
    added_at TEXT NOT NULL
);
-- AUTOINCREMENT: claim ids are FAISS ids and must never be reused after an article is replaced.
CREATE TABLE IF NOT EXISTS claims (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    text TEXT NOT NULL,
    checkworthiness REAL NOT NULL,
    speaker TEXT,
    side TEXT,
    cue TEXT,
    quote TEXT NOT NULL,
    polarity TEXT NOT NULL,
    language TEXT,
    side_spans TEXT  -- JSON [[start, end], ...] into the claim's text; NULL: not parsed (schema 1)
);
CREATE INDEX IF NOT EXISTS claims_article ON claims(article_id);
CREATE TABLE IF NOT EXISTS claim_entities (
    claim_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    canonical TEXT NOT NULL,
    surface TEXT NOT NULL,
    kind TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS claim_entities_claim ON claim_entities(claim_id);
CREATE INDEX IF NOT EXISTS claim_entities_canonical ON claim_entities(canonical);
-- The store-wide alias table: every surface form seen, and the canonical name it was merged into.
CREATE TABLE IF NOT EXISTS aliases (
    surface TEXT NOT NULL,
    kind TEXT NOT NULL,
    canonical TEXT NOT NULL,
    PRIMARY KEY (surface, kind)
);
-- Sides learned for speakers, so that a person's camp found in one article carries to the others.
CREATE TABLE IF NOT EXISTS speaker_sides (
    speaker TEXT PRIMARY KEY,
    side TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS links (
    a INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    b INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    relation TEXT NOT NULL,
    score REAL NOT NULL,
    reason TEXT NOT NULL,
    similarity REAL NOT NULL,
    version TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (a, b),
    CHECK (a < b)
);
CREATE INDEX IF NOT EXISTS links_b ON links(b);
CREATE INDEX IF NOT EXISTS links_relation ON links(relation, score);
CREATE TABLE IF NOT EXISTS link_verdicts (
    a INTEGER NOT NULL,
    b INTEGER NOT NULL,
    verdict TEXT NOT NULL CHECK (verdict IN ('confirmed', 'rejected', 'unsure')),
    note TEXT,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (a, b),
    FOREIGN KEY (a, b) REFERENCES links(a, b) ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS claim_ratings (
    claim_id INTEGER PRIMARY KEY REFERENCES claims(id) ON DELETE CASCADE,
    rating TEXT NOT NULL CHECK (rating IN ('true', 'false', 'misleading', 'unproven')),
    note TEXT,
    updated_at TEXT NOT NULL
);
