package dev.resonance.impl.library.tags;

import dev.resonance.api.library.EmbeddedLyrics;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The raw tags of one file under Vorbis-comment style names (upper case: TITLE, ARTIST, MUSICBRAINZ_ALBUMID, ...),
 * whatever the container: each format reader translates its frames/atoms into these names, and {@link TagMapper}
 * turns them into {@link AudioTags}. Values are kept as found (one entry per stored value). Embedded lyrics are kept
 * apart, as {@link EmbeddedLyrics} in file order, and so are warnings: what was left out of a file that is otherwise
 * read (lyrics over the caps below).
 */
final class TagFields {

    private static final Logger LOG = LoggerFactory.getLogger(TagFields.class);

    /**
     * The most bytes one lyrics entry may hold (its data and description), so a hostile file cannot bloat the catalog:
     * real lyrics, even synchronised per word, are a few kilobytes.
     */
    static final int MAX_LYRICS_BYTES = 256 << 10;
    /** The most lyrics entries one file keeps (several languages, synchronised and not: a handful)... */
    static final int MAX_LYRICS_ENTRIES = 16;
    /** ...and the most bytes they may hold together. */
    static final int MAX_LYRICS_TOTAL_BYTES = 1 << 20;

    private final Map<String, List<String>> values = new LinkedHashMap<>();
    private final List<EmbeddedLyrics> lyrics = new ArrayList<>(0);
    private final List<String> warnings = new ArrayList<>(0);
    private long lyricsBytes;
    private boolean picture;

    void add(String key, String value) {
        if (key == null || value == null) {
            return;
        }
        values.computeIfAbsent(key.trim().toUpperCase(Locale.ROOT), k -> new ArrayList<>(2)).add(value);
    }

    void addAll(String key, List<String> list) {
        list.forEach(v -> add(key, v));
    }

    /** Everything {@code other} holds, after what this holds. */
    void addAll(TagFields other) {
        other.values.forEach(this::addAll);
        lyrics.addAll(other.lyrics);
        lyricsBytes += other.lyricsBytes;
        warnings.addAll(other.warnings);
        picture |= other.picture;
    }

    void notePicture() {
        picture = true;
    }

    boolean hasPicture() {
        return picture;
    }

    /**
     * Keeps one lyrics entry, unless {@link #lyricsFit it does not fit}. NULs are dropped from the language and
     * description (PostgreSQL text cannot hold them).
     */
    void addLyrics(EmbeddedLyrics.Kind kind, String language, String description, byte[] data) {
        long size = (long) data.length + description.getBytes(StandardCharsets.UTF_8).length;
        if (lyricsFit(kind, size)) {
            lyrics.add(new EmbeddedLyrics(kind, language.replace("\u0000", ""), description.replace("\u0000", ""), data));
            lyricsBytes += size;
        }
    }

    /**
     * Whether a lyrics entry of {@code size} bytes (data and description) may be kept: at most {@link #MAX_LYRICS_BYTES},
     * and while the file's entries stay within {@link #MAX_LYRICS_ENTRIES} and {@link #MAX_LYRICS_TOTAL_BYTES}. When not,
     * a warning says it was left out.
     */
    boolean lyricsFit(EmbeddedLyrics.Kind kind, long size) {
        String why;
        if (size > MAX_LYRICS_BYTES) {
            why = "at most " + (MAX_LYRICS_BYTES >> 10) + " KiB are kept";
        } else if (lyrics.size() >= MAX_LYRICS_ENTRIES) {
            why = "at most " + MAX_LYRICS_ENTRIES + " entries are kept";
        } else if (lyricsBytes + size > MAX_LYRICS_TOTAL_BYTES) {
            why = "at most " + (MAX_LYRICS_TOTAL_BYTES >> 20) + " MiB are kept in all";
        } else {
            return true;
        }
        LOG.debug("Embedded lyrics left out: {} of {} bytes ({})", kind, size, why);
        warn("embedded lyrics left out: " + kind + " of " + size + " bytes (" + why + ")");
        return false;
    }

    /** Keeps lyrics text (stored as UTF-8); blank text is no lyrics. */
    void addLyrics(EmbeddedLyrics.Kind kind, String language, String description, String text) {
        if (!text.isBlank()) {
            addLyrics(kind, language, description, text.getBytes(StandardCharsets.UTF_8));
        }
    }

    List<EmbeddedLyrics> lyrics() {
        return lyrics;
    }

    /** Notes something left out of a file that is otherwise read. */
    void warn(String warning) {
        warnings.add(warning);
    }

    List<String> warnings() {
        return warnings;
    }

    boolean isEmpty() {
        return values.isEmpty() && !picture && lyrics.isEmpty();
    }

    boolean has(String key) {
        return values.containsKey(key);
    }

    /** Every value of the first of {@code keys} (aliases, most specific first) that has a non-blank value. */
    List<String> all(String... keys) {
        for (String key : keys) {
            List<String> list = values.get(key);
            if (list != null && list.stream().anyMatch(v -> !v.isBlank())) {
                return list;
            }
        }
        return List.of();
    }

    /** The first non-blank value (trimmed) of the first of {@code keys} that has one. */
    Optional<String> first(String... keys) {
        for (String key : keys) {
            List<String> list = values.get(key);
            if (list != null) {
                for (String v : list) {
                    String t = TagMapper.clean(v);
                    if (!t.isEmpty()) {
                        return Optional.of(t);
                    }
                }
            }
        }
        return Optional.empty();
    }

    Map<String, List<String>> asMap() {
        return values;
    }

    @Override
    public String toString() {
        return values + (picture ? " +picture" : "") + (lyrics.isEmpty() ? "" : " +" + lyrics);
    }
}
