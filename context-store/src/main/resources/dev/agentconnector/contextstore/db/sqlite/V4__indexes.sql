-- Indexes for search and aggregates on large stores.
--
-- cs_records is rebuilt with an explicit integer key (rid): the text index below refers to records by it, and an
-- explicit INTEGER PRIMARY KEY keeps its values through VACUUM (an implicit rowid may be renumbered). doc and folded
-- are kept in SQLite's binary JSON (JSONB, SQLite 3.45 or later), which the JSON functions read without parsing
-- text: several times faster for every condition the indexes do not answer. The store writes them with jsonb(?) and
-- reads doc back with json(doc).
CREATE TABLE cs_records_v4 (
    rid       INTEGER PRIMARY KEY,
    scope     TEXT    NOT NULL,
    entity    TEXT    NOT NULL,
    gid       TEXT    NOT NULL,
    doc       BLOB    NOT NULL,
    folded    BLOB    NOT NULL,
    synced_at INTEGER NOT NULL,
    UNIQUE (scope, entity, gid)
);
INSERT INTO cs_records_v4 (scope, entity, gid, doc, folded, synced_at)
    SELECT scope, entity, gid, jsonb(doc), jsonb(folded), synced_at FROM cs_records ORDER BY scope, entity, gid;
DROP TABLE cs_records;
ALTER TABLE cs_records_v4 RENAME TO cs_records;

-- Expression indexes on hot task fields, on exactly the expressions the search compiles to (SqlDialect.Sqlite):
-- json_extract for comparisons, sorting and group values, json_type for the type checks and booleans; gid last, so
-- that equal keys come in gid order (the default order) and pages need no sort. Queries that touch only these
-- expressions are answered from the index without reading the JSON (for a GROUP BY, when its keys lead the index:
-- value and type come next to each other): cs_records_completed answers open tasks past due counted by assignee.
CREATE INDEX cs_records_assignee_name ON cs_records
    (scope, entity, json_extract(doc, '$.assignee.name'), json_type(doc, '$.assignee.name'),
     json_type(doc, '$.completed'), gid);
CREATE INDEX cs_records_completed ON cs_records
    (scope, entity, json_type(doc, '$.completed'), json_type(doc, '$.assignee.name'),
     json_extract(doc, '$.assignee.name'), json_extract(doc, '$.due_on'), json_type(doc, '$.due_on'));
CREATE INDEX cs_records_due_on ON cs_records
    (scope, entity, json_extract(doc, '$.due_on'), json_type(doc, '$.due_on'), gid);
CREATE INDEX cs_records_modified_at ON cs_records
    (scope, entity, json_extract(doc, '$.modified_at'), json_type(doc, '$.modified_at'), gid);

-- The folded text of name and notes (null when not text), with a trigram index: like and keyword on these fields read
-- candidates from it instead of reading every record. Kept in step with cs_records by triggers.
CREATE VIRTUAL TABLE cs_text USING fts5(name, notes, tokenize = 'trigram');
INSERT INTO cs_text (rowid, name, notes)
    SELECT rid,
           CASE WHEN json_type(folded, '$.name') = 'text' THEN json_extract(folded, '$.name') END,
           CASE WHEN json_type(folded, '$.notes') = 'text' THEN json_extract(folded, '$.notes') END
    FROM cs_records;
CREATE TRIGGER cs_records_text_insert AFTER INSERT ON cs_records BEGIN
    INSERT INTO cs_text (rowid, name, notes) VALUES (new.rid,
        CASE WHEN json_type(new.folded, '$.name') = 'text' THEN json_extract(new.folded, '$.name') END,
        CASE WHEN json_type(new.folded, '$.notes') = 'text' THEN json_extract(new.folded, '$.notes') END);
END;
CREATE TRIGGER cs_records_text_update AFTER UPDATE OF folded ON cs_records BEGIN
    UPDATE cs_text SET
        name = CASE WHEN json_type(new.folded, '$.name') = 'text' THEN json_extract(new.folded, '$.name') END,
        notes = CASE WHEN json_type(new.folded, '$.notes') = 'text' THEN json_extract(new.folded, '$.notes') END
    WHERE rowid = new.rid;
END;
CREATE TRIGGER cs_records_text_delete AFTER DELETE ON cs_records BEGIN
    DELETE FROM cs_text WHERE rowid = old.rid;
END;
