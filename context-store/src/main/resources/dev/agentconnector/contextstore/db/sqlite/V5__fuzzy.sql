-- fuzzy on name and notes: their words (as the Fuzzy class splits them: lower-cased, accents removed, punctuation
-- dropped), one space between words, in a word index, and every word seen in cs_words_vocab (it only grows: a
-- word no longer held just finds no row). The index also holds the words of the names of a record's projects:
-- {"any": {"projects": {"eq": {"name": ...}}}} reads its candidates there (the records whose projects hold every
-- word of the name), then checks them exactly. The word lists come from the function cs_words, which the store
-- registers on each of its connections (a connection without it cannot write cs_records). The triggers add only
-- words not yet held (an OR IGNORE inside a trigger would give way to the conflict handling of the upsert that
-- fires it).
CREATE VIRTUAL TABLE cs_text_words USING fts5(name, notes, projects, tokenize = 'ascii', detail = 'column',
    content = '', contentless_delete = 1);
CREATE TABLE cs_words_vocab (
    word TEXT PRIMARY KEY
) WITHOUT ROWID;

INSERT INTO cs_text_words (rowid, name, notes, projects)
    SELECT rid,
           CASE WHEN json_type(folded, '$.name') = 'text' THEN cs_words(json_extract(folded, '$.name')) END,
           CASE WHEN json_type(folded, '$.notes') = 'text' THEN cs_words(json_extract(folded, '$.notes')) END,
           cs_words((SELECT group_concat(json_extract(CASE WHEN p.type = 'object' THEN p.value END, '$.name'), ' ')
                     FROM json_each(CASE WHEN json_type(folded, '$.projects') = 'array' THEN folded END,
                                    '$.projects') p))
    FROM cs_records;
-- a word list as a JSON array (words never hold quotes, backslashes or control characters), one row per word
INSERT OR IGNORE INTO cs_words_vocab (word)
    SELECT w.value FROM cs_records,
        json_each('["' || replace(
            coalesce(CASE WHEN json_type(folded, '$.name') = 'text' THEN cs_words(json_extract(folded, '$.name')) END, '')
            || ' ' ||
            coalesce(CASE WHEN json_type(folded, '$.notes') = 'text' THEN cs_words(json_extract(folded, '$.notes')) END, ''),
            ' ', '","') || '"]') AS w
    WHERE w.value <> '';

CREATE TRIGGER cs_records_words_insert AFTER INSERT ON cs_records BEGIN
    INSERT INTO cs_text_words (rowid, name, notes, projects) VALUES (new.rid,
        CASE WHEN json_type(new.folded, '$.name') = 'text' THEN cs_words(json_extract(new.folded, '$.name')) END,
        CASE WHEN json_type(new.folded, '$.notes') = 'text' THEN cs_words(json_extract(new.folded, '$.notes')) END,
        cs_words((SELECT group_concat(json_extract(CASE WHEN p.type = 'object' THEN p.value END, '$.name'), ' ')
                  FROM json_each(CASE WHEN json_type(new.folded, '$.projects') = 'array' THEN new.folded END,
                                 '$.projects') p)));
    INSERT INTO cs_words_vocab (word)
        SELECT DISTINCT value FROM json_each('["' || replace(
            coalesce(CASE WHEN json_type(new.folded, '$.name') = 'text'
                          THEN cs_words(json_extract(new.folded, '$.name')) END, '')
            || ' ' ||
            coalesce(CASE WHEN json_type(new.folded, '$.notes') = 'text'
                          THEN cs_words(json_extract(new.folded, '$.notes')) END, ''),
            ' ', '","') || '"]')
        WHERE value <> '' AND value NOT IN (SELECT word FROM cs_words_vocab);
END;
CREATE TRIGGER cs_records_words_update AFTER UPDATE OF folded ON cs_records BEGIN
    DELETE FROM cs_text_words WHERE rowid = old.rid;
    INSERT INTO cs_text_words (rowid, name, notes, projects) VALUES (new.rid,
        CASE WHEN json_type(new.folded, '$.name') = 'text' THEN cs_words(json_extract(new.folded, '$.name')) END,
        CASE WHEN json_type(new.folded, '$.notes') = 'text' THEN cs_words(json_extract(new.folded, '$.notes')) END,
        cs_words((SELECT group_concat(json_extract(CASE WHEN p.type = 'object' THEN p.value END, '$.name'), ' ')
                  FROM json_each(CASE WHEN json_type(new.folded, '$.projects') = 'array' THEN new.folded END,
                                 '$.projects') p)));
    INSERT INTO cs_words_vocab (word)
        SELECT DISTINCT value FROM json_each('["' || replace(
            coalesce(CASE WHEN json_type(new.folded, '$.name') = 'text'
                          THEN cs_words(json_extract(new.folded, '$.name')) END, '')
            || ' ' ||
            coalesce(CASE WHEN json_type(new.folded, '$.notes') = 'text'
                          THEN cs_words(json_extract(new.folded, '$.notes')) END, ''),
            ' ', '","') || '"]')
        WHERE value <> '' AND value NOT IN (SELECT word FROM cs_words_vocab);
END;
CREATE TRIGGER cs_records_words_delete AFTER DELETE ON cs_records BEGIN
    DELETE FROM cs_text_words WHERE rowid = old.rid;
END;
