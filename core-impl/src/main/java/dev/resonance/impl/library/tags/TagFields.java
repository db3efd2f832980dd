package dev.resonance.impl.library.tags;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The raw tags of one file under Vorbis-comment style names (upper case: TITLE, ARTIST, MUSICBRAINZ_ALBUMID, ...),
 * whatever the container: each format reader translates its frames/atoms into these names, and {@link TagMapper}
 * turns them into {@link AudioTags}. Values are kept as found (one entry per stored value).
 */
final class TagFields {

    private final Map<String, List<String>> values = new LinkedHashMap<>();
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

    void notePicture() {
        picture = true;
    }

    boolean hasPicture() {
        return picture;
    }

    boolean isEmpty() {
        return values.isEmpty() && !picture;
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
        return values + (picture ? " +picture" : "");
    }
}
