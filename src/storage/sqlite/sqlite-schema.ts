/**
 * The embedded database's layout, by version (`PRAGMA user_version`). A new version appends a step; a start
 * applies the missing steps in one transaction, and a database from a newer GalleryOps is refused rather
 * than guessed at. Bodies are the JSON documents the cores define (checked with their zod schemas on read);
 * the other columns are copies for indexes and conditional writes.
 */
export const SCHEMA_STEPS: readonly string[] = [
  `
  CREATE TABLE requests (
    id TEXT PRIMARY KEY,
    revision INTEGER NOT NULL,
    state TEXT NOT NULL,
    is_open INTEGER NOT NULL,
    source_image TEXT NOT NULL,
    scope_image TEXT NOT NULL,
    created_at TEXT NOT NULL,
    body TEXT NOT NULL
  );
  CREATE INDEX requests_open ON requests (is_open, created_at, id);
  CREATE INDEX requests_source_image ON requests (source_image);
  CREATE INDEX requests_scope_image ON requests (scope_image);

  CREATE TABLE audit (
    seq INTEGER PRIMARY KEY,
    hash TEXT NOT NULL,
    request_id TEXT,
    image TEXT,
    version TEXT,
    body TEXT NOT NULL
  );
  CREATE INDEX audit_request ON audit (request_id);
  CREATE INDEX audit_image ON audit (image, version);
  -- The head moves in the same transaction as the records; a copy of the last record's position and hash.
  CREATE TABLE audit_head (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    seq INTEGER NOT NULL,
    hash TEXT NOT NULL
  );

  CREATE TABLE conversations (
    key TEXT PRIMARY KEY,
    updated_at TEXT NOT NULL,
    body TEXT NOT NULL
  );

  -- Evidence bundles: the bundle's own fields, with large repeated parts by reference (evidence_parts).
  CREATE TABLE evidence_bundles (
    sha256 TEXT PRIMARY KEY,
    stored_at TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL
  );
  CREATE INDEX evidence_bundles_stored_at ON evidence_bundles (stored_at);
  CREATE TABLE evidence_parts (
    hash TEXT PRIMARY KEY,
    body TEXT NOT NULL
  );
  CREATE TABLE evidence_refs (
    bundle TEXT NOT NULL,
    part TEXT NOT NULL,
    PRIMARY KEY (bundle, part)
  );
  CREATE INDEX evidence_refs_part ON evidence_refs (part);

  CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );
  `,
  // 2: the fields open requests will set, one holder each (see claimsOf). Open requests stored before this step
  // claim theirs when the owner opens the database (claimOpenRequests), in code, so the key is derived once.
  `
  CREATE TABLE claims (
    key TEXT PRIMARY KEY,
    request_id TEXT NOT NULL
  );
  CREATE INDEX claims_request ON claims (request_id);
  `,
  // 3: conversations' subscriptions, and the events delivered to each (one row per event: at most once per subscription).
  `
  CREATE TABLE subscriptions (
    id TEXT PRIMARY KEY,
    conversation TEXT NOT NULL,
    created_at TEXT NOT NULL,
    body TEXT NOT NULL
  );
  CREATE INDEX subscriptions_conversation ON subscriptions (conversation, created_at);
  CREATE TABLE deliveries (
    subscription TEXT NOT NULL,
    event TEXT NOT NULL,
    delivered_at TEXT NOT NULL,
    PRIMARY KEY (subscription, event)
  );
  `,
  // 4: evidence references as two 32-byte hashes in one B-tree, found by part (pruning asks "is this part still
  // used?"); a bundle's own parts are listed in its skeleton. The soak measured 408 bytes per reference before
  // (two 64-character hex keys, stored in the table, its key index and a second index): the largest growth there.
  // And audit records say their action in a column: bodies are packed from here on (sqlite-body.ts: packBody),
  // and what an operator or a test asks of the log most ("which records are approvals?") needs no unpacking.
  `
  CREATE TABLE evidence_uses (
    part BLOB NOT NULL,
    bundle BLOB NOT NULL,
    PRIMARY KEY (part, bundle)
  ) WITHOUT ROWID;
  INSERT INTO evidence_uses (part, bundle) SELECT unhex(part), unhex(bundle) FROM evidence_refs WHERE unhex(part) IS NOT NULL AND unhex(bundle) IS NOT NULL;
  DROP TABLE evidence_refs;
  ALTER TABLE audit ADD COLUMN action TEXT;
  UPDATE audit SET action = json_extract(body, '$.action') WHERE json_valid(body);
  `,
  // 5: each subscription's last daily digest (its day and findings: the next digest's baseline), one row per
  // subscription, written in the transaction that records the digest's event id in deliveries.
  `
  CREATE TABLE digests (
    subscription TEXT PRIMARY KEY,
    body TEXT NOT NULL
  );
  `,
];

/** The version this code writes and understands. */
export const SCHEMA_VERSION = SCHEMA_STEPS.length;
