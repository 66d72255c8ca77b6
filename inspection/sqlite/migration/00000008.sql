-- Schema 8: a career of inspections in one database. The Go step of this
-- version (see recompute in sqlite.go) fills inspection_grams and compacts
-- the audit trail, in this same transaction.

-- The list shows each inspection's number of findings; counting them per
-- row made its cost grow with the findings of every match. It is stored
-- with the verdict, by the same refresh that every change of findings
-- runs (refreshVerdict in inspection.go).
ALTER TABLE inspections ADD COLUMN finding_count INTEGER NOT NULL DEFAULT 0;
UPDATE inspections SET finding_count = (SELECT count(*) FROM findings WHERE inspection_id = inspections.id);

-- The list's whole order, so a page reads its own rows of the index.
DROP INDEX inspections_date;
CREATE INDEX inspections_list ON inspections (date DESC, created_at DESC, id DESC);

-- Search terms of one or two characters ("PO", a Chinese word such as
-- 划痕) are below what the trigram index answers. This index holds, per
-- inspection (rowid = inspections.seq), every distinct character and pair
-- of characters of its search document, each as one ASCII token (see
-- grams in search.go). Contentless and without positions: it only says
-- which inspections hold a pair.
CREATE VIRTUAL TABLE inspection_grams USING fts5 (
	grams, content = '', contentless_delete = 1, detail = none, tokenize = 'ascii'
);

-- The audit trail kept one row per column of every new record. Now a new
-- or deleted record is one row whose vals holds its values (JSON object,
-- field → text; null stands for the row's own entity_id or inspection_id)
-- and field, old and new are empty; a change is still one row per field.
-- field_delays, only on rows compacted from schema 5, keeps each field's
-- own time exactly: JSON object, field → nanoseconds after at (that Loupe
-- wrote the fields of one record a few microseconds apart).
ALTER TABLE audit ADD COLUMN vals TEXT NOT NULL DEFAULT '';
ALTER TABLE audit ADD COLUMN field_delays TEXT NOT NULL DEFAULT '';

-- change is a random token written again by every write transaction, so a
-- backup can tell whether the data changed since the last one: the token
-- is copied into the backup with everything else.
CREATE TABLE meta (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
);
INSERT INTO meta (key, value) VALUES ('change', lower(hex(randomblob(8))));
