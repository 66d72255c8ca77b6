-- Schema 9: the trigram index matches exactly what the search looks for.
-- Documents and search terms are both folded by Loupe (fold in search.go)
-- before they reach the index, so the index's own case folding only added
-- matches Loupe's folding does not make, which every search then had to
-- reject by reading each matched document. Case-sensitive, the index's
-- phrase match is exactly "the document holds the term", and a page of
-- search results reads no document. The documents are copied as they are
-- (rowid = inspections.seq).
CREATE VIRTUAL TABLE inspection_search_exact USING fts5 (body, tokenize = 'trigram case_sensitive 1');
INSERT INTO inspection_search_exact (rowid, body) SELECT rowid, body FROM inspection_search;
DROP TABLE inspection_search;
ALTER TABLE inspection_search_exact RENAME TO inspection_search;
