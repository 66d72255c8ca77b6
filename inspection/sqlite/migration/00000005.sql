-- Schema 5: the stored verdict gains "incomplete" (a draft with sections
-- nobody judged yet is no pass). Nothing changes shape; the verdict of every
-- inspection is computed again by the Go step registered for this version
-- (see recompute in sqlite.go), in this same transaction.
UPDATE inspections SET verdict = '' WHERE verdict NOT IN ('pass', 'fail', 'pending', 'incomplete');
