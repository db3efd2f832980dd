-- Playlists as a search source (issue 15): the same search document as artists, albums and tracks (V14): the name and
-- the description, normalised by the server (SearchText), written by the playlists service in the transaction that
-- creates or renames a playlist, with their words added to search_words. Playlists came in V12 of the same release,
-- so no row predates these columns.
ALTER TABLE playlists
    ADD COLUMN search_name    TEXT COLLATE "C",
    ADD COLUMN search_context TEXT,
    ADD COLUMN search_vector  tsvector GENERATED ALWAYS AS (array_to_tsvector(array_remove(string_to_array(
        btrim(coalesce(search_name, '') || ' ' || coalesce(search_context, '')), ' '), ''))) STORED;
CREATE INDEX playlists_search ON playlists USING gin (search_vector);
CREATE INDEX playlists_search_name ON playlists (search_name);
