package dev.resonance.plugin.testkit;

import dev.resonance.api.library.TrackInfo;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link TrackInfo}s for tests without its fourteen arguments:
 * {@code Tracks.track(1, "Dancing Queen", "ABBA").album(10, "Arrival", "ABBA").isrc("SEAYD7601020").build()}.
 */
public final class Tracks {

    private final long id;
    private final String title;
    private final String artist;
    private List<String> artists;
    private Optional<Long> albumId = Optional.empty();
    private String album = "";
    private Optional<String> albumArtist = Optional.empty();
    private Optional<Integer> disc = Optional.empty();
    private Optional<Integer> number = Optional.empty();
    private long durationMs = 180_000;
    private Optional<String> isrc = Optional.empty();
    private Optional<UUID> recordingMbid = Optional.empty();
    private boolean hasLyrics;
    private Instant updatedAt = Instant.parse("2026-01-01T00:00:00Z");

    private Tracks(long id, String title, String artist) {
        this.id = id;
        this.title = title;
        this.artist = artist;
        this.artists = List.of(artist);
    }

    /** A track of 3 minutes with one performer, no album, no ids. */
    public static Tracks track(long id, String title, String artist) {
        return new Tracks(id, title, artist);
    }

    public Tracks artists(String... performers) {
        this.artists = List.of(performers);
        return this;
    }

    public Tracks album(long id, String title, String albumArtist) {
        this.albumId = Optional.of(id);
        this.album = title;
        this.albumArtist = Optional.of(albumArtist);
        return this;
    }

    public Tracks disc(int disc) {
        this.disc = Optional.of(disc);
        return this;
    }

    public Tracks number(int number) {
        this.number = Optional.of(number);
        return this;
    }

    public Tracks durationMs(long durationMs) {
        this.durationMs = durationMs;
        return this;
    }

    public Tracks isrc(String isrc) {
        this.isrc = Optional.of(isrc);
        return this;
    }

    public Tracks recordingMbid(UUID mbid) {
        this.recordingMbid = Optional.of(mbid);
        return this;
    }

    public Tracks hasLyrics(boolean hasLyrics) {
        this.hasLyrics = hasLyrics;
        return this;
    }

    public Tracks updatedAt(Instant updatedAt) {
        this.updatedAt = updatedAt;
        return this;
    }

    public TrackInfo build() {
        return new TrackInfo(id, title, artist, artists, albumId, album, albumArtist, disc, number, durationMs, isrc,
            recordingMbid, hasLyrics, updatedAt);
    }
}
