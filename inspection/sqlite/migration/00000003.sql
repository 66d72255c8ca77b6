-- Schema 3: bundle import conflicts and the mail outbox.

-- A record that differs between this database and an imported bundle. Both
-- versions are kept as JSON until the user chooses; incoming_sha makes a
-- second import of the same bundle find the row instead of adding one.
CREATE TABLE import_conflicts (
	id            INTEGER PRIMARY KEY,
	inspection_id TEXT NOT NULL DEFAULT '',
	entity        TEXT NOT NULL,
	entity_id     TEXT NOT NULL,
	local         TEXT NOT NULL,
	incoming      TEXT NOT NULL,
	incoming_sha  TEXT NOT NULL,
	state         TEXT NOT NULL DEFAULT 'open',
	created_at    TEXT NOT NULL,
	resolved_at   TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX import_conflicts_once ON import_conflicts (entity, entity_id, incoming_sha);
CREATE INDEX import_conflicts_state ON import_conflicts (state, id);

-- Mail waiting to leave the laptop. No foreign key: a sent report stays in
-- the history even if its draft inspection is deleted later.
CREATE TABLE outbox (
	id              TEXT PRIMARY KEY,
	inspection_id   TEXT NOT NULL DEFAULT '',
	recipients      TEXT NOT NULL DEFAULT 'null',
	subject         TEXT NOT NULL DEFAULT '',
	body            TEXT NOT NULL DEFAULT '',
	attachments     TEXT NOT NULL DEFAULT 'null',
	state           TEXT NOT NULL DEFAULT 'queued',
	attempts        INTEGER NOT NULL DEFAULT 0,
	next_attempt_at TEXT NOT NULL DEFAULT '',
	last_error      TEXT NOT NULL DEFAULT '',
	created_at      TEXT NOT NULL DEFAULT '',
	sent_at         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX outbox_due ON outbox (state, next_attempt_at);
