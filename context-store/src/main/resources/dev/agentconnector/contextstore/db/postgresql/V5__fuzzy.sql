-- fuzzy, as the Fuzzy class defines it (the SQLite store runs that class): the same accent removal, word split,
-- edit distance and thresholds, in SQL and PL/pgSQL, with no extension (fuzzystrmatch, pg_trgm, unaccent) needed.
-- Functions that call each other name their schema, so that they also work where search_path differs (index
-- maintenance).

-- The text without the combining diacritical marks U+0300-U+036F (NFD, strip, NFC); on a database whose encoding
-- is not UTF8 (where normalize is not available) the text is returned as it is.
CREATE FUNCTION cs_unaccent(t text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT CASE WHEN octet_length(t) = length(t) OR getdatabaseencoding() <> 'UTF8' THEN t
                ELSE normalize(regexp_replace(normalize(t, NFD), '[\u0300-\u036f]+', '', 'g'), NFC) END
$$;

-- The words of a text: runs of characters between separators (Fuzzy.SEPARATORS), accents removed.
CREATE FUNCTION cs_words(t text) RETURNS text[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT array_remove(regexp_split_to_array(${flyway:defaultSchema}.cs_unaccent(t),
        '[\u0001-\u002f\u003a-\u0040\u005b-\u0060\u007b-\u00bf\u00d7\u00f7\u1680\u2000-\u206f\u2e00-\u2e7f'
        || '\u3000-\u303f\ufe10-\ufe1f\ufe30-\ufe6f\ufeff\uff00-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]+'),
        '')
$$;

-- The optimal string alignment distance of two words (insert, delete, replace, swap of neighbours: one edit each),
-- or k + 1 as soon as it must exceed k.
CREATE FUNCTION cs_osa(a text, b text, k int) RETURNS int LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
    s text[] := string_to_array(a, NULL);
    t text[] := string_to_array(b, NULL);
    n int := coalesce(array_length(s, 1), 0);
    m int := coalesce(array_length(t, 1), 0);
    prev2 int[];
    prev int[];
    cur int[];
    v int;
    row_min int;
BEGIN
    IF abs(n - m) > k THEN
        RETURN k + 1;
    END IF;
    IF n = 0 OR m = 0 THEN
        RETURN least(greatest(n, m), k + 1);
    END IF;
    prev := ARRAY(SELECT generate_series(0, m)); -- prev[j + 1] = distance of the first i - 1 and j characters
    FOR i IN 1..n LOOP
        cur := array_fill(0, ARRAY[m + 1]);
        cur[1] := i;
        row_min := i;
        FOR j IN 1..m LOOP
            v := least(prev[j + 1] + 1, cur[j] + 1, prev[j] + CASE WHEN s[i] = t[j] THEN 0 ELSE 1 END);
            IF i > 1 AND j > 1 AND s[i] = t[j - 1] AND s[i - 1] = t[j] THEN
                v := least(v, prev2[j - 1] + 1);
            END IF;
            cur[j + 1] := v;
            row_min := least(row_min, v);
        END LOOP;
        IF row_min > k THEN
            RETURN k + 1;
        END IF;
        prev2 := prev;
        prev := cur;
    END LOOP;
    RETURN least(prev[m + 1], k + 1);
END
$$;

-- Whether query word q matches word w: a prefix of it, or within 1 edit (q of 4 to 7 characters) or 2 (8 or more).
CREATE FUNCTION cs_fuzzy_word(q text, w text) RETURNS boolean LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT starts_with(w, q) OR (length(q) >= 4 AND abs(length(w) - length(q)) <= CASE WHEN length(q) < 8 THEN 1
        ELSE 2 END AND ${flyway:defaultSchema}.cs_osa(q, w, CASE WHEN length(q) < 8 THEN 1 ELSE 2 END)
        <= CASE WHEN length(q) < 8 THEN 1 ELSE 2 END)
$$;

-- Whether every word of the query matches some word of the text (both lower-cased by the caller).
CREATE FUNCTION cs_fuzzy(t text, query text) RETURNS boolean LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT coalesce(bool_and(EXISTS (SELECT 1 FROM unnest(${flyway:defaultSchema}.cs_words(t)) AS w
                                     WHERE ${flyway:defaultSchema}.cs_fuzzy_word(q, w))), false)
    FROM unnest(${flyway:defaultSchema}.cs_words(query)) AS q
$$;

-- Every word seen in the name or notes of a record (it only grows: a word no longer held just finds no row), and
-- the words of each record's name and notes in generated columns (w_name, w_notes) with GIN indexes.
CREATE TABLE cs_vocab (
    word text COLLATE "C" PRIMARY KEY
);
INSERT INTO cs_vocab (word)
    SELECT DISTINCT w FROM cs_records,
        unnest(coalesce(cs_words(t_name), '{}') || coalesce(cs_words(t_notes), '{}')) AS w
    ON CONFLICT DO NOTHING;
CREATE FUNCTION cs_records_vocab() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO ${flyway:defaultSchema}.cs_vocab (word)
        SELECT DISTINCT w FROM cs_changed_records, unnest(coalesce(w_name, '{}') || coalesce(w_notes, '{}')) AS w
        ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;
CREATE TRIGGER cs_records_vocab_insert AFTER INSERT ON cs_records REFERENCING NEW TABLE AS cs_changed_records
    FOR EACH STATEMENT EXECUTE FUNCTION cs_records_vocab();
CREATE TRIGGER cs_records_vocab_update AFTER UPDATE ON cs_records REFERENCING NEW TABLE AS cs_changed_records
    FOR EACH STATEMENT EXECUTE FUNCTION cs_records_vocab();
ALTER TABLE cs_records
    ADD COLUMN w_name  text[] GENERATED ALWAYS AS (cs_words(
        CASE WHEN jsonb_typeof(folded #> '{name}') = 'string' THEN folded #>> '{name}' END)) STORED,
    ADD COLUMN w_notes text[] GENERATED ALWAYS AS (cs_words(
        CASE WHEN jsonb_typeof(folded #> '{notes}') = 'string' THEN folded #>> '{notes}' END)) STORED;
CREATE INDEX cs_records_name_words ON cs_records USING gin (w_name);
CREATE INDEX cs_records_notes_words ON cs_records USING gin (w_notes);

-- The words of the vocabulary a query word matches: those it is a prefix of (a range of the primary key), and
-- those within the allowed edits, found among the words of a near length that hold one of the pieces of the query
-- word a close word must contain (see Fuzzy.pieces) and checked exactly. The rows are then those whose word array
-- shares a word with the result (w_name, w_notes).
CREATE FUNCTION cs_fuzzy_candidates(q text) RETURNS text[] LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE AS $$
DECLARE
    cps text[] := string_to_array(q, NULL);
    len int := coalesce(array_length(cps, 1), 0);
    k int := CASE WHEN len < 4 THEN 0 WHEN len < 8 THEN 1 ELSE 2 END;
    pieces text[] := '{}';
    usable int := len - k;
    start int := 1;
    piece_len int;
    out text[];
BEGIN
    SELECT coalesce(array_agg(word), '{}') INTO out FROM ${flyway:defaultSchema}.cs_vocab
        WHERE word >= q AND word < q || chr(1114111);
    IF k = 0 THEN
        RETURN out;
    END IF;
    FOR p IN 0..k LOOP
        piece_len := usable / (k + 1) + CASE WHEN p < usable % (k + 1) THEN 1 ELSE 0 END;
        pieces := pieces || ('%' || array_to_string(cps[start:start + piece_len - 1], '') || '%');
        start := start + piece_len + 1;
    END LOOP;
    RETURN out || coalesce((SELECT array_agg(word) FROM ${flyway:defaultSchema}.cs_vocab
        WHERE length(word) BETWEEN len - k AND len + k AND word LIKE ANY (pieces) AND NOT starts_with(word, q)
          AND ${flyway:defaultSchema}.cs_osa(q, word, k) <= k), '{}');
END
$$;
