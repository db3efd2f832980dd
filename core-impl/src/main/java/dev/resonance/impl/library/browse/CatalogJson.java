package dev.resonance.impl.library.browse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.util.List;

/**
 * The read copies of credits kept on catalog rows ({@code tracks.credits}, {@code albums.artists}): the scanner
 * writes them next to the link tables ({@code track_artists}, {@code album_artists}), in the shapes the browse API
 * answers with, so that a page of tracks or albums is one query with no join to the link tables and artists. The link
 * tables stay the source for filtering, counts and artist pages; whatever changes them or an artist's name must
 * rewrite these copies too (today only {@code CatalogWriter} does, and artist names never change once stored).
 */
public final class CatalogJson {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectReader CREDITS = JSON.readerForListOf(CatalogViews.Credit.class);
    private static final ObjectReader ARTISTS = JSON.readerForListOf(CatalogViews.ArtistRef.class);

    private CatalogJson() {
    }

    public static String credits(List<CatalogViews.Credit> credits) {
        return write(credits);
    }

    public static String albumArtists(List<CatalogViews.ArtistRef> artists) {
        return write(artists);
    }

    public static List<CatalogViews.Credit> credits(String json) {
        return read(CREDITS, json);
    }

    public static List<CatalogViews.ArtistRef> albumArtists(String json) {
        return read(ARTISTS, json);
    }

    private static String write(List<?> values) {
        try {
            return JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write catalog JSON", e);
        }
    }

    private static <T> List<T> read(ObjectReader reader, String json) {
        try {
            return List.copyOf(reader.<List<T>>readValue(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt catalog JSON: " + json, e);
        }
    }
}
