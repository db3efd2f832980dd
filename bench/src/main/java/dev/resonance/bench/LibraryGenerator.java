package dev.resonance.bench;

import dev.resonance.testing.Ffmpeg;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes a synthetic but real music library: MP3 (hand-built ID3v2.3/2.4 tag + MPEG frames of a template made once
 * by ffmpeg) and FLAC ("fLaC" + the template's STREAMINFO + a hand-built VORBIS_COMMENT + the template's frames),
 * laid out as {@code Artist/Album/NN Title.ext}, some albums with a {@code cover.jpg}, ~0.1 % corrupt files.
 * Deterministic for a seed; a finished library is marked by {@code .generated} and reused when count, seed and
 * generator version match.
 *
 * <pre>LibraryGenerator &lt;dir&gt; &lt;tracks&gt; [--seed N]            generate (or reuse)
 * LibraryGenerator &lt;dir&gt; &lt;tracks&gt; [--seed N] --touch 0.01  new mtime for 1 % of the files, new title for half of them</pre>
 */
public final class LibraryGenerator {

    /** Bump when the output changes: cached libraries of another version are regenerated. */
    static final int VERSION = 1;
    static final String MARKER = ".generated";

    // ------------------------------------------------------------------ the plan (what to write)

    enum Corrupt { NONE, TRUNCATED, RANDOM }

    record Album(int index, String artistFolder, String title, List<String> albumArtists, int year, String date,
                 List<String> genres, boolean flac, int template, int discs, int trackTotal, String mbReleaseId,
                 String mbArtistId, Double albumGain, int cover, boolean id3v24) {
    }

    record Track(int index, Album album, int disc, int number, int discTrackTotal, String title, List<String> artists,
                 String artistJoin, String mbTrackId, Double trackGain, Corrupt corrupt, String relativePath) {
    }

    public record Plan(List<Album> albums, List<Track> tracks, int artistCount) {
        public long corruptCount() {
            return tracks.stream().filter(t -> t.corrupt() != Corrupt.NONE).count();
        }
    }

    private static final String[] GENRES = {"Rock", "Pop", "Jazz", "Blues", "Classical", "Electronic", "Hip-Hop",
            "R&B", "Soul", "Funk", "Country", "Folk", "Reggae", "Metal", "Punk", "Indie", "Alternative", "Ambient",
            "House", "Techno", "Trance", "Drum & Bass", "Dubstep", "Disco", "Latin", "Bossa Nova", "Samba", "Afrobeat",
            "World", "Gospel", "Opera", "Soundtrack", "Singer-Songwriter", "Grunge", "Shoegaze", "Post-Rock", "Ska",
            "Trip-Hop", "Chanson", "K-Pop"};

    private static final String[] FIRST = {"Anna", "Ben", "Clara", "David", "Elena", "Felix", "Greta", "Hugo", "Iris",
            "Jonas", "Karin", "Leon", "Maja", "Nils", "Olga", "Paul", "Quinn", "Rosa", "Sven", "Tara", "Ugo", "Vera",
            "Walt", "Xena", "Yann", "Zoë", "Björk", "José", "Chloé", "Søren", "Andrés", "Łukasz", "Renée", "Mia", "Otis",
            "Nina", "Ray", "Etta", "Miles", "Ella"};
    private static final String[] LAST = {"Adams", "Berg", "Carter", "Dahl", "Evans", "Fischer", "García", "Hansen",
            "Ito", "Jensen", "Kowalski", "Lindqvist", "Moreau", "Nakamura", "O'Brien", "Petrov", "Quist", "Rossi",
            "Schmidt", "Tanaka", "Ulrich", "Varga", "Weber", "Xu", "Young", "Zimmermann", "Müller", "Novák", "Brontë",
            "Simone", "Davis", "Fitzgerald", "Redding", "Charles", "James", "Holiday", "King", "Waters", "Cole", "Vance"};
    private static final String[] WORDS = {"Night", "Blue", "Fire", "River", "Glass", "Echo", "Silver", "Morning",
            "Shadow", "Golden", "Electric", "Velvet", "Paper", "Ocean", "Static", "Winter", "Summer", "Neon", "Wild",
            "Quiet", "Broken", "Hollow", "Crystal", "Midnight", "Distant", "Falling", "Rising", "Lost", "Secret",
            "Northern", "Southern", "Empty", "Burning", "Frozen", "Sweet", "Bitter", "Open", "Last", "First", "Hidden",
            "Heart", "Road", "Sky", "Dream", "Light", "Storm", "City", "Garden", "Mirror", "Signal", "Rain", "Stone",
            "Wave", "Bridge", "Horizon", "Machine", "Ghost", "Animal", "Letter", "Season", "Avenue", "Lights", "Kingdom",
            "Café", "Lumière", "Nacht", "Sueño", "Été", "Straße", "Canção"};
    private static final String[] BAND_NOUNS = {"Wolves", "Engines", "Satellites", "Lanterns", "Pilots", "Owls",
            "Rivers", "Machines", "Strangers", "Saints", "Giants", "Tides", "Sparrows", "Kings", "Comets", "Ghosts"};

