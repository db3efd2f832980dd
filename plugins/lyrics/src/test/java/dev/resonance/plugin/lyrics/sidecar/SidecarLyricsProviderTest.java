package dev.resonance.plugin.lyrics.sidecar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resonance.api.library.TrackInfo;
import dev.resonance.api.lyrics.LyricLine;
import dev.resonance.api.lyrics.Lyrics;
import dev.resonance.plugin.lyrics.testing.Configs;
import dev.resonance.plugin.testkit.PluginHarness;
import dev.resonance.plugin.testkit.TestCatalog;
import dev.resonance.plugin.testkit.Tracks;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SidecarLyricsProviderTest {

    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final byte[] UTF16LE_BOM = {(byte) 0xFF, (byte) 0xFE};

    @TempDir
    Path album;

    private final TestCatalog catalog = PluginHarness.load().catalog();
    private final SidecarLyricsProvider provider = new SidecarLyricsProvider(catalog, Configs.defaults());
    private TrackInfo song;

    @BeforeEach
    void aTrackInTheAlbumFolder() throws IOException {
        song = withFile(1, Files.writeString(album.resolve("Song.flac"), "not audio"));
    }

    private static TrackInfo track(long id) {
        return Tracks.track(id, "Title " + id, "Artist " + id).build();
    }

    /** A track in the catalog whose file is {@code file}. */
    private TrackInfo withFile(long id, Path file) {
        TrackInfo track = catalog.add(track(id));
        catalog.putFile(id, file);
        return track;
    }

    private void write(String name, byte[]... parts) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        Files.write(album.resolve(name), out.toByteArray());
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void anLrcFileWithBomAndCrlfGivesSyncedLyrics() throws IOException {
        write("Song.lrc", UTF8_BOM, utf8("[ti:Song]\r\n[00:01.00]Première ligne\r\n[00:03.25]Second line\r\n"));

        assertThat(provider.lyrics(song)).singleElement().satisfies(lyrics -> {
            assertThat(lyrics.synced()).isTrue();
            assertThat(lyrics.displayTitle()).hasValue("Song");
            assertThat(lyrics.lines()).containsExactly(LyricLine.timed(1_000, "Première ligne"),
                LyricLine.timed(3_250, "Second line"));
        });
    }

    @Test
    void theExtensionMatchesInAnyCase() throws IOException {
        write("Song.LRC", utf8("[00:01.00]Upper case"));

        assertThat(provider.lyrics(song)).extracting(Lyrics::plainText).containsExactly("Upper case");
    }

    @Test
    void aTxtFileGivesUnsyncedLyricsInItsEncoding() throws IOException {
        write("Song.Txt", UTF16LE_BOM, "Zeile eins\r\n\r\nZeile zwei".getBytes(StandardCharsets.UTF_16LE));

        assertThat(provider.lyrics(song)).singleElement().satisfies(lyrics -> {
            assertThat(lyrics.synced()).isFalse();
            assertThat(lyrics.lines()).extracting(LyricLine::text).containsExactly("Zeile eins", "", "Zeile zwei");
        });
    }

    @Test
    void everySidecarCountsWordTimingsFirstThenLinesThenPlain() throws IOException {
        write("Song.txt", utf8("plain"));
        write("Song.lrc", utf8("[00:01.00]lines"));
        write("Song.elrc", utf8("[00:01.00]<00:01.00>word <00:01.50>timed"));

        assertThat(provider.lyrics(song)).extracting(Lyrics::plainText)
            .containsExactly("word timed", "lines", "plain");
    }

    @Test
    void filesOfOtherNamesAreNotTheTracks() throws IOException {
        write("song.lrc", utf8("[00:01.00]other case of the base name"));
        write("Song (live).lrc", utf8("[00:01.00]another track"));
        write("Song.flac.lrc", utf8("[00:01.00]named after the whole file name"));
        write("Song.lrc.bak", utf8("[00:01.00]a backup"));
        write("Song.srt", utf8("1\n00:00:01,000 --> 00:00:02,000\nsubtitles"));

        assertThat(provider.lyrics(song)).isEmpty();
    }

    @Test
    void aFileOverOneMebibyteIsSkippedAndOneOfExactlyThatSizeRead() throws IOException {
        byte[] line = utf8("[00:01.00]x\n");
        byte[] oversize = new byte[SidecarLyricsProvider.MAX_BYTES + 1];
        Arrays.fill(oversize, (byte) ' ');
        System.arraycopy(line, 0, oversize, 0, line.length);
        write("Song.lrc", oversize);
        write("Song.txt", Arrays.copyOf(oversize, SidecarLyricsProvider.MAX_BYTES));

        assertThat(provider.lyrics(song)).singleElement().satisfies(lyrics -> {
            assertThat(lyrics.synced()).isFalse();
            assertThat(lyrics.lines()).first().extracting(LyricLine::text).isEqualTo("[00:01.00]x");
        });
    }

    @Test
    void brokenOrEmptyFilesGiveNothingAndTheOthersStillCount() throws IOException {
        Files.createDirectory(album.resolve("Song.elrc"));
        write("Song.lrc", utf8("[ar:only headers]\n[length:03:00]\n"));
        write("Song.txt", utf8("kept"));

        assertThat(provider.lyrics(song)).extracting(Lyrics::plainText).containsExactly("kept");
    }

    @Test
    void nothingThereIsNoLyricsNotAnError() throws IOException {
        TrackInfo withoutFile = catalog.add(track(2));
        TrackInfo unknown = track(3);
        TrackInfo folderGone = withFile(4, album.resolve("gone").resolve("Song.flac"));

        assertThat(provider.lyrics(song)).isEmpty();
        assertThat(provider.lyrics(withoutFile)).isEmpty();
        assertThat(provider.lyrics(unknown)).isEmpty();
        assertThat(provider.lyrics(folderGone)).isEmpty();
    }

    @Test
    void aTrackWithoutExtensionStillHasSidecars() throws IOException {
        TrackInfo bare = withFile(2, Files.writeString(album.resolve("Bare"), "audio"));
        write("Bare.lrc", utf8("[00:02.00]found"));

        assertThat(provider.lyrics(bare)).extracting(Lyrics::plainText).containsExactly("found");
    }

    @Test
    void switchedOffItAnswersNothing() throws IOException {
        write("Song.lrc", utf8("[00:01.00]words"));

        provider.modified(Configs.lyrics(Map.of("sidecarEnabled", false)));
        assertThat(provider.lyrics(song)).isEmpty();

        provider.modified(Configs.defaults());
        assertThat(provider.lyrics(song)).hasSize(1);
        assertThat(provider.source()).isEqualTo("sidecar");
    }
}
