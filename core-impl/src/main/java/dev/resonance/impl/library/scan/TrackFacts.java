package dev.resonance.impl.library.scan;

import dev.resonance.api.library.ArtistRole;
import dev.resonance.impl.library.Names;
import dev.resonance.impl.library.tags.AudioTags;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * What the catalog stores for one file, derived from its tags with the fallbacks a library needs (no title →
 * the file name; no album artist → the performers, or "Various Artists" for compilations), and the keys that
 * identify its album and the track itself across renames and moves.
 */
record TrackFacts(FileEntry file, AudioTags tags, String title, List<String> performers, List<String> albumArtists,
                  String albumTitle, String albumKey, String pid) {

    static final String UNKNOWN_ARTIST = "[Unknown Artist]";
    static final String UNKNOWN_ALBUM = "[Unknown Album]";
    static final String VARIOUS_ARTISTS = "Various Artists";

    static TrackFacts of(FileEntry file, AudioTags tags) {
        String title = tags.title().orElseGet(() -> baseName(file.relativePath()));
        List<String> performers = tags.performers().isEmpty() ? List.of(UNKNOWN_ARTIST) : tags.performers();
        List<String> albumArtists = !tags.albumArtists().isEmpty() ? tags.albumArtists()
                : tags.compilation() ? List.of(VARIOUS_ARTISTS) : performers;
        String albumTitle = tags.album().orElse(UNKNOWN_ALBUM);
        String albumKey = tags.musicBrainzReleaseId()
                .map(id -> "mb:" + id)
                .orElseGet(() -> Names.key(String.join(" & ", albumArtists)) + "\u001f" + Names.key(albumTitle)
                        + "\u001f" + tags.albumVersion().map(Names::key).orElse(""));
        String pid = tags.musicBrainzTrackId().map(id -> "mbt:" + id).orElseGet(() -> "h:" + sha(albumKey + "\u001f"
                + tags.discNumber().orElse(1) + "\u001f" + tags.trackNumber().orElse(0) + "\u001f" + Names.key(title)));
        return new TrackFacts(file, tags, title, performers, albumArtists, albumTitle, albumKey, pid);
    }

    /** Every artist name this track credits (performers, guests, composers, ..., album artists). */
    List<String> allArtistNames() {
        LinkedHashSet<String> names = new LinkedHashSet<>(performers);
        tags.artists().forEach(c -> names.add(c.name()));
        names.addAll(albumArtists);
        return new ArrayList<>(names);
    }

    /** Credits with roles; the fallback performer when the file names none. */
    List<AudioTags.Credit> credits() {
        List<AudioTags.Credit> credits = new ArrayList<>(tags.artists());
        if (tags.performers().isEmpty()) {
            credits.add(0, new AudioTags.Credit(UNKNOWN_ARTIST, ArtistRole.PERFORMER));
        }
        return credits;
    }

    String artistDisplay() {
        String main = String.join(", ", performers);
        List<String> featured = tags.artists().stream().filter(c -> c.role() == ArtistRole.FEATURED)
                .map(AudioTags.Credit::name).toList();
        return featured.isEmpty() ? main : main + " feat. " + String.join(", ", featured);
    }

    Optional<String> albumArtistDisplay() {
        return Optional.of(String.join(" & ", albumArtists));
    }

    private static String baseName(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private static String sha(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
