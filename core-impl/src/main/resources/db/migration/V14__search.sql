-- Search (issue 15): every searchable kind carries its own search document, in columns of its own row, so that what
-- the caller may see is decided by the row's own columns (library, missing, counts) with nothing to keep in step.
-- The text is normalised by the server (dev.resonance.impl.library.search.SearchText: case and accents folded,
-- punctuation to spaces) when the scanner writes the row, so the database needs no unaccent(); only pg_trgm, for the
-- typo tolerance of the word list below. pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may
-- create it. It ships with the embedded PostgreSQL and with every PostgreSQL that has the contrib modules.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- search_name:    the item's own name, normalised ('abbey road'); exact and prefix matches rank first
-- search_context: what else finds it, normalised: a track's artists and album, an album's artists and version
-- search_vector:  every word of both, for the full-text match (prefix queries 'abb':*), derived by PostgreSQL
-- NULL search_name: not indexed yet (rows from before this migration): filled by the next scan (SearchIndex.backfill)
ALTER TABLE artists
    ADD COLUMN search_name    TEXT COLLATE "C",
    ADD COLUMN search_context TEXT,
    ADD COLUMN search_vector  tsvector GENERATED ALWAYS AS (array_to_tsvector(array_remove(string_to_array(
        btrim(coalesce(search_name, '') || ' ' || coalesce(search_context, '')), ' '), ''))) STORED;
ALTER TABLE albums
    ADD COLUMN search_name    TEXT COLLATE "C",
    ADD COLUMN search_context TEXT,
    ADD COLUMN search_vector  tsvector GENERATED ALWAYS AS (array_to_tsvector(array_remove(string_to_array(
        btrim(coalesce(search_name, '') || ' ' || coalesce(search_context, '')), ' '), ''))) STORED;
ALTER TABLE tracks
    ADD COLUMN search_name    TEXT COLLATE "C",
    ADD COLUMN search_context TEXT,
    ADD COLUMN search_vector  tsvector GENERATED ALWAYS AS (array_to_tsvector(array_remove(string_to_array(
        btrim(coalesce(search_name, '') || ' ' || coalesce(search_context, '')), ' '), ''))) STORED;

-- the word match (GIN), the name-prefix match as you type (B-tree in byte order: 'sig' <= name < 'sih'), and the
-- rows still to index
CREATE INDEX artists_search ON artists USING gin (search_vector);
CREATE INDEX albums_search ON albums USING gin (search_vector);
CREATE INDEX tracks_search ON tracks USING gin (search_vector);
CREATE INDEX artists_search_name ON artists (search_name);
CREATE INDEX albums_search_name ON albums (search_name);
CREATE INDEX tracks_search_name ON tracks (search_name);
CREATE INDEX artists_unindexed ON artists (id) WHERE search_name IS NULL;
CREATE INDEX albums_unindexed ON albums (id) WHERE search_name IS NULL;
CREATE INDEX tracks_unindexed ON tracks (id) WHERE search_name IS NULL;

-- Every word of every search document (one row per distinct word, ~50k for 200k tracks): a mistyped query word is
-- looked up here by trigram similarity ('beatls' % 'beatles') and searched as the words it resembles. Writers add
-- the words of what they write; a word nothing uses any more stays (it only finds nothing) until a rebuild.
CREATE TABLE search_words (
    word TEXT COLLATE "C" PRIMARY KEY
);
CREATE INDEX search_words_trigrams ON search_words USING gin (word gin_trgm_ops);