    /** The plan for {@code tracks} tracks: depends only on the count and the seed. */
    public static Plan plan(int trackCount, long seed) {
        Random rnd = new Random(seed);
        Set<String> artistNames = new HashSet<>();
        List<String> artistPool = new ArrayList<>();
        List<Album> albums = new ArrayList<>();
        List<Track> tracks = new ArrayList<>(trackCount);
        Set<String> paths = new HashSet<>();
        Set<String> albumKeys = new HashSet<>();
        int artistCount = 0;
        while (tracks.size() < trackCount) {
            boolean compilation = rnd.nextDouble() < 0.05 && artistPool.size() > 10;
            String artist;
            int albumsForArtist;
            if (compilation) {
                artist = "Various Artists";
                albumsForArtist = 1;
            } else {
                artist = uniqueName(rnd, artistNames);
                artistPool.add(artist);
                artistCount++;
                // several albums per artist: 1..7, most have 2-4
                albumsForArtist = 1 + Math.min(6, (int) Math.round(Math.abs(rnd.nextGaussian()) * 2.5));
            }
            String artistMbid = rnd.nextDouble() < 0.4 ? uuid(rnd) : null;
            for (int a = 0; a < albumsForArtist && tracks.size() < trackCount; a++) {
                String title;
                do {
                    title = albumTitle(rnd);
                    if (compilation) {
                        title = title + " Hits " + (1990 + rnd.nextInt(35));
                    }
                } while (!albumKeys.add((artist + "/" + title).toLowerCase(Locale.ROOT)));
                int year = 1960 + rnd.nextInt(66);
                String date = switch (rnd.nextInt(4)) {
                    case 0 -> String.format(Locale.ROOT, "%d-%02d-%02d", year, 1 + rnd.nextInt(12), 1 + rnd.nextInt(28));
                    case 1 -> String.format(Locale.ROOT, "%d-%02d", year, 1 + rnd.nextInt(12));
                    default -> Integer.toString(year);
                };
                List<String> genres = new ArrayList<>(List.of(GENRES[skewed(rnd, GENRES.length)]));
                if (rnd.nextDouble() < 0.15) {
                    String second = GENRES[rnd.nextInt(GENRES.length)];
                    if (!genres.contains(second)) {
                        genres.add(second);
                    }
                }
                boolean flac = rnd.nextDouble() < FLAC_SHARE;
                int discs = rnd.nextDouble() < 0.05 ? 2 : 1;
                int trackTotal = (8 + rnd.nextInt(7)) * (discs == 2 ? 2 : 1);
                String mb = rnd.nextDouble() < 0.4 ? uuid(rnd) : null;
                Double albumGain = rnd.nextDouble() < 0.3 ? Math.round((rnd.nextDouble() * -12) * 100) / 100.0 : null;
                int cover = rnd.nextDouble() < COVER_SHARE ? rnd.nextInt(CoverImages.COUNT) : -1;
                Album album = new Album(albums.size(), safe(artist), title, List.of(artist), year, date, List.copyOf(genres), flac,
                        rnd.nextInt(2), discs, trackTotal, mb, compilation ? null : artistMbid, albumGain, cover,
                        rnd.nextDouble() < 0.3);
                albums.add(album);
                int perDisc = trackTotal / discs;
                for (int i = 0; i < trackTotal && tracks.size() < trackCount; i++) {
                    int disc = discs == 1 ? 1 : 1 + i / perDisc;
                    int number = discs == 1 ? i + 1 : i % perDisc + 1;
                    String trackTitle = trackTitle(rnd);
                    List<String> artists;
                    String join = null;
                    String trackArtist = compilation ? artistPool.get(rnd.nextInt(artistPool.size())) : artist;
                    if (rnd.nextDouble() < 0.03 && artistPool.size() > 1) {
                        String other = artistPool.get(rnd.nextInt(artistPool.size()));
                        artists = List.of(trackArtist, other);
                        join = rnd.nextBoolean() ? "; " : " feat. ";
                    } else {
                        artists = List.of(trackArtist);
                    }
                    double c = rnd.nextDouble();
                    Corrupt corrupt = c < 0.0005 ? Corrupt.TRUNCATED : c < 0.001 ? Corrupt.RANDOM : Corrupt.NONE;
                    String ext = corrupt != Corrupt.NONE ? "mp3" : flac ? "flac" : "mp3";
                    String prefix = discs == 1 ? String.format(Locale.ROOT, "%02d", number)
                            : String.format(Locale.ROOT, "%d-%02d", disc, number);
                    String rel = album.artistFolder() + "/" + safe(title) + "/" + prefix + " " + safe(trackTitle) + "." + ext;
                    if (!paths.add(rel)) {
                        throw new IllegalStateException("duplicate path " + rel);
                    }
                    tracks.add(new Track(tracks.size(), album, disc, number, perDisc, trackTitle, artists, join,
                            mb != null ? uuid(rnd) : null,
                            albumGain != null ? Math.round((rnd.nextDouble() * -14 + 2) * 100) / 100.0 : null, corrupt, rel));
                }
            }
        }
        return new Plan(List.copyOf(albums), List.copyOf(tracks), artistCount);
    }

