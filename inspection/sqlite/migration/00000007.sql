-- Schema 7: a team on one exchange. Laptops sync through an S3 bucket or a
-- shared folder (a "remote"); the office reviews finalized field reports.
-- Credentials are never stored here: they come from the environment.
-- Written to run again harmlessly (tests replay migrations on a copy).

-- This Loupe's own settings: its device ID on every remote (device_id), what
-- it is set up for (role: inspector or reviewer) and the reviewer's name.
CREATE TABLE IF NOT EXISTS settings (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS remotes (
	name         TEXT PRIMARY KEY,
	url          TEXT NOT NULL, -- s3://BUCKET/PREFIX or dir:PATH
	endpoint     TEXT NOT NULL DEFAULT '',
	region       TEXT NOT NULL DEFAULT '',
	scope        TEXT NOT NULL DEFAULT 'all', -- all, or own: own inspections and their suppliers' history
	created_at   TEXT NOT NULL,
	last_sync_at TEXT NOT NULL DEFAULT '', -- when the last sync finished, whole
	last_try_at  TEXT NOT NULL DEFAULT '',
	last_error   TEXT NOT NULL DEFAULT '', -- why the last try failed; '' after a whole sync
	last_result  TEXT NOT NULL DEFAULT ''  -- JSON of what the last sync did
);

-- The office's decisions on finalized field reports. Never changed or
-- deleted: a second look is a new row.
CREATE TABLE IF NOT EXISTS reviews (
	id            TEXT PRIMARY KEY,
	inspection_id TEXT NOT NULL REFERENCES inspections (id),
	decision      TEXT NOT NULL CHECK (decision IN ('approved', 'returned')),
	comments      TEXT NOT NULL DEFAULT '',
	reviewer      TEXT NOT NULL,
	reviewed_at   TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS reviews_inspection ON reviews (inspection_id, reviewed_at);
CREATE TRIGGER IF NOT EXISTS reviews_immutable BEFORE UPDATE ON reviews BEGIN
	SELECT RAISE(ABORT, 'reviews are never changed: record a new review');
END;
CREATE TRIGGER IF NOT EXISTS reviews_kept BEFORE DELETE ON reviews BEGIN
	SELECT RAISE(ABORT, 'reviews are never deleted');
END;

-- Sync bookkeeping, per remote. sync_batches: the log objects of every
-- device this Loupe has read (or written) whole. sync_objects: every
-- record object those logs name, who wrote it, the version it was edited
-- from (parent), and when it was merged here (or pushed from here).
CREATE TABLE IF NOT EXISTS sync_batches (
	remote TEXT NOT NULL REFERENCES remotes (name) ON DELETE CASCADE,
	key    TEXT NOT NULL,
	device TEXT NOT NULL,
	seq    INTEGER NOT NULL,
	read_at TEXT NOT NULL,
	PRIMARY KEY (remote, key)
);
CREATE INDEX IF NOT EXISTS sync_batches_device ON sync_batches (remote, device, seq);

CREATE TABLE IF NOT EXISTS sync_objects (
	remote        TEXT NOT NULL REFERENCES remotes (name) ON DELETE CASCADE,
	object        TEXT NOT NULL, -- SHA-256 of the object's bytes
	kind          TEXT NOT NULL, -- dossier, review, library
	subject       TEXT NOT NULL DEFAULT '', -- the inspection (dossier, review)
	record        TEXT NOT NULL DEFAULT '', -- the review's ID
	supplier      TEXT NOT NULL DEFAULT '',
	device        TEXT NOT NULL,
	seq           INTEGER NOT NULL,
	parent        TEXT NOT NULL DEFAULT '',
	merged_at     TEXT NOT NULL DEFAULT '', -- '' until merged here, or pushed from here
	refused       TEXT NOT NULL DEFAULT '', -- why it was refused, if it was
	PRIMARY KEY (remote, object)
);
CREATE INDEX IF NOT EXISTS sync_objects_subject ON sync_objects (remote, subject, device, seq);

-- The version each inspection (and the library, subject '') was last in
-- step with on a remote: the base of the next push, and what this copy
-- held then (fingerprint: its content hash; '' when it holds more, still to
-- push), with a cheap mark of its last change (the audit trail's), so a
-- sync looks only at inspections changed since.
CREATE TABLE IF NOT EXISTS sync_heads (
	remote      TEXT NOT NULL REFERENCES remotes (name) ON DELETE CASCADE,
	subject     TEXT NOT NULL,
	object      TEXT NOT NULL,
	fingerprint TEXT NOT NULL,
	mark        TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (remote, subject)
);

-- Photo originals known to be on a remote, so a push asks for none twice.
CREATE TABLE IF NOT EXISTS sync_photos (
	remote TEXT NOT NULL REFERENCES remotes (name) ON DELETE CASCADE,
	sha256 TEXT NOT NULL,
	PRIMARY KEY (remote, sha256)
);
