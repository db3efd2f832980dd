package dev.resonance.impl.stream;

import java.nio.charset.StandardCharsets;

/**
 * {@code Content-Disposition: attachment} for a download: an ASCII {@code filename} (anything outside letters,
 * digits, space, dot, dash, underscore and parentheses becomes {@code _}; never a path or a quote) plus the exact
 * name as RFC 5987 {@code filename*}.
 */
final class ContentDisposition {

    private static final int MAX_NAME = 150;

    private ContentDisposition() {
    }

    static String attachment(String originalName, String extension) {
        String stem = originalName.contains(".") ? originalName.substring(0, originalName.lastIndexOf('.')) : originalName;
        if (stem.codePointCount(0, stem.length()) > MAX_NAME) {
            stem = stem.substring(0, stem.offsetByCodePoints(0, MAX_NAME));
        }
        stem = stem.replaceAll("[\\p{Cntrl}/\\\\]", "_").strip();
        if (stem.isEmpty() || stem.chars().allMatch(c -> c == '.')) {
            stem = "track";
        }
        String name = stem + "." + extension;
        String ascii = name.replaceAll("[^A-Za-z0-9 ._()\\-]", "_");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + percentEncode(name);
    }

    private static String percentEncode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16))).append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return out.toString();
    }
}
