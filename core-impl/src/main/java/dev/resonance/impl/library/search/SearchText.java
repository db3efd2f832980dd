package dev.resonance.impl.library.search;

import dev.resonance.impl.library.Names;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The one normalisation of search text, for the documents the scanner writes and for the queries users type, so the
 * two always agree: case and accents folded ({@link Names#key}: "Björk" = "bjork", "Sigur Rós" = "sigur ros"), the
 * letters that do not decompose folded by hand ("Mø" = "mo", "Straße" = "strasse"), everything that is not a letter
 * or a digit a word break ("AC/DC" = "ac dc"). Done here rather than with PostgreSQL's {@code unaccent()} so that the
 * database needs no extension for it (and an index needs no immutable wrapper), and so it can be tested as Java.
 */
public final class SearchText {

    /** A document keeps at most this many characters of normalised text (a classical title can be long). */
    static final int MAX_CHARS = 2000;

    private SearchText() {
    }

    /** {@code text} normalised: lower-case words of letters and digits, single spaces, no accents. */
    public static String normalize(String text) {
        String key = Names.key(text);
        StringBuilder out = new StringBuilder(key.length());
        boolean space = true; // nothing yet: a leading break is dropped
        for (int i = 0; i < key.length() && out.length() < MAX_CHARS; ) {
            int c = key.codePointAt(i);
            i += Character.charCount(c);
            if (Character.isLetterOrDigit(c)) {
                String folded = fold(c);
                if (folded == null) {
                    out.appendCodePoint(c);
                } else {
                    out.append(folded);
                }
                space = false;
            } else if (!space && Character.getType(c) != Character.NON_SPACING_MARK) {
                out.append(' ');
                space = true;
            }
        }
        int end = out.length();
        while (end > 0 && out.charAt(end - 1) == ' ') {
            end--;
        }
        return out.substring(0, end);
    }

    /** Letters NFKD leaves whole, as the Latin letters people type for them. */
    private static String fold(int c) {
        return switch (c) {
            case 'ø' -> "o";
            case 'æ' -> "ae";
            case 'œ' -> "oe";
            case 'ß' -> "ss";
            case 'ð', 'đ' -> "d";
            case 'þ' -> "th";
            case 'ł' -> "l";
            case 'ı' -> "i";
            default -> null;
        };
    }

    /** The words of {@code text}, normalised, in order (repeats kept). */
    public static List<String> words(String text) {
        String normalized = normalize(text);
        return normalized.isEmpty() ? List.of() : Arrays.asList(normalized.split(" "));
    }

    /** The normalised text of several names, each normalised, joined by spaces (empty ones left out). */
    public static String join(Collection<String> names) {
        StringBuilder out = new StringBuilder();
        for (String name : names) {
            if (name == null) {
                continue;
            }
            String n = normalize(name);
            if (!n.isEmpty() && out.length() + n.length() < MAX_CHARS) {
                if (out.length() > 0) {
                    out.append(' ');
                }
                out.append(n);
            }
        }
        return out.toString();
    }

    /** The distinct words of normalised texts (for the word list). */
    static Set<String> distinctWords(Collection<String> normalizedTexts) {
        Set<String> words = new LinkedHashSet<>();
        for (String text : normalizedTexts) {
            if (text != null && !text.isEmpty()) {
                words.addAll(Arrays.asList(text.split(" ")));
            }
        }
        return words;
    }

    /** A copy of {@code words} without repeats, in order. */
    static List<String> distinct(List<String> words) {
        return new ArrayList<>(new LinkedHashSet<>(words));
    }
}
