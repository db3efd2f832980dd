package dev.resonance.impl.library.scan;

import dev.resonance.api.library.ArtistRole;
import dev.resonance.api.library.EmbeddedLyrics;
import dev.resonance.impl.library.tags.AudioTags;
import dev.resonance.impl.library.tags.TagReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * A stand-in reader for scanner tests: ".mp3" files holding Java properties instead of audio, so tests can make
 * thousands of files and exercise diffing, moves and missing files without encoding audio. The real readers are
 * tested on real files in the tags package. A file without a "title" line is "corrupt". Lyrics: a "lyrics" line of
 * entries separated by ";", each "KIND|language|description|text" (the text stored as UTF-8); "warning": what the
 * reader says it left out.
 */
public final class PropertiesTagReader implements TagReader {

    @Override
    public Set<String> extensions() {
        return Set.of("mp3");
    }

    public static void write(Path file, String... keyValues) throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < keyValues.length; i += 2) {
            text.append(keyValues[i]).append('=').append(keyValues[i + 1]).append('\n');
        }
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    @Override
    public AudioTags read(Path file) throws IOException, UnreadableAudioException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        if (p.getProperty("title") == null) {
            throw new UnreadableAudioException("not an MP3 file (no frame sync)", null);
        }
        List<AudioTags.Credit> credits = new ArrayList<>();
        list(p, "artist").forEach(a -> credits.add(new AudioTags.Credit(a, ArtistRole.PERFORMER)));
        list(p, "featured").forEach(a -> credits.add(new AudioTags.Credit(a, ArtistRole.FEATURED)));
        list(p, "composer").forEach(a -> credits.add(new AudioTags.Credit(a, ArtistRole.COMPOSER)));
        return new AudioTags("mp3", "mp3", Long.parseLong(p.getProperty("duration", "1000")), 128, 44100, 0, 2,
                opt(p, "title"), Optional.empty(), opt(p, "album"), Optional.empty(), opt(p, "version"), list(p, "albumartist"),
                Optional.empty(), credits, Optional.empty(), opt(p, "track").map(Integer::parseInt), Optional.empty(),
                opt(p, "disc").map(Integer::parseInt), Optional.empty(), opt(p, "date"), Optional.empty(), list(p, "genre"),
                Optional.empty(), Boolean.parseBoolean(p.getProperty("compilation", "false")),
                opt(p, "rgtrackgain").map(Double::valueOf), opt(p, "rgtrackpeak").map(Double::valueOf),
                opt(p, "rgalbumgain").map(Double::valueOf), opt(p, "rgalbumpeak").map(Double::valueOf), Optional.empty(), opt(p, "isrc"),
                Optional.empty(), lyrics(p), opt(p, "mbrecording"), opt(p, "mbtrack"), opt(p, "mbalbum"), Optional.empty(), List.of(),
                List.of(), false, list(p, "warning"));
    }

    private static List<EmbeddedLyrics> lyrics(Properties p) {
        return list(p, "lyrics").stream().map(entry -> entry.split("\\|", 4))
                .map(f -> new EmbeddedLyrics(EmbeddedLyrics.Kind.valueOf(f[0]), f[1], f[2], f[3].getBytes(StandardCharsets.UTF_8)))
                .toList();
    }

    private static Optional<String> opt(Properties p, String key) {
        return Optional.ofNullable(p.getProperty(key)).filter(s -> !s.isBlank());
    }

    private static List<String> list(Properties p, String key) {
        return opt(p, key).map(v -> Arrays.stream(v.split(";")).map(String::strip).filter(s -> !s.isEmpty()).toList())
                .orElse(List.of());
    }

    @Override
    public Optional<EmbeddedPicture> embeddedPicture(Path file) {
        return Optional.empty();
    }
}
