package dev.resonance.impl.playlists;

import java.io.ByteArrayOutputStream;
import java.text.Normalizer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The M3U8 format without the catalog: writing a playlist and reading the paths of one (whatever wrote it — a Windows
 * player with drive letters and backslashes, a Mac with decomposed Unicode, a web tool with {@code file://} URIs).
 */
final class M3u8 {

    /** A track to write. */
    record Item(long durationMs, String artist, String title, String path) {
    }

    /** A path line of a file: its line number (from 1) and text. */
    record Line(int number, String text) {
    }

    /** The path lines of a file and its {@code #PLAYLIST:} name, if any. */
    record Parsed(List<Line> paths, Optional<String> name) {
    }

    /**
     * A path line understood: '/'-separated, lexically normalised (no ".", no "//", ".." resolved where it can be, the
     * leading ones kept out in {@code segments}), {@code absolute} when it started at a root (a drive letter counts).
     * {@code segments} are the names after any leading "..".
     */
    record PathLine(boolean absolute, boolean climbs, List<String> segments) {
        String joined() {
            return String.join("/", segments);
        }
    }

    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+:");
    private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:(/.*|)$");

    private M3u8() {
    }

    /** {@code #EXTM3U}, {@code #PLAYLIST:name}, then {@code #EXTINF:<seconds>,<artist> - <title>} and the path per track. */
    static String write(String name, List<Item> items) {
        StringBuilder out = new StringBuilder("#EXTM3U\n#PLAYLIST:").append(oneLine(name)).append('\n');
        for (Item item : items) {
            out.append("#EXTINF:").append(Math.round(item.durationMs() / 1000.0)).append(',')
                    .append(oneLine(item.artist())).append(" - ").append(oneLine(item.title())).append('\n')
                    .append(item.path()).append('\n');
        }
        return out.toString();
    }

    private static String oneLine(String text) {
        return text.replaceAll("[\\r\\n]+", " ");
    }

    /** The path lines (blank lines and {@code #} lines are not paths) and the name given by {@code #PLAYLIST:}. */
    static Parsed parse(String text) {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<Line> paths = new ArrayList<>();
        Optional<String> name = Optional.empty();
        String[] lines = text.split("\r\n|\r|\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.regionMatches(true, 0, "#PLAYLIST:", 0, 10) && name.isEmpty() && !line.substring(10).isBlank()) {
                name = Optional.of(line.substring(10).strip());
            } else if (!line.isEmpty() && !line.startsWith("#")) {
                paths.add(new Line(i + 1, line));
            }
        }
        return new Parsed(paths, name);
    }

    /**
     * The ways a path line may name a file: as written and percent-decoded (a {@code file:} URI is always decoded).
     * Empty when the line is a URI of another scheme ({@code http:}…) or not valid percent-encoding in a URI.
     */
    static Optional<List<PathLine>> read(String line) {
        Set<String> forms = new LinkedHashSet<>();
        if (line.regionMatches(true, 0, "file:", 0, 5)) {
            String rest = line.substring(5);
            if (rest.startsWith("//")) {
                int slash = rest.indexOf('/', 2);
                rest = slash < 0 ? "/" : rest.substring(slash); // file://host/path: the host is not ours to check
            }
            Optional<String> decoded = percentDecoded(rest);
            if (decoded.isEmpty()) {
                return Optional.empty();
            }
            String path = decoded.get();
            forms.add(path.matches("^/[A-Za-z]:([/\\\\].*|)$") ? path.substring(1) : path); // file:///C:/Music
        } else if (SCHEME.matcher(line).find() && !DRIVE.matcher(line.replace('\\', '/')).matches()) {
            return Optional.empty();
        } else {
            forms.add(line);
            percentDecoded(line).ifPresent(forms::add);
        }
        return Optional.of(forms.stream().map(M3u8::normalised).distinct().toList());
    }

    /** Backslashes as slashes, a drive letter as the root, "." and ".." resolved lexically. */
    static PathLine normalised(String path) {
        String p = path.replace('\\', '/');
        boolean absolute = p.startsWith("/");
        if (DRIVE.matcher(p).matches()) {
            p = p.substring(2);
            absolute = true;
        }
        Deque<String> segments = new ArrayDeque<>();
        boolean climbs = false;
        for (String segment : p.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (!segments.isEmpty()) {
                    segments.removeLast();
                } else {
                    climbs = true;
                }
                continue;
            }
            segments.addLast(segment);
        }
        return new PathLine(absolute, climbs && !absolute, List.copyOf(segments));
    }

    /** {@code %XX} decoded as UTF-8 bytes; empty when a {@code %} is not followed by two hex digits or the bytes are not UTF-8. */
    static Optional<String> percentDecoded(String text) {
        if (text.indexOf('%') < 0) {
            return Optional.of(text);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); ) {
            char ch = text.charAt(i);
            if (ch == '%') {
                if (i + 2 >= text.length()) {
                    return Optional.empty();
                }
                int hi = Character.digit(text.charAt(i + 1), 16);
                int lo = Character.digit(text.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return Optional.empty();
                }
                bytes.write(hi * 16 + lo);
                i += 3;
            } else {
                int cp = text.codePointAt(i);
                byte[] utf8 = new String(Character.toChars(cp)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                bytes.write(utf8, 0, utf8.length);
                i += Character.charCount(cp);
            }
        }
        try {
            return Optional.of(java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                    .decode(java.nio.ByteBuffer.wrap(bytes.toByteArray())).toString());
        } catch (java.nio.charset.CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /** The text in both Unicode forms a file system may have stored (macOS: NFD; most others: NFC as typed). */
    static List<String> unicodeForms(String text) {
        String nfc = Normalizer.normalize(text, Normalizer.Form.NFC);
        String nfd = Normalizer.normalize(text, Normalizer.Form.NFD);
        return nfc.equals(nfd) ? List.of(nfc) : text.equals(nfc) || text.equals(nfd) ? List.of(nfc, nfd) : List.of(text, nfc, nfd);
    }
}
