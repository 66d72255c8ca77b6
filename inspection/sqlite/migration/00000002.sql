-- Schema 2: finalizing, revisions and the audit trail.

-- signature_waiver: why missing signatures were accepted at finalization.
-- manifest: JSON inspection.Manifest written by Finalize; it is not part of
-- the Inspection struct because it hashes that struct.
ALTER TABLE inspections ADD COLUMN signature_waiver TEXT NOT NULL DEFAULT '';
ALTER TABLE inspections ADD COLUMN finalized_at     TEXT NOT NULL DEFAULT '';
ALTER TABLE inspections ADD COLUMN finalized_by     TEXT NOT NULL DEFAULT '';
ALTER TABLE inspections ADD COLUMN manifest         TEXT NOT NULL DEFAULT '';

-- One row per changed field. No foreign key: the trail of a deleted draft
-- outlives it. id orders the rows of one instant.
CREATE TABLE audit (
	id            INTEGER PRIMARY KEY,
	inspection_id TEXT NOT NULL,
	at            TEXT NOT NULL,
	who           TEXT NOT NULL DEFAULT '',
	action        TEXT NOT NULL,
	entity        TEXT NOT NULL,
	entity_id     TEXT NOT NULL,
	field         TEXT NOT NULL DEFAULT '',
	old           TEXT NOT NULL DEFAULT '',
	new           TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_inspection ON audit (inspection_id, id);
