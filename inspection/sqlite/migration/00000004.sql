-- Schema 4: every report file Loupe wrote or imported, by the SHA-256 of its
-- bytes, so `loupe verify FILE.pdf` can tell an untouched report from one
-- with a changed byte, which the content hash in its footer cannot see.
CREATE TABLE report_files (
	sha256         TEXT PRIMARY KEY,
	inspection_id  TEXT NOT NULL,
	content_sha256 TEXT NOT NULL DEFAULT '',
	name           TEXT NOT NULL DEFAULT '',
	size           INTEGER NOT NULL DEFAULT 0,
	created_at     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX report_files_inspection ON report_files (inspection_id, created_at);
