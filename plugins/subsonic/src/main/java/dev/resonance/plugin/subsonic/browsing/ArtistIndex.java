package dev.resonance.plugin.subsonic.browsing;

import dev.resonance.api.client.Artist;
import dev.resonance.plugin.subsonic.response.Node;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Artists grouped by the first letter of their sort name, as {@code getIndexes} and {@code getArtists} answer: the
 * letter without its accent, in upper case ({@code É} under {@code E}); names starting with anything but a letter
 * under {@code #}, which comes last. Within a group, the catalog's order (by sort name).
 */
final class ArtistIndex {

    /**
     * The articles the core leaves out of sort names ("The Beatles" is sorted as "Beatles"): what
     * {@code ignoredArticles} tells clients.
     */
    static final String IGNORED_ARTICLES = "The A An";

    static final String OTHER = "#";

    private ArtistIndex() {
    }

    static List<Node> group(List<Artist> artists, Function<Artist, Node> item) {
        Map<String, List<Node>> groups = new TreeMap<>(Comparator.comparing((String key) -> key.equals(OTHER))
            .thenComparing(Comparator.naturalOrder()));
        for (Artist artist : artists) {
            groups.computeIfAbsent(key(artist.sortName().isBlank() ? artist.name() : artist.sortName()),
                k -> new ArrayList<>()).add(item.apply(artist));
        }
        List<Node> index = new ArrayList<>();
        groups.forEach((name, items) -> index.add(Node.of("index").attr("name", name).list("artist", items)));
        return index;
    }

    static String key(String name) {
        String plain = Normalizer.normalize(name.strip(), Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
        if (plain.isEmpty()) {
            return OTHER;
        }
        int first = plain.codePointAt(0);
        return Character.isLetter(first) ? new String(Character.toChars(first)).toUpperCase(Locale.ROOT) : OTHER;
    }
}
