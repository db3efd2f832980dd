package dev.resonance.plugin.subsonic.testing;

import dev.resonance.api.auth.Permission;
import dev.resonance.api.client.AudioFile;
import dev.resonance.api.client.ReplayGain;
import dev.resonance.plugin.testkit.PluginHarness;
import dev.resonance.plugin.testkit.TestClientLibrary;
import dev.resonance.plugin.testkit.TestClientLibrary.Kind;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The library every Subsonic test serves: two libraries, artists whose names start with an article, an accent and a
 * digit, albums and songs with every field the core knows (dates, labels, MusicBrainz ids, ReplayGain, ISRC, BPM,
 * several artists), a song on no album, and Alice's likes, ratings and plays. Users: Alice (AccessCatalog) with an
 * app password for her phone and one she uses as an API key; Bob without AccessCatalog.
 */
public final class SampleLibrary {

    public static final String ALICE = "alice";
    public static final String ALICE_PASSWORD = "phone-Sesame-1";
    public static final String ALICE_API_KEY = "key-8f14e45fceea167a5a36dedd4bea2543";
    public static final String BOB = "bob";
    public static final String BOB_PASSWORD = "bob-Secret-2";

    public static final long SUNDAY = 1;
    /** Alice's web player's device. */
    public static final long WEB_PLAYER = 500;
    public static final long MUSIC = 1;
    public static final long AUDIOBOOKS = 2;

    public static final long BEATLES = 1;
    public static final long BJORK = 2;
    public static final long MCCARTNEY = 3;
    public static final long TUPAC = 4;
    public static final long NARRATOR = 5;
    public static final long EMILIE = 6;

    public static final long HELP = 10;
    public static final long ABBEY_ROAD = 11;
    public static final long DEBUT = 12;
    public static final long ALL_EYEZ = 13;
    public static final long STORIES = 14;
    public static final long VEGETAL = 15;

    public static final long HELP_SONG = 100;
    public static final long YESTERDAY = 101;
    public static final long COME_TOGETHER = 102;
    public static final long SOMETHING = 103;
    public static final long HUMAN_BEHAVIOUR = 104;
    public static final long VENUS = 105;
    public static final long CALIFORNIA_LOVE = 106;
    public static final long CHAPTER_ONE = 107;
    public static final long ROSE = 108;
    public static final long LOOSE_SONG = 109;

    public static final UUID BEATLES_MBID = UUID.fromString("b10bbbfc-cf9e-42e0-be17-e2c3e1d2600d");
    public static final UUID HELP_MBID = UUID.fromString("7b0f5a7e-8c1c-4c1a-9a5e-0c3c4a7c2f11");
    public static final UUID HELP_SONG_MBID = UUID.fromString("c1a8f4d2-7a1e-4f6b-8e9d-2b3c4d5e6f70");

    public final long alice;
    public final long bob;

    private SampleLibrary(long alice, long bob) {
        this.alice = alice;
        this.bob = bob;
    }

