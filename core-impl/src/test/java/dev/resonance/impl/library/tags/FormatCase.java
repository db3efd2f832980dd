package dev.resonance.impl.library.tags;

import dev.resonance.api.library.EmbeddedLyrics;
import dev.resonance.testing.audio.AudioFixtures;
import dev.resonance.testing.audio.FixtureFormat;
import dev.resonance.testing.audio.FixtureTags;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;

/** The formats under test: every {@link FixtureFormat}, MP3 twice (ID3v2.4 and ID3v2.3). */
enum FormatCase {
    MP3_ID3V24(FixtureFormat.MP3, 4, "mp3", "mp3"),
    MP3_ID3V23(FixtureFormat.MP3, 3, "mp3", "mp3"),
    FLAC(FixtureFormat.FLAC, 4, "flac", "flac"),
    OGG_VORBIS(FixtureFormat.OGG_VORBIS, 4, "ogg", "vorbis"),
    OPUS(FixtureFormat.OPUS, 4, "opus", "opus"),
    M4A_AAC(FixtureFormat.M4A_AAC, 4, "m4a", "aac"),
    M4A_ALAC(FixtureFormat.M4A_ALAC, 4, "m4a", "alac"),
    WAV(FixtureFormat.WAV, 4, "wav", "pcm"),
    AIFF(FixtureFormat.AIFF, 4, "aiff", "pcm");

    final FixtureFormat fixture;
    final int id3Version;
    final String format;
    final String codec;

    FormatCase(FixtureFormat fixture, int id3Version, String format, String codec) {
        this.fixture = fixture;
        this.id3Version = id3Version;
        this.format = format;
        this.codec = codec;
    }

    static Stream<FormatCase> all() {
        return Arrays.stream(values());
    }

    /** One case per container format (MP3 once). */
    static Stream<FormatCase> containers() {
        return all().filter(c -> c != MP3_ID3V23);
    }

    AudioFixtures.Builder fixture() {
        return AudioFixtures.create(fixture).id3Version(id3Version);
    }

    Path write(Path dir, String name, FixtureTags tags) {
        return fixture().tags(tags).name(name + "-" + name().toLowerCase()).writeTo(dir);
    }

    /** Where our fixture writer puts a file's lyrics: USLT for ID3 (MP3, and the ID3 chunk of WAV and AIFF). */
    EmbeddedLyrics.Kind lyricsKind() {
        return switch (fixture) {
            case MP3, WAV, AIFF -> EmbeddedLyrics.Kind.ID3_USLT;
            case FLAC, OGG_VORBIS, OPUS -> EmbeddedLyrics.Kind.VORBIS_LYRICS;
            case M4A_AAC, M4A_ALAC -> EmbeddedLyrics.Kind.MP4_LYR;
        };
    }

    boolean lossless() {
        return fixture.lossless();
    }
}
