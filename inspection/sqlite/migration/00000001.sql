-- Schema 1. IDs are UUID text; NULL where a reference is "none". Times are
-- UTC RFC 3339 text with nine fraction digits (so they sort as text), '' for
-- the zero time. Slices are JSON text.

CREATE TABLE clients (
	id      TEXT PRIMARY KEY,
	name    TEXT NOT NULL DEFAULT '',
	contact TEXT NOT NULL DEFAULT ''
);

CREATE TABLE suppliers (
	id         TEXT PRIMARY KEY,
	name       TEXT NOT NULL DEFAULT '',
	name_local TEXT NOT NULL DEFAULT '',
	address    TEXT NOT NULL DEFAULT ''
);

CREATE TABLE factories (
	id          TEXT PRIMARY KEY,
	supplier_id TEXT REFERENCES suppliers (id),
	name        TEXT NOT NULL DEFAULT '',
	name_local  TEXT NOT NULL DEFAULT '',
	address     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX factories_supplier ON factories (supplier_id);

CREATE TABLE products (
	id          TEXT PRIMARY KEY,
	client_id   TEXT REFERENCES clients (id),
	sku         TEXT NOT NULL DEFAULT '',
	description TEXT NOT NULL DEFAULT '',
	spec_ref    TEXT NOT NULL DEFAULT ''
);

CREATE TABLE samples (
	id            TEXT PRIMARY KEY,
	product_id    TEXT REFERENCES products (id),
	kind          TEXT NOT NULL DEFAULT '',
	code          TEXT NOT NULL DEFAULT '',
	version       INTEGER NOT NULL DEFAULT 0,
	date          TEXT NOT NULL DEFAULT '',
	limit_text    TEXT NOT NULL DEFAULT '',
	notes         TEXT NOT NULL DEFAULT '',
	superseded_by TEXT REFERENCES samples (id)
);
CREATE INDEX samples_product ON samples (product_id);

-- seq is the rowid alias the full-text index points at: unlike an implicit
-- rowid, VACUUM (and VACUUM INTO backups) keep it.
CREATE TABLE inspections (
	seq              INTEGER PRIMARY KEY,
	id               TEXT NOT NULL UNIQUE,
	report_no        TEXT NOT NULL DEFAULT '',
	type             TEXT NOT NULL DEFAULT '',
	status           TEXT NOT NULL DEFAULT 'draft',
	client_id        TEXT REFERENCES clients (id),
	supplier_id      TEXT REFERENCES suppliers (id),
	factory_id       TEXT REFERENCES factories (id),
	product_id       TEXT REFERENCES products (id),
	pos              TEXT NOT NULL DEFAULT 'null',
	date             TEXT NOT NULL DEFAULT '',
	inspector        TEXT NOT NULL DEFAULT '',
	started_at       TEXT NOT NULL DEFAULT '',
	finished_at      TEXT NOT NULL DEFAULT '',
	lot_size         INTEGER NOT NULL DEFAULT 0,
	qty_ordered      INTEGER NOT NULL DEFAULT 0,
	pct_produced     REAL NOT NULL DEFAULT 0,
	pct_packed       REAL NOT NULL DEFAULT 0,
	cartons          INTEGER NOT NULL DEFAULT 0,
	cartons_opened   TEXT NOT NULL DEFAULT 'null',
	level            TEXT NOT NULL DEFAULT '',
	severity         TEXT NOT NULL DEFAULT '',
	severity_reason  TEXT NOT NULL DEFAULT '',
	aql_critical     REAL NOT NULL DEFAULT 0,
	aql_major        REAL NOT NULL DEFAULT 0,
	aql_minor        REAL NOT NULL DEFAULT 0,
	golden_sample_id TEXT REFERENCES samples (id),
	spec_revision    TEXT NOT NULL DEFAULT '',
	reinspection_of  TEXT REFERENCES inspections (id) ON DELETE SET NULL,
	revision_of      TEXT REFERENCES inspections (id) ON DELETE SET NULL,
	revision_reason  TEXT NOT NULL DEFAULT '',
	comments         TEXT NOT NULL DEFAULT '',
	recommendation   TEXT NOT NULL DEFAULT '',
	verdict          TEXT NOT NULL DEFAULT '',
	created_at       TEXT NOT NULL DEFAULT '',
	updated_at       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX inspections_date ON inspections (date DESC, created_at DESC);
CREATE INDEX inspections_created ON inspections (created_at DESC);
CREATE INDEX inspections_supplier_product ON inspections (supplier_id, product_id, date);
CREATE INDEX inspections_reinspection ON inspections (reinspection_of);
CREATE INDEX inspections_revision ON inspections (revision_of);

CREATE TABLE sections (
	inspection_id TEXT NOT NULL REFERENCES inspections (id) ON DELETE CASCADE,
	kind          TEXT NOT NULL,
	result        TEXT NOT NULL DEFAULT '',
	notes         TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (inspection_id, kind)
);

CREATE TABLE checklist_items (
	id            TEXT PRIMARY KEY,
	inspection_id TEXT NOT NULL REFERENCES inspections (id) ON DELETE CASCADE,
	section       TEXT NOT NULL DEFAULT '',
	position      INTEGER NOT NULL DEFAULT 0,
	text          TEXT NOT NULL DEFAULT '',
	result        TEXT NOT NULL DEFAULT '',
	notes         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX checklist_items_inspection ON checklist_items (inspection_id, position);

CREATE TABLE findings (
	id            TEXT PRIMARY KEY,
	inspection_id TEXT NOT NULL REFERENCES inspections (id) ON DELETE CASCADE,
	class         TEXT NOT NULL DEFAULT '',
	description   TEXT NOT NULL DEFAULT '',
	location      TEXT NOT NULL DEFAULT '',
	quantity      INTEGER NOT NULL DEFAULT 0,
	units         TEXT NOT NULL DEFAULT 'null',
	sample_id     TEXT REFERENCES samples (id),
	position      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX findings_inspection ON findings (inspection_id, position);
CREATE INDEX findings_sample ON findings (sample_id);

CREATE TABLE measurements (
	id             TEXT PRIMARY KEY,
	inspection_id  TEXT NOT NULL REFERENCES inspections (id) ON DELETE CASCADE,
	position       INTEGER NOT NULL DEFAULT 0,
	characteristic TEXT NOT NULL DEFAULT '',
	unit           TEXT NOT NULL DEFAULT '',
	nominal        REAL NOT NULL DEFAULT 0,
	tol_minus      REAL NOT NULL DEFAULT 0,
	tol_plus       REAL NOT NULL DEFAULT 0,
	ctq            INTEGER NOT NULL DEFAULT 0,
	vals           TEXT NOT NULL DEFAULT 'null',
	instrument     TEXT NOT NULL DEFAULT '',
	calibrated_on  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX measurements_inspection ON measurements (inspection_id, position);

CREATE TABLE tests (
	id            TEXT PRIMARY KEY,
	inspection_id TEXT NOT NULL REFERENCES inspections (id) ON DELETE CASCADE,
	position      INTEGER NOT NULL DEFAULT 0,
	kind          TEXT NOT NULL DEFAULT '',
	name          TEXT NOT NULL DEFAULT '',
	sample_size   INTEGER NOT NULL DEFAULT 0,
	result        TEXT NOT NULL DEFAULT '',
	notes         TEXT NOT NULL DEFAULT '',
	expected      TEXT NOT NULL DEFAULT '',
	observed      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX tests_inspection ON tests (inspection_id, position);

-- inspection_id is NULL for sample-library photos.
CREATE TABLE photos (
	id            TEXT PRIMARY KEY,
	inspection_id TEXT REFERENCES inspections (id) ON DELETE CASCADE,
	sha256        TEXT NOT NULL,
	ext           TEXT NOT NULL DEFAULT '',
	original_name TEXT NOT NULL DEFAULT '',
	caption       TEXT NOT NULL DEFAULT '',
	taken_at      TEXT NOT NULL DEFAULT '',
	width         INTEGER NOT NULL DEFAULT 0,
	height        INTEGER NOT NULL DEFAULT 0,
	size          INTEGER NOT NULL DEFAULT 0,
	annotations   TEXT NOT NULL DEFAULT '',
	position      INTEGER NOT NULL DEFAULT 0,
	created_at    TEXT NOT NULL DEFAULT ''
);
-- NULLs are distinct in a UNIQUE index, so the library (NULL inspection)
-- is folded to '' to keep one row per content there too.
CREATE UNIQUE INDEX photos_inspection_sha ON photos (coalesce(inspection_id, ''), sha256);
CREATE INDEX photos_inspection ON photos (inspection_id, position);
CREATE INDEX photos_sha ON photos (sha256);

CREATE TABLE photo_links (
	photo_id TEXT NOT NULL REFERENCES photos (id) ON DELETE CASCADE,
	kind     TEXT NOT NULL,
	target   TEXT NOT NULL,
	PRIMARY KEY (photo_id, kind, target)
);
CREATE INDEX photo_links_target ON photo_links (kind, target);

CREATE TABLE signatures (
	id            TEXT PRIMARY KEY,
	inspection_id TEXT NOT NULL REFERENCES inspections (id) ON DELETE CASCADE,
	role          TEXT NOT NULL DEFAULT '',
	name          TEXT NOT NULL DEFAULT '',
	signed_at     TEXT NOT NULL DEFAULT '',
	png           BLOB,
	waived        INTEGER NOT NULL DEFAULT 0,
	waiver_reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX signatures_inspection ON signatures (inspection_id);

-- One document per inspection (rowid = inspections.seq): header text and
-- every finding, so each search term may match anywhere in the inspection.
-- The trigram tokenizer matches any substring of three or more characters,
-- which gives prefix search and works for Chinese, which has no spaces.
CREATE VIRTUAL TABLE inspection_search USING fts5 (body, tokenize = 'trigram');
