-- Indexes for search and aggregates on large stores.
--
-- Hot task fields as generated columns: small enough to stay in the row, so filters, sorts and groups on them never
-- read and decompress doc, and an index on them can answer a query alone (PostgreSQL cannot do that with an index on
-- an expression over doc). SqlDialect.Postgres reads these columns instead of doc #> path for the same fields; each
-- holds exactly doc #> path. t_name and t_notes hold the folded text of name and notes when it is text.
ALTER TABLE cs_records
    ADD COLUMN h_completed     jsonb GENERATED ALWAYS AS (doc #> '{completed}') STORED,
    ADD COLUMN h_due_on        jsonb GENERATED ALWAYS AS (doc #> '{due_on}') STORED,
    ADD COLUMN h_modified_at   jsonb GENERATED ALWAYS AS (doc #> '{modified_at}') STORED,
    ADD COLUMN h_assignee_name jsonb GENERATED ALWAYS AS (doc #> '{assignee,name}') STORED,
    ADD COLUMN h_projects      jsonb GENERATED ALWAYS AS (doc #> '{projects}') STORED,
    ADD COLUMN t_name          text  GENERATED ALWAYS AS
        (CASE WHEN jsonb_typeof(folded #> '{name}') = 'string' THEN folded #>> '{name}' END) STORED,
    ADD COLUMN t_notes         text  GENERATED ALWAYS AS
        (CASE WHEN jsonb_typeof(folded #> '{notes}') = 'string' THEN folded #>> '{notes}' END) STORED;

-- eq and in (jsonb equality), with gid last so that equal keys come in gid order (the default order); group by
-- assignee with or without completed, and open tasks past due by assignee (answered from the index alone)
CREATE INDEX cs_records_assignee_name ON cs_records (scope, entity, h_assignee_name, h_completed, gid);
CREATE INDEX cs_records_completed ON cs_records (scope, entity, h_completed, h_assignee_name, h_due_on, gid);
-- Dates: the three terms of the sort order of a field (SqlDialect.Postgres.sortTerms: type, text by code point,
-- other values) then gid, so that a range on the field (its type term = 1 and its text between two values) and
-- the order by it are read from one index, and pages need no sort; the raw column is included for aggregates
-- (grouped by month, for instance) answered from the index alone. due_on in ascending order (next due first),
-- modified_at in descending order (latest first); the other direction sorts what the range keeps.
CREATE INDEX cs_records_due_on ON cs_records (scope, entity,
    (CASE jsonb_typeof(h_due_on) WHEN 'string' THEN 1 WHEN 'number' THEN 2 WHEN 'boolean' THEN 3 WHEN 'array' THEN 4
          WHEN 'object' THEN 5 END),
    ((CASE WHEN jsonb_typeof(h_due_on) = 'string' THEN (h_due_on #>> '{}') END) COLLATE "C"),
    (CASE WHEN jsonb_typeof(h_due_on) IN ('number', 'boolean', 'array', 'object') THEN h_due_on END),
    gid) INCLUDE (h_due_on);
CREATE INDEX cs_records_modified_at ON cs_records (scope, entity,
    (CASE jsonb_typeof(h_modified_at) WHEN 'string' THEN 1 WHEN 'number' THEN 2 WHEN 'boolean' THEN 3 WHEN 'array' THEN 4
          WHEN 'object' THEN 5 END) NULLS FIRST,
    ((CASE WHEN jsonb_typeof(h_modified_at) = 'string' THEN (h_modified_at #>> '{}') END) COLLATE "C"),
    (CASE WHEN jsonb_typeof(h_modified_at) IN ('number', 'boolean', 'array', 'object') THEN h_modified_at END),
    gid DESC) INCLUDE (h_modified_at);
-- {"any": {"projects": {"eq": {"name": ...}}}}: containment in the projects array
CREATE INDEX cs_records_projects ON cs_records USING gin (h_projects jsonb_path_ops);

-- like and keyword on name and notes: the distinct trigrams (three-character substrings) of the folded text, kept in
-- generated columns (g_name, g_notes; a generated column cannot read another, so each repeats the text's expression)
-- with GIN indexes, so that a pattern's literal parts narrow the search to the rows holding all of their trigrams,
-- and checking a row costs no more than reading the column. Written in SQL: no extension (pg_trgm) is needed.
CREATE FUNCTION cs_trigrams(t text) RETURNS text[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT coalesce(array_agg(DISTINCT substr(t, i, 3)), '{}') FROM generate_series(1, length(t) - 2) AS i
$$;
ALTER TABLE cs_records
    ADD COLUMN g_name  text[] GENERATED ALWAYS AS (cs_trigrams(
        CASE WHEN jsonb_typeof(folded #> '{name}') = 'string' THEN folded #>> '{name}' END)) STORED,
    ADD COLUMN g_notes text[] GENERATED ALWAYS AS (cs_trigrams(
        CASE WHEN jsonb_typeof(folded #> '{notes}') = 'string' THEN folded #>> '{notes}' END)) STORED;
CREATE INDEX cs_records_name_trigrams ON cs_records USING gin (g_name);
CREATE INDEX cs_records_notes_trigrams ON cs_records USING gin (g_notes);
