package dev.resonance.plugin.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.resonance.api.error.ResonanceException;
import dev.resonance.api.library.AlbumInfo;
import dev.resonance.api.library.ArtistInfo;
import dev.resonance.api.library.CatalogPage;
import dev.resonance.api.library.EmbeddedLyrics;
import dev.resonance.api.library.TrackInfo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class TestCatalogTest {

    private final TestCatalog catalog =
        new TestCatalog(Descriptors.withPermissions("{\"catalog\": {\"reason\": \"match tracks\"}}"));

    @Test
    void everyCallWithoutTheCatalogPermissionIsForbiddenAndSaysWhatToDeclare() {
        TestCatalog undeclared = new TestCatalog(Descriptors.withPermissions("{}"));
        undeclared.add(Tracks.track(1, "Song", "Band").build());

        List<Executable> calls = List.of(() -> undeclared.track(1), () -> undeclared.album(1),
            () -> undeclared.artist(1), () -> undeclared.tracksByIsrc("X"),
            () -> undeclared.tracksByRecordingMbid(UUID.randomUUID()), () -> undeclared.tracks(Optional.empty(), 1),
            () -> undeclared.changedTracks(Optional.empty(), 1), () -> undeclared.embeddedLyrics(1),
            () -> undeclared.file(1));
        for (Executable call : calls) {
            assertThatThrownBy(call::execute).isInstanceOfSatisfying(ResonanceException.class,
                    e -> assertThat(e.kind()).isEqualTo(ResonanceException.Kind.FORBIDDEN))
                .hasMessageContaining("without declaring the \"catalog\" permission in META-INF/resonance/plugin.json");
        }
    }

    @Test
    void aTracksFileNeedsLibraryFilesAsWell() {
        catalog.add(Tracks.track(1, "Song", "Band").build());
        catalog.putFile(1, Path.of("/music/song.flac"));

        assertThatThrownBy(() -> catalog.file(1)).isInstanceOf(ResonanceException.class)
            .hasMessageContaining("called Catalog.file without declaring the \"library-files\" permission");

        TestCatalog withFiles = new TestCatalog(Descriptors.withPermissions(
            "{\"catalog\": {\"reason\": \"match\"}, \"library-files\": {\"reason\": \"read .lrc files\"}}"));
        withFiles.add(Tracks.track(1, "Song", "Band").build());
        withFiles.putFile(1, Path.of("/music/song.flac"));
        assertThat(withFiles.file(1)).contains(Path.of("/music/song.flac"));
        assertThat(withFiles.file(2)).isEmpty();
    }

    @Test
    void findsWhatTheTestAddedByIdIsrcAndRecording() {
        UUID recording = UUID.fromString("0b3a1e5f-4c8d-4a37-9a4f-2f0e8b1c7d11");
        TrackInfo song = catalog.add(Tracks.track(1, "Song", "Band").album(10, "Album", "Band").isrc("USRC17607839")
            .recordingMbid(recording).build());
        catalog.add(new AlbumInfo(10, "Album", "Band", Optional.of(1999), Optional.empty(), Optional.empty(), 1));
        catalog.add(new ArtistInfo(20, "Band", Optional.empty()));

        assertThat(catalog.track(1)).contains(song);
        assertThat(catalog.track(2)).isEmpty();
        assertThat(catalog.tracksByIsrc("usrc17607839")).containsExactly(song);
        assertThat(catalog.tracksByRecordingMbid(recording)).containsExactly(song);
        assertThat(catalog.album(10)).get().extracting(AlbumInfo::year).isEqualTo(Optional.of(1999));
        assertThat(catalog.artist(20)).get().extracting(ArtistInfo::name).isEqualTo("Band");
    }

    @Test
    void embeddedLyricsAreTheTracksAndGoWithIt() {
        catalog.add(Tracks.track(1, "Song", "Band").hasLyrics(true).build());
        EmbeddedLyrics uslt = new EmbeddedLyrics(EmbeddedLyrics.Kind.ID3_USLT, "eng", "",
            "[00:01.00]Hello".getBytes(StandardCharsets.UTF_8));
        catalog.addEmbeddedLyrics(1, uslt);

        assertThat(catalog.embeddedLyrics(1)).containsExactly(uslt);
        catalog.remove(1);
        assertThat(catalog.embeddedLyrics(1)).isEmpty();
        assertThat(catalog.track(1)).isEmpty();
    }

    @Test
    void theCallsThePluginMadeAreListedRefusedOnesIncludedButNotWhatTheTestAdded() {
        catalog.add(Tracks.track(1, "Song", "Band").build());
        catalog.putFile(1, Path.of("/music/song.flac"));
        assertThat(catalog.calls()).isEmpty();

        catalog.track(1);
        catalog.embeddedLyrics(1);
        assertThatThrownBy(() -> catalog.file(1)).isInstanceOf(ResonanceException.class);

        assertThat(catalog.calls()).containsExactly("Catalog.track", "Catalog.embeddedLyrics", "Catalog.file");
    }

    @Test
    void tracksComeInIdOrderAPageAtATimeAndOnlyHandedOutCursorsAreAccepted() {
        for (long id : List.of(5L, 1L, 3L)) {
            catalog.add(Tracks.track(id, "Song " + id, "Band").build());
        }

        CatalogPage<TrackInfo> first = catalog.tracks(Optional.empty(), 2);
        CatalogPage<TrackInfo> second = catalog.tracks(first.next(), 2);

        assertThat(first.items()).extracting(TrackInfo::id).containsExactly(1L, 3L);
        assertThat(second.items()).extracting(TrackInfo::id).containsExactly(5L);
        assertThat(second.next()).isEmpty();
        assertThatThrownBy(() -> catalog.tracks(Optional.of("3"), 2)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("not a cursor this catalog handed out");
        assertThatThrownBy(() -> catalog.tracks(Optional.empty(), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> catalog.tracks(Optional.empty(), 501)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void changedTracksComeOldestChangeFirstAndTheCursorAlwaysContinues() {
        catalog.add(Tracks.track(1, "One", "Band").build());
        catalog.add(Tracks.track(2, "Two", "Band").build());

        CatalogPage<TrackInfo> all = catalog.changedTracks(Optional.empty(), 10);
        assertThat(all.items()).extracting(TrackInfo::id).containsExactly(1L, 2L);
        CatalogPage<TrackInfo> nothingYet = catalog.changedTracks(all.next(), 10);
        assertThat(nothingYet.items()).isEmpty();
        assertThat(nothingYet.next()).isPresent();

        catalog.add(Tracks.track(1, "One (edited)", "Band").build());
        catalog.add(Tracks.track(3, "Three", "Band").build());
        catalog.remove(2);

        assertThat(catalog.changedTracks(nothingYet.next(), 10).items()).extracting(TrackInfo::title)
            .containsExactly("One (edited)", "Three");
        assertThatThrownBy(() -> catalog.tracks(all.next(), 10)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("a cursor of another listing");
    }
}
