package dev.resonance.impl.library.search;

/**
 * Which known word a typed word may be a typo of. Trigram similarity finds candidates; this decides, by edit distance
 * (optimal string alignment: an insertion, deletion, substitution or swap of neighbours is one typo), as a search box
 * user expects: a word of 4–7 letters may have one typo, from 8 letters on two, a shorter one none ("sig" means sig…,
 * not "sag…"). A word of 5 or more letters may also be a mistyped beginning of a longer word (as you type: "beatl" for
 * "beatles" is a prefix, "baetl" is one typo into it).
 */
final class Typos {

    /** The shortest word that may have a typo. */
    static final int MIN_LENGTH = 4;
    /** The shortest word that may be a mistyped beginning of a longer one. */
    static final int MIN_PREFIX_LENGTH = 5;

    private Typos() {
    }

    /** How many typos a typed word of {@code length} letters may have. */
    static int allowed(int length) {
        return length < MIN_LENGTH ? 0 : length < 8 ? 1 : 2;
    }

    /** Whether {@code typed} may be {@code known} (or, for longer words, its beginning) with a few typos. */
    static boolean within(String typed, String known) {
        int allowed = allowed(typed.length());
        if (allowed == 0) {
            return false;
        }
        if (distance(typed, known) <= allowed) {
            return true;
        }
        return typed.length() >= MIN_PREFIX_LENGTH && known.length() > typed.length()
                && distance(typed, known.substring(0, typed.length())) <= allowed;
    }

    /** The optimal string alignment distance between {@code a} and {@code b} (by UTF-16 unit: normalised words). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    /** The letters tried where a letter was dropped or mistyped: a–z, digits, and the word's own letters. */
    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyz0123456789";

    /**
     * Every word one typo away from {@code typed} (a swap of neighbours, a letter dropped, replaced or added; the first
     * letter kept, as people rarely mistype it), the likeliest first: swaps, then drops, replacements, additions.
     */
    static java.util.Set<String> variants(String typed) {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        StringBuilder letters = new StringBuilder(LETTERS);
        typed.chars().filter(ch -> LETTERS.indexOf(ch) < 0).distinct().forEach(letters::appendCodePoint);
        for (int i = 1; i + 1 < typed.length(); i++) {
            if (typed.charAt(i) != typed.charAt(i + 1)) {
                out.add(typed.substring(0, i) + typed.charAt(i + 1) + typed.charAt(i) + typed.substring(i + 2));
            }
        }
        for (int i = 1; i < typed.length(); i++) {
            out.add(typed.substring(0, i) + typed.substring(i + 1));
        }
        for (int i = 1; i < typed.length(); i++) {
            for (int k = 0; k < letters.length(); k++) {
                if (letters.charAt(k) != typed.charAt(i)) {
                    out.add(typed.substring(0, i) + letters.charAt(k) + typed.substring(i + 1));
                }
            }
        }
        for (int i = 1; i <= typed.length(); i++) {
            for (int k = 0; k < letters.length(); k++) {
                out.add(typed.substring(0, i) + letters.charAt(k) + typed.substring(i));
            }
        }
        out.remove(typed);
        return out;
    }

    /** Whether {@code variant} is {@code typed} with one letter of a doubled pair dropped (a key pressed twice). */
    static boolean undoubled(String typed, String variant) {
        if (variant.length() != typed.length() - 1) {
            return false;
        }
        for (int i = 1; i < typed.length(); i++) {
            if (typed.charAt(i) == typed.charAt(i - 1) && variant.equals(typed.substring(0, i) + typed.substring(i + 1))) {
                return true;
            }
        }
        return false;
    }
}
