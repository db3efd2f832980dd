package dev.resonance.impl.library;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** Keys for matching and sorting names the way people expect ("Beyoncé" = "beyonce", "The Beatles" under B). */
public final class Names {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern ARTICLE = Pattern.compile("^(the|a|an) ");

    private Names() {
    }

    /** Identity key: case-, accent- and whitespace-insensitive. */
    public static String key(String name) {
        String decomposed = Normalizer.normalize(name.strip(), Normalizer.Form.NFKD);
        return SPACES.matcher(MARKS.matcher(decomposed).replaceAll("")).replaceAll(" ").toLowerCase(Locale.ROOT);
    }

    /** Sort key: the identity key without a leading English article. */
    public static String sortKey(String name) {
        String key = key(name);
        String stripped = ARTICLE.matcher(key).replaceFirst("");
        return stripped.isEmpty() ? key : stripped;
    }
}
