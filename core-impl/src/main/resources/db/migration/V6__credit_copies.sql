-- Read copies of each track's credits and each album's artists, in the shapes the browse API answers with
-- ([{"id", "name", "role"}] and [{"id", "name"}]), so that a page of tracks or albums is one query: no join to the
-- link tables and artists per page (that join cost as much as the page itself at 100k tracks). The scanner writes
-- them together with track_artists / album_artists, which stay the source for filtering, counts and artist pages.
ALTER TABLE tracks ADD COLUMN credits jsonb NOT NULL DEFAULT '[]';
ALTER TABLE albums ADD COLUMN artists jsonb NOT NULL DEFAULT '[]';

UPDATE tracks t SET credits = x.credits
FROM (SELECT ta.track_id,
             jsonb_agg(jsonb_build_object('id', ar.id, 'name', ar.name, 'role', ta.role) ORDER BY ta.position) AS credits
      FROM track_artists ta JOIN artists ar ON ar.id = ta.artist_id
      GROUP BY ta.track_id) x
WHERE t.id = x.track_id;

UPDATE albums a SET artists = x.artists
FROM (SELECT aa.album_id, jsonb_agg(jsonb_build_object('id', ar.id, 'name', ar.name) ORDER BY aa.position) AS artists
      FROM album_artists aa JOIN artists ar ON ar.id = aa.artist_id
      GROUP BY aa.album_id) x
WHERE a.id = x.album_id;