    public static SampleLibrary fill(PluginHarness harness) {
        TestClientLibrary library = harness.clientLibrary();
        library.library(MUSIC, "Music");
        library.library(AUDIOBOOKS, "Audiobooks");

        library.artist(BEATLES, "The Beatles").sortName("Beatles").mbid(BEATLES_MBID).imageId(501);
        library.artist(BJORK, "Björk");
        library.artist(MCCARTNEY, "Paul McCartney").sortName("McCartney, Paul");
        library.artist(TUPAC, "2Pac");
        library.artist(NARRATOR, "Narrator");
        library.artist(EMILIE, "Émilie Simon");

        library.album(HELP, "Help!", BEATLES).year(1965).releaseDate("1965-08-06").originalDate("1965")
            .genres("Rock", "Pop").coverImageId(601).label("Parlophone").mbid(HELP_MBID)
            .addedAt(Instant.parse("2025-01-01T10:00:00Z"));
        library.album(ABBEY_ROAD, "Abbey Road", BEATLES).year(1969).genres("Rock").coverImageId(602)
            .addedAt(Instant.parse("2025-02-01T10:00:00Z"));
        library.album(DEBUT, "Debut", BJORK).year(1993).releaseDate("1993-07").genres("Electronic")
            .addedAt(Instant.parse("2025-03-01T10:00:00Z"));
        library.album(ALL_EYEZ, "All Eyez on Me", TUPAC).year(1996).genres("Hip-Hop").compilation(false)
            .addedAt(Instant.parse("2025-04-01T10:00:00Z"));
        library.album(STORIES, "Stories", NARRATOR).library(AUDIOBOOKS)
            .addedAt(Instant.parse("2025-05-01T10:00:00Z"));
        library.album(VEGETAL, "Végétal", EMILIE).year(2004).genres("Electronic")
            .addedAt(Instant.parse("2025-06-01T10:00:00Z"));

        library.song(HELP_SONG, "Help!", HELP).disc(1).track(1).durationMs(138_400).bpm(95.4f).isrc("GBAYE6500524")
            .mbid(HELP_SONG_MBID).replayGain(new ReplayGain(Optional.of(-6.5f), Optional.of(0.98f),
                Optional.of(-7.25f), Optional.of(1.0f)));
        library.song(YESTERDAY, "Yesterday", HELP).disc(1).track(13).durationMs(125_000).artists(BEATLES, MCCARTNEY)
            .displayArtist("The Beatles feat. Paul McCartney");
        library.song(COME_TOGETHER, "Come Together", ABBEY_ROAD).disc(1).track(1).durationMs(259_000);
        library.song(SOMETHING, "Something", ABBEY_ROAD).disc(1).track(2).durationMs(182_000);
        library.song(HUMAN_BEHAVIOUR, "Human Behaviour", DEBUT).track(1).durationMs(252_000);
        library.song(VENUS, "Venus as a Boy", DEBUT).track(2).durationMs(281_000);
        library.song(CALIFORNIA_LOVE, "California Love", ALL_EYEZ).track(1).durationMs(284_000)
            .file(new AudioFile("mp3", "audio/mpeg", "mp3", 11_400_000, 320, 44_100, 0, 2));
        library.song(CHAPTER_ONE, "Chapter One", STORIES).track(1).durationMs(1_800_000);
        library.song(ROSE, "Rose", VEGETAL).track(3).durationMs(201_000);
        library.single(LOOSE_SONG, "Loose Song", BJORK).year(2001).genres("Electronic").durationMs(199_000);

        long alice = harness.clientAccess().addUser(ALICE, Permission.ACCESS_CATALOG, Permission.LIKE_CONTENT);
        harness.clientAccess().addAppPassword(ALICE, ALICE_PASSWORD);
        harness.clientAccess().addAppPassword(ALICE, ALICE_API_KEY);
        long bob = harness.clientAccess().addUser(BOB, Permission.LIKE_CONTENT);
        library.playlist(SUNDAY, alice, ALICE, "Sunday morning", HELP_SONG, VENUS).makePublic(false);
        library.similar(HELP_SONG, YESTERDAY, VENUS, 999L);
        library.similar(COME_TOGETHER, SOMETHING, HUMAN_BEHAVIOUR);
        library.similar(VENUS, HUMAN_BEHAVIOUR, LOOSE_SONG, HELP_SONG);
        library.recommenders(true); // sonicSimilarity is offered
        // Alice's web player, paused in Human Behaviour (getNowPlaying)
        library.player(alice, WEB_PLAYER, "Web player", HUMAN_BEHAVIOUR, false, 42_000, harness.clock().instant());
        // synced with word times on its first line, and a plain copy (as a lyrics plugin finds them)
        library.lyrics(HELP_SONG,
            new dev.resonance.api.lyrics.Lyrics("en", true, 100, java.util.Optional.of("The Beatles"), java.util.Optional.of("Help!"),
                List.of(new dev.resonance.api.lyrics.LyricLine(java.util.OptionalLong.of(1_000), "Help, I need somebody", List.of(
                        new dev.resonance.api.lyrics.WordCue(1_000, java.util.OptionalLong.of(1_600), "Help,"),
                        new dev.resonance.api.lyrics.WordCue(1_600, java.util.OptionalLong.of(1_900), "I"),
                        new dev.resonance.api.lyrics.WordCue(1_900, java.util.OptionalLong.of(2_400), "need"),
                        new dev.resonance.api.lyrics.WordCue(2_400, java.util.OptionalLong.of(3_300), "somebody"))),
                    dev.resonance.api.lyrics.LyricLine.timed(3_500, "Help, not just anybody"))),
            new dev.resonance.api.lyrics.Lyrics("en", false, 0, java.util.Optional.empty(), java.util.Optional.empty(),
                List.of(dev.resonance.api.lyrics.LyricLine.plain("Help, I need somebody"))));
        harness.clientAccess().addAppPassword(BOB, BOB_PASSWORD);

        library.like(alice, Kind.ARTIST, BEATLES, Instant.parse("2025-07-01T08:00:00Z"));
        library.like(alice, Kind.ALBUM, DEBUT, Instant.parse("2025-07-02T08:00:00Z"));
        library.like(alice, Kind.SONG, HELP_SONG, Instant.parse("2025-07-03T08:00:00Z"));
        library.like(alice, Kind.SONG, HUMAN_BEHAVIOUR, Instant.parse("2025-07-04T08:00:00Z"));
        library.rate(alice, Kind.ALBUM, HELP, 5);
        library.rate(alice, Kind.SONG, YESTERDAY, 4);
        for (int i = 0; i < 3; i++) {
            library.play(alice, HELP_SONG, Instant.parse("2025-08-0" + (i + 1) + "T20:00:00Z"));
        }
        library.play(alice, COME_TOGETHER, Instant.parse("2025-08-05T20:00:00Z"));
        library.play(alice, HUMAN_BEHAVIOUR, Instant.parse("2025-08-06T20:00:00Z"));
        library.play(alice, HUMAN_BEHAVIOUR, Instant.parse("2025-08-07T20:00:00Z"));
        // where Alice is in the audiobook (getBookmarks)
        library.bookmark(alice, CHAPTER_ONE, 754_000, Optional.of("the storm"), Instant.parse("2025-09-01T21:00:00Z"),
            Instant.parse("2025-09-02T22:30:00Z"));
        return new SampleLibrary(alice, bob);
    }
}
