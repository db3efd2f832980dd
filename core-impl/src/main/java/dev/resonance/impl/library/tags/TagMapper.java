package dev.resonance.impl.library.tags;

import dev.resonance.api.library.ArtistRole;
import dev.resonance.impl.library.tags.AudioTags.Credit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns raw {@link TagFields} into normalised {@link AudioTags}: trims, drops empty values, splits multi-valued
 * fields, finds "feat." credits, parses numbers, dates, ReplayGain and MusicBrainz ids. The same rules for every
 * container, so an MP3 and a FLAC tagged alike read alike.
 */
final class TagMapper {

    /** Artists, album artists and role names: NUL (ID3v2.4), ";" and " / " (a bare "/" is kept: AC/DC). */
    private static final Pattern MULTI = Pattern.compile("\u0000|;|\\s+/\\s+");
    /** Genres also split on a bare "/" ("Rock/Pop"). */
    private static final Pattern GENRES = Pattern.compile("\u0000|;|/");
    private static final Pattern IDS = Pattern.compile("[\u0000;/,\\s]+");
    /** "A feat. B", "A ft. B", "A featuring B", "A (feat. B)". */
    private static final Pattern ARTIST_FEAT = Pattern.compile("(?i)(?:\\s+|\\s*[(\\[]\\s*)(?:featuring|feat\\.?|ft\\.)\\s+");
    /** "Song (feat. B)", "Song [ft. B]". */
    private static final Pattern TITLE_FEAT_BRACKETED = Pattern.compile("(?i)[(\\[]\\s*(?:featuring|feat\\.?|ft\\.)\\s+([^)\\]]+)[)\\]]");
    /** "Song feat. B". */
    private static final Pattern TITLE_FEAT_TRAILING = Pattern.compile("(?i)\\s(?:featuring|feat\\.?|ft\\.)\\s+(.+)$");
    private static final Pattern UUID = Pattern.compile("(?i)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern LEADING_NUMBER = Pattern.compile("^\\s*([+-]?\\d+(?:[.,]\\d+)?)");
    private static final Pattern DATE = Pattern.compile("^(\\d{4})(?:[-/.](\\d{1,2})(?:[-/.](\\d{1,2}))?)?(?:$|[T\\s].*)");
    private static final Pattern YEAR_PREFIX = Pattern.compile("^(\\d{4})\\b.*");
    /** MusicBrainz's "Various Artists". */
    private static final String VARIOUS_ARTISTS_ID = "89ad4ac3-39f7-470e-963a-56509c546377";

    private TagMapper() {
    }

    static AudioTags map(StreamInfo s, TagFields f) {
        Optional<String> title = f.first("TITLE");
        List<String> albumArtists = albumArtists(f);
        List<String> albumArtistIds = ids(f.all("MUSICBRAINZ_ALBUMARTISTID"));
        NumberPair track = numberPair(f.first("TRACKNUMBER", "TRACK"), f.first("TRACKTOTAL", "TOTALTRACKS"));
        NumberPair disc = numberPair(f.first("DISCNUMBER", "DISC"), f.first("DISCTOTAL", "TOTALDISCS"));
        Optional<Double> trackGain = gain(f, "REPLAYGAIN_TRACK_GAIN", "R128_TRACK_GAIN");
        Optional<Double> albumGain = gain(f, "REPLAYGAIN_ALBUM_GAIN", "R128_ALBUM_GAIN");
        return new AudioTags(
                s.format(), s.codec(), s.durationMillis(), s.bitrateKbps(), s.sampleRate(), s.bitDepth(), s.channels(),
                title,
                f.first("TITLESORT"),
                f.first("ALBUM"),
                f.first("ALBUMSORT"),
                f.first("ALBUMVERSION", "MUSICBRAINZ_ALBUMCOMMENT", "RELEASECOMMENT"),
                albumArtists,
                f.first("ALBUMARTISTSORT"),
                credits(f, title),
                f.first("ARTISTSORT"),
                track.number(), track.total(), disc.number(), disc.total(),
                f.first("DATE", "YEAR", "RELEASEDATE").flatMap(TagMapper::date),
                f.first("ORIGINALDATE", "ORIGINALRELEASEDATE", "ORIGINALYEAR").flatMap(TagMapper::date),
                genres(f.all("GENRE")),
                f.first("LABEL", "ORGANIZATION", "PUBLISHER"),
                compilation(f, albumArtists, albumArtistIds),
                trackGain,
                f.first("REPLAYGAIN_TRACK_PEAK").flatMap(TagMapper::peak),
                albumGain,
                f.first("REPLAYGAIN_ALBUM_PEAK").flatMap(TagMapper::peak),
                f.first("BPM").flatMap(TagMapper::number).filter(b -> b > 0 && b < 1000),
                f.first("ISRC"),
                f.first("COMMENT", "DESCRIPTION"),
                f.lyrics(),
                f.first("MUSICBRAINZ_TRACKID").flatMap(TagMapper::id),
                f.first("MUSICBRAINZ_RELEASETRACKID").flatMap(TagMapper::id),
                f.first("MUSICBRAINZ_ALBUMID").flatMap(TagMapper::id),
                f.first("MUSICBRAINZ_RELEASEGROUPID").flatMap(TagMapper::id),
                ids(f.all("MUSICBRAINZ_ARTISTID")),
                albumArtistIds,
                f.hasPicture(),
                f.warnings());
    }

    /** Trimmed, without NULs and byte-order marks at the ends. */
    static String clean(String value) {
        int start = 0;
        int end = value.length();
        while (start < end && isJunk(value.charAt(start))) {
            start++;
        }
        while (end > start && isJunk(value.charAt(end - 1))) {
            end--;
        }
        return value.substring(start, end);
    }

    private static boolean isJunk(char c) {
        return Character.isWhitespace(c) || c == '\u0000' || c == '\uFEFF' || Character.isSpaceChar(c);
    }

    // ---- artists ----------------------------------------------------------------------------------------

    private static List<Credit> credits(TagFields f, Optional<String> title) {
        Set<Credit> credits = new LinkedHashSet<>();
        ArtistNames display = artistNames(f.all("ARTIST"));
        List<String> artists = split(f.all("ARTISTS"), MULTI);
        Set<String> featured = lower(display.featured());
        if (!artists.isEmpty()) {
            // Picard's multi-valued ARTISTS names every credited artist; ARTIST is the display form ("A feat. B")
            for (String name : artists) {
                credits.add(new Credit(name, featured.contains(name.toLowerCase(Locale.ROOT)) ? ArtistRole.FEATURED : ArtistRole.PERFORMER));
            }
            for (String name : display.featured()) {
                credits.add(new Credit(name, ArtistRole.FEATURED));
            }
        } else {
            display.main().forEach(name -> credits.add(new Credit(name, ArtistRole.PERFORMER)));
            display.featured().forEach(name -> credits.add(new Credit(name, ArtistRole.FEATURED)));
        }
        Set<String> credited = new java.util.HashSet<>();
        credits.forEach(c -> credited.add(c.name().toLowerCase(Locale.ROOT)));
        for (String name : titleFeatured(title)) {
            if (credited.add(name.toLowerCase(Locale.ROOT))) {
                credits.add(new Credit(name, ArtistRole.FEATURED));
            }
        }
        role(credits, f.all("COMPOSER"), ArtistRole.COMPOSER);
        role(credits, f.all("LYRICIST"), ArtistRole.LYRICIST);
        role(credits, f.all("REMIXER", "MIXARTIST"), ArtistRole.REMIXER);
        role(credits, f.all("CONDUCTOR"), ArtistRole.CONDUCTOR);
        role(credits, f.all("ARRANGER"), ArtistRole.ARRANGER);
        role(credits, f.all("PRODUCER"), ArtistRole.PRODUCER);
        return List.copyOf(credits);
    }

    private static void role(Set<Credit> credits, List<String> values, ArtistRole role) {
        for (String name : split(values, MULTI)) {
            credits.add(new Credit(name, role));
        }
    }

    private static List<String> albumArtists(TagFields f) {
        List<String> multi = split(f.all("ALBUMARTISTS", "ALBUM_ARTISTS"), MULTI);
        if (!multi.isEmpty()) {
            return multi;
        }
        ArtistNames names = artistNames(f.all("ALBUMARTIST", "ALBUM ARTIST", "ALBUM_ARTIST"));
        LinkedHashSet<String> all = new LinkedHashSet<>(names.main());
        all.addAll(names.featured());
        return List.copyOf(all);
    }

    record ArtistNames(List<String> main, List<String> featured) {
    }

    /** Splits artist values into the main artists and the "feat." guests. */
    static ArtistNames artistNames(List<String> values) {
        LinkedHashSet<String> main = new LinkedHashSet<>();
        LinkedHashSet<String> featured = new LinkedHashSet<>();
        for (String value : values) {
            for (String part : value.split("\u0000")) {
                Matcher m = ARTIST_FEAT.matcher(part);
                if (m.find()) {
                    main.addAll(split(List.of(part.substring(0, m.start())), MULTI));
                    featured.addAll(split(List.of(stripClosingBracket(part.substring(m.end()))), MULTI));
                } else {
                    main.addAll(split(List.of(part), MULTI));
                }
            }
        }
        return new ArtistNames(List.copyOf(main), List.copyOf(featured));
    }

    static List<String> titleFeatured(Optional<String> title) {
        if (title.isEmpty()) {
            return List.of();
        }
        Matcher bracketed = TITLE_FEAT_BRACKETED.matcher(title.get());
        if (bracketed.find()) {
            return split(List.of(bracketed.group(1)), MULTI);
        }
        Matcher trailing = TITLE_FEAT_TRAILING.matcher(title.get());
        if (trailing.find()) {
            return split(List.of(trailing.group(1)), MULTI);
        }
        return List.of();
    }

    private static String stripClosingBracket(String s) {
        String t = clean(s);
        while (t.endsWith(")") || t.endsWith("]")) {
            t = clean(t.substring(0, t.length() - 1));
        }
        return t;
    }

    private static Set<String> lower(List<String> names) {
        Set<String> set = new java.util.HashSet<>();
        names.forEach(n -> set.add(n.toLowerCase(Locale.ROOT)));
        return set;
    }

    /** Every value split on {@code separators}, cleaned, empty parts dropped, duplicates removed (order kept). */
    static List<String> split(List<String> values, Pattern separators) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String value : values) {
            for (String part : separators.split(value)) {
                String t = clean(part);
                if (!t.isEmpty()) {
                    out.add(t);
                }
            }
        }
        return List.copyOf(out);
    }

    // ---- other fields -----------------------------------------------------------------------------------

    private static List<String> genres(List<String> values) {
        LinkedHashSet<String> seen = new LinkedHashSet<>();
        List<String> out = new ArrayList<>();
        for (String genre : split(values, GENRES)) {
            if (seen.add(genre.toLowerCase(Locale.ROOT))) {
                out.add(genre);
            }
        }
        return out;
    }

    private static boolean compilation(TagFields f, List<String> albumArtists, List<String> albumArtistIds) {
        Optional<String> flag = f.first("COMPILATION", "ITUNESCOMPILATION");
        if (flag.isPresent()) {
            String v = flag.get().toLowerCase(Locale.ROOT);
            if (v.equals("1") || v.equals("true") || v.equals("yes") || v.equals("y")) {
                return true;
            }
        }
        return albumArtists.stream().anyMatch(a -> a.equalsIgnoreCase("Various Artists") || a.equalsIgnoreCase("Various"))
                || albumArtistIds.contains(VARIOUS_ARTISTS_ID);
    }

    record NumberPair(Optional<Integer> number, Optional<Integer> total) {
    }

    /** "3/12" → 3 and 12; a separate total wins over the one after the slash. */
    static NumberPair numberPair(Optional<String> value, Optional<String> totalValue) {
        Optional<Integer> number = Optional.empty();
        Optional<Integer> total = Optional.empty();
        if (value.isPresent()) {
            String[] parts = value.get().split("/", 2);
            number = positive(parts[0]);
            if (parts.length > 1) {
                total = positive(parts[1]);
            }
        }
        Optional<Integer> separate = totalValue.flatMap(TagMapper::positive);
        return new NumberPair(number, separate.isPresent() ? separate : total);
    }

    private static Optional<Integer> positive(String s) {
        String t = clean(s);
        int end = 0;
        while (end < t.length() && end < 9 && Character.isDigit(t.charAt(end))) {
            end++;
        }
        if (end == 0) {
            return Optional.empty();
        }
        int n = Integer.parseInt(t.substring(0, end));
        return n > 0 ? Optional.of(n) : Optional.empty();
    }

    /** "2021-03-04", "2021-03", "2021", "2021-03-04T10:00:00", "2021/3/4" → "2021-03-04" style; junk → empty. */
    static Optional<String> date(String value) {
        String t = clean(value);
        Matcher m = DATE.matcher(t);
        if (m.matches()) {
            String year = m.group(1);
            int month = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
            int day = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
            if (month < 1 || month > 12) {
                return Optional.of(year);
            }
            if (day < 1 || day > 31) {
                return Optional.of(String.format(Locale.ROOT, "%s-%02d", year, month));
            }
            return Optional.of(String.format(Locale.ROOT, "%s-%02d-%02d", year, month, day));
        }
        Matcher y = YEAR_PREFIX.matcher(t);
        return y.matches() ? Optional.of(y.group(1)) : Optional.empty();
    }

    /** "-6.50 dB" → -6.5; R128 gains (Opus, Q7.8 relative to -23 LUFS) are converted to ReplayGain's -18 LUFS. */
    private static Optional<Double> gain(TagFields f, String replayGainKey, String r128Key) {
        Optional<Double> gain = f.first(replayGainKey).flatMap(TagMapper::number).filter(g -> Math.abs(g) <= 64);
        if (gain.isPresent()) {
            return gain;
        }
        return f.first(r128Key).flatMap(TagMapper::number).map(q -> Math.round((q / 256.0 + 5.0) * 100) / 100.0)
                .filter(g -> Math.abs(g) <= 64);
    }

    private static Optional<Double> peak(String value) {
        return number(value).filter(p -> p >= 0 && p <= 64);
    }

    static Optional<Double> number(String value) {
        Matcher m = LEADING_NUMBER.matcher(value);
        if (!m.find()) {
            return Optional.empty();
        }
        double d = Double.parseDouble(m.group(1).replace(',', '.'));
        return Double.isFinite(d) ? Optional.of(d) : Optional.empty();
    }

    private static Optional<String> id(String value) {
        return ids(List.of(value)).stream().findFirst();
    }

    /** Valid MusicBrainz ids (UUIDs, lower-cased) from values that may hold several ("a; b", "a/b"). */
    static List<String> ids(List<String> values) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String value : values) {
            for (String part : IDS.split(value)) {
                if (UUID.matcher(part).matches()) {
                    out.add(part.toLowerCase(Locale.ROOT));
                }
            }
        }
        return List.copyOf(out);
    }
}