    private static int skewed(Random rnd, int n) {
        // a few genres are much more common than the rest
        double x = rnd.nextDouble();
        return Math.min(n - 1, (int) (n * x * x));
    }

    private static String uniqueName(Random rnd, Set<String> used) {
        for (int attempt = 0; ; attempt++) {
            String name = switch (rnd.nextInt(4)) {
                case 0 -> "The " + WORDS[rnd.nextInt(WORDS.length)] + " " + BAND_NOUNS[rnd.nextInt(BAND_NOUNS.length)];
                case 1 -> WORDS[rnd.nextInt(WORDS.length)] + " " + BAND_NOUNS[rnd.nextInt(BAND_NOUNS.length)];
                default -> FIRST[rnd.nextInt(FIRST.length)] + " " + LAST[rnd.nextInt(LAST.length)];
            };
            if (attempt > 3) {
                name = name + " " + toRoman(1 + rnd.nextInt(3000));
            }
            if (used.add(name.toLowerCase(Locale.ROOT))) {
                return name;
            }
        }
    }

    private static String toRoman(int n) {
        String[] r = {"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"};
        int[] v = {1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1};
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < v.length; i++) {
            while (n >= v[i]) {
                sb.append(r[i]);
                n -= v[i];
            }
        }
        return sb.toString();
    }

    private static String albumTitle(Random rnd) {
        return switch (rnd.nextInt(5)) {
            case 0 -> WORDS[rnd.nextInt(WORDS.length)];
            case 1 -> "The " + WORDS[rnd.nextInt(WORDS.length)] + " " + WORDS[rnd.nextInt(WORDS.length)];
            default -> WORDS[rnd.nextInt(WORDS.length)] + " " + WORDS[rnd.nextInt(WORDS.length)]
                    + (rnd.nextInt(4) == 0 ? " " + WORDS[rnd.nextInt(WORDS.length)] : "");
        };
    }

    private static String trackTitle(Random rnd) {
        String t = WORDS[rnd.nextInt(WORDS.length)] + " " + WORDS[rnd.nextInt(WORDS.length)].toLowerCase(Locale.ROOT);
        return switch (rnd.nextInt(10)) {
            case 0 -> t + " (Live)";
            case 1 -> "A " + t;
            case 2 -> t + " " + WORDS[rnd.nextInt(WORDS.length)].toLowerCase(Locale.ROOT);
            default -> t;
        };
    }

    private static String uuid(Random rnd) {
        return new UUID(rnd.nextLong(), rnd.nextLong()).toString();
    }

    private static String safe(String name) {
        return name.replace('/', '_').replace('\\', '_').replace(':', '_');
    }

    // ------------------------------------------------------------------ templates made once by ffmpeg

    static final class Templates {
        final byte[][] mp3Frames = new byte[2][];
        final byte[][] flacStreamInfo = new byte[2][]; // 34 bytes each
        final byte[][] flacFrames = new byte[2][];
        final byte[][] covers = new byte[CoverImages.COUNT][];

        static Templates make(Path dir) throws IOException {
            Files.createDirectories(dir);
            Templates t = new Templates();
            String[][] mp3 = {{"0.3", "440", "44100", "128k"}, {"0.5", "660", "44100", "192k"}};
            for (int i = 0; i < 2; i++) {
                Path out = dir.resolve("t" + i + ".mp3");
                Ffmpeg.run("-f", "lavfi", "-i", "sine=frequency=" + mp3[i][1] + ":duration=" + mp3[i][0], "-ac", "2",
                        "-ar", mp3[i][2], "-c:a", "libmp3lame", "-b:a", mp3[i][3], "-write_id3v1", "0",
                        "-id3v2_version", "0", "-map_metadata", "-1", out.toString());
                byte[] b = Files.readAllBytes(out);
                if ((b[0] & 0xFF) != 0xFF || (b[1] & 0xE0) != 0xE0) {
                    throw new IllegalStateException("template MP3 does not start with an MPEG frame: " + out);
                }
                t.mp3Frames[i] = b;
            }
            String[][] flac = {{"0.25", "44100", "s16"}, {"0.25", "96000", "s32"}};
            for (int i = 0; i < 2; i++) {
                Path out = dir.resolve("t" + i + ".flac");
                List<String> args = new ArrayList<>(List.of("-f", "lavfi", "-i", "sine=frequency=523:duration=" + flac[i][0],
                        "-ac", "2", "-ar", flac[i][1], "-sample_fmt", flac[i][2]));
                if (flac[i][2].equals("s32")) {
                    args.addAll(List.of("-bits_per_raw_sample", "24"));
                }
                args.addAll(List.of("-map_metadata", "-1", "-fflags", "+bitexact", "-flags:a", "+bitexact", "-c:a", "flac",
                        out.toString()));
                Ffmpeg.run(args);
                parseFlac(Files.readAllBytes(out), t, i);
            }
            for (int i = 0; i < CoverImages.COUNT; i++) {
                t.covers[i] = CoverImages.make(dir, i);
            }
            return t;
        }

        private static void parseFlac(byte[] b, Templates t, int i) {
            if (b[0] != 'f' || b[1] != 'L' || b[2] != 'a' || b[3] != 'C') {
                throw new IllegalStateException("template is not FLAC");
            }
            int pos = 4;
            boolean last = false;
            while (!last) {
                int header = b[pos] & 0xFF;
                last = (header & 0x80) != 0;
                int type = header & 0x7F;
                int len = ((b[pos + 1] & 0xFF) << 16) | ((b[pos + 2] & 0xFF) << 8) | (b[pos + 3] & 0xFF);
                if (type == 0) {
                    t.flacStreamInfo[i] = Arrays.copyOfRange(b, pos + 4, pos + 4 + len);
                }
                pos += 4 + len;
            }
            if (t.flacStreamInfo[i] == null || t.flacStreamInfo[i].length != 34) {
                throw new IllegalStateException("template FLAC without STREAMINFO");
            }
            t.flacFrames[i] = Arrays.copyOfRange(b, pos, b.length);
        }
    }

    /** A handful of small JPEGs: most albums with a cover share one of these, a few differ. */
    static final class CoverImages {
        static final int COUNT = 6;
        private static final String[] SOURCES = {"color=c=0x3366aa:s=300x300", "color=c=0xaa3322:s=300x300",
                "testsrc=size=300x300:rate=1", "color=c=0x22aa55:s=500x500", "mandelbrot=size=320x320:rate=1",
                "color=c=0xdddd33:s=250x250"};

        static byte[] make(Path dir, int i) throws IOException {
            Path out = dir.resolve("cover" + i + ".jpg");
            Ffmpeg.run("-f", "lavfi", "-i", SOURCES[i], "-frames:v", "1", "-q:v", "5", out.toString());
            return Files.readAllBytes(out);
        }
    }

    // ------------------------------------------------------------------ file bytes

    static byte[] fileBytes(Track t, Templates tp, String titleOverride) {
        String title = titleOverride != null ? titleOverride : t.title();
        if (t.corrupt() == Corrupt.RANDOM) {
            byte[] junk = new byte[2000 + t.index() % 5000];
            new Random(t.index() * 31L + 7).nextBytes(junk);
            junk[0] = 'J'; // never accidentally "ID3" or an MPEG sync
            return junk;
        }
        byte[] full = t.album().flac() && t.corrupt() == Corrupt.NONE ? flac(t, tp, title) : mp3(t, tp, title);
        if (t.corrupt() == Corrupt.TRUNCATED) {
            return Arrays.copyOf(full, Math.min(full.length, 60)); // cut inside the ID3 tag
        }
        return full;
    }

    private static String artistTag(Track t) {
        return t.artistJoin() == null ? t.artists().get(0) : String.join(t.artistJoin(), t.artists());
    }

    private static byte[] mp3(Track t, Templates tp, String title) {
        Album a = t.album();
        boolean v24 = a.id3v24();
        Id3 id3 = new Id3(v24);
        id3.text("TIT2", title);
        id3.text("TPE1", artistTag(t));
        id3.text("TALB", a.title());
        id3.text("TPE2", a.albumArtists().get(0));
        id3.text("TRCK", t.number() + "/" + t.discTrackTotal());
        if (a.discs() > 1 || t.index() % 3 == 0) {
            id3.text("TPOS", t.disc() + "/" + a.discs());
        }
        if (v24) {
            id3.text("TDRC", a.date());
        } else {
            id3.text("TYER", Integer.toString(a.year()));
        }
        id3.text("TCON", String.join(v24 ? "\0" : "; ", a.genres()));
        if (a.albumArtists().get(0).equals("Various Artists")) {
            id3.text("TCMP", "1");
        }
        if (a.mbReleaseId() != null) {
            id3.txxx("MusicBrainz Album Id", a.mbReleaseId());
            id3.txxx("MusicBrainz Release Track Id", t.mbTrackId());
            if (a.mbArtistId() != null) {
                id3.txxx("MusicBrainz Album Artist Id", a.mbArtistId());
            }
        }
        if (t.trackGain() != null) {
            id3.txxx("REPLAYGAIN_TRACK_GAIN", String.format(Locale.ROOT, "%.2f dB", t.trackGain()));
            id3.txxx("REPLAYGAIN_ALBUM_GAIN", String.format(Locale.ROOT, "%.2f dB", a.albumGain()));
        }
        byte[] tag = id3.build(t.index() % 4 == 0 ? 1024 : 0);
        byte[] frames = tp.mp3Frames[a.template()];
        byte[] out = Arrays.copyOf(tag, tag.length + frames.length);
        System.arraycopy(frames, 0, out, tag.length, frames.length);
        return out;
    }

    private static byte[] flac(Track t, Templates tp, String title) {
        Album a = t.album();
        List<String> c = new ArrayList<>();
        c.add("TITLE=" + title);
        if (t.artists().size() > 1 && ";".equals(t.artistJoin().strip())) {
            for (String artist : t.artists()) {
                c.add("ARTIST=" + artist); // two ARTIST values, as Picard writes them
            }
        } else {
            c.add("ARTIST=" + artistTag(t));
        }
        c.add("ALBUM=" + a.title());
        c.add("ALBUMARTIST=" + a.albumArtists().get(0));
        c.add("TRACKNUMBER=" + t.number());
        c.add("TRACKTOTAL=" + t.discTrackTotal());
        c.add("DISCNUMBER=" + t.disc());
        c.add("DISCTOTAL=" + a.discs());
        c.add("DATE=" + a.date());
        for (String g : a.genres()) {
            c.add("GENRE=" + g);
        }
        if (a.albumArtists().get(0).equals("Various Artists")) {
            c.add("COMPILATION=1");
        }
        if (a.mbReleaseId() != null) {
            c.add("MUSICBRAINZ_ALBUMID=" + a.mbReleaseId());
            c.add("MUSICBRAINZ_RELEASETRACKID=" + t.mbTrackId());
            if (a.mbArtistId() != null) {
                c.add("MUSICBRAINZ_ALBUMARTISTID=" + a.mbArtistId());
            }
        }
        if (t.trackGain() != null) {
            c.add(String.format(Locale.ROOT, "REPLAYGAIN_TRACK_GAIN=%.2f dB", t.trackGain()));
            c.add(String.format(Locale.ROOT, "REPLAYGAIN_ALBUM_GAIN=%.2f dB", a.albumGain()));
        }
        ByteArrayOutputStream vc = new ByteArrayOutputStream(512);
        byte[] vendor = "reference libFLAC 1.4.3 20230623".getBytes(StandardCharsets.UTF_8);
        le32(vc, vendor.length);
        vc.writeBytes(vendor);
        le32(vc, c.size());
        for (String s : c) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            le32(vc, b.length);
            vc.writeBytes(b);
        }
        byte[] comment = vc.toByteArray();
        int padding = t.index() % 2 == 0 ? 512 : 0;
        byte[] streamInfo = tp.flacStreamInfo[a.template()];
        byte[] frames = tp.flacFrames[a.template()];
        ByteArrayOutputStream out = new ByteArrayOutputStream(4 + 38 + 4 + comment.length + 4 + padding + frames.length);
        out.writeBytes(new byte[] {'f', 'L', 'a', 'C'});
        blockHeader(out, false, 0, streamInfo.length);
        out.writeBytes(streamInfo);
        blockHeader(out, padding == 0, 4, comment.length);
        out.writeBytes(comment);
        if (padding > 0) {
            blockHeader(out, true, 1, padding);
            out.writeBytes(new byte[padding]);
        }
        out.writeBytes(frames);
        return out.toByteArray();
    }

    private static void blockHeader(ByteArrayOutputStream out, boolean last, int type, int length) {
        out.write((last ? 0x80 : 0) | type);
        out.write(length >>> 16);
        out.write(length >>> 8);
        out.write(length);
    }

    private static void le32(ByteArrayOutputStream out, int v) {
        out.write(v);
        out.write(v >>> 8);
        out.write(v >>> 16);
        out.write(v >>> 24);
    }

    /** A minimal ID3v2.3 / v2.4 writer: text frames and TXXX, Latin-1 when possible (UTF-16 in v2.3, UTF-8 in v2.4 otherwise). */
    static final class Id3 {
        private final boolean v24;
        private final ByteArrayOutputStream frames = new ByteArrayOutputStream(512);

        Id3(boolean v24) {
            this.v24 = v24;
        }

        void text(String id, String value) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            encoded(body, value, false);
            frame(id, body.toByteArray());
        }

        void txxx(String description, String value) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            boolean latin = latin1(description) && latin1(value);
            int enc = latin ? 0 : v24 ? 3 : 1;
            body.write(enc);
            writeString(body, description, enc, true);
            writeString(body, value, enc, false);
            frame("TXXX", body.toByteArray());
        }

        private void encoded(ByteArrayOutputStream body, String value, boolean terminate) {
            int enc = latin1(value) ? 0 : v24 ? 3 : 1;
            body.write(enc);
            writeString(body, value, enc, terminate);
        }

        private static void writeString(ByteArrayOutputStream body, String s, int enc, boolean terminate) {
            switch (enc) {
                case 0 -> {
                    body.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
                    if (terminate) {
                        body.write(0);
                    }
                }
                case 3 -> {
                    body.writeBytes(s.getBytes(StandardCharsets.UTF_8));
                    if (terminate) {
                        body.write(0);
                    }
                }
                default -> {
                    body.write(0xFF);
                    body.write(0xFE);
                    body.writeBytes(s.getBytes(StandardCharsets.UTF_16LE));
                    if (terminate) {
                        body.write(0);
                        body.write(0);
                    }
                }
            }
        }

        private static boolean latin1(String s) {
            for (int i = 0; i < s.length(); i++) {
                if (s.charAt(i) > 0xFF) {
                    return false;
                }
            }
            return true;
        }

        private void frame(String id, byte[] body) {
            frames.writeBytes(id.getBytes(StandardCharsets.ISO_8859_1));
            int n = body.length;
            if (v24) {
                synchsafe(frames, n);
            } else {
                frames.write(n >>> 24);
                frames.write(n >>> 16);
                frames.write(n >>> 8);
                frames.write(n);
            }
            frames.write(0);
            frames.write(0);
            frames.writeBytes(body);
        }

        byte[] build(int padding) {
            byte[] f = frames.toByteArray();
            ByteArrayOutputStream out = new ByteArrayOutputStream(10 + f.length + padding);
            out.writeBytes(new byte[] {'I', 'D', '3', (byte) (v24 ? 4 : 3), 0, 0});
            synchsafe(out, f.length + padding);
            out.writeBytes(f);
            out.writeBytes(new byte[padding]);
            return out.toByteArray();
        }

        private static void synchsafe(ByteArrayOutputStream out, int n) {
            out.write((n >>> 21) & 0x7F);
            out.write((n >>> 14) & 0x7F);
            out.write((n >>> 7) & 0x7F);
            out.write(n & 0x7F);
        }
    }

    // ------------------------------------------------------------------ writing, caching, touching

    static String markerText(int tracks, long seed) {
        return "tracks=" + tracks + " seed=" + seed + " version=" + VERSION + "\n";
    }

    /** Generates the library into {@code dir} unless a finished one with the same count, seed and version is there. */
    public static Plan ensure(Path dir, int tracks, long seed, int threads) throws Exception {
        Path marker = dir.resolve(MARKER);
        if (Files.exists(marker) && Files.readString(marker).equals(markerText(tracks, seed))) {
            System.err.printf("library %s: %d tracks (seed %d) already generated, reused%n", dir, tracks, seed);
            return plan(tracks, seed);
        }
        if (Files.isDirectory(dir)) {
            boolean ours = Files.exists(marker) || Files.exists(dir.resolve(".generating"));
            try (var list = Files.list(dir)) {
                if (!ours && list.findAny().isPresent()) {
                    throw new IllegalStateException(dir + " is not empty and was not made by this generator: refusing to overwrite it");
                }
            }
            deleteTree(dir);
        }
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(".generating"), markerText(tracks, seed));
        long start = System.nanoTime();
        Plan plan = plan(tracks, seed);
        Templates tp = Templates.make(dir.resolve(".templates"));
        for (Album a : plan.albums()) {
            Path albumDir = dir.resolve(a.artistFolder()).resolve(safe(a.title()));
            Files.createDirectories(albumDir);
            if (a.cover() >= 0) {
                Files.write(albumDir.resolve("cover.jpg"), tp.covers[a.cover()]);
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            int chunk = 500;
            List<Future<?>> futures = new ArrayList<>();
            AtomicInteger done = new AtomicInteger();
            for (int from = 0; from < plan.tracks().size(); from += chunk) {
                List<Track> part = plan.tracks().subList(from, Math.min(plan.tracks().size(), from + chunk));
                futures.add(pool.submit(() -> {
                    for (Track t : part) {
                        try {
                            Files.write(dir.resolve(t.relativePath()), fileBytes(t, tp, null));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }
                    done.addAndGet(part.size());
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        Files.writeString(marker, markerText(tracks, seed));
        Files.deleteIfExists(dir.resolve(".generating"));
        Files.deleteIfExists(dir.resolve(".touches"));
        System.err.printf("library %s: %d tracks, %d albums, %d artists, %d corrupt generated in %.1f s%n", dir, tracks,
                plan.albums().size(), plan.artistCount(), plan.corruptCount(), (System.nanoTime() - start) / 1e9);
        return plan;
    }

    /** Result of {@link #touch}: how many files got a new mtime only, and how many a new title too. */
    public record Touched(int mtimeOnly, int retitled) {
    }

    /**
     * Touches {@code fraction} of the (readable) files, spread evenly: a new mtime for all of them, and for every
     * second one a new title tag (" (edit N)", N counting the touches of this library, so every touch is a change).
     */
    public static Touched touch(Path dir, Plan plan, double fraction) throws IOException {
        Path counter = dir.resolve(".touches");
        int generation = Files.exists(counter) ? Integer.parseInt(Files.readString(counter).strip()) + 1 : 1;
        Files.writeString(counter, generation + "\n");
        Templates tp = null;
        int step = (int) Math.max(1, Math.round(1 / fraction));
        int mtimeOnly = 0;
        int retitled = 0;
        FileTime now = FileTime.fromMillis(System.currentTimeMillis());
        int k = 0;
        for (int i = generation % step; i < plan.tracks().size(); i += step) {
            Track t = plan.tracks().get(i);
            Path file = dir.resolve(t.relativePath());
            if (t.corrupt() == Corrupt.NONE && k++ % 2 == 0) {
                if (tp == null) {
                    tp = Templates.make(dir.resolve(".templates"));
                }
                Files.write(file, fileBytes(t, tp, t.title() + " (edit " + generation + ")"));
                retitled++;
            } else {
                Files.setLastModifiedTime(file, now);
                mtimeOnly++;
            }
        }
        return new Touched(mtimeOnly, retitled);
    }

    static void deleteTree(Path dir) throws IOException {
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /**
     * The library's shape: share of FLAC albums (default 0.30) and of albums with a {@code cover.jpg} (default 0.5), from
     * {@code BENCH_FLAC_SHARE} / {@code BENCH_COVER_SHARE}, to measure libraries shaped like someone else's (the outside
     * measurement of issue 12 used about half FLAC and a cover for every album). The draws are the same either way.
     */
    static final double FLAC_SHARE = share("BENCH_FLAC_SHARE", 0.30);
    static final double COVER_SHARE = share("BENCH_COVER_SHARE", 0.5);

    private static double share(String variable, double standard) {
        String value = System.getenv(variable);
        return value == null || value.isBlank() ? standard : Double.parseDouble(value);
    }

    public static Path defaultDir(int tracks, long seed) {
        String base = System.getenv("RESONANCE_BENCH_DIR");
        Path root = base != null && !base.isBlank() ? Path.of(base) : Path.of("/tmp/resonance-bench");
        String shape = FLAC_SHARE == 0.30 && COVER_SHARE == 0.5 ? "" : String.format(Locale.ROOT, "-flac%.2f-covers%.2f", FLAC_SHARE, COVER_SHARE);
        return root.resolve("library-" + tracks + "-seed" + seed + shape);
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: LibraryGenerator <dir> <tracks> [--seed N] [--threads N] [--touch FRACTION] [--verify N]");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        int tracks = Integer.parseInt(args[1].replace("_", ""));
        long seed = 42;
        int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
        Double touch = null;
        int verify = 0;
        for (int i = 2; i < args.length; i++) {
            switch (args[i]) {
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--touch" -> touch = Double.parseDouble(args[++i]);
                case "--verify" -> verify = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Plan plan = ensure(dir, tracks, seed, threads);
        if (touch != null) {
            Touched t = touch(dir, plan, touch);
            System.err.printf("touched %d files (%d with a new title)%n", t.mtimeOnly() + t.retitled(), t.retitled());
        }
        if (verify > 0) {
            Verify.Result r = Verify.sample(dir, plan, verify, seed);
            System.err.println(r);
            if (!r.ok()) {
                System.exit(1);
            }
        }
    }
}
