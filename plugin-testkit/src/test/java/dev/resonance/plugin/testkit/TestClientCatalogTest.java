package dev.resonance.plugin.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.resonance.api.auth.Caller;
import dev.resonance.api.auth.Permission;
import dev.resonance.api.auth.Role;
import dev.resonance.api.client.Album;
import dev.resonance.api.client.Artist;
import dev.resonance.api.client.ClientCatalog;
import dev.resonance.api.client.ClientCatalog.AlbumOrder;
import dev.resonance.api.client.ClientCatalog.Filter;
import dev.resonance.api.client.ClientCatalog.Window;
import dev.resonance.api.client.Song;
import dev.resonance.api.error.ResonanceException;
import dev.resonance.plugin.testkit.TestClientLibrary.Kind;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TestClientCatalogTest {

    private static final Window ALL = new Window(0, 500);

    private final TestClientLibrary library = new TestClientLibrary();
    private final Caller alice = caller(1, Permission.ACCESS_CATALOG);
    private final Caller bob = caller(2, Permission.ACCESS_CATALOG);

    @BeforeEach
    void aSmallLibrary() {
        library.library(1, "Music");
        library.library(2, "Audiobooks");
        library.artist(10, "The Beatles").sortName("Beatles");
        library.artist(11, "Björk");
        library.artist(12, "Narrator");
        library.album(20, "Help!", 10).year(1965).genres("Rock").coverImageId(7)
            .addedAt(Instant.parse("2025-01-01T00:00:00Z"));
        library.album(21, "Debut", 11).year(1993).genres("Pop", "Electronic")
            .addedAt(Instant.parse("2025-02-01T00:00:00Z"));
        library.album(22, "Stories", 12).library(2);
        library.song(30, "Help!", 20).track(1).durationMs(138_000);
        library.song(31, "Yesterday", 20).track(2).durationMs(125_000);
        library.song(32, "Human Behaviour", 21).track(1).durationMs(252_000);
        library.song(33, "Chapter One", 22).track(1);
    }

    @Test
    void theViewComputesCountsDisplayNamesAndWhatTheSongInherits() {
        ClientCatalog catalog = library.catalogFor(alice);

        Album help = catalog.album(20).orElseThrow().album();
        assertThat(help.artist()).isEqualTo("The Beatles");
        assertThat(help.songCount()).isEqualTo(2);
        assertThat(help.durationMs()).isEqualTo(263_000);
        Song song = catalog.song(31).orElseThrow();
        assertThat(song.album()).isEqualTo("Help!");
        assertThat(song.albumId()).contains(20L);
        assertThat(song.year()).contains(1965);
        assertThat(song.genres()).containsExactly("Rock");
        assertThat(song.coverImageId()).contains(7L);
        assertThat(catalog.album(20).orElseThrow().songs()).extracting(Song::title).containsExactly("Help!", "Yesterday");
        assertThat(catalog.artist(10).orElseThrow().artist().albumCount()).isEqualTo(1);
        assertThat(catalog.albumArtists(Optional.of(1L))).extracting(Artist::name).containsExactly("The Beatles", "Björk");
    }

    @Test
    void aUserSeesOnlyTheirLibrariesAndOtherIdsAreAbsent() {
        library.restrict(2, 1L);
        ClientCatalog catalog = library.catalogFor(bob);

        assertThat(catalog.libraries()).extracting(ClientCatalog.Library::name).containsExactly("Music");
        assertThat(catalog.album(22)).isEmpty();
        assertThat(catalog.song(33)).isEmpty();
        assertThat(catalog.artist(12)).isEmpty();
        assertThat(catalog.songs(List.of(33L, 30L, 30L, 99L))).extracting(Song::id).containsExactly(30L);
        assertThat(library.catalogFor(alice).album(22)).isPresent();
    }

    @Test
    void marksAreEachUsersOwnAndPlaysAddUpToAlbumsAndArtists() {
        library.like(1, Kind.SONG, 30, Instant.parse("2025-03-01T00:00:00Z"));
        library.like(1, Kind.ALBUM, 21, Instant.parse("2025-03-02T00:00:00Z"));
        library.rate(1, Kind.ALBUM, 20, 4);
        library.play(1, 30, Instant.parse("2025-04-01T00:00:00Z"));
        library.play(1, 31, Instant.parse("2025-04-02T00:00:00Z"));
        library.play(2, 31, Instant.parse("2025-04-03T00:00:00Z"));

        ClientCatalog catalog = library.catalogFor(alice);
        Album help = catalog.album(20).orElseThrow().album();
        assertThat(help.marks().plays()).isEqualTo(2);
        assertThat(help.marks().rating()).contains(4);
        assertThat(help.marks().lastPlayed()).contains(Instant.parse("2025-04-02T00:00:00Z"));
        assertThat(catalog.liked(Optional.empty()).songs()).extracting(Song::id).containsExactly(30L);
        assertThat(catalog.liked(Optional.empty()).albums()).extracting(Album::id).containsExactly(21L);
        assertThat(library.catalogFor(bob).song(30).orElseThrow().marks().liked()).isEmpty();
        assertThat(catalog.topSongs("the beatles", 10)).extracting(Song::id).containsExactly(31L, 30L);
    }

    @Test
    void albumListsKeepTheirOrdersFiltersAndWindows() {
        ClientCatalog catalog = library.catalogFor(alice);

        assertThat(catalog.albums(AlbumOrder.NEWEST, Filter.NONE, ALL)).extracting(Album::id)
            .containsExactly(22L, 21L, 20L);
        assertThat(catalog.albums(AlbumOrder.BY_TITLE, Filter.NONE, new Window(1, 1))).extracting(Album::id)
            .containsExactly(20L);
        assertThat(catalog.albums(AlbumOrder.BY_ARTIST, Filter.NONE, ALL)).extracting(Album::id)
            .containsExactly(20L, 21L, 22L);
        assertThat(catalog.albums(AlbumOrder.BY_YEAR, new Filter(Optional.empty(), Optional.empty(), Optional.of(2000),
            Optional.of(1960)), ALL)).extracting(Album::id).containsExactly(21L, 20L);
        assertThat(catalog.albums(AlbumOrder.BY_TITLE, new Filter(Optional.of(2L), Optional.empty(), Optional.empty(),
            Optional.empty()), ALL)).extracting(Album::id).containsExactly(22L);
        assertThat(catalog.albums(AlbumOrder.RANDOM, new Filter(Optional.empty(), Optional.of("electronic"),
            Optional.empty(), Optional.empty()), ALL)).extracting(Album::id).containsExactly(21L);
        assertThat(catalog.albums(AlbumOrder.HIGHEST_RATED, Filter.NONE, ALL)).isEmpty();
        assertThat(catalog.genres()).extracting(ClientCatalog.Genre::name).containsExactly("Electronic", "Pop", "Rock");
        assertThat(catalog.genres()).filteredOn(g -> g.name().equals("Rock"))
            .singleElement().satisfies(g -> {
                assertThat(g.albumCount()).isEqualTo(1);
                assertThat(g.songCount()).isEqualTo(2);
            });
        assertThat(catalog.songsByGenre(new Filter(Optional.empty(), Optional.of("Rock"), Optional.empty(),
            Optional.empty()), new Window(1, 10))).extracting(Song::id).containsExactly(31L);
        assertThat(catalog.randomSongs(new Filter(Optional.empty(), Optional.empty(), Optional.of(1990),
            Optional.empty()), 10)).extracting(Song::id).containsExactly(32L);
    }

    @Test
    void searchMatchesWordPrefixesIgnoringCaseAndAccentsAndAnEmptyQueryListsEverything() {
        ClientCatalog catalog = library.catalogFor(alice);

        ClientCatalog.Found bjork = catalog.search("BJO", Optional.empty(), ALL, ALL, ALL);
        assertThat(bjork.artists()).extracting(Artist::id).containsExactly(11L);
        assertThat(bjork.albums()).extracting(Album::id).containsExactly(21L);
        assertThat(bjork.songs()).extracting(Song::id).containsExactly(32L);
        assertThat(catalog.search("help beat", Optional.empty(), ALL, ALL, ALL).songs()).extracting(Song::id)
            .containsExactly(30L, 31L);
        assertThat(catalog.search("elp", Optional.empty(), ALL, ALL, ALL).songs()).isEmpty();

        ClientCatalog.Found everything = catalog.search("", Optional.empty(), new Window(0, 2), ALL, new Window(2, 10));
        assertThat(everything.artists()).extracting(Artist::name).containsExactly("The Beatles", "Björk");
        assertThat(everything.albums()).hasSize(3);
        assertThat(everything.songs()).extracting(Song::title).containsExactly("Human Behaviour", "Yesterday");
    }

    @Test
    void aCallerWithoutAccessCatalogIsRefusedEverything() {
        TestClientCatalog catalog = library.catalogFor(caller(3, Permission.LIKE_CONTENT));

        assertThatThrownBy(catalog::libraries).isInstanceOfSatisfying(ResonanceException.class,
            e -> assertThat(e.kind()).isEqualTo(ResonanceException.Kind.FORBIDDEN));
        assertThatThrownBy(() -> catalog.search("", Optional.empty(), ALL, ALL, ALL))
            .isInstanceOf(ResonanceException.class);
        assertThat(catalog.calls()).containsExactly("ClientCatalog.libraries", "ClientCatalog.search");
    }

    private static Caller caller(long id, Permission... permissions) {
        return new Caller(id, "user" + id, Role.REGULAR, Set.of(permissions), 100 + id, UUID.randomUUID());
    }
}
